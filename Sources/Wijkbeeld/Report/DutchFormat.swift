/// One fixed Dutch formatter for reports, independent of the machine's locale (reports.md R8):
/// decimal comma, thousands point, dates as "1 maart 2026".
public enum DutchFormat {
    static let months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
        "november", "december",
    ]

    /// A whole number with a thousands point: `1.234`, `-12.345.678`.
    public static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A number with exactly `decimals` decimals after a comma: `72,5`, `1.234,0`.
    public static func number(_ value: Double, decimals: Int) -> String {
        guard decimals > 0 else { return integer(Int(value.rounded())) }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let whole = integer(abs(scaled) / scale)
        let fraction = String(abs(scaled) % scale)
        let padded = String(repeating: "0", count: decimals - fraction.count) + fraction
        return (scaled < 0 ? "-" : "") + whole + "," + padded
    }

    /// A date as "1 maart 2026".
    public static func date(_ date: CalendarDate) -> String {
        "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// How a published cell reads in a report: the rounded value with its unit, or the suppression
    /// symbol (`<10`, `.`) when it is suppressed (disclosure.md, "How cells are shown").
    public static func cell(_ cell: PublishedCell) -> String {
        if let symbol = cell.symbol { return symbol }
        guard let value = cell.value else { return "." }
        switch cell.unit {
        case "procent": return number(value, decimals: 0) + "%"
        case "procent_uren": return number(value, decimals: 1) + "%"
        case "gemiddelde": return number(value, decimals: 1)
        case "mediaan": return number(value, decimals: 0)
        default: return integer(Int(value.rounded()))
        }
    }
}
