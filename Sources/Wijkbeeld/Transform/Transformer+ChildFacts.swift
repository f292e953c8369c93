/// The yes/no facts per child behind IND05 and IND10–IND15, from the spell tables.
extension Transformer {
    static let bijstandCodes: Set<Int> = [1, 13, 15, 16, 2, 3, 14, 20]
    static let protectionMeasures: Set<Int> = [11, 12, 21, 22, 23]

    /// Moves in (P − 36 months, P]: a spell start whose object differs from the previous spell's (indicators.md).
    ///
    /// Spells with the same first day are one address change: the one that wins a tie on a reference date
    /// (latest end, then smallest object; cbs-tables.md §4) stands for them, whatever the row order.
    static func moves(_ spells: [PopulationLoader.AddressSpell], before reference: CalendarDate) -> Int {
        let end = reference.daysSinceEpoch
        let start =
            (CalendarDate(year: reference.year - 3, month: reference.month, day: reference.day)
            ?? reference.adding(days: -1096)).daysSinceEpoch
        var winners: [Int: PopulationLoader.AddressSpell] = [:]
        for spell in spells {
            if let other = winners[spell.first], (other.last, spell.object) >= (spell.last, other.object) { continue }
            winners[spell.first] = spell
        }
        let ordered = winners.values.sorted { $0.first < $1.first }
        var count = 0
        for index in ordered.indices.dropFirst() where ordered[index].first > start && ordered[index].first <= end {
            if ordered[index].object != ordered[index - 1].object { count += 1 }
        }
        return count
    }

    /// The highest known education level of the child's legal parents in its household (IND08).
    static func parentEducation(_ index: Int32, population: CBSPopulation, loader: PopulationLoader) -> Int? {
        let person = population.persons[Int(index)]
        guard person.household != 0 else { return nil }
        return [person.father, person.mother]
            .filter { $0 >= 0 && population.persons[Int($0)].household == person.household }
            .compactMap { loader.educationLevel[$0].map(Int.init) }
            .max()
    }

    static func childFacts(
        _ index: Int32, population: CBSPopulation, loader: PopulationLoader, childrenOf: [Int32: [Int32]],
        options: TransformOptions
    ) -> Set<AnalysisTables.ChildFact> {
        let year = options.year
        let window = options.window
        var facts: Set<AnalysisTables.ChildFact> = []
        let person = population.persons[Int(index)]
        let care = loader.youthCare[index] ?? []
        let measures = loader.protection[index] ?? []
        if care.contains(where: { $0.overlaps(window) }) { facts.insert(.youthCare) }
        if care.contains(where: { (11...14).contains($0.code) && $0.overlaps(window) }) {
            facts.insert(.residentialYouthCare)
        }
        if measures.contains(where: { $0.overlaps(window) }) { facts.insert(.youthProtection) }
        let yearFirst = window.lowerBound
        let yearLast = window.upperBound
        for measure in measures where protectionMeasures.contains(measure.code) {
            for stay in care where (11...14).contains(stay.code) {
                let first = max(measure.first, stay.first, yearFirst)
                let last = min(measure.last, stay.last, yearLast)
                if first <= last { facts.insert(.outOfHomePlacement) }
            }
        }
        if moves(loader.addressHistory[index] ?? [], before: options.referenceDate) >= 2 {
            facts.insert(.frequentMover)
        }
        let parents = [person.father, person.mother].filter { $0 >= 0 }
        let endOfYear = yearLast
        for parent in parents {
            let sameHousehold = person.household != 0 && population.persons[Int(parent)].household == person.household
            if sameHousehold,
                (loader.benefits[parent] ?? []).contains(where: {
                    bijstandCodes.contains($0.code) && $0.first <= endOfYear && endOfYear <= $0.last
                })
            {
                facts.insert(.socialAssistanceFamily)
            }
            if (loader.suspectYears[parent] ?? []).contains(where: { (year - 7)...(year - 1) ~= $0 }) {
                facts.insert(.parentSuspect)
            }
            for sibling in childrenOf[parent] ?? [] where sibling != index {
                let spells = (loader.youthCare[sibling] ?? []) + (loader.protection[sibling] ?? [])
                if spells.contains(where: { $0.overlaps(year: year - 1) || $0.overlaps(year: year - 2) }) {
                    facts.insert(.siblingYouthCare)
                }
            }
        }
        return facts
    }
}
