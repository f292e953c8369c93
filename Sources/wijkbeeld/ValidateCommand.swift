import ArgumentParser
import Foundation
import Wijkbeeld

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a folder of inputs against their table schemas and print the validation report.",
        discussion: "Exits 0 when every file is usable (rejected rows are reported), 65 when a file fails.")

    @Argument(help: "Folder with CBS tables, school exports, care register, crosswalk and geo lookup.")
    var folder: String

    @Flag(help: "Print the report as JSON (Frictionless shape) instead of text.")
    var json = false

    @Option(help: "Write rejected rows with their reasons to this folder (input data: keep it with the inputs).")
    var quarantine: String?

    func run() throws {
        let report = try runReportingErrors { try FolderValidator.validate(folder, quarantine: quarantine) }
        if json {
            let data = try runReportingErrors {
                do { return try report.json() } catch {
                    throw WijkbeeldError(.internal, "cannot encode the report", cause: "\(error)")
                }
            }
            FileHandle.standardOutput.write(data)
            print()
        } else {
            print(report.text(), terminator: "")
        }
        if !report.valid { throw ExitCode(65) }
    }
}
