/// The report's colours, with the WCAG contrast ratios they must keep on the white page (reports.md R7):
/// text at least 4.5:1, bars, lines and markers at least 3:1.
public enum ReportPalette {
    public static let background = "#ffffff"
    /// Body text.
    public static let text = "#1a1a1a"
    /// Secondary text: captions, legends, provenance.
    public static let muted = "#555555"
    /// The district's marks and links.
    public static let district = "#1f5f8b"
    /// Comparison marks (rest of Tilburg) and "higher" markers.
    public static let comparison = "#b35900"
    /// Card and table borders: decoration only, never the sole carrier of meaning.
    public static let border = "#767676"

    /// Colours used for text, checked against 4.5:1.
    public static let textColours = [text, muted, district, comparison]
    /// Colours used for chart marks, checked against 3:1.
    public static let markColours = [district, comparison, muted, border]

    /// The WCAG 2.1 contrast ratio of two `#rrggbb` colours, from 1 to 21.
    public static func contrast(_ first: String, _ second: String) -> Double {
        let a = luminance(first)
        let b = luminance(second)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// Relative luminance (WCAG 2.1): sRGB channels linearised, weighted 0.2126, 0.7152, 0.0722.
    static func luminance(_ colour: String) -> Double {
        let hex = colour.hasPrefix("#") ? String(colour.dropFirst()) : colour
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return 0 }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
