/// Where a cell sits: indicator, period, area and breakdown (indicators.md output columns).
public struct CellKey: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var indicator: String
    public var period: String
    public var geoLevel: String
    public var geoCode: String
    public var breakdown: String

    public init(indicator: String, period: String, geoLevel: String, geoCode: String, breakdown: String = "totaal") {
        self.indicator = indicator
        self.period = period
        self.geoLevel = geoLevel
        self.geoCode = geoCode
        self.breakdown = breakdown
    }

    public static func < (lhs: CellKey, rhs: CellKey) -> Bool {
        (lhs.indicator, lhs.period, lhs.geoLevel, lhs.geoCode, lhs.breakdown)
            < (rhs.indicator, rhs.period, rhs.geoLevel, rhs.geoCode, rhs.breakdown)
    }

    public var description: String { "\(indicator)/\(period)/\(geoLevel)/\(geoCode)/\(breakdown)" }
}

/// What a cell measures, with the facts disclosure control needs to judge it.
public enum CellMeasure: Sendable, Equatable {
    /// A count of distinct persons (class P).
    case count(persons: Int)
    /// A share: events among a population; household counts for class H indicators.
    case share(events: Int, population: Int, eventHouseholds: Int?, otherHouseholds: Int?)
    /// A mean or rate of a magnitude over units, with its two largest contributions (class M).
    case mean(total: Double, units: Int, largest: Double, second: Double)
    /// A ratio of two magnitudes summed over units (hours absent / hours planned), with the two
    /// largest contributions to the numerator (class M).
    case ratio(numerator: Double, denominator: Double, units: Int, largest: Double, second: Double)
    /// A median over units, with how many units lie strictly below and above it (R5).
    case median(value: Double, units: Int, below: Int, above: Int)

    /// A share of persons without household counts (class P).
    public static func share(_ events: Int, of population: Int) -> CellMeasure {
        .share(events: events, population: population, eventHouseholds: nil, otherHouseholds: nil)
    }

    /// The additive count behind the cell (persons or events), used in relations.
    var additiveCount: Int? {
        switch self {
        case .count(let persons): persons
        case .share(let events, _, _, _): events
        case .mean, .median, .ratio: nil
        }
    }

    /// The denominator behind the cell, used in relations.
    var additiveBase: Int? {
        switch self {
        case .count: nil
        case .share(_, let population, _, _): population
        case .mean(_, let units, _, _), .median(_, let units, _, _), .ratio(_, _, let units, _, _): units
        }
    }
}

/// One cell of an indicator table, before and after disclosure control.
public struct StatisticCell: Sendable, Equatable {
    public var key: CellKey
    public var measure: CellMeasure
    /// Published regardless of secondary suppression (status `z`) when it passes R1–R5.
    public var mustPublish: Bool
    public var status: CellStatus = .safe
    public var reasons: [SuppressionReason] = []

    public init(key: CellKey, measure: CellMeasure, mustPublish: Bool = false) {
        self.key = key
        self.measure = measure
        self.mustPublish = mustPublish
    }

    /// The value before rounding: a count, a share in [0, 1], a mean or a median.
    public var unroundedValue: Double {
        switch measure {
        case .count(let persons): Double(persons)
        case .share(let events, let population, _, _): population == 0 ? 0 : Double(events) / Double(population)
        case .mean(let total, let units, _, _): units == 0 ? 0 : total / Double(units)
        case .median(let value, _, _, _): value
        case .ratio(let numerator, let denominator, _, _, _): denominator == 0 ? 0 : numerator / denominator
        }
    }
}

/// Cells that add up: the total equals the sum of the parts, in numerator and denominator
/// (buurt → wijk → gemeente; district + rest of Tilburg = Tilburg).
public struct SuppressionRelation: Sendable, Equatable {
    public var total: CellKey
    public var parts: [CellKey]

    public init(total: CellKey, parts: [CellKey]) {
        self.total = total
        self.parts = parts
    }

    var cells: [CellKey] { [total] + parts }
}
