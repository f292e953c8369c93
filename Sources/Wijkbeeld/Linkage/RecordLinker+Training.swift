import Foundation

/// Estimating m and the prior of a match (`RecordLinker.run`).
extension RecordLinker {
    /// m per comparison and level, how it was estimated (`labels`, `agreement` or `em`), and the prior
    /// of a match over all record pairs.
    ///
    /// m comes from pairs sharing `train_on` when there are enough, otherwise from EM run per blocking
    /// rule on that rule's pairs with the rule's own columns left out (inside a block they agree by
    /// construction and say nothing), averaged over the rules; then, for some comparisons, from pairs that
    /// agree on every other comparison (the comments below say which).
    func estimateM(
        candidates: [(Int, Int)], byRule: [[Int]], patterns: [[UInt8]], u: [[Double]], dependence: [UInt64: Double]
    ) throws -> (m: [[Double]], training: String, lambda: Double) {
        let comparisons = specification.comparisons
        let levels = comparisons.map(\.method.levels)
        var m = levels.map { count in (0..<count).map { $0 == 0 ? 0.9 : 0.1 / Double(count - 1) } }
        var training = "em"
        var expectedMatches = 0.0
        // Pairs sharing `train_on` are labelled matches: with enough of them, m comes from them (except for
        // the identifier's own comparison, below).
        if let train = specification.trainOn {
            let leftColumn = try left.column(train.left)
            let rightColumn = try right.column(train.right)
            var mCounts = levels.map { [Double](repeating: 1, count: $0) }
            var labelled = 0
            for (index, pair) in candidates.enumerated() {
                let a = left.value(pair.0, leftColumn)
                guard !a.isEmpty, a == right.value(pair.1, rightColumn) else { continue }
                labelled += 1
                for (k, level) in patterns[index].enumerated() where level != Self.missing {
                    mCounts[k][Int(level)] += 1
                }
            }
            if labelled >= 20 {
                m = mCounts.map { counts in counts.map { $0 / counts.reduce(0, +) } }
                training = "labels"
            }
        }
        if training == "em" {
            var mSum = levels.map { [Double](repeating: 0, count: $0) }
            var mRules = [Double](repeating: 0, count: comparisons.count)
            for (rule, pairs) in zip(specification.blocking, byRule) where !pairs.isEmpty {
                let blocked = Set(rule.map { $0.left.lowercased() })
                let masked = Set(
                    comparisons.indices.filter { k in
                        comparisons[k].left.lowercased().split(separator: "+").contains { blocked.contains(String($0)) }
                    })
                var grouped: [[UInt8]: Double] = [:]
                for index in pairs {
                    var levels = patterns[index]
                    for k in masked { levels[k] = Self.missing }
                    grouped[levels, default: 0] += 1
                }
                let fit = Self.expectationMaximisation(grouped, levels: levels, u: u, start: m)
                expectedMatches = max(expectedMatches, fit.lambda * Double(pairs.count))
                for k in comparisons.indices where !masked.contains(k) {
                    mRules[k] += 1
                    for level in 0..<levels[k] { mSum[k][level] += fit.m[k][level] }
                }
            }
            for k in comparisons.indices where mRules[k] > 0 { m[k] = mSum[k].map { $0 / mRules[k] } }
        }
        // EM inside an address block learns "same household", not "same person"; and pairs labelled by an
        // identifier say nothing of how often that identifier itself disagrees. Where enough candidate pairs
        // agree exactly on every other comparison they hold (at least two), those pairs are near-certain
        // matches and give comparison k's m: every comparison after EM, the identifier's after labels.
        let fromSeeds =
            training == "labels"
            ? comparisons.indices.filter { k in
                specification.trainOn.map {
                    comparisons[k].left.lowercased() == $0.left.lowercased()
                        && comparisons[k].right.lowercased() == $0.right.lowercased()
                } ?? false
            } : Array(comparisons.indices)
        var seeds: [[[UInt8]: Double]] = comparisons.map { _ in [:] }
        for k in fromSeeds {
            for pattern in patterns where pattern[k] != Self.missing {
                var agreeing = 0
                var disagree = false
                for (j, level) in pattern.enumerated() where j != k && level != Self.missing {
                    if level == 0 { agreeing += 1 } else { disagree = true }
                }
                guard !disagree, agreeing >= 2 else { continue }
                seeds[k][pattern, default: 0] += 1
            }
        }
        let seeded = fromSeeds.filter { seeds[$0].values.reduce(0, +) >= 20 }
        if !seeded.isEmpty && training == "em" { training = "agreement" }
        // A seed is a match only probably: a same-named sibling or parent at the same address agrees on
        // everything but the birth date. Each seed counts with its match probability under the whole
        // model (dependence included), and m is refit until it settles; the first round counts every
        // seed as a match.
        var grouped: [[UInt8]: Double] = [:]
        for pattern in patterns { grouped[pattern, default: 0] += 1 }
        var weights: [[UInt8]: Double] = [:]
        for round in 0..<(seeded.isEmpty ? 0 : 50) {
            var next = m
            for k in seeded {
                var counts = [Double](repeating: 0.5, count: levels[k])
                for (pattern, count) in seeds[k] { counts[Int(pattern[k])] += count * (weights[pattern] ?? 1) }
                next[k] = counts.map { $0 / counts.reduce(0, +) }
            }
            let change = zip(next.joined(), m.joined()).reduce(0) { $0 + abs($1.0 - $1.1) }
            m = next
            if round > 0 && change < 1e-9 { break }
            let lambda = prior(
                Self.matchShare(grouped, count: patterns.count, m: m, u: u), candidates: candidates.count)
            for k in seeded {
                for pattern in seeds[k].keys {
                    weights[pattern] = Self.probability(
                        pattern, lambda: lambda, m: m, u: u, dependence: dependence[Self.agreementSet(pattern)] ?? 0)
                }
            }
        }
        // With m and u fixed, the share of matches among the candidates, as a prior over all pairs.
        let share = Self.matchShare(grouped, count: patterns.count, m: m, u: u)
        if training != "em" { expectedMatches = share * Double(candidates.count) }
        let allPairs = Double(left.rows.count) * Double(right.rows.count)
        return (m, training, min(max(expectedMatches / max(allPairs, 1), 1e-12), 0.5))
    }

    /// With m and u fixed, the share of matches among the candidate pairs (a fixed point of the posterior mean).
    /// - Parameters:
    ///   - grouped: the candidates' distinct patterns and how many candidates have each.
    ///   - count: the number of candidates.
    static func matchShare(_ grouped: [[UInt8]: Double], count: Int, m: [[Double]], u: [[Double]]) -> Double {
        var share = 0.01
        for _ in 0..<200 {
            var total = 0.0
            for (pattern, count) in grouped { total += Self.posterior(pattern, lambda: share, m: m, u: u) * count }
            let next = min(max(total / max(Double(count), 1), 1e-9), 1 - 1e-9)
            if abs(next - share) < 1e-12 { break }
            share = next
        }
        return share
    }

    /// The prior of a match over all record pairs, from the share among the candidates.
    func prior(_ share: Double, candidates: Int) -> Double {
        let allPairs = Double(left.rows.count) * Double(right.rows.count)
        return min(max(share * Double(candidates) / max(allPairs, 1), 1e-12), 0.5)
    }

    /// A pattern's match probability as scoring computes it (without term frequencies).
    static func probability(
        _ pattern: [UInt8], lambda: Double, m: [[Double]], u: [[Double]], dependence: Double
    ) -> Double {
        var weight = log2(lambda / (1 - lambda)) + dependence
        for (k, level) in pattern.enumerated() where level != missing {
            weight += log2(m[k][Int(level)] / u[k][Int(level)])
        }
        return 1 / (1 + pow(2, -weight))
    }
}
