import ArgumentParser
import Wijkbeeld

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Manage the secret pseudonymisation key.", subcommands: [New.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a fresh 256-bit key (64 hex characters) with mode 0600. Keep it outside the repository.")

        @Argument(help: "Where to write the key; the file must not exist.")
        var path: String

        func run() throws {
            try runReportingErrors { try PseudonymKey.create(at: path) }
            let key = try runReportingErrors { try PseudonymKey.load(path: path) }
            print("key: wrote \(path) (mode 0600), fingerprint \(key.fingerprint)")
        }
    }
}
