/// One child of C(t) as the national run keeps it after the joins: no identifier, 40 bytes.
struct NationalChild: PersonFilterSubject, Sendable {
    /// The buurt code (up to 8 ASCII bytes, packed big-endian so packed codes sort as the text does).
    var buurt: UInt64
    /// Who the child shares a household with, for R3: the household, else the income household, else
    /// the child alone; tagged so that the three kinds of key never collide. In memory only.
    var householdIdentity: UInt64
    var age: Int8
    /// `GBAGESLACHT` and `GBAGENERATIE` digits; -1 when not a digit.
    var sex: Int8
    var generation: Int8
    /// `TYPHH`; -1 without a household on the reference date.
    var householdType: Int8
    /// `INHAHL`, `INHARMLAG`, `INHARMLAGL`, `INHARMSOC`, `INHP100HGESTES`, `INHBBIHJ`; `Int32.min` when unknown.
    var income: NationalIncome
    /// `AnalysisTables.ChildFact` bits (`NationalChild.bit`).
    var facts: UInt8

    static func bit(_ fact: AnalysisTables.ChildFact) -> UInt8 {
        switch fact {
        case .youthCare: 1
        case .residentialYouthCare: 2
        case .youthProtection: 4
        default: 0
        }
    }

    /// The facts the national run derives; indicators on other facts are not computed there.
    static let supportedFacts: Set<AnalysisTables.ChildFact> = [.youthCare, .residentialYouthCare, .youthProtection]
    /// The fields the national run fills.
    static let supportedFields: Set<PersonFilter.Field> = [
        .householdType, .lowIncomeRatio, .longTermLowIncomeRatio, .socialMinimumRatio, .incomeHouseholdSize,
        .incomePercentile, .incomeSource, .age, .sex, .generation,
    ]

    func filterValue(_ field: PersonFilter.Field) -> Int? {
        func known(_ value: Int32) -> Int? { value == Int32.min ? nil : Int(value) }
        switch field {
        case .householdType: return householdType < 0 ? nil : Int(householdType)
        case .lowIncomeRatio: return known(income.lowIncomeRatio)
        case .longTermLowIncomeRatio: return known(income.longTermLowIncomeRatio)
        case .socialMinimumRatio: return known(income.socialMinimumRatio)
        case .incomeHouseholdSize: return known(income.persons)
        case .incomePercentile: return known(income.percentile)
        case .incomeSource: return known(income.mainSource)
        case .age: return Int(age)
        case .sex: return sex < 0 ? nil : Int(sex)
        case .generation: return generation < 0 ? nil : Int(generation)
        case .parentEducation: return nil
        }
    }

    func hasFact(_ fact: AnalysisTables.ChildFact) -> Bool {
        let bit = NationalChild.bit(fact)
        return bit != 0 && facts & bit != 0
    }

    var wijk: UInt64 { buurt & ~0xFFFF }
    var gemeente: UInt64 { buurt & ~0xFFFF_FFFF }

    /// Packs up to 8 bytes of a code; nil when empty or longer.
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
        return value
    }

    /// The text of a packed code, cut to `length` bytes.
    static func text(_ packed: UInt64, length: Int = 8) -> String {
        var bytes: [UInt8] = []
        for index in 0..<min(8, length) {
            let byte = UInt8(truncatingIfNeeded: packed >> (56 - 8 * UInt64(index)))
            if byte == 0 { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The INHATAB values the child indicators use, `Int32.min` meaning unknown.
struct NationalIncome: Sendable {
    var persons = Int32.min
    var lowIncomeRatio = Int32.min
    var longTermLowIncomeRatio = Int32.min
    var socialMinimumRatio = Int32.min
    var percentile = Int32.min
    var mainSource = Int32.min

    static let unknown = NationalIncome()
}
