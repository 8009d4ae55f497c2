import Foundation
import Testing

@testable import PostmortemKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The SVG charts of `pm site`: round ticks, tooltips on every mark, gaps for missing values, escaping, XML.
@Suite("SVG charts")
struct SVGChartTests {
    static func isWellFormed(_ svg: String) -> Bool {
        XMLParser(data: Data(svg.utf8)).parse()
    }

    static func chart(
        _ style: SVGChart.Style, format: SVGChart.ValueFormat = .count, categories: [String] = ["2026-01", "2026-02", "2026-03"],
        series: [SVGChart.Series]
    ) -> SVGChart {
        SVGChart(
            id: "c", title: "Incidents <per> month", categories: categories, series: series, style: style, format: format,
            xAxisLabel: "Month", yAxisLabel: "Incidents")
    }

    @Test("ticks are round numbers from 0 to at least the largest value, in the unit durations read best in")
    func ticks() {
        let counts = SVGChart.scale(for: 7, format: .count)
        #expect(counts.ticks.map(\.label) == ["0", "2", "4", "6", "8"])
        #expect(counts.maximum == 8)
        #expect(SVGChart.scale(for: 0, format: .count).ticks.map(\.label) == ["0", "1"])
        #expect(SVGChart.scale(for: 45 * 60, format: .duration).ticks.map(\.label) == ["0m", "20m", "40m", "60m"])
        #expect(SVGChart.scale(for: 5 * 3600, format: .duration).ticks.map(\.label) == ["0h", "2h", "4h", "6h"])
        #expect(SVGChart.scale(for: 10 * 86_400, format: .duration).ticks.map(\.label) == ["0d", "2.5d", "5d", "7.5d", "10d"])
        #expect(SVGChart.scale(for: 0.4, format: .percent).ticks.map(\.label) == ["0%", "25%", "50%", "75%", "100%"])
        #expect(SVGChart.niceStep(0.3) == 0.5)
        #expect(SVGChart.niceStep(12) == 20)
    }

    @Test("stacked bars: one rect with a tooltip per non-zero segment, the total above each bar")
    func stackedBars() {
        let svg = SVGChartTests.chart(
            .stackedBars,
            series: [
                SVGChart.Series(name: "SEV1", color: "#cf222e", values: [1, 0, 2]),
                SVGChart.Series(name: "SEV2", color: "#e16f24", values: [2, nil, 1]),
            ]
        ).svg()
        #expect(SVGChartTests.isWellFormed(svg))
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 4 + 2)  // 4 segments, 2 legend swatches
        #expect(svg.contains("<title>2026-01 · SEV1: 1</title>"))
        #expect(svg.contains("<title>2026-03 · SEV2: 1</title>"))
        #expect(!svg.contains("2026-02 · SEV1"))
        #expect(svg.contains(">3</text>"))
        #expect(svg.contains("<title id=\"c-title\">Incidents &lt;per&gt; month</title>"))
        #expect(svg.contains("aria-labelledby=\"c-title c-desc\""))
        #expect(svg.contains("Stacked bar chart of incidents by month, 2026-01 to 2026-03; series: SEV1, SEV2."))
    }

    @Test("lines break where a value is missing; every point has a tooltip")
    func lines() {
        let svg = SVGChartTests.chart(
            .lines, format: .duration, categories: ["a", "b", "c", "d"],
            series: [SVGChart.Series(name: "MTTR", color: "#0969da", values: [600, nil, 3600, 5400])]
        ).svg()
        #expect(SVGChartTests.isWellFormed(svg))
        let path = svg.components(separatedBy: "<path d=\"").dropFirst().first?.components(separatedBy: "\"").first ?? ""
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(path.filter { $0 == "L" }.count == 1)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(svg.contains("<title>a · MTTR: 10m</title>"))
        #expect(svg.contains("<title>d · MTTR: 1h 30m</title>"))
    }

    @Test("no data says so; labels are escaped; many categories show every n-th label")
    func edges() {
        let empty = SVGChartTests.chart(.bars, categories: [], series: [SVGChart.Series(name: "x", color: "#000", values: [])])
            .svg()
        #expect(SVGChartTests.isWellFormed(empty))
        #expect(empty.contains(">No data</text>"))

        let hostile = SVGChartTests.chart(
            .bars, categories: ["<script>", "a&b"], series: [SVGChart.Series(name: "\"q\"", color: "\"red", values: [1, 2])]
        ).svg()
        #expect(SVGChartTests.isWellFormed(hostile))
        #expect(!hostile.contains("<script>"))
        #expect(hostile.contains("&lt;script&gt;") && hostile.contains("a&amp;b") && hostile.contains("fill=\"&quot;red\""))

        let months = (1...48).map { "m\($0)" }
        let many = SVGChartTests.chart(
            .bars, categories: months,
            series: [SVGChart.Series(name: "n", color: "#000", values: months.map { _ in 1 })]
        ).svg()
        #expect(SVGChartTests.isWellFormed(many))
        let labels = months.filter { many.contains(">\($0)</text>") }
        #expect(labels.count < 12 && labels.first == "m1")
    }
}
