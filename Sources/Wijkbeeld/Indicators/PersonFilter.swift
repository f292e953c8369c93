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

        func holds<Subject: PersonFilterSubject>(for person: Subject) -> Bool {
            switch self {
            case .between(let field, let low, let high):
                guard let value = person.filterValue(field) else { return false }
                return low <= value && value <= high
            case .oneOf(let field, let values):
                guard let value = person.filterValue(field) else { return false }
                return values.contains(value)
            case .notOneOf(let field, let values):
                guard let value = person.filterValue(field) else { return false }
                return !values.contains(value)
            case .has(let fact):
                return person.hasFact(fact)
            }
        }

        /// The field the condition tests, or nil for a fact.
        var field: Field? {
            switch self {
            case .between(let field, _, _), .oneOf(let field, _), .notOneOf(let field, _): field
            case .has: nil
            }
        }
    }

    /// All conditions must hold; no conditions means everyone (the whole child population).
    public var conditions: [Condition]

    public init(_ conditions: [Condition]) {
        self.conditions = conditions
    }

    public func matches<Subject: PersonFilterSubject>(_ person: Subject) -> Bool {
        conditions.allSatisfy { $0.holds(for: person) }
    }
}

/// What a person filter can test: the analysis tables' persons, and the national run's children.
public protocol PersonFilterSubject {
    func filterValue(_ field: PersonFilter.Field) -> Int?
    func hasFact(_ fact: AnalysisTables.ChildFact) -> Bool
}

extension AnalysisTables.Person: PersonFilterSubject {
    public func filterValue(_ field: PersonFilter.Field) -> Int? { field.value(of: self) }
    public func hasFact(_ fact: AnalysisTables.ChildFact) -> Bool { facts.contains(fact) }
}
