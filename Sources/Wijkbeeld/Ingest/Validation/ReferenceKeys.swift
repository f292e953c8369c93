/// The key values of one referenced column, for foreign-key checks.
///
/// Digit strings of up to 17 digits (RINPERSOON, RINOBJECTNUMMER) are stored exactly as one
/// `UInt64` with their length, so national tables fit in memory (about 16 bytes per key); other
/// values are stored as strings.
/// Filled while its table is read, then only read (also from two threads at once).
final class KeySet: @unchecked Sendable {
    private var packed: Set<UInt64> = []
    private var strings: Set<String> = []

    /// A digit string of up to 17 digits as one integer with its length; nil for anything else.
    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= 17 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit = UInt64(byte) &- 48
            guard digit <= 9 else { return nil }
            value = value &* 10 &+ digit
        }
        return value | UInt64(bytes.count) << 57
    }

    func insert(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let key = KeySet.pack(bytes) {
            packed.insert(key)
        } else {
            strings.insert(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// - Complexity: O(1).
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let key = KeySet.pack(bytes) { return packed.contains(key) }
        return strings.contains(String(decoding: bytes, as: UTF8.self))
    }
}

/// Key sets of the tables other tables refer to, filled while those tables are validated.
public final class ReferenceKeys: @unchecked Sendable {
    private var sets: [String: KeySet] = [:]

    public init() {}

    private static func slot(table: String, field: String, folder: String?) -> String {
        "\(folder ?? "*")|\(table)|\(field.lowercased())"
    }

    /// The key set being filled for a referenced column (created on first use).
    func collecting(table: String, field: String, folder: String?) -> KeySet {
        let slot = ReferenceKeys.slot(table: table, field: field, folder: folder)
        if let set = sets[slot] { return set }
        let set = KeySet()
        sets[slot] = set
        return set
    }

    /// The keys of a referenced column, or nil when that table has not been read.
    func keys(table: String, field: String, folder: String?) -> KeySet? {
        sets[ReferenceKeys.slot(table: table, field: field, folder: folder)]
    }
}
