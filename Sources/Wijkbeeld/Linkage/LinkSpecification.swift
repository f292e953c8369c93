import Foundation
import Yams

/// How to link two CSV files (`wijkbeeld link --spec`): key columns, comparisons, blocking rules, threshold.
/// Read from YAML; every column is checked against the files' headers before any work starts.
public struct LinkSpecification: Sendable {
    /// How two values are compared, with the agreement levels from best to worst (missing is its own level).
    public enum Method: String, Sendable, CaseIterable {
        /// Equal after trimming and case folding, or not.
        case exact
        /// Jaro–Winkler bands: equal, ≥ 0.92, ≥ 0.80, else.
        case jaroWinkler = "jaro_winkler"
        /// Damerau–Levenshtein: equal, 1 edit, 2 edits, else.
        case levenshtein
        /// A Dutch surname: prefix split off; the core by Jaro–Winkler bands.
        case surname
        /// A call name against every given name of the other side: equal to one, close to one, else.
        case givenName = "given_name"
        /// A date (YYYY-MM-DD or YYYYMMDD): equal, day and month swapped, one typing error, within a year, else.
        case date

        var levels: Int {
            switch self {
            case .exact: 2
            case .jaroWinkler, .levenshtein, .surname, .givenName: 4
            case .date: 5
            }
        }
    }

    public struct Comparison: Sendable {
        public var name: String
        public var left: String
        public var right: String
        public var method: Method
        /// Surnames: adjust the exact level's u to how common the value is (term frequency).
        public var termFrequency: Bool
    }

    /// A derived blocking key: a column as it is, or `soundex(col)`, `year(col)`, `surname(col)`, `first(col)`.
    public struct BlockingKey: Sendable, Equatable {
        public var function: String
        public var left: String
        public var right: String
    }

    public var leftKey: String
    public var rightKey: String
    public var comparisons: [Comparison]
    public var blocking: [[BlockingKey]]
    /// Pairs with at least this match probability are links.
    public var threshold: Double
    /// Each left entity links to at most one right entity and vice versa (one record each unless the
    /// entity columns say which records are one person).
    public var oneToOne: Bool
    /// Columns whose equal (folded) values make records of one side the same entity: a person with
    /// several care episodes. Empty: every record is its own entity.
    public var leftEntity: [String]
    public var rightEntity: [String]
    /// A column pair holding a trusted identifier: pairs that share it train m (instead of EM alone).
    public var trainOn: (left: String, right: String)?
    /// A blocking setup that would create more candidate pairs than this is refused.
    public var maxPairs: Int
    public var seed: UInt64
    /// Random record pairs drawn to estimate u.
    public var uSamples = 200_000
    /// Every left record is a different person (a pupil list, a person register): pairs of left records
    /// then show how often different persons agree on several comparisons at once (see `RecordLinker`).
    public var distinctLeft = false

    public static func load(_ path: String) throws -> LinkSpecification {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw WijkbeeldError(.configuration, "cannot read the link specification \(path)")
        }
        return try parse(text, file: path)
    }

    static func parse(_ text: String, file: String) throws -> LinkSpecification {
        let reader = RunConfiguration.Reader(file: file)
        let root = try reader.compose(text, "the specification is empty; see bench/link-spec.yaml")
        let known: Set<String> = [
            "left_key", "right_key", "comparisons", "blocking", "threshold", "one_to_one", "train_on", "max_pairs",
            "seed",
            "left_entity", "right_entity", "distinct_left",
        ]
        for key in try reader.mapping(root, "the specification").keys where !known.contains(key.string ?? "") {
            throw reader.error(
                key, "unknown setting \"\(key.string ?? "?")\"; known: \(known.sorted().joined(separator: ", "))")
        }
        func required(_ name: String) throws -> Node {
            guard let node = root[name] else { throw reader.error(root, "\"\(name)\" is missing") }
            return node
        }
        var comparisons: [Comparison] = []
        for item in try reader.sequence(try required("comparisons"), "comparisons") {
            guard let column = item["column"] ?? item["left"] else {
                throw reader.error(item, "a comparison needs column (or left and right)")
            }
            let left = try reader.string(column, "column")
            let right = try item["right"].map { try reader.string($0, "right") } ?? left
            let methodName = try item["method"].map { try reader.string($0, "method") } ?? "exact"
            guard let method = Method(rawValue: methodName) else {
                throw reader.error(
                    item["method"] ?? item,
                    "unknown comparison \"\(methodName)\"; known: \(Method.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            comparisons.append(
                Comparison(
                    name: try item["name"].map { try reader.string($0, "name") } ?? left, left: left, right: right,
                    method: method, termFrequency: item["term_frequency"]?.bool ?? false))
        }
        var blocking: [[BlockingKey]] = []
        for rule in try reader.sequence(try required("blocking"), "blocking") {
            blocking.append(
                try reader.sequence(rule, "a blocking rule").map { item in
                    let text = try reader.string(item, "a blocking key")
                    var function = ""
                    var column = text
                    if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
                        function = String(text[..<open])
                        column = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
                        guard ["soundex", "year", "surname", "first", "month"].contains(function) else {
                            throw reader.error(
                                item,
                                "unknown blocking function \(function); known: soundex, year, month, surname, first")
                        }
                    }
                    let parts = column.split(separator: "=").map { String($0).trimmingCharacters(in: .whitespaces) }
                    return BlockingKey(function: function, left: parts[0], right: parts.count > 1 ? parts[1] : parts[0])
                })
        }
        guard !blocking.isEmpty else { throw reader.error(root, "blocking needs at least one rule") }
        var trainOn: (String, String)?
        if let node = root["train_on"] {
            let text = try reader.string(node, "train_on")
            let parts = text.split(separator: "=").map { String($0).trimmingCharacters(in: .whitespaces) }
            trainOn = (parts[0], parts.count > 1 ? parts[1] : parts[0])
        }
        let threshold =
            try root["threshold"].map { node -> Double in
                guard let value = node.float, value > 0, value < 1 else {
                    throw reader.error(node, "threshold is a probability between 0 and 1")
                }
                return value
            } ?? 0.9
        var specification = LinkSpecification(
            leftKey: try reader.string(try required("left_key"), "left_key"),
            rightKey: try reader.string(try required("right_key"), "right_key"), comparisons: comparisons,
            blocking: blocking, threshold: threshold, oneToOne: root["one_to_one"]?.bool ?? false,
            leftEntity: try root["left_entity"].map {
                try reader.sequence($0, "left_entity").map { try reader.string($0, "left_entity") }
            } ?? [],
            rightEntity: try root["right_entity"].map {
                try reader.sequence($0, "right_entity").map { try reader.string($0, "right_entity") }
            } ?? [],
            trainOn: trainOn,
            maxPairs: try root["max_pairs"].map { try reader.int($0, "max_pairs", 1...2_000_000_000) } ?? 50_000_000,
            seed: UInt64(try root["seed"].map { try reader.int($0, "seed", 0...Int.max) } ?? 1))
        specification.distinctLeft = root["distinct_left"]?.bool ?? false
        return specification
    }
}
