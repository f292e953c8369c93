/// Records the crosswalk does not cover, linked to CBS persons with the Fellegi–Sunter engine: birth date,
/// sex, PC4 and household context (the CBS household of the register household's records that did link).
/// m is trained on the deterministic links; raw fields are compared in memory and never written.
extension Transformer {
    /// A probabilistic link: the person's index and the match weight.
    struct ProbableLink {
        var person: Int32
        var weight: Double
    }

    /// The specification behind the pipeline's probabilistic step.
    static let personLinkSpecification: LinkSpecification = {
        var specification = LinkSpecification(
            leftKey: "key", rightKey: "key",
            comparisons: [
                .init(
                    name: "geboortedatum", left: "geboortedatum", right: "geboortedatum", method: .date,
                    termFrequency: false),
                .init(name: "geslacht", left: "geslacht", right: "geslacht", method: .exact, termFrequency: false),
                .init(name: "pc4", left: "pc4", right: "pc4", method: .exact, termFrequency: false),
                .init(
                    name: "huishouden", left: "huishouden", right: "huishouden", method: .exact, termFrequency: false),
            ],
            blocking: [
                [.init(function: "", left: "geboortedatum", right: "geboortedatum")],
                [
                    .init(function: "", left: "pc4", right: "pc4"),
                    .init(function: "", left: "geslacht", right: "geslacht"),
                    .init(function: "year", left: "geboortedatum", right: "geboortedatum"),
                ],
            ],
            threshold: 0.95, oneToOne: false, leftEntity: [], rightEntity: [], trainOn: ("label", "label"),
            maxPairs: 50_000_000, seed: 1)
        // Four cheap comparisons: fewer random pairs estimate u well enough.
        specification.uSamples = 50_000
        return specification
    }()

    /// Links `unlinked` records (indexes into `records`) to persons; `order` is every record to use, in
    /// the order the linker reads them. A record whose two best candidates
    /// are within one bit of each other (twins) stays unlinked as ambiguous.
    /// - Parameter specification: the linker's settings, `personLinkSpecification` but in tests.
    /// - Returns: links by record index, and the number of ambiguous records.
    /// - Throws: the linker's error (too many candidate pairs, say); the caller records it and links none.
    static func probableLinks(
        _ records: [PopulationLoader.PendingRecord], order: [Int], unlinked: [Int], linked: [Int: Int32],
        population: CBSPopulation, specification: LinkSpecification = personLinkSpecification
    ) throws -> (links: [Int: ProbableLink], ambiguous: Int) {
        guard !unlinked.isEmpty, linked.count >= 20 else { return ([:], 0) }
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var personRows: [[String]] = []
        var personIndex: [Int32] = []
        for (index, person) in population.persons.enumerated()
        where person.linkable && person.birthYear > 0 && person.birthMonth > 0 && person.birthDay > 0 {
            personIndex.append(Int32(index))
            personRows.append([
                String(personRows.count),
                digits(person.birthYear, 4) + digits(person.birthMonth, 2) + digits(person.birthDay, 2),
                person.sex == 0 ? "" : String(UnicodeScalar(person.sex)), person.pc4 >= 0 ? String(person.pc4) : "",
                person.household == 0 ? "" : String(person.household), String(index),
            ])
        }
        // Household context: the CBS household most records of the same register household, or of the same
        // address (a sibling at school, a parent in the register), linked to.
        func contextKeys(_ record: PopulationLoader.PendingRecord) -> [String] {
            (record.household.isEmpty ? [] : ["h:" + record.household])
                + (record.address.count > 2 ? ["a:" + record.address] : [])
        }
        var contexts: [String: [UInt64: Int]] = [:]
        for (record, person) in linked {
            let household = population.persons[Int(person)].household
            guard household != 0 else { continue }
            for key in contextKeys(records[record]) { contexts[key, default: [:]][household, default: 0] += 1 }
        }
        let context = contexts.mapValues { counts in
            counts.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { String($0.key) } ?? ""
        }
        var recordRows: [[String]] = []
        var recordIndex: [Int] = []
        let wanted = Set(unlinked)
        for index in order where linked[index] != nil || wanted.contains(index) {
            let record = records[index]
            recordIndex.append(index)
            recordRows.append([
                String(recordRows.count), record.birthDate, record.sex, record.pc4,
                contextKeys(record).lazy.compactMap { context[$0] }.first ?? "",
                linked[index].map { String($0) } ?? "",
            ])
        }
        let header = ["key", "geboortedatum", "geslacht", "pc4", "huishouden", "label"]
        let linker = try RecordLinker(
            specification: specification,
            left: RecordLinker.Table(name: "records", header: header, rows: recordRows),
            right: RecordLinker.Table(name: "persons", header: header, rows: personRows))
        let result = try linker.run()
        var candidates: [Int: [(person: Int32, weight: Double)]] = [:]
        for link in result.links where wanted.contains(recordIndex[link.left]) {
            candidates[recordIndex[link.left], default: []].append((personIndex[link.right], link.weight))
        }
        var links: [Int: ProbableLink] = [:]
        var ambiguous = 0
        for (record, options) in candidates {
            let sorted = options.sorted { ($0.weight, $1.person) > ($1.weight, $0.person) }
            guard let best = sorted.first else { continue }
            if sorted.count > 1 && sorted[1].weight > best.weight - 1 {
                ambiguous += 1
                continue
            }
            links[record] = ProbableLink(person: best.person, weight: best.weight)
        }
        return (links, ambiguous)
    }
}
