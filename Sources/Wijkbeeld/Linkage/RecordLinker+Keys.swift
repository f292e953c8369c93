/// The key columns: each names one record (or one entity) in the output and in a truth file.
extension RecordLinker {
    /// Checks that the key columns tell records apart.
    ///
    /// A key names a record in the links and in a truth file, so two records with the same key must be
    /// one entity (equal entity columns, `left_entity`/`right_entity`); without entity columns every
    /// record is its own entity and a key may occur once.
    /// - Throws: `.dataError` at the line of a record without a key, or of the second record with a key
    ///   already used by a different entity.
    public func checkKeys() throws {
        for (table, key, columns, isLeft) in [
            (left, specification.leftKey, specification.leftEntity, true),
            (right, specification.rightKey, specification.rightEntity, false),
        ] {
            let column = try table.column(key)
            let entity = entities(columns, isLeft: isLeft)
            var first: [String: Int] = [:]
            for row in table.rows.indices {
                let value = table.value(row, column)
                guard !value.isEmpty else {
                    throw WijkbeeldError(
                        .dataError, "this record has no \(key); every record needs its key", location: table.place(row))
                }
                guard let earlier = first[value] else {
                    first[value] = row
                    continue
                }
                guard entity[earlier] == entity[row] else {
                    let line = table.place(earlier).line.map { "line \($0)" } ?? "row \(earlier + 1)"
                    let grouping =
                        columns.isEmpty
                        ? "keys must be unique (or name the columns that make records one entity in "
                            + (isLeft ? "left_entity" : "right_entity") + ")"
                        : "records with one key must agree on " + columns.joined(separator: ", ")
                    throw WijkbeeldError(
                        .dataError, "\(key) \"\(value)\" is also the key of \(line), a different record; \(grouping)",
                        location: table.place(row))
                }
            }
        }
    }

    /// The (left key, right key) pairs of a truth file: its first two columns, each pair joined by U+001F
    /// as `evaluate` takes them.
    /// - Throws: `.dataError` when the file has no pairs, or when none of its pairs names a left key of the
    ///   left file and a right key of the right file (the columns swapped, or a truth file of other data):
    ///   precision and recall would then say nothing.
    public func truthPairs(_ truth: Table) throws -> Set<String> {
        guard !truth.rows.isEmpty else {
            throw WijkbeeldError(.dataError, "\(truth.name) holds no pairs: it needs a header and a row per true pair")
        }
        let leftColumn = try left.column(specification.leftKey)
        let rightColumn = try right.column(specification.rightKey)
        let leftKeys = Set(left.rows.indices.map { left.value($0, leftColumn) })
        let rightKeys = Set(right.rows.indices.map { right.value($0, rightColumn) })
        var pairs = Set<String>()
        var known = 0
        for row in truth.rows.indices {
            let (l, r) = (truth.value(row, 0), truth.value(row, 1))
            if leftKeys.contains(l) && rightKeys.contains(r) { known += 1 }
            pairs.insert(l + "\u{1F}" + r)
        }
        guard known > 0 else {
            throw WijkbeeldError(
                .dataError,
                "none of the \(truth.rows.count) pairs of \(truth.name) has a left key (\(specification.leftKey)) "
                    + "of \(left.name) and a right key (\(specification.rightKey)) of \(right.name); its first "
                    + "column must be the left key, its second the right key")
        }
        return pairs
    }
}
