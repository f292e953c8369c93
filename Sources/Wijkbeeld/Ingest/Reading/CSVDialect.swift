/// How a CSV file is written: delimiter, encoding, byte-order mark and line endings, as sniffed.
public struct CSVDialect: Sendable, Equatable {
    public enum Encoding: String, Sendable {
        case utf8 = "utf-8"
        /// Decoded as Windows-1252 because the first buffer was not valid UTF-8 (P4); reported as a warning.
        case windows1252 = "windows-1252"
    }

    public var delimiter: UInt8
    public var encoding: Encoding
    public var hasByteOrderMark: Bool

    public init(delimiter: UInt8 = UInt8(ascii: ";"), encoding: Encoding = .utf8, hasByteOrderMark: Bool = false) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
    }

    public var delimiterName: String { String(UnicodeScalar(delimiter)) }
}
