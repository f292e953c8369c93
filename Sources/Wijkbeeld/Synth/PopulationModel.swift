/// Generates family units: households of the CBS types with legal parents, children, twins,
/// separated parents at two addresses, moves, income, benefits, youth care and police records,
/// correlated as population.md describes.
struct PopulationModel {
    let options: SynthOptions
    let geography: SyntheticGeography
    /// Buurt index ranges per municipality code, to move within the municipality.
    private let municipalityBuurten: [String: Range<Int>]
    private(set) var nextPerson = 0
    private(set) var nextHousehold = 0
    private(set) var nextAddress = 0

    let referenceDate: CalendarDate
    private let windowStart: CalendarDate
    /// Counts of the population variants (`DirtRates.populationNames`) drawn so far.
    let ledger = DirtLedger()

    init(options: SynthOptions, geography: SyntheticGeography) {
        self.options = options
        self.geography = geography
        var ranges: [String: Range<Int>] = [:]
        for (index, buurt) in geography.buurten.enumerated() {
            let code = buurt.gemeenteCode
            if let range = ranges[code] {
                ranges[code] = range.lowerBound..<(index + 1)
            } else {
                ranges[code] = index..<(index + 1)
            }
        }
        municipalityBuurten = ranges
        referenceDate = CalendarDate.known(options.lastYear, 12, 31)
        windowStart = CalendarDate.known(options.years.lowerBound - 2, 1, 1)
    }

    // MARK: - Units

    /// Generates the next unit living in `buurt`, using its own random stream.
    mutating func makeUnit(buurt: Int, unitNumber: Int) -> FamilyUnit {
        var random = SplitMix64(seed: options.seed, stream: UInt64(unitNumber))
        // The population variants draw from their own stream: the unit's other draws stay as they were.
        var split = SplitMix64(seed: options.seed, stream: UInt64(unitNumber), substream: 3)
        let profile = geography.buurten[buurt].profile
        var unit = FamilyUnit(homeBuurt: buurt, profile: profile)
        let kind = random.pick(weights: profile.householdTypes)
        switch kind {
        case 0: makeAdults(&unit, count: 1, type: 1, random: &random)
        case 1: makeAdults(&unit, count: 2, type: random.chance(0.6) ? 3 : 2, random: &random)
        case 2: makeFamily(&unit, singleParent: false, random: &random, split: &split)
        case 3: makeFamily(&unit, singleParent: true, random: &random, split: &split)
        default: makeAdults(&unit, count: random.int(in: 2...3), type: 7, random: &random)
        }
        addMoves(&unit, random: &random)
        addYouthRecords(&unit, random: &random)
        addSuspects(&unit, random: &random)
        addBenefits(&unit, random: &random)
        return unit
    }

    private mutating func newPerson(
        _ unit: inout FamilyUnit, sex: Int, birth: CalendarDate, generation: Int, child: Bool
    ) -> Int {
        unit.persons.append(
            SynthPerson(id: nextPerson, sex: sex, birth: birth, generation: generation, isChild: child))
        nextPerson += 1
        return unit.persons.count - 1
    }

    mutating func newAddress(_ unit: inout FamilyUnit, buurt: Int, random: inout SplitMix64) -> Int {
        let letters = (UInt8(65 + random.int(in: 0...25)), UInt8(65 + random.int(in: 0...25)))
        unit.addresses.append(
            SynthAddress(object: nextAddress, buurt: buurt, houseNumber: random.int(in: 1...240), letters: letters))
        nextAddress += 1
        return unit.addresses.count - 1
    }

    private mutating func newHousehold(
        _ unit: inout FamilyUnit, type: Int, members: [Int], begin: CalendarDate, end: CalendarDate?,
        score: Double, earner: Int
    ) -> Int {
        unit.households.append(
            SynthHousehold(
                number: nextHousehold, type: type, members: members, begin: begin, end: end, incomeScore: score,
                earner: earner))
        nextHousehold += 1
        let index = unit.households.count - 1
        for member in members {
            let start = max(begin, unit.persons[member].birth)
            // A child born after the household ended was never in it.
            guard end.map({ start <= $0 }) ?? true else { continue }
            unit.persons[member].householdSpells.append(Spell(target: index, begin: start, end: end))
        }
        return index
    }

    private func birthDate(age: Int, random: inout SplitMix64) -> CalendarDate {
        referenceDate.adding(days: -(age * 365 + age / 4) - random.int(in: 0...364))
    }

    private func adultGeneration(random: inout SplitMix64, profile: AreaProfile) -> Int {
        random.chance(profile.childGeneration[1] + profile.childGeneration[2] * 0.6) ? 1 : 0
    }

    /// The same buurt with probability `stay`, else a random buurt of the same municipality.
    func randomBuurt(nearby buurt: Int, stay: Double = 0.55, random: inout SplitMix64) -> Int {
        if random.chance(stay) { return buurt }
        guard let range = municipalityBuurten[geography.buurten[buurt].gemeenteCode] else { return buurt }
        return random.int(in: range.lowerBound...(range.upperBound - 1))
    }

    private func incomeScore(_ profile: AreaProfile, shift: Double, random: inout SplitMix64) -> Double {
        profile.incomeMean + shift + 0.9 * random.normal()
    }

    /// One-person, couple and "other" households of adults only.
    private mutating func makeAdults(_ unit: inout FamilyUnit, count: Int, type: Int, random: inout SplitMix64) {
        let elderly = type != 7 && random.chance(0.35)
        let baseAge =
            type == 7 ? random.int(in: 18...27) : (elderly ? random.int(in: 65...92) : random.int(in: 20...64))
        var members: [Int] = []
        let generation = adultGeneration(random: &random, profile: unit.profile)
        for number in 0..<count {
            let age = max(18, baseAge + (number == 0 ? 0 : random.int(in: -4...4)))
            let sex = count == 2 ? (number == 0 ? 1 : 2) : random.int(in: 1...2)
            members.append(
                newPerson(
                    &unit, sex: sex, birth: birthDate(age: age, random: &random), generation: generation,
                    child: false))
        }
        let youngest = members.map { unit.persons[$0].birth }.max() ?? referenceDate
        let earliest = max(youngest.adding(days: 18 * 365), CalendarDate.known(1995, 1, 1))
        let begin = earliest.adding(
            days: random.int(
                in:
                    0...max(
                        0,
                        CalendarDate.known(2022, 6, 30).daysSinceEpoch
                            - earliest.daysSinceEpoch)))
        let shift = type == 1 ? -0.2 : (type == 7 ? -0.5 : 0.3)
        let score = incomeScore(unit.profile, shift: shift, random: &random)
        let household = newHousehold(
            &unit, type: type, members: members, begin: begin, end: nil, score: score, earner: members[0])
        let address = newAddress(&unit, buurt: unit.homeBuurt, random: &random)
        for member in members {
            unit.persons[member].addressSpells.append(
                Spell(target: address, begin: max(begin, unit.persons[member].birth), end: nil))
        }
        _ = household
    }

    /// A couple or single parent with children; a separated parent gets a household of their own.
    private mutating func makeFamily(
        _ unit: inout FamilyUnit, singleParent: Bool, random: inout SplitMix64, split: inout SplitMix64
    ) {
        let profile = unit.profile
        let childCount = random.pick(weights: profile.childCounts) + 1
        let childGeneration = random.pick(weights: profile.childGeneration)
        let parentGeneration = childGeneration == 0 ? 0 : 1
        var childAges: [Int] = []
        var age = random.int(in: 0...15)
        while childAges.count < childCount {
            childAges.append(age)
            // Twins: about 1.5 % of deliveries.
            if childAges.count < childCount && random.chance(0.015) {
                childAges.append(age)
            }
            age += random.int(in: 1...4)
            if age > 21 { break }
        }
        let eldest = childAges.max() ?? 0
        let motherAge = eldest + random.int(in: 21...38)
        let mother = newPerson(
            &unit, sex: 2, birth: birthDate(age: motherAge, random: &random), generation: parentGeneration,
            child: false)
        let father = newPerson(
            &unit, sex: 1, birth: birthDate(age: motherAge + random.int(in: -3...6), random: &random),
            generation: parentGeneration, child: false)
        var children: [Int] = []
        var twinBirth: CalendarDate?
        var previousAge = -1
        for childAge in childAges {
            let birth = (childAge == previousAge ? twinBirth : nil) ?? birthDate(age: childAge, random: &random)
            twinBirth = birth
            previousAge = childAge
            let generation = childGeneration == 1 ? 1 : childGeneration
            let child = newPerson(&unit, sex: random.int(in: 1...2), birth: birth, generation: generation, child: true)
            unit.persons[child].mother = mother
            unit.persons[child].father = father
            children.append(child)
        }
        let firstBirth = children.map { unit.persons[$0].birth }.min() ?? referenceDate
        let familyStart = max(
            firstBirth.adding(days: -random.int(in: 0...1500)),
            unit.persons[mother].birth
                .adding(days: 18 * 365))
        let home = newAddress(&unit, buurt: unit.homeBuurt, random: &random)
        let score = incomeScore(profile, shift: singleParent ? -0.7 : 0, random: &random)

        if singleParent {
            // Separated before the window: the parent with the children lives alone with them.
            let carer = random.chance(0.82) ? mother : father
            let other = carer == mother ? father : mother
            let separated = max(familyStart.adding(days: random.int(in: 200...3000)), familyStart)
            let separation = min(separated, CalendarDate.known(options.years.lowerBound, 6, 30))
            let before = children.filter { unit.persons[$0].birth < separation }
            if familyStart < separation {
                _ = newHousehold(
                    &unit, type: 5, members: [father, mother] + before, begin: familyStart,
                    end: separation.adding(days: -1), score: score + 0.5, earner: father)
            }
            let carerHousehold = newHousehold(
                &unit, type: 6, members: [carer] + children, begin: separation, end: nil, score: score,
                earner: carer)
            for member in [carer] + children {
                unit.persons[member].addressSpells.append(
                    Spell(target: home, begin: max(familyStart, unit.persons[member].birth), end: nil))
            }
            if random.chance(profile.otherParentKnown) {
                if familyStart < separation {
                    unit.persons[other].addressSpells.append(
                        Spell(target: home, begin: familyStart, end: separation.adding(days: -1)))
                }
                placeSeparatedParent(&unit, parent: other, from: separation, score: score, random: &random)
                sendChild(
                    &unit, of: children, from: carerHousehold, home: home, to: other, since: separation,
                    split: &split)
            } else {
                // Legal parent unknown: the column stays empty in KINDOUDERTAB.
                for child in children {
                    if other == father { unit.persons[child].father = nil } else { unit.persons[child].mother = nil }
                }
                unit.persons.remove(at: other)
                reindexAfterRemoving(other, in: &unit)
            }
            return
        }

        let type = random.chance(0.65) ? 5 : 4
        let members = [father, mother] + children
        let separates = random.chance(profile.separationRate * Double(options.years.count))
        if separates {
            let first = CalendarDate.known(options.years.lowerBound, 1, 1).daysSinceEpoch
            let day = random.int(in: first...referenceDate.daysSinceEpoch - 30)
            let separation = CalendarDate(daysSinceEpoch: day)
            _ = newHousehold(
                &unit, type: type, members: members, begin: familyStart, end: separation.adding(days: -1),
                score: score, earner: father)
            let carerHousehold = newHousehold(
                &unit, type: 6, members: [mother] + children, begin: separation, end: nil, score: score - 0.7,
                earner: mother)
            for member in [mother] + children {
                unit.persons[member].addressSpells.append(
                    Spell(target: home, begin: max(familyStart, unit.persons[member].birth), end: nil))
            }
            unit.persons[father].addressSpells.append(
                Spell(target: home, begin: familyStart, end: separation.adding(days: -1)))
            placeSeparatedParent(&unit, parent: father, from: separation, score: score, random: &random)
            sendChild(
                &unit, of: children, from: carerHousehold, home: home, to: father, since: separation, split: &split)
        } else {
            _ = newHousehold(
                &unit, type: type, members: members, begin: familyStart, end: nil, score: score,
                earner: father)
            for member in members {
                unit.persons[member].addressSpells.append(
                    Spell(target: home, begin: max(familyStart, unit.persons[member].birth), end: nil))
            }
        }
    }

    /// Gives a separated legal parent a one-person household at another address, or marks them
    /// as not found in the BRP (`RINPERSOONS ≠ R`, about 3 %).
    private mutating func placeSeparatedParent(
        _ unit: inout FamilyUnit, parent: Int, from date: CalendarDate, score: Double, random: inout SplitMix64
    ) {
        if random.chance(0.03) {
            unit.persons[parent].isLinkable = false
            unit.persons[parent].addressSpells.removeAll()
            return
        }
        let buurt = randomBuurt(nearby: unit.homeBuurt, random: &random)
        let address = newAddress(&unit, buurt: buurt, random: &random)
        _ = newHousehold(
            &unit, type: 1, members: [parent], begin: date, end: nil, score: score + 0.2 * random.normal(),
            earner: parent)
        unit.persons[parent].addressSpells.append(Spell(target: address, begin: date, end: nil))
    }

    /// Population variant: in a separated family with two or more children born before the separation, one
    /// child lives with the other legal parent from then on, at that parent's address (often another buurt),
    /// in their household, which becomes a single-parent household. Needs the parent placed just before.
    private mutating func sendChild(
        _ unit: inout FamilyUnit, of children: [Int], from carerHousehold: Int, home: Int, to parent: Int,
        since date: CalendarDate, split: inout SplitMix64
    ) {
        let candidates = children.filter { unit.persons[$0].birth < date }
        guard children.count >= 2, !candidates.isEmpty, unit.persons[parent].isLinkable,
            let parentHousehold = unit.households.indices.last, unit.households[parentHousehold].members == [parent],
            let parentAddress = unit.persons[parent].addressSpells.last?.target
        else { return }
        guard ledger.inject(.childWithOtherParent, rate: options.dirt.childWithOtherParent, random: &split) else {
            return
        }
        let child = candidates[split.int(in: 0...(candidates.count - 1))]
        unit.households[carerHousehold].members.removeAll { $0 == child }
        unit.households[parentHousehold].members.append(child)
        unit.households[parentHousehold].type = 6
        unit.persons[child].householdSpells.removeAll { $0.target == carerHousehold }
        unit.persons[child].householdSpells.append(Spell(target: parentHousehold, begin: date, end: nil))
        var addresses: [Spell] = []
        for spell in unit.persons[child].addressSpells {
            guard spell.target == home, spell.end == nil else {
                addresses.append(spell)
                continue
            }
            if spell.begin < date {
                addresses.append(Spell(target: home, begin: spell.begin, end: date.adding(days: -1)))
            }
        }
        addresses.append(Spell(target: parentAddress, begin: date, end: nil))
        unit.persons[child].addressSpells = addresses
    }

    private func reindexAfterRemoving(_ removed: Int, in unit: inout FamilyUnit) {
        func shift(_ index: Int?) -> Int? { index.map { $0 > removed ? $0 - 1 : $0 } }
        for index in unit.persons.indices {
            unit.persons[index].father = shift(unit.persons[index].father)
            unit.persons[index].mother = shift(unit.persons[index].mother)
        }
        for index in unit.households.indices {
            let members = unit.households[index].members.filter { $0 != removed }.map { $0 > removed ? $0 - 1 : $0 }
            let earner = unit.households[index].earner
            unit.households[index].members = members
            unit.households[index].earner = earner == removed ? (members.first ?? 0) : (shift(earner) ?? 0)
        }
    }
}
