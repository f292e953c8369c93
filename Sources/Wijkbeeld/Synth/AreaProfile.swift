/// Rates that differ between the target buurt, the rest of the district, Tilburg and the country.
///
/// Values follow population.md (NL, Tilburg, District columns); District values are the project's own.
struct AreaProfile: Sendable {
    /// Household type weights: one person, couple without children, couple with children, single parent, other.
    var householdTypes: [Double]
    /// Weights for 1, 2, 3, 4 children.
    var childCounts: [Double]
    /// Mean of the latent income score; P(low income) = Φ(−mean) for an average household.
    var incomeMean: Double
    /// Moves per household per year.
    var moveRate: Double
    /// Chance per child per year that a youth-care spell starts.
    var youthCareStart: Double
    /// Share of youth-care spells with stay (forms 11–14).
    var residentialShare: Double
    /// Chance per child per year that a youth-protection measure starts.
    var protectionStart: Double
    /// Chance per adult per year of being a registered suspect.
    var suspectRate: Double
    /// Weights of migration generation 0, 1, 2 for children.
    var childGeneration: [Double]
    /// Share of single-parent households whose other legal parent is known and lives elsewhere.
    var otherParentKnown: Double
    /// Chance per couple with children per year of separating.
    var separationRate: Double

    static let target = AreaProfile(
        householdTypes: [0.36, 0.18, 0.27, 0.17, 0.02], childCounts: [0.38, 0.37, 0.17, 0.08],
        incomeMean: 0.75, moveRate: 0.14, youthCareStart: 0.07, residentialShare: 0.12,
        protectionStart: 0.012, suspectRate: 0.02, childGeneration: [0.40, 0.10, 0.50],
        otherParentKnown: 0.75, separationRate: 0.03)
    static let district = AreaProfile(
        householdTypes: [0.38, 0.21, 0.25, 0.14, 0.02], childCounts: [0.40, 0.37, 0.16, 0.07],
        incomeMean: 0.95, moveRate: 0.13, youthCareStart: 0.06, residentialShare: 0.10,
        protectionStart: 0.009, suspectRate: 0.016, childGeneration: [0.50, 0.08, 0.42],
        otherParentKnown: 0.75, separationRate: 0.025)
    static let tilburg = AreaProfile(
        householdTypes: [0.40, 0.26, 0.24, 0.09, 0.01], childCounts: [0.43, 0.41, 0.12, 0.04],
        incomeMean: 1.25, moveRate: 0.10, youthCareStart: 0.045, residentialShare: 0.07,
        protectionStart: 0.004, suspectRate: 0.010, childGeneration: [0.65, 0.06, 0.29],
        otherParentKnown: 0.80, separationRate: 0.018)
    static let national = AreaProfile(
        householdTypes: [0.399, 0.285, 0.243, 0.063, 0.01], childCounts: [0.43, 0.41, 0.12, 0.04],
        incomeMean: 1.5, moveRate: 0.094, youthCareStart: 0.04, residentialShare: 0.06,
        protectionStart: 0.003, suspectRate: 0.008, childGeneration: [0.70, 0.05, 0.25],
        otherParentKnown: 0.80, separationRate: 0.017)
}
