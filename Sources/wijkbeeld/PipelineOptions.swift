import ArgumentParser
import Wijkbeeld

/// The options every command that runs the pipeline shares: where the inputs are, the key, the period.
struct PipelineOptions: ParsableArguments {
    @Option(help: "Input folder.")
    var input = "data-samples"

    @Option(help: "Key file (64 hex characters, mode 0600); without it the input must be a synthetic sample.")
    var key: String?

    @Option(help: "Calendar year of the period; the reference date is 31 December of it.")
    var period = 2023

    func resolveKey() throws -> PseudonymKey {
        try PseudonymKey.resolve(keyFile: key, input: input)
    }
}
