/// One indicator of the catalogue, declared as data (indicators.md): labels, unit, disclosure class,
/// sources, and numerator and denominator as filters over the child population C(t, A).
public struct IndicatorDefinition: Sendable, Equatable {
    /// Disclosure class: counts of persons, household attributes (R3 applies too), magnitudes.
    public enum DisclosureClass: String, Sendable {
        case person = "P"
        case household = "H"
        case magnitude = "M"
    }

    public var id: String
    public var labelNL: String
    public var labelEN: String
    public var unit: String
    public var disclosureClass: DisclosureClass
    public var sources: [String]
    /// Who is counted: children of C(t, A) matching this filter.
    public var denominator: PersonFilter
    /// Who has the attribute: members of the denominator matching this filter too.
    public var numerator: PersonFilter
    public var definitionVersion = 1
}

/// The built-in indicators that the transform stage's tables support so far.
public enum IndicatorCatalogue {
    /// A share of all children in C(t, A) that have one fact.
    static func fact(
        _ id: String, _ labelNL: String, _ labelEN: String, _ disclosureClass: IndicatorDefinition.DisclosureClass,
        _ sources: [String], _ fact: AnalysisTables.ChildFact
    ) -> IndicatorDefinition {
        IndicatorDefinition(
            id: id, labelNL: labelNL, labelEN: labelEN, unit: "kind", disclosureClass: disclosureClass,
            sources: sources,
            denominator: PersonFilter([]), numerator: PersonFilter([.has(fact)]))
    }

    public static let built: [IndicatorDefinition] = [
        IndicatorDefinition(
            id: "IND01", labelNL: "Kinderen in eenouderhuishouden", labelEN: "Children in a single-parent household",
            unit: "kind", disclosureClass: .household, sources: ["GBAHUISHOUDENSBUS"],
            denominator: PersonFilter([.between(.householdType, 1, 8)]),
            numerator: PersonFilter([.oneOf(.householdType, [6])])),
        IndicatorDefinition(
            id: "IND02", labelNL: "Kinderen in huishouden met laag inkomen",
            labelEN: "Children in a low-income household", unit: "kind", disclosureClass: .household,
            sources: ["INHATAB", "KOPPELPERSOONHUISHOUDEN"],
            denominator: PersonFilter([.between(.lowIncomeRatio, 0, .max)]),
            numerator: PersonFilter([.between(.lowIncomeRatio, 0, 100)])),
        IndicatorDefinition(
            id: "IND03", labelNL: "Kinderen in huishouden met langdurig laag inkomen",
            labelEN: "Children in long-term low income", unit: "kind", disclosureClass: .household,
            sources: ["INHATAB", "KOPPELPERSOONHUISHOUDEN"],
            denominator: PersonFilter([.between(.longTermLowIncomeRatio, 0, .max)]),
            numerator: PersonFilter([.between(.longTermLowIncomeRatio, 0, 100)])),
        IndicatorDefinition(
            id: "IND04", labelNL: "Kinderen met kans op armoede", labelEN: "Children at risk of poverty", unit: "kind",
            disclosureClass: .household, sources: ["INHATAB", "KOPPELPERSOONHUISHOUDEN"],
            denominator: PersonFilter([.between(.incomeHouseholdSize, 2, .max), .between(.socialMinimumRatio, 0, .max)]
            ),
            numerator: PersonFilter([.between(.socialMinimumRatio, 0, 120)])),
        IndicatorDefinition(
            id: "IND06", labelNL: "Kinderen in huishoudens met de 10% laagste inkomens",
            labelEN: "Children in bottom-10% income households", unit: "kind", disclosureClass: .household,
            sources: ["INHATAB"],
            denominator: PersonFilter([.between(.incomePercentile, 1, 100)]),
            numerator: PersonFilter([.between(.incomePercentile, 1, 10)])),
        IndicatorDefinition(
            id: "IND07", labelNL: "Kinderen in huishouden met uitkering als hoofdinkomen",
            labelEN: "Children in benefit-dependent households", unit: "kind", disclosureClass: .household,
            sources: ["INHATAB"],
            // 99 (unknown) and negative codes (excluded household types, cbs-tables.md P6) are not in the base.
            denominator: PersonFilter([.between(.incomeSource, 0, 98)]),
            numerator: PersonFilter([.oneOf(.incomeSource, [21, 22, 23, 24])])),
        fact(
            "IND05", "Kinderen in een bijstandsgezin", "Children in a social-assistance family", .household,
            ["BIJSTANDUITKERINGTAB", "KINDOUDERTAB", "GBAHUISHOUDENSBUS"], .socialAssistanceFamily),
        IndicatorDefinition(
            id: "IND08", labelNL: "Kinderen met laagopgeleide ouders", labelEN: "Children with low-educated parents",
            unit: "kind", disclosureClass: .household, sources: ["HOOGSTEOPLTAB", "GBAHUISHOUDENSBUS", "KINDOUDERTAB"],
            denominator: PersonFilter([.between(.parentEducation, 1, 3)]),
            numerator: PersonFilter([.oneOf(.parentEducation, [1])])),
        fact(
            "IND09", "Kinderen die vaak verhuizen", "Residential instability", .household, ["GBAADRESOBJECTBUS"],
            .frequentMover),
        fact("IND10", "Kinderen met jeugdhulp", "Children receiving youth care", .person, ["JGDHULPBUS"], .youthCare),
        fact(
            "IND11", "Kinderen met jeugdhulp met verblijf", "Children in residential youth care", .person,
            ["JGDHULPBUS"],
            .residentialYouthCare),
        fact(
            "IND12", "Kinderen met jeugdbescherming", "Children under youth protection", .household, ["JGDBESCHERMBUS"],
            .youthProtection),
        fact(
            "IND13", "Uithuisplaatsing (benadering)", "Out-of-home placement (proxy)", .household,
            ["JGDHULPBUS", "JGDBESCHERMBUS"], .outOfHomePlacement),
        fact(
            "IND14", "Kinderen met broer/zus in jeugdzorg", "Sibling history of youth care", .household,
            ["JGDHULPBUS", "JGDBESCHERMBUS", "KINDOUDERTAB"], .siblingYouthCare),
        fact(
            "IND15", "Kinderen met een ouder die verdachte was", "Parent registered as crime suspect", .household,
            ["VERDTAB", "KINDOUDERTAB"], .parentSuspect),
    ]
}
