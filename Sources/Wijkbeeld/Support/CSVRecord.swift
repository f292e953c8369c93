/// One CSV record as every table wijkbeeld writes it: RFC 4180 quoting, and text that a spreadsheet would run
/// as a formula made inert.
///
/// - A field holding the delimiter, a quote, a carriage return or a line feed is quoted, its quotes doubled.
/// - A field starting with `=`, `+`, `-`, `@`, a tab or a carriage return that is not a number gets a leading
///   `'` (OWASP, "CSV injection"): `=HYPERLINK(…)` from a configured area code is shown, never evaluated.
public enum CSVRecord {
    /// The fields joined by `delimiter`, each made safe by `field(_:delimiter:)`.
    /// - Complexity: O(total length of the fields).
    public static func line(_ fields: [String], delimiter: Character = ";") -> String {
        fields.map { field($0, delimiter: delimiter) }.joined(separator: String(delimiter))
    }

    /// One field made safe to write between delimiters.
    public static func field(_ text: String, delimiter: Character = ";") -> String {
        var value = text
        if let first = value.first, formulaStarts.contains(first), Double(value) == nil {
            value = "'" + value
        }
        guard value.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]
}
