import Testing

@testable import Wijkbeeld

@Suite struct DisclosureControlTests {
    let control = DisclosureControl()

    private func key(_ code: String, _ level: String = "buurt") -> CellKey {
        CellKey(indicator: "IND10", period: "2023", geoLevel: level, geoCode: code)
    }

    @Test func primaryRulesByHand() {
        #expect(control.primaryReasons(.count(persons: 9)) == [.minimumCount])
        #expect(control.primaryReasons(.count(persons: 10)).isEmpty)
        #expect(
            control.primaryReasons(.share(12, of: 40))
                .isEmpty)
        #expect(
            control.primaryReasons(.share(9, of: 40))
                == [.minimumCount, .events])
        // 35 of 40: only 5 without the event, so the share would reveal almost everyone (R2).
        #expect(
            control.primaryReasons(.share(35, of: 40))
                == [.events])
        #expect(
            control.primaryReasons(.share(events: 12, population: 40, eventHouseholds: 8, otherHouseholds: 20))
                == [.households])
        #expect(control.primaryReasons(.mean(total: 100, units: 12, largest: 60, second: 5)) == [.dominance])
        // p %: 100 − 48 − 48 = 4 < 10 % of 48.
        #expect(control.primaryReasons(.mean(total: 100, units: 12, largest: 48, second: 48)) == [.pPercent])
        #expect(control.primaryReasons(.mean(total: 100, units: 12, largest: 45, second: 45)).isEmpty)
        #expect(control.primaryReasons(.median(value: 40, units: 25, below: 9, above: 15)) == [.extreme])
        #expect(control.primaryReasons(.median(value: 40, units: 25, below: 12, above: 12)).isEmpty)
    }

    @Test func aLonePrimaryGetsASecondaryPartnerWhoseRangeStaysWide() {
        let total = key("WK1", "wijk")
        let cells = [
            StatisticCell(key: total, measure: .count(persons: 100)),
            StatisticCell(key: key("A"), measure: .count(persons: 5)),
            StatisticCell(key: key("B"), measure: .count(persons: 50)),
            StatisticCell(key: key("C"), measure: .count(persons: 45)),
        ]
        let relation = SuppressionRelation(total: total, parts: [key("A"), key("B"), key("C")])
        let (result, failures) = control.protect(cells, relations: [relation])
        let status = Dictionary(uniqueKeysWithValues: result.map { ($0.key.geoCode, $0.status) })
        #expect(status["A"] == .primary)
        // A reader sees 100 and 50 rounded to 5, so each within ±2, and A as <10: C lies in
        // [98 − 52 − 9, 102 − 48] = [37, 54], 17 wide; B can stay published.
        #expect(status["C"] == .secondary && status["B"] == .safe)
        #expect(status["WK1"] == .safe)
        #expect(failures.isEmpty)
    }

    /// The audit reads published cells as a reader knows them: within their rounding interval.
    @Test func theAuditUsesRoundingIntervalsAndWidensTooNarrowRanges() {
        let total = key("WK1", "wijk")
        var table: [CellKey: StatisticCell] = [
            total: StatisticCell(key: total, measure: .count(persons: 100)),
            key("B"): StatisticCell(key: key("B"), measure: .count(persons: 50)),
            key("C"): StatisticCell(key: key("C"), measure: .count(persons: 50)),
        ]
        for name in [total, key("B"), key("C")] { table[name]?.status = .safe }
        table[key("C")]?.status = .secondary
        let relation = SuppressionRelation(total: total, parts: [key("B"), key("C")])
        // C = 100 − 50 with both known to ±2: [46, 54], only 8 wide.
        let failures = control.audit(table, relations: [relation])
        #expect(failures.map(\.key) == [key("C")])
        #expect(failures.first.map { [$0.low, $0.high] } == [46, 54])
        // With B suppressed too, each of them can lie anywhere in [10, 92].
        table[key("B")]?.status = .secondary
        #expect(control.audit(table, relations: [relation]).isEmpty)
    }

    /// Overlapping areas (a gemeente that is both wijk 1 + wijk 2 and "rest" + "target area", where the
    /// target area is two buurten of wijk 2) with every cell below ten. Shown as `.`, a total of two `<10`
    /// cells would say "at least 10" and so give each part at least 1 (issue 22, class 1). After protection
    /// the symbols and published numbers together leave every `<10` cell all of [0, 9], and every `<20`
    /// range holds its true value.
    @Test func symbolsAloneNarrowNoCell() {
        let events = ["B1": 2, "B2": 0, "B3": 1, "B4": 1, "Z1": 5, "Z2": 4, "Z3": 3]
        func measure(_ codes: [String]) -> CellMeasure {
            .share(codes.reduce(0) { $0 + (events[$1] ?? 0) }, of: 380 * codes.count)
        }
        let areas: [(String, String, [String])] = [
            ("W1", "wijk", ["B1", "B2", "B3", "B4"]), ("W2", "wijk", ["Z1", "Z2", "Z3"]),
            ("rest", "gebied", ["B1", "B2", "B3", "B4", "Z3"]), ("doel", "gebied", ["Z1", "Z2"]),
            ("G", "gemeente", Array(events.keys).sorted()),
        ]
        var cells = events.keys.sorted().map { StatisticCell(key: key($0), measure: measure([$0])) }
        cells += areas.map { StatisticCell(key: key($0.0, $0.1), measure: measure($0.2)) }
        let relations = [
            SuppressionRelation(total: key("W1", "wijk"), parts: ["B1", "B2", "B3", "B4"].map { key($0) }),
            SuppressionRelation(total: key("W2", "wijk"), parts: ["Z1", "Z2", "Z3"].map { key($0) }),
            SuppressionRelation(
                total: key("rest", "gebied"), parts: ["B1", "B2", "B3", "B4", "Z3"].map { key($0) }),
            SuppressionRelation(total: key("doel", "gebied"), parts: ["Z1", "Z2"].map { key($0) }),
            SuppressionRelation(total: key("G", "gemeente"), parts: [key("W1", "wijk"), key("W2", "wijk")]),
            SuppressionRelation(
                total: key("G", "gemeente"), parts: [key("rest", "gebied"), key("doel", "gebied")]),
        ]
        let (protected, failures) = control.protect(cells, relations: relations)
        #expect(failures.isEmpty)
        let table = Dictionary(uniqueKeysWithValues: protected.map { ($0.key, $0) })
        #expect(table[key("doel", "gebied")].map(DisclosureControl.showsRange) == true, "Z1 + Z2 is a range")
        let hidden = protected.filter(\.status.isSuppressed).map(\.key).sorted()
        for (index, cell) in hidden.enumerated() {
            guard let shown = table[cell] else { continue }
            let bound = control.range(
                of: index, variables: hidden, table, relations, \CellMeasure.additiveCount, true)
            guard case .interval(let low, let high) = bound else {
                Issue.record("no range for \(cell)")
                continue
            }
            let truth = Double(shown.measure.additiveCount ?? -1)
            #expect(low <= truth && truth <= high, "\(cell)")
            if DisclosureControl.showsBelowTen(shown) { #expect(low == 0 && high == 9, "\(cell): [\(low), \(high)]") }
            if DisclosureControl.showsRange(shown) { #expect(high <= 19 && high - low >= 9, "\(cell)") }
        }
    }

    /// A wijk of two buurten that both show `<10`: its total is shown as the range `<20`, and an area equal to
    /// the wijk under another name is shown the same way, whether the total is below 10 or not.
    @Test func aSuppressedTotalOfTwoBelowTenCellsIsARange() {
        for (first, second) in [(4, 3), (6, 7)] {
            let cells = [
                StatisticCell(key: key("B1"), measure: .share(first, of: 300)),
                StatisticCell(key: key("B2"), measure: .share(second, of: 300)),
                StatisticCell(key: key("W", "wijk"), measure: .share(first + second, of: 600)),
                StatisticCell(key: key("same", "gebied"), measure: .share(first + second, of: 600)),
            ]
            let relations = [
                SuppressionRelation(total: key("W", "wijk"), parts: [key("B1"), key("B2")]),
                SuppressionRelation(total: key("same", "gebied"), parts: [key("W", "wijk")]),
            ]
            let (protected, failures) = control.protect(cells, relations: relations)
            #expect(failures.isEmpty)
            let shown = Dictionary(uniqueKeysWithValues: protected.map { ($0.key.geoCode, control.publish($0)) })
            #expect(shown["B1"]?.symbol == "<10" && shown["B2"]?.symbol == "<10")
            #expect(shown["W"]?.symbol == "<20" && shown["same"]?.symbol == "<20", "\(first + second)")
            #expect(shown["W"]?.reasons == [.range] && shown["W"]?.status == .secondary)
        }
    }

    @Test func aCellThatMovedByFewerThanTenSinceItsReleaseIsHeldBack() throws {
        let cells = [
            StatisticCell(key: key("A"), measure: .share(40, of: 200)),
            StatisticCell(key: key("B"), measure: .share(40, of: 200)),
            StatisticCell(key: key("C"), measure: .share(40, of: 200)),
        ]
        let released: [CellKey: ReleasedCell] = [
            key("A"): ReleasedCell(count: 40, base: 200),  // unchanged: fine
            key("B"): ReleasedCell(count: 37, base: 200),  // 3 more: reveals those 3
            key("C"): ReleasedCell(count: 25, base: 200),  // 15 more: fine
        ]
        let status = Dictionary(
            uniqueKeysWithValues: control.protect(cells, relations: [], released: released).cells.map {
                ($0.key.geoCode, $0)
            })
        #expect(status["A"]?.status == .safe && status["C"]?.status == .safe)
        #expect(status["B"]?.status == .primary && status["B"]?.reasons == [.differencing])

        let folder = try TemporaryFolder()
        let log = folder.path + "/release.log"
        try ReleaseLog.append(Array(status.values), to: log)
        let read = try ReleaseLog.read(log)
        #expect(read[key("A")] == ReleasedCell(count: 40, base: 200))
        #expect(read[key("B")] == nil, "a held-back cell is not logged as released")
    }

    @Test func publishedCellsAreRoundedAndSuppressedOnesCarryNoNumber() {
        let cells = [
            StatisticCell(
                key: key("A"), measure: .share(23, of: 87)),
            StatisticCell(key: key("B"), measure: .count(persons: 4)),
        ]
        let (result, _) = control.protect(cells, relations: [])
        let a = control.publish(result[0])
        // The percentage of the rounded counts: 25 of 90 is 28 % (23 of 87 would have been 26 %).
        #expect(a.numerator == 25 && a.denominator == 90 && a.value == 28 && a.status == .safe)
        let b = control.publish(result[1])
        #expect(b.value == nil && b.numerator == nil && b.symbol == "<10" && b.csvLine.contains(";u;1;R1_MIN_N;"))
    }

    /// Random three-level tables (gemeente = Σ wijken, wijk = Σ buurten): after protection no
    /// published cell breaks R1–R5, no relation has exactly one suppressed cell, every suppressed
    /// cell's feasible range passes the audit, and shuffling the input changes nothing.
    @Test func propertiesHoldOnRandomHierarchicalTables() {
        var random = SplitMix64(seed: 77)
        for round in 0..<60 {
            var cells: [StatisticCell] = []
            var relations: [SuppressionRelation] = []
            var wijken: [CellKey] = []
            var gemeenteCount = 0
            var gemeentePopulation = 0
            for wijk in 0..<random.int(in: 2...3) {
                var parts: [CellKey] = []
                var wijkCount = 0
                var wijkPopulation = 0
                for buurt in 0..<random.int(in: 2...4) {
                    let population = random.int(in: 5...120)
                    let events = random.int(in: 0...population)
                    let buurtKey = key("B\(wijk)\(buurt)")
                    cells.append(
                        StatisticCell(
                            key: buurtKey,
                            measure: .share(events, of: population)))
                    parts.append(buurtKey)
                    wijkCount += events
                    wijkPopulation += population
                }
                let wijkKey = key("W\(wijk)", "wijk")
                cells.append(
                    StatisticCell(
                        key: wijkKey,
                        measure: .share(wijkCount, of: wijkPopulation)))
                relations.append(SuppressionRelation(total: wijkKey, parts: parts))
                wijken.append(wijkKey)
                gemeenteCount += wijkCount
                gemeentePopulation += wijkPopulation
            }
            let gemeente = key("G", "gemeente")
            cells.append(
                StatisticCell(
                    key: gemeente,
                    measure: .share(gemeenteCount, of: gemeentePopulation)))
            relations.append(SuppressionRelation(total: gemeente, parts: wijken))

            let (protected, failures) = control.protect(cells, relations: relations)
            #expect(failures.isEmpty, "round \(round): \(failures)")
            let byKey = Dictionary(uniqueKeysWithValues: protected.map { ($0.key, $0) })
            for cell in protected where !cell.status.isSuppressed {
                #expect(control.primaryReasons(cell.measure).isEmpty, "published \(cell.key) breaks a rule")
                let published = control.publish(cell)
                #expect((published.numerator ?? 0) % 5 == 0 && (published.denominator ?? 0) % 10 == 0, "R8")
            }
            for cell in protected where cell.status.isSuppressed {
                let published = control.publish(cell)
                #expect(published.value == nil && published.numerator == nil && published.denominator == nil)
            }
            for relation in relations {
                let suppressed = relation.cells.filter { byKey[$0]?.status.isSuppressed == true }
                #expect(suppressed.count != 1, "relation \(relation.total) has one suppressed cell")
                if !suppressed.isEmpty {
                    let sum = suppressed.compactMap { byKey[$0]?.measure.additiveCount }.reduce(0, +)
                    #expect(sum >= 10)
                }
            }
            let shuffledCells = shuffled(cells, &random)
            let shuffledRelations = shuffled(relations, &random)
            let again = control.protect(shuffledCells, relations: shuffledRelations)
            #expect(again.cells == protected)
            #expect(again.cells.map { control.publish($0) } == protected.map { control.publish($0) })
        }
    }

    private func shuffled<T>(_ values: [T], _ random: inout SplitMix64) -> [T] {
        var result = values
        for index in result.indices.reversed() { result.swapAt(index, random.int(in: 0...index)) }
        return result
    }
}
