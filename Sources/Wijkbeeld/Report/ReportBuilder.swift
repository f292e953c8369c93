import Crypto
import Foundation

/// Lays out one report from the published cells: the same texts for the HTML page and the Markdown twin.
/// Only published cells reach it; a suppressed cell can only be shown as its symbol.
public struct ReportBuilder {
    let tables: AnalysisTables
    let result: IndicatorCalculator.Result
    let history: [ReportHistory]
    let options: ReportOptions
    let english: Bool
    var index: [String: PublishedCell] = [:]
    let period: String
    let areaNames: [String: String]

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
        if texts.contains(PublishedCell.rangeSymbol) {
            parts.append(
                t(
                    "<20 = minder dan 20 personen: een afgeschermd totaal, zoals van twee cellen <10 (privacy)",
                    "<20 = fewer than 20 persons: a withheld total, such as of two cells <10 (privacy)"))
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
}
