import Foundation

/// Writes the analysis tables to disk for a researcher who asks for them (`--export DIR`).
///
/// Every file carries the key it was made with: `key_id` is the start of the key fingerprint,
/// prefixed with `SAMPLE-` for the synthetic sample key.
public enum TransformExport {
    /// Publishes the export as the folder `folder`, swapped in whole (`PublishedFolder`); the record-level
    /// files are private (0600).
    public static func write(_ tables: AnalysisTables, to folder: String) throws {
        let key = (tables.isSampleKey ? "SAMPLE-" : "") + String(tables.keyFingerprint.prefix(16))
        func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "" }
        var persons = [
            "person;geslacht;geboortejaar;geboortemaand;leeftijd;generatie;buurt;wijk;gemeente;pc4;gebieden;"
                + "huishouden;typhh;moeder;vader;inkomenshuishouden;inharmlag;inharmlagl;inharmsoc;inhp100hgestes;"
                + "inhbbihj;kind_4_12;key_id"
        ]
        for person in tables.persons.sorted(by: { $0.pseudonym < $1.pseudonym }) {
            persons.append(
                [
                    "\(person.pseudonym)", person.sex, text(person.birthYear), text(person.birthMonth),
                    text(person.age),
                    person.generation, "BU" + person.buurt, "WK" + person.wijk, "GM" + person.gemeente,
                    text(person.pc4), person.areas.joined(separator: ","), text(person.household),
                    text(person.householdType), text(person.mother), text(person.father),
                    text(person.incomeHousehold), text(person.lowIncomeRatio), text(person.longTermLowIncomeRatio),
                    text(person.socialMinimumRatio), text(person.incomePercentile), text(person.incomeSource),
                    person.isChildPopulation ? "1" : "0", key,
                ].map { CSVRecord.field($0) }.joined(separator: ";"))
        }
        var families = ["gezin;buurt;kinderen_4_12;leden;key_id"]
        for family in tables.families {
            families.append("\(family.pseudonym);BU\(family.buurt);\(family.children);\(family.members);\(key)")
        }
        var members = ["gezin;person;rol;key_id"]
        for member in tables.members { members.append("\(member.family);\(member.person);\(member.role);\(key)") }
        var links = ["bron;record;person;bsn;uitkomst;key_id"]
        for link in tables.links {
            links.append("\(link.source);\(link.record);\(text(link.person));\(text(link.bsn));\(link.outcome);\(key)")
        }
        // Record-level files with pseudonyms: private (0600), for the researcher only.
        func file(_ name: String, _ lines: [String]) -> PublishedFolder.File {
            PublishedFolder.File(name, Array((lines.joined(separator: "\n") + "\n").utf8), mode: 0o600)
        }
        let files = [
            file("persons.csv", persons), file("families.csv", families), file("family_members.csv", members),
            file("record_links.csv", links), PublishedFolder.File("transform.txt", Array(summary(tables).utf8)),
        ]
        try PublishedFolder.publish(PublishedFolder.withManifest(files), to: folder)
    }

    /// The run record of the stage: counts per reason, the period, the key fingerprint and a `waarschuwing`
    /// line per step left out with its cause; no pseudonyms.
    public static func summary(_ tables: AnalysisTables) -> String {
        var lines = [
            "periode: \(tables.options.period); peildatum: \(tables.options.referenceDate); gwb-vintage: "
                + "\(tables.options.vintage)",
            "sleutel: \(tables.keyFingerprint)"
                + (tables.isSampleKey ? " (VOORBEELDSLEUTEL van de synthetische data; niet voor echte gegevens)" : ""),
        ]
        for (reason, count) in tables.counts.sorted(by: { $0.key < $1.key }) { lines.append("\(reason): \(count)") }
        for warning in tables.warnings { lines.append("waarschuwing: \(warning)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
