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

    /// The keys of the specification's root mapping.
    static let settings: Set<String> = [
        "left_key", "right_key", "comparisons", "blocking", "threshold", "one_to_one", "train_on", "max_pairs",
        "seed", "left_entity", "right_entity", "distinct_left",
    ]
    /// The keys of one comparison.
    static let comparisonSettings: Set<String> = ["column", "left", "right", "method", "name", "term_frequency"]
    static let blockingFunctions = ["soundex", "year", "month", "surname", "first"]

    /// Reads and checks a specification file.
    /// - Throws: `.configuration` naming the file, line and column of the first problem.
    public static func load(_ path: String) throws -> LinkSpecification {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw WijkbeeldError(
                .configuration, "cannot read the link specification \(path): check the path", cause: "\(error)")
        }
        return try parse(text, file: path)
    }

    /// Parses a specification strictly: unknown keys (at the root and in a comparison), wrong types, empty
    /// lists and out-of-range numbers are errors at their line and column.
    static func parse(_ text: String, file: String) throws -> LinkSpecification {
        let reader = YAMLReader(file: file)
        let root = try reader.compose(text, "the specification is empty; see bench/link-spec.yaml")
        _ = try reader.mapping(root, "the specification", known: settings)
        func required(_ name: String, _ what: String) throws -> Node {
            guard let node = root[name] else { throw reader.error(root, "\"\(name)\" is missing: \(what)") }
            return node
        }
        let comparisons = try reader.sequence(
            try required("comparisons", "the list of comparisons"), "comparisons", nonEmpty: true
        ).map { try comparison($0, reader) }
        let blocking = try reader.sequence(
            try required("blocking", "the list of blocking rules"), "blocking", nonEmpty: true
        ).map { rule in
            try reader.sequence(rule, "a blocking rule", nonEmpty: true).map { try blockingKey($0, reader) }
        }
        var trainOn: (String, String)?
        if let node = root["train_on"] { trainOn = try columnPair(node, "train_on", reader) }
        func entity(_ name: String) throws -> [String] {
            guard let node = root[name] else { return [] }
            return try reader.sequence(node, name, nonEmpty: true).map { try reader.string($0, name) }
        }
        func flag(_ name: String) throws -> Bool { try root[name].map { try reader.bool($0, name) } ?? false }
        var specification = LinkSpecification(
            leftKey: try reader.string(try required("left_key", "the left file's key column"), "left_key"),
            rightKey: try reader.string(try required("right_key", "the right file's key column"), "right_key"),
            comparisons: comparisons, blocking: blocking,
            threshold: try root["threshold"].map { try reader.double($0, "threshold", above: 0, below: 1) } ?? 0.9,
            oneToOne: try flag("one_to_one"), leftEntity: try entity("left_entity"),
            rightEntity: try entity("right_entity"), trainOn: trainOn,
            maxPairs: try root["max_pairs"].map { try reader.int($0, "max_pairs", 1...2_000_000_000) } ?? 50_000_000,
            seed: UInt64(try root["seed"].map { try reader.int($0, "seed", 0...Int.max) } ?? 1))
        specification.distinctLeft = try flag("distinct_left")
        return specification
    }

    /// One item of `comparisons`: `column` (the same in both files) or `left` and `right`, a `method`,
    /// optionally a `name` and `term_frequency`.
    static func comparison(_ item: Node, _ reader: YAMLReader) throws -> Comparison {
        _ = try reader.mapping(item, "a comparison", known: comparisonSettings)
        let left: String
        let right: String
        if let column = item["column"] {
            if let other = item["left"] ?? item["right"] {
                throw reader.error(other, "a comparison takes column, or left and right, not both")
            }
            left = try reader.string(column, "column")
            right = left
        } else if let leftNode = item["left"], let rightNode = item["right"] {
            left = try reader.string(leftNode, "left")
            right = try reader.string(rightNode, "right")
        } else {
            throw reader.error(
                item, "a comparison needs column (the same in both files) or both left and right")
        }
        let known = Method.allCases.map(\.rawValue).joined(separator: ", ")
        guard let methodNode = item["method"] else {
            throw reader.error(item, "the comparison of \(left) needs a method; known: \(known)")
        }
        let methodName = try reader.string(methodNode, "method")
        guard let method = Method(rawValue: methodName) else {
            throw reader.error(methodNode, "unknown comparison method \"\(methodName)\"; known: \(known)")
        }
        return Comparison(
            name: try item["name"].map { try reader.string($0, "name") } ?? left, left: left, right: right,
            method: method,
            termFrequency: try item["term_frequency"].map { try reader.bool($0, "term_frequency") } ?? false)
    }

    /// One key of a blocking rule: `column`, `left=right`, or a function of either, like `soundex(achternaam)`.
    static func blockingKey(_ item: Node, _ reader: YAMLReader) throws -> BlockingKey {
        let text = try reader.string(item, "a blocking key")
        var function = ""
        var column = text
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            function = String(text[..<open])
            column = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            guard blockingFunctions.contains(function) else {
                throw reader.error(
                    item,
                    "unknown blocking function \(function); known: \(blockingFunctions.joined(separator: ", "))")
            }
        }
        let (left, right) = try columnPair(column, item, "a blocking key", reader)
        return BlockingKey(function: function, left: left, right: right)
    }

    /// `column` or `left=right` from a node's text.
    static func columnPair(_ node: Node, _ name: String, _ reader: YAMLReader) throws -> (String, String) {
        try columnPair(try reader.string(node, name), node, name, reader)
    }

    static func columnPair(_ text: String, _ node: Node, _ name: String, _ reader: YAMLReader) throws -> (
        String, String
    ) {
        let parts = text.split(separator: "=", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        guard parts.count <= 2, let left = parts.first, let right = parts.last, !left.isEmpty, !right.isEmpty else {
            throw reader.error(node, "\(name) \"\(text)\" is a column, or left=right when the names differ")
        }
        return (left, right)
    }
}
