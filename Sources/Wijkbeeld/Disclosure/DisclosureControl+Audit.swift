/// The interval audit of R7: how far a reader can narrow each suppressed cell from everything published.
extension DisclosureControl {

    /// Whether the cell is shown as `<10` (an R1 primary) rather than `.`.
    static func showsBelowTen(_ cell: StatisticCell) -> Bool {
        cell.status == .primary && cell.reasons.contains(.minimumCount)
    }

    /// Whether the cell is shown as the range `<20`.
    static func showsRange(_ cell: StatisticCell) -> Bool {
        cell.status.isSuppressed && cell.reasons.contains(.range)
    }

    /// For every suppressed cell, the range its count (and base) can take given the published cells and
    /// the relations, by linear programming. A reader knows from the symbols that a `<10` count lies in
    /// [0, 9], a `<20` count in [0, 19], and that every other cell passed R1. A `<10` count must keep all of
    /// [0, 9] and a `<20` count at least as much room (9); every other range must be at least the protection
    /// width wide.
    public func audit(_ table: [CellKey: StatisticCell], relations: [SuppressionRelation]) -> [AuditFailure] {
        var failures: [AuditFailure] = []
        for (_, groupRelations) in Dictionary(grouping: relations, by: { DisclosureControl.group($0.total) }) {
            failures += auditGroup(table, relations: groupRelations)
        }
        return failures.sorted { $0.key < $1.key }
    }

    /// Audits one table. Suppressed cells interact only through relations they share, so each connected
    /// set of them gets its own small linear programs.
    func auditGroup(_ table: [CellKey: StatisticCell], relations: [SuppressionRelation]) -> [AuditFailure] {
        var failures: [AuditFailure] = []
        for (slot, quantity) in [\CellMeasure.additiveCount, \CellMeasure.additiveBase].enumerated() {
            let isCount = slot == 0
            let inRelations = Set(relations.flatMap(\.cells))
            let suppressed = inRelations.filter {
                table[$0]?.status.isSuppressed == true && table[$0]?.measure[keyPath: quantity] != nil
            }
            guard !suppressed.isEmpty else { continue }
            var sets = CellSets()
            for relation in relations {
                let members = relation.cells.filter(suppressed.contains)
                guard let first = members.first else { continue }
                for member in members.dropFirst() { sets.join(first, member) }
            }
            let find = sets.find
            let components = Dictionary(grouping: suppressed, by: find)
            for (_, members) in components.sorted(by: { $0.key < $1.key }) {
                let variables = members.sorted()
                let touching = relations.filter { $0.cells.contains(where: members.contains) }
                for (index, key) in variables.enumerated() {
                    let solved = range(of: index, variables: variables, table, touching, quantity, isCount)
                    guard case .interval(let low, let high) = solved else {
                        // Fail closed: a program the solver did not finish, or one without any solution, never
                        // passes as protected.
                        failures.append(
                            AuditFailure(
                                key: key, low: .nan, high: .nan, reason: solved == .unknown ? .unsolved : .inconsistent
                            ))
                        continue
                    }
                    // A count shown `<10` keeps its whole [0, 9], a `<20` range at least as much room, every other
                    // suppressed count at least the protection width: nothing is exempt, since a total whose
                    // symbol alone would narrow its parts is shown as a range instead (`showingRanges`). A base
                    // (the population of a share, often published in another indicator as well) keeps at least
                    // the protection width, or as much as the symbols alone leave it in a table of tiny areas.
                    let width = high - low
                    let showsSmall = table[key].map {
                        DisclosureControl.showsBelowTen($0) || DisclosureControl.showsRange($0)
                    }
                    var required =
                        isCount && showsSmall == true ? Double(policy.minimumCount - 1) : Double(policy.protectionWidth)
                    if !isCount && width < required - 1e-6 {
                        let everyCell = inRelations.filter { table[$0]?.measure[keyPath: quantity] != nil }.sorted()
                        let symbols = range(
                            of: everyCell.firstIndex(of: key) ?? 0, variables: everyCell, table, relations, quantity,
                            isCount)
                        if case .interval(let symbolLow, let symbolHigh) = symbols {
                            required = min(required, symbolHigh - symbolLow)
                        }
                    }
                    if width < required - 1e-6 {
                        failures.append(AuditFailure(key: key, low: low, high: high))
                    }
                }
            }
        }
        return failures
    }

    /// The feasible range of `variables[index]` when `variables` are unknown (within what their symbols
    /// say) and every published cell is known as a reader knows it: within its rounding interval (R8).
    /// - Parameter free: ignore what `variables[index]`'s own symbol says (only that it is at least 0).
    func range(
        of index: Int, variables: [CellKey], _ table: [CellKey: StatisticCell], _ relations: [SuppressionRelation],
        _ quantity: KeyPath<CellMeasure, Int?>, _ isCount: Bool, free: Bool = false
    ) -> AuditRange {
        let minimum = Double(policy.minimumCount)
        var columns = variables
        // What the symbols say: `<10` is [0, 9], a range `<20` is [0, 19], `.` passed R1.
        var lower = variables.map { key -> Double in
            guard let cell = table[key] else { return minimum }
            return DisclosureControl.showsBelowTen(cell) || DisclosureControl.showsRange(cell) ? 0 : minimum
        }
        var upper = variables.map { key -> Double in
            guard isCount, let cell = table[key] else { return .infinity }
            if DisclosureControl.showsBelowTen(cell) { return minimum - 1 }
            return DisclosureControl.showsRange(cell) ? 2 * minimum - 1 : .infinity
        }
        if free {
            lower[index] = 0
            upper[index] = .infinity
        }
        var position = Dictionary(uniqueKeysWithValues: variables.enumerated().map { ($1, $0) })
        for relation in relations {
            for key in relation.cells where position[key] == nil {
                guard let cell = table[key], let known = knownInterval(cell, isCount: isCount) else { continue }
                position[key] = columns.count
                columns.append(key)
                lower.append(known.low)
                upper.append(known.high)
            }
        }
        var equalities: [(coefficients: [Double], value: Double)] = []
        for relation in relations {
            var coefficients = [Double](repeating: 0, count: columns.count)
            for (offset, key) in relation.cells.enumerated() {
                if let column = position[key] { coefficients[column] += offset == 0 ? -1 : 1 }
            }
            equalities.append((coefficients, 0))
        }
        var objective = [Double](repeating: 0, count: columns.count)
        objective[index] = 1
        let program = LinearProgram(objective: objective, equalities: equalities, lower: lower, upper: upper)
        let answers = [program.solve(maximize: true), program.solve(maximize: false)]
        if answers.contains(.unknown) { return .unknown }
        if answers.contains(.infeasible) { return .infeasible }
        func value(_ solution: LinearProgram.Solution, _ unbounded: Double) -> Double {
            if case .optimal(let value) = solution { return value }
            return unbounded
        }
        return .interval(low: value(answers[1], -.infinity), high: value(answers[0], .infinity))
    }

    /// The audit's answer for one cell.
    enum AuditRange: Equatable {
        case interval(low: Double, high: Double)
        /// No values meet the published cells and relations.
        case infeasible
        /// The solver gave up.
        case unknown
    }

    /// What a reader knows of a published cell's count or base: the interval its rounded value allows (R8),
    /// and at least the minimum count it passed (R1). A share's percentage is computed from the rounded
    /// count and base, so it adds nothing to them.
    func knownInterval(_ cell: StatisticCell, isCount: Bool) -> (low: Double, high: Double)? {
        guard !cell.status.isSuppressed, let value = isCount ? cell.measure.additiveCount : cell.measure.additiveBase
        else { return nil }
        func interval(_ value: Int, base: Int) -> (low: Double, high: Double) {
            let rounded = round(value, to: base)
            return (Double(rounded - base / 2), Double(rounded + base - 1 - base / 2))
        }
        let minimum = Double(policy.minimumCount)
        switch cell.measure {
        case .share(_, let population, _, _):
            let base = interval(population, base: policy.denominatorRoundBase)
            guard isCount else { return (max(base.low, minimum), base.high) }
            let count = interval(value, base: policy.countRoundBase)
            return (max(count.low, minimum), count.high)
        case .count:
            let count = interval(value, base: policy.countRoundBase)
            return (max(count.low, minimum), count.high)
        case .median:
            // R5: a published median has at least `quantileSide` units on each side.
            let base = interval(value, base: policy.denominatorRoundBase)
            return (max(base.low, minimum, Double(2 * policy.quantileSide)), base.high)
        case .mean, .ratio:
            let base = interval(value, base: policy.denominatorRoundBase)
            return (max(base.low, minimum), base.high)
        }
    }
}
