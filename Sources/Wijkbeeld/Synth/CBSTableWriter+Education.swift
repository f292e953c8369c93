/// The highest completed education of adults (HOOGSTEOPLTAB), correlated with household income.
extension CBSTableWriter {
    /// OPLNIVSOI2016AGG4HB codes by level: the first digit is 1 low, 2 middle, 3 high.
    static let educationCodes: [[String]] = [
        ["1111", "1112", "1211", "1212", "1213", "1221", "1222"],
        ["2111", "2112", "2121", "2131", "2132"],
        ["3111", "3112", "3113", "3211", "3212", "3213"],
    ]

    /// Writes a row for about 85 % of linkable persons aged 15 or older on 31 December of the last year,
    /// like the register's partial coverage of older cohorts. A person's own stream keeps other tables unchanged.
    func writeEducation(_ unit: FamilyUnit) throws {
        let date = CalendarDate.known(options.lastYear, 12, 31)
        for index in unit.persons.indices where unit.persons[index].isLinkable {
            let person = unit.persons[index]
            guard person.birth.age(on: date) >= 15 else { continue }
            var random = SplitMix64(seed: options.seed, stream: 0xED0C, substream: UInt64(person.id))
            guard random.chance(0.85) else { continue }
            let score =
                unit.persons[index].householdSpells.last { $0.covers(date) }
                .map { unit.households[$0.target].incomeScore } ?? 0
            let low = min(max(0.2 - 0.25 * score, 0.05), 0.75)
            let high = min(max(0.35 + 0.2 * score, 0.05), 0.8)
            let draw = random.unit()
            let level = draw < low ? 0 : draw < 1 - high ? 1 : 2
            let codes = Self.educationCodes[level]
            key(education, person)
            sep(education)
            education.text(codes[random.int(in: 0...(codes.count - 1))])
            education.text(";1")
            try education.endLine()
        }
    }
}
