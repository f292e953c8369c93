/// A set of codes that can be tested against field bytes without creating a string.
///
/// Codes of up to eight bytes are packed into a `UInt64` (the inputs hold no NUL bytes, so
/// different codes pack differently); longer ones fall back to a string set.
final class CodeSet: Sendable {
    private let packed: Set<UInt64>
    /// The packed codes as a list: for short lists a linear scan beats hashing.
    private let list: [UInt64]
    private let long: Set<String>

    init(_ codes: Set<String>) {
        var packed: Set<UInt64> = []
        var list: [UInt64] = []
        var long: Set<String> = []
        for code in codes {
            let bytes = Array(code.utf8)
            if bytes.count <= 8 {
                let key = bytes.withUnsafeBufferPointer { CodeSet.pack($0) }
                packed.insert(key)
                list.append(key)
            } else {
                long.insert(code)
            }
        }
        self.packed = packed
        self.list = list.sorted()
        self.long = long
    }

    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }

    /// - Complexity: O(1) for codes of up to eight bytes.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count <= 8 {
            let key = CodeSet.pack(bytes)
            if list.count <= 24 { return list.contains(key) }
            return packed.contains(key)
        }
        return long.contains(String(decoding: bytes, as: UTF8.self))
    }
}
