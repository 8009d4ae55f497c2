/// The site's front page: every postmortem in a table, newest first, with filters and a search that a small script
/// runs over the site's search data. Without the script the table is all there is, complete and readable.
struct SiteIndexPage {
    var entries: [SiteEntry]
    var audience: SiteAudience
    var markup: SiteMarkup
    var layout: SiteLayout

    func render() -> String {
        var body = "<h1>" + HTMLEscaper.text(layout.siteTitle) + "</h1>\n"
        body += "<p class=\"lead\">" + intro + "</p>\n"
        guard !entries.isEmpty else {
            body += "<p class=\"empty\">No postmortem to show.</p>\n"
            return layout.page(title: layout.siteTitle, depth: 0, section: .postmortems, body: body)
        }
        body += filters()
        body += "<p id=\"result-count\" class=\"result-count\" aria-live=\"polite\">\(count(entries.count))</p>\n"
        body += "<div class=\"table-wrap\">\n<table id=\"postmortems\" class=\"list\">\n<thead>\n<tr>"
        body += "<th scope=\"col\">Date</th><th scope=\"col\">Severity</th><th scope=\"col\">Postmortem</th>"
        if audience == .internal { body += "<th scope=\"col\">Status</th>" }
        body += "<th scope=\"col\" class=\"number\">Resolved in</th><th scope=\"col\" class=\"number\">Action items</th>"
        body += "</tr>\n</thead>\n<tbody>\n"
        for entry in entries { body += row(entry) }
        body += "</tbody>\n</table>\n</div>\n"
        body += "<p id=\"no-results\" class=\"empty\" hidden=\"hidden\">No postmortem matches these filters.</p>\n"
        return layout.page(
            title: layout.siteTitle, depth: 0, section: .postmortems, body: body,
            scripts: [SiteBuilder.searchDataPath, SiteBuilder.scriptPath])
    }

    private var intro: String {
        guard !entries.isEmpty else {
            return audience == .internal
                ? "No postmortems at HEAD match. Write one with <code>pm new \"What happened\"</code>."
                : "No postmortem is published and public yet."
        }
        var text = count(entries.count)
        let dates = entries.compactMap(\.date).sorted()
        if let first = dates.first, let last = dates.last {
            text += first == last ? ", on \(markup.date(first))" : ", from \(markup.date(first)) to \(markup.date(last))"
        }
        let items = entries.flatMap(\.items)
        if audience == .internal {
            let open = items.count(where: { !$0.isDone })
            let overdue = items.count(where: { $0.isOverdue(on: markup.today) })
            text += ". \(open) open action item\(open == 1 ? "" : "s")"
            if overdue > 0 { text += ", <a href=\"actions.html#overdue\">\(overdue) overdue</a>" }
            text += "."
        } else {
            text += "."
        }
        return text
    }

    private func count(_ number: Int) -> String {
        "\(number) postmortem\(number == 1 ? "" : "s")"
    }

    /// The filter form: hidden until the script shows it, as it does nothing without the script.
    private func filters() -> String {
        var form = "<form id=\"filters\" class=\"filters\" role=\"search\" hidden=\"hidden\">\n"
        form += "<label class=\"field search\"><span>Search</span>"
        form += "<input type=\"search\" id=\"filter-q\" name=\"q\" placeholder=\"Words in titles, summaries, text…\""
        form += " autocomplete=\"off\" spellcheck=\"false\"/></label>\n"
        let severities = ordered(Set(entries.compactMap(\.severity)), by: markup.severities)
        form += select("severity", "Severity", severities.map { ($0, $0) })
        if audience == .internal {
            let statuses = Status.allCases.filter { status in entries.contains { $0.status == status } }
            form += select("status", "Status", statuses.map { ($0.rawValue, $0.rawValue) })
        }
        let services = Set(entries.flatMap(\.services)).sorted { $0.lowercased() < $1.lowercased() }
        form += select("service", "Service", services.map { ($0, $0) })
        if audience == .internal {
            let tags = Set(entries.flatMap(\.tags)).sorted { $0.lowercased() < $1.lowercased() }
            form += select("tag", "Tag", tags.map { ($0, $0) })
        }
        let years = Set(entries.compactMap { $0.date.map { String($0.year) } }).sorted(by: >)
        form += select("year", "Year", years.map { ($0, $0) })
        form += "<button type=\"reset\" class=\"button\">Clear</button>\n"
        return form + "</form>\n"
    }

    private func select(_ name: String, _ label: String, _ options: [(value: String, text: String)]) -> String {
        guard !options.isEmpty else { return "" }
        var output = "<label class=\"field\"><span>\(label)</span><select id=\"filter-\(name)\" name=\"\(name)\">"
        output += "<option value=\"\">Any</option>"
        for option in options {
            let text = HTMLEscaper.removingControlCharacters(option.text)
            output += "<option value=\"" + HTMLEscaper.attribute(option.value) + "\">" + HTMLEscaper.text(text) + "</option>"
        }
        return output + "</select></label>\n"
    }

    private func ordered(_ values: Set<String>, by order: [String]) -> [String] {
        order.filter(values.contains) + values.subtracting(order).sorted()
    }

    private func row(_ entry: SiteEntry) -> String {
        var row = "<tr data-id=\"" + HTMLEscaper.attribute(entry.id) + "\">"
        row += "<td class=\"date\">" + markup.date(entry.date) + "</td>"
        row += "<td>" + markup.severityBadge(entry.severity) + "</td>"
        row +=
            "<td class=\"title\"><a href=\"" + HTMLEscaper.attribute(entry.page) + "\">" + HTMLEscaper.text(entry.title) + "</a>"
        if !entry.services.isEmpty {
            row += "<div class=\"row-meta\">" + markup.chips(entry.services, kind: "service") + "</div>"
        }
        row += "<div class=\"snippet\" hidden=\"hidden\"></div></td>"
        if audience == .internal { row += "<td>" + markup.statusBadge(entry.status) + "</td>" }
        row += "<td class=\"number\">" + markup.duration(entry.incident.durations.timeToResolve) + "</td>"
        let items = entry.items
        let done = items.count(where: \.isDone)
        var cell = items.isEmpty ? "<span class=\"muted\">—</span>" : "\(done)/\(items.count) done"
        if audience == .internal {
            let overdue = items.count(where: { $0.isOverdue(on: markup.today) })
            if overdue > 0 { cell += " <span class=\"badge state-overdue\">\(overdue) overdue</span>" }
        }
        row += "<td class=\"number\">" + cell + "</td>"
        return row + "</tr>\n"
    }
}
