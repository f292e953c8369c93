import ArgumentParser
import Foundation
import Wijkbeeld

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every period, district and language of a configuration file (a researcher's batch).",
        discussion: "Writes <output>/<period>/ report sets. See config/example.yaml for every setting.")

    @Option(help: "The YAML configuration file.")
    var config: String

    @Option(help: "Log format on standard output: text or jsonl.")
    var logFormat: RunLog.Format = .text

    func run() throws {
        let outcomes = try runReportingErrors {
            let configuration = try RunConfiguration.load(config)
            let key = try PseudonymKey.resolve(keyFile: configuration.key, input: configuration.input)
            return try BatchRun.run(
                configuration, key: key, log: RunLog(format: logFormat),
                commit: ProcessInfo.processInfo.environment["WIJKBEELD_GIT_COMMIT"] ?? "onbekend")
        }
        for outcome in outcomes {
            printError(
                "run: \(outcome.period): \(outcome.cells) cells, \(outcome.suppressed) suppressed"
                    + (outcome.heldBack > 0 ? " (\(outcome.heldBack) held back by R9)" : "")
                    + "; wrote \(outcome.folder)")
        }
        // Exit 1: published, with cells held back by R9 (the README's table).
        if outcomes.contains(where: { $0.heldBack > 0 }) { throw ExitCode(1) }
    }
}

extension RunLog.Format: ExpressibleByArgument {}
