import Testing

@testable import Wijkbeeld

/// Different persons of one household agree on surname and address, twins also on the birth date. With
/// `distinct_left`, pairs of left records measure that, and a twin's record no longer links to the other
/// twin when its own person is not on the left.
@Suite struct HouseholdDependenceTests {
    static let surnames = (0..<80).map { "sur\($0)" }
    static let given = (0..<60).map { "name\($0)" }

    /// Households of one to three children; some with twins (same birth date, other given name). For
    /// some twin pairs only one twin is on the left while both have a record on the right.
    static func households(seed: UInt64) -> (left: RecordLinker.Table, right: RecordLinker.Table, truth: Set<String>) {
        var random = SplitMix64(seed: seed)
        let (surnames, given) = (Self.surnames, Self.given)
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

    /// Children with a call name and given names, both compared with the other side's given names (two
    /// comparisons of one first name), and in some households a younger sibling with the first child's
    /// first name whose own pupil record is absent. Splitting an agreement set into a household block
    /// and a first-name block, each measured on the pupils' own pairs, keeps the sibling's care record
    /// from linking to the older child, without losing true links.
    @Test(arguments: [UInt64(4), 5, 6])
    func sameNamedSiblingsOfAbsentPupilsNoLongerLink(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let (surnames, given) = (Self.surnames, Self.given)
        var left: [[String]] = []
        var right: [[String]] = []
        var truth = Set<String>()
        for household in 0..<500 {
            let surname = surnames[random.int(in: 0...(surnames.count - 1))]
            var children: [(name: String, year: Int, sex: String)] = (0..<random.int(in: 1...3)).map { _ in
                (given[random.int(in: 0...59)], 2010 + random.int(in: 0...4), random.chance(0.5) ? "1" : "2")
            }
            // A younger sibling named after the first child: only on the right.
            let namesake = random.chance(0.1)
            if namesake { children.append((children[0].name, children[0].year + 3, children[0].sex)) }
            for (index, child) in children.enumerated() {
                let key = "p\(household)-\(index)"
                let date = "\(child.year)-0\(1 + (household + index) % 9)-1\(index)"
                let absent = namesake && index == children.count - 1
                if !absent { left.append([key, surname, child.name, child.name, date, child.sex, "pc\(household)"]) }
                if absent || random.chance(0.6) {
                    right.append(["r\(right.count)", surname, "", child.name + " x", date, child.sex, "pc\(household)"])
                    if !absent { truth.insert(key + "|r\(right.count - 1)") }
                }
            }
        }
        let header = ["key", "achternaam", "roepnaam", "voornamen", "geboortedatum", "geslacht", "adres"]
        var specification = Self.specification(distinctLeft: true)
        specification.comparisons.insert(
            .init(name: "roepnaam", left: "roepnaam", right: "voornamen", method: .givenName, termFrequency: false),
            at: 1)
        specification.comparisons[2] = .init(
            name: "voornamen", left: "voornamen", right: "voornamen", method: .givenName, termFrequency: false)
        func links(_ distinctLeft: Bool) throws -> Set<String> {
            specification.distinctLeft = distinctLeft
            let (l, r) = (
                RecordLinker.Table(name: "left", header: header, rows: left),
                RecordLinker.Table(name: "right", header: header, rows: right)
            )
            let result = try RecordLinker(specification: specification, left: l, right: r).run()
            return Set(result.links.map { l.rows[$0.left][0] + "|" + r.rows[$0.right][0] })
        }
        let plain = try links(false)
        let corrected = try links(true)
        #expect(!plain.subtracting(truth).isEmpty, "the plain model links a namesake sibling here")
        #expect(corrected.subtracting(truth).isEmpty, "\(corrected.subtracting(truth).sorted())")
        #expect(truth.intersection(plain).isSubset(of: corrected))
    }

    /// The superset sums behind the left pairs' agreement rates, against summing over supersets directly.
    @Test func supersetSumsEqualSummingEverySuperset() {
        var random = SplitMix64(seed: 8)
        for bits in [1, 3, 6] {
            let counts = (0..<(1 << bits)).map { _ in Double(random.int(in: 0...9)) }
            let sums = RecordLinker.supersetSums(counts, bits: bits)
            for mask in counts.indices {
                let direct = counts.indices.filter { $0 & mask == mask }.reduce(0) { $0 + counts[$1] }
                #expect(sums[mask] == direct)
            }
        }
    }
}
