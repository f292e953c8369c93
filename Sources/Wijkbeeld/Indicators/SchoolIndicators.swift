/// The school indicators IND18–IND23 per school and school year, from the school exports.
enum SchoolIndicators {
    static let definitions: [IndicatorDefinition] = [
        (
            "IND18", "Ongeoorloofd verzuim", "Unauthorised absence rate", "lesuur",
            ["school_verzuim", "school_lesrooster"]
        ),
        (
            "IND19", "Leerlingen met meldingsplichtig verzuim", "Pupils with DUO-reportable absence", "leerling",
            ["school_verzuim"]
        ),
        (
            "IND20", "Leerlingen met veel ziekteverzuim", "Pupils with frequent sickness absence", "leerling",
            ["school_verzuim", "school_lesrooster"]
        ),
        (
            "IND21", "Leerlingen groep 8 op streefniveau", "Group-8 pupils at target level", "leerling",
            ["school_toetsen"]
        ),
        ("IND22", "Havo/vwo-advies en onderadvisering", "Havo+ advice and under-advice", "leerling", ["school_advies"]),
        ("IND23", "Leerlingen met extra ondersteuning", "Pupils with extra support", "leerling", ["school_leerlingen"]),
        (
            "IND24", "Tijd van signaal tot hulp", "Signal-to-help lag", "leerling",
            ["school_zorgsignalen", "care_episodes"]
        ),
    ].map { id, nl, en, unit, sources in
        IndicatorDefinition(
            id: id, labelNL: nl, labelEN: en, unit: unit,
            disclosureClass: ["IND18", "IND24"].contains(id) ? .magnitude : .person,
            sources: sources, denominator: PersonFilter([]), numerator: PersonFilter([]))
    }

    /// Sickness hours at or above this share of planned hours count as frequent sickness (IND20).
    static let frequentSicknessShare = 0.10

    /// The published code of each school: `school_1`, `school_2` … in BRIN order. A BRIN next to small
    /// groups is a linking key and never reaches an output (disclosure.md R10).
    static func codes(_ pupils: [AnalysisTables.Pupil], _ signals: [AnalysisTables.SignalToHelp]) -> [String: String] {
        let brins = Set(pupils.map(\.school)).union(signals.map(\.school)).sorted()
        return Dictionary(uniqueKeysWithValues: brins.enumerated().map { ($1, "school_\($0 + 1)") })
    }

    static func compute(_ pupils: [AnalysisTables.Pupil], codes: [String: String]) -> [StatisticCell] {
        var cells: [StatisticCell] = []
        let groups = Dictionary(grouping: pupils) { "\($0.school)|\($0.schoolYear)" }
        for name in groups.keys.sorted() {
            guard let members = groups[name], let first = members.first else { continue }
            func key(_ indicator: String, _ breakdown: String = "totaal") -> CellKey {
                CellKey(
                    indicator: indicator, period: first.schoolYear, geoLevel: "school",
                    geoCode: codes[first.school] ?? "school",
                    breakdown: breakdown)
            }
            func share(_ population: [AnalysisTables.Pupil], _ event: (AnalysisTables.Pupil) -> Bool) -> CellMeasure {
                .share(population.filter(event).count, of: population.count)
            }
            let enrolled = members.filter(\.enrolledOnFirstOctober)
            let withHours = members.filter { ($0.plannedHours ?? 0) > 0 }
            let absent = withHours.map(\.unauthorisedHours).sorted(by: >)
            cells.append(
                StatisticCell(
                    key: key("IND18"),
                    measure: .ratio(
                        numerator: absent.reduce(0, +), denominator: withHours.compactMap(\.plannedHours).reduce(0, +),
                        units: withHours.count, largest: absent.first ?? 0, second: absent.dropFirst().first ?? 0)))
            // Pupils enrolled in y: on at least one day of it up to the reference date (a pupil who enters later
            // in a running school year is not yet one).
            let enrolledInYear = members.filter { $0.enrolledShare > 0 }
            cells.append(StatisticCell(key: key("IND19"), measure: share(enrolledInYear, \.reportableAbsence)))
            // IND20 counts over every pupil enrolled in y (indicators.md); one without planned hours (no timetable
            // row for the group and year) cannot reach the threshold.
            cells.append(
                StatisticCell(
                    key: key("IND20"),
                    measure: share(enrolledInYear) { pupil in
                        guard let planned = pupil.plannedHours, planned > 0 else { return false }
                        return pupil.sickHours >= frequentSicknessShare * planned
                    }))
            let group8 = members.filter { $0.group == 8 }
            for (domain, label) in [("begrijpend_lezen", "lezen"), ("spelling", "taal"), ("rekenen", "rekenen")] {
                let tested = group8.filter { $0.targetLevels[domain] != nil }
                cells.append(
                    StatisticCell(key: key("IND21", label), measure: share(tested) { $0.targetLevels[domain] == true }))
            }
            let advised = group8.filter { ($0.finalAdvice ?? 80) != 80 }
            cells.append(
                StatisticCell(
                    key: key("IND22", "havo_vwo"),
                    measure: share(advised) { [60, 61, 70].contains($0.finalAdvice ?? 0) }))
            let both = advised.filter { $0.testAdvice != nil && $0.testAdvice != 80 }
            cells.append(
                StatisticCell(
                    key: key("IND22", "onderadvies"),
                    measure: share(both) { ($0.finalAdvice ?? 0) / 10 < ($0.testAdvice ?? 0) / 10 }))
            cells.append(StatisticCell(key: key("IND23"), measure: share(enrolled, \.extraSupport)))
        }
        return cells
    }

    /// IND24 per school and for all schools together, all school years pooled (one school's signals are
    /// too few per year), before and after the pilot start: the median days to help among pupils who got
    /// help within 365 days, and the share of pupils with a signal but no help within 365 days.
    /// Signals whose 365 days of follow-up end after the reference date count only once help was seen:
    /// without it they are left out of the share without help (not yet observable).
    /// - Returns: the cells, and the relations "all schools = Σ schools" of the additive shares.
    static func signalCells(
        _ signals: [AnalysisTables.SignalToHelp], pilotStart: CalendarDate, referenceDate: CalendarDate,
        codes: [String: String]
    )
        -> (cells: [StatisticCell], relations: [SuppressionRelation])
    {
        let lastObserved = referenceDate.daysSinceEpoch
        var cells: [StatisticCell] = []
        var relations: [SuppressionRelation] = []
        var groups = Dictionary(grouping: signals) { codes[$0.school] ?? "school" }.sorted { $0.key < $1.key }
        let schools = groups.map(\.key)
        if schools.count > 1 { groups.append((key: "alle_scholen", value: signals)) }
        for (school, group) in groups {
            for (label, part) in [
                ("voor_pilot", group.filter { $0.signalDay < pilotStart.daysSinceEpoch }),
                ("na_pilot", group.filter { $0.signalDay >= pilotStart.daysSinceEpoch }),
            ] {
                func key(_ breakdown: String) -> CellKey {
                    CellKey(
                        indicator: "IND24", period: "samengevoegd", geoLevel: "school", geoCode: school,
                        breakdown: breakdown)
                }
                let observed = part.filter { $0.daysToHelp != nil || $0.signalDay + 365 <= lastObserved }
                let helped = observed.compactMap(\.daysToHelp)
                cells.append(
                    StatisticCell(key: key("mediaan_dagen_" + label), measure: FamilyIndicators.median(helped)))
                cells.append(
                    StatisticCell(
                        key: key("zonder_hulp_" + label),
                        measure: .share(observed.count - helped.count, of: observed.count)))
                if school == "alle_scholen" {
                    relations.append(
                        SuppressionRelation(
                            total: key("zonder_hulp_" + label),
                            parts: schools.map {
                                CellKey(
                                    indicator: "IND24", period: "samengevoegd", geoLevel: "school", geoCode: $0,
                                    breakdown: "zonder_hulp_" + label)
                            }))
                }
            }
        }
        return (cells, relations)
    }
}
