/// The income tables, joined to the children through their income household.
extension NationalRun {
    /// KOPPELPERSOONHUISHOUDEN<t>: each child's income household (its main earner).
    func readEarners(_ path: String) throws -> ScanTally {
        let scan = try TableScan(
            path: path, required: ["RINPERSOONS", "RINPERSOON", "RINPERSOONSHKW", "RINPERSOONHKW"])
        let (kind, number, earnerKind, earnerNumber) = (
            scan.column("RINPERSOONS"), scan.column("RINPERSOON"), scan.column("RINPERSOONSHKW"),
            scan.column("RINPERSOONHKW")
        )
        let width = scan.width
        let check = scan.rowCheck
        let index = children.lookup
        let count = children.count
        struct Part: ScanPart {
            var tally = ScanTally()
            var earners: [UInt64]
        }
        let result = try scan.run(
            parts: parts, minimumSplitBytes: minimumSplitBytes,
            make: { Part(earners: Array(repeating: 0, count: count)) }
        ) {
            part, row, offset in
            guard
                let slot = NationalRun.selected(
                    row, at: offset, in: &part, width: width, kind: kind, number: number, index: index,
                    check: check)
            else { return }
            guard let earner = CBSPopulation.personKey(row.trimmedField(earnerKind), row.trimmedField(earnerNumber))
            else {
                if !row.trimmedField(earnerNumber).isEmpty {
                    part.tally.reject("rinpersoonhkw", column: earnerNumber, offset: offset)
                }
                return
            }
            part.tally.used += 1
            part.earners[Int(slot)] = earner
        }
        for part in result.parts {
            for slot in 0..<count where part.earners[slot] != 0 { earner[slot] = part.earners[slot] }
        }
        return result.tally
    }

    /// INHA<t>TAB: the income values of each child's income household.
    func readIncomes(_ path: String) throws -> ScanTally {
        let names = ["INHAHL", "INHARMLAG", "INHARMLAGL", "INHARMSOC", "INHP100HGESTES", "INHBBIHJ"]
        let scan = try TableScan(path: path, required: ["RINPERSOONSHKW", "RINPERSOONHKW"] + names)
        let (kind, number) = (scan.column("RINPERSOONSHKW"), scan.column("RINPERSOONHKW"))
        let columns = names.map(scan.column)
        let width = scan.width
        let check = scan.rowCheck
        earners = KeyIndex(expected: children.count)
        for value in earner where value != 0 { earners.insert(value) }
        let index = earners.lookup
        let earnerCount = earners.count
        let earnerKeys = earners.ordered
        struct Part: ScanPart {
            var tally = ScanTally()
            var incomes: [NationalIncome]
            var seen: [Bool]
        }
        let result = try scan.run(
            parts: parts, minimumSplitBytes: minimumSplitBytes,
            make: {
                Part(
                    incomes: Array(repeating: .unknown, count: earnerCount),
                    seen: Array(repeating: false, count: earnerCount))
            }
        ) { part, row, offset in
            guard
                let slot = NationalRun.selected(
                    row, at: offset, in: &part, width: width, kind: kind, number: number, index: index,
                    reason: "rinpersoonhkw", check: check)
            else { return }
            func value(_ column: Int) -> Int32 {
                FieldParsing.integer(row.trimmedField(columns[column])).map { Int32(clamping: $0) } ?? Int32.min
            }
            part.tally.used += 1
            part.incomes[Int(slot)] = NationalIncome(
                persons: value(0), lowIncomeRatio: value(1), longTermLowIncomeRatio: value(2),
                socialMinimumRatio: value(3), percentile: value(4), mainSource: value(5))
            part.seen[Int(slot)] = true
        }
        incomes = Array(repeating: .unknown, count: earnerCount)
        var known = Array(repeating: false, count: earnerCount)
        for part in result.parts {
            for slot in 0..<earnerCount where part.seen[slot] {
                incomes[slot] = part.incomes[slot]
                known[slot] = true
            }
        }
        // An earner without an INHATAB row has no income: forget it, as the transform stage does.
        let withIncome = KeyIndex(expected: earnerCount)
        var kept: [NationalIncome] = []
        for slot in 0..<earnerCount where known[slot] {
            withIncome.insert(earnerKeys[slot])
            kept.append(incomes[slot])
        }
        earners = withIncome
        incomes = kept
        return result.tally
    }
}
