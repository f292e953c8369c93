import ArgumentParser
import Foundation
import Wijkbeeld

struct RefreshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract:
            "Refresh one period unattended (cron): lock, skip when unchanged, quarantine bad input, publish atomically.",
        discussion: """
            Exit codes: 0 published or unchanged, 1 published with cells held back (R9), 2 internal error, \
            64 usage, 65 an input failed validation and was quarantined (nothing published), 66 input missing, \
            73 cannot write, 75 another refresh runs or an input changed during the run, 78 configuration.
            """)

    @Option(help: "The YAML configuration file.")
    var config: String

    @Option(help: "The period to refresh, as YYYY-MM (or YYYY).")
    var period: String

    @Option(help: "Log format on standard output: jsonl (for cron) or text.")
    var logFormat: RunLog.Format = .jsonl

    func run() throws {
        let outcome = try runReportingErrors {
            let configuration = try RunConfiguration.load(config)
            let period = try ReportPeriod(parsing: period)
            let key = try PseudonymKey.resolve(keyFile: configuration.key, input: configuration.input)
            return try MonthlyRefresh.run(
                configuration, period: period, key: key, log: RunLog(format: logFormat),
                commit: ProcessInfo.processInfo.environment["WIJKBEELD_GIT_COMMIT"] ?? "onbekend",
                arguments: Array(CommandLine.arguments.dropFirst()))
        }
        printError("refresh \(period): \(outcome.message)")
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
