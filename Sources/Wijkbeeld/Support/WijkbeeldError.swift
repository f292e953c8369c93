/// An error a user can act on: what went wrong, where, and which exit code the command line reports.
///
/// Modelled on swift-nio's `FileSystemError`: a code, a message, the location it concerns and the cause.
public struct WijkbeeldError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure; each kind maps to one documented exit code.
    public enum Code: Sendable, Equatable {
        /// Bad arguments (exit 64).
        case usage
        /// Input data failed validation (exit 65).
        case dataError
        /// A required input is missing (exit 66).
        case noInput
        /// Output cannot be created (exit 73).
        case cannotWrite
        /// A lock is held or an input is still changing (exit 75).
        case temporary
        /// Bad configuration or key file (exit 78).
        case configuration
        /// A bug: an internal invariant failed (exit 2).
        case `internal`

        /// The exit code the command line uses for this kind (sysexits, operations.md).
        public var exitCode: Int32 {
            switch self {
            case .usage: 64
            case .dataError: 65
            case .noInput: 66
            case .cannotWrite: 73
            case .temporary: 75
            case .configuration: 78
            case .internal: 2
            }
        }
    }

    public var code: Code
    /// What went wrong and what the user can do about it, in one sentence.
    public var message: String
    /// The file, and where known the line and column, the error concerns.
    public var location: SourceLocation?
    /// The underlying error, if any, described as text so the value stays `Sendable`.
    public var cause: String?

    public init(_ code: Code, _ message: String, location: SourceLocation? = nil, cause: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.cause = cause
    }

    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += message
        if let cause { text += " (\(cause))" }
        return text
    }
}

/// A place in an input file: path, and 1-based line and column where known.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }
}
