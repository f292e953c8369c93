/// Blocking: which record pairs are compared at all.
extension RecordLinker {

    func blockingKey(_ table: Table, _ row: Int, _ keys: [LinkSpecification.BlockingKey], columns: [Int]) -> String? {
        var parts: [String] = []
        for (key, column) in zip(keys, columns) {
            let raw = table.value(row, column)
            let value: String
            switch key.function {
            case "soundex":
                value = String(
                    decoding: StringSimilarity.soundex(Array(DutchName.surname(raw).core.utf8)), as: UTF8.self)
            case "surname": value = DutchName.surname(raw).core
            case "first": value = String(DutchName.fold(raw).prefix(1))
            case "year", "month":
                let digits = raw.filter(\.isNumber)
                value = digits.count >= 6 ? String(digits.prefix(key.function == "year" ? 4 : 6)) : ""
            default: value = DutchName.fold(raw)
            }
            guard !value.isEmpty else { return nil }
            parts.append(value)
        }
        return parts.joined(separator: "\u{1F}")
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
            let leftKeys = BothCores.map(left.rows.count) { blockingKey(left, $0, rule, columns: leftColumns) }
            for (row, key) in leftKeys.enumerated() {
                if let key { leftIndex[key, default: []].append(row) }
            }
            let rightKeys = BothCores.map(right.rows.count) { blockingKey(right, $0, rule, columns: rightColumns) }
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
