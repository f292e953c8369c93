/// One finding of validation, shaped like a Frictionless error, with file, line and column.
public struct ValidationIssue: Sendable, Equatable, Codable {
    /// The Frictionless error classes, plus ours where Frictionless has none.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case typeError = "type-error"
        case constraintError = "constraint-error"
        case missingCell = "missing-cell"
        case extraCell = "extra-cell"
        case blankRow = "blank-row"
        case primaryKey = "primary-key"
        case foreignKey = "foreign-key"
        case encodingError = "encoding-error"
        case truncatedFile = "truncated-file"
        case formatError = "format-error"
        case missingLabel = "missing-label"
        case duplicateLabel = "duplicate-label"
        case sourceError = "source-error"
        case unrecognisedFile = "unrecognised-file"
        case supersededFile = "superseded-file"

        public var title: String {
            switch self {
            case .typeError: "Type Error"
            case .constraintError: "Constraint Error"
            case .missingCell: "Missing Cell"
            case .extraCell: "Extra Cell"
            case .blankRow: "Blank Row"
            case .primaryKey: "Duplicate Key"
            case .foreignKey: "Foreign Key Error"
            case .encodingError: "Encoding Error"
            case .truncatedFile: "Truncated File"
            case .formatError: "Format Error"
            case .missingLabel: "Missing Label"
            case .duplicateLabel: "Duplicate Label"
            case .sourceError: "Source Error"
            case .unrecognisedFile: "Unrecognised File"
            case .supersededFile: "Superseded File"
            }
        }
    }

    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var type: Kind
    public var severity: Severity
    public var message: String
    /// 1-based, header = 1 (Frictionless `rowNumber`).
    public var rowNumber: Int?
    /// The physical line the record starts on (differs from `rowNumber` after multi-line fields).
    public var lineNumber: Int?
    /// 1-based column of the field, or byte column in the line for reader errors.
    public var fieldNumber: Int?
    public var fieldName: String?
    /// The cell's text, or `•••` for identifier columns (never copied).
    public var cell: String?

    /// An error (the row or file is rejected).
    public init(
        _ type: Kind, _ message: String, rowNumber: Int? = nil, lineNumber: Int? = nil, fieldNumber: Int? = nil,
        fieldName: String? = nil, cell: String? = nil
    ) {
        self.init(
            type, .error, message, rowNumber: rowNumber, lineNumber: lineNumber, fieldNumber: fieldNumber,
            fieldName: fieldName, cell: cell)
    }

    public init(
        _ type: Kind, _ severity: Severity, _ message: String, rowNumber: Int? = nil, lineNumber: Int? = nil,
        fieldNumber: Int? = nil, fieldName: String? = nil, cell: String? = nil
    ) {
        self.type = type
        self.severity = severity
        self.message = message
        self.rowNumber = rowNumber
        self.lineNumber = lineNumber
        self.fieldNumber = fieldNumber
        self.fieldName = fieldName
        self.cell = cell
    }

    /// `file:line:column: type: message`, the form editors and people read.
    public func formatted(place: String) -> String {
        var location = place
        if let lineNumber { location += ":\(lineNumber)" }
        if let fieldNumber { location += ":\(fieldNumber)" }
        var text = "\(location): \(severity == .warning ? "warning: " : "")\(type.rawValue): \(message)"
        if let fieldName { text += " [\(fieldName)" + (cell.map { " = \"\($0)\"" } ?? "") + "]" }
        return text
    }
}
