/// Writes the six school export files (local-files.md) for one school: pupils, absence, planned
/// hours, tests, advice and care signals; and records which pupil is which person in the truth file.
final class SchoolExportWriter {
    let brin: String
    let options: SynthOptions
    private let pupils: PupilModel
    let ledger: DirtLedger
    private let leerlingen: ByteWriter
    private let verzuim: ByteWriter
    private let lesrooster: ByteWriter
    private let toetsen: ByteWriter
    private let advies: ByteWriter
    private let signalen: ByteWriter
    private let truth: ByteWriter
    private var nextPupil = 1
    private var nextSignal = 1
    /// Planned clock hours per pupil for a full school year.
    static let plannedHours = 940

    init(
        folder: String, truthFolder: String, brin: String, options: SynthOptions, pupils: PupilModel,
        ledger: DirtLedger
    ) throws {
        self.brin = brin
        self.options = options
        self.pupils = pupils
        self.ledger = ledger
        func open(_ name: String, _ header: String) throws -> ByteWriter {
            let writer = try ByteWriter(path: folder + "/" + name, capacity: 1 << 16)
            writer.text(header)
            try writer.endLine()
            return writer
        }
        leerlingen = try open(
            "school_leerlingen.csv",
            "leerling_key;bsn;onderwijsnummer;achternaam;voorvoegsel;voornamen;roepnaam;geboortedatum;geslacht;"
                + "postcode;huisnummer;huisnummer_toevoeging;brin;vestiging;schooljaar;groep_key;groep_naam;jaargroep;"
                + "instroomdatum;uitstroomdatum;leerlinggewicht;ondersteuningsprofiel;arrangement;opp;tlv_categorie;"
                + "vve_deelname")
        verzuim = try open(
            "school_verzuim.csv",
            "leerling_key;schooljaar;datum;lesuren_afwezig;soort;reden;duo_melding_type;duo_meldingsdatum")
        lesrooster = try open("school_lesrooster.csv", "brin;vestiging;schooljaar;jaargroep;geplande_lesuren")
        toetsen = try open(
            "school_toetsen.csv",
            "leerling_key;schooljaar;toetsmoment;toets;domein;vaardigheidsscore;niveau;referentieniveau")
        advies = try open(
            "school_advies.csv",
            "leerling_key;schooljaar;voorlopig_advies;definitief_advies;doorstroomtoets_code;doorstroomtoets_advies;"
                + "herzien_advies")
        signalen = try open(
            "school_zorgsignalen.csv",
            "signaal_id;leerling_key;datum;signaal_type;domein;ingebracht_door;verwezen_naar_organisatie_id;status")
        truth = try ByteWriter(path: truthFolder + "/school_\(brin).csv", capacity: 1 << 16)
        truth.text("brin;leerling_key;schooljaar;line;rinpersoon;dirt")
        try truth.endLine()
        for year in options.years {
            for group in 1...8 {
                lesrooster.text("\(brin);01;\(year)-\(year + 1);\(group);\(SchoolExportWriter.plannedHours)")
                try lesrooster.endLine()
            }
        }
    }

    func close() throws {
        for writer in [leerlingen, verzuim, lesrooster, toetsen, advies, signalen, truth] { try writer.close() }
    }

    private var pupilLines = 1

    /// A signal raised for a pupil, which the care register may answer with an episode.
    struct Signal {
        var person: Int
        var date: CalendarDate
        var referredTo: Int?
        var asksForHelp: Bool
    }

    /// Writes every school year the child is enrolled; returns the signals raised. `variants` is the unit's
    /// stream for the legal variants (BSN spelling, line breaks in free text).
    func write(
        child index: Int, in unit: FamilyUnit, geography: SyntheticGeography, random: inout SplitMix64,
        variants: inout SplitMix64
    ) throws -> [Signal] {
        let child = unit.persons[index]
        let key = "L" + String(100_000 + nextPupil)
        nextPupil += 1
        var identity = PersonIdentity(of: child, in: unit, seed: options.seed)
        identity.soil(ledger: ledger, rates: options.dirt, random: &random)
        let newcomer = ledger.inject(.onderwijsnummerOnly, rate: options.dirt.onderwijsnummerOnly, random: &random)
        if newcomer {
            identity.onderwijsnummer = String(
                decoding: DutchPersonNumber.digits(
                    DutchPersonNumber.complete(
                        prefix: 1_000_000 + child.id % 100_000, bank: child.id / 100_000 % 2,
                        residue: 5)), as: UTF8.self)
            identity.dirt.append("onderwijsnummer-only")
        } else {
            identity.setBSN(
                child.bsn, missing: .schoolBSNMissing, missingRate: options.dirt.schoolBSNMissing,
                invalid: .schoolBSNInvalid, invalidRate: options.dirt.schoolBSNInvalid, ledger: ledger,
                rates: options.dirt, random: &random)
            identity.respellBSN(ledger: ledger, rates: options.dirt, variants: &variants)
        }
        let fourth = child.birth.adding(days: 4 * 365 + 1)
        var signals: [Signal] = []
        let home = unit.persons[index].householdSpells.last.map { unit.households[$0.target] }
        let score = home?.incomeScore ?? 1
        let ability = pupils.ability(of: child, incomeScore: score)
        let support = random.chance(score < 0 ? 0.25 : 0.12)
        let weight = score < 0 ? (random.chance(0.5) ? "1.20" : "0.30") : (random.chance(0.05) ? "0.30" : "0.00")
        for year in options.years {
            guard let group = pupils.group(of: child, schoolYear: year) else { continue }
            var row = identity
            row.locate(child, in: unit, on: CalendarDate.known(year, 10, 1), geography: geography)
            let schoolYear = "\(year)-\(year + 1)"
            let leaves = group == 8 ? CalendarDate.known(year + 1, 7, 15) : nil
            let copies = ledger.inject(.duplicateRow, rate: options.dirt.duplicateRow, random: &random) ? 2 : 1
            let flags = (
                opp: support && random.chance(0.3), tlv: support && random.chance(0.1), vve: random.chance(0.3)
            )
            let start = max(fourth, CalendarDate.known(2015, 8, 20))
            let lineBreak =
                support && ledger.inject(.quotedLineBreak, rate: options.dirt.quotedLineBreak, random: &variants)
            for copy in 0..<copies {
                try writePupilRow(
                    key, row, group: group, schoolYear: schoolYear, start: start, leaves: leaves, weight: weight,
                    support: support, flags: flags, lineBreak: lineBreak)
                pupilLines += 1
                truth.text("\(brin);\(key);\(schoolYear);\(pupilLines);")
                truth.integer(child.rin, width: 9)
                truth.text(";" + (row.dirt + (copy == 1 ? ["duplicate-row"] : [])).joined(separator: "|"))
                try truth.endLine()
            }
            try writeAbsence(key, year: year, score: score, random: &random)
            try writeHolidayAbsence(key, child: child, year: year, enrolled: start, leaves: leaves)
            try writeTests(key, year: year, group: group, ability: ability, child: child)
            if group == 8 { try writeAdvice(key, year: year, ability: ability, child: child) }
            let youthCare = unit.youthCare.contains {
                $0.person == index
                    && Spell(target: 0, begin: $0.begin, end: $0.end)
                        .overlaps(year: year + 1)
            }
            let chance = 0.05 + (youthCare ? 0.35 : 0) + (score < 0 ? 0.06 : 0)
            if random.chance(chance) {
                signals.append(try writeSignal(key, person: index, year: year, random: &random))
            }
        }
        return signals
    }

    private func writePupilRow(
        _ key: String, _ row: PersonIdentity, group: Int, schoolYear: String, start: CalendarDate,
        leaves: CalendarDate?, weight: String, support: Bool, flags: (opp: Bool, tlv: Bool, vve: Bool),
        lineBreak: Bool
    ) throws {
        let w = leerlingen
        w.text("\(key);\(row.bsn);\(row.onderwijsnummer);\(row.surname);\(row.prefix);\(row.givenNames);")
        w.text("\(row.callName);")
        w.isoDate(row.birthDate)
        w.text(";\(row.sex);\(row.postcode);\(row.houseNumber);;\(brin);01;\(schoolYear);G\(group)A;Groep \(group);")
        w.integer(group)
        w.byte(UInt8(ascii: ";"))
        w.isoDate(start)
        w.byte(UInt8(ascii: ";"))
        if let leaves { w.isoDate(leaves) }
        w.text(";\(weight);")
        w.text(support ? "plus;" : "basis;")
        // Free text, quoted because it can contain the delimiter or a line break.
        w.text(support ? (lineBreak ? "\"Extra begeleiding;\nlezen\";" : "\"Extra begeleiding; lezen\";") : ";")
        w.text(flags.opp ? "J;" : "N;")
        w.text(flags.tlv ? "L;" : "Nvt;")
        w.text(flags.vve ? "J" : "N")
        try w.endLine()
    }

    private func schoolDay(_ year: Int, _ random: inout SplitMix64) -> CalendarDate {
        let first = CalendarDate.known(year, 9, 1).daysSinceEpoch
        var day = random.int(in: first...(first + 300))
        // 1970-01-01 was a Thursday; skip Saturdays and Sundays.
        while (day + 3) % 7 >= 5 { day += 1 }
        return CalendarDate(daysSinceEpoch: day)
    }

    private func writeAbsence(_ key: String, year: Int, score: Double, random: inout SplitMix64) throws {
        let schoolYear = "\(year)-\(year + 1)"
        let chronic = random.chance(0.04)
        let sick = random.poisson(chronic ? 26 : 2.5)
        for _ in 0..<sick {
            try absence(
                key, schoolYear, schoolDay(year, &random), hours: Double(random.int(in: 4...11)) / 2,
                authorised: true, reason: random.chance(0.9) ? "ziek" : "medisch")
        }
        let late = random.poisson(score < 0 ? 1.5 : 0.3)
        for _ in 0..<late {
            try absence(key, schoolYear, schoolDay(year, &random), hours: 0.5, authorised: false, reason: "te_laat")
        }
        if random.chance(score < 0 ? 0.03 : 0.005) {
            // A run of unauthorised days crossing 16 hours within four weeks: reportable to DUO.
            let start = schoolDay(year, &random)
            var hours = 0.0
            var day = start.daysSinceEpoch
            for _ in 0..<random.int(in: 3...5) {
                while (day + 3) % 7 >= 5 { day += 1 }
                hours += 5.5
                let reported = hours >= 16 && hours - 5.5 < 16
                try absence(
                    key, schoolYear, CalendarDate(daysSinceEpoch: day), hours: 5.5, authorised: false,
                    reason: "overig",
                    report: reported
                        ? ("16u_4wk", CalendarDate(daysSinceEpoch: day + 3))
                        : nil)
                day += 1
            }
        }
        if random.chance(0.01) {
            let date = schoolDay(year, &random)
            try absence(
                key, schoolYear, date, hours: 5.5, authorised: false, reason: "luxe_verzuim",
                report: ("luxe", date.adding(days: 4)))
        }
    }

    func absence(
        _ key: String, _ schoolYear: String, _ date: CalendarDate, hours: Double, authorised: Bool, reason: String,
        report: (String, CalendarDate)? = nil
    ) throws {
        let w = verzuim
        w.text("\(key);\(schoolYear);")
        w.isoDate(date)
        w.byte(UInt8(ascii: ";"))
        w.decimal(hours, fractionDigits: 1)
        w.text(authorised ? ";geoorloofd;" : ";ongeoorloofd;")
        w.text(reason + ";")
        if let report {
            w.text(report.0 + ";")
            w.isoDate(report.1)
        } else {
            w.byte(UInt8(ascii: ";"))
        }
        try w.endLine()
    }

    private func writeTests(_ key: String, year: Int, group: Int, ability: Double, child: SynthPerson) throws {
        guard group >= 3 else { return }
        let levels = pupils.targetLevels(ability: ability, person: child)
        for (moment, offset) in [("M", 0.0), ("E", 4.0)] {
            for domain in ["rekenen", "begrijpend_lezen", "spelling"] {
                let score = 100 + 10 * Double(group) + offset + 8 * ability
                let level = ["V", "IV", "III", "II", "I"][max(0, min(4, Int((ability + 2.5) / 1.0)))]
                var reference = ""
                if group == 8 && moment == "E" {
                    switch domain {
                    case "rekenen": reference = levels.maths ? "1S" : (ability < -1.2 ? "<1F" : "1F")
                    case "begrijpend_lezen": reference = levels.reading ? "2F" : (ability < -1.5 ? "<1F" : "1F")
                    default: reference = levels.language ? "2F" : "1F"
                    }
                }
                toetsen.text("\(key);\(year)-\(year + 1);\(moment);LVS;\(domain);")
                toetsen.integer(Int(score.rounded()))
                toetsen.text(";\(level);\(reference)")
                try toetsen.endLine()
            }
        }
    }

    private func writeAdvice(_ key: String, year: Int, ability: Double, child: SynthPerson) throws {
        let advice = pupils.advice(ability: ability, person: child)
        advies.text("\(key);\(year)-\(year + 1);")
        advies.integer(advice.school, width: 2)
        advies.byte(UInt8(ascii: ";"))
        advies.integer(advice.school, width: 2)
        advies.text(";DT-ROUTE8;")
        advies.integer(advice.test, width: 2)
        advies.byte(UInt8(ascii: ";"))
        if let revised = advice.revised { advies.integer(revised, width: 2) }
        try advies.endLine()
    }

    private func writeSignal(_ key: String, person: Int, year: Int, random: inout SplitMix64) throws -> Signal {
        let date = schoolDay(year, &random)
        let kind = ["zorgmelding", "verwijzing", "overig"][random.pick(weights: [0.45, 0.40, 0.15])]
        let domain = ["gedrag", "sociaal_emotioneel", "leren", "thuissituatie", "gezondheid", "verzuim", "overig"][
            random.pick(weights: [0.25, 0.2, 0.2, 0.15, 0.08, 0.07, 0.05])]
        let by = ["leerkracht", "intern_begeleider", "ouder", "jgz", "wijkteam", "overig"][
            random.pick(weights: [0.35, 0.35, 0.1, 0.08, 0.07, 0.05])]
        let referred: Int? =
            kind == "verwijzing" || (kind == "zorgmelding" && random.chance(0.5))
            ? CareOrganisation.referralTargets[random.int(in: 0...(CareOrganisation.referralTargets.count - 1))]
            : nil
        let status =
            date < CalendarDate.known(options.lastYear, 9, 1)
            ? "afgesloten"
            : (random.chance(0.5) ? "open" : "in_behandeling")
        signalen.text("S\(brin.suffix(2))\(100_000 + nextSignal);\(key);")
        nextSignal += 1
        signalen.isoDate(date)
        signalen.text(";\(kind);\(domain);\(by);")
        if let referred { signalen.text(CareOrganisation.all[referred].id) }
        signalen.text(";" + status)
        try signalen.endLine()
        return Signal(person: person, date: date, referredTo: referred, asksForHelp: kind != "overig")
    }
}
