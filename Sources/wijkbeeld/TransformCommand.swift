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

    @Option(help: "Input folder.")
    var input = "data-samples"

    @Option(help: "Key file (64 hex characters, mode 0600).")
    var key: String?

    @Option(help: "Calendar year of the period; the reference date is 31 December of it.")
    var period = 2023

    @Option(help: "Write persons.csv, families.csv, family_members.csv and record_links.csv to this folder.")
    var export: String?

    func run() throws {
        let tables = try runReportingErrors {
            let key = try PseudonymKey.resolve(keyFile: key, input: input)
            return try Transformer.run(input: input, key: key, options: TransformOptions(year: period))
        }
        print(TransformExport.summary(tables), terminator: "")
        if let export {
            try runReportingErrors { try TransformExport.write(tables, to: export) }
            print("transform: wrote the analysis tables to \(export)")
        }
        if !tables.validation.valid { throw ExitCode(65) }
    }
}
