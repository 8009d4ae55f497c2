/// The site's statistics: incidents per month by severity, the median times to detect and resolve, action-item
/// completion, as SVG charts drawn by pm, and the same figures in tables (which read without the charts).
///
/// The figures are `IncidentStatistics` over the site's incidents; months become quarters when the incidents span
/// more than three years, so that the bars stay readable.
struct SiteStatsPage {
    var entries: [SiteEntry]
    var audience: SiteAudience
    var markup: SiteMarkup
    var layout: SiteLayout

    static let severityColors = ["#cf222e", "#bc4c00", "#9a6700", "#0969da"]
    static let otherColor = "#8c959f"

    func render() -> String {
        var body = "<h1>Stats</h1>\n"
        let incidents = entries.map(\.incident)
        guard !incidents.isEmpty else {
            body += "<p class=\"empty\">No incidents to count.</p>\n"
            return layout.page(title: "Stats", depth: 0, section: .stats, body: body)
        }
        let today = markup.today
        let severities = markup.severities
        let total = IncidentStatistics(incidents: incidents, grouping: nil, today: today, severities: severities).total
        var grouping = IncidentStatistics.Grouping.month
        var periods = IncidentStatistics(incidents: incidents, grouping: .month, today: today, severities: severities).groups
        if periods.count(where: { $0.key != IncidentStatistics.noneKey }) > 36 {
            grouping = .quarter
            periods = IncidentStatistics(incidents: incidents, grouping: .quarter, today: today, severities: severities).groups
        }
        let dated = periods.filter { $0.key != IncidentStatistics.noneKey }
        let unit = grouping == .month ? "month" : "quarter"

        body += "<p class=\"lead\">" + intro(incidents, unit: unit) + "</p>\n"
        body += metrics(total)
        body += "<div class=\"charts\">\n"
        body += figure(incidentsChart(incidents, periods: dated, grouping: grouping, unit: unit))
        body += figure(durationsChart(dated, unit: unit))
        body += figure(itemsChart(dated, unit: unit))
        let bySeverity = IncidentStatistics(incidents: incidents, grouping: .severity, today: today, severities: severities)
            .groups
        body += figure(severityChart(bySeverity))
        body += "</div>\n"

        body += "<h2 id=\"by-\(unit)\">By \(unit)</h2>\n" + table(periods, heading: unit == "month" ? "Month" : "Quarter")
        body += "<h2 id=\"by-severity\">By severity</h2>\n" + table(bySeverity, heading: "Severity")
        let byService = IncidentStatistics(incidents: incidents, grouping: .service, today: today, severities: severities).groups
            .sorted { $0.incidents != $1.incidents ? $0.incidents > $1.incidents : $0.key < $1.key }
        body += "<h2 id=\"by-service\">By service</h2>\n" + table(byService, heading: "Service")
        body += "<p class=\"muted\">Durations count from <em>started</em> and are medians over the incidents that have both "
        body += "timestamps in order. An incident with several services counts once for each."
        if audience == .internal {
            body += " Overdue: open, due before \(markup.date(today)). An item's time to close runs from the commit that added "
            body += "it to the commit that ticked it."
        }
        body += "</p>\n"
        return layout.page(title: "Stats", depth: 0, section: .stats, body: body)
    }

    private func intro(_ incidents: [Incident], unit: String) -> String {
        let dates = incidents.compactMap(\.date).sorted()
        var text = "\(incidents.count) incident\(incidents.count == 1 ? "" : "s")"
        if let first = dates.first, let last = dates.last, first != last {
            text += " from \(markup.date(first)) to \(markup.date(last))"
        }
        return text + ", per \(unit)."
    }

    private func metrics(_ total: IncidentStatistics.Group) -> String {
        let items = total.actionItems
        var figures: [(String, String, Bool)] = [
            ("Incidents", "\(total.incidents)", false),
            ("Median time to detect", markup.duration(total.timeToDetect.median), false),
            ("Median time to resolve", markup.duration(total.timeToResolve.median), false),
            ("Action items done", items.completionRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "—", false),
        ]
        if audience == .internal { figures.append(("Overdue items", "\(items.overdue)", items.overdue > 0)) }
        var output = "<ul class=\"metrics\">\n"
        for (label, value, alert) in figures {
            output += "<li class=\"metric\(alert ? " alert" : "")\"><span class=\"metric-label\">\(label)</span>"
            output += "<span class=\"metric-value\">\(value)</span></li>\n"
        }
        return output + "</ul>\n"
    }

    private func figure(_ chart: SVGChart) -> String {
        "<figure class=\"chart-figure\" id=\"" + HTMLEscaper.attribute(chart.id) + "\">\n" + chart.svg() + "</figure>\n"
    }

    // MARK: - Charts

    /// Incidents per period, one stacked colour per severity.
    private func incidentsChart(
        _ incidents: [Incident], periods: [IncidentStatistics.Group], grouping: IncidentStatistics.Grouping, unit: String
    ) -> SVGChart {
        let index = Dictionary(periods.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let present = Set(incidents.map { $0.severity ?? IncidentStatistics.noneKey })
        var order = markup.severities.filter(present.contains)
        order += present.subtracting(order).subtracting([IncidentStatistics.noneKey]).sorted()
        if present.contains(IncidentStatistics.noneKey) { order.append(IncidentStatistics.noneKey) }
        var counts = Array(repeating: Array(repeating: 0.0, count: periods.count), count: order.count)
        for incident in incidents {
            guard let severity = order.firstIndex(of: incident.severity ?? IncidentStatistics.noneKey) else { continue }
            for key in IncidentStatistics.keys(of: incident, by: grouping) {
                if let period = index[key] { counts[severity][period] += 1 }
            }
        }
        let series = order.enumerated().map { number, severity in
            SVGChart.Series(
                name: severity == IncidentStatistics.noneKey ? "no severity" : severity, color: color(of: severity),
                values: counts[number])
        }
        return SVGChart(
            id: "chart-incidents", title: "Incidents per \(unit)", categories: periods.map(\.key), series: series,
            style: .stackedBars, format: .count, xAxisLabel: unit.capitalized, yAxisLabel: "Incidents")
    }

    private func color(of severity: String) -> String {
        guard let rank = markup.severities.firstIndex(of: severity) else { return SiteStatsPage.otherColor }
        return SiteStatsPage.severityColors[min(rank, SiteStatsPage.severityColors.count - 1)]
    }

    /// The median time to detect and to resolve per period.
    private func durationsChart(_ periods: [IncidentStatistics.Group], unit: String) -> SVGChart {
        SVGChart(
            id: "chart-durations", title: "Median time to detect and to resolve, per \(unit)", categories: periods.map(\.key),
            series: [
                SVGChart.Series(name: "MTTD (detect)", color: "#8250df", values: periods.map(\.timeToDetect.median)),
                SVGChart.Series(name: "MTTR (resolve)", color: "#0969da", values: periods.map(\.timeToResolve.median)),
            ],
            style: .lines, format: .duration, xAxisLabel: unit.capitalized, yAxisLabel: "Median duration")
    }

    /// Action items by the period of their incident: done, open, and (internal) overdue.
    private func itemsChart(_ periods: [IncidentStatistics.Group], unit: String) -> SVGChart {
        var series = [SVGChart.Series(name: "done", color: "#1a7f37", values: periods.map { Double($0.actionItems.done) })]
        if audience == .internal {
            series.append(
                SVGChart.Series(
                    name: "open", color: "#54aeff", values: periods.map { Double($0.actionItems.open - $0.actionItems.overdue) }))
            series.append(
                SVGChart.Series(name: "overdue", color: "#cf222e", values: periods.map { Double($0.actionItems.overdue) }))
        } else {
            series.append(SVGChart.Series(name: "open", color: "#54aeff", values: periods.map { Double($0.actionItems.open) }))
        }
        return SVGChart(
            id: "chart-items", title: "Action-item completion, by \(unit) of the incident", categories: periods.map(\.key),
            series: series, style: .stackedBars, format: .count, xAxisLabel: unit.capitalized, yAxisLabel: "Action items")
    }

    private func severityChart(_ groups: [IncidentStatistics.Group]) -> SVGChart {
        SVGChart(
            id: "chart-severity", title: "Incidents by severity",
            categories: groups.map { $0.key == IncidentStatistics.noneKey ? "none" : $0.key },
            series: [SVGChart.Series(name: "incidents", color: "#0969da", values: groups.map { Double($0.incidents) })],
            style: .bars, format: .count, xAxisLabel: "Severity", yAxisLabel: "Incidents")
    }

    // MARK: - Tables

    private func table(_ groups: [IncidentStatistics.Group], heading: String) -> String {
        let internalSite = audience == .internal
        var output = "<div class=\"table-wrap\">\n<table class=\"list figures\">\n<thead>\n<tr><th scope=\"col\">\(heading)</th>"
        var columns = ["Incidents", "MTTD", "MTTA", "MTTM", "MTTR", "Items", "Done"]
        if !internalSite { columns.removeAll { $0 == "MTTA" } }
        if internalSite { columns += ["Overdue", "Time to close"] }
        output += columns.map { "<th scope=\"col\" class=\"number\">\($0)</th>" }.joined() + "</tr>\n</thead>\n<tbody>\n"
        for group in groups {
            let items = group.actionItems
            var cells = ["\(group.incidents)", markup.duration(group.timeToDetect.median)]
            if internalSite { cells.append(markup.duration(group.timeToAcknowledge.median)) }
            cells += [
                markup.duration(group.timeToMitigate.median), markup.duration(group.timeToResolve.median), "\(items.total)",
                items.completionRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "<span class=\"muted\">—</span>",
            ]
            if internalSite {
                cells.append(items.overdue > 0 ? "<span class=\"badge state-overdue\">\(items.overdue)</span>" : "0")
                cells.append(markup.duration(items.timeToClose.median))
            }
            let key = group.key == IncidentStatistics.noneKey ? "<span class=\"muted\">none</span>" : HTMLEscaper.text(group.key)
            output += "<tr><th scope=\"row\">\(key)</th>" + cells.map { "<td class=\"number\">\($0)</td>" }.joined() + "</tr>\n"
        }
        return output + "</tbody>\n</table>\n</div>\n"
    }
}
