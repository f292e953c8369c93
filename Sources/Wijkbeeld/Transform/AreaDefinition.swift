import Foundation

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

    /// What an area code may look like: a letter, then letters, digits or `_`, at most 40 in all. Area codes
    /// name folders and table rows, so nothing else (no `/`, `.`, `=`, spaces) is allowed.
    public static func isValidCode(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, code.unicodeScalars.count <= 40,
            CharacterSet.asciiLetters.contains(first)
        else { return false }
        return code.unicodeScalars.allSatisfy {
            CharacterSet.asciiLetters.contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    /// A buurt (8) or gemeente (4) code as VSLGWBTAB holds it: ASCII letters and digits only.
    public static func isValidGeographyCode(_ code: String, length: Int) -> Bool {
        code.unicodeScalars.count == length
            && code.unicodeScalars.allSatisfy { CharacterSet.asciiLetters.contains($0) || ("0"..."9").contains($0) }
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
    public var period: ReportPeriod
    /// P(t): the last day of the period by default (indicators.md).
    public var referenceDate: CalendarDate
    /// The fixed GWB vintage V: the `bc<V>` column used for every period (R9).
    public var vintage: Int
    public var areas: [AreaDefinition]
    /// Start of the Smart Start pilot: IND24 is reported before and after it.
    public var pilotStart = CalendarDate.known(2022, 8, 1)
    /// How school and care records reach CBS persons: by BSN only (`.deterministic`, what the domain docs
    /// describe and the independent reference computes), or also by name, birth date and address.
    public var linkage = RecordLinkage.probabilistic
    /// Called after each input file is read, for progress on a terminal.
    public var progress: (@Sendable (LoadProgress) -> Void)?

    /// Calendar year t of the period.
    public var year: Int { period.year }

    /// Facts "in t" are spells overlapping this window: the calendar year up to the reference date.
    public var window: ClosedRange<Int> { period.firstDay.daysSinceEpoch...referenceDate.daysSinceEpoch }

    public init(period: ReportPeriod, areas: [AreaDefinition] = AreaDefinition.defaults) {
        self.period = period
        referenceDate = period.lastDay
        vintage = period.year
        self.areas = areas
    }

    public init(year: Int, areas: [AreaDefinition] = AreaDefinition.defaults) {
        self.init(period: ReportPeriod(year: year), areas: areas)
    }
}

/// How far reading the inputs has come: after each file.
public struct LoadProgress: Sendable {
    /// The file just read, relative to the input folder.
    public var place: String
    public var rows: Int
    public var filesDone: Int
    public var files: Int
    public var bytesDone: Int
    public var bytes: Int
    public var seconds: Double
}

/// How the transform stage links school and care records to CBS persons.
public enum RecordLinkage: String, Sendable, CaseIterable {
    /// The BSN through the crosswalk only.
    case deterministic
    /// The BSN first, then school ↔ care and record ↔ CBS person by the Fellegi–Sunter engine (README, Linkage).
    case probabilistic
}

extension CharacterSet {
    /// `A`–`Z` and `a`–`z`.
    static let asciiLetters = CharacterSet(charactersIn: "A"..."Z").union(CharacterSet(charactersIn: "a"..."z"))
}
