import Foundation
import Testing

@testable import Wijkbeeld

@Suite struct TransformerTests {
    static let sample: (folder: TemporaryFolder, root: String)? = try? TestData.sample(seed: 17, persons: 4_000)

    private func run(key: PseudonymKey? = nil) throws -> AnalysisTables {
        let sample = try #require(Self.sample)
        let key = try key ?? PseudonymKey.resolve(keyFile: nil, input: sample.root)
        return try Transformer.run(input: sample.root, key: key, options: TransformOptions(year: 2023))
    }

    @Test func sameKeyGivesIdenticalPseudonymsAndAnotherKeyNoneInCommon() throws {
        let first = try run()
        let again = try run()
        #expect(first.isSampleKey)
        #expect(first.persons.map(\.pseudonym) == again.persons.map(\.pseudonym))
        #expect(first.links.map(\.record) == again.links.map(\.record))
        let other = try run(key: PseudonymKey(bytes: (0..<32).map { UInt8($0) }, isSample: false))
        let mine = Set(first.persons.map(\.pseudonym) + first.families.map(\.pseudonym) + first.links.map(\.record))
        let theirs = Set(other.persons.map(\.pseudonym) + other.families.map(\.pseudonym) + other.links.map(\.record))
        #expect(mine.isDisjoint(with: theirs))
        #expect(first.persons.count == other.persons.count)
    }

    /// An independent, naive count from the raw CSV text: persons on an address on the reference date,
    /// children aged 4–12 and their households, compared with the stage's tables.
    @Test func personAndFamilyCountsAgreeWithANaiveRecount() throws {
        let sample = try #require(Self.sample)
        let tables = try run()
        let cbs = sample.root + "/cbs/"
        let persons = try TestData.read(cbs + "GBAPERSOON2023TABV1.csv")
        let addresses = try TestData.read(cbs + "GBAADRESOBJECT2023BUSV1.csv")
        let households = try TestData.read(cbs + "GBAHUISHOUDENS2023BUSV1.csv")
        // An empty end or one in 2050 or later is open (P9); "YYYYMMDD" strings compare as dates.
        func end(_ text: String) -> String { text.isEmpty || text >= "20500101" ? "99999999" : text }
        let located = Set(addresses.rows.filter { $0[2] <= "20231231" && end($0[3]) >= "20231231" }.map { $0[1] })
        // Several covering spells: latest begin, then latest end, then the smallest household number.
        var householdOf: [String: (begin: String, end: String, number: String)] = [:]
        for row in households.rows where row[2] <= "20231231" && end(row[3]) >= "20231231" {
            let spell = (begin: row[2], end: end(row[3]), number: row[4])
            if let best = householdOf[row[1]],
                (best.begin, best.end, spell.number) >= (spell.begin, spell.end, best.number)
            {
                continue
            }
            householdOf[row[1]] = spell
        }
        var selected = 0
        var children: [String] = []
        for row in persons.rows where row[0] == "R" && located.contains(row[1]) && row[9] != "----" {
            selected += 1
            let month = Int(row[10]) ?? 7
            let day = Int(row[11]) ?? 1
            let year = Int(row[9]) ?? 0
            let age = 2023 - year - ((12, 31) < (month, day) ? 1 : 0)
            if (4...12).contains(age) { children.append(row[1]) }
        }
        #expect(tables.persons.count == selected)
        #expect(tables.persons.filter(\.isChildPopulation).count == children.count)
        let families = Set(
            children.map { child in
                householdOf[child].flatMap { $0.number.isEmpty ? nil : $0.number } ?? "kind:" + child
            })
        #expect(tables.families.count == families.count)
        #expect(tables.families.reduce(0) { $0 + $1.children } == children.count)
    }

    /// Deterministic links are right (checked against the generator's truth) except where the
    /// generator injected a valid but wrong BSN, and they cover the records whose BSN is usable.
    @Test func deterministicLinksAgreeWithTheTruth() throws {
        let sample = try #require(Self.sample)
        let tables = try run()
        let key = try PseudonymKey.resolve(keyFile: nil, input: sample.root)
        let pseudonymizer = Pseudonymizer(key: key)
        var truth: [Pseudonym: (rin: String, dirt: String)] = [:]
        for school in PupilModel.exportedSchools {
            for row in try TestData.read(sample.root + "/truth/school_\(school).csv").rows {
                truth[pseudonymizer.pseudonym(.pupil, "\(row[0]):\(row[1])")] = (row[4], row[5])
            }
        }
        for row in try TestData.read(sample.root + "/truth/care_episodes.csv").rows {
            truth[pseudonymizer.pseudonym(.episode, row[0])] = (row[2], row[3])
        }
        var linked = 0
        var wrong = 0
        var usable = 0
        var probable = 0
        var probableWrong = 0
        var viaOther = 0
        var viaOtherWrong = 0
        for link in tables.links {
            let expected = try #require(truth[link.record], "every record is in the truth")
            let dirty = expected.dirt.contains("bsn")
            if !dirty && !expected.dirt.contains("onderwijsnummer") { usable += 1 }
            guard let person = link.person else { continue }
            let right = person == pseudonymizer.pseudonym(.rin, "R" + expected.rin)
            if link.outcome == "probabilistisch" {
                probable += 1
                if !right { probableWrong += 1 }
                continue
            }
            if link.outcome.hasPrefix("school_zorg") {
                viaOther += 1
                if !right { viaOtherWrong += 1 }
                continue
            }
            linked += 1
            if !right {
                wrong += 1
                #expect(expected.dirt.contains("bsn-valid-but-wrong"), "wrong link without a wrong BSN")
            }
        }
        #expect(wrong <= max(2, linked / 200))
        // Records without a usable BSN: the probabilistic step links many of them, nearly all correctly.
        #expect(probable > 0)
        #expect(
            Double(probableWrong) <= 0.02 * Double(probable), "\(probableWrong) of \(probable) probable links wrong")
        // Records that take the person of their match in the other source: some, and nearly all right.
        #expect(viaOther > 0)
        #expect(Double(viaOtherWrong) <= 0.02 * Double(viaOther), "\(viaOtherWrong) of \(viaOther) wrong")
        // The crosswalk covers about 95 % of the persons seen in school and care files.
        #expect(Double(linked) / Double(usable) > 0.88, "linked \(linked) of \(usable) usable records")
        func total(_ prefixes: String...) -> Int {
            tables.counts.filter { count in prefixes.contains { count.key.hasPrefix($0) } }.reduce(0) { $0 + $1.value }
        }
        // Every record is counted once by outcome, and once per input file.
        #expect(tables.links.count == total("school_leerlingen:", "care_episodes:"))
        #expect(tables.links.count == total("bestand_records:"))
        #expect(tables.links.filter { $0.person != nil }.count == total("bestand_gekoppeld:"))
        #expect(tables.counts.keys.contains { $0.hasPrefix("bestand_records:school/") })
    }

    /// The school ↔ care step against the truth: a pupil and an episode are one child exactly when the
    /// generator drew them from one person. Names, birth date, sex and address, with m trained on the BSN
    /// links, find nearly all such pairs and nearly nothing else.
    @Test func schoolAndCareRecordsLinkToEachOtherAsTheTruthSays() throws {
        let sample = try #require(Self.sample)
        let key = try PseudonymKey.resolve(keyFile: nil, input: sample.root)
        let pseudonymizer = Pseudonymizer(key: key)
        let loader = PopulationLoader(periods: [TransformOptions(year: 2023)], pseudonymizer: pseudonymizer)
        try loader.load(sample.root)
        var truth: [Pseudonym: String] = [:]
        for school in PupilModel.exportedSchools {
            for row in try TestData.read(sample.root + "/truth/school_\(school).csv").rows {
                truth[pseudonymizer.pseudonym(.pupil, "\(row[0]):\(row[1])")] = row[4]
            }
        }
        for row in try TestData.read(sample.root + "/truth/care_episodes.csv").rows {
            truth[pseudonymizer.pseudonym(.episode, row[0])] = row[2]
        }
        let unique = Transformer.representatives(loader.records)
        var persons: [Int: Int32] = [:]
        for index in unique {
            if let bsn = loader.records[index].bsn, let rin = loader.crosswalk[bsn],
                let person = loader.population.index[rin]
            {
                persons[index] = person
            }
        }
        let links = try Transformer.schoolCareLinks(loader.records, unique: unique, persons: persons)
        func person(_ index: Int) -> String? { truth[loader.records[index].record] }
        var byPerson: [String: (pupils: Int, episodes: Int)] = [:]
        for index in unique {
            guard let rin = person(index) else { continue }
            if loader.records[index].source == "care_episodes" {
                byPerson[rin, default: (0, 0)].episodes += 1
            } else {
                byPerson[rin, default: (0, 0)].pupils += 1
            }
        }
        let truePairs = byPerson.values.reduce(0) { $0 + $1.pupils * $1.episodes }
        let correct = links.filter { person($0.pupil) != nil && person($0.pupil) == person($0.episode) }.count
        #expect(truePairs > 100)
        let precision = Double(correct) / Double(max(links.count, 1))
        let recall = Double(correct) / Double(truePairs)
        #expect(precision >= 0.99 && recall >= 0.98, "precision \(precision), recall \(recall) of \(truePairs)")
        #expect(Set(links.map(\.pupil)).allSatisfy { loader.records[$0].source == "school_leerlingen" })
    }

    /// A linker failure inside transform is no silent "no links": the records keep their deterministic
    /// outcome, and the run record and the tables' warnings name the step and its cause.
    @Test func aFailingProbabilisticLinkIsRecordedWithItsCause() throws {
        let sample = try #require(Self.sample)
        let key = try PseudonymKey.resolve(keyFile: nil, input: sample.root)
        let pseudonymizer = Pseudonymizer(key: key)
        let options = TransformOptions(year: 2023)
        let loader = PopulationLoader(periods: [options], pseudonymizer: pseudonymizer)
        try loader.load(sample.root)
        var tiny = Transformer.personLinkSpecification
        tiny.maxPairs = 1
        let links = Transformer.recordLinks(
            loader.records, crosswalk: loader.crosswalk, population: loader.linkPopulation(), pseudonymizer,
            personLinks: tiny)
        #expect(links.counts["koppeling_probabilistisch_overgeslagen"] == 1)
        #expect(links.counts.keys.allSatisfy { !$0.hasSuffix(":probabilistisch") })
        #expect(links.warnings.count == 1)
        #expect(links.warnings.first?.contains("more than max_pairs 1") == true, "\(links.warnings)")
        var tables = AnalysisTables(
            options: options, validation: loader.report, keyFingerprint: pseudonymizer.keyFingerprint,
            isSampleKey: pseudonymizer.isSampleKey)
        Transformer.apply(links, into: &tables)
        let record = TransformExport.summary(tables)
        #expect(record.contains("koppeling_probabilistisch_overgeslagen: 1"))
        #expect(record.contains("waarschuwing: koppeling_probabilistisch_overgeslagen: records without a BSN link"))
        // The real run links probabilistically and warns of nothing.
        let run = try run()
        #expect(run.warnings.isEmpty && run.counts["koppeling_probabilistisch_overgeslagen"] == nil)
        #expect(!TransformExport.summary(run).contains("waarschuwing"))
    }
}
