/// A defect that stops reading a CSV file, with the line and column where it was found.
///
/// Columns are 1-based byte offsets in the physical line; lines count every `\n`, also those
/// inside quoted fields, so an editor jumps to the right place.
public struct CSVReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A quoted field still open at the end of the file: the file is probably truncated.
        case unterminatedQuote = "truncated-file"
        /// A `"` inside a field that did not start with one.
        case strayQuote = "stray-quote"
        /// Something other than a delimiter or line end right after a closing quote.
        case textAfterQuote = "text-after-quote"
        /// A NUL byte, which no text export contains.
        case nulByte = "nul-byte"
        /// Bytes that are not valid UTF-8 (or undefined in Windows-1252).
        case encoding = "encoding-error"
        /// No `;` or `,` in the header line.
        case noDelimiter = "format-error"
        /// One record longer than the reader accepts (64 MiB), usually an unbalanced quote.
        case recordTooLong = "record-too-long"
        /// The file could not be opened or read.
        case io = "io-error"
    }

    public var kind: Kind
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "line \(line), column \(column): \(message)" }

    /// Whether the rest of the file can still be read: only defects confined to one record are.
    public var isRecoverable: Bool { kind == .nulByte || kind == .encoding }
}
