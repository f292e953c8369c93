import ArgumentParser
import Foundation
import Wijkbeeld

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Run the stages so far and write the indicator tables after disclosure control.")

    @Option(help: "Input folder.")
    var input = "data-samples"

    @Option(help: "Key file; without it the input must be a synthetic sample with its sample key.")
    var key: String?

    @Option(help: "Calendar year of the period.")
    var period = 2023

    @Option(help: "Output folder for indicatoren.csv and indicatoren.json.")
    var out: String

    func run() throws {
        let result = try runReportingErrors {
            let key = try PseudonymKey.resolve(keyFile: key, input: input)
            let tables = try Transformer.run(input: input, key: key, options: TransformOptions(year: period))
            let result = try IndicatorCalculator.compute(tables)
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw WijkbeeldError(.cannotWrite, "cannot create \(out): check that its parent is writable")
            }
            try AtomicFile.write(IndicatorTableWriter.csv(result), to: out + "/indicatoren.csv")
            let json: Data
            do { json = try IndicatorTableWriter.json(result) } catch {
                throw WijkbeeldError(.internal, "cannot encode the indicator table", cause: "\(error)")
            }
            try AtomicFile.write(Array(json) + [10], to: out + "/indicatoren.json")
            return result
        }
        let suppressed = result.cells.filter(\.isSuppressed).count
        print(
            "indicators: \(result.cells.count) cells, \(suppressed) suppressed; wrote \(out)/indicatoren.csv and .json")
        if !result.failures.isEmpty {
            printError("indicators: \(result.failures.count) suppressed cells could not be fully protected (audit)")
        }
    }
}
