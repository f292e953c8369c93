/// A small, fast, seedable pseudo-random generator (SplitMix64) whose output depends only on its seed.
///
/// Used by the synthetic generator so that the same seed gives the same bytes on every platform;
/// the standard library's generator is neither seedable nor stable across releases.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one independent stream, derived from a root seed and stream numbers.
    public init(seed: UInt64, stream: UInt64, substream: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        let a = mixer.next()
        var second = SplitMix64(seed: a &+ stream &* 0xBF58_476D_1CE4_E5B9)
        let b = second.next()
        state = b ^ (substream &* 0x94D0_49BB_1331_11EB)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// A standard normal deviate (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Poisson deviate with the given mean (Knuth's method; fine for small means).
    public mutating func poisson(_ mean: Double) -> Int {
        let limit = exp(-mean)
        var product = unit()
        var count = 0
        while product > limit {
            count += 1
            product *= unit()
        }
        return count
    }

    /// A negative binomial deviate with the given mean and dispersion, as a gamma–Poisson mixture.
    public mutating func negativeBinomial(mean: Double, dispersion: Double) -> Int {
        poisson(gamma(shape: dispersion) * mean / dispersion)
    }

    /// A gamma deviate with scale 1 (Marsaglia–Tsang).
    public mutating func gamma(shape: Double) -> Double {
        if shape < 1 {
            return gamma(shape: shape + 1) * pow(max(unit(), 1e-12), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            let v = pow(1 + c * x, 3)
            if v <= 0 { continue }
            let u = unit()
            if log(max(u, 1e-300)) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// An index drawn with probability proportional to `weights`.
    public mutating func pick(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// A uniformly chosen element of a non-empty array.
    public mutating func element<T>(of array: [T]) -> T {
        array[Int(next() % UInt64(array.count))]
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
