/// Disjoint sets of cells (union–find); each set is named by its smallest key.
struct CellSets {
    private var root: [CellKey: CellKey] = [:]

    func find(_ key: CellKey) -> CellKey {
        var current = key
        while let next = root[current], next != current { current = next }
        return current
    }

    mutating func join(_ first: CellKey, _ second: CellKey) {
        let (a, b) = (find(first), find(second))
        if a != b { root[max(a, b)] = min(a, b) }
    }
}
