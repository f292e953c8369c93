/// Writes the 14 CBS-style tables for generated units, with CBS column names, `;`, missing
/// tokens, YYYYMMDD dates, mixed-case headers and CBS-like file names (cbs-tables.md).
final class CBSTableWriter {
    let options: SynthOptions
    private let geography: SyntheticGeography
    let pupils: PupilModel
    let dirt: DirtLedger
    private let person: ByteWriter
    private let parents: ByteWriter
    private let households: ByteWriter
    private let addresses: ByteWriter
    private let objects: ByteWriter
    private let postcodes: ByteWriter
    private let benefits: ByteWriter
    private let youthCare: ByteWriter
    private let protection: ByteWriter
    private let suspects: ByteWriter
    let education: ByteWriter
    var incomeLinks: [ByteWriter] = []
    var incomes: [ByteWriter] = []
    var enrolments: [ByteWriter] = []
    private let openEnd = CalendarDate.known(2050, 12, 31)
    private let farFutureEnd = CalendarDate.known(2099, 12, 31)

    init(folder: String, options: SynthOptions, geography: SyntheticGeography, pupils: PupilModel, dirt: DirtLedger)
        throws
    {
        self.options = options
        self.geography = geography
        self.pupils = pupils
        self.dirt = dirt
        let year = options.lastYear
        func open(_ name: String, _ header: String) throws -> ByteWriter {
            let writer = try ByteWriter(path: folder + "/" + name)
            writer.text(header)
            try writer.endLine()
            return writer
        }
        person = try open(
            "GBAPERSOON\(year)TABV1.csv",
            "RINPERSOONS;RINPERSOON;GBAGEBOORTELAND;GBAGESLACHT;GBAGEBOORTELANDMOEDER;GBAGEBOORTELANDVADER;"
                + "GBAAANTALOUDERSBUITENLAND;GBAHERKOMSTGROEPERING;GBAGENERATIE;GBAGEBOORTEJAAR;GBAGEBOORTEMAAND;"
                + "GBAGEBOORTEDAG;GBAGESLACHTMOEDER;GBAGESLACHTVADER;GBAGEBOORTEJAARMOEDER;GBAGEBOORTEMAANDMOEDER;"
                + "GBAGEBOORTEDAGMOEDER;GBAGEBOORTEJAARVADER;GBAGEBOORTEMAANDVADER;GBAGEBOORTEDAGVADER;"
                + "GBAIMPUTATIECODE;GBAHERKOMSTLAND;GBAGEBOORTELANDNL")
        parents = try open(
            "KINDOUDER\(year)TABV1.csv",
            "RINPERSOONS;RINPERSOON;RINPERSOONSpa;RINPERSOONpa;RINPERSOONSMa;RINPERSOONMa;XKOPPELNUMMER")
        households = try open(
            "GBAHUISHOUDENS\(year)BUSV1.csv",
            "RINPERSOONS;RINPERSOON;DATUMAANVANGHH;DATUMEINDEHH;HUISHOUDNR;TYPHH;PLHH;REFPERSOONHH;AANTALPERSHH;"
                + "AANTALKINDHH;AANTALOVHH;GEBJAARJONGSTEKINDHH;GEBMAANDJONGSTEKINDHH;GEBJAAROUDSTEKINDHH;"
                + "GEBMAANDOUDSTEKINDHH;IMPUTATIECODEHH")
        addresses = try open(
            "GBAADRESOBJECT\(year)BUSV1.csv",
            "RINPERSOONS;RINPERSOON;GBADATUMAANVANGADRESHOUDING;GBADATUMEINDEADRESHOUDING;SOORTOBJECTNUMMER;"
                + "RINOBJECTNUMMER")
        objects = try open(
            "VSLGWB\(year)TAB01V1.csv",
            "SOORTOBJECTNUMMER;RINOBJECTNUMMER;gem\(year - 1);wc\(year - 1);bc\(year - 1);gem\(year);wc\(year);"
                + "bc\(year)")
        postcodes = try open(
            "VSLPOSTCODEBUSV\(year)121.csv",
            "SOORTOBJECTNUMMER;RINOBJECTNUMMER;DATUMAANVPOSTCODENUMADRES;DATUMEINDPOSTCODENUMADRES;POSTCODENUM")
        benefits = try open(
            "BIJSTANDUITKERINGTAB\(year)V1.csv",
            "RINPERSOONS;RINPERSOON;BIJSTANDStatistiekcodeA;BIJSTANDAanvangUitkeringPersoon1A;"
                + "BIJSTANDEindeUitkeringPersoon1A;BIJSTANDIndicatieLopendA")
        youthCare = try open(
            "JGDHULP\(year)BUSV1.csv",
            "RINPERSOONS;RINPERSOON;JGDHHULPVORM;JGDHGELDIGHEIDBEGINDATUM;JGDHGELDIGHEIDEINDDATUM")
        protection = try open(
            "JGDBESCHERM\(year)BUSV1.csv",
            "RINPERSOONS;RINPERSOON;JGDBMAATREGEL;JGDBGELDIGHEIDBEGINDATUM;JGDBGELDIGHEIDEINDDATUM")
        suspects = try open("VERD\(year)TABV1.csv", "RINPERSOONS;RINPERSOON;VERDJAAR")
        education = try open(
            "HOOGSTEOPL\(year)TABV1.csv", "RINPERSOONS;RINPERSOON;OPLNIVSOI2016AGG4HB;GEWICHTHOOGSTEOPL")
        for year in options.years {
            // Older files carry upper-case key names, newer ones mixed case, as in RA.
            incomeLinks.append(
                try open(
                    "KOPPELPERSOONHUISHOUDEN\(year).csv",
                    year == options.lastYear
                        ? "RINPERSOONS;RINPERSOON;RINPERSOONSHKW;RINPERSOONHKW"
                        : "rinpersoons;rinpersoon;rinpersoonshkw;rinpersoonhkw"))
            incomes.append(
                try open(
                    "INHA\(year)TABV1.csv",
                    "RINPERSOONSHKW;RINPERSOONHKW;INHAHL;INHSAMHH;INHBBIHJ;INHBESTINKH;INHGESTINKH;INHP100HGEST;"
                        + "INHP100HGESTES;INHARMLAG;INHARMLAGL;INHARMSOC;INHARMSOCL;INHEHALGR"))
            enrolments.append(
                try open(
                    "INSCHRWPOTAB\(year)V1.csv",
                    "RINPERSOONS;RINPERSOON;WPOBRIN_crypt;WPOBRINVEST;WPOTYPEPO;WPODENOMINATIE;WPOLEERJAAR;"
                        + "WPOGROEPSGROOTTE;WPOVERBLIJFSJRINST;WPOCODEEINDTOETS;WPOUITSLAGEINDTOETS;WPOREKENEN;"
                        + "WPOTAALLV;WPOTAALTV;WPOTOETSADVIES;WPOADVIESVO;WPOADVIESHERZ"))
        }
    }

    var allWriters: [ByteWriter] {
        [
            person, parents, households, addresses, objects, postcodes, benefits, youthCare, protection, suspects,
            education,
        ]
            + incomeLinks + incomes + enrolments
    }

    func close() throws {
        for writer in allWriters { try writer.close() }
    }

    // MARK: - Fields

    @inline(__always) func sep(_ writer: ByteWriter) { writer.byte(UInt8(ascii: ";")) }

    func key(_ writer: ByteWriter, _ person: SynthPerson) {
        writer.byte(person.isLinkable ? UInt8(ascii: "R") : outsideBRPLetter(person))
        sep(writer)
        writer.integer(person.rin, width: 9)
    }

    /// `RINPERSOONS` of a person not found in the BRP: `S` (known from other registrations) or `O`, drawn
    /// from the person's own stream so every table that refers to them writes the same letter.
    func outsideBRPLetter(_ person: SynthPerson) -> UInt8 {
        var random = SplitMix64(seed: options.seed, stream: UInt64(person.id), substream: 31)
        return random.chance(options.dirt.rinpersoonsS) ? UInt8(ascii: "S") : UInt8(ascii: "O")
    }

    func date(_ writer: ByteWriter, _ value: CalendarDate?) {
        writer.compactDate(value ?? openEnd)
    }

    /// A spell's end: the date, or for an open spell `20501231`, an empty cell or `20991231` (P9).
    func end(_ writer: ByteWriter, _ value: CalendarDate?, variants: inout SplitMix64) {
        if let value {
            writer.compactDate(value)
        } else if dirt.inject(.openEndEmpty, rate: options.dirt.openEndEmpty, random: &variants) {
            return
        } else if dirt.inject(.openEndFarFuture, rate: options.dirt.openEndFarFuture, random: &variants) {
            writer.compactDate(farFutureEnd)
        } else {
            writer.compactDate(openEnd)
        }
    }

    // MARK: - Units

    /// Writes one unit's rows. `random` is the unit's stream shared with the school and care writers;
    /// `variants` is the unit's own stream for the legal variants, so turning them off changes nothing else.
    func write(_ unit: FamilyUnit, random: inout SplitMix64, variants: inout SplitMix64) throws {
        for index in unit.persons.indices {
            try writePerson(unit, index, random: &random)
        }
        for index in unit.persons.indices where unit.persons[index].isLinkable {
            let person = unit.persons[index]
            for spell in person.householdSpells {
                if let other = sameDayRival(spell, among: unit.households.indices, variants: &variants) {
                    try writeHouseholdSpell(
                        unit, person: index, spell: Spell(target: other, begin: spell.begin, end: spell.begin),
                        variants: &variants)
                }
                try writeHouseholdSpell(unit, person: index, spell: spell, variants: &variants)
            }
            for spell in person.addressSpells {
                if let other = sameDayRival(spell, among: unit.addresses.indices, variants: &variants) {
                    try writeAddressSpell(
                        person, Spell(target: other, begin: spell.begin, end: spell.begin), unit, variants: &variants)
                }
                try writeAddressSpell(person, spell, unit, variants: &variants)
            }
        }
        for address in unit.addresses {
            try writeObject(address)
        }
        try writeIncome(unit, random: &random)
        try writeSpells(unit.youthCare, unit, to: youthCare, variants: &variants)
        try writeSpells(unit.protection, unit, to: protection, variants: &variants)
        for spell in unit.benefits {
            key(benefits, unit.persons[spell.person])
            sep(benefits)
            benefits.integer(spell.code, width: 2)
            sep(benefits)
            date(benefits, spell.begin)
            sep(benefits)
            end(benefits, spell.end, variants: &variants)
            sep(benefits)
            benefits.byte(spell.end == nil ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            try benefits.endLine()
        }
        for suspect in unit.suspects {
            key(suspects, unit.persons[suspect.person])
            sep(suspects)
            suspects.integer(suspect.year)
            try suspects.endLine()
        }
        try writeEnrolment(unit)
        try writeEducation(unit)
    }

    private func writePerson(_ unit: FamilyUnit, _ index: Int, random: inout SplitMix64) throws {
        let p = unit.persons[index]
        let abroad = PersonCountry(person: p)
        let mother = p.mother.map { unit.persons[$0] }
        let father = p.father.map { unit.persons[$0] }
        let w = person
        if !p.isLinkable { dirt.count(.rinpersoonsS, injected: outsideBRPLetter(p) == UInt8(ascii: "S")) }
        key(w, p)
        sep(w)
        w.integer(abroad.birthCountry)
        sep(w)
        w.integer(p.sex)
        sep(w)
        w.integer(abroad.parentCountry)
        sep(w)
        w.integer(abroad.parentCountry)
        sep(w)
        w.integer(p.generation == 0 ? 0 : 2)
        sep(w)
        w.integer(abroad.parentCountry)
        sep(w)
        w.integer(p.generation)
        sep(w)
        w.integer(p.birth.year, width: 4)
        sep(w)
        let missing = dirt.inject(.cbsMissingToken, rate: options.dirt.cbsMissingToken, random: &random)
        if missing && random.chance(0.3) { w.text("--") } else { w.integer(p.birth.month, width: 2) }
        sep(w)
        if missing { w.text("--") } else { w.integer(p.birth.day, width: 2) }
        for parent in [mother, father] {
            sep(w)
            if let parent { w.integer(parent.sex) } else { w.byte(UInt8(ascii: "-")) }
        }
        for parent in [mother, father] {
            sep(w)
            if let parent {
                w.integer(parent.birth.year, width: 4)
                sep(w)
                w.integer(parent.birth.month, width: 2)
                sep(w)
                w.integer(parent.birth.day, width: 2)
            } else {
                w.text("----;--;--")
            }
        }
        w.text(";0;")
        w.integer(abroad.parentCountry)
        sep(w)
        w.byte(abroad.birthCountry == 6030 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        try w.endLine()

        if mother != nil || father != nil {
            let k = parents
            key(k, p)
            for parent in [father, mother] {
                sep(k)
                if let parent {
                    key(k, parent)
                } else {
                    sep(k)
                }
            }
            sep(k)
            try k.endLine()
        }
    }

    /// For a spell that lasts beyond its first day, another household or address of the unit for a one-day
    /// spell with the same begin (§4: equal begins, so the later end, the true spell, wins), drawn at the
    /// configured rate; nil when not drawn or the unit has no other target.
    private func sameDayRival(_ spell: Spell, among targets: Range<Int>, variants: inout SplitMix64) -> Int? {
        guard targets.count > 1, spell.end.map({ $0 > spell.begin }) ?? true else { return nil }
        guard dirt.inject(.sameDaySpell, rate: options.dirt.sameDaySpell, random: &variants) else { return nil }
        let other = variants.int(in: 0...(targets.count - 2))
        return other >= spell.target ? other + 1 : other
    }

    private func writeAddressSpell(
        _ person: SynthPerson, _ spell: Spell, _ unit: FamilyUnit, variants: inout SplitMix64
    ) throws {
        key(addresses, person)
        sep(addresses)
        date(addresses, spell.begin)
        sep(addresses)
        end(addresses, spell.end, variants: &variants)
        addresses.text(";VBO;")
        addresses.integer(unit.addresses[spell.target].objectCode, width: 16)
        try addresses.endLine()
    }

    private func writeHouseholdSpell(
        _ unit: FamilyUnit, person index: Int, spell: Spell, variants: inout SplitMix64
    ) throws {
        let household = unit.households[spell.target]
        let p = unit.persons[index]
        let w = households
        let children = household.members.filter { unit.persons[$0].isChild }.map { unit.persons[$0].birth }
        key(w, p)
        sep(w)
        date(w, spell.begin)
        sep(w)
        end(w, spell.end, variants: &variants)
        sep(w)
        w.integer(household.code, width: 12)
        sep(w)
        w.integer(household.type)
        sep(w)
        // PLHH: 1 = child living at home (CBS); 7 = single parent is a synthetic placeholder.
        w.integer(p.isChild ? 1 : (household.type == 6 ? 7 : (household.type == 1 ? 3 : 5)))
        sep(w)
        w.byte(household.earner == index ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        sep(w)
        w.integer(household.members.count)
        sep(w)
        w.integer(children.count)
        sep(w)
        w.integer(0)
        sep(w)
        if let youngest = children.max(), let eldest = children.min() {
            w.integer(youngest.year, width: 4)
            sep(w)
            w.integer(youngest.month, width: 2)
            sep(w)
            w.integer(eldest.year, width: 4)
            sep(w)
            w.integer(eldest.month, width: 2)
        } else {
            w.text("----;--;----;--")
        }
        w.text(";0")
        try w.endLine()
    }

    private func writeObject(_ address: SynthAddress) throws {
        let buurt = geography.buurten[address.buurt]
        objects.text("VBO;")
        objects.integer(address.objectCode, width: 16)
        for _ in 0..<2 {
            sep(objects)
            objects.text(buurt.gemeenteCode)
            sep(objects)
            objects.text(buurt.wijkCode)
            sep(objects)
            objects.text(buurt.code)
        }
        try objects.endLine()
        postcodes.text("VBO;")
        postcodes.integer(address.objectCode, width: 16)
        postcodes.text(";20000101;20501231;")
        postcodes.integer(buurt.pc4, width: 4)
        try postcodes.endLine()
    }

    private func writeSpells(
        _ spells: [CodedSpell], _ unit: FamilyUnit, to w: ByteWriter, variants: inout SplitMix64
    ) throws {
        for spell in spells {
            key(w, unit.persons[spell.person])
            sep(w)
            w.integer(spell.code, width: 2)
            sep(w)
            date(w, spell.begin)
            sep(w)
            end(w, spell.end, variants: &variants)
            try w.endLine()
        }
    }
}

/// Birth country codes of a person and their parents, from the migration generation.
struct PersonCountry {
    var birthCountry: Int
    var parentCountry: Int

    init(person: SynthPerson) {
        let abroad = [5022, 6043, 5049, 7011, 5017, 6002, 8043][person.id % 7]
        switch person.generation {
        case 0: (birthCountry, parentCountry) = (6030, 6030)
        case 1: (birthCountry, parentCountry) = (abroad, abroad)
        default: (birthCountry, parentCountry) = (6030, abroad)
        }
    }
}
