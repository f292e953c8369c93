/// The CBS persons, households, addresses and incomes as the transform stage holds them in memory,
/// keyed by raw keys packed into integers. Raw keys never leave this stage: outputs carry pseudonyms.
struct CBSPopulation {
    /// One GBAPERSOONTAB row, generalised: no day of birth is kept beyond the age computation.
    struct Person {
        var key: UInt64
        var linkable: Bool
        var sex: UInt8
        var birthYear: Int
        var birthMonth: Int
        var birthDay: Int
        var generation: UInt8
        var father: Int32 = -1
        var mother: Int32 = -1
        var buurt: Int32 = -1
        var pc4: Int32 = -1
        var object: UInt64 = 0
        var household: UInt64 = 0
        var householdType: UInt8 = 0
        var incomeHousehold: UInt64 = 0
    }

    /// INHATAB values of one income household; negative values are exclusion codes, kept as read.
    struct Income {
        var persons: Int?
        var lowIncomeRatio: Int?
        var longTermLowIncomeRatio: Int?
        var socialMinimumRatio: Int?
        var percentile: Int?
        var mainSource: Int?
    }

    var persons: [Person] = []
    var index: [UInt64: Int32] = [:]
    /// Buurt codes seen in VSLGWBTAB, interned.
    var buurtCodes: [String] = []
    var incomes: [UInt64: Income] = [:]
    /// Counts per reason, for the run record: nothing disappears uncounted.
    var counts: [String: Int] = [:]

    /// Packs `RINPERSOONS` + 9-digit `RINPERSOON` into one integer (exact, no collisions).
    static func personKey(_ kind: UnsafeBufferPointer<UInt8>?, _ number: UnsafeBufferPointer<UInt8>?) -> UInt64? {
        guard let number, number.count == 9 else { return nil }
        var value: UInt64 = 0
        for byte in number {
            let digit = UInt64(byte) &- 48
            guard digit <= 9 else { return nil }
            value = value &* 10 &+ digit
        }
        let letter = UInt64(kind.flatMap { $0.first } ?? 0)
        return letter << 32 | value
    }

    /// Packs a digit string of up to 18 digits (HUISHOUDNR, RINOBJECTNUMMER) with its length.
    static func digitsKey(_ bytes: UnsafeBufferPointer<UInt8>?) -> UInt64? {
        guard let bytes, bytes.count > 0 else { return nil }
        return KeySet.pack(bytes)
    }

    /// A BSN or onderwijsnummer as written in an export, normalised (`DutchPersonNumber.normalized`) and packed
    /// like `digitsKey`, so that `1234.56.782`, `123 456 782` and `123456782` are one person number.
    static func personNumberKey(_ bytes: UnsafeBufferPointer<UInt8>?) -> UInt64? {
        guard let bytes, let digits = DutchPersonNumber.normalized(bytes) else { return nil }
        return digits.withUnsafeBufferPointer { KeySet.pack($0) }
    }

    /// The nine digits of a person key, for pseudonymising as `rin:v1:` ‖ RINPERSOONS ‖ RINPERSOON.
    static func rinText(_ key: UInt64) -> String {
        let letter = UInt8(truncatingIfNeeded: key >> 32)
        let digits = String(key & 0xFFFF_FFFF).leftPadded(to: 9)
        return (letter == 0 ? "" : String(UnicodeScalar(letter))) + digits
    }

    /// The digit string a `digitsKey` was made from, with its leading zeros.
    static func digitsText(_ key: UInt64) -> String {
        let length = Int(key >> 57)
        return String(key & ((1 << 57) - 1)).leftPadded(to: length)
    }

    mutating func count(_ reason: String, _ amount: Int = 1) {
        counts[reason, default: 0] += amount
    }

    /// Age in completed years on `date`; missing month or day imputed as 07 and 01 (indicators.md).
    func age(of person: Person, on date: CalendarDate) -> Int? {
        guard person.birthYear > 0 else { return nil }
        let month = person.birthMonth > 0 ? person.birthMonth : 7
        let day = person.birthDay > 0 ? person.birthDay : 1
        var years = date.year - person.birthYear
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }
}
