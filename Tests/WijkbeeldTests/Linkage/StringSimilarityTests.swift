import Testing

@testable import Wijkbeeld

/// The allocation-free similarities against independent versions, on many random short strings over a
/// small alphabet (so that matches, transpositions and shared prefixes are common).
@Suite struct StringSimilarityTests {
    private static func randomStrings(_ count: Int, seed: UInt64, maxLength: Int = 14) -> [[UInt8]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<random.int(in: 0...maxLength)).map { _ in UInt8(ascii: "a") + UInt8(random.int(in: 0...4)) }
        }
    }

    @Test func jaroWinklerWithMasksEqualsTheArrayVersion() {
        let strings = Self.randomStrings(300, seed: 11)
        for (a, b) in zip(strings, strings.dropFirst()) where !a.isEmpty && !b.isEmpty {
            #expect(StringSimilarity.jaroWinkler(a, b) == StringSimilarity.jaroWinklerLong(a, b), "\(a) \(b)")
        }
        // Past 64 bytes the array version answers.
        let long = [UInt8](repeating: UInt8(ascii: "a"), count: 70)
        #expect(StringSimilarity.jaroWinkler(long, long) == 1)
    }

    @Test func damerauLevenshteinEqualsTheFullMatrix() {
        func reference(_ a: [UInt8], _ b: [UInt8]) -> Int {
            var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { d[i][0] = i }
            for j in 0...b.count { d[0][j] = j }
            for i in stride(from: 1, through: a.count, by: 1) {
                for j in stride(from: 1, through: b.count, by: 1) {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                    }
                }
            }
            return d[a.count][b.count]
        }
        let strings = Self.randomStrings(400, seed: 12)
        for (a, b) in zip(strings, strings.dropFirst()) {
            #expect(StringSimilarity.damerauLevenshtein(a, b) == reference(a, b), "\(a) \(b)")
        }
    }
}
