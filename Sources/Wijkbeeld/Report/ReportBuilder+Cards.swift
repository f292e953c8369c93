/// The key figure cards and what stands out: the district against its comparison areas.
extension ReportBuilder {

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
    /// The tables (`id/breakdown`) whose earlier years the cards draw as sparklines.
    static let sparklineIndicators = Set(cardIndicators.map { $0 + "/totaal" } + ["IND17/gemiddelde"])

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
}
