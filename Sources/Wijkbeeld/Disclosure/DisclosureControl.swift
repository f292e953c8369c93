import Dispatch

/// Disclosure control, the last step before any number is written (disclosure.md R1–R8, R11):
/// primary suppression per cell, secondary suppression across every relation until each relation
/// has zero or at least two suppressed cells whose counts sum to at least 10, and an interval audit
/// that proves no suppressed cell can be narrowed below its protection width.
///
/// The result does not depend on the order of cells or relations (R12): both are sorted first.
public struct DisclosureControl: Sendable {
    public var policy: DisclosurePolicy

    public init(policy: DisclosurePolicy = DisclosurePolicy()) {
        self.policy = policy
    }

    /// A suppressed cell the audit could not show to be protected.
    public struct AuditFailure: Sendable, Equatable {
        /// Why the cell fails.
        public enum Reason: String, Sendable, Equatable {
            /// Its feasible range is narrower than the protection width.
            case tooNarrow = "te_smal"
            /// The solver stopped at its pivot limit: the range is not known, so the cell is not shown safe.
            case unsolved = "niet_opgelost"
            /// The published cells and relations admit no values at all: the audit's model is wrong somewhere.
            case inconsistent = "inconsistent"
        }

        public var key: CellKey
        public var low: Double
        public var high: Double
        public var reason: Reason = .tooNarrow
        /// The published cells whose rounding intervals limit the range (from the joint audit): suppressing one
        /// of them may widen it.
        var narrowedBy: [CellKey] = []
        /// The suppressed cells whose symbol (passed R1, or R2) limits the range: showing one of them as the
        /// range `<20` instead may widen it.
        var boundBy: [CellKey] = []
    }

    /// Applies R1–R7 to `cells`; returns them sorted by key with status and reasons set, and the
    /// audit failures that remain (empty when every suppressed cell is protected).
    /// - Parameter constraints: what a reader can assume between cells beyond the relations (shared bases,
    ///   definitional inequalities); the joint audit holds every suppressed count against them all at once.
    /// - Parameter released: the cells published before (R9's release log); a cell whose count or base
    ///   moved by fewer than the minimum count since then would reveal the few persons who changed.
    public func protect(
        _ cells: [StatisticCell], relations: [SuppressionRelation], constraints: [CellConstraint] = [],
        released: [CellKey: ReleasedCell] = [:]
    ) -> (cells: [StatisticCell], failures: [AuditFailure]) {
        var table = Dictionary(cells.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for key in table.keys.sorted() {
            guard var cell = table[key] else { continue }
            cell.reasons = primaryReasons(cell.measure, householdRule: true)
            if let earlier = released[key], differsByTooLittle(cell.measure, from: earlier) {
                cell.reasons.append(.differencing)
                cell.reasons.sort()
            }
            cell.status = cell.reasons.isEmpty ? (cell.mustPublish ? .mustPublish : .safe) : .primary
            table[key] = cell
        }
        let relations = relations.filter { $0.cells.allSatisfy { table[$0] != nil } }
            .sorted { $0.total < $1.total }
        // Relations never cross indicators, periods or breakdowns, and within such a table they fall apart
        // into connected sets (a gemeente with its wijken): protect each set on its own, on all cores, so
        // a change in one never makes another be audited again.
        let components = DisclosureControl.components(relations)
        let primary = table
        var componentOf: [CellKey: Int] = [:]
        for (number, component) in components.enumerated() {
            for relation in component { for key in relation.cells { componentOf[key] = number } }
        }
        /// One set's secondary suppression and audit, from the primary statuses and the cells `forced` by
        /// the joint audit.
        @Sendable func protectComponent(_ number: Int, forced: Set<CellKey>) -> (
            [CellKey: StatisticCell], [AuditFailure]
        ) {
            var local: [CellKey: StatisticCell] = [:]
            for relation in components[number] {
                for key in relation.cells { local[key] = primary[key] }
            }
            for key in forced where local[key]?.status == .safe {
                local[key]?.status = .secondary
                local[key]?.reasons = [.secondary]
            }
            let failures = protectGroup(components[number], in: &local)
            return (local, failures)
        }
        let results = GroupResults(count: components.count)
        DispatchQueue.concurrentPerform(iterations: components.count) { number in
            let result = protectComponent(number, forced: [])
            results.lock.withLock { results.slots[number] = result }
        }
        var groupFailures = results.slots.map { $0?.1 ?? [] }
        for (local, _) in results.slots.compactMap({ $0 }) {
            for (key, cell) in local { table[key] = cell }
        }
        // The joint audit: while a suppressed count is narrower than promised once every constraint is
        // taken together, suppress the publishable cell that helps it most and protect that cell's set again.
        var forced: Set<CellKey> = []
        var ranged: Set<CellKey> = []
        func showRanges(_ table: inout [CellKey: StatisticCell]) {
            for key in ranged where table[key]?.status.isSuppressed == true {
                table[key]?.status = .secondary
                table[key]?.reasons = [.range]
            }
        }
        var jointFailures = jointAudit(table, relations: relations, constraints: constraints)
        /// Audits `cells` against every constraint, and the whole table again once none of them fails.
        func reaudit(_ cells: Set<CellKey>) -> [AuditFailure] {
            let some = jointAudit(table, relations: relations, constraints: constraints, only: cells)
            return some.isEmpty ? jointAudit(table, relations: relations, constraints: constraints) : some
        }
        for _ in 0..<500 where !jointFailures.isEmpty {
            // A `.` whose "passed R1 (and R2)" narrows the failing cell, and which everything else already
            // bounds below 20, is shown as the range `<20` instead (as `showingRanges` does within a table).
            if let first = jointFailures.min(by: { $0.key < $1.key }),
                let range = first.boundBy.first(where: {
                    !ranged.contains($0)
                        && isBoundedBelowRange($0, table, relations: relations, constraints: constraints)
                })
            {
                ranged.insert(range)
                showRanges(&table)
                // A range says less than `.` and nothing untrue: only the failing cells and the range itself can
                // fail now, until none does.
                jointFailures = reaudit(Set(jointFailures.map(\.key)).union([range]))
                continue
            }
            let candidates = jointWideningCandidates(
                jointFailures, table, relations: relations, constraints: constraints)
            /// Suppresses `extra` and protects its set again; returns the cells of that set and its audit failures.
            func apply(_ extra: CellKey, to table: inout [CellKey: StatisticCell]) -> (Set<CellKey>, [AuditFailure]?) {
                guard let number = componentOf[extra] else {
                    table[extra]?.status = .secondary
                    table[extra]?.reasons = [.secondary]
                    return ([extra], nil)
                }
                let (local, failures) = protectComponent(number, forced: forced.union([extra]))
                for (key, cell) in local { table[key] = cell }
                showRanges(&table)
                return (Set(local.keys), failures)
            }
            let failing = Set(jointFailures.map(\.key))
            var best: (score: [Int], key: CellKey)?
            for candidate in candidates {
                var trial = table
                let (touched, _) = apply(candidate, to: &trial)
                let remaining = jointAudit(
                    trial, relations: relations, constraints: constraints, only: failing.union(touched))
                let added = touched.filter {
                    trial[$0]?.status.isSuppressed == true && table[$0]?.status.isSuppressed != true
                }
                let score = [remaining.count, added.count, table[candidate]?.measure.additiveCount ?? .max]
                if best.map({ score.lexicographicallyPrecedes($0.score) }) ?? true { best = (score, candidate) }
            }
            guard let chosen = best?.key else { break }
            let (touched, setFailures) = apply(chosen, to: &table)
            forced.insert(chosen)
            if let number = componentOf[chosen], let setFailures { groupFailures[number] = setFailures }
            // Hiding one more cell only widens what a reader knows of the others, except in the set protected
            // again: audit the failing and the touched cells now, and everything once more when none fails.
            jointFailures = reaudit(failing.union(touched))
        }
        var failures = groupFailures.flatMap { $0 }
        let known = Set(failures.map(\.key))
        failures += jointFailures.filter { !known.contains($0.key) }
        return (table.values.sorted { $0.key < $1.key }, failures.sorted { $0.key < $1.key })
    }

    /// Secondary suppression and the interval audit for one table's relations.
    private func protectGroup(_ groupRelations: [SuppressionRelation], in table: inout [CellKey: StatisticCell])
        -> [AuditFailure]
    {
        var groupFailures: [AuditFailure] = []
        for _ in 0..<1_000 {
            var changed = false
            for relation in groupRelations where secureRelation(relation, in: &table) { changed = true }
            if changed { continue }
            // The audit sees the table as it would be shown: with its range totals, worked out afresh, since a
            // newly suppressed part can make a total that was a range a `.` again.
            groupFailures = auditGroup(showingRanges(table, relations: groupRelations), relations: groupRelations)
            guard !groupFailures.isEmpty else { break }
            // Widen: suppress the cell, among those sharing a relation with a failing cell, that leaves
            // the fewest failures and suppressed cells; when there is none, one more cell in a relation
            // holding any suppressed cell (one level up).
            if let best = bestWidening(groupFailures, table: table, relations: groupRelations) {
                table[best]?.status = .secondary
                table[best]?.reasons = [.secondary]
                continue
            }
            let widened = groupRelations.first { relation in
                relation.cells.contains { table[$0]?.status.isSuppressed == true }
                    && suppressOneMore(in: relation, table: &table)
            }
            if widened == nil { break }
        }
        table = showingRanges(table, relations: groupRelations)
        return groupFailures
    }

    /// The relations split into connected sets (relations that share a cell), each in relation order;
    /// the sets ordered by their first relation.
    static func components(_ relations: [SuppressionRelation]) -> [[SuppressionRelation]] {
        var cells = CellSets()
        for relation in relations {
            for part in relation.parts { cells.join(relation.total, part) }
        }
        let find = cells.find
        var order: [CellKey: Int] = [:]
        var sets: [[SuppressionRelation]] = []
        for relation in relations {
            let name = find(relation.total)
            if let index = order[name] {
                sets[index].append(relation)
            } else {
                order[name] = sets.count
                sets.append([relation])
            }
        }
        return sets
    }

    /// What each group's protection left, filled by the threads under a lock.
    private final class GroupResults: @unchecked Sendable {
        var slots: [([CellKey: StatisticCell], [AuditFailure])?]
        let lock = NSLockLike()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
    }

    static func group(_ key: CellKey) -> String { "\(key.indicator)|\(key.period)|\(key.breakdown)" }

    // MARK: - Primary suppression

    /// The rules a cell fails on its own (R1–R5).
    public func primaryReasons(_ measure: CellMeasure, householdRule: Bool = true) -> [SuppressionReason] {
        let minimum = policy.minimumCount
        var reasons: Set<SuppressionReason> = []
        switch measure {
        case .count(let persons):
            if persons < minimum { reasons.insert(.minimumCount) }
        case .share(let events, let population, let eventHouseholds, let otherHouseholds):
            if population < minimum || events < minimum { reasons.insert(.minimumCount) }
            if events < minimum || population - events < minimum { reasons.insert(.events) }
            if householdRule, let eventHouseholds, let otherHouseholds,
                eventHouseholds < policy.minimumHouseholds || otherHouseholds < policy.minimumHouseholds
            {
                reasons.insert(.households)
            }
        case .mean(let total, let units, let largest, let second):
            if units < minimum { reasons.insert(.minimumCount) }
            if total > 0 && largest > policy.dominance * total { reasons.insert(.dominance) }
            if total > 0 && total - largest - second < policy.p * largest { reasons.insert(.pPercent) }
        case .ratio(let numerator, _, let units, let largest, let second):
            if units < minimum { reasons.insert(.minimumCount) }
            if numerator > 0 && largest > policy.dominance * numerator { reasons.insert(.dominance) }
            if numerator > 0 && numerator - largest - second < policy.p * largest { reasons.insert(.pPercent) }
        case .median(_, let units, let below, let above):
            if units < minimum { reasons.insert(.minimumCount) }
            if below < policy.quantileSide || above < policy.quantileSide { reasons.insert(.extreme) }
        }
        return reasons.sorted()
    }

    /// R9: a count or base that changed, but by fewer than the minimum count, since its release.
    func differsByTooLittle(_ measure: CellMeasure, from earlier: ReleasedCell) -> Bool {
        let pairs = [(measure.additiveCount, earlier.count), (measure.additiveBase, earlier.base)]
        return pairs.contains { now, then in
            guard let now, let then else { return false }
            let change = abs(now - then)
            return change > 0 && change < policy.minimumCount
        }
    }

    // MARK: - Secondary suppression

    /// Enforces "0 or ≥ 2 suppressed cells summing to ≥ the protection width" on one relation.
    /// - Returns: whether a cell was suppressed.
    private func secureRelation(_ relation: SuppressionRelation, in table: inout [CellKey: StatisticCell]) -> Bool {
        let suppressed = relation.cells.filter { table[$0]?.status.isSuppressed == true }
        guard !suppressed.isEmpty else { return false }
        let sum = suppressed.compactMap { table[$0]?.measure.additiveCount }.reduce(0, +)
        guard suppressed.count < 2 || sum < policy.protectionWidth else { return false }
        return suppressOneMore(in: relation, table: &table)
    }

    /// The table as it is shown: every suppressed total that everything else published (values within their
    /// rounding, symbols, relations) already bounds below 20 shown as the range `<20`, and so is every cell
    /// that is the same number as a range cell under another name. As `.` such a total would say "at least
    /// 10", which narrows the `<10` cells it is made of (two of them then each hold at least 1); as `<10` when
    /// it is below 10, it would tell a reader that a `.` total of the same kind is not. Which totals are
    /// ranges follows from published facts only, and every range holds its cell's true value.
    /// - Complexity: one linear program per suppressed total per round, a few rounds.
    func showingRanges(_ table: [CellKey: StatisticCell], relations: [SuppressionRelation]) -> [CellKey: StatisticCell]
    {
        var shown = table
        func isRange(_ key: CellKey) -> Bool { shown[key]?.reasons.contains(.range) == true }
        func makeRange(_ key: CellKey) {
            shown[key]?.status = .secondary
            shown[key]?.reasons = [.range]
        }
        let limit = Double(2 * policy.minimumCount - 1) + 1e-6
        let totals = Set(relations.map(\.total))
        let hidden = Set(relations.flatMap(\.cells)).filter {
            table[$0]?.status.isSuppressed == true && table[$0]?.measure.additiveCount != nil
        }
        let suppressed = hidden.sorted()
        let touching = relations.filter { $0.cells.contains(where: hidden.contains) }
        for _ in 0..<100 {
            var again = false
            for relation in relations where relation.parts.count == 1 {
                guard let part = relation.parts.first, hidden.contains(part), hidden.contains(relation.total),
                    isRange(part) != isRange(relation.total)
                else { continue }
                makeRange(isRange(part) ? relation.total : part)
                again = true
            }
            for (index, key) in suppressed.enumerated() where totals.contains(key) && !isRange(key) {
                let bound = range(
                    of: index, variables: suppressed, shown, touching, \CellMeasure.additiveCount, true, free: true)
                if case .interval(_, let high) = bound, high <= limit {
                    makeRange(key)
                    again = true
                }
            }
            if !again { break }
        }
        return shown
    }

    /// The publishable cell, in a relation with a failing cell, whose suppression (with the secondary
    /// suppressions it brings) leaves the fewest audit failures, then the fewest suppressed cells, then the
    /// smallest count; nil when no such cell exists. Trying each candidate keeps a small difference
    /// between two overlapping areas from spreading suppression to every total above them.
    private func bestWidening(
        _ failures: [AuditFailure], table: [CellKey: StatisticCell], relations: [SuppressionRelation]
    ) -> CellKey? {
        let failing = Set(failures.map(\.key))
        let candidates = Set(
            relations.filter { $0.cells.contains(where: failing.contains) }.flatMap(\.cells)
                .filter { table[$0]?.status == .safe })
        var best: (score: [Int], key: CellKey)?
        for candidate in candidates.sorted() {
            var trial = table
            trial[candidate]?.status = .secondary
            trial[candidate]?.reasons = [.secondary]
            for _ in 0..<1_000 {
                var changed = false
                for relation in relations where secureRelation(relation, in: &trial) { changed = true }
                if !changed { break }
            }
            let remaining = auditGroup(showingRanges(trial, relations: relations), relations: relations).count
            let suppressed = trial.values.filter {
                $0.status.isSuppressed && table[$0.key]?.status.isSuppressed != true
            }
            let score = [remaining, suppressed.count, table[candidate]?.measure.additiveCount ?? .max]
            if best.map({ score.lexicographicallyPrecedes($0.score) }) ?? true { best = (score, candidate) }
        }
        return best?.key
    }

    /// Suppresses the publishable cell of the relation with the smallest count (ties: key order).
    private func suppressOneMore(in relation: SuppressionRelation, table: inout [CellKey: StatisticCell]) -> Bool {
        let candidates = relation.cells.filter { table[$0]?.status == .safe }
        guard
            let chosen = candidates.min(by: {
                (table[$0]?.measure.additiveCount ?? .max, $0) < (table[$1]?.measure.additiveCount ?? .max, $1)
            })
        else { return false }
        table[chosen]?.status = .secondary
        table[chosen]?.reasons = [.secondary]
        return true
    }
}
