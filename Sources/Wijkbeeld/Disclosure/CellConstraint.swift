/// A linear fact between the counts and bases of cells that an outsider can assume from the definitions,
/// beyond area additivity: `Σ coefficient × quantity ≥ 0` (or `= 0`). For example IND11 ≤ IND10 in every
/// area, or two indicators sharing the child population C(t) as their base (docs/disclosure.md, R7).
public struct CellConstraint: Sendable, Equatable {
    /// Which number of a cell a term is about: its count (a share's numerator, a count) or its base (a share's
    /// denominator, the units of a mean or median).
    public enum Part: Sendable, Hashable, Comparable {
        case count
        case base
    }

    /// `coefficient × (the part of the cell at key)`.
    public struct Term: Sendable, Equatable {
        public var key: CellKey
        public var part: Part
        public var coefficient: Int

        public init(_ key: CellKey, _ part: Part, _ coefficient: Int = 1) {
            self.key = key
            self.part = part
            self.coefficient = coefficient
        }
    }

    public var terms: [Term]
    /// `= 0` rather than `≥ 0`.
    public var isEquality: Bool

    public init(terms: [Term], isEquality: Bool) {
        self.terms = terms
        self.isEquality = isEquality
    }

    /// `smaller ≤ larger`.
    public static func atMost(_ smaller: (CellKey, Part), _ larger: (CellKey, Part)) -> CellConstraint {
        CellConstraint(terms: [Term(larger.0, larger.1), Term(smaller.0, smaller.1, -1)], isEquality: false)
    }

    /// `first = second`.
    public static func equal(_ first: (CellKey, Part), _ second: (CellKey, Part)) -> CellConstraint {
        CellConstraint(terms: [Term(first.0, first.1), Term(second.0, second.1, -1)], isEquality: true)
    }
}
