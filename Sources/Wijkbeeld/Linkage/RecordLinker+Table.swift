import Foundation

extension RecordLinker {
    /// A CSV file in memory: header and rows of text (linkage files are small next to CBS tables).
    public struct Table: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[String]]
        /// The line in the file where each row starts; empty for a table built in memory.
        public var lines: [Int] = []

        /// Reads a CSV file whole; blank lines are skipped.
        /// - Throws: `.noInput` when the file cannot be opened; `.dataError` at the line and column of a
        ///   malformed record, or of a row whose field count differs from the header's (a header split on
        ///   `,` over rows split on `;`, say).
        public static func read(_ path: String) throws -> Table {
            let reader: CSVReader
            do { reader = try CSVReader(path: path) } catch {
                throw WijkbeeldError(.noInput, "cannot read \(path): \(error.message)")
            }
            func advance() throws -> Bool {
                do { return try reader.next() } catch {
                    throw WijkbeeldError(
                        .dataError, error.message,
                        location: SourceLocation(path: path, line: error.line, column: error.column))
                }
            }
            var header: [String]?
            var rows: [[String]] = []
            var lines: [Int] = []
            while try advance() {
                let fields = reader.strings()
                guard let columns = header else {
                    header = fields.map(Self.trimmed)
                    continue
                }
                if fields.count == 1 && fields[0].isEmpty { continue }
                guard fields.count == columns.count else { throw fieldCountError(fields, columns, reader) }
                // Trimmed once here, so comparisons and blocking read plain values.
                rows.append(fields.map(Self.trimmed))
                lines.append(reader.recordLine)
            }
            guard let header else { throw WijkbeeldError(.dataError, "\(path) is empty: it needs a header line") }
            return Table(name: path, header: header, rows: rows, lines: lines)
        }

        /// A row with more or fewer fields than the header, at the first field too many or the end of the
        /// row (the column counts the fields' bytes and delimiters, exact for unquoted fields).
        private static func fieldCountError(_ fields: [String], _ header: [String], _ reader: CSVReader)
            -> WijkbeeldError
        {
            let delimiter = reader.dialect.delimiter == 0x2C ? "," : ";"
            let other = delimiter == "," ? ";" : ","
            let shown = fields.prefix(header.count)
            let column = shown.reduce(1) { $0 + $1.utf8.count } + shown.count - (fields.count > header.count ? 0 : 1)
            let hint =
                fields.contains { $0.contains(other) }
                ? "the header is split on '\(delimiter)' but this row holds '\(other)': use one delimiter throughout"
                : "check the delimiter and the quoting of this row"
            return WijkbeeldError(
                .dataError, "\(fields.count) field(s) where the header has \(header.count); \(hint)",
                location: SourceLocation(path: reader.path, line: reader.recordLine, column: max(1, column)))
        }

        /// Without leading and trailing spaces and tabs; most values have none and are returned as they are.
        static func trimmed(_ text: String) -> String {
            guard let first = text.utf8.first, let last = text.utf8.last,
                first == 32 || first == 9 || last == 32 || last == 9
            else { return text }
            return String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        }

        /// The value of a column, or of several joined by `+` (`postcode+huisnummer`), each trimmed.
        func values(_ name: String) throws -> (Int) -> String {
            let columns = try name.split(separator: "+").map {
                try column(String($0).trimmingCharacters(in: .whitespaces))
            }
            if columns.count == 1, let only = columns.first { return { row in self.value(row, only) } }
            return { row in columns.map { self.value(row, $0) }.filter { !$0.isEmpty }.joined(separator: " ") }
        }

        /// The column's index, case-insensitively.
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                throw WijkbeeldError(
                    .configuration,
                    "\(self.name) has no column \"\(name)\"; it has: \(header.joined(separator: ", "))")
            }
            return index
        }

        /// Where row `row` is, for messages: the file and its line when read from a file.
        func place(_ row: Int) -> SourceLocation {
            SourceLocation(path: name, line: row < lines.count ? lines[row] : nil)
        }

        func value(_ row: Int, _ column: Int) -> String {
            column < rows[row].count ? rows[row][column] : ""
        }
    }
}
