import Foundation
import PostmortemKit

/// `pm stats`: incident counts, MTTD/MTTA/MTTM/MTTR and action-item follow-through, with terminal charts.
enum StatsCommand: Command {
    enum Format: String, OutputFormat {
        case text, json, csv
    }

    static let grouping = Option.value(
        "by", name: "group", as: ArgumentType<IncidentStatistics.Grouping>.choice(),
        help: "Group by month, quarter, severity or service (an incident counts once per service).")
    static let format = Option.format(default: Format.text, help: "The output format; text draws charts.")

    static let spec = CommandSpec(
        name: "stats",
        abstract: "Incident counts, MTTD/MTTA/MTTM/MTTR and action-item completion, with charts.",
        discussion: """
            Reads the postmortems committed at HEAD through the search index; --since and --until select \
            incidents by date. Durations count from 'started' (MTTD: detected, MTTA: acknowledged, MTTM: \
            mitigated, MTTR: resolved), over the incidents that have both timestamps in order; median and p90 \
            interpolate between the closest values. An action item's time to close runs from the commit that \
            added it to the commit that ticked it. Overdue is measured on today (pm.timezone) or --as-of.
            """,
        options: SharedFilters.options + [grouping.spec, format.spec, CommandContext.asOf.spec],
        examples: [
            "pm stats", "pm stats --by month --since 2026-01-01", "pm stats --by severity --json",
            "pm stats --by quarter --format csv > incidents.csv",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let filter = try Filters.parse(context)
        let today = try context.reportDay()
        let store = try context.store()
        let incidents = try context.incidents(filter: filter)
        let statistics = IncidentStatistics(
            incidents: incidents, grouping: context[grouping], today: today, severities: store.configuration.severities)
        switch context[format] {
        case .json:
            context.stdout.line(
                JSONOutput.document(JSONStatistics(statistics, filter: filter, incidents: incidents), version: jsonVersion))
        case .csv:
            context.stdout.write(csv(statistics))
        case .text:
            if incidents.isEmpty {
                context.note(
                    filter.isEmpty
                        ? "No postmortems at HEAD yet. Start one with: pm new \"What happened\""
                        : "No postmortem matches these filters.")
                return .success
            }
            render(statistics, incidents: incidents, to: context.stdout)
        }
        return .success
    }

    // MARK: - Text

    static let barWidth = 20

    static func render(_ statistics: IncidentStatistics, incidents: [Incident], to out: Terminal) {
        let dates = incidents.compactMap(\.date).sorted()
        var headline = "\(count(statistics.total.incidents, "incident"))"
        if let first = dates.first, let last = dates.last { headline += " from \(first) to \(last)" }
        if let grouping = statistics.grouping { headline += ", by \(grouping.rawValue)" }
        out.line(out.styled(headline, .bold) + out.styled(" (action items as of \(statistics.today))", .dim))
        out.line("")

        let groups = statistics.groups
        let maximum = Double(groups.map(\.incidents).max() ?? 0)
        func median(_ summary: IncidentStatistics.DurationSummary) -> String {
            summary.median.map(DateText.duration) ?? "-"
        }
        func row(_ group: IncidentStatistics.Group, bar: Bool) -> [String] {
            let items = group.actionItems
            return [
                group.key.singleLine, String(group.incidents),
                bar ? TerminalChart.bar(Double(group.incidents), maximum: maximum, width: barWidth) : "",
                median(group.timeToDetect), median(group.timeToAcknowledge), median(group.timeToMitigate),
                median(group.timeToResolve), String(items.total), items.completionRate.map(percent) ?? "-",
                String(items.overdue),
            ]
        }
        let header = (statistics.grouping?.rawValue ?? "").uppercased()
        let table = TableRenderer(
            headers: [header.isEmpty ? "" : header, "INCIDENTS", "", "MTTD", "MTTA", "MTTM", "MTTR", "ITEMS", "DONE", "OVERDUE"],
            alignments: [.left, .right, .left, .right, .right, .right, .right, .right, .right, .right])
        let rows = groups.map { row($0, bar: true) } + [row(statistics.total, bar: false)]
        let lines = table.render(
            rows, headerStyle: { out.styled($0, .bold) },
            cellStyle: { row, column, text in
                if row == rows.count - 1 { return out.styled(text, .bold) }
                switch column {
                case 2: return out.styled(text, .cyan)
                case 9 where text != "0": return out.styled(text, .red)
                default: return text
                }
            })
        for (index, line) in lines.enumerated() {
            // Without groups there is one row: the total, under the header.
            if index == lines.count - 1, !groups.isEmpty { out.line("") }
            out.line(line)
        }
        out.line(out.styled("MTTx are medians, from 'started'.", .dim))

        out.line("")
        out.line(out.styled("Durations over \(count(statistics.total.incidents, "incident"))", .bold))
        let total = statistics.total
        let durations: [(String, IncidentStatistics.DurationSummary)] = [
            ("MTTD  time to detect", total.timeToDetect), ("MTTA  time to acknowledge", total.timeToAcknowledge),
            ("MTTM  time to mitigate", total.timeToMitigate), ("MTTR  time to resolve", total.timeToResolve),
        ]
        let durationTable = TableRenderer(
            headers: ["", "MEDIAN", "P90", "MEASURED"], alignments: [.left, .right, .right, .right])
        let durationRows = durations.map { name, summary in
            [
                name, summary.median.map(DateText.duration) ?? "-", summary.p90.map(DateText.duration) ?? "-",
                "\(summary.count) of \(total.incidents)",
            ]
        }
        for line in durationTable.render(durationRows, headerStyle: { out.styled($0, .dim) }) { out.line("  " + line) }

        if let grouping = statistics.grouping, grouping == .month || grouping == .quarter, groups.count > 1 {
            let dated = groups.filter { $0.key != IncidentStatistics.noneKey }
            out.line("")
            out.line(
                out.styled("Trend", .bold)
                    + out.styled(
                        " (\(dated.first?.key ?? "") to \(dated.last?.key ?? ""), one mark per \(grouping.rawValue))", .dim))
            let trends: [(String, [Double?])] = [
                ("incidents", dated.map { Double($0.incidents) }),
                ("MTTR median", dated.map(\.timeToResolve.median)),
                ("items done", dated.map(\.actionItems.completionRate)),
            ]
            for (name, values) in trends {
                out.line(
                    "  " + name.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + out.styled(TerminalChart.sparkline(values), .cyan))
            }
        }

        out.line("")
        let items = total.actionItems
        var summary = "Action items: \(items.total) in all"
        if items.total > 0 {
            summary +=
                "; \(items.done) done (\(items.completionRate.map(percent) ?? "-")), \(items.open) open, \(items.overdue) overdue"
        }
        out.line(out.styled(summary, .bold))
        if let median = items.timeToClose.median, let p90 = items.timeToClose.p90 {
            out.line(
                "Time to close an item: median \(DateText.duration(median)), p90 \(DateText.duration(p90)) "
                    + "(\(count(items.timeToClose.count, "closed item")), from the commit that added it to the one that ticked it)"
            )
        }
    }

    static func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))%" }

    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    // MARK: - CSV

    static let csvHeader = [
        "group", "incidents",
        "mttd_median_s", "mttd_p90_s", "mttd_count", "mtta_median_s", "mtta_p90_s", "mtta_count",
        "mttm_median_s", "mttm_p90_s", "mttm_count", "mttr_median_s", "mttr_p90_s", "mttr_count",
        "action_items", "action_items_done", "action_items_open", "action_items_overdue", "completion_rate",
        "time_to_close_median_s", "time_to_close_p90_s", "time_to_close_count",
    ]

    /// RFC 4180 through `CSVOutput`: a header, one row per group, then the total (`all`); durations in whole seconds.
    static func csv(_ statistics: IncidentStatistics) -> String {
        func seconds(_ value: TimeInterval?) -> String { value.map { String(Int($0.rounded())) } ?? "" }
        func summary(_ summary: IncidentStatistics.DurationSummary) -> [String] {
            [seconds(summary.median), seconds(summary.p90), String(summary.count)]
        }
        let rows = (statistics.groups + [statistics.total]).map { group in
            let items = group.actionItems
            return [group.key, String(group.incidents)] + summary(group.timeToDetect) + summary(group.timeToAcknowledge)
                + summary(group.timeToMitigate) + summary(group.timeToResolve)
                + [
                    String(items.total), String(items.done), String(items.open), String(items.overdue),
                    items.completionRate.map { String(format: "%.4f", $0) } ?? "",
                ] + summary(items.timeToClose)
        }
        return CSVOutput.table(header: csvHeader, rows: rows)
    }

    // MARK: - JSON

    /// The version of `pm stats --json`'s shape (docs/json/stats.schema.json).
    static let jsonVersion = 1

    struct JSONStatistics: JSONRepresentable {
        let statistics: IncidentStatistics
        let filter: PostmortemFilter
        let firstDate: String?
        let lastDate: String?

        init(_ statistics: IncidentStatistics, filter: PostmortemFilter, incidents: [Incident]) {
            self.statistics = statistics
            self.filter = filter
            let dates = incidents.compactMap(\.date).sorted()
            firstDate = dates.first?.description
            lastDate = dates.last?.description
        }

        var jsonObject: [(String, JSONValue)] {
            [
                ("groupedBy", .string(statistics.grouping?.rawValue)), ("asOf", .string(statistics.today.description)),
                ("since", .string(filter.since?.description)), ("until", .string(filter.until?.description)),
                ("firstIncident", .string(firstDate)), ("lastIncident", .string(lastDate)),
                ("total", JSONGroup(statistics.total).json), ("groups", .array(statistics.groups.map { JSONGroup($0).json })),
            ]
        }
    }

    struct JSONGroup: JSONRepresentable {
        let group: IncidentStatistics.Group

        init(_ group: IncidentStatistics.Group) { self.group = group }

        static func json(_ summary: IncidentStatistics.DurationSummary) -> JSONValue {
            .object([
                ("count", .int(summary.count)), ("medianSeconds", .double(summary.median)), ("p90Seconds", .double(summary.p90)),
            ])
        }

        var jsonObject: [(String, JSONValue)] {
            let items = group.actionItems
            return [
                ("key", .string(group.key)), ("incidents", .int(group.incidents)),
                ("timeToDetect", Self.json(group.timeToDetect)), ("timeToAcknowledge", Self.json(group.timeToAcknowledge)),
                ("timeToMitigate", Self.json(group.timeToMitigate)), ("timeToResolve", Self.json(group.timeToResolve)),
                (
                    "actionItems",
                    .object([
                        ("total", .int(items.total)), ("done", .int(items.done)), ("open", .int(items.open)),
                        ("overdue", .int(items.overdue)), ("completionRate", .double(items.completionRate)),
                        ("timeToClose", Self.json(items.timeToClose)),
                    ])
                ),
            ]
        }
    }
}
