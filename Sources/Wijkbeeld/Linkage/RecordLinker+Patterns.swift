import Foundation

/// Comparison levels of many pairs on both cores, the household-dependence correction, and EM for m.
extension RecordLinker {
    /// The agreement levels of `pairs`, half on each core: the same as one by one.
    func patterns(of pairs: [(Int, Int)]) -> [[UInt8]] {
        BothCores.map(pairs.count) { pattern(pairs[$0].0, pairs[$0].1) }
    }

    /// How often each comparison takes each level over `pairs` (missing left out), starting from one per
    /// level; half the pairs on each core, one comparison at a time (its codes stay in cache). The counts
    /// are whole numbers, so the sum is exact.
    func levelCounts(of pairs: [(Int, Int)], levels: [Int]) -> [[Double]] {
        let halves = CountSlots(count: 2)
        let linker = UncheckedSendable(self)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let linker = linker.value
            let (leftCount, rightCount) = (linker.left.rows.count, linker.right.rows.count)
            var counts = levels.map { [Double](repeating: 0, count: $0) }
            let range = Self.half(half, of: pairs.count)
            linker.leftCodes.withUnsafeBufferPointer { leftCodes in
                linker.rightCodes.withUnsafeBufferPointer { rightCodes in
                    for k in linker.methods.indices {
                        let values = linker.values[k]
                        var levelCounts = [Int](repeating: 0, count: levels[k])
                        let (leftBase, rightBase) = (k * leftCount, k * rightCount)
                        for index in range {
                            let (a, b) = (leftCodes[leftBase + pairs[index].0], rightCodes[rightBase + pairs[index].1])
                            guard a >= 0, b >= 0 else { continue }
                            levelCounts[a == b ? 0 : Int(values.level(a, b))] += 1
                        }
                        counts[k] = levelCounts.map(Double.init)
                    }
                }
            }
            halves.lock.withLock { halves.slots[half] = counts }
        }
        return levels.indices.map { k in
            (0..<levels[k]).map { level in 1 + halves.slots.reduce(0) { $0 + ($1.isEmpty ? 0 : $1[k][level]) } }
        }
    }

    private static func half(_ half: Int, of count: Int) -> Range<Int> {
        half == 0 ? 0..<(count / 2) : (count / 2)..<count
    }

    /// The comparisons at level 0 (exact agreement) of a pattern, as a bit mask.
    static func agreementSet(_ pattern: [UInt8]) -> UInt64 {
        var mask: UInt64 = 0
        for (k, level) in pattern.enumerated() where level == 0 { mask |= 1 << UInt64(k) }
        return mask
    }

    /// Fellegi–Sunter multiplies the u's of agreeing comparisons as if they were independent. Different
    /// persons of one household are not: siblings share surname and address, twins also the birth date,
    /// so a sibling's record agrees on all of them far more often than the product says. When every left
    /// record is a different person, pairs of left records measure it. For each agreement set S (two
    /// comparisons or more) of the candidate pairs, the share of left pairs that agree exactly on all of S
    /// is the joint u; where it exceeds the product, a pair agreeing on S loses the difference in bits.
    /// - Returns: bits (≤ 0) per agreement set, for the sets that need a correction.
    /// - Complexity: O(sets · left rows).
    func dependenceCorrection(_ patterns: [[UInt8]], u: [[Double]]) -> [UInt64: Double] {
        let count = left.rows.count
        guard count >= 2 else { return [:] }
        var sets = Set<UInt64>()
        for pattern in patterns {
            let mask = Self.agreementSet(pattern)
            if mask.nonzeroBitCount >= 2 { sets.insert(mask) }
        }
        var corrections: [UInt64: Double] = [:]
        for mask in sets {
            let members = methods.indices.filter { mask & (1 << UInt64($0)) != 0 }
            var groups: [[Int32]: Int] = [:]
            var present = 0
            for row in 0..<count {
                let key = members.map { leftCodes[$0 * count + row] }
                guard !key.contains(where: { $0 < 0 }) else { continue }
                present += 1
                groups[key, default: 0] += 1
            }
            let pairs = Double(present) * Double(present - 1) / 2
            let agreeing = groups.values.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
            guard pairs > 0, agreeing > 0 else { continue }
            let joint = agreeing / pairs
            let independent = members.reduce(1.0) { $0 * u[$1][0] }
            if joint > independent { corrections[mask] = log2(independent / joint) }
        }
        return corrections
    }

    /// EM for λ and m with u fixed, over distinct patterns and their counts.
    static func expectationMaximisation(
        _ grouped: [[UInt8]: Double], levels: [Int], u: [[Double]], start: [[Double]], iterations: Int = 200
    ) -> (lambda: Double, m: [[Double]]) {
        let unique = grouped.keys.sorted { $0.lexicographicallyPrecedes($1) }
        let counts = unique.map { grouped[$0] ?? 0 }
        let total = max(counts.reduce(0, +), 1)
        var lambda = 0.1
        var m = start
        for _ in 0..<iterations {
            var matchTotal = 0.0
            var mCounts = levels.map { [Double](repeating: 1e-3, count: $0) }
            for (pattern, count) in zip(unique, counts) {
                let posterior = posterior(pattern, lambda: lambda, m: m, u: u)
                matchTotal += posterior * count
                for (k, level) in pattern.enumerated() where level != missing {
                    mCounts[k][Int(level)] += posterior * count
                }
            }
            let newLambda = min(max(matchTotal / total, 1e-9), 1 - 1e-9)
            let newM = mCounts.map { c in c.map { $0 / c.reduce(0, +) } }
            let change = abs(newLambda - lambda) + zip(newM.joined(), m.joined()).map { abs($0 - $1) }.reduce(0, +)
            lambda = newLambda
            m = newM
            if change < 1e-9 { break }
        }
        return (lambda, m)
    }
}

/// The level counts of the two halves, stored under a lock.
private final class CountSlots: @unchecked Sendable {
    var slots: [[[Double]]]
    let lock = NSLockLike()
    init(count: Int) { slots = Array(repeating: [], count: count) }
}
