import Testing

@testable import Wijkbeeld

@Suite struct SparseLinearProgramTests {
    /// GLPK and the dense simplex (two implementations that share no code) give the same optimum, or the same
    /// verdict, on random bounded programs with equality rows, objective after objective on one program.
    @Test func agreesWithTheDenseSimplexOnRandomPrograms() {
        var random = SplitMix64(seed: 2026)
        var optima = 0
        for _ in 0..<200 {
            let columns = random.int(in: 2...6)
            let lower = (0..<columns).map { _ in Double(random.chance(0.5) ? 0 : 10) }
            let upper = lower.map { _ in random.chance(0.2) ? Double.infinity : Double(random.int(in: 10...40)) }
            var equalities: [(coefficients: [Double], value: Double)] = []
            for _ in 0..<random.int(in: 1...3) {
                let coefficients = (0..<columns).map { _ in Double(random.int(in: -1...1)) }
                equalities.append((coefficients, Double(random.int(in: 0...60))))
            }
            let rows = equalities.map { equality in
                SparseLinearProgram.Row(
                    terms: equality.coefficients.enumerated().map { (column: $0.offset, coefficient: $0.element) },
                    lower: equality.value, upper: equality.value)
            }
            let sparse = SparseLinearProgram(lower: lower, upper: upper, rows: rows)
            for column in 0..<columns {
                for maximize in [true, false] {
                    var objective = [Double](repeating: 0, count: columns)
                    objective[column] = 1
                    let dense = LinearProgram(objective: objective, equalities: equalities, lower: lower, upper: upper)
                        .solve(maximize: maximize)
                    let glpk = sparse.solve([(column: column, coefficient: 1)], maximize: maximize)
                    switch (dense, glpk) {
                    case (.optimal(let a), .optimal(let b)):
                        #expect(abs(a - b) < 1e-6, "column \(column): dense \(a), GLPK \(b)")
                        optima += 1
                    default:
                        #expect(dense == glpk, "column \(column): dense \(dense), GLPK \(glpk)")
                    }
                }
            }
        }
        #expect(optima > 200)
    }

    /// At its iteration limit GLPK's answer is "unknown", never an optimum; an empty feasible set is infeasible;
    /// a direction without bound is unbounded.
    @Test func theIterationLimitGivesUnknownAndTheOtherVerdictsAreKept() {
        let rows = [
            SparseLinearProgram.Row(terms: [(0, 1), (1, 1), (2, 1)], lower: 20, upper: 20),
            SparseLinearProgram.Row(terms: [(1, 1), (2, 1), (3, 1)], lower: 25, upper: 25),
        ]
        let program = SparseLinearProgram(lower: [0, 0, 0, 0], upper: [9, 30, 30, 9], rows: rows)
        // x4 − x1 = 5 and x4 ≤ 9, so x1 ≤ 4.
        #expect(program.solve([(0, 1)], maximize: true) == .optimal(4))
        let limited = SparseLinearProgram(lower: [0, 0, 0, 0], upper: [9, 30, 30, 9], rows: rows, iterationLimit: 0)
        #expect(limited.solve([(0, 1)], maximize: true) == .unknown)
        let impossible = SparseLinearProgram(
            lower: [0, 0], upper: [9, 9],
            rows: [SparseLinearProgram.Row(terms: [(0, 1), (1, 1)], lower: 30, upper: 30)])
        #expect(impossible.solve([(0, 1)], maximize: true) == .infeasible)
        let open = SparseLinearProgram(
            lower: [0, 0], upper: [.infinity, .infinity],
            rows: [SparseLinearProgram.Row(terms: [(0, 1), (1, -1)], lower: 0, upper: 0)])
        #expect(open.solve([(0, 1)], maximize: true) == .unbounded)
        #expect(open.solve([(0, 1)], maximize: false) == .optimal(0))
    }
}
