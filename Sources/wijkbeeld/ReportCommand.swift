import ArgumentParser
import Wijkbeeld

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Run the pipeline stages that exist on an input folder and write reports.")

    @Option(help: "Input folder.")
    var input = "data-samples"

    @Option(help: "Output folder.")
    var out = "reports"

    func run() throws {
        printError("report: not implemented yet")
        throw ExitCode(2)
    }
}
