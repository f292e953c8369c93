/// An organisation of the synthetic multi-agency care register (organisations.csv).
struct CareOrganisation {
    var id: String
    var name: String
    var type: String

    /// Organisation types whose episodes concern a child; the others concern a parent.
    static let childTypes: Set<String> = [
        "SCHOOL_ZORG", "JGZ", "JEUGDHULP_AMBULANT", "JEUGDHULP_VERBLIJF", "GI_JEUGDBESCHERMING", "JEUGDRECLASSERING",
        "VEILIG_THUIS", "LEERPLICHT", "KINDEROPVANG",
    ]

    /// 48 organisations across every type; one name holds markup and an ampersand on purpose, so
    /// that the report stage must escape it.
    static let all: [CareOrganisation] = {
        let plan: [(String, Int, String)] = [
            ("SCHOOL_ZORG", 3, "Zorgteam school"), ("WIJKTEAM", 3, "Wijkteam"), ("JGZ", 1, "GGD Jeugdgezondheidszorg"),
            ("JEUGDHULP_AMBULANT", 8, "Jeugdhulp ambulant"), ("JEUGDHULP_VERBLIJF", 4, "Jeugdhulp verblijf"),
            ("GGZ", 5, "GGZ-praktijk"), ("WMO", 2, "Wmo-loket"), ("KINDEROPVANG", 4, "Kinderopvang"),
            ("GI_JEUGDBESCHERMING", 2, "Jeugdbescherming"), ("JEUGDRECLASSERING", 1, "Jeugdreclassering"),
            ("VEILIG_THUIS", 1, "Veilig Thuis"), ("POLITIE", 1, "Politie, team wijk"), ("LEERPLICHT", 1, "Leerplicht"),
            ("SCHULDHULP", 2, "Schuldhulpverlening"), ("HUISARTS", 6, "Huisartsenpraktijk"),
            ("MAATSCHAPPELIJK_WERK", 2, "Maatschappelijk werk"), ("OVERIG", 2, "Zorg & Welzijn <Tilburg>"),
        ]
        var result: [CareOrganisation] = []
        for (type, count, name) in plan {
            for number in 1...count {
                let id = "ORG" + String(100 + result.count)
                result.append(
                    CareOrganisation(
                        id: id,
                        name: count > 1
                            ? "\(name) \(number) [SYNTHETIC]"
                            : "\(name) [SYNTHETIC]", type: type))
            }
        }
        return result
    }()

    /// Indexes of organisations that school signals are referred to.
    static let referralTargets: [Int] = all.indices.filter {
        ["WIJKTEAM", "JGZ", "JEUGDHULP_AMBULANT", "GGZ", "MAATSCHAPPELIJK_WERK"].contains(all[$0].type)
    }

    static func indexes(ofType type: String) -> [Int] {
        all.indices.filter { all[$0].type == type }
    }
}
