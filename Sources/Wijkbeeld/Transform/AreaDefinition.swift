/// A report area defined by lists of buurt and municipality codes (geography.md, "Areas in reports").
public struct AreaDefinition: Sendable, Equatable {
    public var code: String
    public var name: String
    /// 8-character buurt codes as VSLGWBTAB holds them (`0855ZZ01`).
    public var buurten: Set<String>
    /// 4-character municipality codes (`0855`); every buurt in them belongs to the area.
    public var gemeenten: Set<String>
    /// Buurten taken out again (rest of Tilburg = Tilburg minus the district).
    public var excluded: Set<String>
    /// Every buurt (Nederland).
    public var everything: Bool

    public init(
        code: String, name: String, buurten: Set<String> = [], gemeenten: Set<String> = [], excluded: Set<String> = [],
        everything: Bool = false
    ) {
        self.code = code
        self.name = name
        self.buurten = buurten
        self.gemeenten = gemeenten
        self.excluded = excluded
        self.everything = everything
    }

    public func contains(buurt code: String) -> Bool {
        if excluded.contains(code) { return false }
        return everything || buurten.contains(code) || gemeenten.contains(String(code.prefix(4)))
    }

    /// The default areas of the Smart Start reports: target, district, control, rest of Tilburg,
    /// Tilburg and Nederland (geography.md).
    public static let defaults: [AreaDefinition] = [
        AreaDefinition(code: "doelgebied", name: "Staatsliedenbuurt Oost", buurten: ["0855ZZ01"]),
        AreaDefinition(code: "wijk", name: "Staatsliedenbuurt", buurten: ["0855ZZ01", "0855ZZ02"]),
        AreaDefinition(code: "controle", name: "Controlegebied", buurten: ["0855ZZ03"]),
        AreaDefinition(
            code: "rest_tilburg", name: "Rest van Tilburg", gemeenten: ["0855"], excluded: ["0855ZZ01", "0855ZZ02"]),
        AreaDefinition(code: "tilburg", name: "Tilburg", gemeenten: ["0855"]),
        AreaDefinition(code: "nederland", name: "Nederland", everything: true),
    ]
}

/// What the transform stage needs to know: the period, its reference date and geography vintage, and the areas.
public struct TransformOptions: Sendable {
    /// Calendar year t of the period.
    public var year: Int
    /// P(t), 31 December of t by default (indicators.md).
    public var referenceDate: CalendarDate
    /// The fixed GWB vintage V: the `bc<V>` column used for every period (R9).
    public var vintage: Int
    public var areas: [AreaDefinition]
    /// Start of the Smart Start pilot: IND24 is reported before and after it.
    public var pilotStart = CalendarDate.known(2022, 8, 1)

    public init(year: Int, areas: [AreaDefinition] = AreaDefinition.defaults) {
        self.year = year
        referenceDate = CalendarDate(year: year, month: 12, day: 31) ?? CalendarDate(daysSinceEpoch: 0)
        vintage = year
        self.areas = areas
    }
}
