import Foundation
import Testing

@testable import Wijkbeeld

/// Validation of whole folders: the clean sample validates, and each kind of corruption gives
/// exactly the expected finding at the right place, with no bad row accepted.
@Suite struct FolderValidatorTests {
    /// One small sample shared by the corruption tests; each test corrupts its own copy.
    static let sample: (folder: TemporaryFolder, root: String)? = try? TestData.sample(seed: 99, persons: 2_500)

    private func copyOfSample() throws -> (TemporaryFolder, String) {
        let sample = try #require(Self.sample)
        let folder = try TemporaryFolder()
        let root = folder.path + "/copy"
        try FileManager.default.copyItem(atPath: sample.root, toPath: root)
        return (folder, root)
    }

    private func task(_ report: ValidationReport, _ place: String) throws -> ValidationTask {
        try #require(report.tasks.first { $0.place == place })
    }

    /// The error issues of a file, as (type, line, field) triples.
    private func errors(_ task: ValidationTask) -> [String] {
        task.errors.filter { $0.severity == .error }.map {
            "\($0.type.rawValue)@\($0.lineNumber ?? 0):\($0.fieldName ?? "")"
        }
    }

    @Test func theSampleValidatesWithEveryRowAccountedFor() throws {
        let sample = try #require(Self.sample)
        let report = try FolderValidator.validate(sample.root)
        #expect(report.valid)
        #expect(report.tasks.count == 43)
        for task in report.tasks {
            #expect(task.isBalanced, "\(task.place)")
            #expect(task.stats.sha256.count == 64)
        }
        // The only rejected rows are the exact duplicates the generator injected.
        let injected = try TestData.read(sample.root + "/truth/dirt_summary.csv").rows.first {
            $0[0] == "duplicate-row"
        }
        #expect(report.rowsRejected == Int(injected?[3] ?? "-1"))
        #expect(
            report.tasks.allSatisfy { task in
                task.errors.allSatisfy { $0.type == .primaryKey || $0.severity == .warning }
            })
    }

    @Test func aFileCutInsideAQuotedFieldIsTruncatedAndFails() throws {
        let (folder, root) = try copyOfSample()
        _ = folder
        let path = root + "/care/care_episodes.csv"
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        // Cut in the quoted service label of the tenth data row.
        var line = 1
        var cut = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 10 { line += 1 }
            if line == 11 && byte == UInt8(ascii: "\"") {
                cut = index + 5
                break
            }
        }
        let openingColumn = cut - 5 - (bytes[..<cut].lastIndex(of: 10) ?? -1)
        try Data(bytes[..<cut]).write(to: URL(fileURLWithPath: path))
        let report = try FolderValidator.validate(root)
        #expect(!report.valid)
        let task = try task(report, "care/care_episodes.csv")
        #expect(!task.valid)
        #expect(task.rowsAccepted == 0)
        #expect(task.isBalanced)
        #expect(errors(task) == ["truncated-file@11:"])
        #expect(task.errors.first?.fieldNumber == openingColumn)
    }

    @Test func windows1252IsDetectedDecodedAndReported() throws {
        let (folder, root) = try copyOfSample()
        _ = folder
        let path = root + "/care/organisations.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "Veilig Thuis [SYNTHETIC]", with: "Veilig Thuis Café [SYNTHETIC]")
        let encoded = try #require(text.data(using: .windowsCP1252))
        try encoded.write(to: URL(fileURLWithPath: path))
        let report = try FolderValidator.validate(root)
        let task = try task(report, "care/organisations.csv")
        #expect(task.valid)
        #expect(task.encoding == "windows-1252")
        #expect(task.errors.contains { $0.type == .encodingError && $0.severity == .warning })
        let reader = try CSVReader(path: path)
        var names: [String] = []
        while try reader.next() { names.append(reader.string(1)) }
        #expect(names.contains("Veilig Thuis Café [SYNTHETIC]"))
    }

    /// A legal parent outside GBAPERSOONTAB is a warning: the child's row (and its other parent) stays.
    @Test func aParentOutsideThePersonTableLeavesTheChildsRowStanding() throws {
        let (folder, root) = try copyOfSample()
        _ = folder
        let path = root + "/cbs/KINDOUDER2023TABV1.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        var fields = lines[4].components(separatedBy: ";")
        fields[3] = "999999999"
        lines[4] = fields.joined(separator: ";")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let before = try task(
            try FolderValidator.validate(try #require(Self.sample).root), "cbs/KINDOUDER2023TABV1.csv")
        let after = try task(try FolderValidator.validate(root), "cbs/KINDOUDER2023TABV1.csv")
        #expect(after.rowsRejected == before.rowsRejected)
        #expect(after.rowsAccepted == before.rowsAccepted)
        #expect(after.valid)
        let warning = after.errors.first { $0.type == .foreignKey && $0.lineNumber == 5 }
        #expect(warning?.severity == .warning && warning?.fieldName == "RINPERSOONpa")
    }

    @Test func eachRowLevelCorruptionGivesExactlyItsErrorAndTheRowIsRejected() throws {
        // (file, data line to corrupt, corruption, expected error)
        let cases: [(String, Int, (inout [String], [String]) -> Void, String)] = [
            ("cbs/GBAPERSOON2023TABV1.csv", 5, { fields, _ in fields.append("x") }, "extra-cell@5:"),
            (
                "cbs/GBAPERSOON2023TABV1.csv", 6, { fields, _ in fields.removeLast() },
                "missing-cell@6:GBAGEBOORTELANDNL"
            ),
            (
                "cbs/GBAHUISHOUDENS2023BUSV1.csv", 7, { fields, _ in fields[2] = "20230230" },
                "type-error@7:DATUMAANVANGHH"
            ),
            ("cbs/GBAPERSOON2023TABV1.csv", 8, { fields, _ in fields[3] = "7" }, "constraint-error@8:GBAGESLACHT"),
            (
                "care/care_episodes.csv", 9,
                { fields, header in fields[header.firstIndex(of: "organisation_id")!] = "ORG999" },
                "foreign-key@9:organisation_id"
            ),
            ("crosswalk/bsn_rin_crosswalk.csv", 4, { fields, _ in fields[0] = "123456789" }, "constraint-error@4:bsn"),
            ("cbs/INHA2023TABV1.csv", 3, { fields, _ in fields[2] = "twee" }, "type-error@3:INHAHL"),
            ("cbs/KINDOUDER2023TABV1.csv", 5, { fields, _ in fields[1] = "999999999" }, "foreign-key@5:RINPERSOON"),
            (
                "cbs/GBAADRESOBJECT2023BUSV1.csv", 6, { fields, _ in fields[5] = "1234567890123456" },
                "foreign-key@6:RINOBJECTNUMMER"
            ),
        ]
        for (file, line, corrupt, expected) in cases {
            let (folder, root) = try copyOfSample()
            _ = folder
            let path = root + "/" + file
            var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
            let header = lines[0].components(separatedBy: ";")
            var fields = lines[line - 1].components(separatedBy: ";")
            corrupt(&fields, header)
            lines[line - 1] = fields.joined(separator: ";")
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let before = try task(try FolderValidator.validate(try #require(Self.sample).root), file)
            let report = try FolderValidator.validate(root)
            let after = try task(report, file)
            // Field names as the file writes them: the generator may write a header in the other case (P2).
            let found = errors(after).map { $0.lowercased() }
            let wanted = (errors(before) + [expected]).map { $0.lowercased() }
            #expect(found == wanted || Set(found) == Set(wanted), "\(file): \(errors(after))")
            #expect(after.rowsRejected == before.rowsRejected + 1, "\(file)")
            #expect(after.isBalanced)
            #expect(after.valid, "a rejected row does not fail a reject-row table")
        }
    }

    @Test func rejectedRowsAreQuarantinedWithTheirReasons() throws {
        let sample = try #require(Self.sample)
        let quarantine = try TemporaryFolder()
        let report = try FolderValidator.validate(sample.root, quarantine: quarantine.path)
        var quarantined = 0
        for task in report.tasks where task.rowsRejected > 0 {
            let file = quarantine.path + "/" + task.place.replacingOccurrences(of: "/", with: "__") + ".rejected.csv"
            let table = try TestData.read(file)
            #expect(table.header.prefix(3) == ["_row", "_line", "_errors"])
            #expect(table.rows.count == task.rowsRejected)
            #expect(table.rows.allSatisfy { $0[2] == "primary-key" })
            quarantined += table.rows.count
        }
        #expect(quarantined == report.rowsRejected && quarantined > 0)
    }

    @Test func aDuplicateKeyRejectsTheSecondRow() throws {
        let (folder, root) = try copyOfSample()
        _ = folder
        let path = root + "/cbs/GBAPERSOON2023TABV1.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        lines.insert(lines[3], at: 10)
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let task = try task(try FolderValidator.validate(root), "cbs/GBAPERSOON2023TABV1.csv")
        #expect(errors(task) == ["primary-key@11:RINPERSOONS"])
        #expect(task.rowsRejected == 1)
    }

    @Test func anInvalidBSNInASchoolExportIsWarnedAndBlankedNotHashed() throws {
        let folder = try TemporaryFolder()
        let header =
            "leerling_key;bsn;onderwijsnummer;achternaam;voorvoegsel;voornamen;roepnaam;geboortedatum;geslacht;"
            + "postcode;huisnummer;brin;schooljaar;jaargroep;instroomdatum;uitstroomdatum"
        let text =
            header + "\nL1;123456789;;Jansen;;Jan;Jan;2015-01-02;1;5025AB;1;SYNTHBRIN01;2023-2024;3;2019-01-02;\n"
            + "L2;111222333;;Vries;de;Eva;Eva;2015-03-04;2;5025AB;2;SYNTHBRIN01;2023-2024;3;2019-03-04;\n"
        let path = try folder.write("school_leerlingen.csv", Array(text.utf8))
        let schema = try #require(TableCatalogue.schema(named: "school_leerlingen"))
        var seen: [String?] = []
        let task = TableValidator(
            schema: schema, path: path, place: "school_leerlingen.csv", folder: "",
            references: ReferenceKeys()
        ).run(onRow: { row in
            seen.append(row.value(1).map { String(decoding: $0, as: UTF8.self) })
        })
        #expect(task.rowsAccepted == 2)
        #expect(seen == [nil, "111222333"])
        let warning = try #require(task.errors.first)
        #expect(warning.severity == .warning && warning.lineNumber == 2 && warning.fieldName == "bsn")
        #expect(warning.cell == "•••", "an identifier is never shown")
    }

    @Test func aMissingRequiredColumnFailsTheFile() throws {
        let (folder, root) = try copyOfSample()
        _ = folder
        let path = root + "/cbs/KINDOUDER2023TABV1.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "RINPERSOONS;RINPERSOON;", with: "RINPERSOONS;PERSOON;")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let task = try task(try FolderValidator.validate(root), "cbs/KINDOUDER2023TABV1.csv")
        #expect(!task.valid)
        #expect(task.errors.contains { $0.type == .missingLabel && $0.fieldName == "RINPERSOON" })
    }

    @Test func randomDamageNeverBreaksTheAccounting() throws {
        let sample = try #require(Self.sample)
        let original = Array(
            try Data(contentsOf: URL(fileURLWithPath: sample.root + "/school/SYNTHBRIN01/school_verzuim.csv")))
        let schema = try #require(TableCatalogue.schema(named: "school_verzuim"))
        let folder = try TemporaryFolder()
        var random = SplitMix64(seed: 2026)
        let damage: [UInt8] = [0x22, 0x3B, 0x0A, 0x00, 0xFF, 0x0D, 0x39, 0x2D]
        for round in 0..<150 {
            var bytes = original
            for _ in 0..<random.int(in: 1...4) {
                let at = random.int(in: 0...(bytes.count - 1))
                if random.chance(0.5) { bytes[at] = random.element(of: damage) } else { bytes.remove(at: at) }
            }
            let path = try folder.write("r\(round).csv", bytes)
            let task = TableValidator(
                schema: schema, path: path, place: "r.csv", folder: "", references: ReferenceKeys()
            ).run()
            #expect(task.isBalanced)
            #expect(task.rowsAccepted + task.rowsRejected == task.stats.rows)
            if task.rowsRejected > 0 { #expect(task.stats.errors > 0) }
        }
    }

    @Test func recognisesTablesAndYearsFromFileNamesAndKeepsTheHighestVersion() throws {
        #expect(TableCatalogue.recognise(fileName: "GBAPERSOON2023TABV1.csv")?.schema.name == "GBAPERSOONTAB")
        #expect(TableCatalogue.recognise(fileName: "gbapersoon2023tabv2.csv")?.version == 2)
        #expect(TableCatalogue.recognise(fileName: "VSLGWB2024TAB03V1.csv")?.year == 2024)
        #expect(TableCatalogue.recognise(fileName: "INSCHRWPOTAB2020V2.csv")?.year == 2020)
        #expect(TableCatalogue.recognise(fileName: "INHA2015TABV1_SYNTH.csv")?.schema.name == "INHATAB")
        #expect(TableCatalogue.recognise(fileName: "VSLPOSTCODEBUSV2024031.csv")?.year == 2024)
        #expect(TableCatalogue.recognise(fileName: "notes.csv") == nil)
        let folder = try TemporaryFolder()
        let header = Array("RINPERSOONS;RINPERSOON;VERDJAAR\nR;000000001;2020\n".utf8)
        _ = try folder.write("cbs/VERD2023TABV1.csv", header)
        _ = try folder.write("cbs/VERD2023TABV2.csv", header)
        _ = try folder.write("cbs/export from police.csv", header)
        let (files, warnings) = try FolderValidator.discover(folder.path)
        #expect(files.map(\.place).sorted() == ["cbs/VERD2023TABV2.csv", "cbs/export from police.csv"])
        #expect(files.first { $0.place.contains("export") }?.recognition.basis == "header")
        #expect(warnings.map(\.type) == [.supersededFile])
    }

    /// Only the documented layout is read: an input folder pointed one level too high, or holding other CSV
    /// files, reads none of them and says so (issue 17, case 7).
    @Test func onlyTheDocumentedLayoutIsRead() throws {
        let folder = try TemporaryFolder()
        let persons = Array("RINPERSOONS;RINPERSOON;VERDJAAR\nR;000000001;2020\n".utf8)
        _ = try folder.write("cbs/VERD2023TABV1.csv", persons)
        _ = try folder.write("VERD2022TABV1.csv", persons)
        _ = try folder.write("backup/cbs/VERD2021TABV1.csv", persons)
        _ = try folder.write("cbs/old/VERD2020TABV1.csv", persons)
        _ = try folder.write("school/00AA/deeper/school_leerlingen.csv", persons)
        _ = try folder.write("truth/VERD2019TABV1.csv", persons)
        let (files, warnings) = try FolderValidator.discover(folder.path)
        #expect(files.map(\.place) == ["cbs/VERD2023TABV1.csv"])
        let outside = warnings.filter { $0.message.contains("outside the input layout") }.map(\.message)
        #expect(outside.count == 4, "\(outside)")
        #expect(!outside.contains { $0.contains("truth") })
        let only = try TemporaryFolder()
        _ = try only.write("data/cbs/VERD2023TABV1.csv", persons)
        #expect(throws: WijkbeeldError.self) { _ = try FolderValidator.discover(only.path) }
    }
}
