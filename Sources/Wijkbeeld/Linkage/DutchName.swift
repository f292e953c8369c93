import Foundation

/// Dutch names made comparable: case and diacritics folded, punctuation dropped, and surname prefixes
/// (tussenvoegsels: van, de, van der, ter, …) split off so "Van der Berg", "Berg, van der" and "berg"
/// compare on "berg", with the prefix compared on its own.
public enum DutchName {
    /// Multi-word prefixes first, so "van der" wins over "van".
    static let prefixes: [[String]] = [
        ["van", "de", "la"], ["van", "der"], ["van", "den"], ["van", "de"], ["van", "het"], ["van", "t"],
        ["in", "t"], ["in", "de"], ["in", "het"], ["op", "de"], ["op", "den"], ["op", "t"], ["uit", "de"],
        ["uit", "den"], ["aan", "de"], ["bij", "de"], ["van"], ["de"], ["der"], ["den"], ["het"], ["ter"], ["ten"],
        ["te"], ["t"], ["d"], ["la"], ["le"], ["el"], ["al"], ["von"], ["du"], ["da"], ["di"],
    ]

    /// Lower case ASCII letters and single spaces: "Çelik-Yılmaz" → "celik yilmaz".
    public static func fold(_ text: String) -> String {
        // Most names are ASCII: fold those byte by byte; only the rest goes through Foundation.
        if text.utf8.allSatisfy({ $0 < 128 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var space = false
            for byte in text.utf8 {
                let lower = (65...90).contains(byte) ? byte + 32 : byte
                if (97...122).contains(lower) || (48...57).contains(lower) {
                    if space && !bytes.isEmpty { bytes.append(32) }
                    space = false
                    bytes.append(lower)
                } else {
                    space = true
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl"))
            .lowercased()
        var result = ""
        var space = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if space && !result.isEmpty { result.append(" ") }
                space = false
                result.unicodeScalars.append(scalar)
            } else if scalar == "ı" {
                result.append("i")
            } else {
                space = true
            }
        }
        return result
    }

    /// The surname's prefix and core: ("van der", "berg"). A separately delivered prefix is used when given.
    public static func surname(_ name: String, prefix given: String = "") -> (prefix: String, core: String) {
        var words = fold(name).split(separator: " ").map(String.init)
        var prefix = fold(given).split(separator: " ").map(String.init)
        // "Berg, van der": a trailing prefix after a comma in the raw text.
        if name.contains(","), let comma = name.firstIndex(of: ",") {
            let after = fold(String(name[name.index(after: comma)...])).split(separator: " ").map(String.init)
            if Self.prefixes.contains(after) {
                prefix = after
                words = fold(String(name[..<comma])).split(separator: " ").map(String.init)
            }
        }
        if prefix.isEmpty {
            for candidate in prefixes
            where words.count > candidate.count && Array(words.prefix(candidate.count)) == candidate {
                prefix = candidate
                words.removeFirst(candidate.count)
                break
            }
        }
        return (prefix.joined(separator: " "), words.joined(separator: " "))
    }
}
