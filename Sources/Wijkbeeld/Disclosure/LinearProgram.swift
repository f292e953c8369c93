/// A small dense simplex solver for the interval audit of suppressed cells (R7): the extreme values
/// a suppressed cell can take given everything published.
///
/// Solves max or min of c·x subject to A·x = b and l ≤ x ≤ u, with Bland's rule against cycling.
/// Meant for tens of variables, as in one indicator's tables.
struct LinearProgram {
    var objective: [Double]
    var equalities: [(coefficients: [Double], value: Double)]
    var lower: [Double]
    var upper: [Double]
    /// Pivots per phase before the solver gives up and says it does not know.
    var pivotLimit = 10_000

    /// What the solver found. Only `.optimal` and `.unbounded` are answers; the audit counts the others as
    /// failures, so a program the solver could not finish never passes as protected.
    enum Solution: Equatable {
        case optimal(Double)
        /// The objective has no bound in the asked direction.
        case unbounded
        /// No point meets the constraints.
        case infeasible
        /// The pivot limit was reached before an optimum was proven.
        case unknown
    }

    /// The optimum of the objective, or nil when the constraints cannot be met or the solver gave up.
    func optimum(maximize: Bool) -> Double? {
        switch solve(maximize: maximize) {
        case .optimal(let value): value
        case .unbounded: maximize ? .infinity : -.infinity
        case .infeasible, .unknown: nil
        }
    }

    /// Solves the program: its optimum, or why there is none.
    /// - Complexity: exponential in the worst case, fast for the small, sparse audits it serves; at most
    ///   `pivotLimit` pivots per phase.
    func solve(maximize: Bool) -> Solution {
        let n = objective.count
        // Shift x = l + y so that y ≥ 0; each finite upper bound becomes y + s = u − l.
        var rows: [[Double]] = []
        var rhs: [Double] = []
        for (coefficients, value) in equalities {
            var shifted = value
            for j in 0..<n { shifted -= coefficients[j] * lower[j] }
            rows.append(coefficients)
            rhs.append(shifted)
        }
        let bounded = (0..<n).filter { upper[$0].isFinite }
        let slackStart = n
        let width = n + bounded.count
        var table: [[Double]] = rows.map { $0 + [Double](repeating: 0, count: bounded.count) }
        for (offset, j) in bounded.enumerated() {
            var row = [Double](repeating: 0, count: width)
            row[j] = 1
            row[slackStart + offset] = 1
            table.append(row)
            rhs.append(upper[j] - lower[j])
        }
        for index in table.indices where rhs[index] < 0 {
            table[index] = table[index].map { -$0 }
            rhs[index] = -rhs[index]
        }
        // Phase 1: artificial variables for the equality rows; slacks start basic for the bound rows.
        let m = table.count
        let artificialStart = width
        let total = width + equalities.count
        var tableau = table.enumerated().map { index, row -> [Double] in
            var full = row + [Double](repeating: 0, count: equalities.count)
            if index < equalities.count { full[artificialStart + index] = 1 }
            return full
        }
        var basis = (0..<m).map { $0 < equalities.count ? artificialStart + $0 : slackStart + ($0 - equalities.count) }
        // Bound rows whose slack would be negative cannot happen: rhs ≥ 0 after the flip only for
        // equalities; bound rows have rhs = u − l ≥ 0 when the bounds are consistent.
        guard bounded.allSatisfy({ upper[$0] >= lower[$0] }) else { return .infeasible }
        var phaseOne = [Double](repeating: 0, count: total)
        for column in artificialStart..<total { phaseOne[column] = -1 }
        switch pivot(&tableau, &rhs, &basis, objective: phaseOne, columns: total) {
        case .optimal: break
        case .unbounded: return .infeasible  // cannot happen: phase 1 is bounded by 0
        case .limit: return .unknown
        }
        let infeasibility = (0..<m).reduce(0.0) { $0 + (basis[$1] >= artificialStart ? rhs[$1] : 0) }
        guard infeasibility < 1e-7 else { return .infeasible }
        // Phase 2: the real objective over y (artificials may stay basic at zero; keep them out).
        var phaseTwo = [Double](repeating: 0, count: total)
        for j in 0..<n { phaseTwo[j] = maximize ? objective[j] : -objective[j] }
        for column in artificialStart..<total { phaseTwo[column] = -1e12 }
        switch pivot(&tableau, &rhs, &basis, objective: phaseTwo, columns: total) {
        case .optimal: break
        case .unbounded: return .unbounded
        case .limit: return .unknown
        }
        var y = [Double](repeating: 0, count: total)
        for (row, column) in basis.enumerated() { y[column] = rhs[row] }
        var value = 0.0
        for j in 0..<n { value += objective[j] * (y[j] + lower[j]) }
        return .optimal(value)
    }

    private enum PivotOutcome {
        case optimal
        case unbounded
        /// `pivotLimit` pivots without an optimum.
        case limit
    }

    /// Primal simplex maximising `objective`.
    private func pivot(
        _ tableau: inout [[Double]], _ rhs: inout [Double], _ basis: inout [Int], objective: [Double], columns: Int
    ) -> PivotOutcome {
        let m = tableau.count
        for _ in 0..<pivotLimit {
            // Reduced costs: c_j − c_B · column_j.
            var entering = -1
            for column in 0..<columns where !basis.contains(column) {
                var reduced = objective[column]
                for row in 0..<m { reduced -= objective[basis[row]] * tableau[row][column] }
                if reduced > 1e-9 {
                    entering = column
                    break
                }
            }
            if entering < 0 { return .optimal }
            var leaving = -1
            var best = Double.infinity
            for row in 0..<m where tableau[row][entering] > 1e-12 {
                let ratio = rhs[row] / tableau[row][entering]
                if ratio < best - 1e-12 || (abs(ratio - best) <= 1e-12 && leaving >= 0 && basis[row] < basis[leaving]) {
                    best = ratio
                    leaving = row
                }
            }
            if leaving < 0 { return .unbounded }
            let pivot = tableau[leaving][entering]
            for column in 0..<columns { tableau[leaving][column] /= pivot }
            rhs[leaving] /= pivot
            for row in 0..<m where row != leaving {
                let factor = tableau[row][entering]
                guard factor != 0 else { continue }
                for column in 0..<columns { tableau[row][column] -= factor * tableau[leaving][column] }
                rhs[row] -= factor * rhs[leaving]
            }
            basis[leaving] = entering
        }
        return .limit
    }
}
