import ArgumentParser
import Wijkbeeld

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Run the pipeline stages that exist on an input folder and write the outputs.")

    @Option(help: "Input folder.")
    var input = "data-samples"

    @Option(help: "Output folder.")
    var out = "reports"

    func run() throws {
        let report = try runReportingErrors { try StageReport.write(input: input, output: out) }
        print(report.text().split(separator: "\n").last.map(String.init) ?? "")
        print("report: wrote \(out)/validation.txt, validation.json and README.md")
        printError(
            "report: stages not built yet: \(StageReport.missingStages.joined(separator: ", ")); "
                + "only the ingest stage ran")
        if !report.valid { throw ExitCode(65) }
    }
}
