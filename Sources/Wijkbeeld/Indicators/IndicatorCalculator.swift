import Crypto
import Foundation

/// Computes indicator cells per buurt and per configured area from the analysis tables, then hands
/// them to disclosure control with every additive relation between them (area = Σ its buurten;
/// an area that is the disjoint union of two others, such as Tilburg = district + rest of Tilburg).
public enum IndicatorCalculator {
    /// The protected, rounded cells and any suppressed cell the audit could not protect.
    public struct Result: Sendable {
        public var cells: [PublishedCell]
        /// The cells before rounding, with their status: for the private checker file and tests only,
        /// never published.
        public var unrounded: [StatisticCell]
        public var failures: [DisclosureControl.AuditFailure]
        public var definitions: [IndicatorDefinition]
        /// The published code of each school (`school_1` …) by BRIN: for naming schools in a report.
        public var schoolCodes: [String: String] = [:]
    }

    /// - Parameter only: return just these tables (the sparklines' earlier years): an indicator id for all its
    ///   breakdowns, `id/breakdown` for one. Every table is still computed and protected, since the joint
    ///   audit relates tables to each other, so their cells get the same status as in a full run.
    /// - Throws: `.configuration` when a configured area holds no buurt of the data.
    public static func compute(
        _ tables: AnalysisTables, definitions: [IndicatorDefinition] = IndicatorCatalogue.built,
        policy: DisclosurePolicy = DisclosurePolicy(), released: [CellKey: ReleasedCell] = [:],
        only: Set<String>? = nil
    ) throws -> Result {
        var result = try computeEveryTable(tables, definitions: definitions, policy: policy, released: released)
        guard let only else { return result }
        func wanted(_ id: String) -> Bool { only.contains(id) || only.contains { $0.hasPrefix(id + "/") } }
        func wanted(_ key: CellKey) -> Bool {
            only.contains(key.indicator) || only.contains(key.indicator + "/" + key.breakdown)
        }
        result.cells = result.cells.filter { wanted($0.key) }
        result.unrounded = result.unrounded.filter { wanted($0.key) }
        result.definitions = result.definitions.filter { wanted($0.id) }
        return result
    }

    private static func computeEveryTable(
        _ tables: AnalysisTables, definitions: [IndicatorDefinition], policy: DisclosurePolicy,
        released: [CellKey: ReleasedCell]
    ) throws -> Result {
        let children = tables.persons.filter(\.isChildPopulation)
        let buurten = Set(tables.persons.map(\.buurt))
        let areas = try GeoTable.areas(tables.options.areas, buurten: buurten)
        let period = tables.options.period.description
        var cells: [StatisticCell] = []
        var relations: [SuppressionRelation] = []
        var aliases: [(area: CellKey, source: CellKey)] = []
        for definition in definitions {
            var byBuurt: [String: [AnalysisTables.Person]] = [:]
            for child in children where definition.denominator.matches(child) {
                byBuurt[child.buurt, default: []].append(child)
            }
            let table = GeoTable(indicator: definition.id, period: period, breakdown: "totaal", areas: areas)
            cells += table.cells(byBuurt) { measure($0, definition) }
            relations += table.relations(buurten: Set(byBuurt.keys))
            aliases += table.aliases(buurten: Set(byBuurt.keys))
        }
        let family = FamilyIndicators.compute(tables, period: period, areas: areas)
        cells += family.cells
        relations += family.relations
        aliases += family.aliases
        let schoolCodes = SchoolIndicators.codes(tables.pupils, tables.signals)
        cells += SchoolIndicators.compute(tables.pupils, codes: schoolCodes)
        let signals = SchoolIndicators.signalCells(
            tables.signals, pilotStart: tables.options.pilotStart, referenceDate: tables.options.referenceDate,
            codes: schoolCodes)
        cells += signals.cells
        relations += signals.relations
        var result = try protect(
            cells, relations: relations, aliases: aliases, policy: policy, released: released,
            definitions: definitions)
        result.definitions += FamilyIndicators.definitions + SchoolIndicators.definitions
        result.schoolCodes = schoolCodes
        return result
    }

    /// Disclosure control over `cells`; then each alias (an area that is exactly one buurt, wijk or
    /// gemeente) publishes its source cell's protected value under its own key.
    /// - Throws: `.dataError` when the audit cannot show every suppressed cell protected (a range too narrow,
    ///   or a linear program the solver did not finish): nothing is published then (fails closed).
    static func protect(
        _ cells: [StatisticCell], relations: [SuppressionRelation], aliases: [(area: CellKey, source: CellKey)],
        policy: DisclosurePolicy, released: [CellKey: ReleasedCell] = [:], definitions: [IndicatorDefinition]
    ) throws -> Result {
        let control = DisclosureControl(policy: policy)
        var (protected, failures) = control.protect(
            cells, relations: relations, constraints: IndicatorConstraints.constraints(cells), released: released)
        if !failures.isEmpty {
            let examples = failures.prefix(5).map { failure in
                "\(failure.key.indicator) \(failure.key.period) \(failure.key.geoLevel) \(failure.key.geoCode) "
                    + "\(failure.key.breakdown): \(failure.reason.rawValue)"
            }
            throw WijkbeeldError(
                .dataError,
                "disclosure control could not show \(failures.count) suppressed cell(s) protected; nothing is "
                    + "published (\(examples.joined(separator: "; ")))")
        }
        let byKey = Dictionary(protected.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for alias in aliases {
            guard var copy = byKey[alias.source] else { continue }
            copy.key = alias.area
            protected.append(copy)
        }
        protected.sort { $0.key < $1.key }
        return Result(
            cells: protected.map(control.publish), unrounded: protected, failures: failures,
            definitions: definitions)
    }

    static func measure(_ members: [AnalysisTables.Person], _ definition: IndicatorDefinition) -> CellMeasure {
        var eventHouseholds = Set<Pseudonym>()
        var otherHouseholds = Set<Pseudonym>()
        var events = 0
        for person in members {
            let household = person.household ?? person.incomeHousehold ?? person.pseudonym
            if definition.numerator.matches(person) {
                events += 1
                eventHouseholds.insert(household)
            } else {
                otherHouseholds.insert(household)
            }
        }
        let isHousehold = definition.disclosureClass == .household
        return .share(
            events: events, population: members.count, eventHouseholds: isHousehold ? eventHouseholds.count : nil,
            otherHouseholds: isHousehold ? otherHouseholds.count : nil)
    }
}

/// Writes indicator tables as CSV (`;`, UTF-8) and JSON, with status and reason on every cell.
public enum IndicatorTableWriter {
    public static func csv(_ result: IndicatorCalculator.Result) -> String {
        let sources = Dictionary(uniqueKeysWithValues: result.definitions.map { ($0.id, $0) })
        var lines = [PublishedCell.csvHeader + ";source_tables;definition_version"]
        for cell in result.cells {
            let definition = sources[cell.key.indicator]
            lines.append(
                cell.csvLine + ";" + (definition?.sources.joined(separator: ",") ?? "") + ";"
                    + String(definition?.definitionVersion ?? 1))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The private checker file (R11): unrounded values, the two largest contributions and the hash of
    /// the settings, for the person who checks the output. Never published.
    public static func checker(
        _ result: IndicatorCalculator.Result, options: TransformOptions, policy: DisclosurePolicy
    )
        -> String
    {
        let settings =
            "period=\(options.period);reference=\(options.referenceDate);vintage=\(options.vintage);pilot=\(options.pilotStart);"
            + options.areas.map { "\($0.code)=\($0.buurten.sorted())+\($0.gemeenten.sorted())-\($0.excluded.sorted())" }
            .joined(separator: ";") + ";policy=\(policy)"
        let hash = TableValidator.hex(SHA256.hash(data: Array(settings.utf8)))
        var lines = [
            "# PRIVATE CHECKER FILE - unrounded values, never publish; settings sha256 \(hash)",
            "indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator;units;largest;second;status;"
                + "suppression_reason",
        ]
        for cell in result.unrounded {
            var fields = [cell.key.indicator, cell.key.period, cell.key.geoLevel, cell.key.geoCode, cell.key.breakdown]
            switch cell.measure {
            case .count(let persons): fields += ["\(persons)", "", "", "", ""]
            case .share(let events, let population, _, _): fields += ["\(events)", "\(population)", "", "", ""]
            case .mean(let total, let units, let largest, let second):
                fields += ["\(total)", "", "\(units)", "\(largest)", "\(second)"]
            case .ratio(let numerator, let denominator, let units, let largest, let second):
                fields += ["\(numerator)", "\(denominator)", "\(units)", "\(largest)", "\(second)"]
            case .median(let value, let units, _, _): fields += ["\(value)", "", "\(units)", "", ""]
            }
            fields += [cell.status.rawValue, cell.reasons.map(\.rawValue).joined(separator: ",")]
            lines.append(CSVRecord.line(fields))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `indicatoren.csv` and `indicatoren.json`, ready to publish.
    public static func files(_ result: IndicatorCalculator.Result) throws -> [PublishedFolder.File] {
        let encoded: Data
        do { encoded = try json(result) } catch {
            throw WijkbeeldError(.internal, "cannot encode the indicator table", cause: "\(error)")
        }
        return [
            PublishedFolder.File("indicatoren.csv", Array(csv(result).utf8)),
            PublishedFolder.File("indicatoren.json", Array(encoded) + [10]),
        ]
    }

    /// Publishes `indicatoren.csv`, `indicatoren.json` and their `manifest.json` as the folder `folder`, swapped
    /// in whole (`PublishedFolder`).
    /// - Throws: `.cannotWrite` when the folder holds files wijkbeeld did not write or cannot be written.
    public static func write(_ result: IndicatorCalculator.Result, to folder: String) throws {
        try PublishedFolder.publish(PublishedFolder.withManifest(try files(result)), to: folder)
    }

    public static func json(_ result: IndicatorCalculator.Result) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(result.cells)
    }
}
