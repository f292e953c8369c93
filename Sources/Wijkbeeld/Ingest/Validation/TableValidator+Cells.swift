/// Cell-level checks: missing tokens, types, code lists, ranges, lengths and person-number checks.
extension TableValidator {
    func checkCell(
        _ reader: CSVReader, _ binding: Binding, row: Int, line: Int, issues: inout [ValidationIssue],
        blanked: inout [Int]
    ) {
        let rule = binding.rule
        let raw = reader.field(binding.column)
        let value = rule.kind == .text ? raw : FieldParsing.trimmed(raw)
        // In a row of the wrong width a cell may belong to another column (an identifier under a code's
        // name): such a row's issues show no cell value at all.
        let shifted = reader.count != fileLabels.count
        func report(_ kind: ValidationIssue.Kind, _ severity: ValidationIssue.Severity, _ message: String) {
            issues.append(
                ValidationIssue(
                    kind, severity, message, rowNumber: row, lineNumber: line, fieldNumber: binding.column + 1,
                    fieldName: fileLabels[binding.column],
                    cell: shifted
                        ? nil
                        : rule.isIdentifier ? "•••" : TextDecoding.decode(value, encoding: reader.dialect.encoding)))
        }
        if isMissing(value) {
            if rule.required { report(.constraintError, .error, "a value is required") }
            return
        }
        switch rule.kind {
        case .integer:
            guard let number = FieldParsing.integer(value) else {
                if !rule.hasSentinels || !sentinelSets[binding.field].contains(value) {
                    report(.typeError, .error, "not a whole number")
                }
                return
            }
            if rule.hasSentinels && sentinelSets[binding.field].contains(value) { return }
            if let range = rule.range, !range.contains(Double(number)) {
                report(.constraintError, .error, "outside \(Int(range.lowerBound))…\(Int(range.upperBound))")
            }
        case .decimal:
            guard let number = FieldParsing.decimal(value) else {
                report(.typeError, .error, "not a number (decimal separator ',' or '.', no thousands separator)")
                return
            }
            if let range = rule.range, !range.contains(number) {
                report(.constraintError, .error, "outside \(range.lowerBound)…\(range.upperBound)")
            }
        case .date(let format):
            if FieldParsing.date(value, format: format) == nil {
                report(
                    .typeError, .error,
                    "not a real calendar date in the form \(format == .compact ? "YYYYMMDD" : "YYYY-MM-DD")")
            }
        case .code, .text:
            if let check = rule.numberCheck {
                checkPersonNumber(value, check, rule, report: report, blanked: &blanked, field: binding.field)
                return
            }
            if let length = rule.length, !length.contains(value.count) {
                report(
                    .constraintError, .error,
                    "length \(value.count), expected \(length.lowerBound)…\(length.upperBound)")
                return
            }
            if rule.digitsOnly && value.contains(where: { $0 < 48 || $0 > 57 }) {
                report(.constraintError, .error, "digits only")
                return
            }
            if rule.hasCodes, let codes = codeSets[binding.field], !codes.contains(value) {
                switch rule.unknownCode {
                case .reject: report(.constraintError, .error, "not in the code list")
                case .warn: report(.constraintError, .warning, "unknown code, kept")
                case .warnAndBlank:
                    report(.constraintError, .warning, "unknown code, treated as missing")
                    blanked.append(binding.field)
                }
            }
        }
    }

    /// A BSN or onderwijsnummer, checked after normalising (spaces and dots removed, 8 digits left-padded;
    /// local-files.md "BSN 11-proof"): only a number that is still not nine digits, or fails its check, is
    /// reported, with the field's severity.
    private func checkPersonNumber(
        _ value: UnsafeBufferPointer<UInt8>, _ check: FieldSchema.NumberCheck, _ rule: CellRule,
        report: (ValidationIssue.Kind, ValidationIssue.Severity, String) -> Void, blanked: inout [Int], field: Int
    ) {
        let what: String
        if let digits = DutchPersonNumber.normalized(value) {
            let valid =
                check == .bsn
                ? DutchPersonNumber.isValidBSN(digits) : DutchPersonNumber.isValidOnderwijsnummer(digits)
            if valid { return }
            what = check == .bsn ? "BSN fails the 11-proof" : "not a valid onderwijsnummer"
        } else {
            what = "not 8 or 9 digits (spaces and dots are allowed)"
        }
        switch rule.checkSeverity {
        case .reject: report(.constraintError, .error, what)
        case .warn: report(.constraintError, .warning, what)
        case .warnAndBlank:
            report(.constraintError, .warning, what + "; the record goes on without this number")
            blanked.append(field)
        }
    }

    @inline(__always)
    private func isMissing(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        value.isEmpty || (value.count <= longestMissingToken && missingTokens.contains(value))
    }

    func issue(for error: CSVReadError) -> ValidationIssue {
        let kind: ValidationIssue.Kind
        switch error.kind {
        case .unterminatedQuote: kind = .truncatedFile
        case .strayQuote, .textAfterQuote, .noDelimiter, .recordTooLong: kind = .formatError
        case .nulByte, .encoding: kind = .encodingError
        case .io: kind = .sourceError
        }
        return ValidationIssue(
            kind, error.message, lineNumber: error.line > 0 ? error.line : nil,
            fieldNumber: error.column > 0 ? error.column : nil)
    }
}

/// An accepted row, readable while the validator is positioned on it.
public struct AcceptedRow {
    let reader: CSVReader
    let missing: CodeSet
    /// File column per declared field, -1 when absent (the first binding of a wildcard field).
    let columns: [Int]
    /// Fields whose cell failed a soft check and must be treated as missing.
    var blanked: [Int] = []

    init(reader: CSVReader, schema: TableSchema, bindings: [TableValidator.Binding], missing: CodeSet) {
        self.reader = reader
        self.missing = missing
        var columns = [Int](repeating: -1, count: schema.fields.count)
        for binding in bindings where columns[binding.field] < 0 { columns[binding.field] = binding.column }
        self.columns = columns
    }

    /// The trimmed bytes of a declared field, or nil when the column is absent, the cell is missing or blanked.
    public func value(_ field: Int) -> UnsafeBufferPointer<UInt8>? {
        let column = columns[field]
        guard column >= 0, !blanked.contains(field) else { return nil }
        return cell(column: column)
    }

    /// `value(_:)` for a field position resolved once per file: nil when the schema has no such field (-1).
    public func value(at field: Int) -> UnsafeBufferPointer<UInt8>? {
        field < 0 ? nil : value(field)
    }

    /// The trimmed bytes of a file column by position, or nil when missing.
    public func cell(column: Int) -> UnsafeBufferPointer<UInt8>? {
        guard column < reader.count else { return nil }
        let bytes = FieldParsing.trimmed(reader.field(column))
        return bytes.isEmpty || missing.contains(bytes) ? nil : bytes
    }

    public var rowNumber: Int { reader.recordNumber }
    public var lineNumber: Int { reader.recordLine }
}

/// The checks of one field in a form that is cheap to copy in the per-cell loop (no reference-counted members).
struct CellRule {
    var kind: FieldSchema.Kind
    var required: Bool
    var range: ClosedRange<Double>?
    var length: ClosedRange<Int>?
    var digitsOnly: Bool
    var hasCodes: Bool
    var unknownCode: FieldSchema.Severity
    var hasSentinels: Bool
    var numberCheck: FieldSchema.NumberCheck?
    var checkSeverity: FieldSchema.Severity
    var isIdentifier: Bool

    init(_ field: FieldSchema) {
        kind = field.kind
        required = field.required
        range = field.range
        length = field.length
        digitsOnly = field.digitsOnly
        hasCodes = field.codes != nil
        unknownCode = field.unknownCode
        hasSentinels = !field.sentinels.isEmpty
        numberCheck = field.numberCheck?.check
        checkSeverity = field.numberCheck?.severity ?? .warn
        isIdentifier = field.isIdentifier
    }
}
