/// The lowest and highest value of each target over the feasible points seen so far: a target whose two
/// extremes lie its required width apart is shown wide without solving for it.
struct Witnesses {
    let objectives: [[(column: Int, coefficient: Double)]]
    let required: [Double]
    var low: [Double]
    var high: [Double]

    init(objectives: [[(column: Int, coefficient: Double)]], required: [Double]) {
        self.objectives = objectives
        self.required = required
        low = Array(repeating: .infinity, count: objectives.count)
        high = Array(repeating: -.infinity, count: objectives.count)
    }

    /// - Complexity: O(the terms of all targets).
    mutating func record(_ point: [Double]) {
        for (index, objective) in objectives.enumerated() {
            let value = objective.reduce(0) { $0 + $1.coefficient * point[$1.column] }
            low[index] = min(low[index], value)
            high[index] = max(high[index], value)
        }
    }

    func isWide(_ index: Int) -> Bool { high[index] - low[index] >= required[index] - 1e-6 }
}
