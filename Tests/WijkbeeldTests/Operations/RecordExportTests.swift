import Testing

@testable import Wijkbeeld

@Suite struct RecordExportTests {
    /// An independent check of the final file: every class of equal quasi-identifiers has k records and
    /// l distinct values of each sensitive attribute.
    static func holds(_ records: [RecordExport.Record], k: Int, l: Int) -> Bool {
        Dictionary(grouping: records, by: \.quasi).values.allSatisfy { members in
            members.count >= k
                && (0..<RecordExport.sensitiveNames.count).allSatisfy { attribute in
                    Set(members.map { $0.sensitive[attribute] }).count >= l
                }
        }
    }

    /// Whether `coarse` is `fine` or one of its generalisations.
    static func generalises(_ coarse: String, _ fine: String, index: Int) -> Bool {
        var value: String? = fine
        while let current = value {
            if current == coarse { return true }
            value = RecordExport.generalise(current, index: index)
        }
        return false
    }

    @Test func everyExportIsKAnonymousAndLDiverseAndAccountsForEveryRecord() {
        var random = SplitMix64(seed: 3)
        for round in 0..<60 {
            let count = random.int(in: 0...400)
            let buurten = (0..<random.int(in: 1...6)).map { "BU0855" + ["AA", "AB", "ZZ"][$0 % 3] + "0\($0)" }
            let input = (0..<count).map { _ in
                RecordExport.Record(
                    quasi: [
                        buurten[random.int(in: 0...(buurten.count - 1))],
                        ["4-6", "7-9", "10-12"][random.int(in: 0...2)],
                        ["1", "2", "-"][random.int(in: 0...2)], ["0", "1", "2"][random.int(in: 0...2)],
                    ],
                    sensitive: [
                        random.chance(0.15) ? "ja" : "nee", random.chance(round % 2 == 0 ? 0.05 : 0.0) ? "ja" : "nee",
                        ["laag", "niet_laag", "onbekend"][random.int(in: 0...2)], random.chance(0.1) ? "ja" : "nee",
                    ])
            }
            let export = RecordExport(input, k: 10, l: 2)
            #expect(Self.holds(export.records, k: 10, l: 2))
            #expect(export.records.count + export.removed == input.count)
            // Sensitive values are never changed, quasi-identifiers only coarsened.
            var remaining = input
            for record in export.records {
                let match = remaining.firstIndex { original in
                    original.sensitive == record.sensitive
                        && (0..<4).allSatisfy { Self.generalises(record.quasi[$0], original.quasi[$0], index: $0) }
                }
                #expect(match != nil)
                if let match { remaining.remove(at: match) }
            }
        }
    }

    @Test func aLargeDiverseClassIsLeftAsItIs() {
        let input = (0..<40).map { index in
            RecordExport.Record(
                quasi: ["BU0855ZZ01", "7-9", "1", "0"],
                sensitive: [
                    index % 2 == 0 ? "ja" : "nee", index % 3 == 0 ? "ja" : "nee", index % 4 == 0 ? "laag" : "niet_laag",
                    index % 5 == 0 ? "ja" : "nee",
                ])
        }
        let export = RecordExport(input)
        #expect(export.records == input && export.removed == 0)
        // Where nobody has protection (l = 1), even full suppression cannot help: nothing is released.
        let uniform = input.map {
            RecordExport.Record(quasi: $0.quasi, sensitive: [$0.sensitive[0], "nee", $0.sensitive[2], $0.sensitive[3]])
        }
        #expect(RecordExport(uniform).records.isEmpty)
    }
}
