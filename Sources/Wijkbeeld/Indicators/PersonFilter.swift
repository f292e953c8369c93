/// A filter over the persons of the analysis tables, declared as data: the numerator and
/// denominator of an indicator, built in or defined by a researcher.
public struct PersonFilter: Sendable, Equatable {
    /// A field of `AnalysisTables.Person` that filters can test, by its export column name.
    public enum Field: String, Sendable, CaseIterable {
        case householdType = "typhh"
        case lowIncomeRatio = "inharmlag"
        case longTermLowIncomeRatio = "inharmlagl"
        case socialMinimumRatio = "inharmsoc"
        case incomeHouseholdSize = "inhahl"
        case incomePercentile = "inhp100hgestes"
        case incomeSource = "inhbbihj"
        case age = "leeftijd"
        case sex = "geslacht"
        case generation = "generatie"
        case parentEducation = "opleidingsniveau_ouders"

        func value(of person: AnalysisTables.Person) -> Int? {
            switch self {
            case .householdType: person.householdType
            case .lowIncomeRatio: person.lowIncomeRatio
            case .longTermLowIncomeRatio: person.longTermLowIncomeRatio
            case .socialMinimumRatio: person.socialMinimumRatio
            case .incomeHouseholdSize: person.incomeHouseholdSize
            case .incomePercentile: person.incomePercentile
            case .incomeSource: person.incomeSource
            case .age: person.age
            case .sex: Int(person.sex)
            case .generation: Int(person.generation)
            case .parentEducation: person.parentEducation
            }
        }
    }

    /// One test on one field; a missing value fails every test.
    public enum Condition: Sendable, Equatable {
        case between(Field, Int, Int)
        case oneOf(Field, Set<Int>)
        case notOneOf(Field, Set<Int>)
        /// The child has this fact in the period year.
        case has(AnalysisTables.ChildFact)

        func holds(for person: AnalysisTables.Person) -> Bool {
            switch self {
            case .between(let field, let low, let high):
                guard let value = field.value(of: person) else { return false }
                return low <= value && value <= high
            case .oneOf(let field, let values):
                guard let value = field.value(of: person) else { return false }
                return values.contains(value)
            case .notOneOf(let field, let values):
                guard let value = field.value(of: person) else { return false }
                return !values.contains(value)
            case .has(let fact):
                return person.facts.contains(fact)
            }
        }
    }

    /// All conditions must hold; no conditions means everyone (the whole child population).
    public var conditions: [Condition]

    public init(_ conditions: [Condition]) {
        self.conditions = conditions
    }

    public func matches(_ person: AnalysisTables.Person) -> Bool {
        conditions.allSatisfy { $0.holds(for: person) }
    }
}
