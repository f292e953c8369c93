import Foundation
import Testing

@testable import Wijkbeeld

/// The privacy boundary: with every optional output switched on, no output file holds a BSN,
/// onderwijsnummer, name, PC6, exact birth date or raw RINPERSOON of the inputs, and the reports hold
/// no pseudonym. Later stages add their outputs to `writeEveryOutput`.
@Suite struct LeakTests {
    private func writeEveryOutput(sample root: String, into folder: String) throws -> AnalysisTables {
        let key = try PseudonymKey.resolve(keyFile: nil, input: root)
        _ = try ReportPublisher.write(input: root, output: folder + "/reports", key: key, history: 1)
        _ = try FolderValidator.validate(root, quarantine: folder + "/quarantine")
        let tables = try Transformer.run(input: root, key: key, options: TransformOptions(year: 2023))
        try TransformExport.write(tables, to: folder + "/export")
        let indicators = try IndicatorCalculator.compute(tables)
        try IndicatorTableWriter.checker(indicators, options: tables.options, policy: DisclosurePolicy())
            .write(toFile: folder + "/export/checker.csv", atomically: true, encoding: .utf8)
        let json = try FolderValidator.validate(root).json()
        try json.write(to: URL(fileURLWithPath: folder + "/reports/validation-copy.json"))
        return tables
    }

    /// Identifiers of the inputs, by kind.
    private func identifiers(_ root: String) throws -> [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        func add(_ kind: String, _ values: [String]) {
            found[kind, default: []].formUnion(values.filter { !$0.isEmpty })
        }
        let files = try FolderValidator.discover(root).files
        for file in files {
            let table = try TestData.read(file.path)
            for name in table.header {
                let lower = name.lowercased()
                let values = table.values(name)
                if lower.hasPrefix("rinpersoon") && !lower.hasPrefix("rinpersoons") { add("rinpersoon", values) }
                if lower == "bsn" { add("bsn", values) }
                if lower == "onderwijsnummer" { add("onderwijsnummer", values) }
                if ["achternaam", "voornamen", "roepnaam"].contains(lower) {
                    // Whole name words; lower-case prefixes carried into a surname ("van Dijk") are not names.
                    add(
                        "name",
                        values.flatMap { $0.split(separator: " ").map(String.init) }.filter {
                            $0.count >= 3 && $0.first?.isUppercase == true
                        })
                }
                if lower == "postcode" {
                    add("pc6", values.map { $0.replacingOccurrences(of: " ", with: "").uppercased() })
                }
                if lower == "geboortedatum" {
                    add("birthdate", values)
                    add("birthdate", values.map { $0.replacingOccurrences(of: "-", with: "") })
                }
            }
            if file.recognition.schema.name == "GBAPERSOONTAB" {
                add(
                    "birthdate",
                    table.rows.filter { !$0[10].hasPrefix("-") && !$0[11].hasPrefix("-") }.map {
                        $0[9] + $0[10] + $0[11]
                    })
            }
        }
        return found
    }

    /// Every regular file below `folder`: its place relative to it and its text.
    private func outputFiles(_ folder: String) throws -> [(place: String, text: String)] {
        var files: [(place: String, text: String)] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let place = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + place, isDirectory: &isDirectory)
            guard !isDirectory.boolValue else { continue }
            files.append((place, try String(contentsOfFile: folder + "/" + place, encoding: .utf8)))
        }
        return files
    }

    private func tokens(_ text: String) -> Set<String> {
        Set(text.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init))
            .union(text.split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    @Test func noIdentifierOfTheInputsReachesAnyOutput() throws {
        let sample = try TestData.sample(seed: 23, persons: 3_000)
        let output = try TemporaryFolder()
        let tables = try writeEveryOutput(sample: sample.root, into: output.path)
        var secrets = try identifiers(sample.root)
        // A surname that is also a place the report names ("van Tilburg") is not a leak of that name.
        let places = Set(AreaDefinition.defaults.flatMap { $0.name.split(separator: " ").map(String.init) })
        secrets["name"]?.subtract(places)
        #expect((secrets["bsn"]?.count ?? 0) > 200 && (secrets["name"]?.count ?? 0) > 50)
        #expect((secrets["rinpersoon"]?.count ?? 0) > 2_000 && (secrets["birthdate"]?.count ?? 0) > 2_000)
        let pseudonyms = Set(
            (tables.persons.map(\.pseudonym) + tables.families.map(\.pseudonym) + tables.links.map(\.record))
                .map(\.description))
        var files = 0
        let brins = try FileManager.default.contentsOfDirectory(atPath: sample.root + "/school").filter {
            !$0.hasSuffix(".csv")
        }
        #expect(brins.count >= 2)
        for (place, text) in try outputFiles(output.path) {
            files += 1
            let words = tokens(text)
            for (kind, values) in secrets {
                let hits = words.intersection(values)
                #expect(hits.isEmpty, "\(place) holds \(hits.count) \(kind) value(s)")
            }
            let elevenProof = words.filter { $0.count == 9 && DutchPersonNumber.isValidBSN(Array($0.utf8)) }
            #expect(elevenProof.isEmpty, "\(place) holds a 9-digit number passing the 11-proof")
            if place.hasPrefix("reports/") {
                #expect(words.intersection(pseudonyms).isEmpty, "\(place) holds a pseudonym")
                // R10: no BRIN, not even in an input path (school folders are named after their BRIN).
                if place != "reports/validation-copy.json" {
                    for brin in brins { #expect(!text.contains(brin), "\(place) names the school folder \(brin)") }
                }
            }
        }
        #expect(files >= 10)

        // The scan itself finds a planted identifier (so a clean result means something).
        let planted = try #require(secrets["bsn"]?.first(where: { DutchPersonNumber.isValidBSN(Array($0.utf8)) }))
        let birth = try #require(secrets["birthdate"]?.first)
        let text = try String(contentsOfFile: output.path + "/export/families.csv", encoding: .utf8)
        let words = tokens(text + "x;\(planted);\(birth)\n")
        #expect(!words.intersection(secrets["bsn"] ?? []).isEmpty)
        #expect(!words.intersection(secrets["birthdate"] ?? []).isEmpty)
    }

    /// Rows of the wrong width put identifiers under other columns' names: the validation report (text and
    /// JSON, as published and as `reason.json`) and the quarantine files must still hold none of them.
    @Test func malformedRowsLeakNoIdentifierIntoValidationOrQuarantine() throws {
        let sample = try TestData.sample(seed: 29, persons: 1_500)
        let secrets = try identifiers(sample.root)
        let tables = [
            "school/SYNTHBRIN01/school_leerlingen.csv", "care/care_episodes.csv", "cbs/GBAPERSOON2023TABV1.csv",
            "crosswalk/bsn_rin_crosswalk.csv", "cbs/KINDOUDER2023TABV1.csv",
        ]
        var shifted = 0
        for place in tables {
            let path = sample.root + "/" + place
            let lines = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
                .split(separator: "\n").map(String.init)
            var out = lines
            // Every tenth row again, once with its first cell dropped and once with a cell put in front.
            for (index, line) in lines.enumerated().dropFirst() where index % 10 == 0 && !line.contains("\"") {
                out.append(
                    line.split(separator: ";", omittingEmptySubsequences: false).dropFirst().joined(separator: ";"))
                out.append("X;" + line)
                shifted += 2
            }
            try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(shifted > 200)
        let output = try TemporaryFolder()
        let report = try FolderValidator.validate(sample.root, quarantine: output.path + "/quarantine")
        #expect(report.tasks.map(\.rowsRejected).reduce(0, +) >= shifted)
        try report.text(issueLimit: 100_000).write(
            toFile: output.path + "/validation.txt", atomically: true, encoding: .utf8)
        try report.json().write(to: URL(fileURLWithPath: output.path + "/validation.json"))
        var files = 0
        for (place, text) in try outputFiles(output.path) {
            files += 1
            let words = tokens(text)
            for (kind, values) in secrets {
                let hits = words.intersection(values)
                #expect(hits.isEmpty, "\(place) holds \(hits.count) \(kind) value(s), e.g. \(hits.prefix(2))")
            }
            let elevenProof = words.filter { $0.count == 9 && DutchPersonNumber.isValidBSN(Array($0.utf8)) }
            #expect(elevenProof.isEmpty, "\(place) holds a 9-digit number passing the 11-proof")
        }
        #expect(files >= 6)
    }
}
