/// Families F(c, t) = {c} ∪ L(c) ∪ H(c, t).
extension Transformer {
    /// Children of C(t, A) with the same HUISHOUDNR form one family; a child without a household is
    /// its own family (indicators.md).
    static func buildFamilies(
        _ population: CBSPopulation, selected: [Int], into tables: inout AnalysisTables, pseudonymizer: Pseudonymizer
    ) {
        var childrenByFamily: [UInt64: [Int]] = [:]
        var loneChildren: [Int] = []
        for (row, index) in selected.enumerated() where tables.persons[row].isChildPopulation {
            let household = population.persons[index].household
            if household == 0 {
                loneChildren.append(index)
                tables.counts["kind_zonder_huishouden", default: 0] += 1
            } else {
                childrenByFamily[household, default: []].append(index)
            }
        }
        var householdMembers: [UInt64: [Int]] = [:]
        for index in population.persons.indices {
            let household = population.persons[index].household
            if household != 0 && childrenByFamily[household] != nil {
                householdMembers[household, default: []].append(index)
            }
        }
        let buurtOfRow = Dictionary(uniqueKeysWithValues: zip(selected, tables.persons.map(\.buurt)))
        func add(family: Pseudonym, children: [Int], household: [Int]) {
            var roles: [Int: String] = [:]
            for child in children { roles[child] = "kind" }
            for child in children {
                for parent in [population.persons[child].father, population.persons[child].mother] where parent >= 0 {
                    if roles[Int(parent)] == nil { roles[Int(parent)] = "ouder" }
                }
            }
            for member in household where roles[member] == nil { roles[member] = "huisgenoot" }
            for (member, role) in roles {
                tables.members.append(
                    AnalysisTables.FamilyMember(
                        family: family, person: rin(population.persons[member].key, pseudonymizer), role: role))
            }
            tables.families.append(
                AnalysisTables.Family(
                    pseudonym: family, buurt: children.first.flatMap { buurtOfRow[$0] } ?? "",
                    buurten: Set(children.compactMap { buurtOfRow[$0] }).sorted(), children: children.count,
                    members: roles.count))
        }
        for (household, children) in childrenByFamily {
            add(
                family: pseudonymizer.pseudonym(.household, CBSPopulation.digitsText(household)), children: children,
                household: householdMembers[household] ?? [])
        }
        for child in loneChildren {
            add(family: rin(population.persons[child].key, pseudonymizer), children: [child], household: [])
        }
        tables.families.sort { $0.pseudonym < $1.pseudonym }
        tables.members.sort { ($0.family, $0.person) < ($1.family, $1.person) }
        tables.counts["gezinnen"] = tables.families.count
    }
}
