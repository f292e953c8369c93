/// Moves, youth care and protection, police suspects and benefits for a generated unit.
extension PopulationModel {
    /// Adds 0–3 moves per open household between 2019 and the reference date.
    mutating func addMoves(_ unit: inout FamilyUnit, random: inout SplitMix64) {
        let moveWindowStart = CalendarDate.known(options.years.lowerBound - 2, 1, 1)
        for household in unit.households.indices where unit.households[household].end == nil {
            let moves = min(3, random.poisson(unit.profile.moveRate * Double(options.years.count + 2)))
            guard moves > 0 else { continue }
            let first = max(unit.households[household].begin.adding(days: 30), moveWindowStart).daysSinceEpoch
            let last = referenceDate.daysSinceEpoch - 10
            guard first < last else { continue }
            let dates = (0..<moves).map { _ in random.int(in: first...last) }.sorted()
            var buurt = unit.addresses[
                unit.persons[unit.households[household].members[0]].addressSpells.last?.target
                    ?? 0
            ].buurt
            for day in dates {
                let date = CalendarDate(daysSinceEpoch: day)
                // Families with children mostly move within their buurt (school stays near).
                let hasChildren = unit.households[household].members.contains { unit.persons[$0].isChild }
                buurt = randomBuurt(nearby: buurt, stay: hasChildren ? 0.8 : 0.55, random: &random)
                let address = newAddress(&unit, buurt: buurt, random: &random)
                for member in unit.households[household].members {
                    guard var open = unit.persons[member].addressSpells.last, open.end == nil else { continue }
                    if open.begin >= date {
                        open.target = address
                        unit.persons[member].addressSpells[unit.persons[member].addressSpells.count - 1] = open
                    } else {
                        unit.persons[member].addressSpells[unit.persons[member].addressSpells.count - 1].end =
                            date.adding(days: -1)
                        unit.persons[member].addressSpells.append(Spell(target: address, begin: date, end: nil))
                    }
                }
            }
        }
    }

    /// The household a person belongs to on the reference date, if any.
    func household(of person: Int, in unit: FamilyUnit, on date: CalendarDate) -> SynthHousehold? {
        unit.persons[person].householdSpells.last { $0.covers(date) }.map { unit.households[$0.target] }
    }

    /// Youth-care (JGDHULPBUS) and youth-protection (JGDBESCHERMBUS) spells for the children.
    mutating func addYouthRecords(_ unit: inout FamilyUnit, random: inout SplitMix64) {
        let years = (options.lastYear - 4)...options.lastYear
        for child in unit.persons.indices where unit.persons[child].isChild && unit.persons[child].isLinkable {
            let home = household(of: child, in: unit, on: referenceDate)
            let single = home?.type == 6
            let poor = (home?.incomeScore ?? 1) < 0
            let veryPoor = (home?.incomeScore ?? 1) < -0.5
            for year in years {
                let yearStart = CalendarDate.known(year, 1, 1)
                let age = unit.persons[child].birth.age(on: yearStart)
                guard age >= 0, age < 18 else { continue }
                let careRisk = unit.profile.youthCareStart * (single ? 1.8 : 1) * (poor ? 1.7 : 1)
                if random.chance(careRisk) {
                    let begin = yearStart.adding(days: random.int(in: 0...364))
                    let residential = random.chance(unit.profile.residentialShare * (veryPoor ? 2 : 1))
                    let code = residential ? random.int(in: 11...14) : 21
                    unit.youthCare.append(
                        CodedSpell(person: child, code: code, begin: begin, end: spellEnd(begin, 60...540, &random)))
                }
                let protectionRisk = unit.profile.protectionStart * (single ? 3 : 1) * (veryPoor ? 3 : 1)
                if random.chance(protectionRisk) {
                    let begin = yearStart.adding(days: random.int(in: 0...364))
                    let measure = [11, 12, 21, 22, 23][random.pick(weights: [0.45, 0.2, 0.15, 0.1, 0.1])]
                    let end = spellEnd(begin, 300...900, &random)
                    unit.protection.append(CodedSpell(person: child, code: measure, begin: begin, end: end))
                    if random.chance(0.35) {
                        // Out-of-home placement: residential care during the measure.
                        let placed = begin.adding(days: random.int(in: 0...120))
                        unit.youthCare.append(
                            CodedSpell(
                                person: child, code: random.int(in: 11...14), begin: placed,
                                end: spellEnd(placed, 90...600, &random)))
                    }
                }
            }
        }
    }

    /// An end date `days` after `begin`, or nil (still open) when it lies past the reference date.
    private func spellEnd(_ begin: CalendarDate, _ days: ClosedRange<Int>, _ random: inout SplitMix64)
        -> CalendarDate?
    {
        let end = begin.adding(days: random.int(in: days))
        return end > referenceDate ? nil : end
    }

    /// Registered suspects (VERDTAB) for the eight years up to the last year.
    mutating func addSuspects(_ unit: inout FamilyUnit, random: inout SplitMix64) {
        for person in unit.persons.indices where unit.persons[person].isLinkable {
            let poor = (household(of: person, in: unit, on: referenceDate)?.incomeScore ?? 1) < 0
            // Registrations concentrate in few people: about 12 % (twice that in poor households) carry
            // most of them, so the yearly rate matches while "ever in seven years" stays realistic.
            let atRisk = random.chance(poor ? 0.24 : 0.12)
            let propensity = atRisk ? 7.0 : 0.15
            for year in (options.lastYear - 7)...options.lastYear {
                let age = unit.persons[person].birth.age(on: CalendarDate.known(year, 12, 31))
                guard age >= 12 else { continue }
                let rate = unit.profile.suspectRate * (age < 18 ? 0.7 : 1) * propensity
                if random.chance(rate) { unit.suspects.append((person, year)) }
            }
        }
    }

    /// Yearly income scores and bijstand spells for main breadwinners below the bijstand line.
    mutating func addBenefits(_ unit: inout FamilyUnit, random: inout SplitMix64) {
        for index in unit.households.indices {
            let household = unit.households[index]
            unit.households[index].yearScores = options.years.map { _ in
                household.incomeScore + 0.3 * random.normal()
            }
            let earnerAge = unit.persons[household.earner].birth.age(on: referenceDate)
            guard earnerAge < 67, unit.persons[household.earner].isLinkable else { continue }
            var run: [Int] = []
            for (offset, year) in options.years.enumerated() {
                let inYear =
                    household.begin <= CalendarDate.known(year, 12, 31)
                    && (household.end.map { $0 >= CalendarDate.known(year, 12, 31) } ?? true)
                if inYear && unit.households[index].yearScores[offset] < -0.9 {
                    run.append(year)
                } else if let first = run.first, let last = run.last {
                    addBijstand(&unit, person: household.earner, from: first, to: last, random: &random)
                    run = []
                }
            }
            if let first = run.first, let last = run.last {
                addBijstand(&unit, person: household.earner, from: first, to: last, random: &random)
            }
        }
    }

    private mutating func addBijstand(
        _ unit: inout FamilyUnit, person: Int, from first: Int, to last: Int, random: inout SplitMix64
    ) {
        let begin = CalendarDate.known(first, 1, 1).adding(days: -random.int(in: 0...400))
        let end: CalendarDate? =
            last == options.lastYear && random.chance(0.7)
            ? nil : CalendarDate.known(last, 12, 31).adding(days: random.int(in: 1...200))
        let code = [1, 13, 15, 16, 2, 3, 14, 20][
            random.pick(weights: [0.85, 0.03, 0.02, 0.02, 0.03, 0.01, 0.02, 0.02])]
        unit.benefits.append(CodedSpell(person: person, code: code, begin: begin, end: end))
        if random.chance(0.15) {
            // A supplement (individuele inkomenstoeslag): not bijstand itself.
            let supplement = CalendarDate.known(last, 3, 1).adding(days: random.int(in: 0...200))
            unit.benefits.append(
                CodedSpell(person: person, code: 18, begin: supplement, end: supplement.adding(days: 1)))
        }
    }
}
