/// Comparison levels per method.
extension RecordLinker {
    /// The agreement level of two prepared values: 0 best, higher worse, `missing` when either is empty.
    static func level(_ a: Prepared, _ b: Prepared, _ method: LinkSpecification.Method) -> UInt8 {
        if a.text.isEmpty || b.text.isEmpty { return missing }
        switch method {
        case .exact:
            return a.text == b.text ? 0 : 1
        case .jaroWinkler, .surname:
            if a.text == b.text { return 0 }
            let similarity = StringSimilarity.jaroWinkler(a.text, b.text)
            return similarity >= 0.92 ? 1 : similarity >= 0.8 ? 2 : 3
        case .levenshtein:
            let distance = StringSimilarity.damerauLevenshtein(a.text, b.text)
            return UInt8(min(distance, 3))
        case .givenName:
            // Equal, or the call name is the other side's first given name: 0. The call name is a later given
            // name (siblings often share one): 1. Close by Jaro–Winkler (a typo): 2. Else 3.
            if a.text == b.text || a.words.first == b.words.first { return 0 }
            let (short, long) = a.words.count <= b.words.count ? (a, b) : (b, a)
            if let first = short.words.first, long.words.dropFirst().contains(first) { return 1 }
            if let x = a.words.first, let y = b.words.first, StringSimilarity.jaroWinkler(x, y) >= 0.85 { return 2 }
            return 3
        case .date:
            if a.text == b.text { return 0 }
            // Day and month swapped: YYYYDDMM against YYYYMMDD.
            if a.text[0..<4] == b.text[0..<4] && a.text[4..<6] == b.text[6..<8] && a.text[6..<8] == b.text[4..<6] {
                return 1
            }
            // One typing error: at most two positions differ (a swap), so count those first.
            var differing = 0
            for index in 0..<8 where a.text[index] != b.text[index] { differing += 1 }
            if differing <= 2 && StringSimilarity.damerauLevenshtein(a.text, b.text) == 1 { return 2 }
            if let x = a.day, let y = b.day, abs(x - y) <= 365 { return 3 }
            return 4
        }
    }
}
