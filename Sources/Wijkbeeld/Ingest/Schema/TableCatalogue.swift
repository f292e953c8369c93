/// Every input table Wijkbeeld reads, and how a file is recognised as one of them.
public enum TableCatalogue {
    /// All schemas: the 14 CBS tables, then the local files.
    public static let all: [TableSchema] = CBSTableSchemas.all + LocalTableSchemas.all

    /// Per schema, the longest literal run of its file-name pattern in lower case: every name the
    /// pattern matches contains it.
    static let literalCores: [String] = all.map { literalCore(of: $0.fileNamePattern) }

    /// The longest run of letters, digits and underscores outside escapes, without a last character that
    /// a quantifier makes optional.
    static func literalCore(of pattern: String) -> String {
        var runs: [String] = []
        var run = ""
        var characters = Array(pattern)[...]
        while let character = characters.popFirst() {
            if character.isLetter || character.isNumber || character == "_" {
                run.append(character)
                continue
            }
            if ["?", "*", "{"].contains(character), !run.isEmpty { run.removeLast() }
            if character == "\\" { _ = characters.popFirst() }
            if character == "{" { while let next = characters.popFirst(), next != "}" {} }
            runs.append(run)
            run = ""
        }
        runs.append(run)
        return (runs.max { $0.count < $1.count } ?? "").lowercased()
    }

    public static func schema(named name: String) -> TableSchema? {
        all.first { $0.name == name }
    }

    /// A file recognised as a table, with the year and version its name carries.
    public struct Recognition: Sendable {
        public var schema: TableSchema
        public var year: Int?
        public var version: Int?
        /// How it was recognised: `file name` or `header`.
        public var basis: String
    }

    /// Recognises a table from a file name (without folder), case-insensitively.
    public static func recognise(fileName: String) -> Recognition? {
        let stem = fileName.lowercased().hasSuffix(".csv") ? String(fileName.dropLast(4)) : fileName
        let lowered = stem.lowercased()
        for (schema, core) in zip(all, literalCores) {
            // Compiling a pattern is what recognising costs: only those whose literal core the name holds.
            guard lowered.contains(core), let regex = try? Regex("^(?i:" + schema.fileNamePattern + ")(_SYNTH)?$"),
                let match = try? regex.wholeMatch(in: stem)
            else { continue }
            var numbers: [Int] = []
            for index in 1..<match.count {
                if let substring = match[index].substring, let number = Int(substring) { numbers.append(number) }
            }
            let isCBS = CBSTableSchemas.all.contains { $0.name == schema.name }
            return Recognition(
                schema: schema, year: isCBS ? numbers.first : nil, version: isCBS ? numbers.dropFirst().last : nil,
                basis: "file name")
        }
        return nil
    }

    /// Recognises a table from its header when the file name says nothing: the schema whose
    /// required columns are all present and which matches the most columns.
    public static func recognise(header: [String]) -> Recognition? {
        let labels = Set(header.map { $0.trimmingSpacesAndBOM().lowercased() })
        var best: (schema: TableSchema, score: Int)?
        for schema in all {
            let required = schema.fields.filter { $0.requiredLabel && !$0.name.hasSuffix("*") }
            guard required.allSatisfy({ labels.contains($0.name.lowercased()) }) else { continue }
            let score = schema.fields.filter { labels.contains($0.name.lowercased()) }.count
            if score > (best?.score ?? 0) { best = (schema, score) }
        }
        return best.map { Recognition(schema: $0.schema, year: nil, version: nil, basis: "header") }
    }
}

extension String {
    /// The string without leading and trailing spaces and without a byte-order mark (P2).
    func trimmingSpacesAndBOM() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
