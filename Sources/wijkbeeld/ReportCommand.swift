import ArgumentParser
import Wijkbeeld

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Run the pipeline stages that exist on an input folder and write the outputs.")

    @Option(help: "Input folder.")
    var input = "data-samples"

    @Option(help: "Output folder.")
    var out = "reports"

    @Option(help: "Key file; without it the input must be a synthetic sample with its sample key.")
    var key: String?

    func run() throws {
        let report = try runReportingErrors {
            try StageReport.write(
                input: input, output: out, key: try PseudonymKey.resolve(keyFile: key, input: input))
        }
        print(report.text().split(separator: "\n").last.map(String.init) ?? "")
        print(
            "report: wrote \(out)/: validation.txt, validation.json, transform.txt, indicatoren.csv, indicatoren.json, README.md"
        )
        printError(
            "report: stages not built yet: \(StageReport.missingStages.joined(separator: ", ")); "
                + "ingest, transform and the first indicators ran")
        if !report.valid { throw ExitCode(65) }
    }
}
