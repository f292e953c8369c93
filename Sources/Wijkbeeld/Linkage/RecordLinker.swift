import Foundation

/// Fellegi–Sunter record linkage of two tables: blocking, comparison levels, u from random pairs, m from
/// EM (or from pairs that share a trusted identifier), match weights and probabilities, and an optional
/// one-to-one assignment. Deterministic for a given seed.
public struct RecordLinker {

    /// One linked pair.
    public struct Link: Sendable, Equatable {
        public var left: Int
        public var right: Int
        public var weight: Double
        public var probability: Double
        /// The agreement level per comparison: 0 best, 255 missing.
        public var pattern: [UInt8]
    }

    public struct Result: Sendable {
        public var links: [Link]
        public var candidatePairs: Int
        public var lambda: Double
        public var m: [[Double]]
        public var u: [[Double]]
        /// How m was estimated: `em` or `labels`.
        public var training: String
        /// Agreement sets (comparison indexes) whose weight the left records' own pairs lowered, in bits.
        public var dependence: [(comparisons: [Int], bits: Double)] = []
    }

    static let missing: UInt8 = 255

    let specification: LinkSpecification
    let left: Table
    let right: Table
    /// Per comparison and row, the code of the prepared value (-1 for a missing one), shared by both
    /// tables and flat by comparison: equal codes are equal values, so most pairs are settled by two
    /// integers.
    private(set) var leftCodes: [Int32] = []
    private(set) var rightCodes: [Int32] = []
    /// Per comparison, the prepared value of each code.
    private(set) var values: [PreparedValues] = []
    /// Per comparison, how many right rows have each code (for term frequencies).
    private var rightCodeCounts: [[Int]] = []
    /// Each column expression the specification uses, by distinct text, per table (lower-cased keys).
    private var leftColumns: [String: DistinctColumn] = [:]
    private var rightColumns: [String: DistinctColumn] = [:]
    let methods: [LinkSpecification.Method]

    /// A value prepared once for its comparison: the text it is compared on, and a date's day number.
    struct Prepared {
        var text: [UInt8]
        var day: Int?
    }

    /// Reads every column the specification names once; each distinct value is prepared once.
    /// - Throws: `.configuration` naming a column a file does not have, before any work.
    public init(specification: LinkSpecification, left: Table, right: Table) throws {
        self.specification = specification
        self.left = left
        self.right = right
        methods = specification.comparisons.map(\.method)
        _ = try left.column(specification.leftKey)
        _ = try right.column(specification.rightKey)
        var expressions = specification.comparisons.map { ($0.left, $0.right) }
        for rule in specification.blocking {
            for key in rule {
                _ = try left.column(key.left)
                _ = try right.column(key.right)
                expressions.append((key.left, key.right))
            }
        }
        for column in specification.leftEntity { _ = try left.column(column) }
        for column in specification.rightEntity { _ = try right.column(column) }
        if let train = specification.trainOn {
            _ = try left.column(train.left)
            _ = try right.column(train.right)
        }
        // Every column expression of either table once, as independent tasks on both cores.
        var jobs: [(table: Table, expression: String, isLeft: Bool)] = []
        var seen = Set<String>()
        let named =
            expressions.flatMap { [("l" + $0.0.lowercased()), ("r" + $0.1.lowercased())] }
            + specification.leftEntity.map { "l" + $0.lowercased() }
            + specification.rightEntity.map { "r" + $0.lowercased() }
        for name in named where seen.insert(name).inserted {
            let isLeft = name.hasPrefix("l")
            jobs.append((isLeft ? left : right, String(name.dropFirst()), isLeft))
        }
        let readers = try jobs.map { try $0.table.values($0.expression) }
        let columns = BothCores.tasks(jobs.count) { index in
            Self.distinct(jobs[index].table.rows.count, readers[index])
        }
        for (job, column) in zip(jobs, columns) {
            if job.isLeft { leftColumns[job.expression] = column } else { rightColumns[job.expression] = column }
        }
        let (leftColumns, rightColumns) = (leftColumns, rightColumns)
        let coded = BothCores.tasks(specification.comparisons.count) { k in
            let comparison = specification.comparisons[k]
            let method = comparison.method
            let (leftColumn, rightColumn) = (
                leftColumns[comparison.left.lowercased()] ?? DistinctColumn(),
                rightColumns[comparison.right.lowercased()] ?? DistinctColumn()
            )
            let coded = Self.codes(
                [leftColumn, rightColumn], derive: { Self.prepare($0, method) },
                key: { $0.text.isEmpty ? nil : $0.text })
            return (coded.rows, PreparedValues(coded.values, method: method))
        }
        for (rows, prepared) in coded {
            leftCodes += rows[0]
            rightCodes += rows[1]
            values.append(prepared)
            var counts = [Int](repeating: 0, count: prepared.count)
            for code in rows[1] where code >= 0 { counts[Int(code)] += 1 }
            rightCodeCounts.append(counts)
        }
    }

    /// The column expression's distinct texts in the left (`isLeft`) or right table; read in `init`.
    func distinctColumn(_ expression: String, isLeft: Bool) -> DistinctColumn {
        (isLeft ? leftColumns : rightColumns)[expression.lowercased()] ?? DistinctColumn()
    }

    static func prepare(_ raw: String, _ method: LinkSpecification.Method) -> Prepared {
        switch method {
        case .surname:
            return Prepared(text: Array(DutchName.surname(raw).core.utf8))
        case .givenName, .jaroWinkler:
            return Prepared(text: Array(DutchName.fold(raw).utf8))
        case .date:
            let digits = Array(raw.utf8.filter { (48...57).contains($0) })
            var day: Int?
            if digits.count == 8, let year = Int(String(decoding: digits[0..<4], as: UTF8.self)),
                let month = Int(String(decoding: digits[4..<6], as: UTF8.self)),
                let date = CalendarDate(
                    year: year, month: month, day: Int(String(decoding: digits[6..<8], as: UTF8.self)) ?? 0)
            {
                day = date.daysSinceEpoch
            }
            return Prepared(text: digits.count == 8 ? digits : [], day: day)
        case .exact, .levenshtein:
            // Spaces carry no meaning here: "5024 cm" is "5024CM".
            return Prepared(text: Array(DutchName.fold(raw).utf8.filter { $0 != 32 }))
        }
    }

    /// The agreement level of two prepared values: 0 best, higher worse, `missing` when either is empty.
    static func level(_ a: Prepared, _ b: Prepared, _ method: LinkSpecification.Method) -> UInt8 {
        if a.text.isEmpty || b.text.isEmpty { return missing }
        if a.text == b.text { return 0 }
        return PreparedValues([a, b], method: method).level(0, 1)
    }

    func pattern(_ l: Int, _ r: Int) -> [UInt8] {
        var levels = [UInt8](repeating: 0, count: methods.count)
        pattern(l, r, into: &levels)
        return levels
    }

    /// The agreement levels of a pair, written into a reused buffer (the hot loop of u sampling).
    func pattern(_ l: Int, _ r: Int, into levels: inout [UInt8]) {
        let (leftCount, rightCount) = (left.rows.count, right.rows.count)
        for k in methods.indices {
            // Equal codes agree at level 0 and a missing side is missing, whatever the method.
            let (a, b) = (leftCodes[k * leftCount + l], rightCodes[k * rightCount + r])
            if a < 0 || b < 0 {
                levels[k] = Self.missing
            } else if a == b {
                levels[k] = 0
            } else {
                levels[k] = values[k].level(a, b)
            }
        }
    }

    // MARK: - Estimation and scoring

    /// Links the two tables.
    ///
    /// u comes from random record pairs; m and the prior of a match from `estimateM`; with
    /// `distinct_left`, the dependence corrections from the left records' own pairs. The prior is over all
    /// possible pairs, so weights are relative to the same population as u.
    public func run() throws -> Result {
        let comparisons = specification.comparisons
        let (candidates, byRule) = try candidatePairs()
        let patterns = patterns(of: candidates)
        let levels = comparisons.map(\.method.levels)

        var random = SplitMix64(seed: specification.seed)
        let samples = min(specification.uSamples, left.rows.count * right.rows.count)
        let randomPairs = (0..<samples).map { _ in
            (random.int(in: 0...(left.rows.count - 1)), random.int(in: 0...(right.rows.count - 1)))
        }
        let uCounts = levelCounts(of: randomPairs, levels: levels)
        let u = uCounts.map { counts in counts.map { $0 / counts.reduce(0, +) } }

        let dependence = specification.distinctLeft ? dependenceCorrection(patterns) : [:]
        let (m, training, lambda) = try estimateM(
            candidates: candidates, byRule: byRule, patterns: patterns, u: u, dependence: dependence)

        // Term frequencies: the share of right rows holding the left value, for comparisons that ask for them.
        let rightTotals = rightCodeCounts.map { max(Double($0.reduce(0, +)), 1) }
        func frequency(_ k: Int, _ l: Int) -> Double? {
            let code = leftCodes[k * left.rows.count + l]
            guard code >= 0, rightCodeCounts[k][Int(code)] > 0 else { return nil }
            return Double(rightCodeCounts[k][Int(code)]) / rightTotals[k]
        }

        var links: [Link] = []
        for (index, pair) in candidates.enumerated() {
            let pattern = patterns[index]
            var weight = log2(lambda / (1 - lambda)) + (dependence[Self.agreementSet(pattern)] ?? 0)
            for (k, level) in pattern.enumerated() where level != Self.missing {
                var uValue = u[k][Int(level)]
                if level == 0, comparisons[k].termFrequency, let tf = frequency(k, pair.0) {
                    uValue = max(tf, 1e-6)
                }
                weight += log2(m[k][Int(level)] / uValue)
            }
            let probability = 1 / (1 + pow(2, -weight))
            guard probability >= specification.threshold else { continue }
            links.append(Link(left: pair.0, right: pair.1, weight: weight, probability: probability, pattern: pattern))
        }
        if specification.oneToOne {
            // Entities: records with equal entity columns are one; greedy by the best weight between them.
            let leftEntity = entities(specification.leftEntity, isLeft: true)
            let rightEntity = entities(specification.rightEntity, isLeft: false)
            var best: [UInt64: Double] = [:]
            for link in links {
                let pair = UInt64(leftEntity[link.left]) << 32 | UInt64(rightEntity[link.right])
                best[pair] = max(best[pair] ?? -.infinity, link.weight)
            }
            var usedLeft = Set<Int>()
            var usedRight = Set<Int>()
            var chosen = Set<UInt64>()
            for (pair, _) in best.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                let (l, r) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
                guard !usedLeft.contains(l), !usedRight.contains(r) else { continue }
                usedLeft.insert(l)
                usedRight.insert(r)
                chosen.insert(pair)
            }
            links = links.filter { chosen.contains(UInt64(leftEntity[$0.left]) << 32 | UInt64(rightEntity[$0.right])) }
        }
        var result = Result(
            links: links, candidatePairs: candidates.count, lambda: lambda, m: m, u: u, training: training)
        result.dependence = dependence.sorted { $0.key < $1.key }.map { mask, bits in
            (comparisons.indices.filter { mask & (1 << UInt64($0)) != 0 }, bits)
        }
        return result
    }

    /// The entity number of every record of one table: records with equal folded values of `columns` are
    /// one entity, numbered in order of first appearance.
    func entities(_ columns: [String], isLeft: Bool) -> [Int] {
        guard !columns.isEmpty else { return Array((isLeft ? left : right).rows.indices) }
        let parts = BothCores.tasks(columns.count) { index in
            Self.codes([distinctColumn(columns[index], isLeft: isLeft)], derive: DutchName.fold, key: { $0 }).rows
        }
        return Self.combined(parts)[0].map(Int.init)
    }

    static func posterior(_ pattern: [UInt8], lambda: Double, m: [[Double]], u: [[Double]]) -> Double {
        var match = lambda
        var other = 1 - lambda
        for (k, level) in pattern.enumerated() where level != missing {
            match *= m[k][Int(level)]
            other *= u[k][Int(level)]
        }
        return match / max(match + other, 1e-300)
    }

    /// The links as CSV: both keys, weight, probability and the agreement pattern.
    public func csv(_ result: Result) throws -> String {
        let leftKey = try left.column(specification.leftKey)
        let rightKey = try right.column(specification.rightKey)
        var lines = ["left_key;right_key;match_weight;match_probability;agreement"]
        for link in result.links {
            let pattern = zip(specification.comparisons, link.pattern).map { comparison, level in
                "\(comparison.name)=\(level == Self.missing ? "null" : String(level))"
            }.joined(separator: ",")
            lines.append(
                CSVRecord.line([
                    left.value(link.left, leftKey), right.value(link.right, rightKey),
                    String(format: "%.4f", link.weight), String(format: "%.6f", link.probability), pattern,
                ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Precision, recall and F1 of the links against true (left key, right key) pairs.
    public func evaluate(_ result: Result, truth: Set<String>) throws -> (precision: Double, recall: Double, f1: Double)
    {
        let leftKey = try left.column(specification.leftKey)
        let rightKey = try right.column(specification.rightKey)
        let found = Set(result.links.map { left.value($0.left, leftKey) + "\u{1F}" + right.value($0.right, rightKey) })
        let correct = Double(found.intersection(truth).count)
        let precision = found.isEmpty ? 1 : correct / Double(found.count)
        let recall = truth.isEmpty ? 1 : correct / Double(truth.count)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return (precision, recall, f1)
    }
}
