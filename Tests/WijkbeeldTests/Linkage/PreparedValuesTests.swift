import Foundation
import Testing

@testable import Wijkbeeld

/// Levels compared through codes in one byte arena, with the Jaro–Winkler bound that skips most pairs,
/// against the definitions written out on plain arrays, over many random names, dates and typos.
@Suite struct PreparedValuesTests {
    /// The level as the comparison defines it, without codes, arena or bound.
    private static func reference(_ a: String, _ b: String, _ method: LinkSpecification.Method) -> UInt8 {
        let (x, y) = (RecordLinker.prepare(a, method), RecordLinker.prepare(b, method))
        if x.text.isEmpty || y.text.isEmpty { return RecordLinker.missing }
        if x.text == y.text { return 0 }
        // Thresholds hold with a margin for rounding: 0.8 computed as 0.7999999999999999 is 0.8.
        func band(_ similarity: Double) -> UInt8 { similarity > 0.92 - 1e-9 ? 1 : similarity > 0.8 - 1e-9 ? 2 : 3 }
        switch method {
        case .exact: return 1
        case .surname, .jaroWinkler: return band(StringSimilarity.jaroWinklerLong(x.text, y.text))
        case .levenshtein: return UInt8(min(StringSimilarity.damerauLevenshtein(x.text, y.text), 3))
        case .givenName:
            let (p, q) = (x.text.split(separator: 32).map(Array.init), y.text.split(separator: 32).map(Array.init))
            if p[0] == q[0] { return 0 }
            let (short, long) = p.count <= q.count ? (p, q) : (q, p)
            if long.dropFirst().contains(short[0]) { return 1 }
            return StringSimilarity.jaroWinklerLong(p[0], q[0]) > 0.85 - 1e-9 ? 2 : 3
        case .date:
            let (s, t) = (x.text, y.text)
            if s[0..<4] == t[0..<4] && s[4..<6] == t[6..<8] && s[6..<8] == t[4..<6] { return 1 }
            if StringSimilarity.damerauLevenshtein(s, t) == 1 { return 2 }
            if let d = x.day, let e = y.day, abs(d - e) <= 365 { return 3 }
            return 4
        }
    }

    /// A random edit: a letter replaced, dropped, doubled, or swapped with the next.
    private static func typo(_ text: String, _ random: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        guard bytes.count >= 2 else { return text }
        let at = random.int(in: 0...(bytes.count - 2))
        switch random.int(in: 0...3) {
        case 0: bytes[at] = UInt8(ascii: "a") + UInt8(random.int(in: 0...25))
        case 1: bytes.remove(at: at)
        case 2: bytes.insert(bytes[at], at: at)
        default: bytes.swapAt(at, at + 1)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func check(_ values: [String], _ method: LinkSpecification.Method, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let pool = values + values.map { typo($0, &random) } + values.map { typo(typo($0, &random), &random) }
        for _ in 0..<4_000 {
            let (a, b) = (pool[random.int(in: 0...(pool.count - 1))], pool[random.int(in: 0...(pool.count - 1))])
            let level = RecordLinker.level(RecordLinker.prepare(a, method), RecordLinker.prepare(b, method), method)
            #expect(level == reference(a, b, method), "\(method) \(a) | \(b)")
        }
    }

    private static let surnames = [
        "Jansen", "Janssen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
        "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
        "Smits", "de Graaf", "van der Meer", "El Amrani", "Yılmaz", "Çelik", "Peters-Benali", "Kaya", "Öztürk", "",
    ]

    @Test func surnameAndJaroWinklerLevels() {
        // Exactly on a threshold: Jaro–Winkler of "hof" and "huf" is 0.8.
        #expect(
            RecordLinker.level(RecordLinker.prepare("Hof", .surname), RecordLinker.prepare("Huf", .surname), .surname)
                == 2)
        Self.check(Self.surnames, .surname, seed: 1)
        Self.check(Self.surnames, .jaroWinkler, seed: 2)
        Self.check(Self.surnames, .levenshtein, seed: 3)
        Self.check(Self.surnames, .exact, seed: 4)
    }

    /// Identifiers of nine digits with typos: the edit-distance bound settles most pairs before the table.
    @Test func identifierLevels() {
        var random = SplitMix64(seed: 9)
        let numbers = (0..<80).map { _ in String(100_000_000 + random.int(in: 0...899_999_999)) }
        Self.check(numbers + ["", "11111111", "1111111111111111111"], .levenshtein, seed: 10)
    }

    @Test func givenNameLevels() {
        var random = SplitMix64(seed: 5)
        let names = [
            "Daan", "Sem", "Mees", "Anna", "Emma", "Julia", "Liam", "Noah", "Fatima", "Mohammed", "Joël", "Zoë",
        ]
        let given = (0..<60).map { _ in
            (0...random.int(in: 0...2)).map { _ in names[random.int(in: 0...(names.count - 1))] }.joined(separator: " ")
        }
        Self.check(given + [""], .givenName, seed: 6)
    }

    @Test func dateLevels() {
        var random = SplitMix64(seed: 7)
        let dates = (0..<80).map { _ in
            String(
                format: "%04d-%02d-%02d", 2008 + random.int(in: 0...6), random.int(in: 1...12), random.int(in: 1...28))
        }
        // Typos in digits may leave a month or day out of range: the day number is then missing.
        Self.check(dates + ["", "2011-13-08"], .date, seed: 8)
    }
}
