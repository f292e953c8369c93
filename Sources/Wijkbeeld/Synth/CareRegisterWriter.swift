/// Writes the multi-agency care register (care_episodes.csv, organisations.csv) for Tilburg
/// families: episodes that mirror CBS youth-care and protection spells, further organisations in
/// proportion to the family's problems, and help that follows school signals after a delay that
/// shortens once the pilot has started.
final class CareRegisterWriter {
    private let options: SynthOptions
    private let ledger: DirtLedger
    private let episodes: ByteWriter
    private let truth: ByteWriter
    private var nextEpisode = 1
    private var line = 1
    private let bijstandCodes: Set<Int> = [1, 13, 15, 16, 2, 3, 14, 20]

    init(folder: String, truthFolder: String, options: SynthOptions, ledger: DirtLedger) throws {
        self.options = options
        self.ledger = ledger
        let organisations = try ByteWriter(path: folder + "/organisations.csv", capacity: 1 << 14)
        organisations.text("organisation_id;organisation_name;organisation_type;agb_code;kvk_nummer;is_synthetic")
        try organisations.endLine()
        for (index, organisation) in CareOrganisation.all.enumerated() {
            organisations.text("\(organisation.id);\(organisation.name);\(organisation.type);")
            if organisation.type != "POLITIE" && organisation.type != "LEERPLICHT" {
                organisations.integer(3_000_000 + index * 7919, width: 8)
            }
            organisations.byte(UInt8(ascii: ";"))
            organisations.integer(50_000_000 + index * 104_729, width: 8)
            organisations.text(";1")
            try organisations.endLine()
        }
        try organisations.close()
        episodes = try ByteWriter(path: folder + "/care_episodes.csv", capacity: 1 << 16)
        episodes.text(
            "episode_id;bsn;achternaam;voorvoegsel;voornamen;geboortedatum;geslacht;postcode;huisnummer;household_key;"
                + "organisation_id;organisation_type;service_code;service_label;start_date;end_date;referral_source;"
                + "is_statutory")
        try episodes.endLine()
        truth = try ByteWriter(path: truthFolder + "/care_episodes.csv", capacity: 1 << 16)
        truth.text("episode_id;line;rinpersoon;dirt")
        try truth.endLine()
    }

    func close() throws {
        try episodes.close()
        try truth.close()
    }

    private struct Episode {
        var person: Int
        var organisation: Int
        var begin: CalendarDate
        var end: CalendarDate?
        var referral: String
    }

    /// Writes the unit's episodes; returns the persons who appear in the register. `variants` is the unit's
    /// stream for the legal variants (BSN spelling, line breaks in the service label).
    func write(
        _ unit: FamilyUnit, signals: [SchoolExportWriter.Signal], geography: SyntheticGeography,
        random: inout SplitMix64, variants: inout SplitMix64
    ) throws -> Set<Int> {
        let last = options.lastYear
        let reference = CalendarDate.known(last, 12, 31)
        let first = CalendarDate.known(options.years.lowerBound, 1, 1)
        let children = unit.persons.indices.filter { unit.persons[$0].isChild && unit.persons[$0].isLinkable }
        let adults = unit.persons.indices.filter { !unit.persons[$0].isChild && unit.persons[$0].isLinkable }
        guard !adults.isEmpty || !children.isEmpty else { return [] }
        // One fixed organisation per family for the types a family has at most one of.
        var fixed: [String: Int] = [:]
        func organisation(ofType type: String) -> Int {
            if let known = fixed[type] { return known }
            let choice = random.element(of: CareOrganisation.indexes(ofType: type))
            if ["JGZ", "SCHOOL_ZORG", "WIJKTEAM"].contains(type) { fixed[type] = choice }
            return choice
        }
        func spellOverlapsWindow(_ spell: CodedSpell) -> Bool {
            spell.begin <= reference && (spell.end.map { $0 >= first } ?? true)
        }
        var list: [Episode] = []
        for spell in unit.youthCare where spellOverlapsWindow(spell) {
            let type = (11...14).contains(spell.code) ? "JEUGDHULP_VERBLIJF" : "JEUGDHULP_AMBULANT"
            list.append(
                Episode(
                    person: spell.person, organisation: organisation(ofType: type), begin: spell.begin,
                    end: spell.end, referral: "WIJKTEAM"))
        }
        for spell in unit.protection where spellOverlapsWindow(spell) {
            list.append(
                Episode(
                    person: spell.person, organisation: organisation(ofType: "GI_JEUGDBESCHERMING"),
                    begin: spell.begin, end: spell.end, referral: "VEILIG_THUIS"))
        }
        for signal in signals where signal.asksForHelp {
            guard random.chance(0.88) else { continue }
            let median = signal.date < options.pilotStart ? 110.0 : 40.0
            let delay = Int((median * exp(0.6 * random.normal())).rounded())
            let target = signal.referredTo.map { CareOrganisation.all[$0].type } ?? "WIJKTEAM"
            // Help starts at the organisation the school referred to; it becomes the family's one
            // JGZ or district team when the family has none yet.
            if let referred = signal.referredTo, ["JGZ", "WIJKTEAM"].contains(target), fixed[target] == nil {
                fixed[target] = referred
            }
            let chosen =
                ["JGZ", "WIJKTEAM"].contains(target)
                ? organisation(ofType: target)
                : (signal.referredTo ?? organisation(ofType: "WIJKTEAM"))
            let begin = signal.date.adding(days: max(1, delay))
            guard begin <= reference else { continue }
            list.append(
                Episode(
                    person: signal.person, organisation: chosen, begin: begin,
                    end: endDate(begin, random: &random), referral: "SCHOOL_ZORG"))
        }
        // Further organisations in proportion to the number of problem domains of the family.
        let domains = problemDomains(unit, year: last)
        let extra: Int
        if domains >= 3 {
            extra = 1 + random.negativeBinomial(mean: 5, dispersion: 2)
        } else if domains >= 1 {
            extra =
                random.chance(children.isEmpty ? 0.1 : 0.4)
                ? 1 + random.negativeBinomial(mean: 1.2, dispersion: 1.5) : 0
        } else {
            extra =
                random.chance(children.isEmpty ? 0.02 : 0.08)
                ? 1 + random.negativeBinomial(mean: 0.5, dispersion: 1.5)
                : 0
        }
        var used = Set(list.map(\.organisation))
        let hasProtection = !unit.protection.isEmpty
        var attempts = 0
        let wanted = used.count + extra
        while used.count < wanted && attempts < 200 {
            attempts += 1
            let candidate = random.int(in: 0...(CareOrganisation.all.count - 1))
            let type = CareOrganisation.all[candidate].type
            if type == "GI_JEUGDBESCHERMING" && !hasProtection { continue }
            let isChildType = CareOrganisation.childTypes.contains(type)
            if isChildType && children.isEmpty { continue }
            let chosen = ["JGZ", "SCHOOL_ZORG", "WIJKTEAM"].contains(type) ? organisation(ofType: type) : candidate
            guard !used.contains(chosen) else { continue }
            used.insert(chosen)
            let person =
                isChildType ? random.element(of: children) : random.element(of: adults.isEmpty ? children : adults)
            let begin = CalendarDate(
                daysSinceEpoch: random.int(in: (first.daysSinceEpoch - 365)...reference.daysSinceEpoch))
            list.append(
                Episode(
                    person: person, organisation: chosen, begin: begin, end: endDate(begin, random: &random),
                    referral: random.chance(0.5) ? "WIJKTEAM" : ""))
        }
        guard !list.isEmpty else { return [] }
        var identities: [Int: PersonIdentity] = [:]
        let familyKey = "GZ" + String(10_000_000 + (unit.households.first?.number ?? 0) % 90_000_000)
        for episode in list {
            let person = unit.persons[episode.person]
            var identity: PersonIdentity
            if let known = identities[episode.person] {
                identity = known
            } else {
                identity = PersonIdentity(of: person, in: unit, seed: options.seed)
                identity.soil(ledger: ledger, rates: options.dirt, random: &random)
                identity.locate(person, in: unit, on: episode.begin, geography: geography)
                identities[episode.person] = identity
            }
            // The BSN is typed per episode: each row has its own chance of a missing or wrong number.
            var row = identity
            row.setBSN(
                person.bsn, missing: .careBSNMissing, missingRate: options.dirt.careBSNMissing,
                invalid: .careBSNInvalid, invalidRate: options.dirt.careBSNInvalid, ledger: ledger,
                rates: options.dirt, random: &random)
            row.respellBSN(ledger: ledger, rates: options.dirt, variants: &variants)
            let lineBreak = ledger.inject(.quotedLineBreak, rate: options.dirt.quotedLineBreak, random: &variants)
            let id = "E" + String(1_000_000 + nextEpisode)
            nextEpisode += 1
            let copies = ledger.inject(.duplicateRow, rate: options.dirt.duplicateRow, random: &random) ? 2 : 1
            for copy in 0..<copies {
                try writeRow(id, row, episode, familyKey: familyKey, lineBreak: lineBreak)
                truth.text("\(id);\(line);")
                truth.integer(person.rin, width: 9)
                truth.text(";" + (row.dirt + (copy == 1 ? ["duplicate-row"] : [])).joined(separator: "|"))
                try truth.endLine()
            }
        }
        return Set(list.map(\.person))
    }

    private func endDate(_ begin: CalendarDate, random: inout SplitMix64) -> CalendarDate? {
        guard random.chance(0.6) else { return nil }
        let end = begin.adding(days: random.int(in: 30...700))
        return end > CalendarDate.known(options.lastYear, 12, 31) ? nil : end
    }

    private func writeRow(
        _ id: String, _ row: PersonIdentity, _ episode: Episode, familyKey: String, lineBreak: Bool
    ) throws {
        let organisation = CareOrganisation.all[episode.organisation]
        let w = episodes
        w.text("\(id);\(row.bsn);\(row.surname);\(row.prefix);\(row.givenNames);")
        w.isoDate(row.birthDate)
        w.text(";\(row.sex);\(row.postcode);\(row.houseNumber);\(familyKey);\(organisation.id);\(organisation.type);")
        w.text("S\(episode.organisation % 7 + 10);")
        // Free text, quoted: it holds `"` and `,`, and sometimes a line break.
        let separator = lineBreak ? "\n" : " "
        w.text(
            "\"Begeleiding \(organisation.type.lowercased()),\(separator)traject \"\"\(episode.organisation)\"\"\";")
        w.isoDate(episode.begin)
        w.byte(UInt8(ascii: ";"))
        if let end = episode.end { w.isoDate(end) }
        w.text(";\(episode.referral);")
        w.text(["GI_JEUGDBESCHERMING", "JEUGDRECLASSERING"].contains(organisation.type) ? "1" : "0")
        try w.endLine()
        line += 1
    }

    /// IND16 domains present in `year`: low income, bijstand, youth care, youth protection, parent suspect.
    private func problemDomains(_ unit: FamilyUnit, year: Int) -> Int {
        let offset = year - options.years.lowerBound
        let poor = unit.households.contains {
            $0.end == nil && offset < $0.yearScores.count && $0.yearScores[offset] < 0
        }
        let bijstand = unit.benefits.contains {
            bijstandCodes.contains($0.code) && Spell(target: 0, begin: $0.begin, end: $0.end).overlaps(year: year)
        }
        let care = unit.youthCare.contains { Spell(target: 0, begin: $0.begin, end: $0.end).overlaps(year: year) }
        let protection = unit.protection.contains {
            Spell(target: 0, begin: $0.begin, end: $0.end).overlaps(year: year)
        }
        let suspect = unit.suspects.contains { !unit.persons[$0.person].isChild && $0.year >= year - 7 }
        return [poor, bijstand, care, protection, suspect].filter { $0 }.count
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
