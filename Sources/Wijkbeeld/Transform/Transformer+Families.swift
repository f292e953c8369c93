/// Families F(c, t) = {c} ∪ L(c) ∪ H(c, t), and deterministic linking of school and care records.
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
                    pseudonym: family, buurt: children.first.flatMap { buurtOfRow[$0] } ?? "", children: children.count,
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

    /// Links records through the pseudonymised BSN and the BSN→RINPERSOON crosswalk; every record not
    /// linked that way is counted with the reason it goes to the probabilistic linker.
    static func link(
        _ records: [PopulationLoader.PendingRecord], crosswalk: [UInt64: UInt64], population: CBSPopulation,
        into tables: inout AnalysisTables, _ pseudonymizer: Pseudonymizer
    ) {
        var seen = Set<Pseudonym>()
        var unique: [Int] = []
        var outcomes: [Int: (outcome: String, person: Int32?, bsn: Pseudonym?)] = [:]
        for (index, record) in records.enumerated() {
            // A pupil has a row per school year: link each pupil once.
            guard seen.insert(record.record).inserted else { continue }
            unique.append(index)
            var outcome: String
            var person: Int32?
            var bsn: Pseudonym?
            if let number = record.bsn {
                bsn = pseudonymizer.pseudonym(.bsn, CBSPopulation.digitsText(number))
                if let key = crosswalk[number] {
                    if let found = population.index[key] {
                        person = found
                        outcome = "bsn_koppeltabel"
                    } else {
                        outcome = "koppeltabel_wijst_naar_onbekende_persoon"
                    }
                } else {
                    outcome = "bsn_niet_in_koppeltabel"
                }
            } else if record.onderwijsnummer != nil {
                outcome = record.bsnInvalid ? "bsn_ongeldig_alleen_onderwijsnummer" : "alleen_onderwijsnummer"
            } else {
                outcome = record.bsnInvalid ? "bsn_ongeldig" : "geen_geldig_persoonsnummer"
            }
            tables.counts["\(record.source):\(outcome)", default: 0] += 1
            outcomes[index] = (outcome, person, bsn)
        }
        // Deterministic links first; the rest go to the probabilistic linker, trained on the first.
        let linked = outcomes.compactMapValues(\.person)
        let probable = probableLinks(
            records, unlinked: unique.filter { outcomes[$0]?.person == nil }, linked: linked, population: population)
        tables.counts["koppeling_probabilistisch_ambigu", default: 0] += probable.ambiguous
        for (index, link) in probable.links {
            if let before = outcomes[index]?.outcome {
                tables.counts["\(records[index].source):\(before)", default: 0] -= 1
            }
            outcomes[index]?.person = link.person
            outcomes[index]?.outcome = "probabilistisch"
            tables.counts["\(records[index].source):probabilistisch", default: 0] += 1
            // Weight histogram in bins of 5 bits, for the run record.
            let bin = Int((link.weight / 5).rounded(.down)) * 5
            tables.counts["koppelgewicht_\(bin)_\(bin + 5)", default: 0] += 1
        }
        for index in unique {
            guard let (outcome, personIndex, bsn) = outcomes[index] else { continue }
            let record = records[index]
            let person = personIndex.map { rin(population.persons[Int($0)].key, pseudonymizer) }
            // Nothing after the reference date belongs to the period, whenever the run happens.
            let window = tables.options.window
            if let person, let care = record.care, care.first <= window.upperBound {
                tables.careStarts[person, default: []].append((care.first, care.organisation))
            }
            if let person, let care = record.care, care.first <= window.upperBound, care.last >= window.lowerBound {
                tables.careContacts[person, default: []].append(
                    AnalysisTables.CareContact(organisation: care.organisation, organisationType: care.type))
            }
            tables.links.append(
                AnalysisTables.RecordLink(
                    source: record.source, record: record.record, person: person, bsn: bsn, outcome: outcome))
        }
        tables.links.sort { ($0.source, $0.record) < ($1.source, $1.record) }
    }
}
