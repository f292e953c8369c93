/// Cell-level checks: missing tokens, types, code lists, ranges, lengths and person-number checks.
extension TableValidator {
    func checkCell(
        _ reader: CSVReader, _ binding: Binding, row: Int, line: Int, issues: inout [ValidationIssue],
        blanked: inout [Int]
    ) {
        let field = schema.fields[binding.field]
        let raw = reader.field(binding.column)
        let value = field.kind == .text ? raw : FieldParsing.trimmed(raw)
        func report(_ kind: ValidationIssue.Kind, _ severity: ValidationIssue.Severity, _ message: String) {
            issues.append(
                ValidationIssue(
                    kind, severity, message, rowNumber: row, lineNumber: line, fieldNumber: binding.column + 1,
                    fieldName: binding.label,
                    cell: field.isIdentifier ? "•••" : TextDecoding.decode(value, encoding: reader.dialect.encoding)))
        }
        if isMissing(value) {
            if field.required { report(.constraintError, .error, "a value is required") }
            return
        }
        switch field.kind {
        case .integer:
            guard let number = FieldParsing.integer(value) else {
                if !sentinelSets[binding.field].contains(value) { report(.typeError, .error, "not a whole number") }
                return
            }
            if sentinelSets[binding.field].contains(value) { return }
            if let range = field.range, !range.contains(Double(number)) {
                report(.constraintError, .error, "outside \(Int(range.lowerBound))…\(Int(range.upperBound))")
            }
        case .decimal:
            guard let number = FieldParsing.decimal(value) else {
                report(.typeError, .error, "not a number (decimal separator ',' or '.', no thousands separator)")
                return
            }
            if let range = field.range, !range.contains(number) {
                report(.constraintError, .error, "outside \(range.lowerBound)…\(range.upperBound)")
            }
        case .date(let format):
            if FieldParsing.date(value, format: format) == nil {
                report(
                    .typeError, .error,
                    "not a real calendar date in the form \(format == .compact ? "YYYYMMDD" : "YYYY-MM-DD")")
            }
        case .code, .text:
            if let length = field.length, !length.contains(value.count) {
                report(
                    .constraintError, .error,
                    "length \(value.count), expected \(length.lowerBound)…\(length.upperBound)")
                return
            }
            if field.digitsOnly && value.contains(where: { $0 < 48 || $0 > 57 }) {
                report(.constraintError, .error, "digits only")
                return
            }
            if let codes = codeSets[binding.field], !codes.contains(value) {
                switch field.unknownCode {
                case .reject: report(.constraintError, .error, "not in the code list")
                case .warn: report(.constraintError, .warning, "unknown code, kept")
                case .warnAndBlank:
                    report(.constraintError, .warning, "unknown code, treated as missing")
                    blanked.append(binding.field)
                }
            }
        }
        if let (check, severity) = field.numberCheck {
            let valid =
                check == .bsn
                ? DutchPersonNumber.isValidBSN(value) : DutchPersonNumber.isValidOnderwijsnummer(value)
            if !valid {
                let what = check == .bsn ? "BSN fails the 11-proof" : "not a valid onderwijsnummer"
                switch severity {
                case .reject: report(.constraintError, .error, what)
                case .warn: report(.constraintError, .warning, what)
                case .warnAndBlank:
                    report(.constraintError, .warning, what + "; the record goes on without this number")
                    blanked.append(binding.field)
                }
            }
        }
    }

    @inline(__always)
    private func isMissing(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        value.isEmpty || missingTokens.contains(value)
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
    let schema: TableSchema
    /// File column per declared field, -1 when absent (the first binding of a wildcard field).
    let columns: [Int]
    /// Fields whose cell failed a soft check and must be treated as missing.
    var blanked: [Int] = []

    init(reader: CSVReader, schema: TableSchema, bindings: [TableValidator.Binding]) {
        self.reader = reader
        self.schema = schema
        var columns = [Int](repeating: -1, count: schema.fields.count)
        for binding in bindings where columns[binding.field] < 0 { columns[binding.field] = binding.column }
        self.columns = columns
    }

    /// The trimmed bytes of a declared field, or nil when the column is absent, the cell is missing or blanked.
    public func value(_ field: Int) -> UnsafeBufferPointer<UInt8>? {
        let column = columns[field]
        guard column >= 0, column < reader.count, !blanked.contains(field) else { return nil }
        let bytes = FieldParsing.trimmed(reader.field(column))
        return bytes.isEmpty || schema.missingValues.contains(String(decoding: bytes, as: UTF8.self)) ? nil : bytes
    }

    public var rowNumber: Int { reader.recordNumber }
    public var lineNumber: Int { reader.recordLine }
}
