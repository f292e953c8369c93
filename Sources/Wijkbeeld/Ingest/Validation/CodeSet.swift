/// A set of codes that can be tested against field bytes without creating a string.
///
/// Codes of up to eight bytes are packed into a `UInt64` (the inputs hold no NUL bytes, so
/// different codes pack differently); longer ones fall back to a string set.
struct CodeSet: Sendable {
    private var packed: Set<UInt64> = []
    private var long: Set<String> = []

    init(_ codes: Set<String>) {
        for code in codes {
            let bytes = Array(code.utf8)
            if bytes.count <= 8 {
                packed.insert(CodeSet.pack(UnsafeBufferPointer(start: bytes, count: bytes.count)))
            } else {
                long.insert(code)
            }
        }
    }

    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }

    /// - Complexity: O(1) for codes of up to eight bytes.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count <= 8 { return packed.contains(CodeSet.pack(bytes)) }
        return long.contains(String(decoding: bytes, as: UTF8.self))
    }
}
