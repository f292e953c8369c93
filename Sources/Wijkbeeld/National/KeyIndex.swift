/// A compact open-addressing index from non-zero 64-bit keys (packed RINPERSOON, object or household
/// numbers) to dense slots `0..<count`, in insertion order.
///
/// Most rows of a national file concern someone outside the selection, so a lookup first tests a
/// 4 MB filter and only then probes the table. The filter sets two bits per key in one 64-bit word, so a
/// test is one load that mostly stays in the CPU cache (about 2 % false hits at 2.5 M keys); each bucket
/// holds key and slot together, so a probe touches one cache line. It is built by one thread and then only read,
/// so the scan threads share it without locks.
final class KeyIndex: @unchecked Sendable {
    fileprivate struct Bucket {
        var key: UInt64
        var slot: Int32
    }

    private var buckets: UnsafeMutablePointer<Bucket>
    private var capacity: Int
    private var shift: UInt64
    private let filter: UnsafeMutablePointer<UInt64>
    /// The filter has 2^filterWords 64-bit words.
    private static let filterWords: UInt64 = 19
    /// Keys in slot order.
    private(set) var ordered: [UInt64] = []

    /// An empty index sized for about `expected` keys (it grows when they are more).
    init(expected: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < max(16, expected * 4 / 3) { bits += 1 }
        capacity = 1 << bits
        shift = 64 - bits
        buckets = .allocate(capacity: capacity)
        buckets.initialize(repeating: Bucket(key: 0, slot: -1), count: capacity)
        let words = 1 << KeyIndex.filterWords
        filter = .allocate(capacity: words)
        filter.initialize(repeating: 0, count: words)
        ordered.reserveCapacity(expected)
    }

    deinit {
        buckets.deallocate()
        filter.deallocate()
    }

    var count: Int { ordered.count }

    /// The slot of `key`, inserting it when new.
    /// - Complexity: O(1) amortised; the table doubles when it is three quarters full.
    /// - Precondition: `key != 0` (0 marks an empty bucket).
    @discardableResult
    func insert(_ key: UInt64) -> (slot: Int32, inserted: Bool) {
        if ordered.count * 4 >= capacity * 3 { grow() }
        var bucket = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let found = buckets[bucket].key
            if found == key { return (buckets[bucket].slot, false) }
            if found == 0 {
                let slot = Int32(ordered.count)
                buckets[bucket] = Bucket(key: key, slot: slot)
                ordered.append(key)
                let (word, bits) = KeyIndex.filterBits(key)
                filter[word] |= bits
                return (slot, true)
            }
            bucket = (bucket + 1) & (capacity - 1)
        }
    }

    /// The slot of `key`, or nil.
    /// - Complexity: O(1) expected.
    func slot(_ key: UInt64) -> Int32? { lookup.slot(key) }

    /// A read-only view for the scan threads: plain values, so a lookup pays no exclusivity check on
    /// the index's stored properties. Valid while the index lives and is not changed.
    var lookup: Lookup {
        Lookup(buckets: buckets, mask: capacity - 1, shift: shift, filter: filter)
    }

    struct Lookup: @unchecked Sendable {
        fileprivate let buckets: UnsafeMutablePointer<Bucket>
        fileprivate let mask: Int
        fileprivate let shift: UInt64
        fileprivate let filter: UnsafeMutablePointer<UInt64>

        /// The slot of `key`, or nil.
        /// - Complexity: O(1) expected; most absent keys stop at the bit filter.
        @inline(__always)
        func slot(_ key: UInt64) -> Int32? {
            let (word, bits) = KeyIndex.filterBits(key)
            guard filter[word] & bits == bits else { return nil }
            var bucket = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let found = buckets[bucket].key
                if found == key { return buckets[bucket].slot }
                if found == 0 { return nil }
                bucket = (bucket + 1) & mask
            }
        }
    }

    /// The filter word of `key` and the two bits it sets there, from one multiplicative hash.
    @inline(__always)
    fileprivate static func filterBits(_ key: UInt64) -> (word: Int, bits: UInt64) {
        let hash = key &* 0xC2B2_AE3D_27D4_EB4F
        let word = Int(truncatingIfNeeded: hash >> (64 - filterWords))
        return (word, 1 << ((hash >> 20) & 63) | 1 << ((hash >> 26) & 63))
    }

    private func grow() {
        let old = buckets
        let oldCapacity = capacity
        capacity *= 2
        shift -= 1
        buckets = .allocate(capacity: capacity)
        buckets.initialize(repeating: Bucket(key: 0, slot: -1), count: capacity)
        for index in 0..<oldCapacity where old[index].key != 0 {
            var bucket = Int(truncatingIfNeeded: (old[index].key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while buckets[bucket].key != 0 { bucket = (bucket + 1) & (capacity - 1) }
            buckets[bucket] = old[index]
        }
        old.deallocate()
    }
}
