import Foundation
import Testing

@testable import Wijkbeeld

@Suite struct SyntheticDatasetTests {
    @Test func sameSeedGivesIdenticalFilesAndAnotherSeedDoesNot() throws {
        let first = try TestData.sample(seed: 7, persons: 2_000)
        let second = try TestData.sample(seed: 7, persons: 2_000)
        let other = try TestData.sample(seed: 8, persons: 2_000)
        let hashes = try TestData.hashes(first.root)
        #expect(hashes.count > 30)
        #expect(hashes == (try TestData.hashes(second.root)))
        #expect(
            hashes["cbs/GBAPERSOON2023TABV1.csv"] != (try TestData.hashes(other.root))["cbs/GBAPERSOON2023TABV1.csv"])
    }

    @Test func writesEveryInputTheCatalogueKnows() throws {
        let sample = try TestData.sample(persons: 2_000)
        let (files, warnings) = try FolderValidator.discover(sample.root)
        let tables = Set(files.map(\.recognition.schema.name))
        #expect(tables == Set(TableCatalogue.all.map(\.name)))
        // The only warnings are the superseded V1 files, which the reader leaves for their V2.
        #expect(!warnings.isEmpty && warnings.allSatisfy { $0.type == .supersededFile })
        // Several years of the yearly tables, so that periods and trends exist.
        #expect(files.filter { $0.recognition.schema.name == "INHATAB" }.count == 3)
        #expect(!files.contains { $0.place.hasPrefix("truth/") })
    }

    @Test func structuralInvariantsHold() throws {
        let sample = try TestData.sample(seed: 3, persons: 6_000)
        let cbs = sample.root + "/cbs/"
        let persons = try TestData.read(cbs + "GBAPERSOON2023TABV1.csv")
        let rins = Set(persons.values("RINPERSOON"))
        #expect(rins.count == persons.rows.count, "RINPERSOON is unique")
        let birthYears = Dictionary(
            zip(persons.values("RINPERSOON"), persons.values("GBAGEBOORTEJAAR")), uniquingKeysWith: { a, _ in a })

        // Legal parents exist as persons.
        let parents = try TestData.read(cbs + "KINDOUDER2023TABV1.csv")
        for column in ["RINPERSOONpa", "RINPERSOONMa"] {
            for rin in parents.values(column) where !rin.isEmpty {
                #expect(rins.contains(rin), "legal parent \(rin) missing")
            }
        }

        // Every child (under 18 on the reference date) has a household spell covering it.
        let households = try TestData.read(cbs + "GBAHUISHOUDENS2023BUSV1.csv")
        var covered = Set<String>()
        for row in households.rows {
            let begin = row[households.column("DATUMAANVANGHH")]
            let end = row[households.column("DATUMEINDEHH")]
            if begin <= "20231231" && (end.isEmpty || end >= "20231231") {
                covered.insert(row[households.column("RINPERSOON")])
            }
        }
        var children = 0
        for (index, rin) in parents.values("RINPERSOON").enumerated()
        where parents.values("RINPERSOONS")[index] == "R" {
            guard let year = Int(birthYears[rin] ?? ""), 2023 - year < 18 else { continue }
            children += 1
            #expect(covered.contains(rin), "child \(rin) has no household on 2023-12-31")
        }
        #expect(children > 500)

        // Every truth link points at an existing person.
        for file in ["truth/care_episodes.csv", "truth/school_SYNTHBRIN01.csv", "truth/school_SYNTHBRIN02.csv"] {
            let truth = try TestData.read(sample.root + "/" + file)
            #expect(!truth.rows.isEmpty)
            for rin in truth.values("rinpersoon") { #expect(rins.contains(rin)) }
        }
    }

    @Test func injectedDirtMatchesConfiguredRatesAndIsReallyInTheData() throws {
        var dirt = DirtRates()
        dirt.schoolBSNInvalid = 0.05
        dirt.schoolBSNMissing = 0.05
        dirt.onderwijsnummerOnly = 0.05
        dirt.duplicateRow = 0.03
        let sample = try TestData.sample(seed: 5, persons: 8_000, dirt: dirt)
        let summary = try TestData.read(sample.root + "/truth/dirt_summary.csv")
        for row in summary.rows {
            let rate = Double(row[1]) ?? -1
            let eligible = Double(row[2]) ?? 0
            let injected = Double(row[3]) ?? 0
            guard eligible >= 200 else { continue }
            let tolerance = 4 * (rate * (1 - rate) / eligible).squareRoot() + 2 / eligible
            #expect(abs(injected / eligible - rate) <= tolerance, "\(row[0]): \(injected)/\(eligible) vs \(rate)")
        }
        // The truth file's tags describe what the export really holds.
        var checked = 0
        for school in PupilModel.exportedSchools {
            let export = try TestData.read(sample.root + "/school/\(school)/school_leerlingen.csv")
            let truth = try TestData.read(sample.root + "/truth/school_\(school).csv")
            for row in truth.rows {
                guard let line = Int(row[truth.column("line")]) else { continue }
                let pupil = export.rows[line - 2]
                let written = Array(pupil[export.column("bsn")].utf8)
                let bsn = DutchPersonNumber.normalized(written) ?? written
                let tags = Set(row[truth.column("dirt")].split(separator: "|").map(String.init))
                if tags.contains("school-bsn-invalid") { #expect(!DutchPersonNumber.isValidBSN(bsn)) }
                if tags.contains("school-bsn-missing") || tags.contains("onderwijsnummer-only") { #expect(bsn.isEmpty) }
                if tags.contains("onderwijsnummer-only") {
                    #expect(
                        DutchPersonNumber.isValidOnderwijsnummer(Array(pupil[export.column("onderwijsnummer")].utf8)))
                }
                if tags.isDisjoint(with: [
                    "school-bsn-invalid", "school-bsn-missing", "onderwijsnummer-only",
                    "bsn-valid-but-wrong",
                ]) {
                    #expect(DutchPersonNumber.isValidBSN(bsn))
                }
                if tags.contains("duplicate-row") { #expect(export.rows[line - 3] == pupil) }
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test func zuidwesterPupilsLiveMostlyInTheTargetBuurtAsConfigured() throws {
        let folder = try TemporaryFolder()
        var options = SynthOptions(seed: 11, scale: .district)
        options.zuidwesterTargetShare = 0.7
        _ = try SyntheticDataset.generate(options, into: folder.path + "/d")
        let root = folder.path + "/d"
        let objects = try TestData.read(root + "/cbs/VSLGWB2023TAB01V1.csv")
        let buurtOfObject = Dictionary(
            zip(objects.values("RINOBJECTNUMMER"), objects.values("bc2023")), uniquingKeysWith: { a, _ in a })
        let addresses = try TestData.read(root + "/cbs/GBAADRESOBJECT2023BUSV1.csv")
        var home: [String: String] = [:]
        for row in addresses.rows where row[2] <= "20231001" && (row[3].isEmpty || row[3] >= "20231001") {
            home[row[1]] = buurtOfObject[row[5]]
        }
        let truth = try TestData.read(root + "/truth/school_SYNTHBRIN01.csv")
        let pupils = Set(truth.rows.filter { $0[2] == "2023-2024" }.map { $0[4] })
        let inTarget = pupils.filter { home[$0] == "0855ZZ01" }.count
        let share = Double(inTarget) / Double(pupils.count)
        #expect((140...230).contains(pupils.count), "De Zuidwester has about 182 pupils, got \(pupils.count)")
        #expect(abs(share - 0.7) < 0.12, "share in the target buurt \(share)")
    }

    /// A district set holds every legal and population variant, counted in the ledger and visible in the files;
    /// the reader accepts them all; its clean twin holds none of the legal variants and the same population.
    @Test func everyVariantOccursInADistrictSetAndTheCleanTwinHasNone() throws {
        let folder = try TemporaryFolder()
        var options = SynthOptions(seed: 20_261_122, scale: .district)
        _ = try SyntheticDataset.generate(options, into: folder.path + "/variants")
        options.dirt = options.dirt.clean()
        _ = try SyntheticDataset.generate(options, into: folder.path + "/clean")
        func injected(_ root: String) throws -> [String: Int] {
            let summary = try TestData.read(root + "/truth/dirt_summary.csv")
            return Dictionary(uniqueKeysWithValues: summary.rows.map { ($0[0], Int($0[3]) ?? -1) })
        }
        let variants = try injected(folder.path + "/variants")
        let clean = try injected(folder.path + "/clean")
        for name in DirtRates.variantNames + DirtRates.populationNames {
            #expect((variants[name] ?? 0) >= 1, "\(name) does not occur")
        }
        for name in DirtRates.variantNames { #expect(clean[name] == 0, "\(name) in the clean twin") }
        for name in DirtRates.populationNames { #expect(clean[name] == variants[name], "\(name): same population") }

        // The variants are really in the bytes.
        let root = folder.path + "/variants"
        let cbs = try FileManager.default.contentsOfDirectory(atPath: root + "/cbs")
        #expect(cbs.contains { $0 != $0.uppercased() && $0.hasSuffix(".csv") }, "a lower-case CBS file name")
        let newer = try #require(cbs.first { $0.uppercased().hasSuffix("V2.CSV") })
        let older = try #require(
            cbs.first { $0.uppercased() == newer.uppercased().replacingOccurrences(of: "V2.CSV", with: "V1.CSV") })
        #expect(
            try TestData.read(root + "/cbs/" + older).rows.count
                < (try TestData.read(root + "/cbs/" + newer).rows.count))
        let bytes = try (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".csv") && !$0.hasPrefix("truth/") }
            .map { Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + $0))) }
        #expect(bytes.contains { $0.starts(with: [0xEF, 0xBB, 0xBF]) }, "a file with a BOM")
        #expect(bytes.contains { $0.contains(13) }, "a file with CRLF line ends")
        #expect(bytes.contains { $0.last != 10 }, "a file without a final line feed")
        let addresses = try TestData.read(root + "/cbs/GBAADRESOBJECT2023BUSV1.csv")
        #expect(addresses.values("GBADATUMEINDEADRESHOUDING").contains(""))
        #expect(addresses.values("GBADATUMEINDEADRESHOUDING").contains("20991231"))
        let persons = try TestData.read(root + "/cbs/GBAPERSOON2023TABV1.csv")
        #expect(persons.values("RINPERSOONS").contains("S"))

        // The reader accepts every legal variant: only the injected duplicates are rejected.
        let report = try FolderValidator.validate(root)
        #expect(report.valid)
        #expect(report.tasks.allSatisfy { $0.isBalanced })
        #expect(report.rowsRejected == (variants["duplicate-row"] ?? -1))

        // The clean twin: plain files, the same persons.
        let cleanRoot = folder.path + "/clean"
        let cleanFiles = try FileManager.default.contentsOfDirectory(atPath: cleanRoot + "/cbs")
        #expect(cleanFiles.allSatisfy { $0 == $0.uppercased().replacingOccurrences(of: ".CSV", with: ".csv") })
        #expect(!cleanFiles.contains { $0.uppercased().hasSuffix("V2.CSV") })
        let cleanPersons = try TestData.read(cleanRoot + "/cbs/GBAPERSOON2023TABV1.csv")
        #expect(cleanPersons.values("RINPERSOON") == persons.values("RINPERSOON"))
        #expect(!cleanPersons.values("RINPERSOONS").contains("S"))
        let cleanAddresses = try TestData.read(cleanRoot + "/cbs/GBAADRESOBJECT2023BUSV1.csv")
        #expect(cleanAddresses.rows.count + (variants["same-day-spell"] ?? 0) >= addresses.rows.count)
        #expect(!cleanAddresses.values("GBADATUMEINDEADRESHOUDING").contains(""))
        #expect(try FolderValidator.validate(cleanRoot).rowsRejected == report.rowsRejected)
    }

    @Test func dirtNoneTurnsEveryRateOff() {
        #expect(DirtRates.none.all.allSatisfy { $0.rate == 0 })
        #expect(DirtRates().clean().all.filter { DirtRates.variantNames.contains($0.name) }.allSatisfy { $0.rate == 0 })
        #expect(DirtRates().clean().childWithOtherParent == DirtRates().childWithOtherParent)
    }

    @Test func refusesANonEmptyFolderWithoutForceAndLeavesNothingHalfWritten() throws {
        let folder = try TemporaryFolder()
        let target = folder.path + "/out"
        _ = try folder.write("out/keep.txt", Array("x".utf8))
        var options = SynthOptions(seed: 1, scale: .district)
        options.targetPersons = 500
        #expect(throws: WijkbeeldError.self) { try SyntheticDataset.generate(options, into: target) }
        #expect(FileManager.default.fileExists(atPath: target + "/keep.txt"))
        _ = try SyntheticDataset.generate(options, into: target, force: true)
        #expect(!FileManager.default.fileExists(atPath: target + "/keep.txt"))
        #expect(FileManager.default.fileExists(atPath: target + "/cbs/GBAPERSOON2023TABV1.csv"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func reportsAnUnwritableFolderAsCannotWrite() throws {
        var options = SynthOptions(seed: 1, scale: .district)
        options.targetPersons = 500
        do {
            _ = try SyntheticDataset.generate(options, into: "/proc/wijkbeeld-test/out")
            Issue.record("wrote into /proc")
        } catch let error as WijkbeeldError {
            #expect(error.code == .cannotWrite)
            #expect(error.code.exitCode == 73)
        }
    }

    /// The sample's school holidays are the shipped default file's rows, so the two never drift apart.
    @Test func theSampleHolidaysAreTheShippedDefault() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appendingPathComponent("config/schoolvakanties.csv"), encoding: .utf8)
        #expect(SchoolHolidayWriter.text == shipped)
        let sample = try String(
            contentsOf: root.appendingPathComponent("data-samples/school/schoolvakanties.csv"), encoding: .utf8)
        #expect(sample == shipped)
    }
}
