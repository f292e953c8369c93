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
        /// The spell chosen so far per person (cbs-tables.md §4: latest begin, then latest end, then smallest key).
        var addressSpell: [Int32: ChosenSpell] = [:]
        var householdSpell: [Int32: ChosenSpell] = [:]
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

    /// A spell that covers a reference date, with the key that breaks a tie of equal begin and end.
    struct ChosenSpell {
        var begin: Int
        var end: Int
        /// The object or household key; `UInt64.max` when the spell names none (an empty HUISHOUDNR).
        var key: UInt64

        /// True when `self` wins over `other` by cbs-tables.md §4, whatever order the rows came in.
        func isPreferred(to other: ChosenSpell) -> Bool {
            (begin, end, other.key) > (other.begin, other.end, key)
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
        /// What the school ↔ care linker compares besides the above, in memory only and never written:
        /// surname, its prefix, the given names and (pupils) the call name.
        var surname = ""
        var prefix = ""
        var givenNames = ""
        var callName = ""
        /// A pupil's school year (`2023-2024`), to link a pupil with the newest year's row.
        var schoolYear = ""
        /// The input file, relative to the input folder, for the share linked per file.
        var file = ""
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
    private(set) var datedStates: [PeriodState] = []
    /// The first period: its vintage holds for all.
    var options: TransformOptions { periods[0] }
    let pseudonymizer: Pseudonymizer
    var population = CBSPopulation()
    var report = ValidationReport()
    var crosswalk: [UInt64: UInt64] = [:]
    var records: [PendingRecord] = []
    /// The persons' index, copied once the person table is read: the lanes look persons up here while
    /// one of them still sets parents in `population`.
    private(set) var personIndex: [UInt64: Int32] = [:]
    /// The tables read in the first lane; the others in the second (see `load`).
    private static let firstLaneTables: Set<String> = [
        "GBAADRESOBJECTBUS", "VSLPOSTCODEBUS", "KINDOUDERTAB", "JGDHULPBUS", "JGDBESCHERMBUS", "BIJSTANDUITKERINGTAB",
        "HOOGSTEOPLTAB", "VERDTAB", "bsn_rin_crosswalk", "INHATAB", "INSCHRWPOTAB",
    ]
    var objectBuurt: [UInt64: Int32] = [:]
    var buurtIndex: [String: Int32] = [:]
    /// Coded spells per person (code, first day, last day; days since 1970) of the youth-care,
    /// youth-protection and benefit tables, and the years a person was a registered suspect.
    var youthCare: [Int32: [CodedDays]] = [:]
    var protection: [Int32: [CodedDays]] = [:]
    var benefits: [Int32: [CodedDays]] = [:]
    var suspectYears: [Int32: [Int]] = [:]
    /// Highest completed education level per person (HOOGSTEOPLTAB): 1 low, 2 middle, 3 high.
    var educationLevel: [Int32: UInt8] = [:]
    /// Address spells per person as (first day, object), for moves (IND09).
    var addressHistory: [Int32: [AddressSpell]] = [:]

    /// An address spell as days since 1970 (`last` is `Int.max` when open) and its object.
    typealias AddressSpell = (first: Int, last: Int, object: UInt64)

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
        let tables = Set(files.map(\.recognition.schema.name))
        if tables.contains("school_verzuim") && !tables.contains("schoolvakanties") {
            throw WijkbeeldError(
                .noInput,
                "\(folder) has school absences (school_verzuim) but no schoolvakanties.csv: IND19 skips holiday weeks "
                    + "and needs the school holidays of the schools' region; copy config/schoolvakanties.csv "
                    + "(region zuid) into the input folder, or write your region's holidays in that layout")
        }
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
            var hasAnyVintage = false
            var reader: ((AcceptedRow) -> Void)?
            var task = validator.run(
                onHeader: { labels in
                    vintageColumn = labels.firstIndex { $0.lowercased() == "bc\(self.options.vintage)" } ?? -1
                    hasAnyVintage = labels.contains(where: GeographyVintage.isColumn)
                    reader =
                        wanted
                        ? self.rowReader(
                            schema: schema, vintageColumn: vintageColumn, fileYear: file.recognition.year,
                            folder: folder, place: file.place) : nil
                },
                onRow: wanted ? { row in reader?(row) } : nil)
            task.year = file.recognition.year
            if schema.name == "VSLGWBTAB" && wanted && vintageColumn < 0 {
                throw GeographyVintage.missing(options.vintage, in: file.place, fileHasOthers: hasAnyVintage)
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
        // Persons in key order, not file order: every index below (parents, spells, links, the linker's
        // samples) is then the same whatever order GBAPERSOONTAB's rows came in (R12).
        population.persons.sort { $0.key < $1.key }
        population.index = Dictionary(
            population.persons.enumerated().map { ($1.key, Int32($0)) }, uniquingKeysWith: { first, _ in first })
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
            "school_toetsen", "school_advies", "school_zorgsignalen", "schoolvakanties":
            return true
        default:
            return false
        }
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
