/// The design-session indicators per family (indicators.md): IND16, the stacking of problem domains,
/// and IND17, the distinct organisations known to a family (the "islands").
enum FamilyIndicators {
    /// Labels and sources of the family indicators (their statistics are computed below, not by filters).
    static let definitions: [IndicatorDefinition] = [
        IndicatorDefinition(
            id: "IND16", labelNL: "Stapeling van problemen in het gezin", labelEN: "Family problem stacking",
            unit: "gezin", disclosureClass: .magnitude,
            sources: ["INHATAB", "BIJSTANDUITKERINGTAB", "JGDHULPBUS", "JGDBESCHERMBUS", "VERDTAB"],
            denominator: PersonFilter([]), numerator: PersonFilter([])),
        IndicatorDefinition(
            id: "IND17", labelNL: "Aantal organisaties per gezin", labelEN: "Distinct organisations per family",
            unit: "gezin", disclosureClass: .magnitude, sources: ["care_episodes", "organisations"],
            denominator: PersonFilter([]), numerator: PersonFilter([])),
    ]

    /// IND16 domains present in the family in year t.
    static func domains(of children: [AnalysisTables.Person]) -> Int {
        var count = 0
        if children.contains(where: { ($0.lowIncomeRatio ?? -1) >= 0 && ($0.lowIncomeRatio ?? -1) <= 100 }) {
            count += 1
        }
        for fact in [AnalysisTables.ChildFact.socialAssistanceFamily, .youthCare, .youthProtection, .parentSuspect]
        where children.contains(where: { $0.facts.contains(fact) }) {
            count += 1
        }
        return count
    }

    static func compute(_ tables: AnalysisTables, period: String, areas: [GeoTable.Area]) -> (
        cells: [StatisticCell], relations: [SuppressionRelation], aliases: [(area: CellKey, source: CellKey)]
    ) {
        let persons = Dictionary(tables.persons.map { ($0.pseudonym, $0) }, uniquingKeysWith: { first, _ in first })
        var members: [Pseudonym: [Pseudonym]] = [:]
        for member in tables.members { members[member.family, default: []].append(member.person) }
        struct FamilyFacts {
            /// The family's position in `tables.families`: one family counts once in an aggregate.
            var identity: Int
            var domains: Int
            var organisations: Int
            var organisationTypes: Int
            var islands: Set<String>
        }
        var byBuurt: [String: [FamilyFacts]] = [:]
        for (identity, family) in tables.families.enumerated() {
            let people = members[family.pseudonym] ?? []
            let children = people.compactMap { persons[$0] }.filter(\.isChildPopulation)
            let contacts = people.flatMap { tables.careContacts[$0] ?? [] }
            var islands = Set(contacts.compactMap { island(of: $0.organisationType) })
            if children.contains(where: { $0.facts.contains(.socialAssistanceFamily) }) { islands.insert("inkomen") }
            let facts = FamilyFacts(
                identity: identity, domains: domains(of: children),
                organisations: Set(contacts.map(\.organisation)).count,
                organisationTypes: Set(contacts.map(\.organisationType)).count, islands: islands)
            for buurt in family.buurten.isEmpty ? [family.buurt] : family.buurten {
                byBuurt[buurt, default: []].append(facts)
            }
        }
        var cells: [StatisticCell] = []
        var relations: [SuppressionRelation] = []
        var aliases: [(area: CellKey, source: CellKey)] = []
        func add(
            _ indicator: String, _ breakdown: String, share: Bool, filter: (FamilyFacts) -> Bool = { _ in true },
            _ value: @escaping (FamilyFacts) -> Int
        ) {
            let table = GeoTable(indicator: indicator, period: period, breakdown: breakdown, areas: areas)
            let selected = byBuurt.mapValues { $0.filter(filter) }.filter { !$0.value.isEmpty }
            cells += table.cells(selected, identity: \.identity) { units in
                let values = units.map(value)
                return share ? shareMeasure(values) : (breakdown.hasPrefix("mediaan") ? median(values) : mean(values))
            }
            if share { relations += table.relations(buurten: Set(selected.keys)) }
            aliases += table.aliases(buurten: Set(selected.keys))
        }
        add("IND16", "gemiddelde", share: false) { $0.domains }
        add("IND16", "aandeel_3plus", share: true) { $0.domains >= 3 ? 1 : 0 }
        add("IND17", "gemiddelde", share: false) { $0.organisations }
        add("IND17", "mediaan", share: false) { $0.organisations }
        add("IND17", "aandeel_5plus", share: true) { $0.organisations >= 5 ? 1 : 0 }
        add("IND17", "aandeel_10plus", share: true) { $0.organisations >= 10 ? 1 : 0 }
        add("IND17", "aandeel_meer_dan_15", share: true) { $0.organisations > 15 ? 1 : 0 }
        add("IND17", "gemiddelde_met_hulp", share: false, filter: { $0.organisations > 0 }) { $0.organisations }
        add("IND17", "mediaan_met_hulp", share: false, filter: { $0.organisations > 0 }) { $0.organisations }
        add("IND17", "typen_gemiddelde", share: false) { $0.organisationTypes }
        // The "islands": families known in each domain, in two or three domains at once, and in both of
        // two domains, for every pair of domains.
        for domain in islandDomains {
            add("IND17", "domein_\(domain)", share: true) { $0.islands.contains(domain) ? 1 : 0 }
        }
        add("IND17", "domeinen_2plus", share: true) { $0.islands.count >= 2 ? 1 : 0 }
        add("IND17", "domeinen_3plus", share: true) { $0.islands.count >= 3 ? 1 : 0 }
        for (index, first) in islandDomains.enumerated() {
            for second in islandDomains.dropFirst(index + 1) {
                add("IND17", "eilanden_\(first)_\(second)", share: true) {
                    $0.islands.contains(first) && $0.islands.contains(second) ? 1 : 0
                }
            }
        }
        return (cells, relations, aliases)
    }

    /// The domains of the "islands" picture (issue: school care × youth care × youth protection ×
    /// police × Veilig Thuis × income support).
    static let islandDomains = ["schoolzorg", "jeugdhulp", "jeugdbescherming", "politie", "veilig_thuis", "inkomen"]

    /// The island an organisation type belongs to, if any.
    static func island(of type: String) -> String? {
        switch type {
        case "SCHOOL_ZORG": "schoolzorg"
        case "JEUGDHULP_AMBULANT", "JEUGDHULP_VERBLIJF": "jeugdhulp"
        case "GI_JEUGDBESCHERMING", "JEUGDRECLASSERING": "jeugdbescherming"
        case "POLITIE": "politie"
        case "VEILIG_THUIS": "veilig_thuis"
        case "SCHULDHULP": "inkomen"
        default: nil
        }
    }

    /// Families with the attribute (value 1) among all families; each family is its own household (R3).
    static func shareMeasure(_ flags: [Int]) -> CellMeasure {
        let events = flags.reduce(0, +)
        return .share(
            events: events, population: flags.count, eventHouseholds: events, otherHouseholds: flags.count - events)
    }

    static func mean(_ values: [Int]) -> CellMeasure {
        let sorted = values.sorted(by: >)
        return .mean(
            total: Double(values.reduce(0, +)), units: values.count, largest: Double(sorted.first ?? 0),
            second: Double(sorted.dropFirst().first ?? 0))
    }

    /// The median (lower middle for an even count) with the units strictly below and above it.
    static func median(_ values: [Int]) -> CellMeasure {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .median(value: 0, units: 0, below: 0, above: 0) }
        let middle = sorted[(sorted.count - 1) / 2]
        return .median(
            value: Double(middle), units: sorted.count, below: sorted.filter { $0 < middle }.count,
            above: sorted.filter { $0 > middle }.count)
    }
}
