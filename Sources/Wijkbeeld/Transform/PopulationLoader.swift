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
        /// Kept apart from `counts`: the household table is read in the other lane than the address table.
        var householdCounts: [String: Int] = [:]
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
    /// Where persons live and with whom on the link date, which the probabilistic linker compares with
    /// the records: one of `states` when a period's reference date is the link date.
    private(set) var linkState: PeriodState?
    /// The states whose address, postcode and household spells the dated tables fill.
    private var datedStates: [PeriodState] = []
    /// The first period: its vintage holds for all.
    var options: TransformOptions { periods[0] }
    let pseudonymizer: Pseudonymizer
    var population = CBSPopulation()
    var report = ValidationReport()
    var crosswalk: [UInt64: UInt64] = [:]
    var records: [PendingRecord] = []
    /// The persons' index, copied once the person table is read: the lanes look persons up here while
    /// one of them still sets parents in `population`.
    private var personIndex: [UInt64: Int32] = [:]
    /// The tables read in the first lane; the others in the second (see `load`).
    private static let firstLaneTables: Set<String> = [
        "GBAADRESOBJECTBUS", "VSLPOSTCODEBUS", "KINDOUDERTAB", "JGDHULPBUS", "JGDBESCHERMBUS", "BIJSTANDUITKERINGTAB",
        "HOOGSTEOPLTAB", "VERDTAB", "bsn_rin_crosswalk", "INHATAB", "INSCHRWPOTAB",
    ]
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
        // School and care records are linked once, whatever periods a run has, on the last day of the newest
        // address file's year: a run of several periods gives each the links a run of it alone would.
        let linkDate = addressYears.max().map { CalendarDate.known($0, 12, 31) } ?? options.referenceDate
        if let state = states.first(where: { $0.options.referenceDate == linkDate }) {
            linkState = state
            datedStates = states
        } else {
            var linkOptions = options
            linkOptions.referenceDate = linkDate
            let state = PeriodState(options: linkOptions)
            linkState = state
            datedStates = states + [state]
        }
        let references = ReferenceKeys()
        let sizes = files.map { ((try? FileManager.default.attributesOfItem(atPath: $0.path)[.size]) as? Int) ?? 0 }
        let progress = LoadCounter(started: Date(), files: files.count, bytes: sizes.reduce(0, +))
        func read(_ number: Int) throws -> ValidationTask {
            let file = files[number]
            let schema = file.recognition.schema
            let folder = String(file.place.split(separator: "/").dropLast().joined(separator: "/"))
            let validator = TableValidator(
                schema: schema, path: file.path, place: file.place, folder: folder, references: references)
            let wanted = isWanted(schema.name, year: file.recognition.year, in: files)
            var vintageColumn = -1
            var reader: ((AcceptedRow) -> Void)?
            var task = validator.run(
                onHeader: { labels in
                    vintageColumn = labels.firstIndex { $0.lowercased() == "bc\(self.options.vintage)" } ?? -1
                    reader =
                        wanted
                        ? self.rowReader(
                            schema: schema, vintageColumn: vintageColumn, fileYear: file.recognition.year,
                            folder: folder) : nil
                },
                onRow: wanted ? { row in reader?(row) } : nil)
            task.year = file.recognition.year
            if schema.name == "VSLGWBTAB" && wanted && vintageColumn < 0 {
                throw WijkbeeldError(
                    .configuration,
                    "\(file.place) has no column bc\(options.vintage); choose a geography vintage the file holds")
            }
            if let report = options.progress {
                report(progress.done(place: file.place, rows: task.stats.rows, bytes: sizes[number]))
            }
            return task
        }
        // Reference tables first, in order: the others look up their keys and the persons they name.
        var tasks = [ValidationTask?](repeating: nil, count: files.count)
        for number in files.indices where files[number].recognition.schema.isReference {
            tasks[number] = try read(number)
        }
        personIndex = population.index
        // The rest in two lanes, one per core. Each table fills its own part of the loader, and the lanes
        // share none (places, facts and incomes; households, income households and records), so rows need no lock.
        let others = files.indices.filter { !files[$0].recognition.schema.isReference }
        let lanes = [
            others.filter { Self.firstLaneTables.contains(files[$0].recognition.schema.name) },
            others.filter { !Self.firstLaneTables.contains(files[$0].recognition.schema.name) },
        ]
        let results = ConcurrentResults<ValidationTask>(count: files.count)
        let shared = UncheckedSendable(read)
        DispatchQueue.concurrentPerform(iterations: lanes.count) { lane in
            for number in lanes[lane] {
                do {
                    results.store(try shared.value(number), at: number)
                } catch let error as WijkbeeldError {
                    results.fail(error)
                } catch {
                    results.fail(WijkbeeldError(.internal, "\(error)"))
                }
            }
        }
        if let error = results.failure { throw error }
        for (number, task) in results.values.enumerated() where task != nil { tasks[number] = task }
        report.tasks = tasks.compactMap { $0 }
        report.stats.tasks = report.tasks.count
        report.stats.errors = report.tasks.reduce(0) { $0 + $1.stats.errors }
        report.stats.warnings = report.tasks.reduce(warnings.count) { $0 + $1.stats.warnings }
        report.valid = report.tasks.allSatisfy(\.valid)
    }

    /// The population as one period sees it: address, buurt, PC4, household and income household on its
    /// reference date, with its own counts.
    func population(for period: Int) -> CBSPopulation {
        population(on: states[period])
    }

    /// The population on the link date, for linking school and care records.
    func linkPopulation() -> CBSPopulation {
        linkState.map { population(on: $0) } ?? population
    }

    private func population(on state: PeriodState) -> CBSPopulation {
        var copy = population
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
        for (reason, count) in state.counts.merging(state.householdCounts, uniquingKeysWith: +) {
            copy.count(reason, count)
        }
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

    /// What to do with each accepted row of a table, its field positions resolved once per file: a row is
    /// then read by position, without looking names up.
    private func rowReader(schema: TableSchema, vintageColumn: Int, fileYear: Int?, folder: String)
        -> ((AcceptedRow) -> Void)?
    {
        func position(_ name: String) -> Int { schema.fieldIndex(name) ?? -1 }
        let kind = position("RINPERSOONS")
        let number = position("RINPERSOON")
        func person(_ row: AcceptedRow, _ kind: Int, _ number: Int) -> Int32? {
            CBSPopulation.personKey(row.value(at: kind), row.value(at: number)).flatMap { self.personIndex[$0] }
        }
        func spell(_ row: AcceptedRow, _ begin: Int, _ end: Int, on date: CalendarDate) -> (begin: Int, end: Int)? {
            covers(row.value(at: begin), row.value(at: end), date)
        }
        /// For each dated state whose reference date the row's spell covers: when it is the person's latest
        /// such spell (a second one is counted under `reason`), keep it and let `body` keep what it says.
        func latestSpell(
            _ row: AcceptedRow, _ begin: Int, _ end: Int, of index: Int32,
            in spells: ReferenceWritableKeyPath<PeriodState, [Int32: (begin: Int, end: Int)]>,
            counting reason: String, in counts: ReferenceWritableKeyPath<PeriodState, [String: Int]>,
            _ body: (PeriodState) -> Void
        ) {
            for state in self.datedStates {
                guard let spell = spell(row, begin, end, on: state.options.referenceDate) else { continue }
                if let best = state[keyPath: spells][index] {
                    state[keyPath: counts][reason, default: 0] += 1
                    guard (spell.begin, spell.end) > (best.begin, best.end) else { continue }
                }
                state[keyPath: spells][index] = spell
                body(state)
            }
        }
        switch schema.name {
        case "VSLGWBTAB":
            let object = position("RINOBJECTNUMMER")
            return { row in
                guard let object = CBSPopulation.digitsKey(row.value(at: object)),
                    let buurt = row.cell(column: vintageColumn)
                else { return }
                self.objectBuurt[object] = self.intern(String(decoding: buurt, as: UTF8.self))
            }
        case "VSLPOSTCODEBUS":
            let (object, pc4) = (position("RINOBJECTNUMMER"), position("POSTCODENUM"))
            let (begin, end) = (position("DATUMAANVPOSTCODENUMADRES"), position("DATUMEINDPOSTCODENUMADRES"))
            return { row in
                guard let object = CBSPopulation.digitsKey(row.value(at: object)),
                    let pc4 = row.value(at: pc4).flatMap(FieldParsing.integer)
                else { return }
                for state in self.datedStates where spell(row, begin, end, on: state.options.referenceDate) != nil {
                    state.objectPC4[object] = Int32(pc4)
                }
            }
        case "GBAPERSOONTAB":
            let (sex, year, month, day) = (
                position("GBAGESLACHT"), position("GBAGEBOORTEJAAR"), position("GBAGEBOORTEMAAND"),
                position("GBAGEBOORTEDAG")
            )
            let generation = position("GBAGENERATIE")
            return { row in
                guard let key = CBSPopulation.personKey(row.value(at: kind), row.value(at: number)) else { return }
                let linkable = row.value(at: kind).map { $0.count == 1 && $0[0] == UInt8(ascii: "R") } ?? false
                let entry = CBSPopulation.Person(
                    key: key, linkable: linkable, sex: row.value(at: sex).flatMap { $0.first } ?? 0,
                    birthYear: row.value(at: year).flatMap(FieldParsing.integer) ?? 0,
                    birthMonth: row.value(at: month).flatMap(FieldParsing.integer) ?? 0,
                    birthDay: row.value(at: day).flatMap(FieldParsing.integer) ?? 0,
                    generation: row.value(at: generation).flatMap { $0.first } ?? 0)
                self.population.index[key] = Int32(self.population.persons.count)
                self.population.persons.append(entry)
            }
        case "GBAADRESOBJECTBUS":
            let object = position("RINOBJECTNUMMER")
            let (begin, end) = (position("GBADATUMAANVANGADRESHOUDING"), position("GBADATUMEINDEADRESHOUDING"))
            return { row in
                guard let index = person(row, kind, number),
                    let object = CBSPopulation.digitsKey(row.value(at: object))
                else { return }
                if let first = row.value(at: begin).flatMap({ FieldParsing.date($0, format: .compact) }) {
                    self.addressHistory[index, default: []].append((first.daysSinceEpoch, object))
                }
                latestSpell(
                    row, begin, end, of: index, in: \.addressSpell, counting: "meerdere_adressen_op_peildatum",
                    in: \.counts
                ) { $0.object[index] = object }
            }
        case "GBAHUISHOUDENSBUS":
            let (household, type) = (position("HUISHOUDNR"), position("TYPHH"))
            let (begin, end) = (position("DATUMAANVANGHH"), position("DATUMEINDEHH"))
            return { row in
                guard let index = person(row, kind, number),
                    let household = CBSPopulation.digitsKey(row.value(at: household))
                else { return }
                let kind = row.value(at: type).flatMap { $0.first }.map { $0 - 48 } ?? 0
                latestSpell(
                    row, begin, end, of: index, in: \.householdSpell, counting: "meerdere_huishoudens_op_peildatum",
                    in: \.householdCounts
                ) { $0.household[index] = (household, kind) }
            }
        case "KINDOUDERTAB":
            let father = (position("RINPERSOONSpa"), position("RINPERSOONpa"))
            let mother = (position("RINPERSOONSMa"), position("RINPERSOONMa"))
            return { row in
                guard let index = person(row, kind, number) else { return }
                if let father = person(row, father.0, father.1) { self.population.persons[Int(index)].father = father }
                if let mother = person(row, mother.0, mother.1) { self.population.persons[Int(index)].mother = mother }
            }
        case "KOPPELPERSOONHUISHOUDEN":
            let earner = (position("RINPERSOONSHKW"), position("RINPERSOONHKW"))
            let states = self.states.filter { $0.options.year == fileYear }
            return { row in
                guard let index = person(row, kind, number),
                    let earner = CBSPopulation.personKey(row.value(at: earner.0), row.value(at: earner.1))
                else { return }
                for state in states { state.incomeHousehold[index] = earner }
            }
        case "INHATAB":
            let earner = (position("RINPERSOONSHKW"), position("RINPERSOONHKW"))
            let fields = ["INHAHL", "INHARMLAG", "INHARMLAGL", "INHARMSOC", "INHP100HGESTES", "INHBBIHJ"].map(position)
            let states = self.states.filter { $0.options.year == fileYear }
            return { row in
                guard let earner = CBSPopulation.personKey(row.value(at: earner.0), row.value(at: earner.1)) else {
                    return
                }
                let numbers = fields.map { row.value(at: $0).flatMap(FieldParsing.integer) }
                let income = CBSPopulation.Income(
                    persons: numbers[0], lowIncomeRatio: numbers[1], longTermLowIncomeRatio: numbers[2],
                    socialMinimumRatio: numbers[3], percentile: numbers[4], mainSource: numbers[5])
                for state in states { state.incomes[earner] = income }
            }
        case "bsn_rin_crosswalk":
            let bsn = position("bsn")
            return { row in
                guard let bsn = CBSPopulation.digitsKey(row.value(at: bsn)),
                    let key = CBSPopulation.personKey(row.value(at: kind), row.value(at: number))
                else { return }
                self.crosswalk[bsn] = key
            }
        case "school_leerlingen", "care_episodes":
            return { row in
                let field = { (name: String) in schema.fieldIndex(name).flatMap { row.value($0) } }
                self.takeRecord(row, schema: schema, field: field)
                if schema.name == "school_leerlingen" {
                    for state in self.states { state.school.take(schema.name, folder: folder, field: field) }
                }
            }
        case "school_verzuim", "school_lesrooster", "school_toetsen", "school_advies", "school_zorgsignalen":
            return { row in
                let field = { (name: String) in schema.fieldIndex(name).flatMap { row.value($0) } }
                for state in self.states { state.school.take(schema.name, folder: folder, field: field) }
            }
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
            let (code, begin, end) = (position(names.code), position(names.begin), position(names.end))
            let table = schema.name
            return { row in
                guard let index = person(row, kind, number),
                    let code = row.value(at: code).flatMap(FieldParsing.integer),
                    let first = row.value(at: begin).flatMap({ FieldParsing.date($0, format: .compact) })
                else { return }
                let last =
                    row.value(at: end).flatMap { FieldParsing.date($0, format: .compact) }?.daysSinceEpoch ?? Int.max
                let spell = CodedDays(code: code, first: first.daysSinceEpoch, last: last)
                switch table {
                case "JGDHULPBUS": self.youthCare[index, default: []].append(spell)
                case "JGDBESCHERMBUS": self.protection[index, default: []].append(spell)
                default: self.benefits[index, default: []].append(spell)
                }
            }
        case "HOOGSTEOPLTAB":
            let level = position("OPLNIVSOI2016AGG4HB")
            return { row in
                guard let index = person(row, kind, number), let code = row.value(at: level), let first = code.first,
                    (UInt8(ascii: "1")...UInt8(ascii: "3")).contains(first)
                else { return }
                self.educationLevel[index] = first - UInt8(ascii: "0")
            }
        case "VERDTAB":
            let year = position("VERDJAAR")
            return { row in
                // Multi-year synthetic files carry VERDJAAR; CBS files have one file per year.
                guard let index = person(row, kind, number),
                    let year = row.value(at: year).flatMap(FieldParsing.integer) ?? fileYear
                else { return }
                self.suspectYears[index, default: []].append(year)
            }
        default:
            return nil
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

/// Files done and bytes read so far, for progress reports from both lanes.
private final class LoadCounter: @unchecked Sendable {
    private let lock = NSLockLike()
    private let started: Date
    private let files: Int
    private let bytes: Int
    private var filesDone = 0
    private var bytesDone = 0

    init(started: Date, files: Int, bytes: Int) {
        self.started = started
        self.files = files
        self.bytes = bytes
    }

    func done(place: String, rows: Int, bytes read: Int) -> LoadProgress {
        lock.withLock {
            filesDone += 1
            bytesDone += read
            return LoadProgress(
                place: place, rows: rows, filesDone: filesDone, files: files, bytesDone: bytesDone, bytes: bytes,
                seconds: Date().timeIntervalSince(started))
        }
    }
}
