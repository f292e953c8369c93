import Foundation
import Yams

/// One YAML file that says everything a batch run or the monthly refresh needs: inputs, key, areas and
/// districts, periods, indicators, disclosure settings, output folder, languages.
///
/// Read strictly: an unknown key, a wrong type or an unknown code is an error naming the file, line and
/// column, before any work starts. Relative paths are relative to the configuration file's folder.
public struct RunConfiguration: Sendable {
    public var file: String
    public var input: String
    public var key: String?
    public var output: String
    public var periods: [ReportPeriod]
    public var vintage: Int?
    public var pilotStart: CalendarDate
    /// Every area cells are computed for; districts and comparisons are among them.
    public var areas: [AreaDefinition]
    /// The areas that get a report of their own.
    public var districts: [String]
    public var comparisons: [String]
    /// Indicator ids to publish; nil for all.
    public var indicators: Set<String>?
    public var definitions: [IndicatorDefinition]
    public var policy: DisclosurePolicy
    public var languages: [String]
    public var schoolNames: [String: String]
    public var historyYears: Int
    /// The refresh's lock file (operations.md B1).
    public var lock: String
    /// The private release log of R9 (unrounded counts of every cell published, every period and version):
    /// `release_log`, by default `<output>/release-log.private.csv`, mode 0600. It is kept apart from
    /// `history.sqlite`, which researchers may read and which holds published values only.
    public var releaseLog: String = ""
    /// What a second refresh does while one runs: `fail` (exit 75) or `wait`.
    public var onBusy: String
    /// A record-level export on request: k and l (disclosure.md); nil for none, the default.
    public var export: (k: Int, l: Int)?
    /// The SHA-256 of the file's bytes: which settings made a run.
    public var sha256: String

    static let keys: Set<String> = [
        "input", "key", "output", "periods", "vintage", "pilot_start", "areas", "districts", "comparisons",
        "indicators", "define", "disclosure", "languages", "school_names", "history_years", "lock", "on_busy", "export",
        "release_log",
    ]

    /// Reads and checks a configuration file.
    /// - Throws: `.configuration` naming the file, line and column of the first problem.
    public static func load(_ path: String) throws -> RunConfiguration {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw WijkbeeldError(.configuration, "cannot read the configuration \(path): check the path")
        }
        return try parse(text, file: path, sha256: ReportBuilder.sha256(Array(data)))
    }

    static func parse(_ text: String, file: String, sha256: String) throws -> RunConfiguration {
        let reader = YAMLReader(file: file)
        let root = try reader.compose(text, "the configuration is empty; see config/example.yaml")
        _ = try reader.mapping(root, "the configuration", known: keys)
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : URL(fileURLWithPath: folder + "/" + path).standardizedFileURL.path
        }

        guard let inputNode = root["input"] else { throw reader.error(root, "\"input\" is missing: the input folder") }
        guard let outputNode = root["output"] else {
            throw reader.error(root, "\"output\" is missing: the folder for runs, history and the published reports")
        }
        let output = resolve(try reader.string(outputNode, "output"))
        var configuration = RunConfiguration(
            file: file, input: resolve(try reader.string(inputNode, "input")),
            key: try root["key"].map { resolve(try reader.string($0, "key")) }, output: output, periods: [],
            vintage: try root["vintage"].map { try reader.int($0, "vintage", 1900...2100) },
            pilotStart: CalendarDate.known(2022, 8, 1), areas: AreaDefinition.defaults, districts: ["doelgebied"],
            comparisons: ["rest_tilburg", "nederland"], indicators: nil, definitions: IndicatorCatalogue.built,
            policy: DisclosurePolicy(), languages: ["nl"], schoolNames: [:], historyYears: 2,
            lock: output + "/wijkbeeld.lock", onBusy: "fail", export: nil, sha256: sha256)
        configuration.releaseLog =
            try root["release_log"].map { resolve(try reader.string($0, "release_log")) }
            ?? output + "/release-log.private.csv"
        if let node = root["periods"] {
            configuration.periods = try reader.sequence(node, "periods").map { item in
                do { return try ReportPeriod(parsing: try reader.string(item, "periods")) } catch {
                    throw reader.error(item, "a period is a year (2023) or a month (2023-06)")
                }
            }
        }
        if let node = root["pilot_start"] {
            let text = try reader.string(node, "pilot_start")
            let bytes = Array(text.utf8)
            guard let date = bytes.withUnsafeBufferPointer({ FieldParsing.date($0, format: .iso) }) else {
                throw reader.error(node, "pilot_start must be a date like 2022-08-01")
            }
            configuration.pilotStart = date
        }
        if let node = root["areas"] { configuration.areas = try areas(node, reader) }
        let codes = Set(configuration.areas.map(\.code))
        func areaCodes(_ name: String) throws -> [String]? {
            guard let node = root[name] else { return nil }
            return try reader.sequence(node, name).map { item in
                let code = try reader.string(item, name)
                guard codes.contains(code) else {
                    throw reader.error(
                        item, "\(name): \"\(code)\" is not an area; areas: \(codes.sorted().joined(separator: ", "))")
                }
                return code
            }
        }
        configuration.districts = try areaCodes("districts") ?? configuration.districts.filter(codes.contains)
        configuration.comparisons = try areaCodes("comparisons") ?? configuration.comparisons.filter(codes.contains)
        guard !configuration.districts.isEmpty else { throw reader.error(root, "\"districts\" names no area") }
        if let node = root["define"] {
            configuration.definitions += try IndicatorSpecification.parse(try reader.string(node, "define"), file: file)
        }
        if let node = root["indicators"], node.string != "all" {
            let known = Set(
                configuration.definitions.map(\.id) + [
                    "IND16", "IND17", "IND18", "IND19", "IND20", "IND21",
                    "IND22", "IND23", "IND24",
                ])
            configuration.indicators = Set(
                try reader.sequence(node, "indicators").map { item in
                    let id = try reader.string(item, "indicators")
                    guard known.contains(id) else { throw reader.error(item, "unknown indicator \"\(id)\"") }
                    return id
                })
        }
        if let node = root["disclosure"] { configuration.policy = try policy(node, reader) }
        if let node = root["languages"] {
            configuration.languages = try reader.sequence(node, "languages").map { item in
                let language = try reader.string(item, "languages")
                guard ["nl", "en"].contains(language) else { throw reader.error(item, "languages are nl and en") }
                return language
            }
        }
        if let node = root["school_names"] {
            for (key, value) in try reader.mapping(node, "school_names") {
                let brin = try reader.string(key, "school_names")
                guard AreaDefinition.isValidGeographyCode(brin, length: brin.count), !brin.isEmpty else {
                    throw reader.error(key, "school_names: \"\(brin)\" is not a BRIN (letters and digits only)")
                }
                configuration.schoolNames[brin] = try reader.string(value, "school_names")
            }
        }
        if let node = root["history_years"] {
            configuration.historyYears = try reader.int(node, "history_years", 0...10)
        }
        if let node = root["lock"] { configuration.lock = resolve(try reader.string(node, "lock")) }
        if let node = root["on_busy"] {
            configuration.onBusy = try reader.string(node, "on_busy")
            guard ["fail", "wait"].contains(configuration.onBusy) else {
                throw reader.error(node, "on_busy is fail (exit 75) or wait")
            }
        }
        if let node = root["export"] {
            var k = 10
            var l = 2
            for (key, value) in try reader.mapping(node, "export") {
                switch key.string {
                case "k": k = try reader.int(value, "export k", 10...1_000)
                case "l": l = try reader.int(value, "export l", 2...100)
                default: throw reader.error(key, "export takes k (at least 10) and l (at least 2)")
                }
            }
            configuration.export = (k, l)
        }
        return configuration
    }

    static func areas(_ node: Node, _ reader: YAMLReader) throws -> [AreaDefinition] {
        let fields: Set<String> = ["code", "name", "buurten", "gemeenten", "excluded", "everything"]
        var areas: [AreaDefinition] = []
        for item in try reader.sequence(node, "areas") {
            _ = try reader.mapping(item, "an area", known: fields)
            guard let code = item["code"], let name = item["name"] else {
                throw reader.error(item, "an area needs a code and a name")
            }
            func list(_ field: String, length: Int) throws -> Set<String> {
                guard let values = item[field] else { return [] }
                return Set(
                    try reader.sequence(values, field).map { value in
                        let text = try reader.string(value, field)
                        guard AreaDefinition.isValidGeographyCode(text, length: length) else {
                            throw reader.error(
                                value,
                                "\(field): \"\(text)\" should be \(length) letters or digits, like "
                                    + (length == 8 ? "0855ZZ01" : "0855"))
                        }
                        return text
                    })
            }
            let codeText = try reader.string(code, "code")
            guard AreaDefinition.isValidCode(codeText) else {
                throw reader.error(
                    code,
                    "area code \"\(codeText)\" is not allowed: use a letter, then letters, digits or _ "
                        + "(at most 40), e.g. doelgebied")
            }
            let area = AreaDefinition(
                code: codeText, name: try reader.string(name, "name"),
                buurten: try list("buurten", length: 8), gemeenten: try list("gemeenten", length: 4),
                excluded: try list("excluded", length: 8),
                everything: try item["everything"].map { try reader.bool($0, "everything") } ?? false)
            guard area.everything || !area.buurten.isEmpty || !area.gemeenten.isEmpty else {
                throw reader.error(item, "area \(area.code) has no buurten, gemeenten or everything: true")
            }
            guard !areas.contains(where: { $0.code == area.code }) else {
                throw reader.error(code, "area code \(area.code) is used twice")
            }
            areas.append(area)
        }
        return areas
    }

    static func policy(_ node: Node, _ reader: YAMLReader) throws -> DisclosurePolicy {
        var policy = DisclosurePolicy()
        let fields: [String: WritableKeyPath<DisclosurePolicy, Int>] = [
            "minimum_count": \.minimumCount, "minimum_households": \.minimumHouseholds,
            "quantile_side": \.quantileSide, "protection_width": \.protectionWidth,
            "count_round_base": \.countRoundBase, "denominator_round_base": \.denominatorRoundBase,
        ]
        for (key, value) in try reader.mapping(node, "disclosure") {
            let name = key.string ?? ""
            guard let path = fields[name] else {
                throw reader.error(
                    key,
                    "unknown disclosure setting \"\(name)\"; known: \(fields.keys.sorted().joined(separator: ", "))")
            }
            // Rules may be made stricter, never looser than disclosure.md.
            let number = try reader.int(value, name, 1...1_000)
            guard number >= DisclosurePolicy()[keyPath: path] else {
                throw reader.error(
                    value, "\(name) may not be below \(DisclosurePolicy()[keyPath: path]) (disclosure.md)")
            }
            policy[keyPath: path] = number
        }
        return policy
    }

    /// The indicators of one period's tables with this configuration's definitions, disclosure settings and
    /// selection.
    /// - Parameter released: the cells of the release log that this period's cells are compared with (R9).
    public func indicators(_ tables: AnalysisTables, released: [CellKey: ReleasedCell] = [:]) throws
        -> IndicatorCalculator.Result
    {
        var result = try IndicatorCalculator.compute(
            tables, definitions: definitions, policy: policy, released: released)
        if let indicators { result.cells = result.cells.filter { indicators.contains($0.key.indicator) } }
        return result
    }

    /// Report options as this configuration sets them: school names, comparisons, the file's hash.
    public func reportOptions(commit: String) -> ReportOptions {
        var options = ReportOptions()
        options.commit = commit
        options.schoolNames = schoolNames
        options.comparisons = comparisons
        options.configSHA256 = sha256
        return options
    }

    /// The transform options of one period under this configuration, reporting progress to `log`.
    /// Without a configured vintage, `defaultVintage` (or the period's year) is used.
    public func transformOptions(_ period: ReportPeriod, log: RunLog? = nil, defaultVintage: Int? = nil)
        -> TransformOptions
    {
        var options = TransformOptions(period: period, areas: areas)
        if let log { options.progress = { log.progress($0) } }
        if let vintage = vintage ?? defaultVintage { options.vintage = vintage }
        options.pilotStart = pilotStart
        return options
    }
}
