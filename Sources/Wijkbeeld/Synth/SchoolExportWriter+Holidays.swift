/// Absence registrations around the school holidays of `school/schoolvakanties.csv` (region zuid): the
/// weeks before and after a holiday are where luxe verzuim, sickness and unauthorised runs cluster, and where
/// IND19's rule "16 hours within 4 consecutive school weeks, holidays skipped" differs from a calendar rule.
///
/// Each pupil-year draws from its own stream, so these rows never shift the draws of the other absences.
extension SchoolExportWriter {
    /// The school weeks around one holiday, as the Monday of each (school days are Monday to Friday).
    struct HolidayWeeks {
        /// Mondays of the third, second and last school week before the holiday.
        var before: [CalendarDate]
        /// Mondays of the first and second school week after the holiday.
        var after: [CalendarDate]
    }

    /// The short holidays (autumn, Christmas, spring, May) of a school year; the summer holiday is left out
    /// because the weeks around it belong to two school years.
    static func shortHolidays(schoolYear: String) -> [HolidayWeeks] {
        SchoolHolidayWriter.zuid.compactMap { holiday in
            guard holiday.schoolYear == schoolYear, holiday.name != "zomervakantie",
                let first = isoDate(holiday.first), let last = isoDate(holiday.last)
            else { return nil }
            let firstMonday = first.adding(days: (7 - (first.daysSinceEpoch + 3) % 7) % 7)
            let nextMonday = last.adding(days: 7 - (last.daysSinceEpoch + 3) % 7)
            return HolidayWeeks(
                before: [-21, -14, -7].map { firstMonday.adding(days: $0) },
                after: [0, 7].map { nextMonday.adding(days: $0) })
        }
    }

    /// A `YYYY-MM-DD` date of the holiday table.
    private static func isoDate(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Writes the holiday registrations of one pupil-year: at most one run across a holiday that is reportable
    /// only with the holiday skipped, and at most one registration pattern just around a holiday.
    func writeHolidayAbsence(
        _ key: String, child: SynthPerson, year: Int, enrolled: CalendarDate, leaves: CalendarDate?
    ) throws {
        let schoolYear = "\(year)-\(year + 1)"
        let holidays = Self.shortHolidays(schoolYear: schoolYear)
        guard !holidays.isEmpty else { return }
        var random = SplitMix64(seed: options.seed, stream: UInt64(child.id), substream: 0x4011_0000 + UInt64(year))
        let weeks = holidays[random.int(in: 0...(holidays.count - 1))]
        guard let firstDay = weeks.before.first, let lastWeek = weeks.after.last, enrolled <= firstDay,
            leaves.map({ $0 >= lastWeek.adding(days: 4) }) ?? true
        else { return }
        let spanning = ledger.inject(.holidaySpanningRun, rate: options.dirt.holidaySpanningRun, random: &random)
        let around = ledger.inject(.holidayAbsence, rate: options.dirt.holidayAbsence, random: &random)
        if spanning {
            // Monday and Tuesday two weeks before, Thursday of the second week after: 16.5 hours in 4 school
            // weeks, but never 16 within 4 calendar weeks (28 days) while the holiday weeks count.
            let reported = random.chance(0.5)
            let thursday = weeks.after[1].adding(days: 3)
            try absence(key, schoolYear, weeks.before[1], hours: 5.5, authorised: false, reason: "overig")
            try absence(
                key, schoolYear, weeks.before[1].adding(days: 1), hours: 5.5, authorised: false, reason: "overig")
            try absence(
                key, schoolYear, thursday, hours: 5.5, authorised: false, reason: "overig",
                report: reported ? ("16u_4wk", thursday.adding(days: 4)) : nil)
        }
        guard around else { return }
        let lastSchoolDay = weeks.before[2].adding(days: 4)
        switch random.int(in: 0...2) {
        case 0:
            // Luxe verzuim: the Friday before the holiday, sometimes the Monday after as well.
            try absence(
                key, schoolYear, lastSchoolDay, hours: 5.5, authorised: false, reason: "luxe_verzuim",
                report: ("luxe", lastSchoolDay.adding(days: 4)))
            if random.chance(0.5) {
                try absence(
                    key, schoolYear, weeks.after[0], hours: 5.5, authorised: false, reason: "luxe_verzuim",
                    report: ("luxe", weeks.after[0].adding(days: 2)))
            }
        case 1:
            // Sick on the first two school days after the holiday.
            for offset in 0...1 {
                try absence(
                    key, schoolYear, weeks.after[0].adding(days: offset), hours: 5.5, authorised: true, reason: "ziek")
            }
        default:
            // A near miss: 16.5 unauthorised hours spread over 5 school weeks, not reportable even with the
            // holiday skipped.
            try absence(key, schoolYear, weeks.before[0], hours: 5.5, authorised: false, reason: "overig")
            try absence(
                key, schoolYear, weeks.before[0].adding(days: 1), hours: 5.5, authorised: false, reason: "overig")
            try absence(
                key, schoolYear, weeks.after[1].adding(days: 3), hours: 5.5, authorised: false, reason: "overig")
        }
    }
}
