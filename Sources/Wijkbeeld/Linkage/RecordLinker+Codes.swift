/// Values as small integer codes: each distinct text is worked on once (folded, prepared, reduced to a
/// blocking part), and equal results get equal codes on both sides, so later steps compare integers.
extension RecordLinker {
    /// One column of a table (or several joined, `postcode+huisnummer`) by distinct text.
    struct DistinctColumn: Sendable {
        /// The distinct texts, in order of first appearance.
        var texts: [String] = []
        /// Each row's index into `texts`.
        var rows: [Int32] = []
    }

    /// The distinct texts of `count` rows and each row's index into them.
    /// - Complexity: O(rows), one hash lookup per row.
    static func distinct(_ count: Int, _ value: (Int) -> String) -> DistinctColumn {
        var index: [String: Int32] = [:]
        var column = DistinctColumn()
        column.rows.reserveCapacity(count)
        for row in 0..<count {
            let text = value(row)
            if let known = index[text] {
                column.rows.append(known)
            } else {
                let next = Int32(column.texts.count)
                index[text] = next
                column.rows.append(next)
                column.texts.append(text)
            }
        }
        return column
    }

    /// Codes for what `derive` makes of each distinct text, shared by all `columns` (one per side): equal
    /// keys get equal codes, numbered in order of first appearance; a nil key (an empty value) gives -1.
    /// - Returns: each column's row codes, and the derived value of each code.
    static func codes<Value, Key: Hashable>(
        _ columns: [DistinctColumn], derive: (String) -> Value, key: (Value) -> Key?
    ) -> (rows: [[Int32]], values: [Value]) {
        var numbers: [Key: Int32] = [:]
        var values: [Value] = []
        let rows = columns.map { column in
            let byText = column.texts.map { text -> Int32 in
                let value = derive(text)
                guard let key = key(value) else { return -1 }
                if let known = numbers[key] { return known }
                let next = Int32(values.count)
                numbers[key] = next
                values.append(value)
                return next
            }
            return column.rows.map { byText[Int($0)] }
        }
        return (rows, values)
    }

    /// One code per row for several codes together (a blocking key of two parts, an entity of four
    /// columns): equal tuples get equal codes, in order of first appearance, shared by the sides; -1 where
    /// any part is -1.
    /// - Parameter parts: per part, per side, the row codes.
    static func combined(_ parts: [[[Int32]]]) -> [[Int32]] {
        guard var result = parts.first else { return [] }
        var numbers: [UInt64: Int32] = [:]
        for part in parts.dropFirst() {
            numbers.removeAll(keepingCapacity: true)
            for side in result.indices {
                for row in result[side].indices {
                    let (a, b) = (result[side][row], part[side][row])
                    guard a >= 0, b >= 0 else {
                        result[side][row] = -1
                        continue
                    }
                    let key = UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
                    if let known = numbers[key] {
                        result[side][row] = known
                    } else {
                        let next = Int32(numbers.count)
                        numbers[key] = next
                        result[side][row] = next
                    }
                }
            }
        }
        return result
    }
}
