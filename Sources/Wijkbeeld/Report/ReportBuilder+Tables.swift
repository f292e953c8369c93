/// The report's tables and charts: indicators per area, families and the islands, signal to help, schools.
extension ReportBuilder {

    func areaTable() -> ReportDocument.Table {
        let areas = self.areas
        return table(
            id: "tabel-gebieden",
            caption: t(
                "Indicatoren per gebied, \(period) (percentage van de kinderen van 4 tot en met 12 jaar)",
                "Indicators by area, \(period) (percentage of children aged 4 to 12)"),
            corner: t("Indicator", "Indicator"), columns: areas.map(areaName),
            rows: IndicatorCatalogue.built.map(\.id).sorted().map { id in
                ("\(id) \(label(id))", areas.map { cell(id, $0) })
            })
    }

    static let familyRows: [(String, String, String, String)] = [
        ("IND16", "gemiddelde", "Probleemdomeinen per gezin (gemiddeld)", "Problem domains per family (mean)"),
        ("IND16", "aandeel_3plus", "Gezinnen met 3 of meer domeinen", "Families with 3 or more domains"),
        ("IND17", "gemiddelde", "Organisaties per gezin (gemiddeld)", "Organisations per family (mean)"),
        ("IND17", "mediaan", "Organisaties per gezin (mediaan)", "Organisations per family (median)"),
        (
            "IND17", "gemiddelde_met_hulp", "Organisaties per gezin met hulp (gemiddeld)",
            "Organisations per family with help (mean)"
        ),
        (
            "IND17", "mediaan_met_hulp", "Organisaties per gezin met hulp (mediaan)",
            "Organisations per family with help (median)"
        ),
        ("IND17", "aandeel_5plus", "Gezinnen met 5 of meer organisaties", "Families with 5 or more organisations"),
        ("IND17", "aandeel_10plus", "Gezinnen met 10 of meer organisaties", "Families with 10 or more organisations"),
        (
            "IND17", "aandeel_meer_dan_15", "Gezinnen met meer dan 15 organisaties",
            "Families with more than 15 organisations"
        ),
        (
            "IND17", "typen_gemiddelde", "Soorten organisaties per gezin (gemiddeld)",
            "Kinds of organisation per family (mean)"
        ),
    ]

    func familyTable() -> ReportDocument.Table {
        let areas = self.areas
        return table(
            id: "tabel-gezinnen",
            caption: t(
                "Gezinnen en organisaties per gebied, \(period)", "Families and organisations by area, \(period)"),
            corner: t("Maat", "Measure"), columns: areas.map(areaName),
            rows: Self.familyRows.map { indicator, breakdown, dutch, english in
                ("\(indicator) \(t(dutch, english))", areas.map { cell(indicator, $0, breakdown) })
            })
    }

    static let domainNames: [String: (String, String)] = [
        "schoolzorg": ("Zorg op school", "School care"), "jeugdhulp": ("Jeugdhulp", "Youth care"),
        "jeugdbescherming": ("Jeugdbescherming", "Youth protection"), "politie": ("Politie", "Police"),
        "veilig_thuis": ("Veilig Thuis", "Veilig Thuis"), "inkomen": ("Schuldhulp en inkomen", "Debt and income"),
    ]

    func domain(_ name: String) -> String {
        let names = Self.domainNames[name] ?? (name, name)
        return t(names.0, names.1)
    }

    func islands() -> ReportDocument.Figure {
        let domains = FamilyIndicators.islandDomains
        let comparison = options.comparisons.first ?? "rest_tilburg"
        var pairs: [(String, [PublishedCell?])] = []
        var grid: [[(Double?, String)]] = []
        for domain in domains {
            let breakdown = "domein_\(domain)"
            pairs.append(
                (
                    t("Bekend bij \(self.domain(domain))", "Known to \(self.domain(domain))"),
                    [cell("IND17", options.district, breakdown), cell("IND17", comparison, breakdown)]
                ))
        }
        for (breakdown, dutch, english) in [
            ("domeinen_2plus", "In 2 of meer domeinen tegelijk", "In 2 or more domains at once"),
            ("domeinen_3plus", "In 3 of meer domeinen tegelijk", "In 3 or more domains at once"),
        ] {
            pairs.append(
                (t(dutch, english), [cell("IND17", options.district, breakdown), cell("IND17", comparison, breakdown)]))
        }
        for (row, second) in domains.enumerated() {
            var line: [(Double?, String)] = []
            for (column, first) in domains.enumerated() {
                guard column < row else {
                    let own = column == row ? cell("IND17", options.district, "domein_\(first)") : nil
                    line.append((own.flatMap { $0.isSuppressed ? nil : $0.value }, column == row ? text(own) : ""))
                    continue
                }
                let breakdown = "eilanden_\(first)_\(second)"
                let own = cell("IND17", options.district, breakdown)
                line.append((own.flatMap { $0.isSuppressed ? nil : $0.value }, text(own)))
                pairs.append(
                    ("\(domain(first)) + \(domain(second))", [own, cell("IND17", comparison, breakdown)]))
            }
            grid.append(line)
        }
        let district = areaName(options.district)
        let title = t(
            "Gezinnen per domein en in twee domeinen tegelijk, \(district)",
            "Families per domain and in two domains at once, \(district)")
        let description =
            t(
                "Op de diagonaal het percentage gezinnen in \(district) dat bij een domein bekend is, daaronder "
                    + "per paar domeinen het percentage dat bij beide bekend is: ",
                "On the diagonal the percentage of families in \(district) known in a domain, below it for each "
                    + "pair of domains the percentage known in both: ")
            + pairs.map { "\($0.0): \(text($0.1[0]))" }.joined(separator: "; ") + "."
        return ReportDocument.Figure(
            id: "figuur-eilanden", figureLabel: t("Figuur", "Figure"), title: title, description: description,
            svg: ReportCharts.grid(
                id: "figuur-eilanden-svg", title: title, description: description, labels: domains.map(domain),
                cells: grid),
            table: table(
                id: "tabel-eilanden", caption: title, corner: t("Domeinen", "Domains"),
                columns: [district, areaName(comparison)], rows: pairs))
    }

    /// IND24 is read for all schools together when there are several, else for the one school.
    var signalCode: String {
        let codes = Set(
            result.cells.filter { $0.key.indicator == "IND24" }.map(\.key.geoCode))
        return codes.contains("alle_scholen") ? "alle_scholen" : (codes.sorted().first ?? "alle_scholen")
    }

    func signalFigure() -> ReportDocument.Figure {
        let code = signalCode
        func get(_ breakdown: String) -> PublishedCell? {
            cell("IND24", code, breakdown, level: "school", period: "samengevoegd")
        }
        let parts = [
            ("voor_pilot", t("Voor de pilot", "Before the pilot")), ("na_pilot", t("Na de start", "After the start")),
        ]
        let title = t(
            "Dagen van signaal tot hulp (mediaan), voor en na de pilot",
            "Days from signal to help (median), before and after the pilot")
        let description =
            parts.map { key, name in
                "\(name): \(text(get("mediaan_dagen_" + key))) \(t("dagen", "days")), "
                    + "\(t("zonder hulp binnen 365 dagen", "without help within 365 days")) \(text(get("zonder_hulp_" + key)))"
            }.joined(separator: "; ") + "."
        let bars = parts.map { key, name in
            let median = get("mediaan_dagen_" + key)
            return (
                label: name, value: median.flatMap { $0.isSuppressed ? nil : $0.value },
                text: median?.isSuppressed == false ? "\(text(median)) \(t("dagen", "days"))" : text(median)
            )
        }
        return ReportDocument.Figure(
            id: "figuur-signaal", figureLabel: t("Figuur", "Figure"), title: title, description: description,
            svg: ReportCharts.bars(id: "figuur-signaal-svg", title: title, description: description, bars: bars),
            table: table(
                id: "tabel-signaal", caption: title, corner: t("Periode", "Period"),
                columns: [
                    t("Mediaan dagen tot hulp", "Median days to help"),
                    t("Zonder hulp binnen 365 dagen", "Without help within 365 days"),
                ],
                rows: parts.map { key, name in (name, [get("mediaan_dagen_" + key), get("zonder_hulp_" + key)]) }))
    }

    /// Display names of the published school codes.
    var schoolNames: [(code: String, name: String)] {
        result.schoolCodes.sorted { $0.value < $1.value }.map { brin, code in
            (code, options.schoolNames[brin] ?? t("School \(code.dropFirst(7))", "School \(code.dropFirst(7))"))
        }
    }

    func signalSchoolTable() -> ReportDocument.Table {
        let breakdowns = [
            "mediaan_dagen_voor_pilot", "mediaan_dagen_na_pilot", "zonder_hulp_voor_pilot", "zonder_hulp_na_pilot",
        ]
        return table(
            id: "tabel-signaal-scholen", caption: t("Van signaal tot hulp per school", "From signal to help by school"),
            corner: t("School", "School"),
            columns: [
                t("Mediaan dagen, voor", "Median days, before"), t("Mediaan dagen, na", "Median days, after"),
                t("Zonder hulp, voor", "Without help, before"), t("Zonder hulp, na", "Without help, after"),
            ],
            rows: schoolNames.map { code, name in
                (name, breakdowns.map { cell("IND24", code, $0, level: "school", period: "samengevoegd") })
            })
    }

    static let schoolRows: [(String, String, String, String)] = [
        ("IND18", "totaal", "Ongeoorloofd verzuim (% van de lesuren)", "Unauthorised absence (% of hours)"),
        ("IND19", "totaal", "Leerlingen met meldingsplichtig verzuim", "Pupils with reportable absence"),
        ("IND20", "totaal", "Leerlingen met veel ziekteverzuim", "Pupils with frequent sickness absence"),
        ("IND21", "lezen", "Groep 8 op streefniveau: lezen", "Group 8 at target level: reading"),
        ("IND21", "taal", "Groep 8 op streefniveau: taalverzorging", "Group 8 at target level: language"),
        ("IND21", "rekenen", "Groep 8 op streefniveau: rekenen", "Group 8 at target level: maths"),
        ("IND22", "havo_vwo", "Groep 8 met havo/vwo-advies", "Group 8 with havo/vwo advice"),
        ("IND22", "onderadvies", "Groep 8 met onderadvies", "Group 8 with under-advice"),
        ("IND23", "totaal", "Leerlingen met extra ondersteuning", "Pupils with extra support"),
    ]

    func schoolTables() -> [ReportDocument.Table] {
        let years = Set(
            result.cells.filter { $0.key.geoLevel == "school" && $0.key.indicator != "IND24" }.map(\.key.period)
        )
        .sorted()
        return schoolNames.map { code, name in
            table(
                id: "tabel-\(code)", caption: "\(name): \(t("cijfers per schooljaar", "figures per school year"))",
                corner: t("Indicator", "Indicator"), columns: years,
                rows: Self.schoolRows.map { indicator, breakdown, dutch, english in
                    (
                        "\(indicator) \(t(dutch, english))",
                        years.map { cell(indicator, code, breakdown, level: "school", period: $0) }
                    )
                })
        }
    }
}
