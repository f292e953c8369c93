import ArgumentParser
import Wijkbeeld

struct TransformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Validate, pseudonymise and select the inputs; build persons and families; link records.",
        discussion: """
            Prints the run record (counts per reason). Writes the pseudonymised analysis tables only with
            --export. Without --key the input folder must be a synthetic sample with its sample key.
            """)

    @OptionGroup var pipeline: PipelineOptions
    @OptionGroup var linkage: LinkageOption

    @Option(help: "Write persons.csv, families.csv, family_members.csv and record_links.csv to this folder.")
    var export: String?

    @Option(
        name: .customLong("area"),
        help: ArgumentHelp(
            "An area as CODE=BUURT,BUURT,… (buurt codes like BU0855ZZ01 or municipality codes like GM0855); "
                + "repeatable; replaces the default areas."))
    var areas: [String] = []

    /// Parses `--area` values into area definitions.
    func areaDefinitions() throws -> [AreaDefinition] {
        guard !areas.isEmpty else { return AreaDefinition.defaults }
        return try areas.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw WijkbeeldError(.usage, "--area expects CODE=BU…,GM…, got '\(text)'")
            }
            guard AreaDefinition.isValidCode(parts[0]) else {
                throw WijkbeeldError(
                    .usage, "--area \(parts[0]): an area code is a letter, then letters, digits or _ (at most 40)")
            }
            var area = AreaDefinition(code: parts[0], name: parts[0])
            for code in parts[1].split(separator: ",").map(String.init) {
                if code.hasPrefix("BU") && AreaDefinition.isValidGeographyCode(String(code.dropFirst(2)), length: 8) {
                    area.buurten.insert(String(code.dropFirst(2)))
                } else if code.hasPrefix("GM")
                    && AreaDefinition.isValidGeographyCode(String(code.dropFirst(2)), length: 4)
                {
                    area.gemeenten.insert(String(code.dropFirst(2)))
                } else if code == "NL01" {
                    area.everything = true
                } else {
                    throw WijkbeeldError(.usage, "--area \(parts[0]): '\(code)' is not a BU…, GM… or NL01 code")
                }
            }
            return area
        }
    }

    func run() throws {
        let tables = try runReportingErrors {
            if let export { try PublishedFolder.checkReplaceable(export) }
            let areas = try areaDefinitions()
            let key = try pipeline.resolveKey()
            var transformOptions = TransformOptions(period: try pipeline.resolvePeriod(), areas: areas)
            transformOptions.linkage = linkage.linkage
            return try Transformer.run(input: pipeline.input, key: key, options: transformOptions)
        }
        print(TransformExport.summary(tables), terminator: "")
        for warning in tables.warnings { printError("transform: warning: \(warning)") }
        if let export {
            try runReportingErrors { try TransformExport.write(tables, to: export) }
            print("transform: wrote the analysis tables to \(export)")
        }
        if !tables.validation.valid { throw ExitCode(65) }
    }
}
