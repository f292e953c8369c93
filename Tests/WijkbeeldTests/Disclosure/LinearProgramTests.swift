import Testing

@testable import Wijkbeeld

@Suite struct LinearProgramTests {
    /// On small chains x1 + x2 = s, x2 + x3 = t (totally unimodular, so the LP optimum is integral)
    /// the solver's bounds equal those found by enumerating every integer solution.
    @Test func boundsEqualBruteForceOnSmallChains() {
        var random = SplitMix64(seed: 12)
        var checked = 0
        for _ in 0..<300 {
            let lower = (0..<3).map { _ in Double(random.chance(0.5) ? 0 : 10) }
            let upper = lower.map { $0 == 0 ? 9.0 : 30.0 }
            let s = Double(random.int(in: 0...50))
            let t = Double(random.int(in: 0...50))
            let equalities: [(coefficients: [Double], value: Double)] = [([1, 1, 0], s), ([0, 1, 1], t)]
            var solutions: [[Int]] = []
            for a in Int(lower[0])...Int(upper[0]) {
                for b in Int(lower[1])...Int(upper[1]) {
                    let c = Int(t) - b
                    if a + b == Int(s) && Double(c) >= lower[2] && Double(c) <= upper[2] {
                        solutions.append([a, b, c])
                    }
                }
            }
            for variable in 0..<3 {
                var objective = [0.0, 0.0, 0.0]
                objective[variable] = 1
                let program = LinearProgram(objective: objective, equalities: equalities, lower: lower, upper: upper)
                let high = program.optimum(maximize: true)
                let low = program.optimum(maximize: false)
                if solutions.isEmpty {
                    #expect(high == nil && low == nil)
                } else {
                    #expect(high == Double(solutions.map { $0[variable] }.max() ?? -1))
                    #expect(low == Double(solutions.map { $0[variable] }.min() ?? -1))
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
    }

    /// At its pivot limit the solver says it does not know, never "optimal"; without a feasible point it says
    /// so; and the same program with room to pivot finds the optimum.
    @Test func thePivotLimitGivesUnknownNotAnOptimum() {
        let equalities: [(coefficients: [Double], value: Double)] = [([1, 1, 1, 0], 20), ([0, 1, 1, 1], 25)]
        var program = LinearProgram(
            objective: [1, 0, 0, 0], equalities: equalities, lower: [0, 0, 0, 0], upper: [9, 30, 30, 9])
        // x4 − x1 = 5 and x4 ≤ 9, so x1 ≤ 4.
        #expect(program.solve(maximize: true) == .optimal(4))
        program.pivotLimit = 1
        #expect(program.solve(maximize: true) == .unknown)
        #expect(program.optimum(maximize: true) == nil)
        let impossible = LinearProgram(
            objective: [1, 0], equalities: [([1, 1], 30)], lower: [0, 0], upper: [9, 9])
        #expect(impossible.solve(maximize: true) == .infeasible)
    }
}
