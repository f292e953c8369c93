/// Collects the school exports per school folder while the loader reads them, keyed by the school's
/// own pupil keys (in memory only), and turns them into pupil-year facts without identifiers.
final class SchoolRecords {
    private struct PupilYearKey: Hashable {
        var folder: String
        var pupil: String
        var schoolYear: String
    }

    private struct Enrolment {
        var brin: String
        var group: Int?
        var entered: CalendarDate?
        var left: CalendarDate?
        var extraSupport: Bool
    }

    private struct Absence {
        var unauthorised = 0.0
        var sick = 0.0
        var reported = false
        var unauthorisedDays: [(day: Int, hours: Double)] = []
    }

    private var enrolments: [PupilYearKey: Enrolment] = [:]
    private var absences: [PupilYearKey: Absence] = [:]
    private var results: [PupilYearKey: [String: Bool]] = [:]
    private var advice: [PupilYearKey: (final: Int?, test: Int?)] = [:]
    private var planned: [String: Double] = [:]
    /// Help-asking signals (zorgmelding, verwijzing) per pupil: day and the organisation referred to.
    private var signals: [String: [(day: Int, organisation: String?)]] = [:]
    private var brinOfFolder: [String: String] = [:]
    /// The school holidays (days since 1970), from `schoolvakanties.csv`.
    private var holidays: [ClosedRange<Int>] = []
    /// The period's last day (days since 1970): dated rows after it are not part of the period.
    let cutoff: Int

    init(cutoff: Int) {
        self.cutoff = cutoff
    }

    /// Takes one accepted row of a school table.
    func take(_ table: String, folder: String, field: (String) -> UnsafeBufferPointer<UInt8>?) {
        func text(_ name: String) -> String? { field(name).map { String(decoding: $0, as: UTF8.self) } }
        func date(_ name: String) -> CalendarDate? { field(name).flatMap { FieldParsing.date($0, format: .iso) } }
        func number(_ name: String) -> Double? { field(name).flatMap(FieldParsing.decimal) }
        if table == "school_lesrooster" {
            if let year = text("schooljaar"), let group = text("jaargroep"), let hours = number("geplande_lesuren") {
                planned["\(folder)|\(year)|\(group)"] = hours
            }
            return
        }
        if table == "schoolvakanties" {
            if let first = date("eerste_dag"), let last = date("laatste_dag"), first <= last {
                holidays.append(first.daysSinceEpoch...last.daysSinceEpoch)
            }
            return
        }
        if table == "school_zorgsignalen" {
            guard let pupil = text("leerling_key"), let day = date("datum"), day.daysSinceEpoch <= cutoff,
                ["zorgmelding", "verwijzing"].contains(text("signaal_type") ?? "")
            else { return }
            signals["\(folder)|\(pupil)", default: []].append(
                (day.daysSinceEpoch, text("verwezen_naar_organisatie_id")))
            return
        }
        guard let pupil = text("leerling_key"), let year = text("schooljaar"), let startYear = Int(year.prefix(4)),
            CalendarDate.known(startYear, 8, 1).daysSinceEpoch <= cutoff
        else { return }
        let key = PupilYearKey(folder: folder, pupil: pupil, schoolYear: year)
        switch table {
        case "school_leerlingen":
            let support =
                text("opp") == "J" || text("arrangement") != nil
                || ["H", "M", "L"].contains(text("tlv_categorie") ?? "")
            brinOfFolder[folder] = text("brin") ?? ""
            enrolments[key] = Enrolment(
                brin: text("brin") ?? "", group: text("jaargroep").flatMap { Int($0) }, entered: date("instroomdatum"),
                left: date("uitstroomdatum"), extraSupport: support)
        case "school_verzuim":
            if let day = date("datum"), day.daysSinceEpoch > cutoff { return }
            var absence = absences[key] ?? Absence()
            let hours = number("lesuren_afwezig") ?? 0
            if text("soort") == "ongeoorloofd" {
                absence.unauthorised += hours
                if let day = date("datum") { absence.unauthorisedDays.append((day.daysSinceEpoch, hours)) }
            }
            if text("reden") == "ziek" { absence.sick += hours }
            if ["16u_4wk", "LRV", "luxe"].contains(text("duo_melding_type") ?? "") { absence.reported = true }
            absences[key] = absence
        case "school_toetsen":
            guard text("toetsmoment") == "E", let level = text("referentieniveau"), let domain = text("domein") else {
                return
            }
            let reached = domain == "rekenen" ? ["1S", "2F"].contains(level) : level == "2F"
            results[key, default: [:]][domain] = reached
        case "school_advies":
            let final = (text("herzien_advies") ?? text("definitief_advies")).flatMap { Int($0) }
            advice[key] = (final, text("doorstroomtoets_advies").flatMap { Int($0) })
        default:
            break
        }
    }

    /// Pupil-year facts for every enrolment row (school exports only; no identifier is kept).
    func pupils() -> [AnalysisTables.Pupil] {
        var pupils: [AnalysisTables.Pupil] = []
        let schoolWeeks = SchoolWeeks(holidays: holidays)
        for (key, enrolment) in enrolments.sorted(by: {
            ($0.key.folder, $0.key.schoolYear, $0.key.pupil) < ($1.key.folder, $1.key.schoolYear, $1.key.pupil)
        }) {
            guard let startYear = Int(key.schoolYear.prefix(4)),
                let first = CalendarDate(year: startYear, month: 8, day: 1),
                let last = CalendarDate(year: startYear + 1, month: 7, day: 31),
                let october = CalendarDate(year: startYear, month: 10, day: 1)
            else { continue }
            let entered = enrolment.entered ?? first
            let left = enrolment.left ?? last
            let from = max(entered, first).daysSinceEpoch
            // Year to date in a monthly run: planned hours count up to the period's last day.
            let until = min(left.daysSinceEpoch, last.daysSinceEpoch, cutoff)
            let share = max(0, Double(until - from + 1)) / Double(last.daysSinceEpoch - first.daysSinceEpoch + 1)
            let hours = planned["\(key.folder)|\(key.schoolYear)|\(enrolment.group.map(String.init) ?? "")"]
            let absence = absences[key] ?? Absence()
            pupils.append(
                AnalysisTables.Pupil(
                    school: enrolment.brin, schoolYear: key.schoolYear, group: enrolment.group,
                    enrolledOnFirstOctober: entered <= october && left >= october, enrolledShare: share,
                    plannedHours: hours.map { $0 * share }, unauthorisedHours: absence.unauthorised,
                    sickHours: absence.sick,
                    reportableAbsence: absence.reported
                        || SchoolRecords.crosses16Hours(absence.unauthorisedDays, holidays: schoolWeeks),
                    extraSupport: enrolment.extraSupport, targetLevels: results[key] ?? [:],
                    finalAdvice: advice[key]?.final, testAdvice: advice[key]?.test))
        }
        return pupils
    }

    /// Each pupil's first help-asking signal in each school year (indicators.md IND24: "the first signal in
    /// y"), with the school's BRIN and the pupil's own key (the transform stage turns the key into the pupil's
    /// record pseudonym and drops it). On one day, the signal naming the smallest organisation comes first.
    func firstSignals() -> [(brin: String, pupil: String, day: Int, organisation: String?)] {
        signals.keys.sorted().flatMap { name -> [(brin: String, pupil: String, day: Int, organisation: String?)] in
            let parts = name.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2, let all = signals[name] else { return [] }
            let byYear = Dictionary(grouping: all) { SchoolRecords.schoolYear(of: $0.day) }
            return byYear.keys.sorted().compactMap { year in
                guard
                    let first = byYear[year]?.min(by: {
                        ($0.day, $0.organisation ?? "") < ($1.day, $1.organisation ?? "")
                    })
                else { return nil }
                return (brinOfFolder[parts[0]] ?? "", parts[1], first.day, first.organisation)
            }
        }
    }

    /// The first calendar year of the school year (1 August–31 July) that holds `day`.
    static func schoolYear(of day: Int) -> Int {
        let date = CalendarDate(daysSinceEpoch: day)
        return date.month >= 8 ? date.year : date.year - 1
    }

    /// At least 16 unauthorised hours within four consecutive school weeks, holiday weeks skipped
    /// (local-files.md, DUO's "16u_4wk" rule; indicators.md IND19). Weeks run Monday to Sunday; hours
    /// registered in a holiday week count with the school week before it.
    static func crosses16Hours(_ days: [(day: Int, hours: Double)], holidays weeks: SchoolWeeks) -> Bool {
        var hoursPerWeek: [Int: Double] = [:]
        for registration in days {
            hoursPerWeek[weeks.schoolWeek(of: registration.day), default: 0] += registration.hours
        }
        for (week, _) in hoursPerWeek {
            let window = (week..<(week + 4)).reduce(0.0) { $0 + (hoursPerWeek[$1] ?? 0) }
            if window >= 16 { return true }
        }
        return false
    }
}

/// Numbers the school weeks: calendar weeks (Monday to Sunday) whose five weekdays are not all holidays.
struct SchoolWeeks {
    /// Monday of every holiday week (days since 1970), sorted.
    private let holidayMondays: [Int]

    init(holidays: [ClosedRange<Int>]) {
        var mondays = Set<Int>()
        for holiday in holidays {
            var monday = SchoolWeeks.monday(of: holiday.lowerBound)
            while monday <= holiday.upperBound {
                if (monday..<(monday + 5)).allSatisfy({ day in holidays.contains { $0.contains(day) } }) {
                    mondays.insert(monday)
                }
                monday += 7
            }
        }
        holidayMondays = mondays.sorted()
    }

    /// The Monday on or before `day` (1970-01-01 was a Thursday).
    static func monday(of day: Int) -> Int {
        day - ((day % 7 + 7 + 3) % 7)
    }

    /// The week number of `day` counted in school weeks: calendar weeks minus the holiday weeks before it; a
    /// day in a holiday week gets the number of the school week before.
    func schoolWeek(of day: Int) -> Int {
        let monday = SchoolWeeks.monday(of: day)
        var low = 0
        var high = holidayMondays.count
        while low < high {
            let middle = (low + high) / 2
            if holidayMondays[middle] <= monday { low = middle + 1 } else { high = middle }
        }
        // Mondays are 7 apart, so this numbers calendar weeks consecutively; a holiday week counts itself
        // in `low` and so gets the number of the school week before it.
        let calendarWeek = (monday - 4) / 7
        return calendarWeek - low
    }
}
