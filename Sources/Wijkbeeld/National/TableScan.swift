import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Rows read, used and rejected in one scan of one file: every row is one of accepted or rejected.
public struct ScanTally: Sendable, Equatable {
    public var rows = 0
    /// Well-formed rows that concern a selected unit (a child, its object, its earner).
    public var used = 0
    public var rejected = 0
    /// Rejections per reason.
    public var reasons: [String: Int] = [:]
    /// The first rejected row: byte offset of its record, column (1-based) and reason.
    var firstRejection: (offset: Int, column: Int, reason: String)?
    /// Line and column of the first rejection, resolved after the scan.
    public var firstRejectionAt: SourceLocation?

    public var accepted: Int { rows - rejected }

    mutating func reject(_ reason: String, column: Int, offset: Int) {
        rejected += 1
        reasons[reason, default: 0] += 1
        if firstRejection.map({ offset < $0.offset }) ?? true { firstRejection = (offset, column + 1, reason) }
    }

    mutating func add(_ other: ScanTally) {
        rows += other.rows
        used += other.used
        for (reason, count) in other.reasons { reasons[reason, default: 0] += count }
        rejected += other.rejected
        if let theirs = other.firstRejection, firstRejection.map({ theirs.offset < $0.offset }) ?? true {
            firstRejection = theirs
        }
    }

    public static func == (lhs: ScanTally, rhs: ScanTally) -> Bool {
        (lhs.rows, lhs.used, lhs.rejected, lhs.reasons) == (rhs.rows, rhs.used, rhs.rejected, rhs.reasons)
    }
}

/// What one thread accumulates while it reads its byte range of a file.
protocol ScanPart {
    var tally: ScanTally { get set }
}

/// One pass over a `;`-separated file in byte ranges, one per thread, each range starting after a line
/// end. When a quoted field spans a split the file is read again in one part.
struct TableScan {
    let path: String
    /// Upper-cased header label → column.
    let columns: [String: Int]
    /// Fields in the header: a row with another count is rejected.
    let width: Int
    private let dialect: CSVDialect
    private let dataStart: Int
    private let size: Int
    /// The validator's row rules for this table. A scan applies them to every row it uses (a selected child's
    /// row, its object's, its earner's), so no row that `validate` rejects enters a cell; a row it does not
    /// use cannot change a cell either way, and checking every cell of 180 million rows would triple the run.
    let rowCheck: RowCheck?

    /// Reads the header of `path`.
    /// - Throws: `.dataError` when the file cannot be read or lacks one of `required`.
    init(path: String, required: [String]) throws {
        self.path = path
        do {
            let reader = try CSVReader(path: path)
            guard try reader.next() else {
                throw WijkbeeldError(
                    .dataError, "\(path) is empty; it needs a header row with \(required.joined(separator: ", "))")
            }
            var columns: [String: Int] = [:]
            for (index, label) in reader.strings().enumerated() {
                let name = label.trimmingSpacesAndBOM().uppercased()
                if columns[name] == nil { columns[name] = index }
            }
            for name in required where columns[name.uppercased()] == nil {
                throw WijkbeeldError(
                    .dataError, "\(path) has no column \(name); check that it is the right table",
                    location: SourceLocation(path: path, line: 1))
            }
            self.columns = columns
            let fileName = String(path.split(separator: "/").last ?? "")
            rowCheck = TableCatalogue.recognise(fileName: fileName).flatMap {
                RowCheck(schema: $0.schema, path: path, labels: reader.strings())
            }
            width = reader.count
            dialect = reader.dialect
            dataStart = reader.nextRecordOffset
        } catch let error as CSVReadError {
            throw WijkbeeldError(
                .dataError, error.message, location: SourceLocation(path: path, line: error.line, column: error.column))
        }
        var info = stat()
        size = stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    func column(_ name: String) -> Int { columns[name.uppercased()] ?? 0 }

    /// Visits every data row; returns each part's state in file order and their summed tally.
    /// - Parameter visit: called for each row with the reader positioned on it and its record's byte offset;
    ///   it runs on several threads at once, each with its own part.
    /// - Throws: `.dataError` for a file that cannot be parsed (unterminated quote, unreadable).
    func run<Part: ScanPart>(
        parts: Int, minimumSplitBytes: Int = 1 << 22, make: () -> Part,
        visit: @escaping @Sendable (inout Part, CSVReader, Int) -> Void
    ) throws -> (parts: [Part], tally: ScanTally) {
        let bounds = PersonTableScan.splitPoints(
            path: path, from: dataStart, to: size, parts: max(1, parts), minimum: minimumSplitBytes)
        var results: [Part]?
        if bounds.count > 2 {
            results = inParallel(bounds, Array((0..<(bounds.count - 1)).map { _ in make() }), visit)
        }
        if results == nil {
            var part = make()
            do {
                let reader = try CSVReader(path: path, range: dataStart..<size, dialect: dialect)
                try read(reader, into: &part, visit)
            } catch {
                throw WijkbeeldError(
                    .dataError, error.message + "; the file cannot be read further",
                    location: SourceLocation(path: path, line: error.line + 1, column: error.column))
            }
            results = [part]
        }
        let parts = results ?? []
        var tally = ScanTally()
        for part in parts { tally.add(part.tally) }
        if let first = tally.firstRejection {
            tally.firstRejectionAt = SourceLocation(path: path, line: line(at: first.offset), column: first.column)
        }
        return (parts, tally)
    }

    private func read<Part: ScanPart>(
        _ reader: CSVReader, into part: inout Part, _ visit: (inout Part, CSVReader, Int) -> Void
    ) throws(CSVReadError) {
        var offset = reader.nextRecordOffset
        while try reader.next() {
            part.tally.rows += 1
            visit(&part, reader, offset)
            offset = reader.nextRecordOffset
        }
    }

    /// Each range on its own thread; nil when a range did not end where the next began.
    private func inParallel<Part: ScanPart>(
        _ bounds: [Int], _ initial: [Part], _ visit: @escaping @Sendable (inout Part, CSVReader, Int) -> Void
    ) -> [Part]? {
        let slots = ScanSlots(initial)
        let path = path
        let dialect = dialect
        DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { index in
            var part = slots.lock.withLock { slots.parts[index] }
            do throws(CSVReadError) {
                let reader = try CSVReader(path: path, range: bounds[index]..<bounds[index + 1], dialect: dialect)
                try read(reader, into: &part, visit)
                let stop = reader.nextRecordOffset
                slots.lock.withLock {
                    slots.parts[index] = part
                    slots.stops[index] = stop
                }
            } catch {
                slots.lock.withLock { slots.failed = true }
            }
        }
        if slots.failed { return nil }
        for index in 0..<(bounds.count - 2) where slots.stops[index] != bounds[index + 1] { return nil }
        return slots.parts
    }

    /// The 1-based line of the record starting at `offset` (line 1 is the header).
    private func line(at offset: Int) -> Int {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var position = 0
        var lines = 1
        while position < offset {
            let wanted = min(buffer.count, offset - position)
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(position)) }
            guard count > 0 else { break }
            for index in 0..<count where buffer[index] == 0x0A { lines += 1 }
            position += count
        }
        return lines
    }
}

/// The parts of a parallel scan and where each stopped, shared by the scanning threads under a lock.
private final class ScanSlots<Part>: @unchecked Sendable {
    var parts: [Part]
    var stops: [Int]
    var failed = false
    let lock = NSLockLike()

    init(_ parts: [Part]) {
        self.parts = parts
        stops = Array(repeating: -1, count: parts.count)
    }
}

extension CSVReader {
    /// A field without leading and trailing spaces (cbs-tables.md P7), as the validator reads it.
    @inline(__always)
    func trimmedField(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        FieldParsing.trimmed(field(index))
    }
}
