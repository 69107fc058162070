import Foundation

/// Small inline SVG charts for the HTML report: no scripts, no fonts, no external files, so the
/// page prints and archives as one file. Every text that goes in is escaped here (the template
/// inserts the SVG unescaped); every colour has a text label beside it, so nothing is told by
/// colour alone.
enum SVGChart {
    /// One horizontal bar.
    struct Bar {
        let label: String
        /// Indentation level of the label (the unit tree).
        let depth: Int
        /// 0 … 1, or nil when there is nothing to measure (then `valueText` says why).
        let share: Double?
        let valueText: String
    }

    /// A part of a whole, with its colour and its legend text.
    struct Segment {
        let label: String
        let count: Int
        let colour: String
    }

    /// A point of a line chart: nil `share` leaves a gap, labelled `emptyText`.
    struct Point {
        let label: String
        let subLabel: String
        let share: Double?
        let valueText: String
    }

    static let width = 760.0
    static let font = "font-family=\"system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\""

    /// Horizontal bars, one per row, labels on the left, the value at the end of the bar.
    static func bars(_ bars: [Bar], title: String) -> String {
        let rowHeight = 24.0, labelWidth = 300.0, top = 8.0
        let barWidth = width - labelWidth - 70
        let height = top * 2 + rowHeight * Double(bars.count)
        var svg = open(height: height, title: title)
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            let indent = 12.0 * Double(bar.depth)
            svg += text(truncated(bar.label, to: Int((labelWidth - indent - 8) / 6.6)), x: indent, y: y + 16,
                        extra: bar.depth == 0 ? "font-weight=\"600\"" : "")
            svg += rect(x: labelWidth, y: y + 4, width: barWidth, height: rowHeight - 8, fill: "#eeeeee")
            let filled = barWidth * (bar.share ?? 0)
            if filled > 0 { svg += rect(x: labelWidth, y: y + 4, width: filled, height: rowHeight - 8, fill: "#0072B2") }
            svg += text(bar.valueText, x: labelWidth + barWidth + 6, y: y + 16, extra: bar.share == nil ? "fill=\"#555555\"" : "")
        }
        return svg + "</svg>"
    }

    /// One bar split into segments (zero counts left out), each with its count inside when it
    /// fits; the legend under it names every segment with its count and share.
    static func stackedBar(_ segments: [Segment], title: String, percent: (Double) -> String) -> String {
        let total = segments.reduce(0) { $0 + $1.count }
        let legendRows = (segments.count + 2) / 3
        let height = 56 + 22 * Double(legendRows)
        var svg = open(height: height, title: title)
        var x = 0.0
        for segment in segments where segment.count > 0 && total > 0 {
            let w = width * Double(segment.count) / Double(total)
            svg += rect(x: x, y: 4, width: w, height: 32, fill: segment.colour)
            // A count only where it fits (about 9 px a digit); the legend always has it.
            if w >= Double(String(segment.count).count) * 9 + 10 {
                svg += text("\(segment.count)", x: x + w / 2, y: 25, extra: "text-anchor=\"middle\" font-weight=\"600\" fill=\"\(ink(on: segment.colour))\"")
            }
            x += w
        }
        for (index, segment) in segments.enumerated() {
            let lx = Double(index % 3) * (width / 3), ly = 52 + 22 * Double(index / 3)
            svg += rect(x: lx, y: ly, width: 14, height: 14, fill: segment.colour, extra: "stroke=\"#333333\" stroke-width=\"0.5\"")
            let fraction = total == 0 ? 0 : Double(segment.count) / Double(total)
            // One in 344 is not "0 %": a count that is there shows as under 1 %.
            let share = total == 0 ? "" : segment.count > 0 && fraction < 0.01 ? " (< 1 %)" : " (\(percent(fraction)))"
            svg += text("\(segment.label): \(segment.count)\(share)", x: lx + 20, y: ly + 12)
        }
        return svg + "</svg>"
    }

    /// A line over the points with their values; points without a value are gaps, and a run of
    /// them is marked with `emptyText` rather than drawn as 0 %.
    static func line(_ points: [Point], title: String, emptyText: String) -> String {
        let left = 44.0, right = 24.0, top = 24.0, plotHeight = 170.0, height = top + plotHeight + 48
        let step = points.count > 1 ? (width - left - right) / Double(points.count - 1) : 0
        func px(_ index: Int) -> Double { left + step * Double(index) }
        func py(_ share: Double) -> Double { top + plotHeight * (1 - share) }
        var svg = open(height: height, title: title)
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(tick)))\" stroke=\"#dddddd\"/>"
            svg += text("\(Int(tick * 100)) %", x: left - 6, y: py(tick) + 4, extra: "text-anchor=\"end\" fill=\"#555555\"")
        }
        // Runs of points with no requirements: a grey band with the words, never a 0 % line.
        var index = 0
        while index < points.count {
            guard points[index].share == nil else { index += 1; continue }
            let start = index
            while index < points.count, points[index].share == nil { index += 1 }
            let x0 = max(left, px(start) - step / 2), x1 = min(width - right, px(index - 1) + step / 2)
            svg += rect(x: x0, y: top, width: x1 - x0, height: plotHeight, fill: "#f2f2f2")
            let words = x1 - x0 >= Double(emptyText.count) * 6.6 ? emptyText : "–"
            svg += text(words, x: (x0 + x1) / 2, y: top + plotHeight / 2, extra: "text-anchor=\"middle\" fill=\"#555555\"")
        }
        // The line, broken where there is no value.
        var segment: [String] = []
        func flush() {
            if segment.count > 1 {
                svg += "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2.5\"/>"
            }
            segment = []
        }
        for (index, point) in points.enumerated() {
            if let share = point.share { segment.append("\(f(px(index))),\(f(py(share)))") } else { flush() }
        }
        flush()
        for (index, point) in points.enumerated() {
            if let share = point.share {
                svg += "<circle cx=\"\(f(px(index)))\" cy=\"\(f(py(share)))\" r=\"4\" fill=\"#0072B2\"/>"
                // Above the dot, or below it near the top edge so the label is not clipped.
                let labelY = share > 0.9 ? py(share) + 18 : py(share) - 9
                svg += text(point.valueText, x: px(index), y: labelY, extra: "text-anchor=\"middle\" font-weight=\"600\"")
            }
            svg += text(point.label, x: px(index), y: top + plotHeight + 18, extra: "text-anchor=\"middle\"")
            svg += text(point.subLabel, x: px(index), y: top + plotHeight + 34, extra: "text-anchor=\"middle\" fill=\"#555555\"")
        }
        return svg + "</svg>"
    }

    // MARK: - Pieces

    private static func open(height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"100%\" role=\"img\" "
            + "\(font) font-size=\"12\"><title>\(escaped(title))</title>"
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = "") -> String {
        "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(fill)\" \(extra)/>"
    }

    private static func text(_ content: String, x: Double, y: Double, extra: String = "") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" \(extra)>\(escaped(content))</text>"
    }

    /// Black text on light colours, white on dark (by relative luminance).
    private static func ink(on hex: String) -> String {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let (r, g, b) = (Double(value >> 16 & 0xFF), Double(value >> 8 & 0xFF), Double(value & 0xFF))
        return (0.299 * r + 0.587 * g + 0.114 * b) > 140 ? "#000000" : "#ffffff"
    }

    private static func truncated(_ text: String, to length: Int) -> String {
        text.count > length ? String(text.prefix(max(length - 1, 1))) + "…" : text
    }

    /// Coordinates with at most one decimal: short, and the same on every machine.
    private static func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Text for SVG content and attributes: the five characters XML gives meaning to.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
