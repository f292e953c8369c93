import Crypto

#if canImport(Glibc)
    import Glibc
#endif

/// The secret 256-bit project key behind every pseudonym (disclosure.md, "Pseudonymisation").
///
/// Stored as 64 hex characters in a file outside the repository with mode 0600. Only the transform
/// stage reads it; it never reaches a log or an output, only its fingerprint does.
public struct PseudonymKey: Sendable {
    let key: SymmetricKey
    /// True for the sample key shipped with the synthetic data; outputs it touches say so.
    public let isSample: Bool

    /// The name of the sample key file that `synth` writes next to synthetic data.
    public static let sampleFileName = "SAMPLE-KEY-NOT-FOR-REAL-DATA.hex"

    init(bytes: [UInt8], isSample: Bool) {
        key = SymmetricKey(data: bytes)
        self.isSample = isSample
    }

    /// Reads a key file: 64 hex characters. A synthetic sample key (`synth` writes it) adds a line `seed N`
    /// and is the key derived from that seed; it alone may be readable by others, since git does not keep
    /// file modes and the key is public anyway. A file's name never makes it a sample.
    /// - Parameter allowSample: accept a synthetic sample key without checking its mode.
    /// - Throws: `.configuration` (exit 78) for a missing file, a real key readable by group or others,
    ///   or content that is neither a key nor a sample key.
    public static func load(path: String, allowSample: Bool = false) throws -> PseudonymKey {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw WijkbeeldError(
                .configuration,
                errno == ENOENT
                    ? "key file \(path) not found; create one with `wijkbeeld key new PATH` outside the repository"
                    : "key file \(path) cannot be read; check its owner and mode")
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        let tokens = buffer.prefix(max(count, 0)).split { $0 == 10 || $0 == 13 || $0 == 32 || $0 == 9 }.map(Array.init)
        let malformed = WijkbeeldError(
            .configuration,
            "key file \(path) must hold 64 hex characters (256 bits); create a new one with `wijkbeeld key new PATH`")
        guard let first = tokens.first, first.count == 64, let bytes = decodeHex(first) else { throw malformed }
        var isSample = false
        if tokens.count == 3, tokens[1] == Array("seed".utf8),
            let seed = UInt64(String(decoding: tokens[2], as: UTF8.self))
        {
            guard bytes == sampleKeyBytes(seed: seed) else { throw malformed }
            isSample = allowSample
        } else if tokens.count != 1 {
            throw malformed
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw malformed }
        if !isSample && info.st_mode & 0o077 != 0 {
            throw WijkbeeldError(
                .configuration,
                "key file \(path) is readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); "
                    + "run `chmod 600 \(path)`")
        }
        return PseudonymKey(bytes: bytes, isSample: isSample)
    }

    /// The synthetic sample key of a seed: public by construction, so it protects nothing real.
    static func sampleKeyBytes(seed: UInt64) -> [UInt8] {
        Array(SHA256.hash(data: Array("wijkbeeld-sample-key:v1:\(seed)".utf8)))
    }

    /// The text of a sample key file (`synth` writes it next to the synthetic data).
    public static func sampleKeyFile(seed: UInt64) -> String {
        sampleKeyBytes(seed: seed).map { String($0, radix: 16).leftPadded(to: 2) }.joined() + "\nseed \(seed)\n"
    }

    /// The key for a run: the file given, or else the synthetic sample key shipped in the input folder.
    /// - Throws: `.configuration` when no key is given and the input is not a synthetic sample.
    public static func resolve(keyFile: String?, input: String) throws -> PseudonymKey {
        if let keyFile { return try load(path: keyFile, allowSample: true) }
        let sample = input + "/" + sampleFileName
        var info = stat()
        guard stat(sample, &info) == 0 else {
            throw WijkbeeldError(
                .configuration,
                "no pseudonymisation key: pass --key FILE (create one with `wijkbeeld key new PATH`, outside the repository)"
            )
        }
        return try load(path: sample, allowSample: true)
    }

    /// Writes a fresh key from the system's CSPRNG to `path` with mode 0600.
    /// - Throws: `.cannotWrite` when the file exists or cannot be created.
    public static func create(at path: String) throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try write(bytes, to: path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw WijkbeeldError(
                .cannotWrite, "cannot create key file \(path): it exists already or the folder is not writable",
                cause: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let text = Array(bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined().utf8) + [10]
        let written = text.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == text.count, fchmod(descriptor, 0o600) == 0 else {
            throw WijkbeeldError(.cannotWrite, "cannot write key file \(path)")
        }
    }

    /// SHA-256 of `wijkbeeld-key-id:v1:` ‖ K, in hex: shows that two runs used the same key without revealing it.
    public var fingerprint: String {
        var hasher = SHA256()
        hasher.update(data: Array("wijkbeeld-key-id:v1:".utf8))
        key.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return TableValidator.hex(hasher.finalize())
    }

    private static func decodeHex(_ text: [UInt8]) -> [UInt8]? {
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: byte - 48
            case 97...102: byte - 87
            case 65...70: byte - 55
            default: nil
            }
        }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: text.count, by: 2) {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
