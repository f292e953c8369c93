#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming, strict RFC 4180 reader over bytes.
///
/// Reads through a fixed-size buffer, so memory does not grow with the file; hands out fields as
/// byte ranges that stay valid until the next call to `next()`, and creates no `String` per field.
/// Sniffs `;` or `,` from the header line, skips a UTF-8 byte-order mark, accepts `\n` and `\r\n`,
/// and detects Windows-1252 when the first buffer is not valid UTF-8 (cbs-tables.md P3–P5).
///
/// Strictness: an unterminated quote, a quote inside an unquoted field, text after a closing
/// quote, a NUL byte and invalid UTF-8 are errors with line and column; never a merged or
/// shifted record. NUL and encoding errors skip only their record (`isRecoverable`).
public final class CSVReader {
    private enum Source {
        case file(Int32)
        case memory([UInt8], offset: Int)
    }

    enum Outcome { case complete, needMore }

    public let path: String
    public private(set) var dialect = CSVDialect()
    /// Physical line on which the current record starts (1-based).
    public internal(set) var recordLine = 0
    /// Records returned so far; the header is record 1 (Frictionless `rowNumber`).
    public internal(set) var recordNumber = 0
    /// Bytes taken from the source so far.
    public private(set) var bytesRead = 0
    /// Whether the current record holds any byte ≥ 0x80 (then decode it per `dialect.encoding`).
    public internal(set) var recordHasNonASCII = false

    private var source: Source
    var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private let maximumCapacity = 64 << 20
    private let chunkLimit: Int
    var start = 0
    var end = 0
    var atEOF = false
    var line = 1
    /// Start and end offsets of the current record's fields in `base`, `fieldCount` of each.
    var fieldStarts: UnsafeMutablePointer<Int>
    var fieldEnds: UnsafeMutablePointer<Int>
    private var fieldCapacity = 64
    var fieldCount = 0
    /// The error that stopped reading; repeated on every later call.
    private var failure: CSVReadError?
    private let observer: ((UnsafeRawBufferPointer) -> Void)?
    /// File offset of `base[0]`.
    private var bufferFileOffset: Int
    /// No record starting at or after this file offset is returned.
    private let limit: Int

    /// File offset where the next record starts (after the current one).
    public var nextRecordOffset: Int { bufferFileOffset + start }

    /// Opens `path` for reading.
    /// - Throws: `CSVReadError` of kind `.io` when the file cannot be opened, `.noDelimiter` when the
    ///   header has neither `;` nor `,`.
    /// - Parameter observer: sees every chunk of raw bytes as it is read (to hash the file in the same pass).
    public convenience init(
        path: String, bufferSize: Int = 1 << 20, observer: ((UnsafeRawBufferPointer) -> Void)? = nil
    ) throws(CSVReadError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CSVReadError(
                kind: .io, line: 0, column: 0, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        try self.init(
            path: path, source: .file(descriptor), bufferSize: bufferSize, chunkLimit: .max, observer: observer)
    }

    /// Reads CSV text held in memory; `chunkLimit` caps each simulated read, so tests can put
    /// buffer boundaries anywhere.
    public convenience init(
        bytes: [UInt8], name: String = "<memory>", bufferSize: Int = 1 << 16, chunkLimit: Int = .max
    )
        throws(CSVReadError)
    {
        try self.init(
            path: name, source: .memory(bytes, offset: 0), bufferSize: bufferSize, chunkLimit: chunkLimit, observer: nil
        )
    }

    /// Reads only the records that start in `range` of the file, for splitting a file across cores.
    ///
    /// `range.lowerBound` must be the start of a record (0, or just after a line end); the last
    /// record may run past `range.upperBound`. Check `nextRecordOffset` afterwards: when it is not
    /// the next range's start, a quoted field spanned the split and the split must be redone serially.
    /// Line numbers count from the range start.
    public convenience init(path: String, range: Range<Int>, dialect: CSVDialect, bufferSize: Int = 1 << 20)
        throws(CSVReadError)
    {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0, lseek(descriptor, off_t(range.lowerBound), SEEK_SET) >= 0 else {
            throw CSVReadError(
                kind: .io, line: 0, column: 0, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        try self.init(
            path: path, source: .file(descriptor), bufferSize: bufferSize, chunkLimit: .max, observer: nil,
            dialect: dialect, range: range)
    }

    private init(
        path: String, source: Source, bufferSize: Int, chunkLimit: Int, observer: ((UnsafeRawBufferPointer) -> Void)?,
        dialect: CSVDialect? = nil, range: Range<Int>? = nil
    ) throws(CSVReadError) {
        self.path = path
        self.limit = range?.upperBound ?? .max
        self.bufferFileOffset = range?.lowerBound ?? 0
        self.observer = observer
        self.source = source
        self.chunkLimit = max(1, chunkLimit)
        capacity = max(4, bufferSize)
        base = .allocate(capacity: capacity)
        fieldStarts = .allocate(capacity: fieldCapacity)
        fieldEnds = .allocate(capacity: fieldCapacity)
        if let dialect {
            self.dialect = dialect
        } else {
            try sniff()
        }
    }

    deinit {
        base.deallocate()
        fieldStarts.deallocate()
        fieldEnds.deallocate()
        if case .file(let descriptor) = source { close(descriptor) }
    }

    // MARK: - Fields of the current record

    /// Number of fields in the current record.
    public var count: Int { fieldCount }

    /// The bytes of field `index` (unquoted, unescaped); valid until the next call to `next()`.
    /// - Complexity: O(1).
    @inline(__always)
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + fieldStarts[index], count: fieldEnds[index] - fieldStarts[index])
    }

    /// Field `index` decoded as text with the file's encoding.
    public func string(_ index: Int) -> String {
        TextDecoding.decode(field(index), encoding: dialect.encoding)
    }

    /// All fields of the current record as text (for headers and error reports, not hot paths).
    public func strings() -> [String] {
        (0..<count).map(string)
    }

    // MARK: - Reading

    /// Advances to the next record.
    /// - Returns: false at the end of the file.
    /// - Throws: `CSVReadError`; after a recoverable one the reader is positioned after the bad record.
    public func next() throws(CSVReadError) -> Bool {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            if !error.isRecoverable { failure = error }
            throw error
        }
    }

    private func advance() throws(CSVReadError) -> Bool {
        while true {
            if bufferFileOffset + start >= limit { return false }
            if start >= end {
                if atEOF { return false }
                try refill()
                continue
            }
            if try parseRecord() == .complete { return true }
            try refill()
        }
    }

    private func sniff() throws(CSVReadError) {
        // Fill the first buffer (and at least the first line) to sniff encoding and delimiter.
        while !atEOF && (end < capacity || memchr(base + start, 0x0A, end - start) == nil) {
            try refill()
        }
        if end - start >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
            dialect.hasByteOrderMark = true
            start = 3
        }
        if !dialect.hasByteOrderMark,
            let invalid = TextDecoding.firstInvalidUTF8(UnsafeBufferPointer(start: base + start, count: end - start)),
            atEOF || invalid < end - start - 3
        {
            dialect.encoding = .windows1252
        }
        var semicolons = 0
        var commas = 0
        var quoted = false
        var index = start
        while index < end {
            let byte = base[index]
            if byte == 0x22 { quoted.toggle() }
            if !quoted {
                if byte == 0x0A { break }
                if byte == 0x3B { semicolons += 1 } else if byte == 0x2C { commas += 1 }
            }
            index += 1
        }
        if start < end && semicolons == 0 && commas == 0 {
            // One column is legal CSV, but no input of ours has fewer than two.
            throw CSVReadError(
                kind: .noDelimiter, line: 1, column: 1,
                message: "the header line has neither ';' nor ',': not a delimited file, or the header is missing")
        }
        dialect.delimiter = commas > semicolons ? 0x2C : 0x3B
    }

    /// Moves unread bytes to the front and reads more; grows the buffer only for a record longer than it.
    private func refill() throws(CSVReadError) {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { memmove(base, base + start, remaining) }
            bufferFileOffset += start
            end = remaining
            start = 0
        }
        if end == capacity {
            guard capacity < maximumCapacity else {
                throw CSVReadError(
                    kind: .recordTooLong, line: line, column: 1,
                    message: "a record longer than 64 MiB starts here; a quote is probably not closed")
            }
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: base, count: end)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        let room = min(capacity - end, chunkLimit)
        switch source {
        case .file(let descriptor):
            var count: Int
            repeat {
                count = read(descriptor, base + end, room)
            } while count < 0 && errno == EINTR
            if count < 0 {
                throw CSVReadError(
                    kind: .io, line: line, column: 1, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { atEOF = true }
            observer?(UnsafeRawBufferPointer(start: base + end, count: count))
            end += count
            bytesRead += count
        case .memory(let bytes, let offset):
            let count = min(room, bytes.count - offset)
            if count == 0 {
                atEOF = true
            } else {
                bytes.withUnsafeBufferPointer { buffer in
                    if let source = buffer.baseAddress { (base + end).update(from: source + offset, count: count) }
                }
                source = .memory(bytes, offset: offset + count)
            }
            end += count
            bytesRead += count
        }
    }

    // MARK: - Records

    /// Appends one field's bounds, growing the bounds buffers when a record has many fields.
    @inline(__always)
    func appendField(_ first: Int, _ last: Int) {
        if fieldCount == fieldCapacity { growFields() }
        fieldStarts[fieldCount] = first
        fieldEnds[fieldCount] = last
        fieldCount += 1
    }

    private func growFields() {
        let capacity = fieldCapacity * 2
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        starts.update(from: fieldStarts, count: fieldCount)
        ends.update(from: fieldEnds, count: fieldCount)
        fieldStarts.deallocate()
        fieldEnds.deallocate()
        fieldStarts = starts
        fieldEnds = ends
        fieldCapacity = capacity
    }

    /// The fast path: a record without quotes, split on the delimiter in one pass over the line.
    ///
    /// Works on local copies of the buffer pointers so the loop carries no class-property accesses.
    /// - Complexity: O(n) in the record's bytes.
    private func parseRecord() throws(CSVReadError) -> Outcome {
        let base = self.base
        let first = start
        let lineEnd: Int
        if let newline = memchr(base + first, 0x0A, end - first) {
            lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
        } else {
            guard atEOF else { return .needMore }
            lineEnd = end
        }
        let delimiter = dialect.delimiter
        var starts = fieldStarts
        var ends = fieldEnds
        var capacity = fieldCapacity
        var count = 0
        var fieldStart = first
        var high: UInt8 = 0
        var nul = -1
        var position = first
        while position < lineEnd {
            let byte = base[position]
            high |= byte
            if byte == delimiter {
                if count == capacity {
                    fieldCount = count
                    growFields()
                    starts = fieldStarts
                    ends = fieldEnds
                    capacity = fieldCapacity
                }
                starts[count] = fieldStart
                ends[count] = position
                count += 1
                fieldStart = position + 1
            } else if byte <= 0x22 {
                if byte == 0x22 {
                    fieldCount = 0
                    return try parseQuotedRecord()
                }
                if byte == 0 && nul < 0 { nul = position }
            }
            position += 1
        }
        fieldCount = count
        return try finish(
            fieldStart: fieldStart, lineEnd: lineEnd, next: lineEnd < end ? lineEnd + 1 : end,
            lines: lineEnd < end ? 1 : 0, nonASCII: high >= 0x80, nul: nul)
    }

    /// Closes the last field (dropping a `\r` before `\n`), checks NUL and encoding, and consumes the record.
    private func finish(
        fieldStart: Int, lineEnd: Int, next: Int, lines: Int, nonASCII: Bool, nul: Int
    ) throws(CSVReadError) -> Outcome {
        var last = lineEnd
        if last > fieldStart && base[last - 1] == 0x0D { last -= 1 }
        appendField(fieldStart, last)
        let recordStart = try consumeRecord(next: next, lines: lines, nonASCII: nonASCII, nul: nul)
        if nonASCII { try checkEncoding(from: recordStart, to: last, line: recordLine) }
        return .complete
    }

    /// Moves past the record just parsed and reports a NUL byte in it; returns where it started.
    func consumeRecord(next: Int, lines: Int, nonASCII: Bool, nul: Int) throws(CSVReadError) -> Int {
        let recordStart = start
        recordLine = line
        recordNumber += 1
        start = next
        line += lines
        recordHasNonASCII = nonASCII
        if nul >= 0 {
            throw CSVReadError(
                kind: .nulByte, line: recordLine, column: nul - recordStart + 1,
                message: "NUL byte; the file is binary or damaged")
        }
        return recordStart
    }

}
