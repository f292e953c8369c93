/// The declared shape of one column, in the spirit of a Frictionless Table Schema field.
public struct FieldSchema: Sendable {
    /// How cell text is interpreted.
    public enum Kind: Sendable, Equatable {
        /// A code compared after trimming spaces (P7); kept as text.
        case code
        /// Free text, kept as written; never copied to outputs.
        case text
        /// A whole number, optionally signed.
        case integer
        /// A number with `,` or `.` as decimal separator.
        case decimal
        case date(DateFormat)
    }

    /// A check of a Dutch person number.
    public enum NumberCheck: Sendable {
        case bsn
        case onderwijsnummer
    }

    /// What a failed constraint does to the row.
    public enum Severity: Sendable {
        /// The row is rejected.
        case reject
        /// The row is kept, the cell is treated as missing and a warning is reported (e.g. an invalid
        /// BSN: the record goes on without that ID to the linker).
        case warnAndBlank
        /// The row and the cell are kept; a warning is reported (e.g. an unknown but well-formed code).
        case warn
    }

    public var name: String
    public var kind: Kind
    /// A missing value is an error.
    public var required: Bool
    /// The column must be present in the header.
    public var requiredLabel: Bool
    /// Allowed codes (after trimming), if the column has a code list.
    public var codes: Set<String>?
    /// What a code outside `codes` does.
    public var unknownCode: Severity
    /// Inclusive numeric bounds for integers and decimals.
    public var range: ClosedRange<Double>?
    /// Allowed length in bytes of a code (after trimming).
    public var length: ClosedRange<Int>?
    /// Codes must be digits only (RINPERSOON, object numbers).
    public var digitsOnly: Bool
    /// Values that are codes for "unknown" or "excluded" rather than numbers (P6, e.g. INHSAMHH 88).
    public var sentinels: Set<String>
    /// BSN 11-proof or onderwijsnummer check, and what a failure does.
    public var numberCheck: (check: NumberCheck, severity: Severity)?
    /// An identifier: its value is never shown in a report or log (shown as `•••`).
    public var isIdentifier: Bool

    public init(
        _ name: String, _ kind: Kind = .code, required: Bool = false, requiredLabel: Bool = true,
        codes: Set<String>? = nil, unknownCode: Severity = .reject, range: ClosedRange<Double>? = nil,
        length: ClosedRange<Int>? = nil, digitsOnly: Bool = false, sentinels: Set<String> = [],
        numberCheck: (check: NumberCheck, severity: Severity)? = nil, isIdentifier: Bool = false
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.requiredLabel = requiredLabel
        self.codes = codes
        self.unknownCode = unknownCode
        self.range = range
        self.length = length
        self.digitsOnly = digitsOnly
        self.sentinels = sentinels
        self.numberCheck = numberCheck
        self.isIdentifier = isIdentifier
    }
}
