import ArgumentParser
import Foundation
import Wijkbeeld

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run the whole pipeline on an input folder and write the report set.",
        discussion: """
            Writes rapport.html (self-contained, Dutch), rapport.md (the same numbers), indicatoren.csv and .json, \
            validation.txt and .json, transform.txt, README.md and manifest.json. The set is built next to the \
            output folder and swapped in whole; a failure leaves the previous set in place.
            """)

    @OptionGroup var pipeline: PipelineOptions

    @Option(help: "Output folder; replaced whole. It must be new, empty or an earlier report set.")
    var out = "reports"

    @Option(help: "Report language: nl or en.")
    var lang = "nl"

    @Option(help: "Code of the area the report is about.")
    var district = "doelgebied"

    @Option(
        name: .customLong("school-name"),
        help: ArgumentHelp(
            "A school's display name, as BRIN=NAME (repeatable); others are numbered.", valueName: "BRIN=NAME"))
    var schoolNames: [String] = []

    @Option(help: "Earlier years to compute for the sparklines.")
    var history = 2

    func run() throws {
        let summary = try runReportingErrors {
            guard ["nl", "en"].contains(lang) else {
                throw WijkbeeldError(.usage, "--lang \(lang): choose nl or en")
            }
            guard (0...10).contains(history) else {
                throw WijkbeeldError(.usage, "--history \(history): choose 0 to 10 earlier years")
            }
            var options = ReportOptions()
            options.language = lang
            guard AreaDefinition.defaults.contains(where: { $0.code == district }) else {
                throw WijkbeeldError(
                    .usage,
                    "--district \(district) is not an area; areas: "
                        + AreaDefinition.defaults.map(\.code).joined(separator: ", "))
            }
            guard AreaDefinition.isValidCode(district) else {
                throw WijkbeeldError(
                    .usage, "--district \(district): an area code is a letter, then letters, digits or _ (at most 40)")
            }
            options.district = district
            options.commit = ProcessInfo.processInfo.environment["WIJKBEELD_GIT_COMMIT"] ?? "onbekend"
            for pair in schoolNames {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw WijkbeeldError(.usage, "--school-name \(pair): write it as BRIN=NAME")
                }
                options.schoolNames[parts[0]] = parts[1]
            }
            return try ReportPublisher.write(
                input: pipeline.input, output: out, key: try pipeline.resolveKey(),
                period: try pipeline.resolvePeriod(), history: history, options: options)
        }
        print(summary.validation.text().split(separator: "\n").last.map(String.init) ?? "")
        print(
            "report: \(summary.cells) cells, \(summary.suppressed) suppressed; wrote \(out)/: "
                + summary.files.joined(separator: ", "))
        if summary.auditFailures > 0 {
            printError("report: \(summary.auditFailures) suppressed cells could not be fully protected (audit)")
        }
        if !summary.validation.valid { throw ExitCode(65) }
    }
}
