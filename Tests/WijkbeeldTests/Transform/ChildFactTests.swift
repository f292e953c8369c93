import Foundation
import Testing

@testable import Wijkbeeld

/// The child facts behind IND05 and IND08–IND15 on a hand-written CBS folder of nine persons, with
/// every answer worked out by hand in the comments.
@Suite struct ChildFactTests {
    // Persons: c1, c2 children of p1 and p2 (household 1); c3 child of p3 (household 2, single parent) and
    // p4, who lives alone (household 3).
    static let rin = [
        "c1": "100000001", "c2": "100000002", "c3": "100000003", "p1": "200000001",
        "p2": "200000002", "p3": "200000003", "p4": "200000004",
    ]

    static func folder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let cbs = folder.path + "/cbs"
        try FileManager.default.createDirectory(atPath: cbs, withIntermediateDirectories: true)
        func write(_ name: String, _ header: String, _ rows: [String]) throws {
            var text = header + "\n"
            for row in rows {
                var line = row
                for (name, number) in rin { line = line.replacingOccurrences(of: "<\(name)>", with: number) }
                text += line + "\n"
            }
            try text.write(toFile: cbs + "/" + name, atomically: true, encoding: .utf8)
        }
        func person(_ name: String, _ sex: Int, _ year: Int) -> String {
            "R;<\(name)>;5022;\(sex);5022;5022;0;5022;0;\(year);05;10;-;-;----;--;--;----;--;--;0;5022;0"
        }
        try write(
            "GBAPERSOON2023TABV1.csv",
            "RINPERSOONS;RINPERSOON;GBAGEBOORTELAND;GBAGESLACHT;GBAGEBOORTELANDMOEDER;GBAGEBOORTELANDVADER;"
                + "GBAAANTALOUDERSBUITENLAND;GBAHERKOMSTGROEPERING;GBAGENERATIE;GBAGEBOORTEJAAR;GBAGEBOORTEMAAND;"
                + "GBAGEBOORTEDAG;GBAGESLACHTMOEDER;GBAGESLACHTVADER;GBAGEBOORTEJAARMOEDER;GBAGEBOORTEMAANDMOEDER;"
                + "GBAGEBOORTEDAGMOEDER;GBAGEBOORTEJAARVADER;GBAGEBOORTEMAANDVADER;GBAGEBOORTEDAGVADER;"
                + "GBAIMPUTATIECODE;GBAHERKOMSTLAND;GBAGEBOORTELANDNL",
            [
                person("c1", 1, 2015), person("c2", 2, 2013), person("c3", 1, 2016), person("p1", 1, 1985),
                person("p2", 2, 1986), person("p3", 2, 1990), person("p4", 1, 1988),
            ])
        try write(
            "KINDOUDER2023TABV1.csv",
            "RINPERSOONS;RINPERSOON;RINPERSOONSpa;RINPERSOONpa;RINPERSOONSMa;RINPERSOONMa;XKOPPELNUMMER",
            ["R;<c1>;R;<p1>;R;<p2>;", "R;<c2>;R;<p1>;R;<p2>;", "R;<c3>;R;<p4>;R;<p3>;"])
        func household(_ name: String, _ number: Int, _ type: Int) -> String {
            "R;<\(name)>;20100101;20501231;00000000000\(number);\(type);1;1;3;1;0;----;--;----;--;0"
        }
        try write(
            "GBAHUISHOUDENS2023BUSV1.csv",
            "RINPERSOONS;RINPERSOON;DATUMAANVANGHH;DATUMEINDEHH;HUISHOUDNR;TYPHH;PLHH;REFPERSOONHH;AANTALPERSHH;"
                + "AANTALKINDHH;AANTALOVHH;GEBJAARJONGSTEKINDHH;GEBMAANDJONGSTEKINDHH;GEBJAAROUDSTEKINDHH;"
                + "GEBMAANDOUDSTEKINDHH;IMPUTATIECODEHH",
            [
                household("c1", 1, 5), household("c2", 1, 5), household("p1", 1, 5), household("p2", 1, 5),
                household("c3", 2, 6), household("p3", 2, 6), household("p4", 3, 1),
            ])
        // c3 moved on 1 June 2021 and 1 January 2023: two moves in (31 Dec 2020, 31 Dec 2023] (IND09).
        try write(
            "GBAADRESOBJECT2023BUSV1.csv",
            "RINPERSOONS;RINPERSOON;GBADATUMAANVANGADRESHOUDING;GBADATUMEINDEADRESHOUDING;SOORTOBJECTNUMMER;"
                + "RINOBJECTNUMMER",
            [
                "R;<c1>;20150510;20501231;VBO;1", "R;<c2>;20130510;20501231;VBO;1", "R;<p1>;20100101;20501231;VBO;1",
                "R;<p2>;20100101;20501231;VBO;1", "R;<c3>;20160510;20210531;VBO;2", "R;<c3>;20210601;20221231;VBO;3",
                "R;<c3>;20230101;20501231;VBO;4", "R;<p3>;20230101;20501231;VBO;4", "R;<p4>;20100101;20501231;VBO;5",
            ])
        try write(
            "VSLGWB2023TAB01V1.csv", "SOORTOBJECTNUMMER;RINOBJECTNUMMER;gem2022;wc2022;bc2022;gem2023;wc2023;bc2023",
            (1...5).map { "VBO;\($0);0855;0855ZZ;0855ZZ01;0855;0855ZZ;0855ZZ01" })
        // c1: care with stay (12) from February to June 2023, a protection measure (11) from May: youth care,
        // residential care, protection, and out-of-home placement (the overlap, May–June, lies in 2023).
        // c1 also had ambulant care (01) in 2021, which makes c2 a child with a sibling in youth care (IND14).
        try write(
            "JGDHULP2023BUSV1.csv",
            "RINPERSOONS;RINPERSOON;JGDHHULPVORM;JGDHGELDIGHEIDBEGINDATUM;JGDHGELDIGHEIDEINDDATUM",
            ["R;<c1>;12;20230201;20230630", "R;<c1>;01;20210301;20210401"])
        try write(
            "JGDBESCHERM2023BUSV1.csv",
            "RINPERSOONS;RINPERSOON;JGDBMAATREGEL;JGDBGELDIGHEIDBEGINDATUM;JGDBGELDIGHEIDEINDDATUM",
            ["R;<c1>;11;20230501;"])
        // p3 (c3's mother, same household) has bijstand on 31 December 2023 (IND05).
        try write(
            "BIJSTANDUITKERINGTAB2023V1.csv",
            "RINPERSOONS;RINPERSOON;BIJSTANDStatistiekcodeA;BIJSTANDAanvangUitkeringPersoon1A;"
                + "BIJSTANDEindeUitkeringPersoon1A;BIJSTANDIndicatieLopendA",
            ["R;<p3>;01;20230101;;1"])
        // p4 (c3's father) was a suspect in 2019, within 2016–2022 (IND15); p1 only in 2023, which is t itself.
        try write("VERD2023TABV1.csv", "RINPERSOONS;RINPERSOON;VERDJAAR", ["R;<p4>;2019", "R;<p1>;2023"])
        // IND08: c1 and c2 have p1 (low) and p2 (middle) at home: highest middle, not low. c3 has p3 (low) at
        // home; p4 (high) lives elsewhere and does not count: low.
        try write(
            "HOOGSTEOPL2023TABV1.csv", "RINPERSOONS;RINPERSOON;OPLNIVSOI2016AGG4HB;GEWICHTHOOGSTEOPL",
            ["R;<p1>;1111;1", "R;<p2>;2121;1", "R;<p3>;1211;1", "R;<p4>;3111;1"])
        return folder
    }

    @Test func factsOfAHandBuiltFolder() throws {
        let folder = try Self.folder()
        let key = PseudonymKey(bytes: [UInt8](repeating: 7, count: 32), isSample: false)
        let tables = try Transformer.run(input: folder.path, key: key, options: TransformOptions(year: 2023))
        #expect(tables.validation.valid, "\(tables.validation.text())")
        let pseudonymizer = Pseudonymizer(key: key)
        func child(_ name: String) throws -> AnalysisTables.Person {
            let pseudonym = pseudonymizer.pseudonym(.rin, "R" + (Self.rin[name] ?? ""))
            return try #require(tables.persons.first { $0.pseudonym == pseudonym })
        }
        let c1 = try child("c1")
        let c2 = try child("c2")
        let c3 = try child("c3")
        #expect(c1.isChildPopulation && c2.isChildPopulation && c3.isChildPopulation)
        #expect(c1.facts == [.youthCare, .residentialYouthCare, .youthProtection, .outOfHomePlacement])
        #expect(c2.facts == [.siblingYouthCare])
        #expect(c3.facts == [.socialAssistanceFamily, .parentSuspect, .frequentMover])
        #expect(c1.parentEducation == 2 && c2.parentEducation == 2 && c3.parentEducation == 1)

        // A monthly run for April 2023: the stay has begun but the protection measure has not.
        let april = try Transformer.run(
            input: folder.path, key: key, options: TransformOptions(period: ReportPeriod(year: 2023, month: 4)))
        let pseudonym = pseudonymizer.pseudonym(.rin, "R" + (Self.rin["c1"] ?? ""))
        #expect(april.persons.first { $0.pseudonym == pseudonym }?.facts == [.youthCare, .residentialYouthCare])
    }
}
