/// A record-level export of the child population for researchers, only on request, made k-anonymous on
/// the quasi-identifiers {buurt, age band, sex, migration background} with distinct l-diversity on every
/// sensitive attribute (disclosure.md, "Record-level exports").
///
/// Treatment is local and iterative: records in a class that is too small or not diverse enough have their
/// quasi-identifiers generalised one step at a time (buurt → wijk → gemeente → `*`, age band → 4–12 → `*`,
/// sex → `*`, migration background → `*`), and k and l are checked again on the final file. A record that
/// cannot be made safe even with every quasi-identifier suppressed is left out and counted. A missing
/// value is a category of its own. No pseudonym or other key is written.
public struct RecordExport: Sendable {
    /// One exported record: quasi-identifiers first, then the sensitive attributes.
    public struct Record: Sendable, Equatable {
        public var quasi: [String]
        public var sensitive: [String]
    }

    public static let quasiNames = ["buurt", "leeftijdsklasse", "geslacht", "migratieachtergrond"]
    public static let sensitiveNames = ["jeugdhulp", "jeugdbescherming", "inkomensklasse", "bijstandsgezin"]

    public var records: [Record]
    /// Records left out because no generalisation made them safe.
    public var removed: Int
    public var k: Int
    public var l: Int

    /// The child population of the tables as records before treatment.
    public static func records(_ tables: AnalysisTables) -> [Record] {
        tables.persons.filter(\.isChildPopulation).sorted { $0.pseudonym < $1.pseudonym }.map { person in
            let band = person.age.map { $0 <= 6 ? "4-6" : $0 <= 9 ? "7-9" : "10-12" } ?? "onbekend"
            let income: String
            switch person.lowIncomeRatio {
            case .some(let ratio) where ratio >= 0 && ratio <= 100: income = "laag"
            case .some(let ratio) where ratio > 100: income = "niet_laag"
            default: income = "onbekend"
            }
            return Record(
                quasi: ["BU" + person.buurt, band, person.sex, person.generation],
                sensitive: [
                    person.facts.contains(.youthCare) ? "ja" : "nee",
                    person.facts.contains(.youthProtection) ? "ja" : "nee", income,
                    person.facts.contains(.socialAssistanceFamily) ? "ja" : "nee",
                ])
        }
    }

    /// The next, coarser value of quasi-identifier `index`, or nil when it is suppressed already.
    static func generalise(_ value: String, index: Int) -> String? {
        if value == "*" { return nil }
        switch index {
        case 0:
            // BU + 8 characters → WK + 6 → GM + 4 → *.
            if value.hasPrefix("BU") { return "WK" + value.dropFirst(2).prefix(6) }
            if value.hasPrefix("WK") { return "GM" + value.dropFirst(2).prefix(4) }
            return "*"
        case 1:
            return value == "4-12" ? "*" : "4-12"
        default:
            return "*"
        }
    }

    /// Whether a class of records has at least k members and l distinct values of every sensitive attribute.
    static func isSafe(_ members: [Record], k: Int, l: Int) -> Bool {
        guard members.count >= k, let first = members.first else { return false }
        return first.sensitive.indices.allSatisfy { attribute in
            Set(members.map { $0.sensitive[attribute] }).count >= l
        }
    }

    /// Treats `records` until every class is safe.
    /// - Complexity: O(r · q · s) passes over the records, r records, q generalisation steps, s attributes.
    public init(_ records: [Record], k: Int = 10, l: Int = 2) {
        self.k = k
        self.l = l
        var current = records
        // Each record moves through the quasi-identifiers in this order, one step per pass.
        let order = [0, 1, 0, 2, 3, 0, 1]
        var step = [Int](repeating: 0, count: current.count)
        while true {
            let classes = Dictionary(grouping: current.indices) { current[$0].quasi }
            var unsafe: [Int] = []
            for (_, members) in classes where !Self.isSafe(members.map { current[$0] }, k: k, l: l) {
                unsafe += members
            }
            if unsafe.isEmpty { break }
            var changed = false
            for index in unsafe {
                while step[index] < order.count {
                    let quasi = order[step[index]]
                    step[index] += 1
                    if let coarser = Self.generalise(current[index].quasi[quasi], index: quasi) {
                        current[index].quasi[quasi] = coarser
                        changed = true
                        break
                    }
                }
            }
            if !changed {
                // Fully suppressed and still unsafe: leave those records out.
                let drop = Set(unsafe)
                current = current.indices.filter { !drop.contains($0) }.map { current[$0] }
                step = step.indices.filter { !drop.contains($0) }.map { step[$0] }
            }
        }
        self.records = current
        removed = records.count - current.count
    }

    /// The export as CSV (`;`, UTF-8), records in a fixed order.
    public var csv: String {
        var lines = [(Self.quasiNames + Self.sensitiveNames).joined(separator: ";")]
        for record in records.sorted(by: {
            ($0.quasi + $0.sensitive).lexicographicallyPrecedes($1.quasi + $1.sensitive)
        }) {
            lines.append(CSVRecord.line(record.quasi + record.sensitive))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
