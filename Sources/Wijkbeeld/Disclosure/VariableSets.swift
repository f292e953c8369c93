/// Disjoint sets of audit variables (union–find by size with path halving); each set named by one member.
struct VariableSets {
    /// The sets that `rows` make: variables sharing a row are in one set.
    init(connecting rows: [DisclosureControl.AuditRow]) {
        for row in rows {
            guard let first = row.terms.first?.variable else { continue }
            insert(first)
            for term in row.terms.dropFirst() { join(first, term.variable) }
        }
    }

    private var index: [DisclosureControl.AuditVariable: Int] = [:]
    private var members: [DisclosureControl.AuditVariable] = []
    private var parent: [Int] = []
    private var size: [Int] = []

    func contains(_ variable: DisclosureControl.AuditVariable) -> Bool { index[variable] != nil }

    mutating func insert(_ variable: DisclosureControl.AuditVariable) {
        guard index[variable] == nil else { return }
        index[variable] = members.count
        parent.append(members.count)
        size.append(1)
        members.append(variable)
    }

    private mutating func root(_ number: Int) -> Int {
        var current = number
        while parent[current] != current {
            parent[current] = parent[parent[current]]
            current = parent[current]
        }
        return current
    }

    /// The name of the variable's set (one of its members).
    /// - Precondition: the variable was inserted.
    mutating func find(_ variable: DisclosureControl.AuditVariable) -> DisclosureControl.AuditVariable {
        guard let number = index[variable] else { return variable }
        return members[root(number)]
    }

    mutating func join(_ first: DisclosureControl.AuditVariable, _ second: DisclosureControl.AuditVariable) {
        insert(first)
        insert(second)
        guard let a = index[first], let b = index[second] else { return }
        var (x, y) = (root(a), root(b))
        guard x != y else { return }
        if size[x] < size[y] { swap(&x, &y) }
        parent[y] = x
        size[x] += size[y]
    }
}
