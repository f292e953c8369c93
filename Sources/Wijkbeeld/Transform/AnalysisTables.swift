/// The transform stage's product: pseudonymised analysis tables per person and per family.
///
/// Nothing here identifies a person directly: persons, households and records appear only as keyed
/// pseudonyms; birth dates are cut to year and month, addresses to buurt and PC4.
public struct AnalysisTables: Sendable {
    /// One selected person on the reference date.
    public struct Person: Sendable {
        public var pseudonym: Pseudonym
        /// `1` man, `2` vrouw, `-` unknown.
        public var sex: String
        public var birthYear: Int?
        public var birthMonth: Int?
        public var age: Int?
        public var generation: String
        /// 8-character buurt code of the fixed vintage; wijk and gemeente derive from it.
        public var buurt: String
        public var pc4: Int?
        /// Codes of the configured areas the person lives in on the reference date.
        public var areas: [String]
        public var household: Pseudonym?
        public var householdType: Int?
        public var mother: Pseudonym?
        public var father: Pseudonym?
        public var incomeHousehold: Pseudonym?
        /// INHAHL: persons in the income household.
        public var incomeHouseholdSize: Int?
        public var lowIncomeRatio: Int?
        public var longTermLowIncomeRatio: Int?
        public var socialMinimumRatio: Int?
        public var incomePercentile: Int?
        public var incomeSource: Int?
        /// IND08: highest education level (1 low, 2 middle, 3 high) of the legal parents living in the
        /// child's household; nil when none of them has a known level.
        public var parentEducation: Int?
        /// In C(t, A): age 4–12 on the reference date (indicators.md).
        public var isChildPopulation: Bool
        /// Youth-care, protection, benefit and police facts of a child in year t (indicators.md
        /// IND05, IND10–IND15); empty for persons outside C(t, A).
        public var facts: Set<ChildFact> = []

        public var wijk: String { String(buurt.prefix(6)) }
        public var gemeente: String { String(buurt.prefix(4)) }
    }

    /// A yes/no fact about a child in the period year t, as the indicators define it.
    public enum ChildFact: String, Sendable, CaseIterable {
        /// IND05: a legal parent in the same household with a bijstand spell covering 31 December t.
        case socialAssistanceFamily = "bijstandsgezin"
        /// IND10: a JGDHULPBUS spell overlapping t.
        case youthCare = "jeugdhulp"
        /// IND11: the same with stay (forms 11–14).
        case residentialYouthCare = "jeugdhulp_verblijf"
        /// IND12: a JGDBESCHERMBUS spell overlapping t.
        case youthProtection = "jeugdbescherming"
        /// IND13: a protection measure overlapping youth care with stay, the overlap lying in t.
        case outOfHomePlacement = "uithuisplaatsing"
        /// IND14: a legal parent has another child with youth care or protection in t−1 or t−2.
        case siblingYouthCare = "broer_zus_jeugdzorg"
        /// IND15: a legal parent was a registered suspect in t−7 … t−1.
        case parentSuspect = "ouder_verdachte"
        /// IND09: two or more moves in the 36 months up to the reference date.
        case frequentMover = "vaak_verhuisd"
    }

    /// A family F(c, t): children of C(t, A) in one household with their legal parents and household members.
    public struct Family: Sendable {
        public var pseudonym: Pseudonym
        /// The buurt of the family's first child (in pseudonym order of the rows).
        public var buurt: String
        /// Every buurt where one of its children lives, sorted: the family counts in each of them, and once in
        /// every aggregate over them (indicators.md, Fam(t, A)).
        public var buurten: [String] = []
        public var children: Int
        public var members: Int
    }

    public struct FamilyMember: Sendable {
        public var family: Pseudonym
        public var person: Pseudonym
        /// `kind`, `ouder` (legal parent), `huisgenoot` (household member).
        public var role: String
    }

    /// How a school or care record was linked to a CBS person, or why it was not.
    public struct RecordLink: Sendable {
        public var source: String
        public var record: Pseudonym
        public var person: Pseudonym?
        public var bsn: Pseudonym?
        /// `bsn_koppeltabel` when linked; otherwise the reason it is handed to the probabilistic linker.
        public var outcome: String
    }

    /// A care episode active in the period year, linked to a person.
    public struct CareContact: Sendable, Equatable {
        public var organisation: String
        public var organisationType: String
    }

    /// One pupil in one school year, from the school exports, without identifiers.
    public struct Pupil: Sendable {
        /// The school's BRIN as the export carries it.
        public var school: String
        public var schoolYear: String
        public var group: Int?
        /// In S(y): enrolled on 1 October of the school year.
        public var enrolledOnFirstOctober: Bool
        /// Share of the school year enrolled.
        public var enrolledShare: Double
        /// Planned clock hours × share of the year enrolled (IND18's denominator).
        public var plannedHours: Double?
        public var unauthorisedHours: Double
        public var sickHours: Double
        /// IND19: a DUO report, or ≥ 16 unauthorised hours within four weeks.
        public var reportableAbsence: Bool
        /// IND23: OPP, an arrangement or a TLV.
        public var extraSupport: Bool
        /// IND21: per domain, whether the end-of-year result reached the target level.
        public var targetLevels: [String: Bool]
        public var finalAdvice: Int?
        public var testAdvice: Int?
    }

    public var options: TransformOptions
    public var persons: [Person] = []
    public var families: [Family] = []
    public var members: [FamilyMember] = []
    public var links: [RecordLink] = []
    /// A pupil's first help-asking school signal and the help that followed (IND24).
    public struct SignalToHelp: Sendable, Equatable {
        public var school: String
        public var signalDay: Int
        /// Days to the first episode of the pupil or the family at or after the signal (at the referred
        /// organisation when one is named), or nil when none starts within 365 days.
        public var daysToHelp: Int?
    }

    /// Pupil-year facts from the school exports.
    public var signals: [SignalToHelp] = []
    public var pupils: [Pupil] = []
    /// Start day and organisation of every linked care episode, per person.
    public var careStarts: [Pseudonym: [(day: Int, organisation: String)]] = [:]
    /// Care episodes active in the period year, per linked person.
    public var careContacts: [Pseudonym: [CareContact]] = [:]
    /// Counts per reason and outcome, for the run record.
    public var counts: [String: Int] = [:]
    /// Steps that failed and were left out, each with its cause: in the run record and on standard error.
    public var warnings: [String] = []
    public var validation: ValidationReport
    public var keyFingerprint: String
    public var isSampleKey: Bool
}
