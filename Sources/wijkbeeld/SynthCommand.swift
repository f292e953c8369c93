import ArgumentParser
import Wijkbeeld

#if canImport(Glibc)
    import Glibc
#endif

extension SynthScale: ExpressibleByArgument {}

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate a deterministic synthetic input set (CBS tables, school exports, care register).")

    @Option(help: "Seed; the same seed and scale give byte-identical files.")
    var seed: UInt64

    @Option(help: "district (~25 k persons), city (~220 k) or national (~18 M).")
    var scale: SynthScale

    @Option(help: "Output folder; must not exist or be empty unless --force.")
    var out: String

    @Flag(help: "Replace an existing, non-empty output folder.")
    var force = false

    @Option(
        name: .customLong("persons"), help: ArgumentHelp("Override the scale's number of persons.", visibility: .hidden)
    )
    var persons: Int?

    @Option(
        name: .customLong("dirt"),
        help: ArgumentHelp(
            "Set a defect or variant rate, e.g. --dirt duplicate-row=0.01 (repeatable); --dirt none sets every rate "
                + "to 0. Names: \(DirtRates.names.joined(separator: ", ")).")
    )
    var dirt: [String] = []

    @Flag(
        help: ArgumentHelp(
            "Write none of the legal variants (\(DirtRates.variantNames.joined(separator: ", "))): a clean twin of "
                + "the same population with the same defects, on which the pipeline must give the same results."))
    var clean = false

    func validate() throws {
        if let persons, persons < 100 { throw ValidationError("--persons must be at least 100") }
    }

    func run() throws {
        var options = SynthOptions(seed: seed, scale: scale)
        options.targetPersons = persons
        try runReportingErrors {
            for setting in dirt {
                if setting == "none" {
                    options.dirt = .none
                    continue
                }
                let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let rate = Double(parts[1]) else {
                    throw WijkbeeldError(.usage, "--dirt expects NAME=RATE, got '\(setting)'")
                }
                try options.dirt.set(parts[0], to: rate)
            }
            if clean { options.dirt = options.dirt.clean() }
        }
        let interactive = isatty(STDERR_FILENO) != 0
        let summary = try runReportingErrors {
            try SyntheticDataset.generate(options, into: out, force: force) { persons in
                if interactive { printError("synth: \(persons / 1_000_000) M persons generated…") }
            }
        }
        print(
            "synth: \(summary.persons) persons, \(summary.households) households, \(summary.pupils) pupils, "
                + "\(summary.careRecords) persons in the care register, \(summary.bytes / 1024) KiB in \(out)")
    }
}
