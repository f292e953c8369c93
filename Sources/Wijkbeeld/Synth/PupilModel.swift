#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// School-related facts about a child that CBS enrolment (INSCHRWPOTAB) and the school exports
/// must agree on: which school, which group, ability, test results and advice.
struct PupilModel {
    let options: SynthOptions
    let geography: SyntheticGeography
    /// Chance that a child living in each buurt attends De Zuidwester.
    private let zuidwesterChance: [Double]

    /// Brin codes of the schools whose exports are generated; De Zuidwester first.
    static let exportedSchools = ["SYNTHBRIN01", "SYNTHBRIN02", "SYNTHBRIN03"]
    /// OSO advice codes from praktijkonderwijs to vwo, and the national shares of first advice.
    static let adviceCodes = [10, 21, 30, 31, 40, 41, 60, 61, 70]
    static let adviceCumulative = [0.076, 0.117, 0.218, 0.267, 0.449, 0.546, 0.717, 0.819, 1.0]

    init(options: SynthOptions, geography: SyntheticGeography) {
        self.options = options
        self.geography = geography
        // Children of primary-school age are about 14 % of persons in the district. Aim at
        // `zuidwesterTargetShare` of the pupils living in the target buurt, the rest spread over
        // the other district buurten (60 %, 25 %) and the rest of Tilburg (15 %).
        // Measured shares of persons aged 4–11 per profile (target, district, elsewhere).
        func childShare(_ code: String) -> Double {
            code == SyntheticGeography.targetBuurt ? 0.16 : (code == "0855ZZ02" ? 0.153 : 0.135)
        }
        let targetChance = 0.26
        let target = geography.index(of: SyntheticGeography.targetBuurt) ?? 0
        let targetPupils =
            Double(geography.buurten[target].persons) * childShare(geography.buurten[target].code)
            * targetChance
        let share = min(max(options.zuidwesterTargetShare, 0.01), 1)
        let otherPupils = targetPupils * (1 - share) / share
        let restOfTilburg = geography.buurten.filter { $0.isTilburg && !$0.code.hasPrefix("0855ZZ") }
            .reduce(0) { $0 + $1.persons }
        zuidwesterChance = geography.buurten.map { buurt in
            let children = max(Double(buurt.persons) * childShare(buurt.code), 1)
            switch buurt.code {
            case SyntheticGeography.targetBuurt: return targetChance
            case "0855ZZ02": return min(1, otherPupils * 0.60 / children)
            case "0855ZZ03": return min(1, otherPupils * 0.25 / children)
            default:
                guard buurt.isTilburg else { return 0 }
                return min(1, otherPupils * 0.15 / max(Double(restOfTilburg) * childShare(buurt.code), 1))
            }
        }
    }

    /// The school a child attends: 0…2 for the exported schools, nil for any other school.
    func exportedSchool(of person: SynthPerson, homeBuurt: Int) -> Int? {
        var random = SplitMix64(seed: options.seed, stream: UInt64(person.id), substream: 11)
        if random.chance(zuidwesterChance[homeBuurt]) { return 0 }
        let code = geography.buurten[homeBuurt].code
        if code == "0855ZZ02" || code == "0855ZZ03" { return random.chance(0.25) ? 1 : nil }
        if code.hasPrefix("085510") { return random.chance(0.10) ? 2 : nil }
        return nil
    }

    /// The `WPOBRIN_crypt` of the school: CBS delivers an encrypted BRIN, never the real one.
    func encryptedBrin(school: Int?, homeBuurt: Int) -> String {
        if let school { return "C" + String(school * 7919 + 100_003, radix: 16, uppercase: true) }
        return "B" + String(homeBuurt * 104_729 + 7, radix: 16, uppercase: true)
    }

    /// Jaargroep on 1 October of school year `year`–`year + 1`, or nil when not in primary school.
    func group(of person: SynthPerson, schoolYear year: Int) -> Int? {
        let age = person.birth.age(on: CalendarDate.known(year, 10, 1))
        guard (4...11).contains(age) else { return nil }
        var random = SplitMix64(seed: options.seed, stream: UInt64(person.id), substream: 12)
        let repeated = random.chance(0.03) && age >= 7
        return max(1, age - 3 - (repeated ? 1 : 0))
    }

    /// A child's latent school ability; correlated with household income.
    func ability(of person: SynthPerson, incomeScore: Double) -> Double {
        var random = SplitMix64(seed: options.seed, stream: UInt64(person.id), substream: 13)
        return 0.45 * (incomeScore - 1.5) + random.normal()
    }

    /// Reference levels in group 8: reading and language 2F, maths 1S (booleans), from ability.
    func targetLevels(ability: Double, person: SynthPerson) -> (reading: Bool, language: Bool, maths: Bool) {
        var random = SplitMix64(seed: options.seed, stream: UInt64(person.id), substream: 14)
        func reaches(_ cut: Double) -> Bool { ability + 0.6 * random.normal() > cut * 1.17 }
        return (reaches(PupilModel.readingCut), reaches(PupilModel.languageCut), reaches(PupilModel.mathsCut))
    }

    /// School advice and test advice (OSO codes) from ability.
    func advice(ability: Double, person: SynthPerson) -> (school: Int, test: Int, revised: Int?) {
        var random = SplitMix64(seed: options.seed, stream: UInt64(person.id), substream: 15)
        func code(_ score: Double) -> Int {
            let p = PupilModel.cumulativeNormal(score / 1.1)
            let index = PupilModel.adviceCumulative.firstIndex { p <= $0 } ?? 8
            return PupilModel.adviceCodes[index]
        }
        let school = code(ability + 0.3 * random.normal())
        let test = code(ability + 0.3 * random.normal())
        let revised = test / 10 > school / 10 && random.chance(0.3) ? test : nil
        return (school, test, revised)
    }

    /// Ability cut-offs that give the national shares at target level: 73 %, 62 % and 42 %.
    private static let readingCut = quantile(1 - 0.73)
    private static let languageCut = quantile(1 - 0.62)
    private static let mathsCut = quantile(1 - 0.42)

    static func cumulativeNormal(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The standard normal quantile, by bisection (used only for a few constants per child).
    static func quantile(_ p: Double) -> Double {
        var low = -8.0
        var high = 8.0
        for _ in 0..<60 {
            let mid = (low + high) / 2
            if cumulativeNormal(mid) < p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}
