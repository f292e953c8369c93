/// String similarities on normalised byte strings, for comparing names and dates (issue: linkage).
public enum StringSimilarity {
    /// Jaro–Winkler similarity in [0, 1], prefix scale 0.1 over at most four characters.
    /// - Complexity: O(n · m) for strings of lengths n and m (names are short); no allocation when both
    ///   are at most 64 bytes (the matched flags are bit masks), which is the hot loop of u sampling.
    public static func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in jaroWinkler(a, b) } }
    }

    /// Jaro–Winkler of two byte ranges in place (prepared values in one arena).
    static func jaroWinkler(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        guard a.count <= 64 && b.count <= 64 else { return jaroWinklerLong(Array(a), Array(b)) }
        let window = max(max(a.count, b.count) / 2 - 1, 0)
        var aMatched: UInt64 = 0
        var bMatched: UInt64 = 0
        var matches = 0
        for i in 0..<a.count {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where bMatched & (1 << UInt64(j)) == 0 && a[i] == b[j] {
                aMatched |= 1 << UInt64(i)
                bMatched |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<a.count where aMatched & (1 << UInt64(i)) != 0 {
            while bMatched & (1 << UInt64(j)) == 0 { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        return winkler(matches, transpositions, a, b)
    }

    /// Jaro–Winkler for strings longer than a bit mask holds.
    static func jaroWinklerLong(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let window = max(max(a.count, b.count) / 2 - 1, 0)
        var aMatched = [Bool](repeating: false, count: a.count)
        var bMatched = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in a.indices {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !bMatched[j] && a[i] == b[j] {
                aMatched[i] = true
                bMatched[j] = true
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var j = 0
        for i in a.indices where aMatched[i] {
            while !bMatched[j] { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in winkler(matches, transpositions, a, b) }
        }
    }

    /// Jaro from matches and transpositions, with the Winkler bonus for a common prefix.
    private static func winkler(
        _ matches: Int, _ transpositions: Int, _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>
    ) -> Double {
        let m = Double(matches)
        let jaro = (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// Damerau–Levenshtein distance (optimal string alignment: adjacent transpositions count one).
    /// - Complexity: O(n · m) time; the three rows live in one temporary (stack) allocation.
    public static func damerauLevenshtein(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in damerauLevenshtein(a, b) } }
    }

    /// Damerau–Levenshtein of two byte ranges in place.
    static func damerauLevenshtein(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            var previous2 = 0
            var previous = width
            var current = 2 * width
            for j in 0..<width {
                rows[previous2 + j] = 0
                rows[previous + j] = j
            }
            for i in 1...a.count {
                rows[current] = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        value = min(value, rows[previous2 + j - 2] + 1)
                    }
                    rows[current + j] = value
                }
                (previous2, previous, current) = (previous, current, previous2)
            }
            return rows[previous + b.count]
        }
    }

    /// American Soundex of an ASCII name ("R163" for Robert), for blocking on how a name sounds.
    public static func soundex(_ name: [UInt8]) -> [UInt8] {
        func code(_ byte: UInt8) -> UInt8 {
            switch byte {
            case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "p"), UInt8(ascii: "v"): UInt8(ascii: "1")
            case UInt8(ascii: "c"), UInt8(ascii: "g"), UInt8(ascii: "j"), UInt8(ascii: "k"), UInt8(ascii: "q"),
                UInt8(ascii: "s"), UInt8(ascii: "x"), UInt8(ascii: "z"):
                UInt8(ascii: "2")
            case UInt8(ascii: "d"), UInt8(ascii: "t"): UInt8(ascii: "3")
            case UInt8(ascii: "l"): UInt8(ascii: "4")
            case UInt8(ascii: "m"), UInt8(ascii: "n"): UInt8(ascii: "5")
            case UInt8(ascii: "r"): UInt8(ascii: "6")
            case UInt8(ascii: "h"), UInt8(ascii: "w"): 1
            default: 0
            }
        }
        let letters = name.filter { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
        guard let first = letters.first else { return [] }
        var result = [first &- 32]
        var last = code(first)
        for byte in letters.dropFirst() {
            let digit = code(byte)
            if digit == 1 { continue }  // h and w do not separate equal codes
            if digit != 0 && digit != last { result.append(digit) }
            last = digit
            if result.count == 4 { break }
        }
        while result.count < 4 { result.append(UInt8(ascii: "0")) }
        return result
    }
}
