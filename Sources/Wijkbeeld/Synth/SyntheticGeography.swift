/// One buurt of the synthetic country: its codes, postcode area, profile and share of the population.
struct SyntheticBuurt: Sendable {
    /// The 8-character code as VSLGWBTAB holds it (`0855ZZ01`).
    var code: String
    var name: String
    var isSynthetic: Bool
    /// Index of its wijk in `SyntheticGeography.wijken`.
    var wijk: Int
    var pc4: Int
    var profile: AreaProfile
    /// Persons to generate here.
    var persons: Int

    var wijkCode: String { String(code.prefix(6)) }
    var gemeenteCode: String { String(code.prefix(4)) }
    var isTilburg: Bool { code.hasPrefix("0855") }
}

/// A wijk: its 6-character code and name.
struct SyntheticWijk: Sendable {
    var code: String
    var name: String
    var isSynthetic: Bool
}

/// The areas a synthetic data set covers, with Tilburg's real and invented codes (geography.md).
///
/// The district is always `WK0855ZZ` with buurten `ZZ01` (target, De Zuidwester's catchment),
/// `ZZ02` and `ZZ03` (control); the rest of Tilburg and, at national scale, the rest of the country
/// are filled with codes that cannot collide with real ones (letters, or municipality codes 9001+).
struct SyntheticGeography: Sendable {
    var wijken: [SyntheticWijk] = []
    var buurten: [SyntheticBuurt] = []
    /// Municipality codes (4 digits) and names, Tilburg first.
    var gemeenten: [(code: String, name: String, isSynthetic: Bool)] = []

    static let targetBuurt = "0855ZZ01"

    init(persons: Int, scale: SynthScale) {
        gemeenten.append(("0855", "Tilburg", false))
        let district = min(persons, scale == .district ? persons : 25_000)
        let tilburg = scale == .national ? 220_000 : persons
        let scaleFactor = Double(district) / 25_000
        addWijk(code: "0855ZZ", name: "Staatsliedenbuurt [SYNTHETIC]", synthetic: true)
        addBuurt("0855ZZ01", "Staatsliedenbuurt Oost [SYNTHETIC]", true, pc4: 5025, .target, 3000 * scaleFactor)
        addBuurt("0855ZZ02", "Staatsliedenbuurt West [SYNTHETIC]", true, pc4: 5024, .district, 3000 * scaleFactor)
        addBuurt("0855ZZ03", "Overig Tilburg [SYNTHETIC]", true, pc4: 5021, .tilburg, 4000 * scaleFactor)
        addWijk(code: "085510", name: "Binnenstad", synthetic: false)
        let real = [
            ("08551001", "Binnenstad West"), ("08551002", "Binnenstad Oost"),
            ("08551003", "Koningsplein"), ("08551004", "Oude Dijk"),
        ]
        let restOfTilburg = max(Double(tilburg) - 10_000 * scaleFactor, 0)
        let binnenstad = scale == .district ? restOfTilburg : min(restOfTilburg, 15_000)
        for (offset, entry) in real.enumerated() {
            addBuurt(entry.0, entry.1, false, pc4: 5038 + offset, .tilburg, binnenstad / 4)
        }
        let remaining = restOfTilburg - binnenstad
        if remaining > 0 {
            addSyntheticWijken(gemeente: "0855", letter: "Y", persons: remaining, firstPC4: 5040)
        }
        if scale == .national {
            let rest = Double(persons - tilburg)
            let count = 340
            for number in 0..<count {
                let code = String(9001 + number)
                gemeenten.append((code, "Gemeente \(code) [SYNTHETIC]", true))
                // Sizes vary roughly tenfold, like Dutch municipalities.
                let weight = 0.3 + Double((number * 37) % 100) / 40
                let share = weight / (Double(count) * (0.3 + 1.2375))
                addSyntheticWijken(
                    gemeente: code, letter: "A", persons: rest * share, firstPC4: 1000 + number * 25)
            }
        }
    }

    private mutating func addWijk(code: String, name: String, synthetic: Bool) {
        wijken.append(SyntheticWijk(code: code, name: name, isSynthetic: synthetic))
    }

    private mutating func addBuurt(
        _ code: String, _ name: String, _ synthetic: Bool, pc4: Int, _ profile: AreaProfile, _ persons: Double
    ) {
        buurten.append(
            SyntheticBuurt(
                code: code, name: name, isSynthetic: synthetic, wijk: wijken.count - 1, pc4: pc4,
                profile: profile, persons: Int(persons.rounded())))
    }

    /// Adds wijken of about ten buurten of about 1,500 persons each.
    private mutating func addSyntheticWijken(gemeente: String, letter: Character, persons: Double, firstPC4: Int) {
        let buurtCount = max(1, Int((persons / 1500).rounded()))
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXZ")
        let perWijk = max(10, (buurtCount + letters.count - 1) / letters.count)
        var made = 0
        var wijkNumber = 0
        while made < buurtCount {
            let code6 = gemeente + String(letter) + String(letters[wijkNumber])
            addWijk(code: code6, name: "Wijk \(code6) [SYNTHETIC]", synthetic: true)
            for buurtNumber in 0..<min(perWijk, buurtCount - made) {
                let code8 = code6 + (buurtNumber < 10 ? "0\(buurtNumber)" : "\(buurtNumber)")
                let profile: AreaProfile = gemeente == "0855" ? .tilburg : .national
                addBuurt(
                    code8, "Buurt \(code8) [SYNTHETIC]", true, pc4: min(9999, firstPC4 + made / 4), profile,
                    persons / Double(buurtCount))
                made += 1
            }
            wijkNumber += 1
        }
    }

    /// Index of the buurt with this 8-character code.
    func index(of code: String) -> Int? {
        buurten.firstIndex { $0.code == code }
    }
}
