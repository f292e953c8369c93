import Dispatch

/// The transform stage: validates and reads the inputs, pseudonymises, generalises, locates everyone
/// on the reference date, selects the configured areas, builds persons and families and links school
/// and care records, by BSN first and probabilistically for the rest.
public enum Transformer {
    /// Runs the stage on an input folder.
    /// - Throws: `WijkbeeldError` for unreadable inputs or an unusable configuration.
    public static func run(
        input: String, key: PseudonymKey, options: TransformOptions, requireValidInput: Bool = true
    ) throws -> AnalysisTables {
        guard
            let tables = try run(input: input, key: key, periods: [options], requireValidInput: requireValidInput)
                .first
        else {
            throw WijkbeeldError(.internal, "the transform stage returned no tables")
        }
        return tables
    }

    /// Runs the stage for several periods in one pass over the inputs: one set of tables per period.
    /// - Throws: `.configuration` when the periods use different geography vintages, which one pass cannot
    ///   serve; otherwise as `run(input:key:options:)`.
    /// - Parameter requireValidInput: throw `.dataError` when a file failed validation (fails closed: nothing built
    ///   from a broken input is published); false only for a caller that quarantines the files itself.
    public static func run(
        input: String, key: PseudonymKey, periods: [TransformOptions], requireValidInput: Bool = true
    ) throws -> [AnalysisTables] {
        guard let first = periods.first else { return [] }
        guard periods.allSatisfy({ $0.vintage == first.vintage }) else {
            throw WijkbeeldError(
                .configuration,
                "periods read in one pass must share one geography vintage (vintage in the configuration)")
        }
        let pseudonymizer = Pseudonymizer(key: key)
        let loader = PopulationLoader(periods: periods, pseudonymizer: pseudonymizer)
        try loader.load(input)
        if requireValidInput { try requireValid(loader.report) }
        var childrenOf: [Int32: [Int32]] = [:]
        for (index, person) in loader.population.persons.enumerated() {
            for parent in [person.father, person.mother] where parent >= 0 {
                childrenOf[parent, default: []].append(Int32(index))
            }
        }
        // The loader is only read from here on: the record links (once per run) and the periods' tables
        // are built on all cores, then every period gets the links.
        let results = PeriodTables(count: periods.count)
        let shared = UncheckedSendable(loader)
        let parents = childrenOf
        let memoised =
            periods.count > 1
            ? memoised(pseudonymizer, keys: loader.population.persons.map(\.key)) : pseudonymizer
        DispatchQueue.concurrentPerform(iterations: periods.count + 1) { job in
            if job == 0 {
                let loader = shared.value
                let links = recordLinks(
                    loader.records, crosswalk: loader.crosswalk, population: loader.linkPopulation(), memoised,
                    linkage: loader.options.linkage)
                results.lock.withLock { results.links = links }
            } else {
                let built = tables(job - 1, loader: shared.value, childrenOf: parents, pseudonymizer: memoised)
                results.lock.withLock { results.slots[job - 1] = built }
            }
        }
        guard let links = results.links else {
            throw WijkbeeldError(.internal, "the transform stage linked no records")
        }
        var everyTables: [AnalysisTables] = []
        for (period, slot) in results.slots.enumerated() {
            guard var tables = slot else { continue }
            apply(links, into: &tables)
            signalsToHelp(loader.states[period].school.firstSignals(), into: &tables, memoised)
            everyTables.append(tables)
        }
        return everyTables
    }

    static func tables(
        _ period: Int, loader: PopulationLoader, childrenOf: [Int32: [Int32]], pseudonymizer: Pseudonymizer
    ) -> AnalysisTables {
        let options = loader.periods[period]
        var tables = AnalysisTables(
            options: options, validation: loader.report, keyFingerprint: pseudonymizer.keyFingerprint,
            isSampleKey: pseudonymizer.isSampleKey)
        var population = loader.population(for: period)
        let selected = select(&population, options: options, into: &tables, pseudonymizer: pseudonymizer)
        for (row, index) in selected.enumerated() where tables.persons[row].isChildPopulation {
            tables.persons[row].facts = childFacts(
                Int32(index), population: population, loader: loader, childrenOf: childrenOf, options: options)
            tables.persons[row].parentEducation = parentEducation(Int32(index), population: population, loader: loader)
        }
        buildFamilies(population, selected: selected, into: &tables, pseudonymizer: pseudonymizer)
        for (reason, count) in population.counts { tables.counts[reason, default: 0] += count }
        tables.pupils = loader.states[period].school.pupils()
        return tables
    }

    /// Days from each pupil's first help-asking signal to the first care episode of the pupil or the
    /// family that starts on or after it, within 365 days (indicators.md IND24).
    static func signalsToHelp(
        _ signals: [(brin: String, pupil: String, day: Int, organisation: String?)], into tables: inout AnalysisTables,
        _ pseudonymizer: Pseudonymizer
    ) {
        let personOfRecord = Dictionary(
            tables.links.compactMap { link in link.person.map { (link.record, $0) } },
            uniquingKeysWith: { first, _ in first })
        let numberOfRecord = Dictionary(
            tables.links.compactMap { link in link.bsn.map { (link.record, $0) } },
            uniquingKeysWith: { first, _ in first })
        var familyOf: [Pseudonym: Pseudonym] = [:]
        var membersOf: [Pseudonym: [Pseudonym]] = [:]
        for member in tables.members {
            if member.role == "kind" { familyOf[member.person] = member.family }
            membersOf[member.family, default: []].append(member.person)
        }
        for signal in signals {
            let record = pseudonymizer.pseudonym(.pupil, "\(signal.brin):\(signal.pupil)")
            // The pupil's help is observable through its CBS person (the pupil and the family) or, without
            // one, its BSN (the pupil's own episodes); a pupil with neither is left out and counted.
            let person = personOfRecord[record]
            var people = Set([person, numberOfRecord[record]].compactMap { $0 })
            guard !people.isEmpty else {
                tables.counts["signalen_niet_gekoppeld", default: 0] += 1
                continue
            }
            if let person, let family = familyOf[person] { people.formUnion(membersOf[family] ?? []) }
            var firstHelp: Int?
            for member in people {
                for start in tables.careStarts[member] ?? [] {
                    let days = start.day - signal.day
                    guard days >= 0, days <= 365 else { continue }
                    if let organisation = signal.organisation, organisation != start.organisation { continue }
                    firstHelp = min(firstHelp ?? days, days)
                }
            }
            tables.signals.append(
                AnalysisTables.SignalToHelp(school: signal.brin, signalDay: signal.day, daysToHelp: firstHelp))
        }
    }

    static func rin(_ key: UInt64, _ pseudonymizer: Pseudonymizer) -> Pseudonym {
        pseudonymizer.rinMemo[key] ?? pseudonymizer.pseudonym(.rin, CBSPopulation.rinText(key))
    }

    /// The RIN pseudonyms of every person, computed once on all cores, for runs of several periods.
    static func memoised(_ pseudonymizer: Pseudonymizer, keys: [UInt64]) -> Pseudonymizer {
        let results = MemoSlots(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let range = half == 0 ? 0..<(keys.count / 2) : (keys.count / 2)..<keys.count
            var memo: [UInt64: Pseudonym] = [:]
            memo.reserveCapacity(range.count)
            for index in range { memo[keys[index]] = pseudonymizer.pseudonym(.rin, CBSPopulation.rinText(keys[index])) }
            results.lock.withLock { results.slots[half] = memo }
        }
        var memoised = pseudonymizer
        memoised.rinMemo = results.slots[0].merging(results.slots[1]) { first, _ in first }
        return memoised
    }

    /// Locates and selects persons; returns the indexes of the selected ones.
    private static func select(
        _ population: inout CBSPopulation, options: TransformOptions, into tables: inout AnalysisTables,
        pseudonymizer: Pseudonymizer
    ) -> [Int] {
        var selected: [Int] = []
        var areaCache: [Int32: [String]] = [:]
        // Members of one household share its pseudonyms: one HMAC per household.
        var households: [UInt64: Pseudonym] = [:]
        var incomeHouseholds: [UInt64: Pseudonym] = [:]
        func householdPseudonym(_ number: UInt64) -> Pseudonym {
            if let known = households[number] { return known }
            let pseudonym = pseudonymizer.pseudonym(.household, CBSPopulation.digitsText(number))
            households[number] = pseudonym
            return pseudonym
        }
        func incomePseudonym(_ earner: UInt64) -> Pseudonym {
            if let known = incomeHouseholds[earner] { return known }
            let pseudonym = pseudonymizer.pseudonym(.incomeHousehold, CBSPopulation.rinText(earner))
            incomeHouseholds[earner] = pseudonym
            return pseudonym
        }
        for index in population.persons.indices {
            let person = population.persons[index]
            tables.counts["personen_gelezen", default: 0] += 1
            guard person.linkable else {
                tables.counts["uitgesloten_niet_koppelbaar", default: 0] += 1
                continue
            }
            guard person.birthYear > 0 else {
                tables.counts["uitgesloten_geboortejaar_onbekend", default: 0] += 1
                continue
            }
            guard person.buurt >= 0 else {
                tables.counts["uitgesloten_geen_adres", default: 0] += 1
                continue
            }
            let areas: [String]
            if let cached = areaCache[person.buurt] {
                areas = cached
            } else {
                let code = population.buurtCodes[Int(person.buurt)]
                areas = options.areas.filter { $0.contains(buurt: code) }.map(\.code)
                areaCache[person.buurt] = areas
            }
            guard !areas.isEmpty else {
                tables.counts["uitgesloten_buiten_gebieden", default: 0] += 1
                continue
            }
            if person.birthMonth == 0 || person.birthDay == 0 {
                tables.counts["geboortedatum_deels_geimputeerd", default: 0] += 1
            }
            if person.household == 0 { tables.counts["geen_huishouden_op_peildatum", default: 0] += 1 }
            let age = population.age(of: person, on: options.referenceDate)
            let income = person.incomeHousehold == 0 ? nil : population.incomes[person.incomeHousehold]
            if person.incomeHousehold != 0 && income == nil {
                tables.counts["inkomenshuishouden_zonder_inkomen", default: 0] += 1
            }
            func parent(_ index: Int32) -> Pseudonym? {
                index < 0 ? nil : rin(population.persons[Int(index)].key, pseudonymizer)
            }
            tables.persons.append(
                AnalysisTables.Person(
                    pseudonym: rin(person.key, pseudonymizer),
                    sex: person.sex == 0 ? "-" : String(UnicodeScalar(person.sex)),
                    birthYear: person.birthYear, birthMonth: person.birthMonth > 0 ? person.birthMonth : nil,
                    age: age, generation: person.generation == 0 ? "-" : String(UnicodeScalar(person.generation)),
                    buurt: population.buurtCodes[Int(person.buurt)], pc4: person.pc4 >= 0 ? Int(person.pc4) : nil,
                    areas: areas,
                    household: person.household == 0
                        ? nil : householdPseudonym(person.household),
                    householdType: person.household == 0 ? nil : Int(person.householdType),
                    mother: parent(person.mother), father: parent(person.father),
                    incomeHousehold: person.incomeHousehold == 0
                        ? nil
                        : incomePseudonym(person.incomeHousehold),
                    incomeHouseholdSize: income?.persons, lowIncomeRatio: income?.lowIncomeRatio,
                    longTermLowIncomeRatio: income?.longTermLowIncomeRatio,
                    socialMinimumRatio: income?.socialMinimumRatio, incomePercentile: income?.percentile,
                    incomeSource: income?.mainSource, isChildPopulation: age.map { (4...12).contains($0) } ?? false))
            selected.append(index)
        }
        tables.counts["personen_geselecteerd"] = selected.count
        tables.counts["kinderen_4_12"] = tables.persons.filter(\.isChildPopulation).count
        return selected
    }
}

/// The periods' tables, filled by the threads under a lock.
private final class PeriodTables: @unchecked Sendable {
    var slots: [AnalysisTables?]
    var links: Transformer.RecordLinks?
    let lock = NSLockLike()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
}

/// The two halves of the RIN memo, filled by the threads under a lock.
private final class MemoSlots: @unchecked Sendable {
    var slots: [[UInt64: Pseudonym]]
    let lock = NSLockLike()
    init(count: Int) { slots = Array(repeating: [:], count: count) }
}

extension Transformer {
    /// Fails closed on a folder with a file that failed validation (a broken file, a file-level rule): the run
    /// stops before anything is computed, so no command publishes numbers from part of an input.
    /// - Throws: `.dataError` naming the failed files and their first findings.
    static func requireValid(_ report: ValidationReport) throws {
        let failed = report.tasks.filter { !$0.valid }
        guard let first = failed.first else { return }
        let findings = failed.flatMap { task in
            task.errors.filter { $0.severity == .error }.prefix(3).map { $0.formatted(place: task.place) }
        }
        throw WijkbeeldError(
            .dataError,
            "\(failed.count) input file(s) failed validation (\(failed.map(\.place).joined(separator: ", "))); "
                + "nothing is published. Fix or re-deliver the file, and see `wijkbeeld validate` for every finding:\n"
                + findings.prefix(10).joined(separator: "\n"),
            location: SourceLocation(path: first.place, line: first.errors.first?.lineNumber))
    }
}
