/// Pupils and care episodes linked to each other with the Fellegi–Sunter engine: both carry names, birth
/// date, sex and address, which CBS persons do not. A record without a person takes the person of the
/// record it matches in the other source. Raw fields are compared in memory and never written.
extension Transformer {
    /// A pupil and a care episode of one child: indexes into the pending records, and the match weight.
    struct SchoolCareLink {
        var pupil: Int
        var episode: Int
        var weight: Double
    }

    /// The specification behind the school ↔ care step: the comparisons of `bench/link-spec.yaml`, m trained
    /// on the pairs whose records the BSN linked to one person.
    static let schoolCareLinkSpecification: LinkSpecification = {
        func compare(_ name: String, _ left: String, _ right: String, _ method: LinkSpecification.Method)
            -> LinkSpecification.Comparison
        {
            .init(name: name, left: left, right: right, method: method, termFrequency: method == .surname)
        }
        func key(_ column: String, _ function: String = "") -> LinkSpecification.BlockingKey {
            .init(function: function, left: column, right: column)
        }
        let person = ["achternaam", "voorvoegsel", "voornamen", "geboortedatum"]
        var specification = LinkSpecification(
            leftKey: "key", rightKey: "key",
            comparisons: [
                compare("achternaam", "achternaam", "achternaam", .surname),
                compare("voorvoegsel", "voorvoegsel", "voorvoegsel", .exact),
                compare("roepnaam", "roepnaam", "voornamen", .givenName),
                compare("voornamen", "voornamen", "voornamen", .givenName),
                compare("geboortedatum", "geboortedatum", "geboortedatum", .date),
                compare("geslacht", "geslacht", "geslacht", .exact),
                compare("adres", "adres", "adres", .exact),
            ],
            blocking: [
                [key("geboortedatum")], [key("adres")], [key("achternaam", "soundex"), key("geboortedatum", "year")],
            ],
            threshold: 0.95, oneToOne: true, leftEntity: person, rightEntity: person, trainOn: ("label", "label"),
            maxPairs: 50_000_000, seed: 1)
        // Pupils of different entities are different children: their pairs measure household dependence.
        specification.distinctLeft = true
        return specification
    }()

    /// Links the pupils among `unique` (indexes into `records`) to the care episodes among them.
    /// - Parameter persons: the person of each record the BSN linked, for training m.
    /// - Returns: the links, sorted by pupil and episode.
    static func schoolCareLinks(
        _ records: [PopulationLoader.PendingRecord], unique: [Int], persons: [Int: Int32]
    ) throws -> [SchoolCareLink] {
        let pupils = unique.filter { records[$0].care == nil && records[$0].source == "school_leerlingen" }
        let episodes = unique.filter { records[$0].source == "care_episodes" }
        guard !pupils.isEmpty, !episodes.isEmpty else { return [] }
        let header = [
            "key", "achternaam", "voorvoegsel", "voornamen", "roepnaam", "geboortedatum", "geslacht", "adres", "label",
        ]
        func rows(_ indexes: [Int]) -> [[String]] {
            indexes.map { index in
                let record = records[index]
                // "PC6:number"; without either part the address is unknown.
                let address = record.address.hasPrefix(":") || record.address.hasSuffix(":") ? "" : record.address
                return [
                    String(index), record.surname, record.prefix, record.givenNames, record.callName, record.birthDate,
                    record.sex, address, persons[index].map { String($0) } ?? "",
                ]
            }
        }
        let linker = try RecordLinker(
            specification: schoolCareLinkSpecification,
            left: RecordLinker.Table(name: "school_leerlingen", header: header, rows: rows(pupils)),
            right: RecordLinker.Table(name: "care_episodes", header: header, rows: rows(episodes)))
        return try linker.run().links.map {
            SchoolCareLink(pupil: pupils[$0.left], episode: episodes[$0.right], weight: $0.weight)
        }
        .sorted { ($0.pupil, $0.episode) < ($1.pupil, $1.episode) }
    }
}
