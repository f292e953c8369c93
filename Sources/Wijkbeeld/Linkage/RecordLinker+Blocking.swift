/// Blocking: which record pairs are compared at all.
extension RecordLinker {

    /// Every row's key under one blocking rule, nil where a part is empty. Each part is derived from each
    /// distinct value of its column once (a surname's Soundex, a date's year).
    func blockingKeys(_ table: Table, _ rule: [LinkSpecification.BlockingKey], columns: [Int]) -> [String?] {
        let parts = zip(rule, columns).map { key, column in
            Self.eachDistinct(table.rows.count, { table.value($0, column) }) { Self.blockingPart($0, key.function) }
        }
        return (0..<table.rows.count).map { row in
            var values: [String] = []
            for part in parts {
                guard !part[row].isEmpty else { return nil }
                values.append(part[row])
            }
            return values.joined(separator: "\u{1F}")
        }
    }

    /// One part of a blocking key: the folded value, or what a function derives from it.
    static func blockingPart(_ raw: String, _ function: String) -> String {
        switch function {
        case "soundex":
            return String(decoding: StringSimilarity.soundex(Array(DutchName.surname(raw).core.utf8)), as: UTF8.self)
        case "surname": return DutchName.surname(raw).core
        case "first": return String(DutchName.fold(raw).prefix(1))
        case "year", "month":
            let digits = raw.filter(\.isNumber)
            return digits.count >= 6 ? String(digits.prefix(function == "year" ? 4 : 6)) : ""
        default: return DutchName.fold(raw)
        }
    }

    /// Candidate pairs: the union over blocking rules, counted before any scoring, and each rule's own.
    /// - Throws: `.configuration` when the rules would create more than `maxPairs` pairs, with that number.
    public func candidatePairs() throws -> (all: [(Int, Int)], byRule: [[(Int, Int)]]) {
        var ruleIndexes: [(left: [String: [Int]], right: [String: [Int]])] = []
        var total = 0
        for rule in specification.blocking {
            var leftIndex: [String: [Int]] = [:]
            var rightIndex: [String: [Int]] = [:]
            let leftColumns = try rule.map { try left.column($0.left) }
            let rightColumns = try rule.map { try right.column($0.right) }
            let leftKeys = blockingKeys(left, rule, columns: leftColumns)
            for (row, key) in leftKeys.enumerated() {
                if let key { leftIndex[key, default: []].append(row) }
            }
            let rightKeys = blockingKeys(right, rule, columns: rightColumns)
            for (row, key) in rightKeys.enumerated() {
                if let key { rightIndex[key, default: []].append(row) }
            }
            for (key, rows) in leftIndex { total += rows.count * (rightIndex[key]?.count ?? 0) }
            ruleIndexes.append((leftIndex, rightIndex))
        }
        guard total <= specification.maxPairs else {
            throw WijkbeeldError(
                .configuration,
                "the blocking rules would create \(total) candidate pairs (more than max_pairs \(specification.maxPairs)); "
                    + "block on more columns")
        }
        var pairs = Set<UInt64>()
        var byRule: [[(Int, Int)]] = []
        for (leftIndex, rightIndex) in ruleIndexes {
            var rulePairs: [UInt64] = []
            for (key, rows) in leftIndex {
                guard let others = rightIndex[key] else { continue }
                for l in rows { for r in others { rulePairs.append(UInt64(l) << 32 | UInt64(r)) } }
            }
            pairs.formUnion(rulePairs)
            byRule.append(rulePairs.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) })
        }
        return (pairs.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }, byRule)
    }
}
