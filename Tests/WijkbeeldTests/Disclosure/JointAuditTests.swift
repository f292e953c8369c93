import Testing

@testable import Wijkbeeld

@Suite struct JointAuditTests {
    let control = DisclosureControl()

    private func key(_ breakdown: String) -> CellKey {
        CellKey(indicator: "IND17", period: "2023", geoLevel: "wijk", geoCode: "W1", breakdown: breakdown)
    }

    /// A share suppressed for R3 only: past R1 and R2, so shown `.`.
    private func householdsOnly(_ events: Int, of population: Int) -> CellMeasure {
        .share(events: events, population: population, eventHouseholds: 5, otherHouseholds: 20)
    }

    /// Worked by hand: families in both domains (`.`, so ≥ 10) are at most the families in domain A, published
    /// as 10 (so 8–12): the pair lies in [10, 12]. Without the constraint the audit sees nothing wrong; with it
    /// the joint audit finds [10, 12] and disclosure control suppresses domain A as well.
    @Test func aPublishedDomainBoundsTheFamiliesInBothDomains() {
        let cells = [
            StatisticCell(key: key("domein_a"), measure: .share(11, of: 80)),
            StatisticCell(key: key("domein_b"), measure: .share(40, of: 80)),
            StatisticCell(key: key("eilanden_a_b"), measure: householdsOnly(10, of: 80)),
        ]
        let constraints: [CellConstraint] = [
            .atMost((key("eilanden_a_b"), .count), (key("domein_a"), .count)),
            .atMost((key("eilanden_a_b"), .count), (key("domein_b"), .count)),
            .equal((key("domein_a"), .base), (key("domein_b"), .base)),
            .equal((key("domein_a"), .base), (key("eilanden_a_b"), .base)),
        ]
        var table = Dictionary(uniqueKeysWithValues: cells.map { ($0.key, $0) })
        for key in table.keys { table[key]?.status = .safe }
        table[key("eilanden_a_b")]?.status = .primary
        table[key("eilanden_a_b")]?.reasons = [.households]
        #expect(control.jointAudit(table, relations: [], constraints: []).isEmpty)
        let failures = control.jointAudit(table, relations: [], constraints: constraints)
        #expect(failures.map(\.key) == [key("eilanden_a_b")])
        #expect(failures.first.map { abs($0.low - 10) < 1e-6 && abs($0.high - 12) < 1e-6 } == true, "\(failures)")

        // Protection either hides domain A too or shows the pair as the range `<20` (true, as the pair is at
        // most 12): then it keeps [0, 12].
        let (protected, remaining) = control.protect(cells, relations: [], constraints: constraints)
        #expect(remaining.isEmpty, "\(remaining)")
        let byKey = Dictionary(uniqueKeysWithValues: protected.map { ($0.key, $0) })
        #expect(byKey[key("domein_a")]?.status == .secondary || byKey[key("eilanden_a_b")]?.reasons == [.range])
        #expect(byKey[key("domein_b")]?.status == .safe)
        #expect(control.jointAudit(byKey, relations: [], constraints: constraints).isEmpty)
    }

    /// On random one-area tables of IND17's shape (domains A and B, the families in both, over one shared
    /// base), after protection a brute-force intruder that enumerates every integer table consistent with what
    /// is published (rounding intervals, symbols, R1, R2 as the reasons tell it, the definitions) cannot narrow
    /// any suppressed count below its promised width.
    @Test(arguments: [UInt64(1), 2, 3])
    func noSuppressedCountNarrowsUnderBruteForce(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var audited = 0
        for _ in 0..<40 {
            let families = random.int(in: 20...60)
            let pair = random.int(in: 0...20)
            let a = pair + random.int(in: 0...20)
            let b = pair + random.int(in: 0...max(0, families - a))
            guard a + b - pair <= families, b <= families else { continue }
            let names = ["domein_a", "domein_b", "eilanden_a_b"]
            let counts = [a, b, pair]
            let cells = zip(names, counts).map { name, count in
                StatisticCell(
                    key: key(name),
                    measure: random.chance(0.3) ? householdsOnly(count, of: families) : .share(count, of: families))
            }
            let constraints: [CellConstraint] =
                [
                    .atMost((key("eilanden_a_b"), .count), (key("domein_a"), .count)),
                    .atMost((key("eilanden_a_b"), .count), (key("domein_b"), .count)),
                    CellConstraint(
                        terms: [
                            .init(key("domein_a"), .base), .init(key("domein_a"), .count, -1),
                            .init(key("domein_b"), .count, -1), .init(key("eilanden_a_b"), .count),
                        ], isEquality: false),
                ] + names.dropFirst().map { .equal((key("domein_a"), .base), (key($0), .base)) }
            let (protected, failures) = control.protect(cells, relations: [], constraints: constraints)
            guard failures.isEmpty else {
                // Failing closed is allowed; passing a narrow cell is not.
                continue
            }
            audited += 1
            let shown = protected.map { ($0, control.publish($0)) }
            // Brute force over (A, B, pair, base).
            var low = [Int](repeating: .max, count: 3)
            var high = [Int](repeating: .min, count: 3)
            // Every published cell carries the shared base to within its rounding; enumerate only there.
            let bases = shown.compactMap { $0.1.denominator }.first.map { ($0 - 5)...($0 + 4) } ?? 0...80
            for base in bases where base >= 0 {
                for x in 0...base {
                    for y in 0...base {
                        for z in 0...min(x, y) where x + y - z <= base {
                            let values = [x, y, z]
                            let consistent = shown.indices.allSatisfy { index in
                                allows(shown[index].0, shown[index].1, count: values[index], base: base)
                            }
                            guard consistent else { continue }
                            for index in 0..<3 {
                                low[index] = min(low[index], values[index])
                                high[index] = max(high[index], values[index])
                            }
                        }
                    }
                }
            }
            for (index, (cell, _)) in shown.enumerated() where cell.status.isSuppressed {
                #expect(low[index] <= counts[index] && counts[index] <= high[index], "the truth is consistent")
                let promised = cell.reasons.contains(.minimumCount) || cell.reasons.contains(.range) ? 9 : 10
                #expect(
                    high[index] - low[index] >= promised,
                    "\(cell.key.breakdown): [\(low[index]), \(high[index])] in \(shown.map { ($0.0.measure, $0.0.status, $0.0.reasons, $0.1.numerator ?? -1, $0.1.denominator ?? -1) })"
                )
            }
        }
        #expect(audited > 10)
    }

    /// What a reader of the published cell knows, written from the rules: a published count and base lie in
    /// their rounding intervals (counts to 5, bases to 10, half up) and passed R1 and R2; a `<10` count lies in
    /// [0, 9] and a `<20` one in [0, 19] (nothing more); any other suppressed count passed R1, and R2 unless its
    /// reasons name R2.
    private func allows(_ cell: StatisticCell, _ published: PublishedCell, count: Int, base: Int) -> Bool {
        func within(_ value: Int, _ rounded: Int, _ step: Int) -> Bool {
            value >= rounded - step / 2 && value < rounded - step / 2 + step
        }
        if !cell.status.isSuppressed {
            guard let numerator = published.numerator, let denominator = published.denominator else { return false }
            return within(count, Int(numerator), 5) && within(base, Int(denominator), 10) && count >= 10
                && base - count >= 10
        }
        if cell.reasons.contains(.range) { return count <= 19 }
        if cell.reasons.contains(.minimumCount) { return count <= 9 }
        if cell.reasons.contains(.events) { return count >= 10 && base - count <= 9 }
        return count >= 10 && base - count >= 10
    }
}
