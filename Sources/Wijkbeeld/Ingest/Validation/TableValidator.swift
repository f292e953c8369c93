import Crypto

#if canImport(Glibc)
    import Glibc
#endif

/// Validates one file against its table schema in a single streaming pass and accounts for every row.
///
/// Each data row is accepted or rejected; rejected rows go to the quarantine writer with their
/// reasons. Accepted rows are handed to `onRow`, so later stages read validated data in the same pass.
public final class TableValidator {
    /// A column of the file bound to a declared field.
    struct Binding {
        var field: Int
        var column: Int
        var rule: CellRule
    }

    let schema: TableSchema
    let path: String
    let place: String
    let folder: String
    private let references: ReferenceKeys
    private let quarantine: QuarantineWriter?
    private var bindings: [Binding] = []
    /// The header as written, for naming columns in issues.
    var fileLabels: [String] = []
    var codeSets: [CodeSet?] = []
    var sentinelSets: [CodeSet] = []
    var missingTokens: CodeSet
    let longestMissingToken: Int
    private var keySeen = Set<UInt64>()
    private var keyColumns: [Int] = []
    private var foreignChecks: [(column: Int, keys: KeySet, key: TableSchema.ForeignKey)] = []
    private var collect: [(column: Int, keys: KeySet)] = []

    /// - Parameters:
    ///   - place: the path shown in reports (relative to the validated folder).
    ///   - folder: the folder the file is in, the scope of same-folder foreign keys.
    public init(
        schema: TableSchema, path: String, place: String, folder: String, references: ReferenceKeys,
        quarantine: QuarantineWriter? = nil
    ) {
        self.schema = schema
        self.path = path
        self.place = place
        self.folder = folder
        self.references = references
        self.quarantine = quarantine
        missingTokens = CodeSet(schema.missingValues)
        longestMissingToken = schema.missingValues.map(\.utf8.count).max() ?? 0
        codeSets = schema.fields.map { $0.codes.map(CodeSet.init) }
        sentinelSets = schema.fields.map { CodeSet($0.sentinels) }
    }

    /// Reads and checks the whole file.
    /// - Parameter onRow: called for every accepted row while the reader is positioned on it.
    /// - Parameter onHeader: called once with the file's column labels before the first row.
    public func run(onHeader: (([String]) -> Void)? = nil, onRow: ((AcceptedRow) -> Void)? = nil) -> ValidationTask {
        var task = ValidationTask(name: schema.name, place: place, policy: schema.policy)
        var hasher = SHA256()
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, observer: { hasher.update(bufferPointer: $0) })
        } catch {
            task.valid = false
            task.record(issue(for: error))
            return task
        }
        read(reader, into: &task, onHeader: onHeader, onRow: onRow)
        task.stats.bytes = reader.bytesRead
        if task.valid {
            task.stats.sha256 = TableValidator.hex(hasher.finalize())
        } else if let digest = TableValidator.sha256(ofFileAt: path) {
            // Reading stopped early: hash the whole file for the record.
            task.stats.sha256 = digest.hex
            task.stats.bytes = digest.bytes
        }
        return task
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// SHA-256 and size of a file, read in 1 MiB chunks.
    static func sha256(ofFileAt path: String) -> (hex: String, bytes: Int)? {
        var hasher = SHA256()
        var total = 0
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            total += count
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return (hex(hasher.finalize()), total)
    }

    private func read(
        _ reader: CSVReader, into task: inout ValidationTask, onHeader: (([String]) -> Void)?,
        onRow: ((AcceptedRow) -> Void)?
    ) {
        task.encoding = reader.dialect.encoding.rawValue
        task.delimiter = reader.dialect.delimiterName
        if reader.dialect.encoding == .windows1252 {
            task.record(
                ValidationIssue(
                    .encodingError, .warning,
                    "not valid UTF-8; decoded as Windows-1252 (re-export as UTF-8 if that is wrong)"))
        }
        do {
            guard try reader.next() else {
                task.valid = false
                task.record(ValidationIssue(.formatError, "the file is empty; expected a header row"))
                return
            }
        } catch {
            task.valid = false
            task.record(issue(for: error))
            return
        }
        task.labels = reader.strings()
        task.stats.fields = task.labels.count
        guard bind(labels: task.labels, task: &task) else {
            task.valid = false
            return
        }
        onHeader?(task.labels)
        quarantine?.begin(place: place, labels: task.labels, identifiers: identifierColumns())
        var row = AcceptedRow(reader: reader, schema: schema, bindings: bindings, missing: missingTokens)
        var rowIssues: [ValidationIssue] = []
        while true {
            rowIssues.removeAll(keepingCapacity: true)
            do {
                guard try reader.next() else { break }
            } catch {
                let problem = issue(for: error)
                task.stats.rows += error.isRecoverable ? 1 : 0
                task.record(problem)
                if error.isRecoverable {
                    task.rowsRejected += 1
                    quarantine?.rejectUnreadable(line: error.line, reason: problem.type.rawValue)
                    continue
                }
                task.valid = false
                break
            }
            task.stats.rows += 1
            row.blanked.removeAll(keepingCapacity: true)
            check(reader, labels: task.labels, issues: &rowIssues, blanked: &row.blanked)
            let rejected = rowIssues.contains { $0.severity == .error }
            for problem in rowIssues { task.record(problem) }
            if rejected {
                task.rowsRejected += 1
                quarantine?.reject(reader, reasons: rowIssues.filter { $0.severity == .error })
            } else {
                task.rowsAccepted += 1
                collectReferenceKeys(reader)
                onRow?(row)
            }
        }
        if !task.valid || (schema.policy == .failFile && task.stats.errors > 0) {
            task.valid = false
            task.rowsRejected = task.stats.rows
            task.rowsAccepted = 0
        } else {
            task.valid = task.stats.errors == 0 || schema.policy == .rejectRow
        }
        quarantine?.end()
    }

    /// Binds the schema to a header for `RowCheck`: the same cell rules and field count as `run`.
    /// - Returns: false when the header cannot be bound (a duplicate or missing required label).
    func bindForRowCheck(labels: [String]) -> Bool {
        var task = ValidationTask(name: schema.name, place: place, policy: schema.policy)
        return bind(labels: labels, task: &task)
    }

    /// The first error of the current row by the cell rules and the field count, as `run` would report it.
    func firstCellError(_ reader: CSVReader) -> (column: Int, reason: String)? {
        if reader.count != fileLabels.count {
            return (min(reader.count, max(fileLabels.count - 1, 0)), "aantal_velden")
        }
        var issues: [ValidationIssue] = []
        var blanked: [Int] = []
        let line = reader.recordLine
        for binding in bindings where binding.column < reader.count {
            checkCell(reader, binding, row: 0, line: line, issues: &issues, blanked: &blanked)
            if let error = issues.first(where: { $0.severity == .error }) {
                return (binding.column, error.type.rawValue)
            }
        }
        return nil
    }

    // MARK: - Header

    /// Binds declared fields to columns by case-insensitive name; reports duplicate and missing labels.
    private func bind(labels: [String], task: inout ValidationTask) -> Bool {
        fileLabels = labels
        let normalised = labels.map { $0.trimmingSpacesAndBOM().lowercased() }
        var seen: [String: Int] = [:]
        var ok = true
        for (column, label) in normalised.enumerated() {
            if let first = seen[label] {
                task.record(
                    ValidationIssue(
                        .duplicateLabel, "column \(column + 1) has the same name as column \(first + 1)",
                        rowNumber: 1, lineNumber: 1, fieldNumber: column + 1, fieldName: labels[column]))
                ok = false
            }
            seen[label] = column
        }
        for (index, field) in schema.fields.enumerated() {
            let name = field.name.lowercased()
            if name.hasSuffix("*") {
                let prefix = String(name.dropLast())
                let matches = normalised.indices.filter {
                    normalised[$0].hasPrefix(prefix) && normalised[$0].dropFirst(prefix.count).count == 4
                        && normalised[$0].dropFirst(prefix.count).allSatisfy(\.isNumber)
                }
                if matches.isEmpty {
                    task.record(
                        ValidationIssue(
                            .missingLabel, "no column \(prefix)<year>; the table needs one per geography vintage",
                            rowNumber: 1, lineNumber: 1, fieldName: field.name))
                    ok = false
                }
                bindings += matches.map { Binding(field: index, column: $0, rule: CellRule(field)) }
            } else if let column = seen[name] {
                bindings.append(Binding(field: index, column: column, rule: CellRule(field)))
            } else if field.requiredLabel {
                task.record(
                    ValidationIssue(
                        .missingLabel, "required column \(field.name) is missing from the header", rowNumber: 1,
                        lineNumber: 1,
                        fieldName: field.name))
                ok = false
            }
        }
        keyColumns = schema.primaryKey.compactMap { name in seen[name.lowercased()] }
        if keyColumns.count != schema.primaryKey.count { keyColumns = [] }
        for key in schema.foreignKeys {
            guard let name = key.fields.first, let column = seen[name.lowercased()],
                let reference = key.referenceFields.first
            else { continue }
            guard
                let keys = references.keys(
                    table: key.table, field: reference, folder: key.sameFolder ? folder : nil)
            else {
                task.record(
                    ValidationIssue(
                        .foreignKey, .warning,
                        "\(name) not checked against \(key.table).\(reference): that table is not among the inputs",
                        fieldName: name))
                continue
            }
            foreignChecks.append((column, keys, key))
        }
        // Reference tables remember the values other tables point at.
        var collected = Set<String>()
        for other in TableCatalogue.all {
            for key in other.foreignKeys where key.table == schema.name {
                for field in key.referenceFields where !collected.contains(field.lowercased()) {
                    guard let column = seen[field.lowercased()] else { continue }
                    collected.insert(field.lowercased())
                    let keys = references.collecting(
                        table: schema.name, field: field, folder: key.sameFolder ? folder : nil)
                    collect.append((column, keys))
                }
            }
        }
        return ok
    }

    /// File columns masked in quarantine files: identifiers, and columns the schema does not know
    /// (they might hold anything).
    private func identifierColumns() -> Set<Int> {
        let shown = Set(bindings.filter { !$0.rule.isIdentifier }.map(\.column))
        return Set(fileLabels.indices).subtracting(shown)
    }

    private func collectReferenceKeys(_ reader: CSVReader) {
        for (column, keys) in collect where column < reader.count {
            keys.insert(FieldParsing.trimmed(reader.field(column)))
        }
    }

    // MARK: - Rows

    private func check(
        _ reader: CSVReader, labels: [String], issues: inout [ValidationIssue], blanked: inout [Int]
    ) {
        let row = reader.recordNumber
        let line = reader.recordLine
        if reader.count == 1 && reader.field(0).isEmpty && labels.count > 1 {
            issues.append(ValidationIssue(.blankRow, "blank row", rowNumber: row, lineNumber: line))
            return
        }
        if reader.count > labels.count {
            issues.append(
                ValidationIssue(
                    .extraCell, "\(reader.count) cells where the header has \(labels.count)", rowNumber: row,
                    lineNumber: line, fieldNumber: labels.count + 1))
        } else if reader.count < labels.count {
            issues.append(
                ValidationIssue(
                    .missingCell, "\(reader.count) cells where the header has \(labels.count)", rowNumber: row,
                    lineNumber: line, fieldNumber: reader.count + 1, fieldName: labels[reader.count]))
        }
        let cells = reader.count
        bindings.withUnsafeBufferPointer { all in
            for binding in all where binding.column < cells {
                checkCell(reader, binding, row: row, line: line, issues: &issues, blanked: &blanked)
            }
        }
        if !keyColumns.isEmpty && !issues.contains(where: { $0.severity == .error }) {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for column in keyColumns where column < reader.count {
                for byte in FieldParsing.trimmed(reader.field(column)) {
                    hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                }
                hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3
            }
            if !keySeen.insert(hash).inserted {
                issues.append(
                    ValidationIssue(
                        .primaryKey,
                        "duplicate key (\(schema.primaryKey.joined(separator: ", "))): the row repeats an earlier one",
                        rowNumber: row, lineNumber: line, fieldNumber: keyColumns[0] + 1,
                        fieldName: schema.primaryKey[0]))
            }
        }
        for check in foreignChecks where check.column < reader.count {
            let bytes = FieldParsing.trimmed(reader.field(check.column))
            if bytes.isEmpty || missingTokens.contains(bytes) || check.keys.contains(bytes) { continue }
            let fieldIndex = schema.fieldIndex(check.key.fields[0]) ?? 0
            let field = schema.fields[fieldIndex]
            let soft = check.key.unmatched != .reject
            if check.key.unmatched == .warnAndBlank { blanked.append(fieldIndex) }
            issues.append(
                ValidationIssue(
                    .foreignKey, soft ? .warning : .error,
                    "\(check.key.fields[0]) has no match in \(check.key.table).\(check.key.referenceFields[0])"
                        + (check.key.unmatched == .warnAndBlank ? "; the row goes on without it" : ""),
                    rowNumber: row, lineNumber: line, fieldNumber: check.column + 1, fieldName: check.key.fields[0],
                    cell: reader.count != labels.count
                        ? nil : field.isIdentifier ? "•••" : String(decoding: bytes, as: UTF8.self)))
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
