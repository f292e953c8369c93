import CGLPK

/// A sparse linear program solved by GLPK's simplex: bounded columns, rows `lower ≤ Σ a·x ≤ upper`,
/// one objective after another on the same constraints (each solve starts from the last basis).
///
/// The joint audit asks for the extremes of thousands of cells over one set of constraints; the dense
/// `LinearProgram` would rebuild a full tableau for every one of them.
final class SparseLinearProgram {
    /// One constraint row: `lower ≤ Σ coefficient × x[column] ≤ upper` (either side may be infinite).
    struct Row {
        var terms: [(column: Int, coefficient: Double)]
        var lower: Double
        var upper: Double
    }

    private let problem: OpaquePointer
    let columnCount: Int
    private var parameters = glp_smcp()
    /// The primal values of the last optimal solve, by column.
    private(set) var point: [Double] = []

    /// - Precondition: every column index in `rows` is below `lower.count`, and `lower.count == upper.count`.
    init(lower: [Double], upper: [Double], rows: [Row], iterationLimit: Int = 1_000_000) {
        precondition(lower.count == upper.count, "one bound pair per column")
        problem = glp_create_prob()
        columnCount = lower.count
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_OFF
        parameters.it_lim = Int32(clamping: iterationLimit)
        if columnCount > 0 { glp_add_cols(problem, Int32(columnCount)) }
        for column in 0..<columnCount {
            let (type, low, high) = Self.bounds(lower[column], upper[column])
            glp_set_col_bnds(problem, Int32(column + 1), type, low, high)
        }
        guard !rows.isEmpty else { return }
        glp_add_rows(problem, Int32(rows.count))
        // GLPK's arrays are 1-based: element 0 is unused.
        var rowIndex: [Int32] = [0]
        var columnIndex: [Int32] = [0]
        var values: [Double] = [0]
        for (number, row) in rows.enumerated() {
            let (type, low, high) = Self.bounds(row.lower, row.upper)
            glp_set_row_bnds(problem, Int32(number + 1), type, low, high)
            var merged: [Int: Double] = [:]
            for term in row.terms {
                precondition(term.column >= 0 && term.column < columnCount, "a row names a column that does not exist")
                merged[term.column, default: 0] += term.coefficient
            }
            for (column, coefficient) in merged.sorted(by: { $0.key < $1.key }) where coefficient != 0 {
                rowIndex.append(Int32(number + 1))
                columnIndex.append(Int32(column + 1))
                values.append(coefficient)
            }
        }
        glp_load_matrix(problem, Int32(values.count - 1), &rowIndex, &columnIndex, &values)
    }

    /// A second program with the same constraints and the same current basis, for another thread: GLPK keeps
    /// its state per problem object and per thread (it is built with thread-local storage).
    init(copying other: SparseLinearProgram) {
        problem = glp_create_prob()
        columnCount = other.columnCount
        parameters = other.parameters
        glp_copy_prob(problem, other.problem, GLP_OFF)
        for row in 0..<Int(glp_get_num_rows(other.problem)) {
            glp_set_row_stat(problem, Int32(row + 1), glp_get_row_stat(other.problem, Int32(row + 1)))
        }
        for column in 0..<columnCount {
            glp_set_col_stat(problem, Int32(column + 1), glp_get_col_stat(other.problem, Int32(column + 1)))
        }
    }

    deinit { glp_delete_prob(problem) }

    /// The rows held at one of their bounds in the last optimal solution with a non-zero dual value.
    func bindingRows() -> [Int] {
        (0..<Int(glp_get_num_rows(problem))).filter { row in
            let status = glp_get_row_stat(problem, Int32(row + 1))
            return (status == GLP_NL || status == GLP_NU || status == GLP_NS)
                && abs(glp_get_row_dual(problem, Int32(row + 1))) > 1e-9
        }
    }

    /// The columns held at one of their bounds in the last optimal solution with a non-zero reduced cost:
    /// the bounds that limit the optimum (loosening one of them could move it).
    func bindingColumns() -> [Int] {
        (0..<columnCount).filter { column in
            let status = glp_get_col_stat(problem, Int32(column + 1))
            return (status == GLP_NL || status == GLP_NU || status == GLP_NS)
                && abs(glp_get_col_dual(problem, Int32(column + 1))) > 1e-9
        }
    }

    /// GLPK's bound type for `lower ≤ x ≤ upper`.
    private static func bounds(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (GLP_FR, 0, 0)
        case (true, false): (GLP_LO, lower, 0)
        case (false, true): (GLP_UP, 0, upper)
        case (true, true): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    /// The optimum of `Σ coefficient × x[column]` over the constraints; `.unknown` when GLPK stops without
    /// an answer (iteration limit, numerical trouble), which the audit counts as a failure.
    /// - Complexity: a simplex run warm-started from the previous solve's basis; usually a few pivots when
    ///   consecutive objectives are alike.
    func solve(_ objective: [(column: Int, coefficient: Double)], maximize: Bool) -> LinearProgram.Solution {
        for column in 0..<columnCount { glp_set_obj_coef(problem, Int32(column + 1), 0) }
        for term in objective {
            let previous = glp_get_obj_coef(problem, Int32(term.column + 1))
            glp_set_obj_coef(problem, Int32(term.column + 1), previous + term.coefficient)
        }
        glp_set_obj_dir(problem, maximize ? GLP_MAX : GLP_MIN)
        var code = glp_simplex(problem, &parameters)
        if code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND {
            // A basis gone bad numerically: start once more from the standard basis.
            glp_std_basis(problem)
            code = glp_simplex(problem, &parameters)
        }
        guard code == 0 else { return .unknown }
        switch glp_get_status(problem) {
        case GLP_OPT:
            point = (0..<columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) }
            return .optimal(glp_get_obj_val(problem))
        case GLP_UNBND: return .unbounded
        case GLP_NOFEAS: return .infeasible
        default:
            // GLPK's primal simplex reports an unbounded objective as "dual infeasible" in the dual status.
            if glp_get_dual_stat(problem) == GLP_NOFEAS && glp_get_prim_stat(problem) == GLP_FEAS { return .unbounded }
            return .unknown
        }
    }
}
