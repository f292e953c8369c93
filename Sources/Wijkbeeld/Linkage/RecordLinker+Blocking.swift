/// Blocking: which record pairs are compared at all.
extension RecordLinker {

    /// Every row's code under one blocking rule, shared by both tables (-1 where a part is empty), and the
    /// number of codes. Each part is derived from each distinct value of its column once (a surname's
    /// Soundex, a date's year).
    func blockingCodes(_ rule: [LinkSpecification.BlockingKey]) -> (left: [Int32], right: [Int32], count: Int) {
        let parts = rule.map { key in
            Self.codes(
                [distinctColumn(key.left, isLeft: true), distinctColumn(key.right, isLeft: false)],
                derive: { Self.blockingPart($0, key.function) }, key: { $0.isEmpty ? nil : $0 }
            ).rows
        }
        let codes = Self.combined(parts)
        guard codes.count == 2 else { return ([], [], 0) }
        let count = Int(max(codes[0].max() ?? -1, codes[1].max() ?? -1) + 1)
        return (codes[0], codes[1], count)
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

    /// Candidate pairs: the union over blocking rules (sorted), counted before any scoring, and each
    /// rule's own as positions in the union.
    /// - Throws: `.configuration` when the rules would create more than `maxPairs` pairs, with that number.
    public func candidatePairs() throws -> (all: [(Int, Int)], byRule: [[Int]]) {
        let rules = BothCores.tasks(specification.blocking.count) { blockingCodes(specification.blocking[$0]) }
        // Right rows by code (ascending within a code), and the pairs each rule makes, before any pair exists.
        var total = 0
        var buckets: [(starts: [Int], rows: [Int32])] = []
        for rule in rules {
            var starts = [Int](repeating: 0, count: rule.count + 1)
            for code in rule.right where code >= 0 { starts[Int(code) + 1] += 1 }
            for code in 0..<rule.count { starts[code + 1] += starts[code] }
            for code in rule.left where code >= 0 { total += starts[Int(code) + 1] - starts[Int(code)] }
            var next = starts
            var rows = [Int32](repeating: 0, count: starts[rule.count])
            for (row, code) in rule.right.enumerated() where code >= 0 {
                rows[next[Int(code)]] = Int32(row)
                next[Int(code)] += 1
            }
            buckets.append((starts, rows))
        }
        guard total <= specification.maxPairs else {
            throw WijkbeeldError(
                .configuration,
                "the blocking rules would create \(total) candidate pairs (more than max_pairs \(specification.maxPairs)); "
                    + "block on more columns")
        }
        // Left rows in order, right rows ascending per code: each rule's pairs come out sorted.
        var byRule: [[UInt64]] = []
        for (rule, bucket) in zip(rules, buckets) {
            var pairs: [UInt64] = []
            for (row, code) in rule.left.enumerated() where code >= 0 {
                for index in bucket.starts[Int(code)]..<bucket.starts[Int(code) + 1] {
                    pairs.append(UInt64(row) << 32 | UInt64(bucket.rows[index]))
                }
            }
            byRule.append(pairs)
        }
        var all = byRule.flatMap { $0 }
        all.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(all.count)
        for pair in all where pair != unique.last { unique.append(pair) }
        // Each rule's pairs as positions in the union: both lists are sorted, so one walk finds them.
        let positions = byRule.map { pairs in
            var position = 0
            return pairs.map { pair in
                while unique[position] != pair { position += 1 }
                return position
            }
        }
        return (unique.map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }, positions)
    }
}
