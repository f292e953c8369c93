import ArgumentParser
import Foundation
import Wijkbeeld

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Run the stages so far and write the indicator tables after disclosure control.")

    @OptionGroup var pipeline: PipelineOptions
    @OptionGroup var linkage: LinkageOption

    @Option(help: "Output folder for indicatoren.csv and indicatoren.json.")
    var out: String

    @Option(help: "Researcher-defined indicators, one per line: ID; label; numerator filter; denominator filter.")
    var define: String?

    @Option(
        help: ArgumentHelp(
            "Private release log (R9): cells that moved by fewer than 10 since their release are held back; "
                + "the cells published now are added."))
    var releaseLog: String?

    @Option(help: "Also write the private checker file (unrounded values; never publish it) to this path.")
    var checker: String?

    func run() throws {
        let result = try runReportingErrors {
            // Before any work: a folder that holds files wijkbeeld did not write is never replaced, and the
            // release log is never written for tables that could not be published.
            try PublishedFolder.checkReplaceable(out)
            let key = try pipeline.resolveKey()
            var transformOptions = TransformOptions(period: try pipeline.resolvePeriod())
            transformOptions.linkage = linkage.linkage
            let tables = try Transformer.run(input: pipeline.input, key: key, options: transformOptions)
            var definitions = IndicatorCatalogue.built
            if let define {
                guard let text = try? String(contentsOfFile: define, encoding: .utf8) else {
                    throw WijkbeeldError(.configuration, "cannot read the indicator definitions in \(define)")
                }
                definitions += try IndicatorSpecification.parse(text, file: define)
            }
            let released = try releaseLog.map { try ReleaseLog.read($0) } ?? [:]
            let result = try IndicatorCalculator.compute(tables, definitions: definitions, released: released)
            // The private files first: if one cannot be written nothing is published, and a release log is
            // never behind the tables that were released.
            if let checker {
                try AtomicFile.writePrivate(
                    IndicatorTableWriter.checker(result, options: tables.options, policy: DisclosurePolicy()),
                    to: checker, outside: [out])
            }
            if let releaseLog { try ReleaseLog.append(result.unrounded, to: releaseLog, outside: [out]) }
            try IndicatorTableWriter.write(result, to: out)
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
