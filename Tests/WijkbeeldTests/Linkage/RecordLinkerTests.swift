import Foundation
import Testing

@testable import Wijkbeeld

@Suite struct RecordLinkerTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func stringSimilaritiesGiveTheirKnownValues() {
        // Winkler's examples.
        #expect(abs(StringSimilarity.jaroWinkler(Self.bytes("martha"), Self.bytes("marhta")) - 0.9611) < 0.001)
        #expect(abs(StringSimilarity.jaroWinkler(Self.bytes("dwayne"), Self.bytes("duane")) - 0.84) < 0.001)
        #expect(abs(StringSimilarity.jaroWinkler(Self.bytes("dixon"), Self.bytes("dicksonx")) - 0.8133) < 0.001)
        #expect(StringSimilarity.jaroWinkler(Self.bytes("abc"), Self.bytes("xyz")) == 0)
        #expect(StringSimilarity.damerauLevenshtein(Self.bytes("20110831"), Self.bytes("20110813")) == 1)
        #expect(StringSimilarity.damerauLevenshtein(Self.bytes("kitten"), Self.bytes("sitting")) == 3)
        for (name, code) in [
            ("robert", "R163"), ("rupert", "R163"), ("ashcraft", "A261"), ("tymczak", "T522"),
            ("pfister", "P236"),
        ] {
            #expect(String(decoding: StringSimilarity.soundex(Self.bytes(name)), as: UTF8.self) == code, "\(name)")
        }
    }

    /// Damerau–Levenshtein against a brute-force breadth-first search over single edits, on random short strings.
    @Test func editDistanceAgreesWithABruteForceSearch() {
        var random = SplitMix64(seed: 9)
        let alphabet = Array("abc".utf8)
        func randomString() -> [UInt8] { (0..<random.int(in: 0...4)).map { _ in alphabet[random.int(in: 0...2)] } }
        func neighbours(_ s: [UInt8]) -> [[UInt8]] {
            var result: [[UInt8]] = []
            for i in 0...s.count {
                for c in alphabet { var t = s; t.insert(c, at: i); result.append(t) }
            }
            for i in s.indices {
                var t = s; t.remove(at: i); result.append(t)
                for c in alphabet where c != s[i] { var u = s; u[i] = c; result.append(u) }
                if i + 1 < s.count { var v = s; v.swapAt(i, i + 1); result.append(v) }
            }
            return result
        }
        for _ in 0..<150 {
            let a = randomString()
            let b = randomString()
            var frontier: Set<[UInt8]> = [a]
            var seen: Set<[UInt8]> = [a]
            var distance = 0
            while !frontier.contains(b) {
                distance += 1
                frontier = Set(frontier.flatMap(neighbours).filter { seen.insert($0).inserted })
            }
            // Optimal string alignment never undercuts the true edit distance and equals it on these strings
            // (no transposed pair is edited again).
            #expect(StringSimilarity.damerauLevenshtein(a, b) >= distance)
            #expect(StringSimilarity.damerauLevenshtein(a, b) <= distance + 1)
        }
    }

    @Test func dutchNamesLoseTheirPrefixesCaseAndDiacritics() {
        #expect(DutchName.surname("van der Berg") == ("van der", "berg"))
        #expect(DutchName.surname("Berg, van der") == ("van der", "berg"))
        #expect(DutchName.surname("Berg", prefix: "Van der") == ("van der", "berg"))
        #expect(DutchName.surname("ter Horst") == ("ter", "horst"))
        #expect(DutchName.surname("Van") == ("", "van"))
        #expect(DutchName.fold("Çelik-Yılmaz") == "celik yilmaz")
        #expect(DutchName.fold("  Zoë  ") == "zoe")
        let a = RecordLinker.prepare("Mees", .givenName)
        #expect(RecordLinker.level(a, RecordLinker.prepare("Mees Joël", .givenName), .givenName) == 0)
        #expect(RecordLinker.level(a, RecordLinker.prepare("Daan Mees", .givenName), .givenName) == 1)
        #expect(RecordLinker.level(a, RecordLinker.prepare("Mess", .givenName), .givenName) == 2)
        #expect(RecordLinker.level(a, RecordLinker.prepare("Anna", .givenName), .givenName) == 3)
        let date = RecordLinker.prepare("2011-08-13", .date)
        #expect(RecordLinker.level(date, RecordLinker.prepare("20110813", .date), .date) == 0)
        #expect(RecordLinker.level(date, RecordLinker.prepare("2011-13-08", .date), .date) == 1)
        #expect(RecordLinker.level(date, RecordLinker.prepare("2011-08-18", .date), .date) == 2)
        #expect(RecordLinker.level(date, RecordLinker.prepare("2011-02-01", .date), .date) == 3)
        #expect(RecordLinker.level(date, RecordLinker.prepare("", .date), .date) == RecordLinker.missing)
    }

    /// EM with u fixed recovers λ and m from patterns drawn with known parameters.
    @Test func expectationMaximisationRecoversKnownParameters() {
        let levels = [3, 2, 4]
        let m: [[Double]] = [[0.85, 0.1, 0.05], [0.95, 0.05], [0.7, 0.15, 0.1, 0.05]]
        let u: [[Double]] = [[0.02, 0.08, 0.9], [0.5, 0.5], [0.01, 0.04, 0.15, 0.8]]
        let lambda = 0.2
        var random = SplitMix64(seed: 4)
        func draw(_ distribution: [Double]) -> UInt8 {
            var x = random.unit()
            for (index, p) in distribution.enumerated() {
                if x < p { return UInt8(index) }
                x -= p
            }
            return UInt8(distribution.count - 1)
        }
        var grouped: [[UInt8]: Double] = [:]
        for _ in 0..<60_000 {
            let match = random.chance(lambda)
            let pattern = levels.indices.map { draw(match ? m[$0] : u[$0]) }
            grouped[pattern, default: 0] += 1
        }
        let start = levels.map { count in (0..<count).map { $0 == 0 ? 0.6 : 0.4 / Double(count - 1) } }
        let fit = RecordLinker.expectationMaximisation(grouped, levels: levels, u: u, start: start)
        #expect(abs(fit.lambda - lambda) < 0.01)
        for (estimated, truth) in zip(fit.m.joined(), m.joined()) { #expect(abs(estimated - truth) < 0.02) }
    }

    func table(_ name: String, _ header: String, _ rows: [String]) -> RecordLinker.Table {
        RecordLinker.Table(
            name: name, header: header.split(separator: ";").map(String.init),
            rows: rows.map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) })
    }

    @Test func oneToOneKeepsTheBestEntityAndBadSpecificationsStopEarly() throws {
        let header = "id;achternaam;voornaam;geboortedatum"
        var leftRows = ["L1;Jansen;Anna;2015-03-01", "L2;Bakker;Tim;2014-07-12"]
        var rightRows = ["R1;Jansen;Anna;2015-03-01", "R2;Jansen;Anna;2015-03-01", "R3;Jansen;Anne;2015-03-01"]
        // Background records so u and the prior mean something.
        for index in 0..<200 {
            leftRows.append(
                "X\(index);Name\(index % 37);Kid\(index % 11);20\(10 + index % 9)-0\(1 + index % 9)-1\(index % 9)")
            rightRows.append(
                "Y\(index);Name\(index % 41);Kid\(index % 13);20\(10 + index % 8)-0\(1 + index % 8)-2\(index % 8)")
        }
        let spec = try LinkSpecification.parse(
            """
            left_key: id
            right_key: id
            comparisons:
              - {column: achternaam, method: surname}
              - {column: voornaam, method: given_name}
              - {column: geboortedatum, method: date}
            blocking:
              - [geboortedatum]
            threshold: 0.5
            one_to_one: true
            right_entity: [achternaam, voornaam, geboortedatum]
            """, file: "spec.yaml")
        let linker = try RecordLinker(
            specification: spec, left: table("left", header, leftRows), right: table("right", header, rightRows))
        let result = try linker.run()
        let pairs = result.links.map { "\(leftRows[$0.left].prefix(2))-\(rightRows[$0.right].prefix(2))" }
        // R1 and R2 are one person (same entity) and beat R3's spelling; no other record links to L1.
        #expect(pairs.filter { $0.hasPrefix("L1") }.sorted() == ["L1-R1", "L1-R2"])
        #expect(try linker.csv(result) == (try linker.csv(try linker.run())))

        var bad = spec
        bad.comparisons[0].left = "surname"
        #expect(throws: WijkbeeldError.self) {
            _ = try RecordLinker(
                specification: bad, left: table("left", header, leftRows), right: table("right", header, rightRows))
        }
        var everything = spec
        everything.blocking = [
            [LinkSpecification.BlockingKey(function: "first", left: "geboortedatum", right: "geboortedatum")]
        ]
        everything.maxPairs = 1_000
        let wide = try RecordLinker(
            specification: everything, left: table("left", header, leftRows), right: table("right", header, rightRows))
        #expect {
            _ = try wide.candidatePairs()
        } throws: { error in
            (error as? WijkbeeldError)?.message.contains("would create") == true
        }
        #expect(throws: WijkbeeldError.self) {
            _ = try LinkSpecification.parse(
                "left_key: a\nright_key: b\ncomparisons: [{column: x, method: magic}]\nblocking: [[x]]\n", file: "s")
        }
    }

    /// Codes made once per distinct value (prepared comparisons, blocking parts) and shared by both
    /// sides: two rows get equal codes exactly when what is derived from them is equal, -1 exactly when it
    /// is empty; and tuples of codes combine the same way. Checked on every pair of a sample of rows.
    @Test func codesOfDistinctValuesMatchDerivingEveryRow() {
        var random = SplitMix64(seed: 21)
        let surnames = ["van der Berg", "Jansen", "de Vries", "Bakker", "ter Horst", "Çelik", "", "Visser", "berg"]
        func rows(_ count: Int) -> [(String, String)] {
            (0..<count).map { _ in
                (
                    surnames[random.int(in: 0...8)],
                    random.int(in: 0...9) == 0
                        ? "" : "20\(10 + random.int(in: 0...9))-0\(random.int(in: 1...9))-1\(random.int(in: 0...9))"
                )
            }
        }
        let (left, right) = (rows(300), rows(2_000))
        let columns = [left, right].map { side in
            (RecordLinker.distinct(side.count) { side[$0].0 }, RecordLinker.distinct(side.count) { side[$0].1 })
        }
        for function in ["soundex", "surname", "first", "", "year"] {
            let raw: (String, String) -> String = { function == "year" ? $1 : $0 }
            let coded = RecordLinker.codes(
                columns.map { function == "year" ? $0.1 : $0.0 }, derive: { RecordLinker.blockingPart($0, function) },
                key: { $0.isEmpty ? nil : $0 })
            let derived = [left, right].map { $0.map { RecordLinker.blockingPart(raw($0.0, $0.1), function) } }
            for (side, codes) in coded.rows.enumerated() {
                for (row, code) in codes.enumerated() {
                    #expect((code < 0) == derived[side][row].isEmpty)
                    if code >= 0 { #expect(coded.values[Int(code)] == derived[side][row], "\(function)") }
                }
            }
            // Across the sides: equal codes exactly for equal derived values.
            for l in stride(from: 0, to: left.count, by: 7) {
                for r in stride(from: 0, to: right.count, by: 13) where coded.rows[0][l] >= 0 && coded.rows[1][r] >= 0 {
                    #expect((coded.rows[0][l] == coded.rows[1][r]) == (derived[0][l] == derived[1][r]))
                }
            }
        }
        let prepared = RecordLinker.codes(
            columns.map(\.0), derive: { RecordLinker.prepare($0, .surname) }, key: { $0.text.isEmpty ? nil : $0.text })
        for (row, code) in prepared.rows[1].enumerated() where code >= 0 {
            #expect(prepared.values[Int(code)].text == RecordLinker.prepare(right[row].0, .surname).text)
        }
        // Tuples: surname and date together.
        let parts = [
            RecordLinker.codes(columns.map(\.0), derive: DutchName.fold, key: { $0 }).rows,
            RecordLinker.codes(columns.map(\.1), derive: { $0 }, key: { $0.isEmpty ? nil : $0 }).rows,
        ]
        let tuples = RecordLinker.combined(parts)
        let all = left + right
        let flat = tuples[0] + tuples[1]
        for i in stride(from: 0, to: all.count, by: 11) {
            for j in stride(from: 0, to: all.count, by: 17) where flat[i] >= 0 && flat[j] >= 0 {
                let same = DutchName.fold(all[i].0) == DutchName.fold(all[j].0) && all[i].1 == all[j].1
                #expect((flat[i] == flat[j]) == same)
            }
            #expect((flat[i] < 0) == all[i].1.isEmpty)
        }
    }

    /// Pairs labelled by a shared BSN all agree on it, so they cannot say how often the BSN of one person
    /// differs between files. That comparison's m comes from the pairs agreeing on everything else: with a
    /// typo in 5 % of the right BSNs, m of agreement is about 0.95, not the labels' 1, and every typo pair
    /// still links.
    @Test func anIdentifiersOwnDisagreementRateComesFromTheOtherComparisons() throws {
        var random = SplitMix64(seed: 31)
        var left: [[String]] = []
        var right: [[String]] = []
        var truth = Set<String>()
        var typos = 0
        for person in 0..<800 {
            let bsn = String(100_000_000 + person * 7_919)
            let name = ["name\(random.int(in: 0...199))", "sur\(random.int(in: 0...299))"]
            let date = "20\(10 + random.int(in: 0...8))-0\(random.int(in: 1...9))-1\(random.int(in: 0...9))"
            left.append(["l\(person)", bsn] + name + [date, "pc\(random.int(in: 0...2_000))"])
            guard random.chance(0.8) else { continue }
            var copy = bsn
            if random.chance(0.05) {
                typos += 1
                copy = String(copy.dropLast()) + (copy.hasSuffix("9") ? "8" : "9")
            }
            right.append(["r\(right.count)", copy] + name + [date, left[person][5]])
            truth.insert("l\(person)|r\(right.count - 1)")
        }
        let header = ["key", "bsn", "voornaam", "achternaam", "geboortedatum", "adres"]
        func compare(_ column: String, _ method: LinkSpecification.Method) -> LinkSpecification.Comparison {
            .init(name: column, left: column, right: column, method: method, termFrequency: false)
        }
        let specification = LinkSpecification(
            leftKey: "key", rightKey: "key",
            comparisons: [
                compare("bsn", .exact), compare("voornaam", .givenName), compare("achternaam", .surname),
                compare("geboortedatum", .date), compare("adres", .exact),
            ],
            blocking: [[.init(function: "", left: "geboortedatum", right: "geboortedatum")]], threshold: 0.9,
            oneToOne: true, leftEntity: [], rightEntity: [], trainOn: ("bsn", "bsn"), maxPairs: 1_000_000, seed: 5)
        let (l, r) = (
            RecordLinker.Table(name: "left", header: header, rows: left),
            RecordLinker.Table(name: "right", header: header, rows: right)
        )
        let result = try RecordLinker(specification: specification, left: l, right: r).run()
        #expect(result.training == "labels")
        #expect(typos > 10)
        let share = Double(typos) / Double(right.count)
        #expect(abs(result.m[0][1] - share) < 0.02, "m of disagreement \(result.m[0][1]), typos \(share)")
        let links = Set(result.links.map { l.rows[$0.left][0] + "|" + r.rows[$0.right][0] })
        #expect(links == truth)
    }
}
