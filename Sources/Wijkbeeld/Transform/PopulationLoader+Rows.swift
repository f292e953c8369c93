import Foundation

/// What the loader keeps of each table's rows: one reader per file, with the field positions resolved once.
extension PopulationLoader {
    /// What to do with each accepted row of a table, its field positions resolved once per file: a row is
    /// then read by position, without looking names up.
    func rowReader(schema: TableSchema, vintageColumn: Int, fileYear: Int?, folder: String, place: String)
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
            _ row: AcceptedRow, _ begin: Int, _ end: Int, key: UInt64, of index: Int32,
            in spells: ReferenceWritableKeyPath<PeriodState, [Int32: ChosenSpell]>,
            counting reason: String, in counts: ReferenceWritableKeyPath<PeriodState, [String: Int]>,
            _ body: (PeriodState) -> Void
        ) {
            for state in self.datedStates {
                guard let covered = spell(row, begin, end, on: state.options.referenceDate) else { continue }
                let spell = ChosenSpell(begin: covered.begin, end: covered.end, key: key)
                if let best = state[keyPath: spells][index] {
                    state[keyPath: counts][reason, default: 0] += 1
                    guard spell.isPreferred(to: best) else { continue }
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
                    let last = FieldParsing.spellEnd(row.value(at: end)) ?? Int.max
                    self.addressHistory[index, default: []].append((first.daysSinceEpoch, last, object))
                }
                latestSpell(
                    row, begin, end, key: object, of: index, in: \.addressSpell,
                    counting: "meerdere_adressen_op_peildatum",
                    in: \.counts
                ) { $0.object[index] = object }
            }
        case "GBAHUISHOUDENSBUS":
            let (household, type) = (position("HUISHOUDNR"), position("TYPHH"))
            let (begin, end) = (position("DATUMAANVANGHH"), position("DATUMEINDEHH"))
            return { row in
                guard let index = person(row, kind, number) else { return }
                // An empty HUISHOUDNR still covers the date: the household (and its type) is then unknown,
                // rather than an older spell taking its place (decided reading, README).
                let household = CBSPopulation.digitsKey(row.value(at: household))
                let kind = household == nil ? 0 : row.value(at: type).flatMap { $0.first }.map { $0 - 48 } ?? 0
                latestSpell(
                    row, begin, end, key: household ?? .max, of: index, in: \.householdSpell,
                    counting: "meerdere_huishoudens_op_peildatum", in: \.householdCounts
                ) { $0.household[index] = (household ?? 0, kind) }
            }
        case "KINDOUDERTAB":
            let father = (position("RINPERSOONSpa"), position("RINPERSOONpa"))
            let mother = (position("RINPERSOONSMa"), position("RINPERSOONMa"))
            return { row in
                guard let index = person(row, kind, number) else { return }
                // Only linkable persons (RINPERSOONS = R) are legal parents (indicators.md, L(c); cbs-tables.md P10).
                func linkable(_ parent: Int32) -> Bool { self.population.persons[Int(parent)].linkable }
                if let father = person(row, father.0, father.1), linkable(father) {
                    self.population.persons[Int(index)].father = father
                }
                if let mother = person(row, mother.0, mother.1), linkable(mother) {
                    self.population.persons[Int(index)].mother = mother
                }
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
                guard let bsn = CBSPopulation.personNumberKey(row.value(at: bsn)),
                    let key = CBSPopulation.personKey(row.value(at: kind), row.value(at: number))
                else { return }
                self.crosswalk[bsn] = key
            }
        case "school_leerlingen", "care_episodes":
            return { row in
                let field = { (name: String) in schema.fieldIndex(name).flatMap { row.value($0) } }
                self.takeRecord(row, schema: schema, file: place, field: field)
                if schema.name == "school_leerlingen" {
                    for state in self.states { state.school.take(schema.name, folder: folder, field: field) }
                }
            }
        case "school_verzuim", "school_lesrooster", "school_toetsen", "school_advies", "school_zorgsignalen",
            "schoolvakanties":
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
                let last = FieldParsing.spellEnd(row.value(at: end)) ?? Int.max
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
        _ row: AcceptedRow, schema: TableSchema, file: String, field: (String) -> UnsafeBufferPointer<UInt8>?
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
                bsn: CBSPopulation.personNumberKey(field("bsn")),
                bsnInvalid: bsnField.map { row.blanked.contains($0) } ?? false,
                onderwijsnummer: CBSPopulation.personNumberKey(field("onderwijsnummer")),
                care: isSchool ? nil : careEpisode(field),
                birthDate: String(text("geboortedatum").filter(\.isNumber)), sex: text("geslacht"),
                pc4: String(text("postcode").filter(\.isNumber).prefix(4)), household: text("household_key"),
                address: (text("postcode") + ":" + text("huisnummer")).uppercased().filter { !$0.isWhitespace },
                surname: text("achternaam"), prefix: text("voorvoegsel"), givenNames: text("voornamen"),
                callName: text("roepnaam"), schoolYear: text("schooljaar"), file: file))
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
        let day = date.daysSinceEpoch
        let from = first.daysSinceEpoch
        let until = FieldParsing.spellEnd(end) ?? Int.max
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
