import Testing

@testable import Wijkbeeld

/// Splitting relations into connected sets, over random relation graphs: every relation lands in
/// exactly one set, relations sharing a cell share a set, and no two sets share a cell.
@Suite struct RelationComponentTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func connectedSetsPartitionTheRelations(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        func key(_ number: UInt64) -> CellKey {
            CellKey(indicator: "IND01", period: "2023", geoLevel: "buurt", geoCode: "BU\(number)")
        }
        let relations = (0..<40).map { _ in
            SuppressionRelation(
                total: key(random.next() % 60),
                parts: (0..<(1 + random.next() % 3)).map { _ in key(random.next() % 60) })
        }
        let sets = DisclosureControl.components(relations)
        #expect(sets.reduce(0) { $0 + $1.count } == relations.count)
        let cellsOf = sets.map { Set($0.flatMap(\.cells)) }
        for first in cellsOf.indices {
            for second in cellsOf.indices where second > first {
                #expect(cellsOf[first].isDisjoint(with: cellsOf[second]))
            }
        }
        // Within a set, every relation is reachable from the first through shared cells.
        for set in sets {
            var reached: Set<CellKey> = Set(set[0].cells)
            var grew = true
            while grew {
                grew = false
                for relation in set
                where !reached.isDisjoint(with: relation.cells) && !reached.isSuperset(of: relation.cells) {
                    reached.formUnion(relation.cells)
                    grew = true
                }
            }
            #expect(set.allSatisfy { reached.isSuperset(of: $0.cells) })
        }
    }
}
