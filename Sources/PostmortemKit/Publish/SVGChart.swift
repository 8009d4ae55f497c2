import Foundation

/// A chart drawn as an SVG element: bars (side by side or stacked) or lines over a row of categories, with a title,
/// axes, tick labels, axis labels, a legend, and a `<title>` tooltip on every bar and point.
///
/// The markup is well-formed XML (every value escaped with `HTMLEscaper`), needs no script or font, and scales with
/// the width of its container; text takes the page's colour (`currentColor`), so it reads in light and dark themes.
struct SVGChart: Sendable {
    /// How the series are drawn.
    enum Style: Sendable {
        /// One bar per series in each category, side by side.
        case bars
        /// The series stacked into one bar per category.
        case stackedBars
        /// One line per series through the categories; a missing value breaks the line.
        case lines
    }

    /// What the values are, for the ticks and the tooltips.
    enum ValueFormat: Sendable {
        /// Whole counts.
        case count
        /// Seconds, shown in minutes, hours or days.
        case duration
        /// Fractions from 0 to 1, shown as percentages.
        case percent
    }

    /// One named row of values, one per category (nil: no value there).
    struct Series: Sendable {
        var name: String
        /// A CSS colour (`#1f6feb`).
        var color: String
        var values: [Double?]

        init(name: String, color: String, values: [Double?]) {
            self.name = name
            self.color = color
            self.values = values
        }
    }

    /// A prefix for the ids of the chart's `<title>` and `<desc>`, unique in the page.
    var id: String
    var title: String
    /// The labels along the x axis.
    var categories: [String]
    var series: [Series]
    var style: Style
    var format: ValueFormat
    var xAxisLabel: String
    var yAxisLabel: String
    var width: Double = 600
    var height: Double = 330

    init(
        id: String, title: String, categories: [String], series: [Series], style: Style, format: ValueFormat,
        xAxisLabel: String, yAxisLabel: String
    ) {
        self.id = id
        self.title = title
        self.categories = categories
        self.series = series
        self.style = style
        self.format = format
        self.xAxisLabel = xAxisLabel
        self.yAxisLabel = yAxisLabel
    }

    // The plot area inside the margins: room for the title and legend above, tick and axis labels to the left and
    // below.
    private var left: Double { 72 }
    private var right: Double { width - 16 }
    private var top: Double { 64 }
    private var bottom: Double { height - 52 }

    /// The chart as an `<svg>` element.
    func svg() -> String {
        let titleID = HTMLEscaper.attribute(id + "-title")
        let descriptionID = HTMLEscaper.attribute(id + "-desc")
        var output = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""
        output += " viewBox=\"0 0 \(SVGChart.number(width)) \(SVGChart.number(height))\""
        output += " aria-labelledby=\"\(titleID) \(descriptionID)\""
        output += " font-family=\"system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif\" font-size=\"13\">\n"
        output += "<title id=\"\(titleID)\">" + HTMLEscaper.text(title) + "</title>\n"
        output += "<desc id=\"\(descriptionID)\">" + HTMLEscaper.text(summary) + "</desc>\n"
        output += "<text x=\"\(SVGChart.number(left))\" y=\"22\" font-size=\"16\" font-weight=\"600\" fill=\"currentColor\">"
        output += HTMLEscaper.text(title) + "</text>\n"
        output += legend()
        let scale = self.scale
        output += axes(scale)
        guard !categories.isEmpty, series.contains(where: { $0.values.contains { $0 != nil } }) else {
            output += "<text x=\"\(SVGChart.number((left + right) / 2))\" y=\"\(SVGChart.number((top + bottom) / 2))\""
            output += " text-anchor=\"middle\" fill=\"currentColor\" opacity=\"0.7\">No data</text>\n"
            return output + "</svg>\n"
        }
        switch style {
        case .bars: output += bars(scale, stacked: false)
        case .stackedBars: output += bars(scale, stacked: true)
        case .lines: output += lines(scale)
        }
        return output + "</svg>\n"
    }

    /// What the chart shows, in words, for `<desc>`.
    var summary: String {
        let kind: String
        switch style {
        case .bars: kind = "Bar chart"
        case .stackedBars: kind = "Stacked bar chart"
        case .lines: kind = "Line chart"
        }
        var text = "\(kind) of \(yAxisLabel.lowercased()) by \(xAxisLabel.lowercased())"
        if let first = categories.first, let last = categories.last {
            text += first == last ? ", \(first)" : ", \(first) to \(last)"
        }
        if series.count > 1 { text += "; series: " + series.map(\.name).joined(separator: ", ") }
        return text + "."
    }

    // MARK: - Scale and axes

    /// The y axis: the value at the top and the ticks with their labels.
    struct Scale {
        var maximum: Double
        var ticks: [(value: Double, label: String)]
    }

    var scale: Scale {
        var largest = 0.0
        switch style {
        case .stackedBars:
            for index in categories.indices {
                largest = max(largest, series.reduce(0) { $0 + max(0, value($1, index) ?? 0) })
            }
        case .bars, .lines:
            largest = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        }
        return SVGChart.scale(for: largest, format: format)
    }

    /// Ticks at round steps (1, 2, 2.5 or 5 times a power of ten, in the unit the values read best in) from 0 to at
    /// least `largest`.
    static func scale(for largest: Double, format: ValueFormat) -> Scale {
        switch format {
        case .percent:
            return Scale(
                maximum: 1, ticks: stride(from: 0.0, through: 1.0, by: 0.25).map { ($0, "\(Int(($0 * 100).rounded()))%") })
        case .count:
            let step = max(1, niceStep(max(largest, 1) / 4).rounded(.up))
            let top = max(step, (largest / step).rounded(.up) * step)
            return Scale(maximum: top, ticks: stride(from: 0.0, through: top + step / 2, by: step).map { ($0, number($0)) })
        case .duration:
            let seconds = max(largest, 60)
            let (unit, suffix): (Double, String) =
                seconds <= 2 * 3600 ? (60, "m") : seconds <= 72 * 3600 ? (3600, "h") : (86_400, "d")
            let step = niceStep(seconds / unit / 4)
            let top = max(step, (seconds / unit / step).rounded(.up) * step)
            return Scale(
                maximum: top * unit,
                ticks: stride(from: 0.0, through: top + step / 2, by: step).map { ($0 * unit, number($0) + suffix) })
        }
    }

    /// The round number (1, 2, 2.5 or 5 times a power of ten) at or above `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        let fraction = rough / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    private func y(_ value: Double, _ scale: Scale) -> Double {
        bottom - (bottom - top) * min(max(value / max(scale.maximum, .leastNonzeroMagnitude), 0), 1)
    }

    private var band: Double { (right - left) / Double(max(categories.count, 1)) }

    private func center(_ index: Int) -> Double { left + band * (Double(index) + 0.5) }

    private func value(_ series: Series, _ index: Int) -> Double? {
        index < series.values.count ? series.values[index] : nil
    }

    private func axes(_ scale: Scale) -> String {
        var output = "<g class=\"axes\" fill=\"currentColor\">\n"
        for tick in scale.ticks {
            let position = SVGChart.number(y(tick.value, scale))
            output +=
                "<line x1=\"\(SVGChart.number(left))\" x2=\"\(SVGChart.number(right))\" y1=\"\(position)\" y2=\"\(position)\""
            output += " stroke=\"currentColor\" stroke-opacity=\"\(tick.value == 0 ? "0.6" : "0.15")\"/>\n"
            output +=
                "<text x=\"\(SVGChart.number(left - 8))\" y=\"\(position)\" dy=\"0.32em\" text-anchor=\"end\" opacity=\"0.8\">"
            output += HTMLEscaper.text(tick.label) + "</text>\n"
        }
        // Every label when they fit; else every n-th from the first, and the last when it has room.
        let fitting = max(1, Int((right - left) / 64))
        let every = max(1, Int((Double(categories.count) / Double(fitting)).rounded(.up)))
        for (index, category) in categories.enumerated()
        where index % every == 0 || (index == categories.count - 1 && Double(index % every) * band >= 64) {
            output += "<text x=\"\(SVGChart.number(center(index)))\" y=\"\(SVGChart.number(bottom + 18))\""
            output += " text-anchor=\"middle\" opacity=\"0.8\">" + HTMLEscaper.text(SVGChart.shortened(category)) + "</text>\n"
        }
        output += "<text x=\"\(SVGChart.number((left + right) / 2))\" y=\"\(SVGChart.number(height - 10))\""
        output += " text-anchor=\"middle\" font-weight=\"600\">" + HTMLEscaper.text(xAxisLabel) + "</text>\n"
        let middle = SVGChart.number((top + bottom) / 2)
        output +=
            "<text x=\"16\" y=\"\(middle)\" transform=\"rotate(-90 16 \(middle))\" text-anchor=\"middle\" font-weight=\"600\">"
        output += HTMLEscaper.text(yAxisLabel) + "</text>\n"
        return output + "</g>\n"
    }

    private func legend() -> String {
        guard series.count > 1 || style == .lines else { return "" }
        var output = "<g class=\"legend\" fill=\"currentColor\">\n"
        var x = left
        for item in series {
            let color = HTMLEscaper.attribute(item.color)
            output += "<rect x=\"\(SVGChart.number(x))\" y=\"34\" width=\"12\" height=\"12\" rx=\"2\" fill=\"\(color)\"/>\n"
            output += "<text x=\"\(SVGChart.number(x + 17))\" y=\"44\">" + HTMLEscaper.text(item.name) + "</text>\n"
            x += 17 + Double(item.name.count) * 7.5 + 20
        }
        return output + "</g>\n"
    }

    // MARK: - Marks

    private func bars(_ scale: Scale, stacked: Bool) -> String {
        var output = "<g class=\"bars\">\n"
        let groupWidth = min(band * 0.72, 64)
        let barWidth = stacked ? groupWidth : groupWidth / Double(max(series.count, 1))
        for index in categories.indices {
            var base = 0.0
            let start = center(index) - groupWidth / 2
            for (number, item) in series.enumerated() {
                guard let amount = value(item, index), amount > 0 || !stacked else { continue }
                let low = stacked ? base : 0
                let high = low + max(0, amount)
                let x = stacked ? start : start + barWidth * Double(number)
                let (y0, y1) = (y(high, scale), y(low, scale))
                output += "<rect x=\"\(SVGChart.number(x))\" y=\"\(SVGChart.number(y0))\" width=\"\(SVGChart.number(barWidth))\""
                output += " height=\"\(SVGChart.number(max(y1 - y0, amount > 0 ? 1 : 0)))\""
                output +=
                    " fill=\"\(HTMLEscaper.attribute(item.color))\"><title>" + tooltip(index, item, amount) + "</title></rect>\n"
                if stacked { base = high }
            }
            // The value above the bar, when there is one bar a category and room for it.
            let total = stacked ? base : series.count == 1 ? value(series[0], index) ?? 0 : 0
            if total > 0, groupWidth >= 14 {
                output += "<text x=\"\(SVGChart.number(center(index)))\" y=\"\(SVGChart.number(y(total, scale) - 5))\""
                output += " text-anchor=\"middle\" font-size=\"12\" fill=\"currentColor\" opacity=\"0.85\">"
                output += HTMLEscaper.text(formatted(total)) + "</text>\n"
            }
        }
        return output + "</g>\n"
    }

    private func lines(_ scale: Scale) -> String {
        var output = "<g class=\"lines\">\n"
        for item in series {
            let color = HTMLEscaper.attribute(item.color)
            var path = ""
            var drawing = false
            for index in categories.indices {
                guard let amount = value(item, index) else {
                    drawing = false
                    continue
                }
                path += (drawing ? " L" : (path.isEmpty ? "M" : " M"))
                path += "\(SVGChart.number(center(index))) \(SVGChart.number(y(amount, scale)))"
                drawing = true
            }
            if !path.isEmpty {
                output += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\""
                output += " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n"
            }
            for index in categories.indices {
                guard let amount = value(item, index) else { continue }
                output += "<circle cx=\"\(SVGChart.number(center(index)))\" cy=\"\(SVGChart.number(y(amount, scale)))\" r=\"4\""
                output += " fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>" + tooltip(index, item, amount)
                output += "</title></circle>\n"
            }
        }
        return output + "</g>\n"
    }

    private func tooltip(_ index: Int, _ item: Series, _ amount: Double) -> String {
        HTMLEscaper.text("\(categories[index]) · \(item.name): \(formatted(amount))")
    }

    /// A value as the tooltips and labels write it.
    func formatted(_ value: Double) -> String {
        switch format {
        case .count: return SVGChart.number(value)
        case .duration: return ReadableTime.duration(value)
        case .percent: return "\(Int((value * 100).rounded()))%"
        }
    }

    /// A category label cut to fit under its bar.
    static func shortened(_ label: String) -> String {
        label.count <= 14 ? label : String(label.prefix(13)) + "…"
    }

    /// A coordinate or value with at most one decimal, without a trailing `.0`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }
}
