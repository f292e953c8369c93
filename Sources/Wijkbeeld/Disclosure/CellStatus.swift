/// The status of a cell after disclosure control (sdcTable letters, disclosure.md).
public enum CellStatus: String, Sendable, Codable {
    /// Safe, published.
    case safe = "s"
    /// Primary suppression: failed R1–R5 (or R9, or manual).
    case primary = "u"
    /// Secondary suppression (R7), to protect a primary cell in some relation.
    case secondary = "x"
    /// Must be published and is never chosen as a secondary suppression (e.g. Nederland); only for
    /// cells that pass R1–R5.
    case mustPublish = "z"

    public var isSuppressed: Bool { self == .primary || self == .secondary }
}

/// Why a cell is suppressed; several are joined with `;` in outputs.
public enum SuppressionReason: String, Sendable, Codable, CaseIterable, Comparable {
    case minimumCount = "R1_MIN_N"
    case events = "R2_EVENTS"
    case households = "R3_HOUSEHOLDS"
    case dominance = "R4_DOMINANCE"
    case pPercent = "R4_PPERCENT"
    case extreme = "R5_EXTREME"
    case secondary = "R7_SECONDARY"
    /// Shown as the range `<20`: a suppressed total of exactly two cells shown `<10`, whatever its own
    /// reasons (which are not shown, since they would tell whether it is below 10).
    case range = "R7_RANGE"
    case differencing = "R9_DIFFERENCING"
    case manual = "MANUAL"

    public static func < (lhs: SuppressionReason, rhs: SuppressionReason) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// The thresholds of rules R1–R8; the defaults are those of disclosure.md.
public struct DisclosurePolicy: Sendable, Equatable {
    /// R1: minimum persons in every count, numerator, denominator and base.
    public var minimumCount = 10
    /// R3: minimum distinct households in the numerator and in its complement (class H).
    public var minimumHouseholds = 10
    /// R4: the largest contributor may hold at most this share of a magnitude's total.
    public var dominance = 0.5
    /// R4: p %-rule, total minus the two largest ≥ p × the largest.
    public var p = 0.10
    /// R5: units required on each side of a quantile.
    public var quantileSide = 10
    /// R7: suppressed cells of a relation sum to at least this, and each feasible range is at least this wide.
    public var protectionWidth = 10
    /// R8: counts round to this base, denominators to `denominatorRoundBase`.
    public var countRoundBase = 5
    public var denominatorRoundBase = 10

    public init() {}
}
