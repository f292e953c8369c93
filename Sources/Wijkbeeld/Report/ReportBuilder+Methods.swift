import Crypto
import Foundation

/// The methods section (Verantwoording) and the provenance block.
extension ReportBuilder {

    func methods() -> [ReportDocument.Fact] {
        let options = tables.options
        var facts: [ReportDocument.Fact] = [
            .init(
                name: t("Bronnen", "Sources"),
                value: t(
                    "CBS-microdata (personen, huishoudens, adressen, inkomen, bijstand, jeugdhulp, jeugdbescherming, "
                        + "verdachten, opleiding), de exports van de scholen en het zorgregister van de partners.",
                    "CBS microdata (persons, households, addresses, income, social assistance, youth care, youth "
                        + "protection, suspects, education), the schools' exports and the partners' care register.")),
            .init(
                name: t("Populatie", "Population"),
                value: t(
                    "C(t): alle kinderen met een adres in het gebied die op de peildatum 4 tot en met 12 jaar oud "
                        + "zijn. S(y): leerlingen die op 1 oktober van het schooljaar ingeschreven stonden.",
                    "C(t): every child with an address in the area aged 4 to 12 on the reference date. S(y): pupils "
                        + "enrolled on 1 October of the school year.")),
            .init(
                name: t("Periode en peildatum", "Period and reference date"),
                value: t(
                    "Periode \(options.period); peildatum \(DutchFormat.date(options.referenceDate)). Zorg en "
                        + "uitkeringen tellen als ze tussen 1 januari en de peildatum liepen.",
                    "Period \(options.period); reference date \(options.referenceDate). Care and benefits count when "
                        + "they ran between 1 January and the reference date.")),
            .init(
                name: t("Geografie", "Geography"),
                value: t(
                    "Buurten en wijken volgens de CBS-indeling van \(options.vintage), voor elke periode dezelfde.",
                    "Buurten and wijken in the CBS classification of \(options.vintage), the same for every period.")),
            .init(
                name: t("Vergelijkingscijfers", "Comparison figures"),
                value: t(
                    "Rest van Tilburg, Tilburg en Nederland zijn met dezelfde definities uit dezelfde bestanden "
                        + "berekend. Staat een gebied niet in de gegevens, dan staat er \"geen cijfer\".",
                    "Rest of Tilburg, Tilburg and the Netherlands are computed with the same definitions from the "
                        + "same files. An area that is not in the data says \"no figure\".")),
            .init(
                name: t("Koppeling", "Linkage"),
                value: t(
                    "School- en zorgrecords zijn eerst via het BSN en de CBS-koppeltabel aan personen gekoppeld. "
                        + "Leerlingen en zorgtrajecten zijn daarna op naam, geboortedatum, geslacht en adres aan "
                        + "elkaar gekoppeld (Fellegi–Sunter, minstens 95% kans): een record zonder persoon krijgt de "
                        + "persoon van zijn tegenhanger in de andere bron. De rest is probabilistisch aan CBS-personen "
                        + "gekoppeld (op geboortedatum, geslacht, postcode en huishouden, getraind op de "
                        + "BSN-koppelingen; alleen bij een kans van minstens 95% en zonder even goede tweede "
                        + "kandidaat, zoals een tweeling). Namen en adressen worden alleen in het geheugen vergeleken.",
                    "School and care records were first linked to persons by BSN and the CBS crosswalk. Pupils and "
                        + "care episodes were then linked to each other on name, birth date, sex and address "
                        + "(Fellegi–Sunter, probability at least 95%): a record without a person takes the person of "
                        + "its counterpart in the other source. The rest were linked probabilistically to CBS persons "
                        + "(on birth date, sex, postcode and household, trained on the BSN links; only at a "
                        + "probability of at least 95% and without an equally good second candidate, such as a twin). "
                        + "Names and addresses are compared in memory only.")),
            .init(
                name: t("Reeksbreuken", "Series breaks"),
                value: t(
                    "Geen: alle perioden gebruiken definitieversie 1.", "None: every period uses definition version 1.")
            ),
            .init(
                name: t("Privacy", "Privacy"),
                value: t(
                    "Geen naam, adres, BSN of geboortedatum komt in dit rapport. Elk getal is gecontroleerd: "
                        + "minstens 10 personen en 10 huishoudens, geen dominante uitschieters, en waar een cel is "
                        + "afgeschermd ook zoveel andere cellen dat hij niet terug te rekenen is. Aantallen zijn "
                        + "afgerond op 5, noemers op 10; een percentage is berekend uit die afgeronde getallen, "
                        + "zodat het er altijd bij past en de afronding niet verraadt. De controle kijkt naar alle "
                        + "tabellen tegelijk, ook naar wat de definities verbinden (zoals: gezinnen in twee domeinen "
                        + "zijn er nooit meer dan in één). Een afgeschermd totaal dat de rest al onder de 20 houdt, "
                        + "zoals dat van twee cellen <10, staat er als <20: als '.' zou het verraden dat elk deel "
                        + "minstens 1 is.",
                    "No name, address, BSN or birth date reaches this report. Every number is checked: at least 10 "
                        + "persons and 10 households, no dominant outliers, and where a cell is withheld, enough "
                        + "other cells too that it cannot be worked out. Counts are rounded to 5, bases to 10; a "
                        + "percentage is computed from those rounded numbers, so it always agrees with them and "
                        + "does not give the rounding away. The check looks at all tables at once, including what "
                        + "the definitions connect (such as: families in two domains never outnumber those in one). "
                        + "A withheld total that the rest already keeps below 20, such as that of two cells <10, is "
                        + "shown as <20: as '.' it would give away that each part is at least 1.")),
        ]
        if tables.isSampleKey {
            facts.append(
                .init(
                    name: t("Synthetische gegevens", "Synthetic data"),
                    value: t(
                        "De gegevens zijn gemaakt door wijkbeeld synth; de gebieden en scholen bestaan niet echt zo.",
                        "The data was made by wijkbeeld synth; the areas and schools do not really exist like this.")))
        }
        return facts
    }

    static let descriptions: [String: (String, String)] = [
        "IND01": (
            "kinderen in een eenouderhuishouden / kinderen met een huishouden",
            "children in a single-parent household / children with a household"
        ),
        "IND02": (
            "kinderen in een huishouden onder de lage-inkomensgrens / kinderen met bekend inkomen",
            "children below the low-income line / children with known income"
        ),
        "IND03": ("idem, vier jaar of langer", "the same, for four years or longer"),
        "IND04": (
            "kinderen onder 120% van het sociaal minimum / kinderen met bekend inkomen",
            "children below 120% of the social minimum / children with known income"
        ),
        "IND05": (
            "kinderen met een ouder in huis die bijstand krijgt / alle kinderen",
            "children with a parent at home on social assistance / all children"
        ),
        "IND06": (
            "kinderen in de 10% huishoudens met de laagste inkomens / kinderen met bekend inkomen",
            "children in the bottom 10% of household incomes / children with known income"
        ),
        "IND07": (
            "kinderen in een huishouden met een uitkering als hoofdinkomen / kinderen met bekende bron",
            "children in a household living mainly on benefits / children with a known source"
        ),
        "IND08": (
            "kinderen van wie de ouders in huis hooguit laag opgeleid zijn / kinderen met bekend opleidingsniveau van een ouder",
            "children whose parents at home have at most a low education / children with a parent's level known"
        ),
        "IND09": (
            "kinderen die in 3 jaar 2 keer of vaker verhuisden / alle kinderen",
            "children who moved twice or more in 3 years / all children"
        ),
        "IND10": ("kinderen met jeugdhulp / alle kinderen", "children receiving youth care / all children"),
        "IND11": (
            "kinderen met jeugdhulp met verblijf / alle kinderen", "children in residential youth care / all children"
        ),
        "IND12": (
            "kinderen met een jeugdbeschermingsmaatregel / alle kinderen",
            "children under a protection measure / all children"
        ),
        "IND13": (
            "kinderen met een maatregel tijdens jeugdhulp met verblijf / alle kinderen",
            "children with a measure during residential care / all children"
        ),
        "IND14": (
            "kinderen met een broer of zus met jeugdzorg in de twee jaren ervoor / alle kinderen",
            "children with a sibling in youth care in the two previous years / all children"
        ),
        "IND15": (
            "kinderen met een ouder die in de zeven jaren ervoor verdachte was / alle kinderen",
            "children with a parent registered as a suspect in the previous seven years / all children"
        ),
        "IND16": (
            "probleemdomeinen per gezin: laag inkomen, bijstand, jeugdhulp, jeugdbescherming, ouder verdachte",
            "problem domains per family: low income, assistance, youth care, protection, parent suspect"
        ),
        "IND17": (
            "verschillende organisaties met een lopend traject bij een gezinslid",
            "distinct organisations with an active episode for a family member"
        ),
        "IND18": ("ongeoorloofd afwezige lesuren / geplande lesuren", "unauthorised absent hours / planned hours"),
        "IND19": (
            "leerlingen met een DUO-melding of 16 uur in 4 weken / ingeschreven leerlingen",
            "pupils with a DUO report or 16 hours in 4 weeks / enrolled pupils"
        ),
        "IND20": (
            "leerlingen met ziekteverzuim van 10% of meer van de lesuren / leerlingen met lesuren",
            "pupils sick for 10% or more of their hours / pupils with hours"
        ),
        "IND21": (
            "leerlingen in groep 8 op streefniveau (2F, rekenen 1S) / leerlingen met een uitslag",
            "group-8 pupils at target level (2F, maths 1S) / pupils with a result"
        ),
        "IND22": (
            "havo/vwo-advies en advies onder het toetsadvies / leerlingen in groep 8 met een advies",
            "havo/vwo advice and advice below the test / group-8 pupils with an advice"
        ),
        "IND23": (
            "leerlingen met een OPP, arrangement of TLV / leerlingen op 1 oktober",
            "pupils with an OPP, arrangement or TLV / pupils on 1 October"
        ),
        "IND24": (
            "dagen van eerste zorgsignaal tot hulp binnen 365 dagen; aandeel zonder hulp",
            "days from the first care signal to help within 365 days; share without help"
        ),
    ]

    func definitionTable() -> ReportDocument.Table {
        let definitions = result.definitions.sorted { $0.id < $1.id }
        return table(
            id: "tabel-definities",
            caption: t("Definities van de indicatoren in dit rapport", "Definitions of the indicators in this report"),
            corner: t("Indicator", "Indicator"),
            columns: [
                t("Teller / noemer", "Numerator / denominator"), t("Bronnen", "Sources"), t("Versie", "Version"),
            ],
            rows: definitions.map { definition in
                let description = Self.descriptions[definition.id].map { t($0.0, $0.1) } ?? label(definition.id)
                return ReportDocument.Table.Row(
                    header: "\(definition.id) \(label(definition.id))",
                    cells: [
                        .init(text: description, numeric: false),
                        .init(text: definition.sources.joined(separator: ", "), numeric: false),
                        .init(text: String(definition.definitionVersion), numeric: true),
                    ])
            })
    }

    static let reasonNames: [SuppressionReason: (String, String)] = [
        .minimumCount: ("minder dan 10 personen (R1)", "fewer than 10 persons (R1)"),
        .events: ("minder dan 10 met of zonder het kenmerk (R2)", "fewer than 10 with or without the attribute (R2)"),
        .households: ("minder dan 10 huishoudens (R3)", "fewer than 10 households (R3)"),
        .dominance: ("één of twee gezinnen bepalen het getal (R4)", "one or two families dominate the number (R4)"),
        .pPercent: ("een bijdrage is te goed te schatten (R4)", "one contribution can be estimated too closely (R4)"),
        .extreme: ("te weinig eenheden rond de mediaan (R5)", "too few units around the median (R5)"),
        .secondary: (
            "afgeschermd zodat een andere cel niet terug te rekenen is (R7)",
            "withheld so another cell cannot be worked out (R7)"
        ),
        .range: (
            "getoond als <20: de rest houdt dit getal onder de 20, zodat de cellen eronder niet terug te rekenen zijn (R7)",
            "shown as <20: the rest keeps this number below 20, so the cells under it cannot be worked out (R7)"
        ),
        .differencing: (
            "te weinig veranderd sinds een eerdere publicatie (R9)", "changed too little since an earlier release (R9)"
        ),
        .manual: ("handmatig afgeschermd", "withheld by hand"),
    ]

    func suppressionTable() -> ReportDocument.Table {
        let suppressed = result.cells.filter(\.isSuppressed)
        var rows: [ReportDocument.Table.Row] = SuppressionReason.allCases.compactMap { reason in
            let count = suppressed.filter { $0.reasons.contains(reason) }.count
            guard count > 0 else { return nil }
            let names = Self.reasonNames[reason] ?? (reason.rawValue, reason.rawValue)
            return .init(header: t(names.0, names.1), cells: [.init(text: integer(count), numeric: true)])
        }
        rows.append(
            .init(
                header: t("Alle cellen in de tabellen", "All cells in the tables"),
                cells: [.init(text: integer(result.cells.count), numeric: true)]))
        rows.append(
            .init(
                header: t("Waarvan afgeschermd", "Of which withheld"),
                cells: [.init(text: integer(suppressed.count), numeric: true)]))
        return table(
            id: "tabel-afscherming",
            caption: t(
                "Afgeschermde cellen en waarom (een cel kan meer redenen hebben)",
                "Withheld cells and why (a cell can have several reasons)"),
            corner: t("Reden", "Reason"), columns: [t("Cellen", "Cells")], rows: rows)
    }

    func linkageTable() -> ReportDocument.Table {
        let sources = [
            ("school_leerlingen", t("Leerlingen van de scholen", "Pupils of the schools")),
            ("care_episodes", t("Trajecten in het zorgregister", "Episodes in the care register")),
        ]
        return table(
            id: "tabel-koppeling",
            caption: t(
                "Koppeling van school- en zorgrecords aan personen", "Linkage of school and care records to persons"),
            corner: t("Bron", "Source"),
            columns: [
                t("Records", "Records"), t("Via BSN en koppeltabel", "By BSN and crosswalk"),
                t("Via de andere bron", "Through the other source"), t("Probabilistisch", "Probabilistic"),
                t("Aandeel gekoppeld", "Share linked"),
            ],
            rows: sources.map { source, name in
                let records = tables.links.filter { $0.source == source }
                let linked = records.filter { $0.person != nil }.count
                let probable = records.filter { $0.outcome == "probabilistisch" }.count
                let other = records.filter { $0.outcome.hasPrefix("school_zorg") }.count
                let share = records.isEmpty ? 0 : 100 * Double(linked) / Double(records.count)
                return ReportDocument.Table.Row(
                    header: name,
                    cells: [
                        .init(text: integer(records.count), numeric: true),
                        .init(text: integer(linked - probable - other), numeric: true),
                        .init(text: integer(other), numeric: true),
                        .init(text: integer(probable), numeric: true),
                        .init(text: number(share, decimals: 1) + "%", numeric: true),
                    ])
            })
    }

    /// The settings that determine the numbers, hashed for the provenance block.
    var configHash: String {
        if let configSHA256 = self.options.configSHA256 { return configSHA256 }
        let options = tables.options
        let settings =
            "period=\(options.period);reference=\(options.referenceDate);vintage=\(options.vintage);"
            + "pilot=\(options.pilotStart);district=\(self.options.district);"
            + options.areas.map { "\($0.code)=\($0.buurten.sorted())+\($0.gemeenten.sorted())-\($0.excluded.sorted())" }
            .joined(separator: ";")
        return Self.sha256(Array(settings.utf8))
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        PublishedFolder.sha256(bytes)
    }

    func provenance() -> [ReportDocument.Fact] {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return [
            .init(name: t("Periode", "Period"), value: period),
            .init(
                name: t("Peildatum", "Reference date"),
                value: english ? "\(tables.options.referenceDate)" : DutchFormat.date(tables.options.referenceDate)),
            .init(
                name: t("Gemaakt op (UTC)", "Generated at (UTC)"), value: formatter.string(from: options.generatedAt)),
            .init(name: t("Versie van Wijkbeeld", "Wijkbeeld version"), value: Wijkbeeld.version),
            .init(name: t("Git-commit", "Git commit"), value: options.commit),
            .init(name: t("Hash van de instellingen", "Settings hash"), value: configHash),
            .init(
                name: t("Laatste geldige verversing", "Last valid refresh"),
                value: english
                    ? formatter.string(from: options.generatedAt)
                    : DutchFormat.date(MonthlyRefresh.utcDate(options.generatedAt))),
            .init(name: t("Schemaversie", "Schema version"), value: "1"),
            .init(
                name: t("Sleutel", "Key"),
                value: String(tables.keyFingerprint.prefix(16))
                    + (tables.isSampleKey
                        ? t(" (voorbeeldsleutel, niet voor echte gegevens)", " (sample key, not for real data)") : "")),
        ]
    }

    func inputTable() -> ReportDocument.Table {
        table(
            id: "tabel-invoer", caption: t("Invoerbestanden", "Input files"), corner: t("Bestand", "File"),
            columns: ["sha256", t("Rijen", "Rows")],
            rows: tables.validation.tasks.sorted { $0.place < $1.place }.map { task in
                ReportDocument.Table.Row(
                    header: task.place,
                    cells: [
                        .init(text: task.stats.sha256, numeric: false),
                        .init(text: integer(task.stats.rows), numeric: true),
                    ])
            })
    }
}
