import Foundation

extension RecordLinker {
    /// A CSV file in memory: header and rows of text (linkage files are small next to CBS tables).
    public struct Table: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[String]]

        public static func read(_ path: String) throws -> Table {
            let reader: CSVReader
            do { reader = try CSVReader(path: path) } catch {
                throw WijkbeeldError(.noInput, "cannot read \(path): \(error.message)")
            }
            var rows: [[String]] = []
            do {
                // Trimmed once here, so comparisons and blocking read plain values.
                while try reader.next() { rows.append(reader.strings().map(Self.trimmed)) }
            } catch {
                throw WijkbeeldError(
                    .dataError, "\(path):\(error.line):\(error.column): \(error.message)")
            }
            guard let header = rows.first else { throw WijkbeeldError(.dataError, "\(path) is empty") }
            return Table(name: path, header: header, rows: Array(rows.dropFirst()))
        }

        /// The column's index, case-insensitively.
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

        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                throw WijkbeeldError(
                    .configuration,
                    "\(self.name) has no column \"\(name)\"; it has: \(header.joined(separator: ", "))")
            }
            return index
        }

        func value(_ row: Int, _ column: Int) -> String {
            column < rows[row].count ? rows[row][column] : ""
        }
    }
}
