/// The distinct prepared values of one comparison, numbered by code, in one allocation. The hot loops
/// (u sampling, candidate patterns) compare two codes through raw pointers, without reference counting.
/// Immutable after `init`, so worker threads may share it.
final class PreparedValues: @unchecked Sendable {
    let method: LinkSpecification.Method
    /// The number of distinct values (codes 0..<count).
    let count: Int
    /// Every value's text, one after the other; value `c` is `bytes[starts[c]..<starts[c + 1]]`.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let starts: UnsafeMutableBufferPointer<Int32>
    /// A date's days since 1970-01-01, `Int32.min` when it is not a valid date.
    private let days: UnsafeMutableBufferPointer<Int32>
    /// Which bytes (modulo 64) the compared text holds (the first word for given names, else all of it):
    /// once, at least twice, and how many occurrences lie beyond the second of their byte.
    private let masks: UnsafeMutableBufferPointer<UInt64>
    private let twiceMasks: UnsafeMutableBufferPointer<UInt64>
    private let beyondTwice: UnsafeMutableBufferPointer<Int32>
    /// How often each byte occurs, modulo 16, in 4-bit counts (saturating at 15): a bound on edit distance.
    private let histograms: UnsafeMutableBufferPointer<UInt64>
    /// Given names: the length of the first word and the number of words.
    private let firstWordLengths: UnsafeMutableBufferPointer<Int32>
    private let wordCounts: UnsafeMutableBufferPointer<Int32>

    init(_ values: [RecordLinker.Prepared], method: LinkSpecification.Method) {
        self.method = method
        count = values.count
        let total = values.reduce(0) { $0 + $1.text.count }
        bytes = .allocate(capacity: max(total, 1))
        starts = .allocate(capacity: values.count + 1)
        days = .allocate(capacity: max(values.count, 1))
        masks = .allocate(capacity: max(values.count, 1))
        twiceMasks = .allocate(capacity: max(values.count, 1))
        beyondTwice = .allocate(capacity: max(values.count, 1))
        firstWordLengths = .allocate(capacity: max(values.count, 1))
        histograms = .allocate(capacity: max(values.count, 1))
        wordCounts = .allocate(capacity: max(values.count, 1))
        var offset = 0
        for (code, value) in values.enumerated() {
            starts[code] = Int32(offset)
            for byte in value.text {
                bytes[offset] = byte
                offset += 1
            }
            days[code] = value.day.map { Int32(clamping: $0) } ?? .min
        }
        starts[values.count] = Int32(offset)
        for code in 0..<values.count {
            let text = text(Int32(code))
            let first = Self.firstWord(text)
            let compared = method == .givenName ? first : text
            var (once, twice): (UInt64, UInt64) = (0, 0)
            for byte in compared {
                let bit: UInt64 = 1 << UInt64(byte & 63)
                twice |= once & bit
                once |= bit
            }
            masks[code] = once
            twiceMasks[code] = twice
            beyondTwice[code] = Int32(compared.count - once.nonzeroBitCount - twice.nonzeroBitCount)
            firstWordLengths[code] = Int32(first.count)
            var histogram: UInt64 = 0
            for byte in text {
                let shift = UInt64(byte & 15) * 4
                if (histogram >> shift) & 15 < 15 { histogram += 1 << shift }
            }
            histograms[code] = histogram
            wordCounts[code] = Int32(text.reduce(1) { $1 == 32 ? $0 + 1 : $0 })
        }
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
        days.deallocate()
        masks.deallocate()
        twiceMasks.deallocate()
        beyondTwice.deallocate()
        firstWordLengths.deallocate()
        histograms.deallocate()
        wordCounts.deallocate()
    }

    /// Value `code`'s text, in place.
    @inline(__always)
    func text(_ code: Int32) -> UnsafeBufferPointer<UInt8> {
        let start = Int(starts[Int(code)])
        return UnsafeBufferPointer(rebasing: bytes[start..<Int(starts[Int(code) + 1])])
    }

    /// The agreement level of two different codes (0 best, higher worse); the caller has settled equal
    /// and missing values.
    func level(_ a: Int32, _ b: Int32) -> UInt8 {
        let (x, y) = (text(a), text(b))
        switch method {
        case .exact:
            return 1
        case .jaroWinkler, .surname:
            guard mayReach(0.8, x, y, a, b) else { return 3 }
            let similarity = StringSimilarity.jaroWinkler(x, y)
            return Self.reaches(similarity, 0.92) ? 1 : Self.reaches(similarity, 0.8) ? 2 : 3
        case .levenshtein:
            if editsAtLeast(a, b) >= 3 { return 3 }
            return UInt8(min(StringSimilarity.damerauLevenshtein(x, y), 3))
        case .givenName:
            // The first given names equal (the call name is the other side's first given name): 0. The
            // call name is a later given name (siblings often share one): 1. Close by Jaro–Winkler (a
            // typo): 2. Else 3.
            let xFirst = UnsafeBufferPointer(rebasing: x[0..<Int(firstWordLengths[Int(a)])])
            let yFirst = UnsafeBufferPointer(rebasing: y[0..<Int(firstWordLengths[Int(b)])])
            if xFirst.elementsEqual(yFirst) { return 0 }
            let (short, long) = wordCounts[Int(a)] <= wordCounts[Int(b)] ? (xFirst, y) : (yFirst, x)
            if Self.laterWords(long, contain: short) { return 1 }
            guard mayReach(0.85, xFirst, yFirst, a, b) else { return 3 }
            return Self.reaches(StringSimilarity.jaroWinkler(xFirst, yFirst), 0.85) ? 2 : 3
        case .date:
            // Day and month swapped: YYYYDDMM against YYYYMMDD.
            if x[0..<4].elementsEqual(y[0..<4]) && x[4..<6].elementsEqual(y[6..<8]) && x[6..<8].elementsEqual(y[4..<6])
            {
                return 1
            }
            // One typing error: at most two positions differ (a swap), so count those first.
            var differing = 0
            for index in 0..<8 where x[index] != y[index] { differing += 1 }
            if differing <= 2 && StringSimilarity.damerauLevenshtein(x, y) == 1 { return 2 }
            let (dayX, dayY) = (days[Int(a)], days[Int(b)])
            if dayX != .min, dayY != .min, abs(Int(dayX) - Int(dayY)) <= 365 { return 3 }
            return 4
        }
    }

    /// A lower bound on the Damerau–Levenshtein distance of two values, in O(1): an edit changes by at most
    /// one how many bytes one side holds more of than the other (a transposition changes nothing), and
    /// counting bytes in 16 classes, capped at 15, only lowers those numbers. Random pairs of identifiers
    /// mostly stop here, before the O(n · m) table.
    @inline(__always)
    private func editsAtLeast(_ a: Int32, _ b: Int32) -> Int {
        let (x, y) = (histograms[Int(a)], histograms[Int(b)])
        var (surplusX, surplusY) = (0, 0)
        for shift in stride(from: UInt64(0), to: 64, by: 4) {
            let (countX, countY) = (Int((x >> shift) & 15), Int((y >> shift) & 15))
            if countX > countY { surplusX += countX - countY } else { surplusY += countY - countX }
        }
        return max(surplusX, surplusY)
    }

    /// Whether the first words of two values are equal: given names agreeing at level 0.
    func firstWordsEqual(_ a: Int32, _ b: Int32) -> Bool {
        Self.firstWord(text(a)).elementsEqual(Self.firstWord(text(b)))
    }

    /// Whether Jaro–Winkler of `x` and `y` (the compared texts of codes `a` and `b`) can reach
    /// `threshold`. A match pairs equal bytes, so the bytes of one whose value the other holds bound the
    /// matches (counted from the masks: a byte's first and second occurrence, and every later one as if it
    /// matched); with no transpositions and the true common prefix that bounds the similarity. Most random
    /// pairs of names stop here, in O(1), before the O(n · m) matching. In floating point the bound is
    /// computed as `StringSimilarity` computes the similarity, so it is never below it.
    @inline(__always)
    private func mayReach(
        _ threshold: Double, _ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, _ a: Int32, _ b: Int32
    ) -> Bool {
        let (maskX, maskY) = (masks[Int(a)], masks[Int(b)])
        let fromX =
            (maskX & maskY).nonzeroBitCount + (twiceMasks[Int(a)] & maskY).nonzeroBitCount + Int(beyondTwice[Int(a)])
        let fromY =
            (maskX & maskY).nonzeroBitCount + (twiceMasks[Int(b)] & maskX).nonzeroBitCount + Int(beyondTwice[Int(b)])
        let matches = Double(min(fromX, fromY, x.count, y.count))
        guard matches > 0 else { return false }
        let jaro = (matches / Double(x.count) + matches / Double(y.count) + matches / matches) / 3
        var prefix = 0
        while prefix < min(4, x.count, y.count) && x[prefix] == y[prefix] { prefix += 1 }
        return Self.reaches(jaro + Double(prefix) * 0.1 * (1 - jaro), threshold)
    }

    /// Whether a similarity reaches a band's threshold, allowing for rounding: "hof" and "huf" are 0.8
    /// exactly, which floating point computes as 0.7999999999999999.
    @inline(__always)
    static func reaches(_ similarity: Double, _ threshold: Double) -> Bool {
        similarity >= threshold - 1e-9
    }

    /// The bytes before the first space (names are folded to single spaces between words).
    private static func firstWord(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[0..<(text.firstIndex(of: 32) ?? text.count)])
    }

    /// Whether a word after the first of `text` is `word`.
    private static func laterWords(_ text: UnsafeBufferPointer<UInt8>, contain word: UnsafeBufferPointer<UInt8>) -> Bool
    {
        guard var start = text.firstIndex(of: 32).map({ $0 + 1 }) else { return false }
        while start <= text.count {
            let end = text[start...].firstIndex(of: 32) ?? text.count
            if UnsafeBufferPointer(rebasing: text[start..<end]).elementsEqual(word) { return true }
            start = end + 1
        }
        return false
    }
}
