/// One indicator statistic laid out over buurten, wijken, gemeenten and areas, with the additive
/// relations between them: a wijk is the sum of its buurten and a gemeente of its wijken; an area is the
/// sum of its buurten, and an area that is the disjoint union of two others equals their sum
/// (Tilburg = district + rest of Tilburg); cells over the same buurten equal each other.
struct GeoTable {
    struct Area {
        var code: String
        var buurten: Set<String>
    }

    /// The configured areas over the buurten present; an area with the same buurten as an earlier one
    /// (Nederland when only Tilburg was delivered) would publish the same number twice and is left out.
    /// - Throws: `.configuration` when an area holds no buurt of the input; `.dataError` when the input places
    ///   nobody in any buurt (every row that would have was rejected, or the tables do not join).
    static func areas(_ definitions: [AreaDefinition], buurten: Set<String>) throws -> [Area] {
        guard !buurten.isEmpty || definitions.isEmpty else {
            throw WijkbeeldError(
                .dataError,
                "no person of the input lives in any buurt on the reference date, so no area can be counted; "
                    + "see the validation report for rejected rows in the person, address and buurt tables")
        }
        var areas: [Area] = []
        for area in definitions {
            let members = buurten.filter { area.contains(buurt: $0) }
            guard !members.isEmpty else {
                throw WijkbeeldError(
                    .configuration, "area \(area.code) (\(area.name)) holds no buurt of the input; check its codes")
            }
            if areas.contains(where: { $0.buurten == members }) { continue }
            areas.append(Area(code: area.code, buurten: members))
        }
        return areas
    }

    var indicator: String
    var period: String
    var breakdown: String
    var areas: [Area]

    func key(_ level: String, _ code: String) -> CellKey {
        CellKey(indicator: indicator, period: period, geoLevel: level, geoCode: code, breakdown: breakdown)
    }

    /// Areas that cover exactly the buurten of a buurt, wijk or gemeente cell (the district that is one
    /// buurt, Tilburg that is the gemeente) get no cell of their own: they publish that cell, protected, under
    /// their own key. Two keys for one number would otherwise force each other into suppression.
    func aliases(buurten present: Set<String>) -> [(area: CellKey, source: CellKey)] {
        var coverage: [(Set<String>, CellKey)] = present.sorted().map { ([$0], key("buurt", "BU" + $0)) }
        for (level, prefix, length) in [("wijk", "WK", 6), ("gemeente", "GM", 4)] {
            for (code, buurten) in Dictionary(grouping: present, by: { String($0.prefix(length)) })
                .sorted(by: { $0.key < $1.key })
            {
                coverage.append((Set(buurten), key(level, prefix + code)))
            }
        }
        return areas.compactMap { area in
            let covered = area.buurten.intersection(present)
            guard !covered.isEmpty, let source = coverage.first(where: { $0.0 == covered })?.1 else { return nil }
            return (key("gebied", area.code), source)
        }
    }

    /// A cell per buurt with units and one per area, each measured over its units.
    func cells<Unit>(_ byBuurt: [String: [Unit]], measure: ([Unit]) -> CellMeasure) -> [StatisticCell] {
        cells(byBuurt, identity: nil, measure: measure)
    }

    /// As `cells(_:measure:)`, for units that may be listed under several buurten (a family with children in
    /// two buurten): an aggregate counts each `identity` once.
    func cells<Unit>(
        _ byBuurt: [String: [Unit]], identity: KeyPath<Unit, Int>?, measure: ([Unit]) -> CellMeasure
    ) -> [StatisticCell] {
        func union(_ buurten: [String]) -> [Unit] {
            let units = buurten.sorted().flatMap { byBuurt[$0] ?? [] }
            guard let identity else { return units }
            var seen = Set<Int>()
            return units.filter { seen.insert($0[keyPath: identity]).inserted }
        }
        let aliased = Set(aliases(buurten: Set(byBuurt.keys)).map(\.area))
        var cells: [StatisticCell] = []
        for (buurt, units) in byBuurt.sorted(by: { $0.key < $1.key }) {
            cells.append(StatisticCell(key: key("buurt", "BU" + buurt), measure: measure(units)))
        }
        for (level, prefix, length) in [("wijk", "WK", 6), ("gemeente", "GM", 4)] {
            let groups = Dictionary(grouping: byBuurt.keys) { String($0.prefix(length)) }
            for (code, buurten) in groups.sorted(by: { $0.key < $1.key }) {
                cells.append(
                    StatisticCell(
                        key: key(level, prefix + code), measure: measure(union(buurten))))
            }
        }
        for area in areas where !aliased.contains(key("gebied", area.code)) {
            let units = union(Array(area.buurten))
            cells.append(StatisticCell(key: key("gebied", area.code), measure: measure(units)))
        }
        return cells
    }

    /// The additive relations among this table's cells.
    func relations(buurten present: Set<String>) -> [SuppressionRelation] {
        var relations: [SuppressionRelation] = []
        let wijken = Dictionary(grouping: present) { String($0.prefix(6)) }
        let gemeenten = Dictionary(grouping: wijken.keys) { String($0.prefix(4)) }
        for (wijk, buurten) in wijken.sorted(by: { $0.key < $1.key }) {
            relations.append(
                SuppressionRelation(
                    total: key("wijk", "WK" + wijk), parts: buurten.sorted().map { key("buurt", "BU" + $0) }))
        }
        for (gemeente, codes) in gemeenten.sorted(by: { $0.key < $1.key }) {
            relations.append(
                SuppressionRelation(
                    total: key("gemeente", "GM" + gemeente), parts: codes.sorted().map { key("wijk", "WK" + $0) }))
        }
        // Cells over exactly the same buurten publish the same number: one protects the other.
        var byCoverage: [Set<String>: CellKey] = [:]
        for (wijk, buurten) in wijken.sorted(by: { $0.key < $1.key }) {
            byCoverage[Set(buurten)] = key("wijk", "WK" + wijk)
        }
        for (gemeente, codes) in gemeenten.sorted(by: { $0.key < $1.key }) {
            let buurten = Set(codes.flatMap { wijken[$0] ?? [] })
            if let same = byCoverage[buurten] {
                relations.append(SuppressionRelation(total: key("gemeente", "GM" + gemeente), parts: [same]))
            } else {
                byCoverage[buurten] = key("gemeente", "GM" + gemeente)
            }
        }
        // An aliased area is its source cell, whose relations are above.
        let alias = Dictionary(aliases(buurten: present).map { ($0.area, $0.source) }, uniquingKeysWith: { a, _ in a })
        func areaKey(_ area: Area) -> CellKey { alias[key("gebied", area.code)] ?? key("gebied", area.code) }
        for area in areas where alias[key("gebied", area.code)] == nil {
            let parts = area.buurten.intersection(present).sorted().map { key("buurt", "BU" + $0) }
            if !parts.isEmpty { relations.append(SuppressionRelation(total: key("gebied", area.code), parts: parts)) }
        }
        for total in areas {
            for first in areas where first.code != total.code {
                for second in areas where second.code > first.code && second.code != total.code {
                    // A part that is the total under another name (its partner holds no present buurt) says only
                    // that the partner is an empty area: no relation, and no structural zero to audit.
                    let parts = [areaKey(first), areaKey(second)]
                    if first.buurten.isDisjoint(with: second.buurten)
                        && first.buurten.union(second.buurten) == total.buurten && !parts.contains(areaKey(total))
                    {
                        relations.append(SuppressionRelation(total: areaKey(total), parts: parts))
                    }
                }
            }
        }
        return relations
    }
}
