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
        let linker = UncheckedSendable(self)
        let halves = BothCores.map(2, minimum: 0) { half -> [[Int]] in
            let linker = linker.value
            let (leftCount, rightCount) = (linker.left.rows.count, linker.right.rows.count)
            let range = half == 0 ? 0..<(pairs.count / 2) : (pairs.count / 2)..<pairs.count
            return linker.leftCodes.withUnsafeBufferPointer { leftCodes in
                linker.rightCodes.withUnsafeBufferPointer { rightCodes in
                    linker.methods.indices.map { k in
                        let values = linker.values[k]
                        var counts = [Int](repeating: 0, count: levels[k])
                        let (leftBase, rightBase) = (k * leftCount, k * rightCount)
                        for index in range {
                            let (a, b) = (leftCodes[leftBase + pairs[index].0], rightCodes[rightBase + pairs[index].1])
                            guard a >= 0, b >= 0 else { continue }
                            counts[a == b ? 0 : Int(values.level(a, b))] += 1
                        }
                        return counts
                    }
                }
            }
        }
        return levels.indices.map { k in
            (0..<levels[k]).map { level in 1 + Double(halves.reduce(0) { $0 + $1[k][level] }) }
        }
    }

    /// The comparisons at level 0 (exact agreement) of a pattern, as a bit mask.
    static func agreementSet(_ pattern: [UInt8]) -> UInt64 {
        var mask: UInt64 = 0
        for (k, level) in pattern.enumerated() where level == 0 { mask |= 1 << UInt64(k) }
        return mask
    }

    /// Fellegi–Sunter multiplies the u's of agreeing comparisons as if they were independent. Different
    /// persons of one household are not: siblings share surname and address, twins also the birth date;
    /// and two comparisons of one thing (call name and given names) agree together. When every left record
    /// is a different person, pairs of left records measure it: for a set M of comparisons, the lift is
    /// how much more often they agree on all of M than the product of their single agreement rates says.
    /// A candidate pair agreeing exactly on a set S loses log2 of the lift of the blocks that S splits
    /// into (independent between blocks, dependent within), taking the split that explains the agreement
    /// best (the largest lift): where the data show no dependence, independence stays.
    /// - Returns: bits (≤ 0) per agreement set of the candidate pairs, for the sets that need one.
    /// - Complexity: O(left pairs · comparisons) to count, at most 8 million pairs (a random sample beyond);
    ///   then O(2^c · c) for c comparisons (skipped above 20) and O(3^|S|) per agreement set.
    func dependenceCorrection(_ patterns: [[UInt8]]) -> [UInt64: Double] {
        let count = left.rows.count
        let comparisons = methods.count
        guard count >= 2, comparisons <= 20 else { return [:] }
        let (agreeing, present) = leftPairMasks()
        // Superset sums: pairs agreeing on (present for) at least each mask.
        let atLeastAgreeing = Self.supersetSums(agreeing, bits: comparisons)
        let atLeastPresent = Self.supersetSums(present, bits: comparisons)
        func rate(_ mask: Int) -> Double {
            atLeastPresent[mask] > 0 ? atLeastAgreeing[mask] / atLeastPresent[mask] : 0
        }
        /// The lift of a block in bits, ≥ 0; 0 where the data show nothing. A lift seen in few pairs is
        /// uncertain (the variance of its logarithm is about 1 / pairs), so it is shrunk toward
        /// independence by pairs / (pairs + 1): one twin pair among the pupils says less than fifty.
        func liftBits(_ mask: Int) -> Double {
            let seen = atLeastAgreeing[mask]
            guard mask.nonzeroBitCount >= 2, seen > 0 else { return 0 }
            var independent = 1.0
            for k in 0..<comparisons where mask & (1 << k) != 0 { independent *= rate(1 << k) }
            guard independent > 0 else { return 0 }
            return max(0, log2(rate(mask) / independent)) * seen / (seen + 1)
        }
        var best: [Int: Double] = [:]
        /// The largest total lift over the ways to split `mask` into blocks (subset DP on the set's bits).
        func bestSplit(_ mask: Int) -> Double {
            if mask.nonzeroBitCount < 2 { return 0 }
            if let known = best[mask] { return known }
            let lowest = mask & -mask
            var result = 0.0
            // Every block holding the lowest bit, and the best split of the rest.
            let rest = mask ^ lowest
            var sub = rest
            while true {
                let block = sub | lowest
                result = max(result, liftBits(block) + bestSplit(mask ^ block))
                if sub == 0 { break }
                sub = (sub - 1) & rest
            }
            best[mask] = result
            return result
        }
        var corrections: [UInt64: Double] = [:]
        for pattern in patterns {
            let mask = Self.agreementSet(pattern)
            guard corrections[mask] == nil, mask.nonzeroBitCount >= 2, mask.nonzeroBitCount <= 12 else { continue }
            corrections[mask] = -bestSplit(Int(mask))
        }
        return corrections.filter { $0.value < 0 }
    }

    /// How many left pairs agree exactly (level 0) on exactly each set of comparisons, and for how many
    /// each set is exactly the one both sides hold: all pairs of different left entities, or 8 million
    /// random pairs when there are more. Indexed by bit mask.
    private func leftPairMasks() -> (agreeing: [Double], present: [Double]) {
        let count = left.rows.count
        let comparisons = methods.count
        let size = 1 << comparisons
        let pairs = count * (count - 1) / 2
        let limit = 8_000_000
        let linker = UncheckedSendable(self)
        // Records of one left entity (a pupil listed by two schools) are one person: not a pair.
        let entity = specification.leftEntity.isEmpty ? [] : entities(specification.leftEntity, isLeft: true)
        let halves = BothCores.map(2, minimum: 0) { half -> ([Double], [Double]) in
            let linker = linker.value
            var agreeing = [Double](repeating: 0, count: size)
            var present = [Double](repeating: 0, count: size)
            func add(_ i: Int, _ j: Int) {
                if !entity.isEmpty && entity[i] == entity[j] { return }
                var agree = 0
                var both = 0
                for k in 0..<comparisons {
                    let (a, b) = (linker.leftCodes[k * count + i], linker.leftCodes[k * count + j])
                    guard a >= 0, b >= 0 else { continue }
                    both |= 1 << k
                    if a == b || (linker.methods[k] == .givenName && linker.values[k].firstWordsEqual(a, b)) {
                        agree |= 1 << k
                    }
                }
                agreeing[agree] += 1
                present[both] += 1
            }
            if pairs <= limit {
                for i in stride(from: half, to: count, by: 2) { for j in (i + 1)..<count { add(i, j) } }
            } else {
                var random = SplitMix64(seed: linker.specification.seed &+ UInt64(half) &+ 1)
                for _ in 0..<(limit / 2) {
                    let i = random.int(in: 0...(count - 1))
                    let j = random.int(in: 0...(count - 1))
                    if i != j { add(i, j) }
                }
            }
            return (agreeing, present)
        }
        return (
            zip(halves[0].0, halves[1].0).map { $0 + $1 }, zip(halves[0].1, halves[1].1).map { $0 + $1 }
        )
    }

    /// For every mask, the sum of `counts` over its supersets.
    /// - Complexity: O(2^bits · bits).
    static func supersetSums(_ counts: [Double], bits: Int) -> [Double] {
        var sums = counts
        for bit in 0..<bits {
            for mask in sums.indices where mask & (1 << bit) == 0 { sums[mask] += sums[mask | 1 << bit] }
        }
        return sums
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
