/// The validation result for one file: what it was recognised as, its accounting and its issues.
public struct ValidationTask: Sendable, Codable {
    public struct Stats: Sendable, Codable, Equatable {
        public var errors = 0
        public var warnings = 0
        public var bytes = 0
        public var sha256 = ""
        public var fields = 0
        /// Data rows read (the header is not counted).
        public var rows = 0
    }

    /// Table name, e.g. `GBAPERSOONTAB`.
    public var name: String
    public var type = "table"
    /// Path of the file relative to the validated folder.
    public var place: String
    public var year: Int?
    public var valid = true
    public var labels: [String] = []
    public var encoding = "utf-8"
    public var delimiter = ";"
    public var policy: String
    public var stats = Stats()
    /// Rows read = rows accepted + rows rejected.
    public var rowsAccepted = 0
    public var rowsRejected = 0
    /// Issues per type, including those beyond the ones listed.
    public var issueCounts: [String: Int] = [:]
    /// The first issues found (at most `ValidationTask.listedIssueLimit`).
    public var errors: [ValidationIssue] = []

    public static let listedIssueLimit = 1_000

    init(name: String, place: String, policy: TableSchema.Policy) {
        self.name = name
        self.place = place
        self.policy = policy.rawValue
    }

    mutating func record(_ issue: ValidationIssue) {
        issueCounts[issue.type.rawValue, default: 0] += 1
        if issue.severity == .error { stats.errors += 1 } else { stats.warnings += 1 }
        if errors.count < ValidationTask.listedIssueLimit { errors.append(issue) }
    }

    /// Whether the accounting identity holds.
    public var isBalanced: Bool { stats.rows == rowsAccepted + rowsRejected }
}

/// The validation report of a folder: one task per file, in the shape of Frictionless's report.
public struct ValidationReport: Sendable, Codable {
    public struct Stats: Sendable, Codable {
        public var tasks = 0
        public var errors = 0
        public var warnings = 0
    }

    public var valid = true
    public var stats = Stats()
    /// Folder-level findings: unrecognised or superseded files.
    public var warnings: [ValidationIssue] = []
    public var tasks: [ValidationTask] = []

    public var rowsRead: Int { tasks.reduce(0) { $0 + $1.stats.rows } }
    public var rowsAccepted: Int { tasks.reduce(0) { $0 + $1.rowsAccepted } }
    public var rowsRejected: Int { tasks.reduce(0) { $0 + $1.rowsRejected } }
}
