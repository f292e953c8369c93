import Foundation
import Testing

@testable import Wijkbeeld

@Suite struct IndicatorCalculatorTests {
    private func person(_ number: Int, buurt: String, type: Int?, ratio: Int?, household: Int) -> AnalysisTables.Person
    {
        let pseudonymizer = Pseudonymizer(key: PseudonymKey(bytes: [UInt8](repeating: 9, count: 32), isSample: false))
        return AnalysisTables.Person(
            pseudonym: pseudonymizer.pseudonym(.rin, "R\(number)"), sex: "1", birthYear: 2015, birthMonth: 5, age: 8,
            generation: "0", buurt: buurt, pc4: 5025, areas: [],
            household: pseudonymizer.pseudonym(.household, "\(household)"), householdType: type, mother: nil,
            father: nil, incomeHousehold: nil, incomeHouseholdSize: 3, lowIncomeRatio: ratio,
            longTermLowIncomeRatio: nil, socialMinimumRatio: nil, incomePercentile: nil, incomeSource: nil,
            isChildPopulation: true)
    }

    /// A hand-built population: 30 children in buurt A (12 single-parent, in 12 households), 6 in buurt B.
    @Test func singleParentShareByHand() throws {
        var persons: [AnalysisTables.Person] = []
        for number in 0..<30 {
            persons.append(
                person(
                    number, buurt: "0855ZZ01", type: number < 12 ? 6 : 5, ratio: number < 3 ? 90 : 150,
                    household: number))
        }
        for number in 30..<36 {
            persons.append(person(number, buurt: "0855ZZ02", type: 5, ratio: 150, household: number))
        }
        persons.append(person(99, buurt: "0855ZZ01", type: nil, ratio: nil, household: 99))
        let tables = AnalysisTables(
            options: TransformOptions(
                year: 2023,
                areas: [AreaDefinition(code: "wijk", name: "Wijk", buurten: ["0855ZZ01", "0855ZZ02"])]),
            persons: persons, validation: ValidationReport(), keyFingerprint: "", isSampleKey: false)
        let result = try IndicatorCalculator.compute(tables)
        func cell(_ indicator: String, _ code: String) -> StatisticCell? {
            result.unrounded.first { $0.key.indicator == indicator && $0.key.geoCode == code }
        }
        // IND01 in A: 12 of 30 (the child without a household is not in the denominator).
        #expect(
            cell("IND01", "BU0855ZZ01")?.measure
                == .share(events: 12, population: 30, eventHouseholds: 12, otherHouseholds: 18))
        // B has 6 children: R1. The wijk (36) would then reveal B by difference, so a second cell of the
        // relation (A: 12 events, ties with the wijk broken by key order) is suppressed too.
        #expect(cell("IND01", "BU0855ZZ02")?.status == .primary)
        #expect(cell("IND01", "BU0855ZZ01")?.status == .secondary)
        let suppressedInRelation = [cell("IND01", "BU0855ZZ01"), cell("IND01", "BU0855ZZ02"), cell("IND01", "wijk")]
            .filter { $0?.status.isSuppressed == true }.count
        #expect(suppressedInRelation >= 2)
        // IND02: 3 of 30 low income in A: fails R1/R2 on the events.
        #expect(cell("IND02", "BU0855ZZ01")?.reasons.contains(.minimumCount) == true)
        #expect(result.failures.isEmpty)
    }

    @Test func anAreaWithoutBuurtenIsAConfigurationError() throws {
        let tables = AnalysisTables(
            options: TransformOptions(year: 2023, areas: [AreaDefinition(code: "x", name: "X", buurten: ["9999AA01"])]),
            persons: [person(1, buurt: "0855ZZ01", type: 5, ratio: 150, household: 1)], validation: ValidationReport(),
            keyFingerprint: "", isSampleKey: false)
        #expect(throws: WijkbeeldError.self) { try IndicatorCalculator.compute(tables) }
    }

    /// The core indicators on a synthetic sample, computed a second time in SQLite (through Python)
    /// straight from the CSV files, agree on every unrounded numerator and denominator.
    /// A quick second opinion on clean files; the legal variants (open ends, same-day spells, …) are the
    /// DuckDB reference's job in `make test` (Tests/Oracles).
    @Test func coreIndicatorsAgreeWithAnIndependentSQLiteComputation() throws {
        let sample = try TestData.sample(seed: 31, persons: 4_000, dirt: DirtRates().clean())
        let key = try PseudonymKey.resolve(keyFile: nil, input: sample.root)
        let tables = try Transformer.run(input: sample.root, key: key, options: TransformOptions(year: 2023))
        let result = try IndicatorCalculator.compute(tables)
        var ours: [String: String] = [:]
        let compared: Set<String> = [
            "IND01", "IND02", "IND03", "IND04", "IND06", "IND07", "IND08", "IND10", "IND11", "IND12",
        ]
        for cell in result.unrounded where cell.key.geoLevel == "buurt" && compared.contains(cell.key.indicator) {
            if case .share(let events, let population, _, _) = cell.measure {
                ours["\(cell.key.indicator);\(cell.key.geoCode.dropFirst(2));\(events);\(population)"] = ""
            }
        }
        let script = #"""
            import csv, sqlite3, sys
            root = sys.argv[1] + "/cbs/"
            db = sqlite3.connect(":memory:")
            def load(name, file):
                with open(root + file, newline="", encoding="utf-8") as f:
                    rows = list(csv.reader(f, delimiter=";"))
                cols = [c.upper() for c in rows[0]]
                db.execute(f"CREATE TABLE {name} ({', '.join(cols)})")
                db.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(cols))})", rows[1:])
            load("p", "GBAPERSOON2023TABV1.csv"); load("a", "GBAADRESOBJECT2023BUSV1.csv")
            load("o", "VSLGWB2023TAB01V1.csv"); load("h", "GBAHUISHOUDENS2023BUSV1.csv")
            load("k", "KOPPELPERSOONHUISHOUDEN2023.csv"); load("i", "INHA2023TABV1.csv")
            load("j", "JGDHULP2023BUSV1.csv"); load("b", "JGDBESCHERM2023BUSV1.csv")
            load("l", "KINDOUDER2023TABV1.csv"); load("e", "HOOGSTEOPL2023TABV1.csv")
            db.executescript("""
            CREATE TABLE c AS
              SELECT p.RINPERSOON AS rin, o.BC2023 AS buurt, h.TYPHH AS typhh, i.INHARMLAG AS lag,
                     i.INHARMLAGL AS lagl, i.INHARMSOC AS soc, i.INHAHL AS ahl, i.INHP100HGESTES AS pct, i.INHBBIHJ AS bron,
                     h.HUISHOUDNR AS huisnr
              FROM p
              JOIN a ON a.RINPERSOONS = p.RINPERSOONS AND a.RINPERSOON = p.RINPERSOON
                    AND a.GBADATUMAANVANGADRESHOUDING <= '20231231' AND a.GBADATUMEINDEADRESHOUDING >= '20231231'
              JOIN o ON o.RINOBJECTNUMMER = a.RINOBJECTNUMMER
              LEFT JOIN h ON h.RINPERSOONS = p.RINPERSOONS AND h.RINPERSOON = p.RINPERSOON
                    AND h.DATUMAANVANGHH <= '20231231' AND h.DATUMEINDEHH >= '20231231'
              LEFT JOIN k ON k.RINPERSOONS = p.RINPERSOONS AND k.RINPERSOON = p.RINPERSOON
              LEFT JOIN i ON i.RINPERSOONSHKW = k.RINPERSOONSHKW AND i.RINPERSOONHKW = k.RINPERSOONHKW
              WHERE p.RINPERSOONS = 'R' AND p.GBAGEBOORTEJAAR <> '----'
                AND 2023 - CAST(p.GBAGEBOORTEJAAR AS INTEGER)
                    - (CASE WHEN '1231' < (CASE WHEN p.GBAGEBOORTEMAAND = '--' THEN '07' ELSE p.GBAGEBOORTEMAAND END)
                                          || (CASE WHEN p.GBAGEBOORTEDAG = '--' THEN '01' ELSE p.GBAGEBOORTEDAG END)
                            THEN 1 ELSE 0 END) BETWEEN 4 AND 12;
            ALTER TABLE c ADD COLUMN opl;
            UPDATE c SET opl = (
              SELECT max(substr(e.OPLNIVSOI2016AGG4HB, 1, 1))
              FROM l JOIN h AS q ON q.RINPERSOONS = 'R'
                    AND ((l.RINPERSOONSPA = 'R' AND q.RINPERSOON = l.RINPERSOONPA)
                         OR (l.RINPERSOONSMA = 'R' AND q.RINPERSOON = l.RINPERSOONMA))
                    AND q.DATUMAANVANGHH <= '20231231' AND q.DATUMEINDEHH >= '20231231' AND q.HUISHOUDNR = c.huisnr
              JOIN e ON e.RINPERSOONS = 'R' AND e.RINPERSOON = q.RINPERSOON
              WHERE l.RINPERSOONS = 'R' AND l.RINPERSOON = c.rin AND c.huisnr <> ''
                AND substr(e.OPLNIVSOI2016AGG4HB, 1, 1) IN ('1', '2', '3'));
            """)
            queries = {
              "IND01": ("typhh <> ''", "typhh = '6'"),
              "IND02": ("CAST(lag AS INTEGER) >= 0", "CAST(lag AS INTEGER) BETWEEN 0 AND 100"),
              "IND03": ("CAST(lagl AS INTEGER) >= 0", "CAST(lagl AS INTEGER) BETWEEN 0 AND 100"),
              "IND04": ("CAST(ahl AS INTEGER) >= 2 AND CAST(soc AS INTEGER) >= 0", "CAST(soc AS INTEGER) BETWEEN 0 AND 120"),
              "IND06": ("CAST(pct AS INTEGER) BETWEEN 1 AND 100", "CAST(pct AS INTEGER) BETWEEN 1 AND 10"),
              "IND07": ("bron <> '99' AND bron IS NOT NULL", "bron IN ('21','22','23','24')"),
              "IND08": ("opl IS NOT NULL", "opl = '1'"),
              "IND10": ("1 = 1", "EXISTS (SELECT 1 FROM j WHERE j.RINPERSOON = c.rin AND j.RINPERSOONS = 'R'"
                                 " AND j.JGDHGELDIGHEIDBEGINDATUM <= '20231231'"
                                 " AND (j.JGDHGELDIGHEIDEINDDATUM = '' OR j.JGDHGELDIGHEIDEINDDATUM >= '20230101'))"),
              "IND11": ("1 = 1", "EXISTS (SELECT 1 FROM j WHERE j.RINPERSOON = c.rin AND j.RINPERSOONS = 'R'"
                                 " AND CAST(j.JGDHHULPVORM AS INTEGER) BETWEEN 11 AND 14"
                                 " AND j.JGDHGELDIGHEIDBEGINDATUM <= '20231231'"
                                 " AND (j.JGDHGELDIGHEIDEINDDATUM = '' OR j.JGDHGELDIGHEIDEINDDATUM >= '20230101'))"),
              "IND12": ("1 = 1", "EXISTS (SELECT 1 FROM b WHERE b.RINPERSOON = c.rin AND b.RINPERSOONS = 'R'"
                                 " AND b.JGDBGELDIGHEIDBEGINDATUM <= '20231231'"
                                 " AND (b.JGDBGELDIGHEIDEINDDATUM = '' OR b.JGDBGELDIGHEIDEINDDATUM >= '20230101'))"),
            }
            for ind, (den, num) in queries.items():
                for buurt, n, e in db.execute(
                    f"SELECT buurt, count(*), sum(CASE WHEN {num} THEN 1 ELSE 0 END) FROM c WHERE {den} GROUP BY buurt"):
                    print(f"{ind};{buurt};{e};{n}")
            """#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, sample.root]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let theirs = Set(text.split(separator: "\n").map(String.init))
        #expect(theirs.count >= 30)
        #expect(theirs == Set(ours.keys))
    }

    @Test func familyStatisticsByHand() {
        #expect(FamilyIndicators.median([5, 0, 2, 0, 1]) == .median(value: 1, units: 5, below: 2, above: 2))
        #expect(FamilyIndicators.median([3, 1, 2, 4]) == .median(value: 2, units: 4, below: 1, above: 2))
        #expect(FamilyIndicators.mean([1, 7, 2]) == .mean(total: 10, units: 3, largest: 7, second: 2))
        #expect(
            FamilyIndicators.shareMeasure([1, 0, 1, 1])
                == .share(events: 3, population: 4, eventHouseholds: 3, otherHouseholds: 1))
        var child = person(1, buurt: "0855ZZ01", type: 6, ratio: 90, household: 1)
        child.facts = [.youthCare, .parentSuspect]
        var sibling = person(2, buurt: "0855ZZ01", type: 6, ratio: 90, household: 1)
        sibling.facts = [.youthCare, .youthProtection]
        // Low income, youth care, protection and a parent suspect: four domains, youth care counted once.
        #expect(FamilyIndicators.domains(of: [child, sibling]) == 4)
    }

    @Test func movesCountOnlyNewAddressesInTheLast36Months() {
        let reference = CalendarDate.known(2023, 12, 31)
        func day(_ y: Int, _ m: Int, _ d: Int) -> Int { CalendarDate.known(y, m, d).daysSinceEpoch }
        func open(_ spell: (first: Int, object: UInt64)) -> PopulationLoader.AddressSpell {
            (spell.first, Int.max, spell.object)
        }
        // Moved in 2015, 2021 and 2023; a 2022 spell at the same object is not a move.
        let spells: [(first: Int, object: UInt64)] = [
            (day(2010, 1, 1), 1), (day(2015, 6, 1), 2), (day(2021, 3, 1), 3), (day(2022, 1, 1), 3),
            (day(2023, 5, 1), 4),
        ]
        #expect(Transformer.moves(spells.map(open), before: reference) == 2)
        #expect(Transformer.moves(Array(spells.prefix(4)).map(open), before: reference) == 1)
        // A move exactly 36 months before the reference date lies outside (P − 36 months, P].
        #expect(Transformer.moves([(day(2019, 1, 1), 1), (day(2020, 12, 31), 2)].map(open), before: reference) == 0)
        // A one-day spell at a third address with the same first day as the real move loses the tie (earlier
        // end) and is not a move of its own, in either row order.
        let sameDay = [(day(2021, 3, 1), day(2021, 3, 1), UInt64(9))] + spells.map(open)
        #expect(Transformer.moves(sameDay, before: reference) == 2)
        #expect(Transformer.moves(sameDay.reversed(), before: reference) == 2)
    }

    @Test func reportableAbsenceNeeds16HoursWithinFourSchoolWeeks() {
        // Monday 2 October 2023; without holidays four school weeks are four calendar weeks.
        let day = CalendarDate.known(2023, 10, 2).daysSinceEpoch
        let none = SchoolWeeks(holidays: [])
        #expect(SchoolRecords.crosses16Hours([(day, 5.5), (day + 1, 5.5), (day + 2, 5.5)], holidays: none))
        #expect(!SchoolRecords.crosses16Hours([(day, 5.5), (day + 1, 5.5), (day + 30, 5.5)], holidays: none))
        // Monday of week 1 and Sunday of week 4: inside; Monday of week 5: outside.
        #expect(SchoolRecords.crosses16Hours([(day, 8), (day + 27, 8)], holidays: none))
        #expect(!SchoolRecords.crosses16Hours([(day, 8), (day + 28, 8)], holidays: none))
        // The autumn holiday of region zuid (14–22 October 2023) is skipped: 2 and 30 October are then
        // school weeks 1 and 4.
        let autumn = CalendarDate.known(2023, 10, 14).daysSinceEpoch...CalendarDate.known(2023, 10, 22).daysSinceEpoch
        let zuid = SchoolWeeks(holidays: [autumn])
        #expect(SchoolRecords.crosses16Hours([(day, 8), (day + 28, 8)], holidays: zuid))
        #expect(!SchoolRecords.crosses16Hours([(day, 8), (day + 35, 8)], holidays: zuid))
        // A holiday that does not cover a week's five weekdays leaves it a school week.
        let long = CalendarDate.known(2023, 10, 18).daysSinceEpoch...CalendarDate.known(2023, 10, 22).daysSinceEpoch
        #expect(!SchoolRecords.crosses16Hours([(day, 8), (day + 28, 8)], holidays: SchoolWeeks(holidays: [long])))
    }

    /// The school-week numbers against counting week by week from a fixed Monday, on random holidays.
    @Test func schoolWeeksAgainstCountingWeekByWeek() {
        var random = SplitMix64(seed: 7, stream: 1, substream: 0)
        let origin = CalendarDate.known(2021, 8, 2).daysSinceEpoch  // a Monday
        for _ in 0..<200 {
            var holidays: [ClosedRange<Int>] = []
            for _ in 0..<Int(random.next() % 5) {
                let first = origin + Int(random.next() % 300)
                holidays.append(first...(first + Int(random.next() % 20)))
            }
            let weeks = SchoolWeeks(holidays: holidays)
            var expected = weeks.schoolWeek(of: origin)
            for week in 1..<50 {
                let monday = origin + 7 * week
                let holiday = (monday..<(monday + 5)).allSatisfy { day in holidays.contains { $0.contains(day) } }
                if !holiday { expected += 1 }
                for offset in 0..<7 { #expect(weeks.schoolWeek(of: monday + offset) == expected) }
            }
        }
    }

    @Test func schoolSharesByHand() {
        func pupil(_ group: Int, support: Bool, final: Int?, test: Int?) -> AnalysisTables.Pupil {
            AnalysisTables.Pupil(
                school: "S", schoolYear: "2023-2024", group: group, enrolledOnFirstOctober: true, enrolledShare: 1,
                plannedHours: 940, unauthorisedHours: 2, sickHours: 10, reportableAbsence: false, extraSupport: support,
                targetLevels: ["rekenen": group == 8], finalAdvice: final, testAdvice: test)
        }
        // 40 pupils: 12 with support; 20 in group 8, 12 of them havo+ and 11 advised below their test.
        var pupils = (0..<20).map { pupil(5, support: $0 < 12, final: nil, test: nil) }
        pupils += (0..<20).map { pupil(8, support: false, final: $0 < 12 ? 60 : 40, test: $0 < 11 ? 70 : 40) }
        let cells = Dictionary(
            uniqueKeysWithValues: SchoolIndicators.compute(pupils, codes: ["S": "school_1"]).map {
                ("\($0.key.indicator)/\($0.key.breakdown)", $0)
            })
        #expect(
            cells["IND23/totaal"]?.measure
                == .share(12, of: 40))
        #expect(
            cells["IND22/havo_vwo"]?.measure
                == .share(12, of: 20))
        #expect(
            cells["IND22/onderadvies"]?.measure
                == .share(11, of: 20))
        #expect(cells["IND18/totaal"]?.unroundedValue == 80.0 / (40 * 940))
    }

    @Test func signalToHelpSplitsAtThePilotAndLeavesOutUnfinishedFollowUp() {
        let pilot = CalendarDate.known(2022, 8, 1)
        let reference = CalendarDate.known(2023, 12, 31)
        let before = CalendarDate.known(2021, 10, 1).daysSinceEpoch
        let late = CalendarDate.known(2023, 11, 1).daysSinceEpoch
        var signals = (0..<25).map {
            AnalysisTables.SignalToHelp(school: "S", signalDay: before + $0, daysToHelp: $0 < 21 ? 100 + $0 : nil)
        }
        // Signals two months before the reference date without help yet are not "without help".
        signals += (0..<5).map { AnalysisTables.SignalToHelp(school: "S", signalDay: late + $0, daysToHelp: nil) }
        let one = SchoolIndicators.signalCells(
            signals, pilotStart: pilot, referenceDate: reference, codes: ["S": "school_1"])
        #expect(one.relations.isEmpty && one.cells.allSatisfy { $0.key.geoCode == "school_1" })
        let cells = Dictionary(uniqueKeysWithValues: one.cells.map { ($0.key.breakdown, $0.measure) })
        #expect(
            cells["zonder_hulp_voor_pilot"]
                == .share(4, of: 25))
        #expect(cells["mediaan_dagen_voor_pilot"] == .median(value: 110, units: 21, below: 10, above: 10))
        #expect(
            cells["zonder_hulp_na_pilot"]
                == .share(0, of: 0))

        // A second school: all schools together are the sum, and the relation says so.
        signals += (0..<12).map {
            AnalysisTables.SignalToHelp(school: "T", signalDay: before + $0, daysToHelp: $0 < 9 ? 30 : nil)
        }
        let two = SchoolIndicators.signalCells(
            signals, pilotStart: pilot, referenceDate: reference, codes: SchoolIndicators.codes([], signals))
        let pooled = two.cells.first {
            $0.key.geoCode == "alle_scholen" && $0.key.breakdown == "zonder_hulp_voor_pilot"
        }
        #expect(pooled?.measure == .share(4 + 3, of: 25 + 12))
        #expect(two.relations.count == 2)
        #expect(two.relations.first?.parts.map(\.geoCode) == ["school_1", "school_2"])
    }
}
