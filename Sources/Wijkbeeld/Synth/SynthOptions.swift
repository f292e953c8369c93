/// Everything that determines a synthetic data set; equal options give byte-identical files.
public struct SynthOptions: Sendable {
    public var seed: UInt64
    public var scale: SynthScale
    /// Overrides the scale's person count (tests use small populations); nil = the scale's own.
    public var targetPersons: Int?
    public var dirt = DirtRates()
    /// Calendar years with yearly tables (income, enrolment); the last one names the spell files.
    public var years: ClosedRange<Int> = 2021...2023
    /// Start of the Smart Start pilot: signal-to-help delays shorten after it.
    public var pilotStart = CalendarDate.known(2022, 8, 1)
    /// Share of De Zuidwester's pupils who live in the target buurt (BU0855ZZ01).
    public var zuidwesterTargetShare = 0.70
    /// Share of persons seen in school and care files that the BSN→RIN crosswalk covers.
    public var crosswalkCoverage = 0.95

    public init(seed: UInt64, scale: SynthScale) {
        self.seed = seed
        self.scale = scale
    }

    var persons: Int { targetPersons ?? scale.targetPersons }
    var lastYear: Int { years.upperBound }
}
