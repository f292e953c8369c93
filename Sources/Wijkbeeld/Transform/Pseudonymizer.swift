import Crypto

/// An identifier kind, with its domain-separation label (disclosure.md): the same number gives the
/// same pseudonym in every source, and different kinds never collide.
public enum IdentifierKind: String, Sendable, CaseIterable {
    case bsn = "bsn:v1:"
    case onderwijsnummer = "onr:v1:"
    case rin = "rin:v1:"
    case household = "hh:v1:"
    case addressObject = "obj:v1:"
    case pupil = "leerling:v1:"
    case episode = "episode:v1:"
    case careHousehold = "zorghh:v1:"
    /// The income household, keyed by its main breadwinner (RINPERSOONHKW); separate from `rin:` so
    /// the income household does not reveal the breadwinner's person pseudonym.
    case incomeHousehold = "inkhh:v1:"

    var label: [UInt8] { Array(rawValue.utf8) }
}

/// A 256-bit keyed pseudonym; its hex form is what a researcher export shows.
public struct Pseudonym: Hashable, Sendable, Comparable, CustomStringConvertible {
    let words: (UInt64, UInt64, UInt64, UInt64)

    public static func == (lhs: Pseudonym, rhs: Pseudonym) -> Bool {
        lhs.words == rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }

    public static func < (lhs: Pseudonym, rhs: Pseudonym) -> Bool {
        lhs.words < rhs.words
    }

    /// Lower-case hex of all 256 bits.
    public var description: String {
        [words.0, words.1, words.2, words.3].map { String($0, radix: 16).leftPadded(to: 16) }.joined()
    }
}

/// Computes pseudonyms as HMAC-SHA-256(K, label ‖ identifier) with a pre-keyed HMAC.
///
/// The HMAC state after absorbing the key is kept and copied per message, which saves hashing the
/// key twice for every identifier.
public struct Pseudonymizer: Sendable {
    private let keyed: HMAC<SHA256>
    public let keyFingerprint: String
    public let isSampleKey: Bool
    /// RIN pseudonyms computed once for a run whose periods each need them (`Transformer.rin`).
    var rinMemo: [UInt64: Pseudonym] = [:]

    public init(key: PseudonymKey) {
        keyed = HMAC<SHA256>(key: key.key)
        keyFingerprint = key.fingerprint
        isSampleKey = key.isSample
    }

    /// The pseudonym of `identifier` (already normalised and checked) of the given kind.
    /// - Complexity: one HMAC over the label and identifier.
    public func pseudonym(_ kind: IdentifierKind, _ identifier: UnsafeBufferPointer<UInt8>) -> Pseudonym {
        var mac = keyed
        var label = kind.rawValue
        label.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        mac.update(data: UnsafeRawBufferPointer(identifier))
        let code = mac.finalize()
        return code.withUnsafeBytes { raw in
            func word(_ offset: Int) -> UInt64 {
                var value: UInt64 = 0
                for index in offset..<(offset + 8) { value = value << 8 | UInt64(raw[index]) }
                return value
            }
            return Pseudonym(words: (word(0), word(8), word(16), word(24)))
        }
    }

    public func pseudonym(_ kind: IdentifierKind, _ identifier: String) -> Pseudonym {
        var text = identifier
        return text.withUTF8 { pseudonym(kind, $0) }
    }
}
