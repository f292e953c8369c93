import ArgumentParser
import Foundation
import Wijkbeeld

/// `wijkbeeld national`: the CBS child indicators for every wijk of the country, or for the configured
/// areas, streamed from national files.
struct NationalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "national",
        abstract: "Stream national CBS files into the child indicators per wijk, after disclosure control.",
        discussion: """
            Computes the indicators that need only the person, address, household, income and youth-care \
            tables (IND01-IND04, IND06, IND07, IND10-IND12) without pseudonymising anything, since only \
            protected aggregates are written. Prints rows, time and peak memory per stage.
            """)

    @Option(help: "Input folder with the CBS tables.")
    var input = "data-samples"

    @Option(help: "The period: a year (2023) or a month (2023-06).")
    var period = "2023"

    @Option(
        help: "wijken: every wijk and gemeente; district: the default district areas with their buurten, as the report."
    )
    var scope = "wijken"

    @Option(help: "Byte ranges (threads) per file.")
    var parts = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Output folder for indicatoren.csv, indicatoren.json and national.txt.")
    var out: String

    @Option(help: "Also write the private checker file (unrounded values; never publish it) to this path.")
    var checker: String?

    func run() throws {
        let summary = try runReportingErrors { () throws -> String in
            guard let scope = NationalRun.Scope(rawValue: scope) else {
                throw WijkbeeldError(.usage, "unknown --scope \(scope); use wijken or district")
            }
            // Before any work: a folder that holds files wijkbeeld did not write is never replaced.
            try PublishedFolder.checkReplaceable(out)
            let options = TransformOptions(period: try ReportPeriod(parsing: period))
            let national = NationalRun(input: input, options: options, parts: parts)
            let result = try national.compute(scope: scope)
            if let checker {
                try AtomicFile.writePrivate(
                    IndicatorTableWriter.checker(result, options: options, policy: DisclosurePolicy()), to: checker,
                    outside: [out])
            }
            let suppressed = result.cells.filter(\.isSuppressed).count
            let text =
                national.summary()
                + "# \(result.cells.count) cells, \(suppressed) suppressed, \(result.failures.count) audit failures\n"
            let files =
                try IndicatorTableWriter.files(result) + [PublishedFolder.File("national.txt", Array(text.utf8))]
            try PublishedFolder.publish(PublishedFolder.withManifest(files), to: out)
            return text
        }
        print(summary, terminator: "")
    }
}
