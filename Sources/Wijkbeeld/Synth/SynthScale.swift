/// How large a synthetic data set `wijkbeeld synth` makes.
public enum SynthScale: String, CaseIterable, Sendable {
    /// The synthetic wijk plus the rest of Tilburg, about 25 k persons: the committed sample.
    case district
    /// A Tilburg-sized city, about 220 k persons.
    case city
    /// The whole country, about 18 M persons, streamed to disk.
    case national

    /// The number of persons the scale aims at (households are whole, so the result is close, not equal).
    public var targetPersons: Int {
        switch self {
        case .district: 25_000
        case .city: 220_000
        case .national: 18_000_000
        }
    }
}
