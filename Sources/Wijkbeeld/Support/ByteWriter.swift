#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered writer of raw bytes to one file, for output that is written in large volumes.
///
/// Formats numbers and dates straight into its buffer, so the synthetic generator writes
/// gigabytes without creating a `String` per field. Call `close()` to flush; errors name the file.
public final class ByteWriter {
    public let path: String
    private var descriptor: Int32
    private var buffer: [UInt8]
    private let capacity: Int
    /// Bytes written so far, including those still buffered.
    public private(set) var bytesWritten: Int = 0

    /// Creates (or truncates) the file at `path`.
    /// - Throws: `WijkbeeldError` with code `.cannotWrite` when the file cannot be created.
    public init(path: String, capacity: Int = 1 << 20) throws {
        self.path = path
        self.capacity = capacity
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 {
            throw WijkbeeldError(
                .cannotWrite, "cannot create \(path): check that the folder exists and is writable",
                cause: String(cString: strerror(errno)))
        }
        buffer = []
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    @inline(__always)
    public func byte(_ value: UInt8) {
        buffer.append(value)
    }

    public func bytes<S: Sequence>(_ values: S) where S.Element == UInt8 {
        buffer.append(contentsOf: values)
    }

    public func text(_ value: String) {
        buffer.append(contentsOf: value.utf8)
    }

    /// Writes a non-negative or negative integer in decimal, left-padded with zeros to `width` digits.
    public func integer(_ value: Int, width: Int = 0) {
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
            integer(-value, width: width)
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            if width > count {
                for _ in 0..<(width - count) { buffer.append(UInt8(ascii: "0")) }
            }
            while count > 0 {
                count -= 1
                buffer.append(raw[count])
            }
        }
    }

    /// Writes a date as `YYYYMMDD` (CBS format A8).
    public func compactDate(_ date: CalendarDate) {
        integer(date.year, width: 4)
        integer(date.month, width: 2)
        integer(date.day, width: 2)
    }

    /// Writes a date as `YYYY-MM-DD` (local files).
    public func isoDate(_ date: CalendarDate) {
        integer(date.year, width: 4)
        byte(UInt8(ascii: "-"))
        integer(date.month, width: 2)
        byte(UInt8(ascii: "-"))
        integer(date.day, width: 2)
    }

    /// Writes a decimal with a fixed number of fraction digits and a `.` separator.
    public func decimal(_ value: Double, fractionDigits: Int) {
        var scale = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        if value < 0 && scaled != 0 { byte(UInt8(ascii: "-")) }
        integer(scaled / scale)
        if fractionDigits > 0 {
            byte(UInt8(ascii: "."))
            integer(scaled % scale, width: fractionDigits)
        }
    }

    /// Ends a record with `\n` and flushes when the buffer is full.
    public func endLine() throws {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= capacity { try flush() }
    }

    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw WijkbeeldError(
                    .cannotWrite, "cannot write \(path): check free disk space and permissions",
                    cause: String(cString: strerror(errno)))
            }
            offset += written
        }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and closes the file.
    public func close() throws {
        try flush()
        guard descriptor >= 0 else { return }
        let result = Glibc.close(descriptor)
        descriptor = -1
        if result != 0 {
            throw WijkbeeldError(
                .cannotWrite, "cannot close \(path)", cause: String(cString: strerror(errno)))
        }
    }
}
