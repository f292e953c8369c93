/// The school exports, care register, organisations, geography lookup and BSN→RIN crosswalk
/// as declared schemas (local-files.md).
enum LocalTableSchemas {
    static let missing: Set<String> = [""]

    static func text(_ name: String, identifier: Bool = false, label: Bool = true) -> FieldSchema {
        FieldSchema(name, .text, requiredLabel: label, isIdentifier: identifier)
    }

    static func code(_ name: String, _ codes: Set<String>? = nil, required: Bool = false, label: Bool = true)
        -> FieldSchema
    {
        FieldSchema(name, .code, required: required, requiredLabel: label, codes: codes)
    }

    static func date(_ name: String, required: Bool = false, identifier: Bool = false) -> FieldSchema {
        FieldSchema(name, .date(.iso), required: required, isIdentifier: identifier)
    }

    static let schoolYear = FieldSchema("schooljaar", required: true, length: 9...9)
    static let pupilKey = FieldSchema("leerling_key", required: true, isIdentifier: true)
    static let pupilReference = TableSchema.ForeignKey(
        fields: ["leerling_key"], table: "school_leerlingen", referenceFields: ["leerling_key"], sameFolder: true)
    static let organisationTypes: Set<String> = [
        "SCHOOL_ZORG", "WIJKTEAM", "JGZ", "JEUGDHULP_AMBULANT", "JEUGDHULP_VERBLIJF", "GGZ", "WMO", "KINDEROPVANG",
        "GI_JEUGDBESCHERMING", "JEUGDRECLASSERING", "VEILIG_THUIS", "POLITIE", "LEERPLICHT", "SCHULDHULP",
        "HUISARTS", "MAATSCHAPPELIJK_WERK", "OVERIG",
    ]
    static let bsn = FieldSchema(
        "bsn", length: 9...9, digitsOnly: true, numberCheck: (.bsn, .warnAndBlank), isIdentifier: true)

    static let all: [TableSchema] = [
        TableSchema(
            name: "geo_lookup", fileNamePattern: "geo_lookup",
            fields: [
                FieldSchema("gwb_code_10", required: true, length: 6...10), code("gwb_code_8", required: true),
                text("naam"), code("gm_code", required: true), code("wk_code"),
                code("level", ["gemeente", "wijk", "buurt"], required: true), code("is_synthetic", ["0", "1"]),
            ],
            primaryKey: ["gwb_code_10"], missingValues: missing, policy: .failFile, isReference: true),
        TableSchema(
            name: "organisations", fileNamePattern: "organisations",
            fields: [
                code("organisation_id", required: true), text("organisation_name"),
                code("organisation_type", organisationTypes, required: true),
                FieldSchema("agb_code", length: 8...8, digitsOnly: true),
                FieldSchema("kvk_nummer", length: 8...8, digitsOnly: true),
                code("is_synthetic", ["0", "1"], label: false),
            ],
            primaryKey: ["organisation_id"], missingValues: missing, policy: .failFile, isReference: true),
        TableSchema(
            name: "school_leerlingen", fileNamePattern: "school_leerlingen",
            fields: [
                pupilKey, bsn,
                FieldSchema(
                    "onderwijsnummer", length: 9...9, digitsOnly: true, numberCheck: (.onderwijsnummer, .warnAndBlank),
                    isIdentifier: true),
                text("achternaam", identifier: true), text("voorvoegsel", identifier: true),
                text("voornamen", identifier: true), text("roepnaam", identifier: true),
                date("geboortedatum", required: true, identifier: true), code("geslacht", ["0", "1", "2", "9"]),
                text("postcode", identifier: true),
                FieldSchema("huisnummer", .integer, range: 0...99999, isIdentifier: true),
                text("huisnummer_toevoeging", identifier: true, label: false),
                FieldSchema("brin", required: true, isIdentifier: true), code("vestiging", label: false), schoolYear,
                text("groep_key", identifier: true, label: false), text("groep_naam", identifier: true, label: false),
                code(
                    "jaargroep",
                    ["0", "1", "2", "3", "4", "5", "6", "7", "8", "11", "12", "13", "14", "15", "16", "S", "P"],
                    required: true),
                date("instroomdatum"), date("uitstroomdatum"),
                code("leerlinggewicht", ["0.00", "0.30", "1.20"], label: false),
                code(
                    "ondersteuningsprofiel", ["basis", "plus", "bespreek", "disharmonisch", "ondersteuning"],
                    label: false),
                text("arrangement", label: false), code("opp", ["J", "N"], label: false),
                code("tlv_categorie", ["H", "M", "L", "Nvt"], label: false),
                code("vve_deelname", ["J", "N"], label: false),
            ],
            primaryKey: ["leerling_key", "schooljaar"], missingValues: missing, isReference: true),
        TableSchema(
            name: "school_verzuim", fileNamePattern: "school_verzuim",
            fields: [
                pupilKey, schoolYear, date("datum", required: true),
                FieldSchema("lesuren_afwezig", .decimal, required: true, range: 0...24),
                code("soort", ["geoorloofd", "ongeoorloofd"], required: true),
                code("reden", ["ziek", "medisch", "te_laat", "luxe_verzuim", "geschorst", "verlof_art11", "overig"]),
                code("duo_melding_type", ["16u_4wk", "LRV", "luxe", "overig"]), date("duo_meldingsdatum"),
            ],
            foreignKeys: [pupilReference], missingValues: missing),
        TableSchema(
            name: "school_lesrooster", fileNamePattern: "school_lesrooster",
            fields: [
                FieldSchema("brin", required: true, isIdentifier: true), code("vestiging"), schoolYear,
                code("jaargroep", required: true),
                FieldSchema("geplande_lesuren", .decimal, required: true, range: 0...2000),
            ],
            primaryKey: ["brin", "vestiging", "schooljaar", "jaargroep"], missingValues: missing),
        TableSchema(
            name: "school_toetsen", fileNamePattern: "school_toetsen",
            fields: [
                pupilKey, schoolYear, code("toetsmoment", ["M", "E"], required: true), text("toets"), text("domein"),
                FieldSchema("vaardigheidsscore", .integer),
                code("niveau", ["I", "II", "III", "IV", "V", "A", "B", "C", "D", "E"]),
                code("referentieniveau", ["<1F", "1F", "1S", "2F"]),
            ],
            foreignKeys: [pupilReference], missingValues: missing),
        TableSchema(
            name: "school_advies", fileNamePattern: "school_advies",
            fields: [
                pupilKey, schoolYear,
                FieldSchema("voorlopig_advies", codes: CBSTableSchemas.adviceCodes, unknownCode: .warn),
                FieldSchema("definitief_advies", codes: CBSTableSchemas.adviceCodes, unknownCode: .warn),
                text("doorstroomtoets_code"),
                FieldSchema("doorstroomtoets_advies", codes: CBSTableSchemas.adviceCodes, unknownCode: .warn),
                FieldSchema("herzien_advies", codes: CBSTableSchemas.adviceCodes, unknownCode: .warn),
            ],
            primaryKey: ["leerling_key", "schooljaar"], foreignKeys: [pupilReference], missingValues: missing),
        TableSchema(
            name: "school_zorgsignalen", fileNamePattern: "school_zorgsignalen",
            fields: [
                FieldSchema("signaal_id", required: true, isIdentifier: true), pupilKey, date("datum", required: true),
                code("signaal_type", ["zorgmelding", "verwijzing", "overig"], required: true),
                code(
                    "domein",
                    ["gedrag", "sociaal_emotioneel", "leren", "thuissituatie", "gezondheid", "verzuim", "overig"]),
                code("ingebracht_door", ["leerkracht", "intern_begeleider", "ouder", "jgz", "wijkteam", "overig"]),
                code("verwezen_naar_organisatie_id"), code("status", ["open", "in_behandeling", "afgesloten"]),
            ],
            primaryKey: ["signaal_id"],
            foreignKeys: [
                pupilReference,
                .init(
                    fields: ["verwezen_naar_organisatie_id"], table: "organisations",
                    referenceFields: ["organisation_id"], sameFolder: false),
            ],
            missingValues: missing),
        TableSchema(
            name: "care_episodes", fileNamePattern: "care_episodes",
            fields: [
                FieldSchema("episode_id", required: true, isIdentifier: true),
                FieldSchema("pseudo_id", requiredLabel: false, isIdentifier: true),
                FieldSchema("household_pseudo_id", requiredLabel: false, isIdentifier: true),
                FieldSchema(
                    "bsn", requiredLabel: false, length: 9...9, digitsOnly: true,
                    numberCheck: (.bsn, .warnAndBlank), isIdentifier: true),
                text("achternaam", identifier: true, label: false), text("voorvoegsel", identifier: true, label: false),
                text("voornamen", identifier: true, label: false),
                FieldSchema("geboortedatum", .date(.iso), requiredLabel: false, isIdentifier: true),
                code("geslacht", ["0", "1", "2", "9"], label: false), text("postcode", identifier: true, label: false),
                FieldSchema("huisnummer", .integer, requiredLabel: false, range: 0...99999, isIdentifier: true),
                FieldSchema("household_key", requiredLabel: false, isIdentifier: true),
                code("organisation_id", required: true), code("organisation_type", organisationTypes, required: true),
                code("service_code"), text("service_label"), date("start_date", required: true), date("end_date"),
                code("referral_source", organisationTypes), code("is_statutory", ["0", "1"]),
            ],
            primaryKey: ["episode_id"],
            foreignKeys: [
                .init(
                    fields: ["organisation_id"], table: "organisations", referenceFields: ["organisation_id"],
                    sameFolder: false)
            ],
            missingValues: missing),
        // The school holidays that IND19's derived rule skips (local-files.md, "16 hours unauthorised within 4
        // consecutive school weeks (holidays do not count)"); ours: one row per holiday, first and last day.
        TableSchema(
            name: "schoolvakanties", fileNamePattern: "schoolvakanties",
            fields: [
                code("regio", ["noord", "midden", "zuid"], required: true), schoolYear,
                text("vakantie"), date("eerste_dag", required: true), date("laatste_dag", required: true),
            ],
            primaryKey: ["regio", "eerste_dag"], missingValues: missing),
        TableSchema(
            name: "bsn_rin_crosswalk", fileNamePattern: "bsn_rin_crosswalk",
            fields: [
                FieldSchema(
                    "bsn", required: true, length: 9...9, digitsOnly: true, numberCheck: (.bsn, .reject),
                    isIdentifier: true)
            ] + CBSTableSchemas.person(),
            primaryKey: ["bsn"], foreignKeys: [CBSTableSchemas.personReference("RINPERSOON")], missingValues: missing),
    ]
}
