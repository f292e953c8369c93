/// Parses values straight from field bytes, without creating strings.
public enum FieldParsing {
    /// The bytes without leading and trailing spaces (P7: `WPOLEERJAAR` holds `" 8"`).
    /// - Complexity: O(number of spaces).
    @inline(__always)
    public static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = bytes.baseAddress else { return bytes }
        var first = 0
        var last = bytes.count
        while first < last && base[first] == 0x20 { first += 1 }
        while last > first && base[last - 1] == 0x20 { last -= 1 }
        return UnsafeBufferPointer(start: base + first, count: last - first)
    }

    /// A decimal integer with an optional sign, or nil. Rejects empty input and overflow.
    @inline(__always)
    public static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count <= 18 else { return nil }
        var index = 0
        var negative = false
        if base[0] == 0x2D || base[0] == 0x2B {
            negative = base[0] == 0x2D
            index = 1
            guard bytes.count > 1 else { return nil }
        }
        var value = 0
        while index < bytes.count {
            let digit = Int(base[index]) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value &* 10 &+ digit
            index += 1
        }
        return negative ? -value : value
    }

    /// A decimal number with `,` or `.` as decimal separator and no grouping, or nil.
    public static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count <= 40 else { return nil }
        var index = 0
        var negative = false
        if base[0] == 0x2D || base[0] == 0x2B {
            negative = base[0] == 0x2D
            index = 1
        }
        var whole = 0.0
        var fraction = 0.0
        var scale = 1.0
        var digits = 0
        var separatorSeen = false
        while index < bytes.count {
            let byte = base[index]
            if byte == 0x2C || byte == 0x2E {
                guard !separatorSeen else { return nil }
                separatorSeen = true
            } else if byte >= 48 && byte <= 57 {
                digits += 1
                if separatorSeen {
                    scale /= 10
                    fraction += Double(byte - 48) * scale
                } else {
                    whole = whole * 10 + Double(byte - 48)
                }
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        let value = whole + fraction
        return negative ? -value : value
    }

    /// True for the CBS missing tokens `-`, `--` and `----` (cbs-tables.md P6), without building a string.
    @inline(__always)
    public static func isCBSMissingToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        (bytes.count == 1 || bytes.count == 2 || bytes.count == 4) && bytes.allSatisfy { $0 == UInt8(ascii: "-") }
    }

    /// The first year whose end dates mean "open" in CBS spell tables (cbs-tables.md P9: an empty end, or an end
    /// year ≥ 2050, is an open spell).
    public static let openEndYear = 2050

    /// The last day of a CBS spell in days since 1970: `Int.max` for an open spell (empty, missing or a year ≥
    /// 2050, P9), nil when the end is not a real date.
    @inline(__always)
    public static func spellEnd(_ bytes: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let bytes, !bytes.isEmpty else { return Int.max }
        guard let date = date(bytes, format: .compact) else { return nil }
        return date.year >= openEndYear ? Int.max : date.daysSinceEpoch
    }

    /// A real calendar date written `YYYYMMDD` (CBS A8) or `YYYY-MM-DD` (local files), or nil.
    public static func date(_ bytes: UnsafeBufferPointer<UInt8>, format: DateFormat) -> CalendarDate? {
        guard let base = bytes.baseAddress else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for index in from..<(from + count) {
                let digit = Int(base[index]) &- 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        switch format {
        case .compact:
            guard bytes.count == 8, let year = number(0, 4), let month = number(4, 2), let day = number(6, 2) else {
                return nil
            }
            return CalendarDate(year: year, month: month, day: day)
        case .iso:
            guard bytes.count == 10, base[4] == 0x2D, base[7] == 0x2D, let year = number(0, 4),
                let month = number(5, 2), let day = number(8, 2)
            else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }
}

/// How a date column is written.
public enum DateFormat: String, Sendable {
    /// `YYYYMMDD`, CBS format A8.
    case compact = "%Y%m%d"
    /// `YYYY-MM-DD`, the local files.
    case iso = "%Y-%m-%d"
}
