import Testing

@testable import Wijkbeeld

/// Different persons of one household agree on surname and address, twins also on the birth date. With
/// `distinct_left`, pairs of left records measure that, and a twin's record no longer links to the other
/// twin when its own person is not on the left.
@Suite struct HouseholdDependenceTests {
    /// Households of one to three children; some with twins (same birth date, other given name). For
    /// some twin pairs only one twin is on the left while both have a record on the right.
    static func households(seed: UInt64) -> (left: RecordLinker.Table, right: RecordLinker.Table, truth: Set<String>) {
        var random = SplitMix64(seed: seed)
        let surnames = (0..<80).map { "sur\($0)" }
        let given = (0..<60).map { "name\($0)" }
        var left: [[String]] = []
        var right: [[String]] = []
        var truth = Set<String>()
        for household in 0..<400 {
            let surname = surnames[random.int(in: 0...(surnames.count - 1))]
            let address = "pc\(household)"
            var children: [(name: String, date: String, sex: String)] = []
            func date() -> String {
                "20\(10 + random.int(in: 0...6))-0\(random.int(in: 1...9))-1\(random.int(in: 0...9))"
            }
            for _ in 0..<random.int(in: 1...3) {
                children.append((given[random.int(in: 0...59)], date(), random.chance(0.5) ? "1" : "2"))
            }
            let twins = random.chance(0.2)
            if twins {
                var name = given[random.int(in: 0...59)]
                while name == children[0].name { name = given[random.int(in: 0...59)] }
                children.append((name, children[0].date, children[0].sex))
            }
            // In a quarter of the twin households the first twin is only on the right.
            let absentTwin = twins && random.chance(0.25) ? 0 : -1
            for (index, child) in children.enumerated() {
                let key = "p\(household)-\(index)"
                if index != absentTwin { left.append([key, surname, child.name, child.date, child.sex, address]) }
                if index == absentTwin || random.chance(0.6) {
                    right.append(["r\(right.count)", surname, child.name, child.date, child.sex, address])
                    if index != absentTwin { truth.insert(key + "|" + "r\(right.count - 1)") }
                }
            }
        }
        let header = ["key", "achternaam", "voornaam", "geboortedatum", "geslacht", "adres"]
        return (
            RecordLinker.Table(name: "left", header: header, rows: left),
            RecordLinker.Table(name: "right", header: header, rows: right), truth
        )
    }

    static func specification(distinctLeft: Bool) -> LinkSpecification {
        var specification = LinkSpecification(
            leftKey: "key", rightKey: "key",
            comparisons: [
                .init(
                    name: "achternaam", left: "achternaam", right: "achternaam", method: .surname, termFrequency: false),
                .init(name: "voornaam", left: "voornaam", right: "voornaam", method: .givenName, termFrequency: false),
                .init(
                    name: "geboortedatum", left: "geboortedatum", right: "geboortedatum", method: .date,
                    termFrequency: false),
                .init(name: "geslacht", left: "geslacht", right: "geslacht", method: .exact, termFrequency: false),
                .init(name: "adres", left: "adres", right: "adres", method: .exact, termFrequency: false),
            ],
            blocking: [
                [.init(function: "", left: "geboortedatum", right: "geboortedatum")],
                [.init(function: "", left: "adres", right: "adres")],
            ],
            threshold: 0.9, oneToOne: false, leftEntity: [], rightEntity: [], trainOn: nil, maxPairs: 10_000_000,
            seed: 3)
        specification.distinctLeft = distinctLeft
        return specification
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func twinsOfAbsentPersonsNoLongerLink(seed: UInt64) throws {
        let (left, right, truth) = Self.households(seed: seed)
        func run(_ distinctLeft: Bool) throws -> (links: Set<String>, result: RecordLinker.Result) {
            let linker = try RecordLinker(
                specification: Self.specification(distinctLeft: distinctLeft), left: left, right: right)
            let result = try linker.run()
            return (Set(result.links.map { left.rows[$0.left][0] + "|" + right.rows[$0.right][0] }), result)
        }
        let plain = try run(false)
        let corrected = try run(true)
        func f1(_ links: Set<String>) -> Double {
            let correct = Double(links.intersection(truth).count)
            return 2 * correct / Double(links.count + truth.count)
        }
        // A false link here is a twin's record on the other twin: the corrected model makes none, and
        // loses no true link that the plain one found.
        #expect(corrected.links.subtracting(truth).isEmpty, "\(corrected.links.subtracting(truth).sorted())")
        #expect(!plain.links.subtracting(truth).isEmpty, "the plain model links twins here")
        #expect(truth.intersection(plain.links).isSubset(of: corrected.links))
        #expect(f1(corrected.links) >= f1(plain.links))
        #expect(f1(corrected.links) >= 0.999)
        // Corrections only lower weights, and the household set (surname, birth date, sex, address) has one.
        #expect(corrected.result.dependence.allSatisfy { $0.bits <= 0 })
        #expect(corrected.result.dependence.contains { $0.comparisons == [0, 2, 3, 4] && $0.bits < -3 })
        #expect(plain.result.dependence.isEmpty)
    }
}
