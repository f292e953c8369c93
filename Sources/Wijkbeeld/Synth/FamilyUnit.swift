/// A person of the synthetic population, as the generator knows them (true values, no dirt).
struct SynthPerson {
    /// Global person number; RINPERSOON, BSN and names derive from it.
    var id: Int
    /// `RINPERSOONS = "R"`: found in the BRP, linkable.
    var isLinkable = true
    var sex: Int
    var birth: CalendarDate
    /// GBAGENERATIE: 0 no migration background, 1 first, 2 second generation.
    var generation: Int
    var father: Int?
    var mother: Int?
    var isChild: Bool
    var householdSpells: [Spell] = []
    var addressSpells: [Spell] = []

    /// RINPERSOON: a 9-digit number, a bijection of `id`.
    var rin: Int { (id &* 387_420_489 &+ 12_345_678) % 1_000_000_000 }

    /// The person's true BSN (valid 11-proof), unique for ids below 20 million.
    var bsn: Int {
        let bank = min(id / 10_000_000, 1)
        let prefix = ((id % 10_000_000) &* 7_654_321 &+ 1_234_567) % 10_000_000
        return DutchPersonNumber.complete(prefix: prefix, bank: bank, residue: 0)
    }
}

/// A half-open-free spell `[begin, end]`, inclusive, with `end == nil` meaning still open.
struct Spell {
    /// Index of the household or address in its `FamilyUnit` array.
    var target: Int
    var begin: CalendarDate
    var end: CalendarDate?

    func covers(_ date: CalendarDate) -> Bool {
        begin <= date && (end.map { date <= $0 } ?? true)
    }

    func overlaps(year: Int) -> Bool {
        begin <= CalendarDate.known(year, 12, 31) && (end.map { $0 >= CalendarDate.known(year, 1, 1) } ?? true)
    }
}

/// A BRP household: its number, CBS type and members.
struct SynthHousehold {
    var number: Int
    /// TYPHH 1…8.
    var type: Int
    var members: [Int]
    var begin: CalendarDate
    var end: CalendarDate?
    /// Latent income score; ≤ 0 means below the low-income line in an average year.
    var incomeScore: Double
    /// The main breadwinner (a member index), key of the income household.
    var earner: Int
    /// Income score per year of `SynthOptions.years`.
    var yearScores: [Double] = []

    /// HUISHOUDNR, 12 characters.
    var code: Int { (number &* 387_420_489 &+ 5) % 1_000_000_000_000 }
}

/// A dwelling: a BAG address object with its buurt, postcode and house number.
struct SynthAddress {
    var object: Int
    var buurt: Int
    var houseNumber: Int
    var letters: (UInt8, UInt8)

    /// RINOBJECTNUMMER, 16 digits.
    var objectCode: Int { (object &* 2_654_435_761 &+ 7) % 10_000_000_000_000_000 }
}

/// A youth-care, youth-protection or benefit spell with its code.
struct CodedSpell {
    var person: Int
    var code: Int
    var begin: CalendarDate
    var end: CalendarDate?
}

/// The people generated together: one household and the households that share its children.
///
/// A separated parent's household belongs to the unit of the children, so every legal parent
/// exists in the same unit and cross-table references stay inside it.
struct FamilyUnit {
    var persons: [SynthPerson] = []
    var households: [SynthHousehold] = []
    var addresses: [SynthAddress] = []
    var youthCare: [CodedSpell] = []
    var protection: [CodedSpell] = []
    var benefits: [CodedSpell] = []
    /// (person, year) pairs of registered suspects.
    var suspects: [(person: Int, year: Int)] = []
    /// The buurt the unit was generated for.
    var homeBuurt: Int
    var profile: AreaProfile
}
