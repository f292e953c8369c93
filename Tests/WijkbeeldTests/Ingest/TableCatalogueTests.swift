import Foundation
import Testing

@testable import Wijkbeeld

@Suite struct TableCatalogueTests {
    @Test func everySchemaIsWellFormedAndExportsAsFrictionlessJSON() throws {
        #expect(TableCatalogue.all.count == 25)
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

    /// Recognising a name through the literal-core prefilter gives what trying every pattern gives: on
    /// every sample file name and on variants (case, `_SYNTH`, versions, other years, near misses).
    @Test func fileNameRecognitionAgreesWithTryingEveryPattern() throws {
        let root = NationalRunTests.root + "/data-samples"
        let enumerator = FileManager.default.enumerator(atPath: root)
        var names: [String] = []
        while let place = enumerator?.nextObject() as? String {
            if place.hasSuffix(".csv") { names.append(String(place.split(separator: "/").last ?? "")) }
        }
        #expect(names.count >= 20)
        var variants: [String] = []
        for name in names {
            let stem = String(name.dropLast(4))
            variants += [name, name.lowercased(), stem + "_SYNTH.csv", stem + "X.csv", "X" + name, stem]
            variants.append(stem.replacingOccurrences(of: "2023", with: "1999") + ".csv")
            variants.append(stem.replacingOccurrences(of: "V1", with: "V12") + ".csv")
        }
        variants += ["NVSLGWB2023TAB01V3.csv", "VSLPOSTCODEBUSV20231231.csv", "vslgwb2022tab07v1.CSV", "geo.csv"]
        func everyPattern(_ fileName: String) -> String? {
            let stem = fileName.lowercased().hasSuffix(".csv") ? String(fileName.dropLast(4)) : fileName
            return TableCatalogue.all.first { schema in
                (try? Regex("^(?i:" + schema.fileNamePattern + ")(_SYNTH)?$").wholeMatch(in: stem)) != nil
            }?.name
        }
        var recognised = 0
        for name in variants {
            let found = TableCatalogue.recognise(fileName: name)?.schema.name
            #expect(found == everyPattern(name), "\(name)")
            if found != nil { recognised += 1 }
        }
        #expect(recognised > names.count)
        for (schema, core) in zip(TableCatalogue.all, TableCatalogue.literalCores) {
            #expect(core.count >= 4, "\(schema.name): \(core)")
        }
    }
}
