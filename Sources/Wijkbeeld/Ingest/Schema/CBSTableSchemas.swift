/// The 14 CBS Remote Access tables as declared schemas (cbs-tables.md §3; HOOGSTEOPLTAB is ours, see below).
///
/// Which rule of cbs-tables.md each part implements (docs/inputs.md says it for users): header names match
/// case-insensitively (P2, `TableValidator.bind`); codes are trimmed (P7, `FieldParsing.trimmed`); dates are
/// real `YYYYMMDD` dates (P8, `.date(.compact)`); an empty spell end or one in 2050 or later is open (P9,
/// `required: false` on every end date, `FieldParsing.spellEnd`); only `RINPERSOONS = R` is linkable (P10,
/// the transform stage); several spells on a date resolve by latest begin, end, smallest key (§4, the keys
/// below include the object or household, `PopulationLoader.ChosenSpell`).
enum CBSTableSchemas {
    /// P6: the CBS missing tokens.
    static let missing: Set<String> = ["", "-", "--", "----"]

    static func person(_ suffix: String = "", required: Bool = true) -> [FieldSchema] {
        [
            FieldSchema("RINPERSOONS" + suffix, required: required, length: 1...1),
            FieldSchema(
                "RINPERSOON" + suffix, required: required, length: 9...9, digitsOnly: true, isIdentifier: true),
        ]
    }

    static let object: [FieldSchema] = [
        FieldSchema("SOORTOBJECTNUMMER", required: true, length: 1...4),
        FieldSchema("RINOBJECTNUMMER", required: true, length: 1...20, digitsOnly: true, isIdentifier: true),
    ]

    static func date(_ name: String, required: Bool = true) -> FieldSchema {
        FieldSchema(name, .date(.compact), required: required)
    }

    static func integer(
        _ name: String, _ range: ClosedRange<Double>? = nil, label: Bool = true, sentinels: Set<String> = []
    )
        -> FieldSchema
    {
        FieldSchema(name, .integer, requiredLabel: label, range: range, sentinels: sentinels)
    }

    static func code(
        _ name: String, _ codes: Set<String>? = nil, label: Bool = true, unknown: FieldSchema.Severity = .reject
    )
        -> FieldSchema
    {
        FieldSchema(name, .code, requiredLabel: label, codes: codes, unknownCode: unknown)
    }

    /// A reference from a person column to GBAPERSOONTAB.
    static func personReference(_ field: String, unmatched: FieldSchema.Severity = .reject) -> TableSchema.ForeignKey {
        TableSchema.ForeignKey(
            fields: [field], table: "GBAPERSOONTAB", referenceFields: ["RINPERSOON"], sameFolder: false,
            unmatched: unmatched)
    }

    static let adviceCodes: Set<String> = [
        "01", "10", "20", "21", "22", "23", "30", "31", "32", "33", "34", "35", "40", "41", "42", "43", "44", "50",
        "51",
        "52", "60", "61", "70", "80",
    ]

    static let all: [TableSchema] = [
        TableSchema(
            name: "GBAPERSOONTAB", fileNamePattern: #"GBAPERSOON(\d{4})TABV(\d+)"#,
            fields: person() + [
                code("GBAGEBOORTELAND", label: false), code("GBAGESLACHT", ["1", "2"]),
                code("GBAGEBOORTELANDMOEDER", label: false), code("GBAGEBOORTELANDVADER", label: false),
                code("GBAAANTALOUDERSBUITENLAND", ["0", "1", "2"], label: false),
                code("GBAHERKOMSTGROEPERING", label: false), code("GBAGENERATIE", ["0", "1", "2"]),
                integer("GBAGEBOORTEJAAR", 1850...2100), integer("GBAGEBOORTEMAAND", 1...12),
                integer("GBAGEBOORTEDAG", 1...31),
                code("GBAGESLACHTMOEDER", ["1", "2"], label: false),
                code("GBAGESLACHTVADER", ["1", "2"], label: false),
                integer("GBAGEBOORTEJAARMOEDER", 1800...2100, label: false),
                integer("GBAGEBOORTEMAANDMOEDER", 1...12, label: false),
                integer("GBAGEBOORTEDAGMOEDER", 1...31, label: false),
                integer("GBAGEBOORTEJAARVADER", 1800...2100, label: false),
                integer("GBAGEBOORTEMAANDVADER", 1...12, label: false),
                integer("GBAGEBOORTEDAGVADER", 1...31, label: false),
                code("GBAIMPUTATIECODE", label: false), code("GBAHERKOMSTLAND", label: false),
                code("GBAGEBOORTELANDNL", ["0", "1"], label: false),
            ],
            primaryKey: ["RINPERSOONS", "RINPERSOON"], missingValues: missing, isReference: true),
        TableSchema(
            name: "KINDOUDERTAB", fileNamePattern: #"KINDOUDER(\d{4})TABV(\d+)"#,
            fields: person() + person("pa", required: false) + person("Ma", required: false)
                + [FieldSchema("XKOPPELNUMMER", .text, requiredLabel: false, isIdentifier: true)],
            primaryKey: ["RINPERSOONS", "RINPERSOON"],
            // A legal parent missing from GBAPERSOONTAB leaves the child's row and its other parent standing.
            foreignKeys: [personReference("RINPERSOON")]
                + ["RINPERSOONpa", "RINPERSOONMa"].map { personReference($0, unmatched: .warnAndBlank) },
            missingValues: missing),
        TableSchema(
            name: "GBAHUISHOUDENSBUS", fileNamePattern: #"GBAHUISHOUDENS(\d{4})BUSV(\d+)"#,
            fields: person() + [
                date("DATUMAANVANGHH"), date("DATUMEINDEHH", required: false),
                FieldSchema("HUISHOUDNR", length: 1...12, isIdentifier: true),
                code("TYPHH", ["1", "2", "3", "4", "5", "6", "7", "8"]), code("PLHH", label: false),
                code("REFPERSOONHH", ["0", "1"], label: false), integer("AANTALPERSHH", 1...9999),
                integer("AANTALKINDHH", 0...99, label: false), integer("AANTALOVHH", 0...99, label: false),
                integer("GEBJAARJONGSTEKINDHH", 1850...2100, label: false),
                integer("GEBMAANDJONGSTEKINDHH", 1...12, label: false),
                integer("GEBJAAROUDSTEKINDHH", 1850...2100, label: false),
                integer("GEBMAANDOUDSTEKINDHH", 1...12, label: false), code("IMPUTATIECODEHH", label: false),
            ],
            primaryKey: ["RINPERSOONS", "RINPERSOON", "DATUMAANVANGHH", "HUISHOUDNR"],
            foreignKeys: [personReference("RINPERSOON")],
            missingValues: missing),
        TableSchema(
            name: "GBAADRESOBJECTBUS", fileNamePattern: #"GBAADRESOBJECT(\d{4})BUSV(\d+)"#,
            fields: person() + [
                date("GBADATUMAANVANGADRESHOUDING"), date("GBADATUMEINDEADRESHOUDING", required: false),
            ] + object,
            primaryKey: [
                "RINPERSOONS", "RINPERSOON", "GBADATUMAANVANGADRESHOUDING", "SOORTOBJECTNUMMER", "RINOBJECTNUMMER",
            ],
            foreignKeys: [
                personReference("RINPERSOON"),
                .init(
                    fields: ["RINOBJECTNUMMER"], table: "VSLGWBTAB", referenceFields: ["RINOBJECTNUMMER"],
                    sameFolder: false),
            ],
            missingValues: missing),
        TableSchema(
            name: "VSLGWBTAB", fileNamePattern: #"N?VSLGWB(\d{4})TAB(\d{2})V(\d+)"#,
            fields: object + [
                FieldSchema("gem*", length: 4...4), FieldSchema("wc*", length: 6...6),
                FieldSchema("bc*", length: 8...8),
            ],
            primaryKey: ["SOORTOBJECTNUMMER", "RINOBJECTNUMMER"], missingValues: missing, isReference: true),
        TableSchema(
            name: "VSLPOSTCODEBUS", fileNamePattern: #"VSLPOSTCODEBUSV(\d{4})\d*"#,
            fields: object + [
                date("DATUMAANVPOSTCODENUMADRES"), date("DATUMEINDPOSTCODENUMADRES", required: false),
                integer("POSTCODENUM", 1000...9999),
            ],
            primaryKey: ["SOORTOBJECTNUMMER", "RINOBJECTNUMMER", "DATUMAANVPOSTCODENUMADRES"], missingValues: missing),
        TableSchema(
            name: "KOPPELPERSOONHUISHOUDEN", fileNamePattern: #"KOPPELPERSOONHUISHOUDEN(\d{4})"#,
            fields: person() + person("HKW"), primaryKey: ["RINPERSOONS", "RINPERSOON"], missingValues: missing),
        TableSchema(
            name: "INHATAB", fileNamePattern: #"INHA(\d{4})TABV(\d+)"#,
            fields: person("HKW") + [
                integer("INHAHL", 1...999), integer("INHSAMHH", sentinels: ["88"]),
                code(
                    "INHBBIHJ", ["11", "12", "13", "14", "21", "22", "23", "24", "25", "26", "30", "99"], unknown: .warn
                ),
                integer("INHBESTINKH", label: false), integer("INHGESTINKH", label: false),
                integer("INHP100HGEST", -9...100), integer("INHP100HGESTES", -9...100),
                integer("INHARMLAG"), integer("INHARMLAGL"), integer("INHARMSOC"), integer("INHARMSOCL"),
                code("INHEHALGR", ["1", "2", "3", "9"], label: false),
            ],
            primaryKey: ["RINPERSOONSHKW", "RINPERSOONHKW"], missingValues: missing),
        TableSchema(
            name: "BIJSTANDUITKERINGTAB", fileNamePattern: #"BIJSTANDUITKERINGTAB(\d{4})V(\d+)"#,
            fields: person() + [
                code(
                    "BIJSTANDStatistiekcodeA", ["01", "02", "03", "13", "14", "15", "16", "18", "19", "20"],
                    unknown: .warn),
                date("BIJSTANDAanvangUitkeringPersoon1A"), date("BIJSTANDEindeUitkeringPersoon1A", required: false),
                code("BIJSTANDIndicatieLopendA", label: false),
            ],
            primaryKey: ["RINPERSOONS", "RINPERSOON", "BIJSTANDStatistiekcodeA", "BIJSTANDAanvangUitkeringPersoon1A"],
            missingValues: missing),
        TableSchema(
            name: "JGDHULPBUS", fileNamePattern: #"JGDHULP(\d{4})BUSV(\d+)"#,
            fields: person() + [
                FieldSchema("JGDHHULPVORM", required: true, length: 1...2, digitsOnly: true),
                date("JGDHGELDIGHEIDBEGINDATUM"), date("JGDHGELDIGHEIDEINDDATUM", required: false),
            ],
            primaryKey: ["RINPERSOONS", "RINPERSOON", "JGDHHULPVORM", "JGDHGELDIGHEIDBEGINDATUM"],
            missingValues: missing),
        TableSchema(
            name: "JGDBESCHERMBUS", fileNamePattern: #"JGDBESCHERM(\d{4})BUSV(\d+)"#,
            fields: person() + [
                code("JGDBMAATREGEL", ["11", "12", "21", "22", "23"], unknown: .warn),
                date("JGDBGELDIGHEIDBEGINDATUM"), date("JGDBGELDIGHEIDEINDDATUM", required: false),
            ],
            primaryKey: ["RINPERSOONS", "RINPERSOON", "JGDBMAATREGEL", "JGDBGELDIGHEIDBEGINDATUM"],
            missingValues: missing),
        TableSchema(
            name: "VERDTAB", fileNamePattern: #"VERD(\d{4})TABV(\d+)"#,
            fields: person() + [integer("VERDJAAR", 1990...2100, label: false)],
            primaryKey: ["RINPERSOONS", "RINPERSOON", "VERDJAAR"], missingValues: missing),
        // HOOGSTEOPLTAB is not in cbs-tables.md; its layout follows the CBS documentation of the
        // highest completed education level (SOI 2016, aggregated to 4 digits; first digit 1 low, 2 middle, 3 high).
        TableSchema(
            name: "HOOGSTEOPLTAB", fileNamePattern: #"HOOGSTEOPL(\d{4})TABV(\d+)"#,
            fields: person() + [
                FieldSchema("OPLNIVSOI2016AGG4HB", .code, required: true, length: 4...4, digitsOnly: true),
                FieldSchema("GEWICHTHOOGSTEOPL", .decimal, requiredLabel: false),
            ],
            primaryKey: ["RINPERSOONS", "RINPERSOON"], missingValues: missing),
        TableSchema(
            name: "INSCHRWPOTAB", fileNamePattern: #"INSCHRWPOTAB(\d{4})V(\d+)"#,
            fields: person() + [
                FieldSchema("WPOBRIN_crypt", required: true, isIdentifier: true), code("WPOBRINVEST", label: false),
                code("WPOTYPEPO", ["BO", "SBO"], label: false, unknown: .warn), code("WPODENOMINATIE", label: false),
                integer("WPOLEERJAAR", 1...8), integer("WPOGROEPSGROOTTE", 0...99, label: false),
                integer("WPOVERBLIJFSJRINST", 0...20, label: false), code("WPOCODEEINDTOETS", label: false),
                integer("WPOUITSLAGEINDTOETS", label: false), code("WPOREKENEN", label: false),
                code("WPOTAALLV", label: false), code("WPOTAALTV", label: false),
                code("WPOTOETSADVIES", adviceCodes, unknown: .warn), code("WPOADVIESVO", adviceCodes, unknown: .warn),
                code("WPOADVIESHERZ", adviceCodes, unknown: .warn),
            ],
            primaryKey: ["RINPERSOONS", "RINPERSOON"], missingValues: missing),
    ]
}
