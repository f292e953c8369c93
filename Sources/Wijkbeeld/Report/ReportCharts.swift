import Foundation

/// Inline SVG charts for the HTML report. Each has `role="img"` and a `<title>` and `<desc>` named by
/// `aria-labelledby` (reports.md R2); every text placed in it is escaped here.
enum ReportCharts {
    /// Escapes text for HTML and SVG content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func open(id: String, title: String, description: String, width: Int, height: Int, className: String)
        -> String
    {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(className)\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
    }

    /// A small line of earlier values; nil values (suppressed) break the line.
    static func sparkline(id: String, title: String, description: String, values: [Double?]) -> String {
        let width = 120
        let height = 36
        let known = values.compactMap { $0 }
        let low = known.min() ?? 0
        let high = known.max() ?? 1
        let span = max(high - low, 1)
        func point(_ index: Int, _ value: Double) -> (x: Double, y: Double) {
            let x = values.count > 1 ? 6 + Double(index) * Double(width - 12) / Double(values.count - 1) : 60
            return (x, 30 - (value - low) / span * 24)
        }
        var svg = open(
            id: id, title: title, description: description, width: width, height: height, className: "sparkline")
        var segment: [String] = []
        func flush() {
            if segment.count > 1 {
                svg +=
                    "<polyline fill=\"none\" stroke=\"\(ReportPalette.district)\" stroke-width=\"2\" points=\""
                    + segment.joined(separator: " ") + "\"/>"
            }
            segment = []
        }
        for (index, value) in values.enumerated() {
            guard let value else {
                flush()
                continue
            }
            let p = point(index, value)
            segment.append("\(number(p.x)),\(number(p.y))")
            svg += "<circle cx=\"\(number(p.x))\" cy=\"\(number(p.y))\" r=\"3\" fill=\"\(ReportPalette.district)\"/>"
        }
        flush()
        return svg + "</svg>"
    }

    /// Horizontal bars with their labels and values written beside them; a bar without a value shows its
    /// symbol instead.
    static func bars(
        id: String, title: String, description: String, bars: [(label: String, value: Double?, text: String)]
    )
        -> String
    {
        let width = 560
        let rowHeight = 44
        let height = 20 + rowHeight * bars.count
        let labelWidth = 150
        let scale = Double(width - labelWidth - 80) / max(bars.compactMap(\.value).max() ?? 1, 1)
        var svg = open(id: id, title: title, description: description, width: width, height: height, className: "chart")
        for (index, bar) in bars.enumerated() {
            let y = 10 + index * rowHeight
            svg += "<text x=\"0\" y=\"\(y + 24)\" fill=\"\(ReportPalette.text)\">\(escape(bar.label))</text>"
            let length = (bar.value ?? 0) * scale
            if bar.value != nil {
                svg +=
                    "<rect x=\"\(labelWidth)\" y=\"\(y + 8)\" width=\"\(number(length))\" height=\"24\" "
                    + "fill=\"\(index == 0 ? ReportPalette.comparison : ReportPalette.district)\"/>"
            }
            svg +=
                "<text x=\"\(number(Double(labelWidth) + length + 8))\" y=\"\(y + 24)\" "
                + "fill=\"\(ReportPalette.text)\">\(escape(bar.text))</text>"
        }
        return svg + "</svg>"
    }

    /// The "islands": a grid of domain pairs with the share of families known in both written in each cell.
    /// The cell's tint grows with the share but only repeats the number.
    static func grid(id: String, title: String, description: String, labels: [String], cells: [[(Double?, String)]])
        -> String
    {
        let cell = 76
        let labelWidth = 150
        let top = 100
        // Room on the right for the last slanted column label.
        let width = labelWidth + cell * labels.count + 130
        let height = top + cell * labels.count / 2 + 10
        let size = cell / 2
        var svg = open(id: id, title: title, description: description, width: width, height: height, className: "chart")
        for (index, label) in labels.enumerated() {
            let x = labelWidth + index * cell + cell / 2
            svg +=
                "<text x=\"\(x)\" y=\"\(top - 8)\" transform=\"rotate(-30 \(x) \(top - 8))\" "
                + "fill=\"\(ReportPalette.text)\" font-size=\"12\">\(escape(label))</text>"
            svg +=
                "<text x=\"0\" y=\"\(top + index * size + size / 2 + 5)\" fill=\"\(ReportPalette.text)\" "
                + "font-size=\"12\">\(escape(label))</text>"
        }
        for (row, values) in cells.enumerated() {
            for (column, entry) in values.enumerated() where column <= row {
                let x = labelWidth + column * cell
                let y = top + row * size
                let share = min(max((entry.0 ?? 0) / 20, 0), 1)
                // From white to a light blue that keeps dark text above 4.5:1.
                let channel = { (from: Int, to: Int) in from + Int(Double(to - from) * share) }
                let fill = String(
                    format: "#%02x%02x%02x", channel(255, 0xc6), channel(255, 0xdb), channel(255, 0xea))
                svg +=
                    "<rect x=\"\(x + 2)\" y=\"\(y + 2)\" width=\"\(cell - 4)\" height=\"\(size - 4)\" fill=\"\(fill)\" "
                    + "stroke=\"\(ReportPalette.border)\"/>"
                svg +=
                    "<text x=\"\(x + cell / 2)\" y=\"\(y + size / 2 + 5)\" text-anchor=\"middle\" "
                    + "fill=\"\(ReportPalette.text)\">\(escape(entry.1))</text>"
            }
        }
        return svg + "</svg>"
    }
}
