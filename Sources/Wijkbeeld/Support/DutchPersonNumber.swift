/// Checks and builds the two Dutch person numbers the inputs carry: BSN and onderwijsnummer.
///
/// Both are nine digits with weights 9…2 and −1; a BSN's weighted sum is ≡ 0 (mod 11) (the
/// "11-proef"), an onderwijsnummer starts with `10` and its sum is ≡ 5 (mod 11), so one can
/// never pass for the other (local-files.md).
public enum DutchPersonNumber {
    /// The weighted sum 9·d1 + … + 2·d8 − d9 of nine ASCII digits, or nil if `bytes` are not 9 digits.
    public static func weightedSum<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        guard bytes.count == 9 else { return nil }
        var sum = 0
        var weight = 9
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            let digit = Int(byte - 48)
            sum += weight == 1 ? -digit : weight * digit
            weight -= 1
        }
        return sum
    }

    /// True when `bytes` are nine digits passing the BSN 11-proof.
    public static func isValidBSN<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard let sum = weightedSum(bytes) else { return false }
        return sum % 11 == 0
    }

    /// True when `bytes` are a valid onderwijsnummer: `10…`, weighted sum ≡ 5 (mod 11).
    public static func isValidOnderwijsnummer<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard let sum = weightedSum(bytes), bytes.first == 49, bytes.dropFirst().first == 48 else { return false }
        return ((sum % 11) + 11) % 11 == 5
    }

    /// The nine ASCII digits of a person number as an export may write it: spaces and dots removed and an
    /// 8-digit number left-padded with `0` (local-files.md, "BSN 11-proof"; disclosure.md, "Normalise first").
    /// Nil when what remains is not 8 or 9 digits.
    public static func normalized<C: Collection>(_ bytes: C) -> [UInt8]? where C.Element == UInt8 {
        var digits = [UInt8]()
        digits.reserveCapacity(9)
        for byte in bytes where byte != UInt8(ascii: " ") && byte != UInt8(ascii: ".") {
            guard byte >= 48, byte <= 57, digits.count < 9 else { return nil }
            digits.append(byte)
        }
        switch digits.count {
        case 9: return digits
        case 8: return [48] + digits
        default: return nil
        }
    }

    /// The nine ASCII digits of `value`, zero-padded.
    public static func digits(_ value: Int) -> [UInt8] {
        var result = [UInt8](repeating: 48, count: 9)
        var rest = value
        for position in stride(from: 8, through: 0, by: -1) {
            result[position] = UInt8(48 + rest % 10)
            rest /= 10
        }
        return result
    }

    /// Completes seven leading digits into a number whose weighted sum ≡ `residue` (mod 11).
    ///
    /// The eighth digit is searched in `bank * 5 ..< bank * 5 + 5`; among five consecutive values
    /// at most one gives a check digit of 10, so a valid number always exists and different
    /// `(prefix, bank)` pairs give different numbers.
    static func complete(prefix seven: Int, bank: Int, residue: Int) -> Int {
        var partial = 0
        var rest = seven
        var weights = [3, 4, 5, 6, 7, 8, 9]
        var prefixDigits = [Int]()
        for _ in 0..<7 {
            prefixDigits.append(rest % 10)
            rest /= 10
        }
        for index in 0..<7 {
            partial += weights.removeFirst() * prefixDigits[index]
        }
        for d8 in (bank * 5)..<(bank * 5 + 5) {
            let check = (((partial + 2 * d8 - residue) % 11) + 11) % 11
            if check < 10 {
                return seven * 100 + d8 * 10 + check
            }
        }
        return seven * 100  // unreachable: see the doc comment
    }
}
