/// The reader benchmark's workload: one streaming pass over a GBAPERSOONTAB-shaped file that counts
/// persons and sums birth years per sex, parsing numbers straight from the field bytes.
///
/// DuckDB runs the same aggregation in `make bench`, and both results must agree.
public enum PersonTableScan {
    /// Counts and birth-year sums per `GBAGESLACHT` code.
    public struct Result: Equatable, Sendable {
        public var rows = 0
        public var bytes = 0
        /// Code → (persons, sum of known birth years).
        public var bySex: [String: (count: Int, birthYears: Int)] = [:]

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.rows == rhs.rows && lhs.bySex.count == rhs.bySex.count
                && lhs.bySex.allSatisfy { entry in
                    rhs.bySex[entry.key].map {
                        $0.count == entry.value.count && $0.birthYears == entry.value.birthYears
                    }
                        ?? false
                }
        }
    }

    /// Scans the file at `path`.
    /// - Throws: `WijkbeeldError` when the file cannot be read or lacks the columns.
    public static func run(path: String) throws -> Result {
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch {
            throw WijkbeeldError(.noInput, "cannot read \(path): \(error.message)")
        }
        var result = Result()
        do {
            guard try reader.next() else { return result }
            let header = reader.strings().map { $0.trimmingSpacesAndBOM().uppercased() }
            guard let sex = header.firstIndex(of: "GBAGESLACHT"), let year = header.firstIndex(of: "GBAGEBOORTEJAAR")
            else {
                throw WijkbeeldError(.dataError, "\(path) has no GBAGESLACHT and GBAGEBOORTEJAAR columns")
            }
            // Codes are single bytes: count in a 256-slot table, name them at the end.
            var counts = [Int](repeating: 0, count: 256)
            var sums = [Int](repeating: 0, count: 256)
            let needed = max(sex, year)
            while try reader.next() {
                guard reader.count > needed else { continue }
                let code = reader.field(sex)
                let slot = code.count == 1 ? Int(code[0]) : 0
                counts[slot] += 1
                if let birthYear = FieldParsing.integer(reader.field(year)) { sums[slot] += birthYear }
            }
            for slot in 0..<256 where counts[slot] > 0 {
                let name = slot == 0 ? "?" : String(UnicodeScalar(UInt8(slot)))
                result.bySex[name] = (counts[slot], sums[slot])
                result.rows += counts[slot]
            }
        } catch let error as CSVReadError {
            throw WijkbeeldError(
                .dataError, error.message, location: SourceLocation(path: path, line: error.line, column: error.column))
        }
        result.bytes = reader.bytesRead
        return result
    }
}
