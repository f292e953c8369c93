import Foundation

/// Reads and validates every input file in one pass, keeping what the transform stage needs:
/// persons, their address and household on each period's reference date, legal parents, income
/// households, the crosswalk and the identifiers of school and care records.
///
/// Several periods (with one geography vintage) share the pass: what depends on the reference date or
/// the income year is kept per period, everything else once.
final class PopulationLoader {
    /// What one period selects while the files stream by.
    final class PeriodState {
        let options: TransformOptions
        var addressSpell: [Int32: (begin: Int, end: Int)] = [:]
        var householdSpell: [Int32: (begin: Int, end: Int)] = [:]
        var object: [Int32: UInt64] = [:]
        var household: [Int32: (number: UInt64, type: UInt8)] = [:]
        var incomeHousehold: [Int32: UInt64] = [:]
        var incomes: [UInt64: CBSPopulation.Income] = [:]
        var objectPC4: [UInt64: Int32] = [:]
        var counts: [String: Int] = [:]
        let school: SchoolRecords

        init(options: TransformOptions) {
            self.options = options
            school = SchoolRecords(cutoff: options.referenceDate.daysSinceEpoch)
        }
    }

    /// A school or care record waiting to be linked once the crosswalk has been read.
    struct PendingRecord {
        var source: String
        var record: Pseudonym
        var bsn: UInt64?
        var bsnInvalid: Bool
        var onderwijsnummer: UInt64?
        /// For care episodes: the organisation, its type and the episode's first and last day.
        var care: CareEpisode?
        /// What the probabilistic linker compares, in memory only and never written: birth date as
        /// `YYYYMMDD`, sex, PC4 and the register's household key.
        var birthDate = ""
        var sex = ""
        var pc4 = ""
        var household = ""
        /// PC6 and house number, folded: the other household context.
        var address = ""
    }

    /// What the indicators need of a care episode; the free-text label is not kept.
    struct CareEpisode {
        var organisation: String
        var type: String
        var first: Int
        var last: Int
    }

    let periods: [TransformOptions]
    let states: [PeriodState]
    /// The first period: its vintage holds for all.
    var options: TransformOptions { periods[0] }
    let pseudonymizer: Pseudonymizer
    var population = CBSPopulation()
    var report = ValidationReport()
    var crosswalk: [UInt64: UInt64] = [:]
    var records: [PendingRecord] = []
    private var objectBuurt: [UInt64: Int32] = [:]
    private var buurtIndex: [String: Int32] = [:]
    /// Coded spells per person (code, first day, last day; days since 1970) of the youth-care,
    /// youth-protection and benefit tables, and the years a person was a registered suspect.
    var youthCare: [Int32: [CodedDays]] = [:]
    var protection: [Int32: [CodedDays]] = [:]
    var benefits: [Int32: [CodedDays]] = [:]
    var suspectYears: [Int32: [Int]] = [:]
    /// Highest completed education level per person (HOOGSTEOPLTAB): 1 low, 2 middle, 3 high.
    var educationLevel: [Int32: UInt8] = [:]
    /// Address spells per person as (first day, object), for moves (IND09).
    var addressHistory: [Int32: [(first: Int, object: UInt64)]] = [:]

    struct CodedDays {
        var code: Int
        var first: Int
        var last: Int

        func overlaps(year: Int) -> Bool {
            overlaps(CalendarDate.known(year, 1, 1).daysSinceEpoch...CalendarDate.known(year, 12, 31).daysSinceEpoch)
        }

        func overlaps(_ days: ClosedRange<Int>) -> Bool {
            first <= days.upperBound && last >= days.lowerBound
        }
    }

    /// - Precondition: `periods` is not empty and every period has the same vintage.
    init(periods: [TransformOptions], pseudonymizer: Pseudonymizer) {
        self.periods = periods
        states = periods.map(PeriodState.init)
        self.pseudonymizer = pseudonymizer
    }

    /// Validates every file under `folder` and loads the tables the transform uses.
    func load(_ folder: String) throws {
        let (files, warnings) = try FolderValidator.discover(folder)
        report.warnings = warnings
        let addressYears = files.filter { $0.recognition.schema.name == "GBAADRESOBJECTBUS" }
            .compactMap(\.recognition.year)
        for period in periods {
            if let latest = addressYears.max(), latest < period.year {
                throw WijkbeeldError(
                    .configuration,
                    "period \(period.period) has no data: the newest address file (GBAADRESOBJECTBUS) is for "
                        + "\(latest); choose a period up to \(latest)")
            }
        }
        let references = ReferenceKeys()
        let sizes = files.map { ((try? FileManager.default.attributesOfItem(atPath: $0.path)[.size]) as? Int) ?? 0 }
        let started = Date()
        var bytesDone = 0
        for (number, file) in files.enumerated() {
            let schema = file.recognition.schema
            let folder = String(file.place.split(separator: "/").dropLast().joined(separator: "/"))
            let validator = TableValidator(
                schema: schema, path: file.path, place: file.place, folder: folder, references: references)
            let wanted = isWanted(schema.name, year: file.recognition.year, in: files)
            var vintageColumn = -1
            var task = validator.run(
                onHeader: { labels in
                    vintageColumn = labels.firstIndex { $0.lowercased() == "bc\(self.options.vintage)" } ?? -1
                },
                onRow: wanted
                    ? { row in
                        self.take(
                            row, schema: schema, vintageColumn: vintageColumn, fileYear: file.recognition.year,
                            folder: folder)
                    }
                    : nil)
            task.year = file.recognition.year
            if schema.name == "VSLGWBTAB" && wanted && vintageColumn < 0 {
                throw WijkbeeldError(
                    .configuration,
                    "\(file.place) has no column bc\(options.vintage); choose a geography vintage the file holds")
            }
            report.tasks.append(task)
            bytesDone += sizes[number]
            options.progress?(
                LoadProgress(
                    place: file.place, rows: task.stats.rows, filesDone: number + 1, files: files.count,
                    bytesDone: bytesDone, bytes: sizes.reduce(0, +), seconds: Date().timeIntervalSince(started)))
        }
        report.stats.tasks = report.tasks.count
        report.stats.errors = report.tasks.reduce(0) { $0 + $1.stats.errors }
        report.stats.warnings = report.tasks.reduce(warnings.count) { $0 + $1.stats.warnings }
        report.valid = report.tasks.allSatisfy(\.valid)
    }

    /// The population as one period sees it: address, buurt, PC4, household and income household on its
    /// reference date, with its own counts.
    func population(for period: Int) -> CBSPopulation {
        var copy = population
        let state = states[period]
        for (index, object) in state.object {
            copy.persons[Int(index)].object = object
            copy.persons[Int(index)].buurt = objectBuurt[object] ?? -1
            copy.persons[Int(index)].pc4 = state.objectPC4[object] ?? -1
            if objectBuurt[object] == nil { copy.count("adres_zonder_buurt") }
        }
        for (index, household) in state.household {
            copy.persons[Int(index)].household = household.number
            copy.persons[Int(index)].householdType = household.type
        }
        for (index, earner) in state.incomeHousehold { copy.persons[Int(index)].incomeHousehold = earner }
        copy.incomes = state.incomes
        for (reason, count) in state.counts { copy.count(reason, count) }
        return copy
    }

    /// Yearly tables are read for the period's year; spell tables from their latest file.
    private func isWanted(_ table: String, year: Int?, in files: [FolderValidator.InputFile]) -> Bool {
        switch table {
        case "KOPPELPERSOONHUISHOUDEN", "INHATAB":
            return periods.contains { $0.year == year }
        case "GBAPERSOONTAB", "KINDOUDERTAB", "GBAHUISHOUDENSBUS", "GBAADRESOBJECTBUS", "VSLGWBTAB", "VSLPOSTCODEBUS",
            "JGDHULPBUS", "JGDBESCHERMBUS", "BIJSTANDUITKERINGTAB", "HOOGSTEOPLTAB":
            let latest = files.filter { $0.recognition.schema.name == table }.compactMap(\.recognition.year).max()
            return year == latest
        case "VERDTAB":
            // Every year a parent may have been a suspect in (IND15: t−7 … t−1), and multi-year files.
            let first = periods.map(\.year).min() ?? options.year
            return (year ?? first) >= first - 7
        case "bsn_rin_crosswalk", "school_leerlingen", "care_episodes", "school_verzuim", "school_lesrooster",
            "school_toetsen", "school_advies", "school_zorgsignalen":
            return true
        default:
            return false
        }
    }

    // MARK: - Rows

    private func take(_ row: AcceptedRow, schema: TableSchema, vintageColumn: Int, fileYear: Int?, folder: String) {
        func field(_ name: String) -> UnsafeBufferPointer<UInt8>? {
            schema.fieldIndex(name).flatMap { row.value($0) }
        }
        func person(_ suffix: String = "") -> Int32? {
            CBSPopulation.personKey(field("RINPERSOONS" + suffix), field("RINPERSOON" + suffix))
                .flatMap { population.index[$0] }
        }
        switch schema.name {
        case "VSLGWBTAB":
            guard let object = CBSPopulation.digitsKey(field("RINOBJECTNUMMER")),
                let buurt = row.cell(column: vintageColumn)
            else { return }
            objectBuurt[object] = intern(String(decoding: buurt, as: UTF8.self))
        case "VSLPOSTCODEBUS":
            guard let object = CBSPopulation.digitsKey(field("RINOBJECTNUMMER")),
                let pc4 = field("POSTCODENUM").flatMap(FieldParsing.integer)
            else { return }
            for state in states
            where covers(
                field("DATUMAANVPOSTCODENUMADRES"), field("DATUMEINDPOSTCODENUMADRES"), state.options.referenceDate)
                != nil
            {
                state.objectPC4[object] = Int32(pc4)
            }
        case "GBAPERSOONTAB":
            guard let key = CBSPopulation.personKey(field("RINPERSOONS"), field("RINPERSOON")) else { return }
            let linkable = field("RINPERSOONS").map { $0.count == 1 && $0[0] == UInt8(ascii: "R") } ?? false
            let entry = CBSPopulation.Person(
                key: key, linkable: linkable, sex: field("GBAGESLACHT").flatMap { $0.first } ?? 0,
                birthYear: field("GBAGEBOORTEJAAR").flatMap(FieldParsing.integer) ?? 0,
                birthMonth: field("GBAGEBOORTEMAAND").flatMap(FieldParsing.integer) ?? 0,
                birthDay: field("GBAGEBOORTEDAG").flatMap(FieldParsing.integer) ?? 0,
                generation: field("GBAGENERATIE").flatMap { $0.first } ?? 0)
            population.index[key] = Int32(population.persons.count)
            population.persons.append(entry)
        case "GBAADRESOBJECTBUS":
            if let index = person(), let object = CBSPopulation.digitsKey(field("RINOBJECTNUMMER")),
                let first = field("GBADATUMAANVANGADRESHOUDING").flatMap({ FieldParsing.date($0, format: .compact) })
            {
                addressHistory[index, default: []].append((first.daysSinceEpoch, object))
            }
            guard let index = person(), let object = CBSPopulation.digitsKey(field("RINOBJECTNUMMER")) else { return }
            for state in states {
                guard
                    let spell = covers(
                        field("GBADATUMAANVANGADRESHOUDING"), field("GBADATUMEINDEADRESHOUDING"),
                        state.options.referenceDate)
                else { continue }
                if let best = state.addressSpell[index] {
                    state.counts["meerdere_adressen_op_peildatum", default: 0] += 1
                    guard (spell.begin, spell.end) > (best.begin, best.end) else { continue }
                }
                state.addressSpell[index] = spell
                state.object[index] = object
            }
        case "GBAHUISHOUDENSBUS":
            guard let index = person(), let household = CBSPopulation.digitsKey(field("HUISHOUDNR")) else { return }
            for state in states {
                guard let spell = covers(field("DATUMAANVANGHH"), field("DATUMEINDEHH"), state.options.referenceDate)
                else { continue }
                if let best = state.householdSpell[index] {
                    state.counts["meerdere_huishoudens_op_peildatum", default: 0] += 1
                    guard (spell.begin, spell.end) > (best.begin, best.end) else { continue }
                }
                state.householdSpell[index] = spell
                state.household[index] = (household, field("TYPHH").flatMap { $0.first }.map { $0 - 48 } ?? 0)
            }
        case "KINDOUDERTAB":
            guard let index = person() else { return }
            if let father = person("pa") { population.persons[Int(index)].father = father }
            if let mother = person("Ma") { population.persons[Int(index)].mother = mother }
        case "KOPPELPERSOONHUISHOUDEN":
            guard let index = person(),
                let earner = CBSPopulation.personKey(field("RINPERSOONSHKW"), field("RINPERSOONHKW"))
            else { return }
            for state in states where state.options.year == fileYear { state.incomeHousehold[index] = earner }
        case "INHATAB":
            guard let earner = CBSPopulation.personKey(field("RINPERSOONSHKW"), field("RINPERSOONHKW")) else { return }
            func number(_ name: String) -> Int? { field(name).flatMap(FieldParsing.integer) }
            let income = CBSPopulation.Income(
                persons: number("INHAHL"), lowIncomeRatio: number("INHARMLAG"),
                longTermLowIncomeRatio: number("INHARMLAGL"), socialMinimumRatio: number("INHARMSOC"),
                percentile: number("INHP100HGESTES"), mainSource: number("INHBBIHJ"))
            for state in states where state.options.year == fileYear { state.incomes[earner] = income }
        case "bsn_rin_crosswalk":
            guard let bsn = CBSPopulation.digitsKey(field("bsn")),
                let key = CBSPopulation.personKey(field("RINPERSOONS"), field("RINPERSOON"))
            else { return }
            crosswalk[bsn] = key
        case "school_leerlingen", "care_episodes":
            takeRecord(row, schema: schema, field: field)
            if schema.name == "school_leerlingen" {
                for state in states { state.school.take(schema.name, folder: folder, field: field) }
            }
        case "school_verzuim", "school_lesrooster", "school_toetsen", "school_advies", "school_zorgsignalen":
            for state in states { state.school.take(schema.name, folder: folder, field: field) }
        case "JGDHULPBUS", "JGDBESCHERMBUS", "BIJSTANDUITKERINGTAB":
            let names: (code: String, begin: String, end: String) =
                schema.name == "JGDHULPBUS"
                ? ("JGDHHULPVORM", "JGDHGELDIGHEIDBEGINDATUM", "JGDHGELDIGHEIDEINDDATUM")
                : schema.name == "JGDBESCHERMBUS"
                    ? ("JGDBMAATREGEL", "JGDBGELDIGHEIDBEGINDATUM", "JGDBGELDIGHEIDEINDDATUM")
                    : (
                        "BIJSTANDStatistiekcodeA", "BIJSTANDAanvangUitkeringPersoon1A",
                        "BIJSTANDEindeUitkeringPersoon1A"
                    )
            guard let index = person(), let code = field(names.code).flatMap(FieldParsing.integer),
                let first = field(names.begin).flatMap({ FieldParsing.date($0, format: .compact) })
            else { return }
            let last = field(names.end).flatMap { FieldParsing.date($0, format: .compact) }?.daysSinceEpoch ?? Int.max
            let spell = CodedDays(code: code, first: first.daysSinceEpoch, last: last)
            switch schema.name {
            case "JGDHULPBUS": youthCare[index, default: []].append(spell)
            case "JGDBESCHERMBUS": protection[index, default: []].append(spell)
            default: benefits[index, default: []].append(spell)
            }
        case "HOOGSTEOPLTAB":
            guard let index = person(), let code = field("OPLNIVSOI2016AGG4HB"), let first = code.first,
                (UInt8(ascii: "1")...UInt8(ascii: "3")).contains(first)
            else { return }
            educationLevel[index] = first - UInt8(ascii: "0")
        case "VERDTAB":
            // Multi-year synthetic files carry VERDJAAR; CBS files have one file per year.
            guard let index = person(), let year = field("VERDJAAR").flatMap(FieldParsing.integer) ?? fileYear else {
                return
            }
            suspectYears[index, default: []].append(year)
        default:
            break
        }
    }

    private func takeRecord(
        _ row: AcceptedRow, schema: TableSchema, field: (String) -> UnsafeBufferPointer<UInt8>?
    ) {
        let isSchool = schema.name == "school_leerlingen"
        var identity =
            isSchool
            ? String(decoding: field("brin") ?? UnsafeBufferPointer(start: nil, count: 0), as: UTF8.self) + ":"
            : ""
        identity += String(
            decoding: field(isSchool ? "leerling_key" : "episode_id") ?? UnsafeBufferPointer(start: nil, count: 0),
            as: UTF8.self)
        let bsnField = schema.fieldIndex("bsn")
        func text(_ name: String) -> String {
            field(name).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        records.append(
            PendingRecord(
                source: schema.name,
                record: pseudonymizer.pseudonym(isSchool ? .pupil : .episode, identity),
                bsn: CBSPopulation.digitsKey(field("bsn")),
                bsnInvalid: bsnField.map { row.blanked.contains($0) } ?? false,
                onderwijsnummer: CBSPopulation.digitsKey(field("onderwijsnummer")),
                care: isSchool ? nil : careEpisode(field),
                birthDate: String(text("geboortedatum").filter(\.isNumber)), sex: text("geslacht"),
                pc4: String(text("postcode").filter(\.isNumber).prefix(4)), household: text("household_key"),
                address: (text("postcode") + ":" + text("huisnummer")).uppercased().filter { !$0.isWhitespace }))
    }

    private func careEpisode(_ field: (String) -> UnsafeBufferPointer<UInt8>?) -> CareEpisode? {
        guard let organisation = field("organisation_id"), let type = field("organisation_type"),
            let first = field("start_date").flatMap({ FieldParsing.date($0, format: .iso) })
        else { return nil }
        let last = field("end_date").flatMap { FieldParsing.date($0, format: .iso) }?.daysSinceEpoch ?? Int.max
        return CareEpisode(
            organisation: String(decoding: organisation, as: UTF8.self), type: String(decoding: type, as: UTF8.self),
            first: first.daysSinceEpoch, last: last)
    }

    /// The spell as days since 1970 when it covers `date` (inclusive; open end = far future).
    private func covers(_ begin: UnsafeBufferPointer<UInt8>?, _ end: UnsafeBufferPointer<UInt8>?, _ date: CalendarDate)
        -> (begin: Int, end: Int)?
    {
        guard let first = begin.flatMap({ FieldParsing.date($0, format: .compact) }) else { return nil }
        let last = end.flatMap { FieldParsing.date($0, format: .compact) }
        let day = date.daysSinceEpoch
        let from = first.daysSinceEpoch
        let until = last?.daysSinceEpoch ?? Int.max
        return from <= day && day <= until ? (from, until) : nil
    }

    private func intern(_ code: String) -> Int32 {
        if let known = buurtIndex[code] { return known }
        let index = Int32(population.buurtCodes.count)
        population.buurtCodes.append(code)
        buurtIndex[code] = index
        return index
    }

}
