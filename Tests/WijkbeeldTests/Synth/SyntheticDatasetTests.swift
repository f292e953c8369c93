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
        #expect(warnings.isEmpty)
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
            if begin <= "20231231" && end >= "20231231" { covered.insert(row[households.column("RINPERSOON")]) }
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
                let bsn = Array(pupil[export.column("bsn")].utf8)
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
        for row in addresses.rows where row[2] <= "20231001" && row[3] >= "20231001" {
            home[row[1]] = buurtOfObject[row[5]]
        }
        let truth = try TestData.read(root + "/truth/school_SYNTHBRIN01.csv")
        let pupils = Set(truth.rows.filter { $0[2] == "2023-2024" }.map { $0[4] })
        let inTarget = pupils.filter { home[$0] == "0855ZZ01" }.count
        let share = Double(inTarget) / Double(pupils.count)
        #expect((140...230).contains(pupils.count), "De Zuidwester has about 182 pupils, got \(pupils.count)")
        #expect(abs(share - 0.7) < 0.12, "share in the target buurt \(share)")
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
}
