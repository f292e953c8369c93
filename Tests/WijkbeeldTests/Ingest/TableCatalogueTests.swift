import Foundation
import Testing

@testable import Wijkbeeld

@Suite struct TableCatalogueTests {
    @Test func everySchemaIsWellFormedAndExportsAsFrictionlessJSON() throws {
        #expect(TableCatalogue.all.count == 24)
        for schema in TableCatalogue.all {
            let names = schema.fields.map { $0.name.lowercased() }
            #expect(Set(names).count == names.count, "\(schema.name) has duplicate field names")
            for key in schema.primaryKey { #expect(schema.fieldIndex(key) != nil, "\(schema.name).\(key)") }
            for key in schema.foreignKeys {
                let target = try #require(TableCatalogue.schema(named: key.table))
                #expect(target.isReference, "\(key.table) must be read before \(schema.name)")
                #expect(key.referenceFields.allSatisfy { target.fieldIndex($0) != nil })
            }
            let data = try JSONSerialization.data(withJSONObject: schema.frictionless, options: [.sortedKeys])
            let decoded = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect((decoded["fields"] as? [Any])?.count == schema.fields.count)
        }
    }

    @Test func headerRecognitionFindsEachLocalTableFromItsOwnColumns() {
        for schema in LocalTableSchemas.all {
            let header = schema.fields.map(\.name)
            #expect(TableCatalogue.recognise(header: header)?.schema.name == schema.name, "\(schema.name)")
        }
    }
}
