import Crypto
import Foundation

/// What a report needs beyond the data: the district and its comparisons, school names, language and
/// the provenance of the run.
public struct ReportOptions: Sendable {
    /// `nl` (default) or `en`.
    public var language = "nl"
    /// The area the report is about (an `AreaDefinition` code).
    public var district = "doelgebied"
    /// Areas the KPI cards compare with, in order.
    public var comparisons = ["rest_tilburg", "nederland"]
    /// Display names of schools by BRIN; other schools are called "School 1", "School 2" …
    public var schoolNames: [String: String] = [:]
    /// The run's moment (UTC), shown in the provenance block only.
    public var generatedAt = Date()
    /// The git commit the binary was built from, when known.
    public var commit = "onbekend"
    /// Shown under the title when a period is published again (reports.md R13), e.g.
    /// "Versie 2 — gecorrigeerd op 12 april 2026: invoer gewijzigd".
    public var versionNote = ""
    /// The run this one replaces, for the manifest.
    public var previousRunID: String?
    /// The configuration file's SHA-256 when a configuration made the run; otherwise the settings are hashed.
    public var configSHA256: String?

    public init() {}
}

/// Earlier periods' published cells, for sparklines.
public struct ReportHistory: Sendable {
    public var period: String
    public var cells: [PublishedCell]

    public init(period: String, cells: [PublishedCell]) {
        self.period = period
        self.cells = cells
    }
}

/// Lays out one report from the published cells: the same texts for the HTML page and the Markdown twin.
/// Only published cells reach it; a suppressed cell can only be shown as its symbol.
public struct ReportBuilder {
    let tables: AnalysisTables
    let result: IndicatorCalculator.Result
    let history: [ReportHistory]
    let options: ReportOptions
    let english: Bool
    private var index: [String: PublishedCell] = [:]
    private let period: String
    private let areaNames: [String: String]

    public init(
        tables: AnalysisTables, result: IndicatorCalculator.Result, history: [ReportHistory] = [],
        options: ReportOptions = ReportOptions()
    ) {
        self.tables = tables
        self.result = result
        self.history = history
        self.options = options
        english = options.language == "en"
        period = tables.options.period.description
        areaNames = Dictionary(tables.options.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        // Earlier runs only add their own periods: a cell they share with this run (a pooled or school-year
        // period) is this run's.
        for cell in history.flatMap(\.cells) + result.cells {
            index[Self.name(cell.key)] = cell
        }
    }

    static func name(_ key: CellKey) -> String {
        "\(key.indicator)|\(key.period)|\(key.geoLevel)|\(key.geoCode)|\(key.breakdown)"
    }

    func cell(
        _ indicator: String, _ code: String, _ breakdown: String = "totaal", level: String = "gebied",
        period: String? = nil
    ) -> PublishedCell? {
        index["\(indicator)|\(period ?? self.period)|\(level)|\(code)|\(breakdown)"]
    }

    func t(_ dutch: String, _ english: String) -> String { self.english ? english : dutch }

    func label(_ indicator: String) -> String {
        guard let definition = result.definitions.first(where: { $0.id == indicator }) else { return indicator }
        return english ? definition.labelEN : definition.labelNL
    }

    func areaName(_ code: String) -> String { areaNames[code] ?? code }

    /// The areas with cells in this run, in the configured order.
    var areas: [String] {
        tables.options.areas.map(\.code).filter { code in result.cells.contains { $0.key.geoCode == code } }
    }

    /// The cell's text: value or suppression symbol; `–` would mean "cannot occur" and is not used.
    func text(_ cell: PublishedCell?) -> String {
        guard let cell else { return t("n.v.t.", "n/a") }
        if let symbol = cell.symbol { return symbol }
        return localized(DutchFormat.cell(cell))
    }

    /// Dutch separators (`1.234,5`) in a Dutch report, English ones (`1,234.5`) in an English one.
    func localized(_ number: String) -> String {
        guard english else { return number }
        return String(number.map { $0 == "." ? "," : $0 == "," ? "." : $0 })
    }

    func integer(_ value: Int) -> String { localized(DutchFormat.integer(value)) }

    func number(_ value: Double, decimals: Int) -> String { localized(DutchFormat.number(value, decimals: decimals)) }

    func table(
        id: String, caption: String, corner: String, columns: [String], rows: [(String, [PublishedCell?])]
    ) -> ReportDocument.Table {
        let rows = rows.map { header, cells in
            ReportDocument.Table.Row(
                header: header, cells: cells.map { ReportDocument.Table.Cell(text: text($0), numeric: true) })
        }
        return table(id: id, caption: caption, corner: corner, columns: columns, rows: rows)
    }

    func table(
        id: String, caption: String, corner: String, columns: [String], rows: [ReportDocument.Table.Row]
    ) -> ReportDocument.Table {
        let legend = self.legend(rows.flatMap(\.cells).map(\.text))
        return ReportDocument.Table(
            id: id, tableLabel: t("Tabel", "Table"), caption: caption, corner: corner,
            columns: columns.enumerated().map { index, label in
                .init(label: label, numeric: rows.allSatisfy { index < $0.cells.count && $0.cells[index].numeric })
            }, rows: rows,
            legend: legend, hasLegend: !legend.isEmpty,
            markdownAlignment: String(repeating: "---:|", count: columns.count))
    }

    /// The legend for exactly the symbols used (disclosure.md, "How cells are shown").
    func legend(_ texts: [String]) -> String {
        var parts: [String] = []
        if texts.contains("<10") {
            parts.append(t("<10 = minder dan 10 personen (privacy)", "<10 = fewer than 10 persons (privacy)"))
        }
        if texts.contains(".") {
            parts.append(t(". = geheim of onvoldoende betrouwbaar", ". = confidential or not reliable enough"))
        }
        if texts.contains(t("n.v.t.", "n/a")) {
            parts.append(t("n.v.t. = geen gegevens voor dit gebied", "n/a = no data for this area"))
        }
        return parts.joined(separator: "; ")
    }

    // MARK: - Document

    public func build() -> ReportDocument {
        let district = areaName(options.district)
        let reference = tables.options.referenceDate
        let date = english ? "\(reference)" : DutchFormat.date(reference)
        let sections: [ReportDocument.Section] = [
            .init(id: "kort", title: t("In het kort", "At a glance")),
            .init(id: "gebieden", title: t("Alle indicatoren per gebied", "All indicators by area")),
            .init(id: "gezinnen", title: t("Gezinnen en organisaties", "Families and organisations")),
            .init(id: "signaal", title: t("Van signaal tot hulp", "From signal to help")),
            .init(id: "school", title: t("School", "School")),
            .init(id: "verantwoording", title: t("Verantwoording", "Methods")),
            .init(id: "herkomst", title: t("Herkomst van dit rapport", "Provenance")),
        ]
        let cards = self.cards()
        let cardLegend = legend(cards.flatMap(\.shownTexts))
        return ReportDocument(
            language: english ? "en" : "nl", isDutch: !english,
            title: t("Wijkbeeld \(district)", "Neighbourhood profile \(district)"),
            subtitle: t(
                "Kinderen van 4 tot en met 12 jaar en hun gezinnen · periode \(period) · peildatum \(date)",
                "Children aged 4 to 12 and their families · period \(period) · reference date \(date)"),
            isSample: tables.isSampleKey, versionNote: options.versionNote,
            hasVersionNote: !options.versionNote.isEmpty,
            sampleNotice: t(
                "Synthetische gegevens: dit rapport beschrijft geen echte kinderen of gezinnen. Het laat zien hoe "
                    + "het rapport eruitziet.",
                "Synthetic data: this report describes no real children or families. It shows what the report "
                    + "looks like."),
            contentsLabel: t("Inhoudsopgave", "Contents"), sections: sections,
            summaryTitle: sections[0].title,
            summaryIntro: t(
                "De belangrijkste cijfers voor \(district), vergeleken met \(comparisonNames). Percentages zijn "
                    + "van alle kinderen van 4 tot en met 12 jaar in het gebied.",
                "The key figures for \(district), compared with \(comparisonNames). Percentages are of all "
                    + "children aged 4 to 12 in the area.") + missingComparisons,
            cardsTitle: t("Kerncijfers", "Key figures"), cards: cards, cardLegend: cardLegend,
            hasCardLegend: !cardLegend.isEmpty,
            highlightsTitle: t("Wat valt op", "What stands out"), highlights: highlights(),
            areasTitle: sections[1].title,
            areasIntro: t(
                "Elke indicator voor alle gebieden van dit rapport. Een cel zonder getal is afgeschermd om "
                    + "privacyredenen; de legenda onder de tabel zegt waarom.",
                "Every indicator for all areas of this report. A cell without a number is withheld for "
                    + "privacy; the legend below the table says why."),
            areaTable: areaTable(),
            familiesTitle: sections[2].title,
            familiesIntro: t(
                "Hoeveel organisaties kennen één gezin, en in welke domeinen tegelijk? Een gezin is een kind van "
                    + "4 tot en met 12 jaar met zijn ouders en huisgenoten.",
                "How many organisations know one family, and in which domains at once? A family is a child "
                    + "aged 4 to 12 with its parents and household members."),
            familyTable: familyTable(), islands: islands(),
            signalTitle: sections[3].title,
            signalIntro: t(
                "Dagen van het eerste zorgsignaal van school tot de start van hulp voor het kind of het gezin, "
                    + "voor en na de start van de pilot op \(english ? "\(tables.options.pilotStart)" : DutchFormat.date(tables.options.pilotStart)). "
                    + "Alle schooljaren samen; hulp telt mee als die binnen 365 dagen begon.",
                "Days from a school's first care signal to the start of help for the child or family, before "
                    + "and after the pilot started on \(tables.options.pilotStart). All school years together; "
                    + "help counts when it started within 365 days."),
            signal: signalFigure(), signalSchoolTable: signalSchoolTable(),
            schoolTitle: sections[4].title,
            schoolIntro: t(
                "Cijfers per school en schooljaar uit de exports van de scholen. Scholen staan met naam of "
                    + "nummer in dit rapport, nooit met hun BRIN-code.",
                "Figures per school and school year from the schools' exports. Schools appear by name or "
                    + "number, never by their BRIN code."),
            schoolTables: schoolTables(),
            methodsTitle: sections[5].title, methods: methods(), definitionTable: definitionTable(),
            suppressionTable: suppressionTable(), linkageTable: linkageTable(),
            provenanceTitle: sections[6].title, provenance: provenance(), inputTable: inputTable(),
            manifestLabel: t("Alle bestanden met hun sha256 staan in", "All files with their sha256 are listed in"),
            footer: t(
                "Gemaakt met Wijkbeeld \(Wijkbeeld.version). Dit rapport is gemaakt volgens WCAG 2.1 niveau AA: "
                    + "het werkt zonder internet en zonder scripts, met toetsenbord en schermlezer, en de "
                    + "cijfers van elke grafiek staan ook in een tabel.",
                "Made with Wijkbeeld \(Wijkbeeld.version). This report follows WCAG 2.1 level AA: it works "
                    + "without internet or scripts, with keyboard and screen reader, and every chart's numbers "
                    + "are also in a table."))
    }

    // MARK: - Cards

    /// The comparison areas this run has cells for.
    var comparisons: [String] { options.comparisons.filter(areas.contains) }

    var comparisonNames: String {
        let names = comparisons.map(areaName)
        guard names.count > 1, let last = names.last else { return names.first ?? t("geen gebied", "no area") }
        return names.dropLast().joined(separator: ", ") + t(" en ", " and ") + last
    }

    /// A sentence naming the configured comparison areas the input has no data for.
    var missingComparisons: String {
        let missing = options.comparisons.filter { !areas.contains($0) }.map(areaName)
        guard !missing.isEmpty else { return "" }
        return t(
            " Voor \(missing.joined(separator: ", ")) bevatten deze gegevens geen cijfers.",
            " This data holds no figures for \(missing.joined(separator: ", ")).")
    }

    static let cardIndicators = ["IND02", "IND05", "IND01", "IND10", "IND12", "IND09"]

    func cards() -> [ReportDocument.Card] {
        var cards: [ReportDocument.Card] = []
        for indicator in Self.cardIndicators {
            cards.append(card(indicator, breakdown: "totaal", label: label(indicator), unitWords: "procentpunt"))
        }
        cards.append(
            card(
                "IND17", breakdown: "gemiddelde",
                label: t("Organisaties per gezin (gemiddeld)", "Organisations per family (mean)"), unitWords: ""))
        return cards
    }

    func card(_ indicator: String, breakdown: String, label: String, unitWords: String) -> ReportDocument.Card {
        let own = cell(indicator, options.district, breakdown)
        var comparisons: [ReportDocument.Comparison] = []
        for code in self.comparisons {
            comparisons.append(compare(own, cell(indicator, code, breakdown), area: code, unitWords: unitWords))
        }
        let periods = history.map(\.period) + [period]
        let values = periods.map { period in
            cell(indicator, options.district, breakdown, period: period).flatMap { $0.isSuppressed ? nil : $0.value }
        }
        let historyText = zip(periods, periods.map { cell(indicator, options.district, breakdown, period: $0) })
            .map { "\($0): \(text($1))" }.joined(separator: ", ")
        let id = "kaart-\(indicator.lowercased())-\(breakdown)"
        let hasLine = values.compactMap { $0 }.count >= 2
        return ReportDocument.Card(
            id: id, label: label, value: text(own),
            note: t("in \(areaName(options.district))", "in \(areaName(options.district))"),
            comparisons: comparisons, hasSparkline: hasLine,
            sparkline: hasLine
                ? ReportCharts.sparkline(
                    id: id + "-verloop", title: t("Verloop: \(label)", "Trend: \(label)"), description: historyText,
                    values: values)
                : "",
            history: periods.count > 1 ? t("Verloop: ", "Trend: ") + historyText : "", hasHistory: periods.count > 1,
            shownTexts: [text(own)] + periods.map { text(cell(indicator, options.district, breakdown, period: $0)) })
    }

    func compare(_ own: PublishedCell?, _ other: PublishedCell?, area: String, unitWords: String)
        -> ReportDocument.Comparison
    {
        let name = areaName(area)
        guard let other else {
            return .init(
                symbol: "", hasSymbol: false,
                text: t("\(name): geen cijfer in deze gegevens", "\(name): no figure in this data"),
                direction: "geen")
        }
        guard let mine = own?.value, let theirs = other.value, own?.isSuppressed == false, !other.isSuppressed else {
            return .init(
                symbol: "", hasSymbol: false,
                text: t("\(name): \(text(other)), niet te vergelijken", "\(name): \(text(other)), not comparable"),
                direction: "geen")
        }
        let difference = mine - theirs
        let size = number(abs(difference), decimals: other.unit == "gemiddelde" ? 1 : 0)
        let words = unitWords.isEmpty ? size : "\(size) \(t(unitWords, "percentage points"))"
        if abs(difference) < (other.unit == "gemiddelde" ? 0.1 : 1) {
            return .init(
                symbol: "=", hasSymbol: true,
                text: t("gelijk aan \(name) (\(text(other)))", "the same as \(name) (\(text(other)))"),
                direction: "gelijk")
        }
        return difference > 0
            ? .init(
                symbol: "▲", hasSymbol: true,
                text: t("\(words) hoger dan \(name) (\(text(other)))", "\(words) higher than \(name) (\(text(other)))"),
                direction: "hoger")
            : .init(
                symbol: "▼", hasSymbol: true,
                text: t("\(words) lager dan \(name) (\(text(other)))", "\(words) lower than \(name) (\(text(other)))"),
                direction: "lager")
    }

    /// Child indicators at least one and a half times as common in the district as in the first comparison
    /// area, largest first; and the signal-to-help change when both medians are published.
    func highlights() -> [String] {
        var found: [(ratio: Double, text: String)] = []
        let other = options.comparisons.first ?? "rest_tilburg"
        for definition in IndicatorCatalogue.built {
            guard let mine = cell(definition.id, options.district), let theirs = cell(definition.id, other),
                let a = mine.value, let b = theirs.value, !mine.isSuppressed, !theirs.isSuppressed, b > 0, a >= 1.5 * b
            else { continue }
            let ratio = a / b
            let times = number(ratio, decimals: 1)
            found.append(
                (
                    ratio,
                    t(
                        "\(label(definition.id)): \(text(mine)) in \(areaName(options.district)), \(text(theirs)) in "
                            + "\(areaName(other)) (\(times) keer zo vaak).",
                        "\(label(definition.id)): \(text(mine)) in \(areaName(options.district)), \(text(theirs)) in "
                            + "\(areaName(other)) (\(times) times as often).")
                ))
        }
        var lines = found.sorted { $0.ratio > $1.ratio }.prefix(4).map(\.text)
        if let mine = cell("IND17", options.district, "domeinen_2plus"), !mine.isSuppressed {
            let theirs = cell("IND17", other, "domeinen_2plus")
            let comparison =
                theirs.map {
                    $0.isSuppressed
                        ? ""
                        : t(", tegen \(text($0)) in \(areaName(other))", ", against \(text($0)) in \(areaName(other))")
                }
                ?? ""
            lines.append(
                t(
                    "\(text(mine)) van de gezinnen in \(areaName(options.district)) is bij twee of meer domeinen tegelijk "
                        + "bekend (zorg op school, jeugdhulp, jeugdbescherming, politie, Veilig Thuis, schuldhulp)"
                        + comparison + ".",
                    "\(text(mine)) of families in \(areaName(options.district)) are known in two or more domains at once "
                        + "(school care, youth care, youth protection, police, Veilig Thuis, debt help)" + comparison
                        + "."))
        }
        let code = signalCode
        if let before = cell("IND24", code, "mediaan_dagen_voor_pilot", level: "school", period: "samengevoegd"),
            let after = cell("IND24", code, "mediaan_dagen_na_pilot", level: "school", period: "samengevoegd"),
            !before.isSuppressed, !after.isSuppressed
        {
            lines.append(
                t(
                    "Van eerste signaal op school tot hulp: mediaan \(text(after)) dagen na de start van de pilot, "
                        + "\(text(before)) dagen ervoor.",
                    "From a first school signal to help: median \(text(after)) days after the pilot started, "
                        + "\(text(before)) days before."))
        }
        if lines.isEmpty {
            lines.append(
                t(
                    "Geen indicator is in \(areaName(options.district)) anderhalf keer zo hoog als in \(areaName(other)).",
                    "No indicator is one and a half times as high in \(areaName(options.district)) as in \(areaName(other))."
                ))
        }
        return lines
    }

    // MARK: - Tables

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

    // MARK: - Methods and provenance

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
                        + "Records zonder bruikbaar BSN zijn daarna probabilistisch gekoppeld (Fellegi–Sunter op "
                        + "geboortedatum, geslacht, postcode en huishouden, getraind op de BSN-koppelingen; alleen bij "
                        + "een kans van minstens 95% en zonder even goede tweede kandidaat, zoals een tweeling).",
                    "School and care records were first linked to persons by BSN and the CBS crosswalk. Records "
                        + "without a usable BSN were then linked probabilistically (Fellegi–Sunter on birth date, sex, "
                        + "postcode and household, trained on the BSN links; only at a probability of at least 95% "
                        + "and without an equally good second candidate, such as a twin).")),
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
                        + "afgerond op 5, noemers op 10.",
                    "No name, address, BSN or birth date reaches this report. Every number is checked: at least 10 "
                        + "persons and 10 households, no dominant outliers, and where a cell is withheld, enough "
                        + "other cells too that it cannot be worked out. Counts are rounded to 5, bases to 10.")),
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
                t("Probabilistisch", "Probabilistic"), t("Aandeel gekoppeld", "Share linked"),
            ],
            rows: sources.map { source, name in
                let records = tables.links.filter { $0.source == source }
                let linked = records.filter { $0.person != nil }.count
                let probable = records.filter { $0.outcome == "probabilistisch" }.count
                let share = records.isEmpty ? 0 : 100 * Double(linked) / Double(records.count)
                return ReportDocument.Table.Row(
                    header: name,
                    cells: [
                        .init(text: integer(records.count), numeric: true),
                        .init(text: integer(linked - probable), numeric: true),
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
        TableValidator.hex(SHA256.hash(data: bytes))
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
