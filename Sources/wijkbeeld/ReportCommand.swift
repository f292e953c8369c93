import ArgumentParser
import Wijkbeeld

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Run the pipeline stages that exist on an input folder and write the outputs.")

    @OptionGroup var pipeline: PipelineOptions

    @Option(help: "Output folder.")
    var out = "reports"

    func run() throws {
        let report = try runReportingErrors {
            try StageReport.write(
                input: pipeline.input, output: out, key: try pipeline.resolveKey(), period: try pipeline.resolvePeriod()
            )
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
