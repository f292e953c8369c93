/// Keeps rejected rows, with their reasons, in one file per input: `<place>.rejected.csv`.
///
/// Identifier cells (BSN, names, birth dates, RINPERSOON, …) are written as `•••`: the row number
/// and line tell the data supplier which row to fix, and the file holds no identifier.
public final class QuarantineWriter {
    public let folder: String
    private var writer: ByteWriter?
    private var failure: WijkbeeldError?
    private var place = ""
    private var labels: [String] = []
    private var identifiers: Set<Int> = []

    public init(folder: String) {
        self.folder = folder
    }

    /// The first write error, if any (reported by the caller once the run ends).
    public var error: WijkbeeldError? { failure }

    func begin(place: String, labels: [String], identifiers: Set<Int>) {
        self.place = place
        self.labels = labels
        self.identifiers = identifiers
        writer = nil
    }

    private func open() -> ByteWriter? {
        if let writer { return writer }
        guard failure == nil else { return nil }
        let path = folder + "/" + place.replacingOccurrences(of: "/", with: "__") + ".rejected.csv"
        do {
            let writer = try ByteWriter(path: path, capacity: 1 << 16)
            writer.text((["_row", "_line", "_errors"] + labels).map(QuarantineWriter.quoted).joined(separator: ";"))
            try writer.endLine()
            self.writer = writer
            return writer
        } catch let error as WijkbeeldError {
            failure = error
        } catch {
            failure = WijkbeeldError(.cannotWrite, "cannot write quarantine file \(path)")
        }
        return nil
    }

    func reject(_ reader: CSVReader, reasons: [ValidationIssue]) {
        guard let writer = open() else { return }
        let types = Array(Set(reasons.map(\.type.rawValue))).sorted().joined(separator: ",")
        writer.text("\(reader.recordNumber);\(reader.recordLine);\(types)")
        // A row of the wrong width has its cells under other columns' names: an identifier could sit under a
        // column that is not masked, so every cell of it is masked.
        let shifted = reader.count != labels.count
        for index in 0..<reader.count {
            writer.byte(UInt8(ascii: ";"))
            writer.text(
                shifted || identifiers.contains(index) ? "•••" : QuarantineWriter.quoted(reader.string(index)))
        }
        write(writer)
    }

    func rejectUnreadable(line: Int, reason: String) {
        guard let writer = open() else { return }
        writer.text(";\(line);\(reason)")
        write(writer)
    }

    private func write(_ writer: ByteWriter) {
        do { try writer.endLine() } catch let error as WijkbeeldError { failure = failure ?? error } catch {}
    }

    func end() {
        do { try writer?.close() } catch let error as WijkbeeldError { failure = failure ?? error } catch {}
        writer = nil
    }

    static func quoted(_ text: String) -> String {
        CSVRecord.field(text)
    }
}
