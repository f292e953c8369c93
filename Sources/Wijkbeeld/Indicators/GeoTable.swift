/// One indicator statistic laid out over buurten and areas, with the additive relations between them:
/// an area equals the sum of its buurten, and an area that is the disjoint union of two others
/// equals their sum (Tilburg = district + rest of Tilburg).
struct GeoTable {
    struct Area {
        var code: String
        var buurten: Set<String>
    }

    var indicator: String
    var period: String
    var breakdown: String
    var areas: [Area]

    func key(_ level: String, _ code: String) -> CellKey {
        CellKey(indicator: indicator, period: period, geoLevel: level, geoCode: code, breakdown: breakdown)
    }

    /// A cell per buurt with units and one per area, each measured over its units.
    func cells<Unit>(_ byBuurt: [String: [Unit]], measure: ([Unit]) -> CellMeasure) -> [StatisticCell] {
        var cells: [StatisticCell] = []
        for (buurt, units) in byBuurt.sorted(by: { $0.key < $1.key }) {
            cells.append(StatisticCell(key: key("buurt", "BU" + buurt), measure: measure(units)))
        }
        for area in areas {
            let units = area.buurten.sorted().flatMap { byBuurt[$0] ?? [] }
            cells.append(StatisticCell(key: key("gebied", area.code), measure: measure(units)))
        }
        return cells
    }

    /// The additive relations among this table's cells.
    func relations(buurten present: Set<String>) -> [SuppressionRelation] {
        var relations: [SuppressionRelation] = []
        for area in areas {
            let parts = area.buurten.intersection(present).sorted().map { key("buurt", "BU" + $0) }
            if !parts.isEmpty { relations.append(SuppressionRelation(total: key("gebied", area.code), parts: parts)) }
        }
        for total in areas {
            for first in areas where first.code != total.code {
                for second in areas where second.code > first.code && second.code != total.code {
                    if first.buurten.isDisjoint(with: second.buurten)
                        && first.buurten.union(second.buurten) == total.buurten
                    {
                        relations.append(
                            SuppressionRelation(
                                total: key("gebied", total.code),
                                parts: [key("gebied", first.code), key("gebied", second.code)]))
                    }
                }
            }
        }
        return relations
    }
}
