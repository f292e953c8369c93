import Dispatch

/// The joint interval audit of R7: every suppressed count against everything a reader can assume at once,
/// across indicators and breakdowns (area additivity, shared bases, definitional inequalities, a share's
/// numerator within its denominator and what its reasons say of R2), solved by GLPK.
extension DisclosureControl {

    /// One unknown of the joint audit: the count or the base of a cell.
    struct AuditVariable: Hashable, Comparable {
        var key: CellKey
        var part: CellConstraint.Part

        static func < (lhs: AuditVariable, rhs: AuditVariable) -> Bool { (lhs.key, lhs.part) < (rhs.key, rhs.part) }
    }

    /// `lower ≤ Σ coefficient × variable ≤ upper`.
    struct AuditRow {
        var terms: [(variable: AuditVariable, coefficient: Double)]
        var lower: Double
        var upper: Double
        /// The suppressed cell whose symbol or reasons the row states (R2), if any.
        var symbolOf: CellKey?
    }

    /// A protected quantity of a suppressed cell and the room it must keep.
    struct AuditTarget {
        var key: CellKey
        var terms: [(variable: AuditVariable, coefficient: Double)]
        var required: Double
        /// The non-events of a cell suppressed for R2 alone: it keeps its room except where the symbols alone
        /// take some of it (a total that passed R2 made only of such cells has at least one non-event in them).
        var isComplement = false
    }

    /// The suppressed quantities that `constraints` and the relations leave narrower than promised: a `<10`
    /// or `<20` count its 9, a `.` count the protection width, the non-events of a cell suppressed for R2 alone
    /// 9, the base of a `<10` mean or median 9 and of a `<20` one the protection width.
    /// - Parameter only: audit just the quantities of these cells (against every constraint).
    /// - Complexity: one sparse program per connected set; two solves per target at most, fewer when the
    ///   points found so far already show a target wide enough.
    func jointAudit(
        _ table: [CellKey: StatisticCell], relations: [SuppressionRelation], constraints: [CellConstraint],
        only: Set<CellKey>? = nil
    ) -> [AuditFailure] {
        let rows = jointRows(table, relations: relations, constraints: constraints)
        var sets = VariableSets(connecting: rows)
        let targets = jointTargets(table)
        var targetsBySet: [AuditVariable: [AuditTarget]] = [:]
        for target in targets {
            guard let first = target.terms.first?.variable, sets.contains(first) else { continue }
            targetsBySet[sets.find(first), default: []].append(target)
        }
        var rowsBySet: [AuditVariable: [AuditRow]] = [:]
        for row in rows {
            guard let first = row.terms.first?.variable, targetsBySet[sets.find(first)] != nil else { continue }
            rowsBySet[sets.find(first), default: []].append(row)
        }
        var failures: [AuditFailure] = []
        for (name, setTargets) in targetsBySet.sorted(by: { $0.key < $1.key }) {
            let wanted = only.map { only in setTargets.filter { only.contains($0.key) } } ?? setTargets
            guard !wanted.isEmpty else { continue }
            failures += auditSet(table, rows: rowsBySet[name] ?? [], targets: wanted)
        }
        return failures.sorted { $0.key < $1.key }
    }

    /// Solves one connected set: the range of each target, stopping early once two known points are far
    /// enough apart.
    private func auditSet(_ table: [CellKey: StatisticCell], rows: [AuditRow], targets: [AuditTarget])
        -> [AuditFailure]
    {
        var variables = Set<AuditVariable>()
        for row in rows { for term in row.terms { variables.insert(term.variable) } }
        for target in targets { for term in target.terms { variables.insert(term.variable) } }
        let columns = variables.sorted()
        let (program, position) = sparseProgram(columns, bounds: columns.map { variableBounds($0, table) }, rows: rows)
        let objectives = targets.map { target in
            target.terms.compactMap { term in
                position[term.variable].map { (column: $0, coefficient: term.coefficient) }
            }
        }
        var witnesses = Witnesses(objectives: objectives, required: targets.map(\.required))
        // Points from signed sums of the targets still open, up and down (each pair pushes half of them up and
        // half down), show most targets wide before any is solved on its own. Seeded: the same table gives the
        // same solves.
        var signs = SplitMix64(seed: UInt64(targets.count))
        var stillOpen = targets.count
        for round in 0..<64 {
            let open = targets.indices.filter { !witnesses.isWide($0) }
            // Go on while a round still settles enough targets to be worth its two solves.
            guard open.count > 4, round < 2 || stillOpen - open.count >= max(8, open.count / 20) else { break }
            stillOpen = open.count
            let objective = open.flatMap { index in
                let sign: Double = round == 0 || signs.chance(0.5) ? 1 : -1
                return objectives[index].map { (column: $0.column, coefficient: sign * $0.coefficient) }
            }
            for maximize in [true, false] {
                if case .optimal = program.solve(objective, maximize: maximize) { witnesses.record(program.point) }
            }
        }
        // The targets still open, each solved on its own, in two fixed lanes on two threads when there are many
        // (fixed, not the core count: the same lanes take the same pivots on every machine).
        let open = targets.indices.filter { !witnesses.isWide($0) }
        let laneCount = open.count >= 64 ? 2 : 1
        let lanes = (0..<laneCount).map { lane in
            Array(open[(open.count * lane / laneCount)..<(open.count * (lane + 1) / laneCount)])
        }
        guard laneCount > 1 else {
            return solveEach(
                open, program: program, witnesses: &witnesses, table: table, columns: columns, rows: rows,
                targets: targets)
        }
        // GLPK keeps each problem's memory with the thread that made it: every lane copies the program (with
        // its basis) on its own thread and drops the copy there.
        let shared = LaneBox(program)
        let results = LaneBox([[AuditFailure]](repeating: [], count: laneCount))
        let start = witnesses
        DispatchQueue.concurrentPerform(iterations: laneCount) { lane in
            var local = start
            let copy = SparseLinearProgram(copying: shared.value)
            let found = solveEach(
                lanes[lane], program: copy, witnesses: &local, table: table, columns: columns, rows: rows,
                targets: targets)
            results.lock.withLock { results.value[lane] = found }
        }
        return results.value.flatMap { $0 }
    }

    /// Solves each of `indices` on its own (both directions, until its range is wide enough) and returns the
    /// targets that stay too narrow, with the bounds that hold them.
    private func solveEach(
        _ indices: [Int], program: SparseLinearProgram, witnesses: inout Witnesses, table: [CellKey: StatisticCell],
        columns: [AuditVariable], rows: [AuditRow], targets: [AuditTarget]
    ) -> [AuditFailure] {
        var failures: [AuditFailure] = []
        for index in indices where !witnesses.isWide(index) {
            var verdict: AuditFailure.Reason?
            var binding: Set<Int> = []
            var bindingRows: Set<Int> = []
            for maximize in [true, false] where !witnesses.isWide(index) {
                switch program.solve(witnesses.objectives[index], maximize: maximize) {
                case .optimal:
                    witnesses.record(program.point)
                    binding.formUnion(program.bindingColumns())
                    bindingRows.formUnion(program.bindingRows())
                case .unbounded:
                    if maximize { witnesses.high[index] = .infinity } else { witnesses.low[index] = -.infinity }
                case .infeasible: verdict = .inconsistent
                case .unknown: verdict = .unsolved
                }
                if verdict != nil { break }
            }
            let width = witnesses.high[index] - witnesses.low[index]
            if verdict == nil && !witnesses.isWide(index) && targets[index].isComplement,
                let symbols = symbolsOnlyWidth(witnesses.objectives[index], table, columns: columns, rows: rows),
                width >= symbols - 1e-6
            {
                continue
            }
            if let verdict {
                failures.append(AuditFailure(key: targets[index].key, low: .nan, high: .nan, reason: verdict))
            } else if !witnesses.isWide(index) {
                let limiting = binding.map { columns[$0].key }.filter { table[$0]?.status.isSuppressed == false }
                var symbols = Set(binding.map { columns[$0].key }.filter { table[$0]?.status.isSuppressed == true })
                for row in bindingRows { if let owner = rows[row].symbolOf { symbols.insert(owner) } }
                failures.append(
                    AuditFailure(
                        key: targets[index].key, low: witnesses.low[index], high: witnesses.high[index],
                        narrowedBy: Set(limiting).sorted(),
                        boundBy: symbols.filter { key in
                            table[key].map { !DisclosureControl.showsBelowTen($0) && !DisclosureControl.showsRange($0) }
                                ?? false
                        }.sorted()))
            }
        }
        return failures
    }

    /// Whether everything else published bounds the cell's protected quantity (its count, or a mean's or
    /// median's units) at or below twice the minimum count minus one, with the cell's own symbol left out:
    /// then it can be shown as the range `<20`, which says less than `.` (no R1 or R2 facts) and is true.
    func isBoundedBelowRange(
        _ key: CellKey, _ table: [CellKey: StatisticCell], relations: [SuppressionRelation],
        constraints: [CellConstraint]
    ) -> Bool {
        guard var cell = table[key], cell.status.isSuppressed else { return false }
        var trial = table
        cell.reasons = [.manual]
        trial[key] = cell
        let part: CellConstraint.Part = cell.measure.additiveCount != nil ? .count : .base
        let variable = AuditVariable(key: key, part: part)
        let rows = jointRows(trial, relations: relations, constraints: constraints)
        var sets = VariableSets(connecting: rows)
        guard sets.contains(variable) else { return false }
        let name = sets.find(variable)
        let own = rows.filter { row in row.terms.first.map { sets.find($0.variable) == name } ?? false }
        var variables = Set<AuditVariable>()
        for row in own { for term in row.terms { variables.insert(term.variable) } }
        let columns = variables.sorted()
        let (program, position) = sparseProgram(columns, bounds: columns.map { variableBounds($0, trial) }, rows: own)
        guard let column = position[variable],
            case .optimal(let high) = program.solve([(column: column, coefficient: 1)], maximize: true)
        else { return false }
        return high <= Double(2 * policy.minimumCount - 1) + 1e-6
    }

    /// The width of `objective`'s range when every published cell is known only by its symbol (passed R1 and
    /// R2), not by its value: what the rules' symbols alone leave.
    private func symbolsOnlyWidth(
        _ objective: [(column: Int, coefficient: Double)], _ table: [CellKey: StatisticCell], columns: [AuditVariable],
        rows: [AuditRow]
    ) -> Double? {
        let minimum = Double(policy.minimumCount)
        let bounds = columns.map { variable -> (low: Double, high: Double) in
            guard let cell = table[variable.key], !cell.status.isSuppressed else {
                return variableBounds(variable, table)
            }
            return (minimum, .infinity)
        }
        let (program, _) = sparseProgram(columns, bounds: bounds, rows: rows)
        guard case .optimal(let low) = program.solve(objective, maximize: false) else { return nil }
        switch program.solve(objective, maximize: true) {
        case .optimal(let high): return high - low
        case .unbounded: return .infinity
        default: return nil
        }
    }

    /// The sparse program over `columns` (bounded by `bounds`) with `rows`, and each column's position.
    private func sparseProgram(
        _ columns: [AuditVariable], bounds: [(low: Double, high: Double)], rows: [AuditRow]
    ) -> (SparseLinearProgram, [AuditVariable: Int]) {
        let position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let program = SparseLinearProgram(
            lower: bounds.map(\.low), upper: bounds.map(\.high),
            rows: rows.map { row in
                SparseLinearProgram.Row(
                    terms: row.terms.compactMap { term in
                        position[term.variable].map { (column: $0, coefficient: term.coefficient) }
                    },
                    lower: row.lower, upper: row.upper)
            })
        return (program, position)
    }

    /// The publishable cells near the first failing cell, at most a few: those in a constraint or relation with
    /// it first, then those one constraint further (when every cell next to it is suppressed already, only a
    /// cell further away can widen it).
    func jointWideningCandidates(
        _ failures: [AuditFailure], _ table: [CellKey: StatisticCell], relations: [SuppressionRelation],
        constraints: [CellConstraint]
    ) -> [CellKey] {
        guard let failure = failures.min(by: { $0.key < $1.key }) else { return [] }
        let first = failure.key
        let limiting = failure.narrowedBy.filter { table[$0]?.status == .safe }
        if !limiting.isEmpty { return limiting }
        var ordered: [CellKey] = []
        var seen: Set<CellKey> = [first]
        var frontier: [CellKey] = [first]
        for _ in 0..<3 where ordered.count < 8 {
            var next: Set<CellKey> = []
            for cell in frontier {
                for constraint in constraints where constraint.terms.contains(where: { $0.key == cell }) {
                    for term in constraint.terms { next.insert(term.key) }
                }
                for relation in relations where relation.cells.contains(cell) { next.formUnion(relation.cells) }
            }
            next.subtract(seen)
            seen.formUnion(next)
            ordered += next.filter { table[$0]?.status == .safe }.sorted()
            frontier = next.sorted()
        }
        return Array(ordered.prefix(24))
    }

    /// What a reader knows of one unknown on its own: a published value within its rounding (and R1), a
    /// suppressed count or unit base within what its symbol says, anything else at least 0.
    func variableBounds(_ variable: AuditVariable, _ table: [CellKey: StatisticCell]) -> (low: Double, high: Double) {
        guard let cell = table[variable.key] else { return (0, .infinity) }
        let isCount = variable.part == .count
        if !cell.status.isSuppressed {
            return knownInterval(cell, isCount: isCount) ?? (0, .infinity)
        }
        // A share's base is bounded only through its rows (R2); the count of a count or share cell and the
        // unit base of a mean or median carry the symbol.
        if case .share = cell.measure, !isCount { return (0, .infinity) }
        if cell.reasons.contains(.manual) { return (0, .infinity) }
        let minimum = Double(policy.minimumCount)
        if DisclosureControl.showsRange(cell) { return (0, 2 * minimum - 1) }
        if DisclosureControl.showsBelowTen(cell) { return (0, minimum - 1) }
        return (minimum, .infinity)
    }

    /// Every row of the joint program: each relation in counts and in bases, a share's numerator within its
    /// denominator with R2 as the cell's symbol and reasons tell it, and the given constraints.
    func jointRows(
        _ table: [CellKey: StatisticCell], relations: [SuppressionRelation], constraints: [CellConstraint]
    ) -> [AuditRow] {
        var rows: [AuditRow] = []
        for relation in relations {
            for part in [CellConstraint.Part.count, .base] {
                let present = relation.cells.allSatisfy { key in
                    table[key].map { part == .count ? $0.measure.additiveCount != nil : $0.measure.additiveBase != nil }
                        ?? false
                }
                guard present else { continue }
                var terms = [(AuditVariable(key: relation.total, part: part), -1.0)]
                terms += relation.parts.map { (AuditVariable(key: $0, part: part), 1.0) }
                rows.append(AuditRow(terms: terms, lower: 0, upper: 0))
            }
        }
        let minimum = Double(policy.minimumCount)
        // In key order: the same table gives the same program, so the same solver path (R12).
        for key in table.keys.sorted() {
            guard let cell = table[key], case .share = cell.measure else { continue }
            let nonEvents = [
                (AuditVariable(key: key, part: .base), 1.0), (AuditVariable(key: key, part: .count), -1.0),
            ]
            rows.append(AuditRow(terms: nonEvents, lower: 0, upper: .infinity))
            if !cell.status.isSuppressed {
                rows.append(AuditRow(terms: nonEvents, lower: minimum, upper: .infinity))
            } else if !DisclosureControl.showsBelowTen(cell) && !DisclosureControl.showsRange(cell)
                && !cell.reasons.contains(.manual)
            {
                // Suppressed but past R1: its reasons say whether it passed R2 as well.
                rows.append(
                    cell.reasons.contains(.events)
                        ? AuditRow(terms: nonEvents, lower: -.infinity, upper: minimum - 1, symbolOf: key)
                        : AuditRow(terms: nonEvents, lower: minimum, upper: .infinity, symbolOf: key))
            }
        }
        for constraint in constraints where constraint.terms.allSatisfy({ table[$0.key] != nil }) {
            rows.append(
                AuditRow(
                    terms: constraint.terms.map { (AuditVariable(key: $0.key, part: $0.part), Double($0.coefficient)) },
                    lower: 0, upper: constraint.isEquality ? 0 : .infinity))
        }
        return rows
    }

    /// The protected quantities of the suppressed cells, with the room each must keep.
    func jointTargets(_ table: [CellKey: StatisticCell]) -> [AuditTarget] {
        var targets: [AuditTarget] = []
        let minimum = Double(policy.minimumCount)
        for key in table.keys.sorted() {
            guard let cell = table[key], cell.status.isSuppressed, !cell.reasons.contains(.manual) else { continue }
            let small = DisclosureControl.showsBelowTen(cell) || DisclosureControl.showsRange(cell)
            let count = AuditVariable(key: key, part: .count)
            let base = AuditVariable(key: key, part: .base)
            switch cell.measure {
            case .count, .share:
                targets.append(
                    AuditTarget(
                        key: key, terms: [(count, 1)], required: small ? minimum - 1 : Double(policy.protectionWidth)))
                if case .share = cell.measure, !small, cell.reasons.contains(.events) {
                    targets.append(
                        AuditTarget(
                            key: key, terms: [(base, 1), (count, -1)], required: minimum - 1, isComplement: true))
                }
            case .mean, .median, .ratio:
                if DisclosureControl.showsRange(cell) {
                    targets.append(AuditTarget(key: key, terms: [(base, 1)], required: Double(policy.protectionWidth)))
                } else if DisclosureControl.showsBelowTen(cell) {
                    targets.append(AuditTarget(key: key, terms: [(base, 1)], required: minimum - 1))
                }
            }
        }
        return targets
    }
}
