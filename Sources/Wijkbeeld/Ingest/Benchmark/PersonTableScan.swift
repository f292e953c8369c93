import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

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
        public var bySex: [String: Tally] = [:]
        /// Parts the file was read in (1 when split reading fell back to one pass).
        public var parts = 1
    }

    public struct Tally: Equatable, Sendable {
        public var count = 0
        public var birthYears = 0
    }

    /// Per-byte-code counts of one part of the file.
    private struct Counts {
        var counts = [Int](repeating: 0, count: 256)
        var sums = [Int](repeating: 0, count: 256)

        mutating func add(_ other: Counts) {
            for slot in 0..<256 {
                counts[slot] += other.counts[slot]
                sums[slot] += other.sums[slot]
            }
        }
    }

    /// Scans the file at `path`, in `parts` byte ranges on as many threads (split at line ends).
    /// - Throws: `WijkbeeldError` when the file cannot be read or lacks the columns.
    /// - Parameter minimumSplitBytes: files smaller than this are read in one part.
    public static func run(path: String, parts: Int = 1, minimumSplitBytes: Int = 1 << 20) throws -> Result {
        do {
            let reader = try CSVReader(path: path)
            guard try reader.next() else { return Result() }
            let header = reader.strings().map { $0.trimmingSpacesAndBOM().uppercased() }
            guard let sex = header.firstIndex(of: "GBAGESLACHT"), let year = header.firstIndex(of: "GBAGEBOORTEJAAR")
            else {
                throw WijkbeeldError(.dataError, "\(path) has no GBAGESLACHT and GBAGEBOORTEJAAR columns")
            }
            let size = fileSize(path)
            let bounds = splitPoints(
                path: path, from: reader.nextRecordOffset, to: size, parts: max(1, parts), minimum: minimumSplitBytes)
            var result = Result()
            result.bytes = size
            var total = Counts()
            if bounds.count > 2, let split = scanInParallel(path, bounds, reader.dialect, sex: sex, year: year) {
                total = split
                result.parts = bounds.count - 1
            } else {
                total = try scan(reader, sex: sex, year: year)
            }
            for slot in 0..<256 where total.counts[slot] > 0 {
                let name = slot == 0 ? "?" : String(UnicodeScalar(UInt8(slot)))
                result.bySex[name] = Tally(count: total.counts[slot], birthYears: total.sums[slot])
                result.rows += total.counts[slot]
            }
            return result
        } catch let error as CSVReadError {
            throw WijkbeeldError(
                .dataError, error.message, location: SourceLocation(path: path, line: error.line, column: error.column))
        }
    }

    /// - Complexity: O(n) in the bytes read; memory is the reader's fixed buffer.
    private static func scan(_ reader: CSVReader, sex: Int, year: Int) throws(CSVReadError) -> Counts {
        var result = Counts()
        let needed = max(sex, year)
        while try reader.next() {
            guard reader.count > needed else { continue }
            let code = reader.field(sex)
            let slot = code.count == 1 ? Int(code[0]) : 0
            result.counts[slot] += 1
            if let birthYear = FieldParsing.integer(reader.field(year)) { result.sums[slot] += birthYear }
        }
        return result
    }

    /// Reads each range on its own thread; nil when a quoted field spans a split (then read serially).
    private static func scanInParallel(_ path: String, _ bounds: [Int], _ dialect: CSVDialect, sex: Int, year: Int)
        -> Counts?
    {
        final class Slots: @unchecked Sendable {
            var counts: [Counts?]
            var stops: [Int]
            var error: CSVReadError?
            let lock = NSLockLike()
            init(_ count: Int) {
                counts = Array(repeating: nil, count: count)
                stops = Array(repeating: -1, count: count)
            }
        }
        let slots = Slots(bounds.count - 1)
        DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { part in
            do throws(CSVReadError) {
                let reader = try CSVReader(path: path, range: bounds[part]..<bounds[part + 1], dialect: dialect)
                let counts = try scan(reader, sex: sex, year: year)
                slots.lock.withLock {
                    slots.counts[part] = counts
                    slots.stops[part] = reader.nextRecordOffset
                }
            } catch {
                slots.lock.withLock { slots.error = error }
            }
        }
        // A range that starts inside a quoted field fails or stops elsewhere: read serially instead.
        if slots.error != nil { return nil }
        for part in 0..<(bounds.count - 2) where slots.stops[part] != bounds[part + 1] { return nil }
        var total = Counts()
        for counts in slots.counts { if let counts { total.add(counts) } }
        return total
    }

    /// Offsets that divide `[from, to)` into `parts` ranges, each starting just after a `\n`.
    static func splitPoints(path: String, from: Int, to: Int, parts: Int, minimum: Int) -> [Int] {
        var points = [from]
        guard parts > 1, to - from > minimum else { return [from, to] }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return [from, to] }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for part in 1..<parts {
            var offset = from + (to - from) * part / parts
            var found = false
            while !found && offset < to {
                let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
                guard count > 0 else { break }
                if let index = buffer[0..<count].firstIndex(of: 0x0A) {
                    offset += index + 1
                    found = true
                } else {
                    offset += count
                }
            }
            if found && offset > (points.last ?? from) && offset < to { points.append(offset) }
        }
        points.append(to)
        return points
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}

/// A minimal mutex over `pthread_mutex_t`, so this file needs no Foundation.
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
