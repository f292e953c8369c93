/// The declared shape of one input table: its columns, keys, missing tokens and how a bad row is handled.
public struct TableSchema: Sendable {
    /// What happens to a file with row errors.
    public enum Policy: String, Sendable {
        /// Bad rows are rejected (and quarantined); the rest of the file is used.
        case rejectRow = "reject-row"
        /// Any error fails the whole file (reference tables, where one bad row distorts everything).
        case failFile = "fail-file"
    }

    /// A reference from columns of this table to the key of another table.
    public struct ForeignKey: Sendable {
        public var fields: [String]
        public var table: String
        public var referenceFields: [String]
        /// The referenced table is looked up in the same folder (one school's exports).
        public var sameFolder: Bool
        /// What a value without a match does: reject the row, or (a legal parent outside GBAPERSOONTAB) keep the
        /// row with the cell treated as missing and a warning.
        public var unmatched: FieldSchema.Severity = .reject
    }

    public var name: String
    /// Case-insensitive regular expression for the file name without `.csv`; group 1 is the year if any.
    public var fileNamePattern: String
    public var fields: [FieldSchema]
    public var primaryKey: [String]
    public var foreignKeys: [ForeignKey]
    /// Tokens meaning "missing" in every column (CBS: `""`, `-`, `--`, `----`).
    public var missingValues: Set<String>
    public var policy: Policy
    /// Read before other tables because other tables refer to it.
    public var isReference: Bool

    public init(
        name: String, fileNamePattern: String, fields: [FieldSchema], primaryKey: [String] = [],
        foreignKeys: [ForeignKey] = [], missingValues: Set<String>, policy: Policy = .rejectRow,
        isReference: Bool = false
    ) {
        self.name = name
        self.fileNamePattern = fileNamePattern
        self.fields = fields
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.missingValues = missingValues
        self.policy = policy
        self.isReference = isReference
        indexByName = Dictionary(
            fields.enumerated().flatMap { [($1.name, $0), ($1.name.lowercased(), $0)] },
            uniquingKeysWith: { first, _ in first })
    }

    /// Field positions by lower-cased name, built once: rows look fields up by name in hot loops.
    private let indexByName: [String: Int]

    /// Index of the field named `name` (case-insensitive), if declared.
    /// - Complexity: O(1) for a name in its declared or lower case; otherwise it is lower-cased first.
    public func fieldIndex(_ name: String) -> Int? {
        if let index = indexByName[name] { return index }
        return indexByName[name.lowercased()]
    }
}
