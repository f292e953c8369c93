import Testing

@testable import Wijkbeeld

/// The index against a Dictionary over random keys, through several doublings.
@Suite struct KeyIndexTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func theIndexAgreesWithADictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let index = KeyIndex(expected: 8)
        var reference: [UInt64: Int32] = [:]
        for _ in 0..<20_000 {
            // Small keys collide often; large ones exercise the full hash.
            let key = random.next() % 2 == 0 ? random.next() % 30_000 + 1 : random.next() | 1
            let (slot, inserted) = index.insert(key)
            #expect(inserted == (reference[key] == nil))
            if inserted { reference[key] = Int32(reference.count) }
            #expect(slot == reference[key])
        }
        #expect(index.count == reference.count)
        for (key, slot) in reference { #expect(index.slot(key) == slot) }
        for _ in 0..<20_000 {
            let key = random.next() | 1
            #expect(index.slot(key) == reference[key])
        }
        #expect(index.ordered.enumerated().allSatisfy { reference[$0.element] == Int32($0.offset) })
    }
}
