import ArgumentParser
import Foundation
import Wijkbeeld

/// The options every command that runs the pipeline shares: where the inputs are, the key, the period.
struct PipelineOptions: ParsableArguments {
    @Option(help: "Input folder.")
    var input = "data-samples"

    @Option(help: "Key file (64 hex characters, mode 0600); without it the input must be a synthetic sample.")
    var key: String?

    @Option(
        help: ArgumentHelp(
            "The period: a year (2023) or a month (2023-06).",
            discussion: "The reference date is the period's last day; a month's facts run from 1 January to it."))
    var period = "2023"

    func resolvePeriod() throws -> ReportPeriod {
        try ReportPeriod(parsing: period)
    }

    func resolveKey() throws -> PseudonymKey {
        // A missing input folder is that, not a missing key (exit 66).
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue else {
            throw WijkbeeldError(.noInput, "input folder \(input) does not exist; give the folder with --input")
        }
        return try PseudonymKey.resolve(keyFile: key, input: input)
    }
}

/// The `--linkage` option of the commands that stop after the indicators.
struct LinkageOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How school and care records reach CBS persons: deterministic (BSN only) or probabilistic.",
            discussion: "deterministic is what the domain docs describe; the differential tests use it."))
    var linkage = RecordLinkage.probabilistic
}

extension RecordLinkage: ExpressibleByArgument {}
