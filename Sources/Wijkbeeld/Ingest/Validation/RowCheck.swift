/// The validator's per-row rules (field count, then every cell's missing-token, type, code-list, range, length
/// and person-number checks) for a scan that reads one file in parallel byte ranges, so that such a scan accepts
/// exactly the rows `validate` accepts on those rules.
///
/// The cross-row checks of `TableValidator` (duplicate keys, foreign keys) need the whole file or other tables
/// and are not part of it.
public final class RowCheck: @unchecked Sendable {
    // Read-only after `init`: `firstError` only reads the bound rules, so threads may share one instance.
    private let validator: TableValidator

    /// - Returns: nil when the header does not bind to the schema (then the scan reports its own header error).
    public init?(schema: TableSchema, path: String, labels: [String]) {
        validator = TableValidator(schema: schema, path: path, place: path, folder: "", references: ReferenceKeys())
        guard validator.bindForRowCheck(labels: labels) else { return nil }
    }

    /// The column (0-based) and reason of the row's first error, or nil when the row passes.
    /// - Complexity: O(fields of the row).
    @inline(__always)
    public func firstError(_ reader: CSVReader) -> (column: Int, reason: String)? {
        validator.firstCellError(reader)
    }
}
