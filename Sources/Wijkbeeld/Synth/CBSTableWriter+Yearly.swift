/// The yearly CBS tables: income households (KOPPELPERSOONHUISHOUDEN, INHATAB) and primary-school
/// enrolment with group-8 results (INSCHRWPOTAB).
extension CBSTableWriter {
    func writeIncome(_ unit: FamilyUnit, random: inout SplitMix64) throws {
        for (offset, year) in options.years.enumerated() {
            let date = CalendarDate.known(year, 12, 31)
            let links = incomeLinks[offset]
            let rows = incomes[offset]
            for index in unit.persons.indices where unit.persons[index].isLinkable {
                guard let spell = unit.persons[index].householdSpells.last(where: { $0.covers(date) }) else { continue }
                let earner = unit.persons[unit.households[spell.target].earner]
                key(links, unit.persons[index])
                sep(links)
                key(links, earner)
                try links.endLine()
            }
            for household in unit.households where household.begin <= date && (household.end.map { $0 >= date } ?? true)
            {
                try writeIncomeRow(household, unit, year: offset, to: rows, random: &random)
            }
        }
    }

    private func writeIncomeRow(
        _ household: SynthHousehold, _ unit: FamilyUnit, year offset: Int, to w: ByteWriter,
        random: inout SplitMix64
    ) throws {
        let z = household.yearScores[offset]
        let earner = unit.persons[household.earner]
        let size = household.members.count
        let children = household.members.filter { unit.persons[$0].isChild }.count
        let retired = earner.birth.age(on: CalendarDate.known(options.years.lowerBound + offset, 12, 31)) >= 67
        let student = household.type == 7
        key(w, earner)
        sep(w)
        w.integer(size)
        sep(w)
        if random.chance(0.005) {
            w.integer(88)
        } else {
            let composition: Int
            switch household.type {
            case 1: composition = 11
            case 2, 3: composition = 21
            case 4, 5: composition = 30 + min(children, 3)
            case 6: composition = 40 + min(children, 3)
            default: composition = 51
            }
            w.integer(composition)
        }
        sep(w)
        let source: Int
        if random.chance(0.005) {
            source = 99
        } else if retired {
            source = 25
        } else if student {
            source = 26
        } else if z < -0.9 {
            source = 22
        } else if z < -0.3 {
            source = [21, 23, 24][random.int(in: 0...2)]
        } else {
            source = random.chance(0.1) ? [13, 14][random.int(in: 0...1)] : (random.chance(0.02) ? 12 : 11)
        }
        w.integer(source)
        sep(w)
        let equivalence = 1 + 0.5 * Double(max(size - children - 1, 0)) + 0.3 * Double(children)
        let standardised = 26_000 * exp(0.45 * (z - 0.2))
        w.integer(Int(standardised * equivalence))
        sep(w)
        w.integer(Int(standardised))
        sep(w)
        let percentile = max(1, min(100, Int(PupilModel.cumulativeNormal((z - 1.5) / 0.95) * 100) + 1))
        w.integer(percentile)
        sep(w)
        if student { w.integer(-1) } else { w.integer(percentile) }
        sep(w)
        w.integer(Int((100 * exp(0.45 * z)).rounded()))
        sep(w)
        w.integer(Int((100 * exp(0.45 * (household.incomeScore + 0.5))).rounded()))
        sep(w)
        w.integer(Int((120 * exp(0.45 * (z - 0.35))).rounded()))
        sep(w)
        w.integer(Int((120 * exp(0.45 * (household.incomeScore + 0.2))).rounded()))
        sep(w)
        if random.chance(0.005) {
            w.integer(9)
        } else {
            w.integer(z > 1.3 && random.chance(0.85) ? 1 : (z < 0.5 ? 3 : 2))
        }
        try w.endLine()
    }

    func writeEnrolment(_ unit: FamilyUnit) throws {
        for (offset, year) in options.years.enumerated() {
            let w = enrolments[offset]
            let date = CalendarDate.known(year, 10, 1)
            for index in unit.persons.indices where unit.persons[index].isLinkable && unit.persons[index].isChild {
                let child = unit.persons[index]
                guard let group = pupils.group(of: child, schoolYear: year) else { continue }
                let school = pupils.exportedSchool(of: child, homeBuurt: unit.homeBuurt)
                let score = household(of: index, in: unit, on: date)?.incomeScore ?? 1
                key(w, child)
                sep(w)
                w.text(pupils.encryptedBrin(school: school, homeBuurt: unit.homeBuurt))
                w.text(";00;BO;")
                w.integer(1 + child.id % 4)
                // WPOLEERJAAR is A2 and space-padded in RA files: " 8".
                w.text("; ")
                w.integer(group)
                w.text(";22;")
                w.integer(group == 8 ? 8 + (child.birth.age(on: date) - 11) : max(group, 1))
                sep(w)
                if group == 8 {
                    let ability = pupils.ability(of: child, incomeScore: score)
                    let levels = pupils.targetLevels(ability: ability, person: child)
                    let advice = pupils.advice(ability: ability, person: child)
                    w.text("1;")
                    w.integer(max(501, min(550, 535 + Int((ability * 7).rounded()))))
                    sep(w)
                    w.integer(levels.maths ? 3 + child.id % 2 : 2)
                    sep(w)
                    w.integer(levels.reading ? 4 : 2)
                    sep(w)
                    w.integer(levels.language ? 4 : 2)
                    sep(w)
                    w.integer(advice.test, width: 2)
                    sep(w)
                    w.integer(advice.school, width: 2)
                    sep(w)
                    if let revised = advice.revised { w.integer(revised, width: 2) }
                } else {
                    w.text(";;;;;;;")
                }
                try w.endLine()
            }
        }
    }

    private func household(of person: Int, in unit: FamilyUnit, on date: CalendarDate) -> SynthHousehold? {
        unit.persons[person].householdSpells.last { $0.covers(date) }.map { unit.households[$0.target] }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
