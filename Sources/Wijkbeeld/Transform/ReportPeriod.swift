/// The period a run is about: a calendar year (`2023`) or a month of the monthly refresh (`2023-06`).
///
/// A year's reference date is 31 December; a month's is its last day, and the month's facts are
/// year-to-date: spells overlapping 1 January … the reference date (ours; indicators.md asks monthly runs
/// to recompute the running school year).
public struct ReportPeriod: Sendable, Equatable, CustomStringConvertible {
    public var year: Int
    /// 1–12 for a monthly period; nil for a calendar year.
    public var month: Int?

    public init(year: Int, month: Int? = nil) {
        self.year = year
        self.month = month
    }

    /// Parses `YYYY` or `YYYY-MM`.
    /// - Throws: `.usage` with what was expected.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), (1900...2100).contains(year)
        else {
            throw WijkbeeldError(.usage, "period \"\(text)\" is not a year (2023) or a month (2023-06)")
        }
        var month: Int?
        if parts.count == 2 {
            guard parts[1].count == 2, let value = Int(parts[1]), (1...12).contains(value) else {
                throw WijkbeeldError(.usage, "period \"\(text)\": the month must be 01–12, as in 2023-06")
            }
            month = value
        }
        self.init(year: year, month: month)
    }

    /// `2023` or `2023-06`: the label every output row carries.
    public var description: String {
        guard let month else { return String(year) }
        return "\(year)-" + (month < 10 ? "0" : "") + String(month)
    }

    /// The last day of the period: P(t) by default.
    public var lastDay: CalendarDate {
        let month = month ?? 12
        let next = month == 12 ? CalendarDate.known(year + 1, 1, 1) : CalendarDate.known(year, month + 1, 1)
        return next.adding(days: -1)
    }

    /// 1 January of the year: the window for "in t" facts runs from here to the reference date.
    public var firstDay: CalendarDate { CalendarDate.known(year, 1, 1) }
}
