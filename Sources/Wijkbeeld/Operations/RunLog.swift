import Foundation

/// The run's log (operations.md B13): one JSON object per line with fixed keys on standard output when
/// `jsonl` is chosen, and short human lines on standard error on a terminal. Never identifiers,
/// pseudonyms, the key or unsuppressed values.
public final class RunLog: @unchecked Sendable {
    public enum Format: String, Sendable {
        case jsonl
        case text
    }

    let format: Format
    public var runID = ""
    public var period = ""
    /// Lines written, for tests and run.json.
    public private(set) var events: [[String: String]] = []
    private let started = Date()
    private let lock = NSLock()
    /// Human progress on standard error: only on a terminal, so cron sees nothing but the log.
    let showsProgress: Bool

    public init(format: Format, showsProgress: Bool = isatty(2) != 0) {
        self.format = format
        self.showsProgress = showsProgress
    }

    /// One line of progress on a terminal: file, rows, rate and time left. Nothing under cron.
    public func progress(_ step: LoadProgress) {
        guard showsProgress else { return }
        let rate = Double(step.bytesDone) / max(step.seconds, 0.001)
        let left = Double(step.bytes - step.bytesDone) / max(rate, 1)
        let line = String(
            format: "\r\u{1B}[Kinlezen %d/%d %@: %@ rijen, %.1f MB/s, nog ~%.0f s", step.filesDone, step.files,
            step.place, DutchFormat.integer(step.rows), rate / 1_000_000, left)
        FileHandle.standardError.write(Data(line.utf8))
        if step.filesDone == step.files { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// Logs one event; `fields` may hold `input`, `rows`, `errors`, `message`.
    public func event(_ name: String, level: String = "info", _ fields: [String: String] = [:]) {
        let formatter = ISO8601DateFormatter()
        var entry = [
            "ts": formatter.string(from: Date()), "level": level, "run_id": runID, "period": period, "event": name,
            "duration_ms": String(Int(Date().timeIntervalSince(started) * 1000)),
        ]
        for (key, value) in fields { entry[key] = value }
        lock.withLock { events.append(entry) }
        if format == .jsonl,
            let data = try? JSONSerialization.data(
                withJSONObject: entry, options: [.sortedKeys, .withoutEscapingSlashes])
        {
            FileHandle.standardOutput.write(data + Data([10]))
        }
        if showsProgress || format == .text {
            let detail = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            FileHandle.standardError.write(Data("[\(entry["duration_ms"] ?? "0") ms] \(name) \(detail)\n".utf8))
        }
    }
}
