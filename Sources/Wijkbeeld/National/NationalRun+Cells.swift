import Dispatch

/// Indicator cells from the national run's children, and disclosure control over them.
extension NationalRun {
    /// Which cells a national run publishes.
    public enum Scope: String, Sendable, CaseIterable {
        /// Every wijk and gemeente of the country.
        case wijken
        /// The configured district areas with the buurten, wijken and gemeenten they hold, as the report's
        /// tables; an area of the whole country (Nederland) is left to `wijken`, whose gemeenten add up to it.
        case district
    }

    /// The indicators of `definitions` that a national run can compute: those whose filters read only
    /// the CBS fields and youth-care facts it derives.
    public static func supported(_ definitions: [IndicatorDefinition]) -> [IndicatorDefinition] {
        definitions.filter { definition in
            (definition.numerator.conditions + definition.denominator.conditions).allSatisfy { condition in
                if case .has(let fact) = condition { return NationalChild.supportedFacts.contains(fact) }
                return condition.field.map { NationalChild.supportedFields.contains($0) } ?? false
            }
        }
    }

    /// Reads the inputs, computes the supported indicators for `scope` and protects them.
    /// - Throws: `WijkbeeldError` as `load()`, and `.configuration` when no area holds a buurt of the input.
    public func compute(
        scope: Scope, definitions: [IndicatorDefinition] = IndicatorCatalogue.built,
        policy: DisclosurePolicy = DisclosurePolicy()
    ) throws -> IndicatorCalculator.Result {
        let definitions = NationalRun.supported(definitions)
        let children = try load()
        var cells: [StatisticCell] = []
        var relations: [SuppressionRelation] = []
        var aliases: [(area: CellKey, source: CellKey)] = []
        try stage("indicatoren", nil) { _ in
            switch scope {
            case .wijken:
                (cells, relations) = wijkCells(children, definitions)
            case .district:
                (cells, relations, aliases) = try areaCells(children, definitions)
            }
            return ScanTally?.none
        }
        var result = IndicatorCalculator.Result(cells: [], unrounded: [], failures: [], definitions: definitions)
        try stage("geheimhouding", nil) { _ in
            result = try IndicatorCalculator.protect(
                cells, relations: relations, aliases: aliases, policy: policy, definitions: definitions)
            return ScanTally?.none
        }
        return result
    }

    /// A cell per wijk and gemeente; a gemeente is the sum of its wijken.
    private func wijkCells(_ children: [NationalChild], _ definitions: [IndicatorDefinition])
        -> ([StatisticCell], [SuppressionRelation])
    {
        let period = options.period.description
        // One copy sorted by wijk and household; gemeenten through an index sorted by gemeente and household.
        let byWijk = children.sorted { ($0.wijk, $0.householdIdentity) < ($1.wijk, $1.householdIdentity) }
        let byGemeente = Array(0..<Int32(byWijk.count)).sorted {
            (byWijk[Int($0)].gemeente, byWijk[Int($0)].householdIdentity)
                < (byWijk[Int($1)].gemeente, byWijk[Int($1)].householdIdentity)
        }
        let wijken = NationalRun.ranges(byWijk.indices) { byWijk[$0].wijk }
        let gemeenten = NationalRun.ranges(byGemeente.indices) { byWijk[Int(byGemeente[$0])].gemeente }
        final class Slots: @unchecked Sendable {
            var cells: [[StatisticCell]]
            var relations: [[SuppressionRelation]]
            let lock = NSLockLike()
            init(_ count: Int) {
                cells = Array(repeating: [], count: count)
                relations = Array(repeating: [], count: count)
            }
        }
        let slots = Slots(definitions.count)
        DispatchQueue.concurrentPerform(iterations: definitions.count) { number in
            let definition = definitions[number]
            func key(_ level: String, _ code: String) -> CellKey {
                CellKey(indicator: definition.id, period: period, geoLevel: level, geoCode: code)
            }
            var cells: [StatisticCell] = []
            var partsOf: [UInt64: [CellKey]] = [:]
            for (wijk, range) in wijken {
                let measure = NationalRun.measure(byWijk[range], definition)
                guard measure.additiveBase ?? 0 > 0 else { continue }
                let cell = key("wijk", "WK" + NationalChild.text(wijk, length: 6))
                cells.append(StatisticCell(key: cell, measure: measure))
                partsOf[wijk & ~0xFFFF_FFFF, default: []].append(cell)
            }
            var relations: [SuppressionRelation] = []
            for (gemeente, range) in gemeenten {
                let measure = NationalRun.measure(byGemeente[range].lazy.map { byWijk[Int($0)] }, definition)
                guard measure.additiveBase ?? 0 > 0 else { continue }
                let cell = key("gemeente", "GM" + NationalChild.text(gemeente, length: 4))
                cells.append(StatisticCell(key: cell, measure: measure))
                relations.append(SuppressionRelation(total: cell, parts: partsOf[gemeente] ?? []))
            }
            slots.lock.withLock {
                slots.cells[number] = cells
                slots.relations[number] = relations
            }
        }
        return (slots.cells.flatMap { $0 }, slots.relations.flatMap { $0 })
    }

    /// The configured areas laid out as the indicators stage lays them out (GeoTable): buurten, wijken and
    /// gemeenten of the children in an area, and the areas themselves.
    private func areaCells(_ children: [NationalChild], _ definitions: [IndicatorDefinition]) throws
        -> ([StatisticCell], [SuppressionRelation], [(area: CellKey, source: CellKey)])
    {
        let districtAreas = options.areas.filter { !$0.everything }
        var inAreas: [UInt64: Bool] = [:]
        var byCode: [UInt64: String] = [:]
        let kept = children.filter { child in
            if let known = inAreas[child.buurt] { return known }
            let code = NationalChild.text(child.buurt)
            let inside = districtAreas.contains { $0.contains(buurt: code) }
            inAreas[child.buurt] = inside
            byCode[child.buurt] = code
            return inside
        }
        counts["uitgesloten_buiten_gebieden"] = children.count - kept.count
        let buurten = Set(kept.compactMap { byCode[$0.buurt] })
        let areas = try GeoTable.areas(districtAreas, buurten: buurten)
        var cells: [StatisticCell] = []
        var relations: [SuppressionRelation] = []
        var aliases: [(area: CellKey, source: CellKey)] = []
        for definition in definitions {
            var byBuurt: [String: [NationalChild]] = [:]
            for child in kept where definition.denominator.matches(child) {
                byBuurt[byCode[child.buurt] ?? "", default: []].append(child)
            }
            let table = GeoTable(
                indicator: definition.id, period: options.period.description, breakdown: "totaal", areas: areas)
            cells += table.cells(byBuurt) { units in
                NationalRun.measure(units.sorted { $0.householdIdentity < $1.householdIdentity }[...], definition)
            }
            relations += table.relations(buurten: Set(byBuurt.keys))
            aliases += table.aliases(buurten: Set(byBuurt.keys))
        }
        return (cells, relations, aliases)
    }

    /// Consecutive runs of equal `key` over `indices` of a sorted array.
    private static func ranges(_ indices: Range<Int>, by key: (Int) -> UInt64) -> [(UInt64, Range<Int>)] {
        var result: [(UInt64, Range<Int>)] = []
        var start = indices.lowerBound
        while start < indices.upperBound {
            let value = key(start)
            var end = start + 1
            while end < indices.upperBound && key(end) == value { end += 1 }
            result.append((value, start..<end))
            start = end
        }
        return result
    }

    /// The share among the children of the denominator, with distinct households among events and the
    /// others for class H.
    /// - Precondition: `children` is sorted by household identity.
    /// - Complexity: O(n), one pass.
    static func measure<Children: Sequence<NationalChild>>(_ children: Children, _ definition: IndicatorDefinition)
        -> CellMeasure
    {
        var events = 0
        var population = 0
        var eventHouseholds = 0
        var otherHouseholds = 0
        var current: UInt64?
        var runHasEvent = false
        var runHasOther = false
        func close() {
            if runHasEvent { eventHouseholds += 1 }
            if runHasOther { otherHouseholds += 1 }
        }
        for child in children where definition.denominator.matches(child) {
            if child.householdIdentity != current {
                close()
                current = child.householdIdentity
                runHasEvent = false
                runHasOther = false
            }
            population += 1
            if definition.numerator.matches(child) {
                events += 1
                runHasEvent = true
            } else {
                runHasOther = true
            }
        }
        close()
        let isHousehold = definition.disclosureClass == .household
        return .share(
            events: events, population: population, eventHouseholds: isHousehold ? eventHouseholds : nil,
            otherHouseholds: isHousehold ? otherHouseholds : nil)
    }
}
