/// Linking school and care records to CBS persons: once per run, then given to every period.
extension Transformer {
    /// How each school and care record links to a CBS person. Person indexes are the loader's, the same in
    /// every period's population, so one set of links serves all periods of a run.
    struct RecordLinks {
        /// One per distinct record (a pupil has a row per school year), sorted by source and record.
        var links: [AnalysisTables.RecordLink]
        /// The care episode of each link, or nil for a pupil.
        var care: [PopulationLoader.CareEpisode?]
        /// Outcomes by source, ambiguous twins and the weight histogram, for the run record.
        var counts: [String: Int]
        /// A linkage step that failed and was left out, with its cause, for the run record and the user.
        var warnings: [String] = []
    }

    /// Links records through the pseudonymised BSN and the BSN→RINPERSOON crosswalk, then the rest with
    /// the probabilistic linker, trained on the first; every record not linked is counted with its reason.
    /// - Parameter population: the population on the link date (`PopulationLoader.linkPopulation()`).
    static func recordLinks(
        _ records: [PopulationLoader.PendingRecord], crosswalk: [UInt64: UInt64], population: CBSPopulation,
        _ pseudonymizer: Pseudonymizer, linkage: RecordLinkage = .probabilistic,
        personLinks: LinkSpecification = personLinkSpecification
    ) -> RecordLinks {
        var counts: [String: Int] = [:]
        var warnings: [String] = []
        let unique = representatives(records)
        var outcomes: [Int: (outcome: String, person: Int32?, bsn: Pseudonym?)] = [:]
        for index in unique {
            let record = records[index]
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
            counts["\(record.source):\(outcome)", default: 0] += 1
            outcomes[index] = (outcome, person, bsn)
        }
        // Deterministic links first. Then pupils and care episodes linked to each other by name: a record
        // without a person takes the person of its match in the other source. The rest go to the
        // probabilistic linker against CBS persons, trained on the first; its persons then pass along the
        // school ↔ care links once more.
        let linked = outcomes.compactMapValues(\.person)
        var schoolCare: [SchoolCareLink] = []
        if linkage == .probabilistic {
            do {
                schoolCare = try schoolCareLinks(records, unique: unique, persons: linked)
            } catch {
                counts["koppeling_school_zorg_overgeslagen"] = 1
                warnings.append(
                    "koppeling_school_zorg_overgeslagen: pupils and care episodes were not linked to each other "
                        + "(\(error))")
            }
        }
        for link in schoolCare {
            let bin = Int((link.weight / 5).rounded(.down)) * 5
            counts["koppelgewicht_school_zorg_\(bin)_\(bin + 5)", default: 0] += 1
        }
        func passAlong(_ outcome: String) {
            for (index, person) in personsFromOtherSource(schoolCare, outcomes.compactMapValues(\.person)) {
                guard outcomes[index]?.person == nil else { continue }
                if let before = outcomes[index]?.outcome {
                    counts["\(records[index].source):\(before)", default: 0] -= 1
                }
                outcomes[index]?.person = person
                outcomes[index]?.outcome = outcome
                counts["\(records[index].source):\(outcome)", default: 0] += 1
            }
        }
        passAlong("school_zorg_bsn")
        var probable: (links: [Int: ProbableLink], ambiguous: Int) = ([:], 0)
        if linkage == .probabilistic {
            do {
                probable = try probableLinks(
                    records, order: unique, unlinked: unique.filter { outcomes[$0]?.person == nil }, linked: linked,
                    population: population, specification: personLinks)
            } catch {
                // The records keep the outcome of the deterministic step; the run says why.
                counts["koppeling_probabilistisch_overgeslagen"] = 1
                warnings.append(
                    "koppeling_probabilistisch_overgeslagen: records without a BSN link stay unlinked (\(error))")
            }
        }
        counts["koppeling_probabilistisch_ambigu", default: 0] += probable.ambiguous
        for (index, link) in probable.links {
            if let before = outcomes[index]?.outcome {
                counts["\(records[index].source):\(before)", default: 0] -= 1
            }
            outcomes[index]?.person = link.person
            outcomes[index]?.outcome = "probabilistisch"
            counts["\(records[index].source):probabilistisch", default: 0] += 1
            // Weight histogram in bins of 5 bits, for the run record.
            let bin = Int((link.weight / 5).rounded(.down)) * 5
            counts["koppelgewicht_\(bin)_\(bin + 5)", default: 0] += 1
        }
        passAlong("school_zorg_probabilistisch")
        // The share linked per input file: its records and how many have a person.
        for index in unique {
            let file = records[index].file
            counts["bestand_records:\(file)", default: 0] += 1
            if outcomes[index]?.person != nil { counts["bestand_gekoppeld:\(file)", default: 0] += 1 }
        }
        var linkedRecords: [(link: AnalysisTables.RecordLink, care: PopulationLoader.CareEpisode?)] = []
        for index in unique {
            guard let (outcome, personIndex, bsn) = outcomes[index] else { continue }
            let record = records[index]
            linkedRecords.append(
                (
                    AnalysisTables.RecordLink(
                        source: record.source, record: record.record,
                        person: personIndex.map { rin(population.persons[Int($0)].key, pseudonymizer) }, bsn: bsn,
                        outcome: outcome),
                    record.care
                ))
        }
        linkedRecords.sort { ($0.link.source, $0.link.record) < ($1.link.source, $1.link.record) }
        return RecordLinks(
            links: linkedRecords.map(\.link), care: linkedRecords.map(\.care), counts: counts, warnings: warnings)
    }

    /// One row per record, in pseudonym order: a pupil has a row per school year and is linked once, with
    /// the newest year's row (the current address). The choice and the order do not depend on the order
    /// of the input rows, so neither do the links and their weights.
    static func representatives(_ records: [PopulationLoader.PendingRecord]) -> [Int] {
        func content(_ record: PopulationLoader.PendingRecord) -> [String] {
            [
                record.schoolYear, record.birthDate, record.sex, record.address, record.household, record.surname,
                record.prefix, record.givenNames, record.callName, record.bsn.map { String($0) } ?? "",
                record.onderwijsnummer.map { String($0) } ?? "", record.bsnInvalid ? "1" : "0",
            ]
        }
        var chosen: [Pseudonym: Int] = [:]
        for (index, record) in records.enumerated() {
            // The greatest content wins: the newest school year first; equal content is the same row.
            if let other = chosen[record.record], !content(records[other]).lexicographicallyPrecedes(content(record)) {
                continue
            }
            chosen[record.record] = index
        }
        return chosen.sorted { $0.key < $1.key }.map(\.value)
    }

    /// The person each record without one gets from its school ↔ care links: the person of the records it
    /// is linked to, when they all have one and the same (a pupil may match several episodes of one child).
    static func personsFromOtherSource(_ links: [SchoolCareLink], _ persons: [Int: Int32]) -> [(Int, Int32)] {
        var offered: [Int: Set<Int32>] = [:]
        for link in links {
            for (record, other) in [(link.pupil, link.episode), (link.episode, link.pupil)] where persons[record] == nil
            {
                offered[record, default: []].insert(persons[other] ?? -1)
            }
        }
        return offered.compactMap { record, people in
            guard people.count == 1, let person = people.first, person >= 0 else { return nil }
            return (record, person)
        }
        .sorted { $0.0 < $1.0 }
    }

    /// Gives a period the run's links, and the care starts and contacts of its window: nothing after the
    /// reference date belongs to the period, whenever the run happens.
    static func apply(_ links: RecordLinks, into tables: inout AnalysisTables) {
        let window = tables.options.window
        for (link, care) in zip(links.links, links.care) {
            guard let care, care.first <= window.upperBound else { continue }
            // A pupil's own episodes are found by the BSN too when it reaches no CBS person (IND24).
            if let bsn = link.bsn { tables.careStarts[bsn, default: []].append((care.first, care.organisation)) }
            guard let person = link.person else { continue }
            tables.careStarts[person, default: []].append((care.first, care.organisation))
            if care.last >= window.lowerBound {
                tables.careContacts[person, default: []].append(
                    AnalysisTables.CareContact(organisation: care.organisation, organisationType: care.type))
            }
        }
        tables.links = links.links
        for (reason, count) in links.counts { tables.counts[reason, default: 0] += count }
        tables.warnings += links.warnings
    }
}
