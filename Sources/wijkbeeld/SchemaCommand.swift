import ArgumentParser
import Foundation
import Wijkbeeld

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the table schemas (Frictionless Table Schema JSON) that validate checks against.")

    @Argument(help: "A table name, e.g. GBAPERSOONTAB or school_leerlingen; all tables when omitted.")
    var table: String?

    func run() throws {
        let schemas: [TableSchema]
        if let table {
            guard let schema = TableCatalogue.schema(named: table) else {
                printError(
                    "wijkbeeld: unknown table \(table); known: \(TableCatalogue.all.map(\.name).joined(separator: ", "))"
                )
                throw ExitCode(64)
            }
            schemas = [schema]
        } else {
            schemas = TableCatalogue.all
        }
        let object: Any = schemas.count == 1 ? schemas[0].frictionless : schemas.map(\.frictionless)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        FileHandle.standardOutput.write(data)
        print()
    }
}
