/// What a reader can assume, from the indicator definitions alone, between the cells of one area and
/// period beyond area additivity (docs/disclosure.md, "What the audit assumes"): shared bases, one count
/// within another, and IND17's families in several domains. Disclosure control's joint audit holds every
/// suppressed count against all of them at once.
enum IndicatorConstraints {
    /// Indicators whose base is the whole child population C(t).
    static let childPopulation: Set<String> = ["IND05", "IND09", "IND10", "IND11", "IND12", "IND13", "IND14", "IND15"]
    /// Indicators whose base is a subset of C(t).
    static let childSubset: Set<String> = ["IND01", "IND02", "IND03", "IND04", "IND06", "IND07", "IND08"]
    /// Indicators whose base is the pupils enrolled in the school year.
    static let pupils: Set<String> = ["IND18", "IND19", "IND20"]

    /// The constraints among `cells`, area by area.
    static func constraints(_ cells: [StatisticCell]) -> [CellConstraint] {
        struct Place: Hashable {
            var period: String
            var level: String
            var code: String
        }
        var byPlace: [Place: [String: CellKey]] = [:]
        for cell in cells {
            let key = cell.key
            byPlace[Place(period: key.period, level: key.geoLevel, code: key.geoCode), default: [:]][
                key.indicator + "/" + key.breakdown] = key
        }
        var result: [CellConstraint] = []
        for place in byPlace.keys.sorted(by: { ($0.period, $0.level, $0.code) < ($1.period, $1.level, $1.code) }) {
            guard let here = byPlace[place] else { continue }
            result += constraints(in: here)
        }
        return result
    }

    /// The constraints among the cells of one area and period, by `indicator/breakdown`.
    static func constraints(in here: [String: CellKey]) -> [CellConstraint] {
        var result: [CellConstraint] = []
        let names = here.keys.sorted()
        func cells(_ include: (String, String) -> Bool) -> [CellKey] {
            names.compactMap { name in
                guard let key = here[name], include(key.indicator, key.breakdown) else { return nil }
                return key
            }
        }
        /// Every cell of `group` has the same base as the first.
        func sameBase(_ group: [CellKey]) {
            guard let first = group.first else { return }
            for other in group.dropFirst() { result.append(.equal((first, .base), (other, .base))) }
        }
        let children = cells { indicator, _ in childPopulation.contains(indicator) }
        sameBase(children)
        if let population = children.first {
            for subset in cells({ indicator, _ in childSubset.contains(indicator) }) {
                result.append(.atMost((subset, .base), (population, .base)))
            }
        }
        let families = cells { indicator, breakdown in
            indicator == "IND16" || (indicator == "IND17" && !breakdown.hasSuffix("_met_hulp"))
        }
        sameBase(families)
        let helped = cells { indicator, breakdown in indicator == "IND17" && breakdown.hasSuffix("_met_hulp") }
        sameBase(helped)
        if let all = families.first, let some = helped.first { result.append(.atMost((some, .base), (all, .base))) }
        sameBase(cells { indicator, _ in pupils.contains(indicator) })
        func count(_ name: String) -> CellKey? { here[name] }
        func atMost(_ smaller: String, _ larger: String) {
            if let small = count(smaller), let large = count(larger) {
                result.append(.atMost((small, .count), (large, .count)))
            }
        }
        atMost("IND11/totaal", "IND10/totaal")
        atMost("IND13/totaal", "IND11/totaal")
        atMost("IND13/totaal", "IND12/totaal")
        result += islandConstraints(here)
        // IND24: the pupils with a signal are those helped within 365 days (the median's base) and those not.
        for period in ["voor_pilot", "na_pilot"] {
            if let without = count("IND24/zonder_hulp_" + period), let median = count("IND24/mediaan_dagen_" + period) {
                result.append(
                    CellConstraint(
                        terms: [.init(without, .base), .init(without, .count, -1), .init(median, .base, -1)],
                        isEquality: true))
            }
        }
        return result
    }

    /// IND17: nested shares, and families known in two domains within those known in each and in two or more.
    static func islandConstraints(_ here: [String: CellKey]) -> [CellConstraint] {
        var result: [CellConstraint] = []
        func key(_ breakdown: String) -> CellKey? { here["IND17/" + breakdown] }
        func atMost(_ smaller: CellKey?, _ larger: CellKey?) {
            if let smaller, let larger { result.append(.atMost((smaller, .count), (larger, .count))) }
        }
        atMost(key("aandeel_10plus"), key("aandeel_5plus"))
        atMost(key("aandeel_meer_dan_15"), key("aandeel_10plus"))
        atMost(key("domeinen_3plus"), key("domeinen_2plus"))
        if let five = key("aandeel_5plus"), let helped = key("gemiddelde_met_hulp") ?? key("mediaan_met_hulp") {
            result.append(.atMost((five, .count), (helped, .base)))
        }
        let domains = FamilyIndicators.islandDomains
        var pairs: [CellKey] = []
        for (index, first) in domains.enumerated() {
            for second in domains.dropFirst(index + 1) {
                guard let pair = key("eilanden_\(first)_\(second)") else { continue }
                pairs.append(pair)
                atMost(pair, key("domein_" + first))
                atMost(pair, key("domein_" + second))
                atMost(pair, key("domeinen_2plus"))
                // A family known in both domains is counted once in the families: |A ∪ B| ≤ Fam.
                if let a = key("domein_" + first), let b = key("domein_" + second) {
                    result.append(
                        CellConstraint(
                            terms: [.init(a, .base), .init(a, .count, -1), .init(b, .count, -1), .init(pair, .count)],
                            isEquality: false))
                }
            }
        }
        let pairCount = domains.count * (domains.count - 1) / 2
        if pairs.count == pairCount, let two = key("domeinen_2plus") {
            // A family in k ≥ 2 domains is in k(k−1)/2 ≥ 1 pairs, and in 3 pairs or more when k ≥ 3.
            result.append(
                CellConstraint(terms: pairs.map { .init($0, .count) } + [.init(two, .count, -1)], isEquality: false))
            if let three = key("domeinen_3plus") {
                result.append(
                    CellConstraint(
                        terms: pairs.map { .init($0, .count) } + [.init(two, .count, -1), .init(three, .count, -2)],
                        isEquality: false))
            }
        }
        let domainCells = domains.compactMap { key("domein_" + $0) }
        if domainCells.count == domains.count, let two = key("domeinen_2plus"), let three = key("domeinen_3plus") {
            // Σ domains ≥ 2·(families in exactly 2) + 3·(in 3 or more) = 2·d2 + d3.
            result.append(
                CellConstraint(
                    terms: domainCells.map { .init($0, .count) } + [.init(two, .count, -2), .init(three, .count, -1)],
                    isEquality: false))
        }
        return result
    }
}
