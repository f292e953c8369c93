/// A cell as it may be written: rounded after suppression (R8), with status and reason (R11), and
/// no value, numerator or denominator when suppressed.
public struct PublishedCell: Sendable, Equatable, Codable {
    public var key: CellKey
    public var numerator: Int?
    public var denominator: Int?
    /// Counts rounded to the count base; shares as whole percentages from unrounded counts; means to
    /// one decimal; medians to whole units.
    public var value: Double?
    public var unit: String
    public var status: CellStatus
    public var reasons: [SuppressionReason]
    /// The base the count was rounded to, nil when nothing was rounded.
    public var roundBase: Int?

    public var isSuppressed: Bool { status.isSuppressed }

    /// The symbol a report shows: `<10` for an R1 primary, `<20` for a range total (two `<10` parts), `.`
    /// for other suppression (docs/disclosure.md).
    public var symbol: String? {
        guard isSuppressed else { return nil }
        if reasons.contains(.range) { return Self.rangeSymbol }
        return status == .primary && reasons.contains(.minimumCount) ? "<10" : "."
    }

    /// The symbol of a range total: its count is below twice the minimum count.
    public static let rangeSymbol = "<20"

    /// One `;`-separated line in the column order of `PublishedCell.csvHeader`.
    public var csvLine: String {
        func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "" }
        let shown = value.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? ""
        return [
            key.indicator, key.period, key.geoLevel, key.geoCode, key.breakdown, text(numerator), text(denominator),
            shown, unit, status.rawValue, isSuppressed ? "1" : "0", reasons.map(\.rawValue).joined(separator: ";"),
            text(roundBase),
        ].map { CSVRecord.field($0) }.joined(separator: ";")
    }

    public static let csvHeader =
        "indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator;value;unit;status;suppressed;"
        + "suppression_reason;round_base"
}

extension DisclosureControl {
    /// Rounds a protected cell for publication (R8); suppressed cells carry no number at all.
    public func publish(_ cell: StatisticCell) -> PublishedCell {
        var published = PublishedCell(
            key: cell.key, numerator: nil, denominator: nil, value: nil, unit: unit(of: cell.measure),
            status: cell.status, reasons: cell.reasons, roundBase: nil)
        guard !cell.status.isSuppressed else { return published }
        switch cell.measure {
        case .count(let persons):
            published.numerator = round(persons, to: policy.countRoundBase)
            published.value = Double(published.numerator ?? 0)
            published.roundBase = policy.countRoundBase
        case .share(let events, let population, _, _):
            let shownEvents = round(events, to: policy.countRoundBase)
            let shownPopulation = round(population, to: policy.denominatorRoundBase)
            published.numerator = shownEvents
            published.denominator = shownPopulation
            // The percentage of the rounded counts (R8, ours): it agrees with the numbers beside it and tells
            // nothing they do not, so it cannot undo their rounding (15/30 shown as 61 % gave back 17/28).
            published.value = (100 * Double(shownEvents) / Double(max(shownPopulation, 1))).rounded()
            published.roundBase = policy.countRoundBase
        case .mean(let total, let units, _, _):
            published.denominator = round(units, to: policy.denominatorRoundBase)
            published.value = (10 * total / Double(max(units, 1))).rounded() / 10
            published.roundBase = policy.denominatorRoundBase
        case .ratio(let numerator, let denominator, let units, _, _):
            published.denominator = round(units, to: policy.denominatorRoundBase)
            published.value = (1000 * numerator / max(denominator, 1)).rounded() / 10
            published.roundBase = policy.denominatorRoundBase
        case .median(let value, let units, _, _):
            published.denominator = round(units, to: policy.denominatorRoundBase)
            published.value = value.rounded()
            published.roundBase = policy.denominatorRoundBase
        }
        return published
    }

    private func unit(of measure: CellMeasure) -> String {
        switch measure {
        case .count: "personen"
        case .share: "procent"
        case .mean: "gemiddelde"
        case .median: "mediaan"
        case .ratio: "procent_uren"
        }
    }

    /// Rounds to the nearest multiple of `base`, halves up.
    func round(_ value: Int, to base: Int) -> Int {
        ((value + base / 2) / base) * base
    }
}
