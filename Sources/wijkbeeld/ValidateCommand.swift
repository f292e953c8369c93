import ArgumentParser
import Wijkbeeld

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Validate a folder of inputs and print the validation report.")

    @Argument(help: "Folder with CBS tables, school exports, care register and geo lookup.")
    var folder: String

    func run() throws {
        printError("validate: not implemented yet")
        throw ExitCode(2)
    }
}
