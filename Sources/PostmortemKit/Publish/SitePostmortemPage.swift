import Foundation

/// The page of one postmortem: its facts and the front-matter fields of its own, its key times, its durations, and
/// its text rendered from Markdown in document order, the timeline as a table of times, the action items as a table
/// of their states.
///
/// On an internal site every section shows, and action items carry owner, due date, ticket, whether they are
/// overdue and the day the commit that ticked them was made. On a public site only the public summary shows.
struct SitePostmortemPage {
    var entry: SiteEntry
    /// Every entry of the site by id, to link related postmortems.
    var entriesByID: [String: SiteEntry]
    var markup: SiteMarkup
    var layout: SiteLayout
    /// `postmortems/x.html` is one folder below the root.
    static let depth = 1

    func render() -> String {
        var body = "<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\"><a href=\"\(SiteMarkup.link("index.html", depth: 1))\">"
        body += "Postmortems</a> <span aria-hidden=\"true\">›</span> <span>" + HTMLEscaper.text(entry.id) + "</span></nav>\n"
        body += "<article class=\"postmortem\" id=\"postmortem\">\n<header class=\"page-header\">\n"
        body += "<h1>" + HTMLEscaper.text(entry.title) + "</h1>\n"
        body += "<p class=\"badges\">" + markup.severityBadge(entry.severity)
        if entry.postmortem != nil {
            body += " " + markup.statusBadge(entry.status)
            body += entry.incident.isPublic ? " <span class=\"badge visibility\">public</span>" : ""
        }
        body += "</p>\n</header>\n"
        body += metrics()
        body += "<div class=\"overview\">\n" + facts() + keyTimes() + "</div>\n"
        body += sections()
        body += "</article>\n"
        return layout.page(title: entry.title, depth: SitePostmortemPage.depth, section: .postmortems, body: body)
    }

    // MARK: - Facts

    /// Time to detect, (acknowledge,) mitigate and resolve, as figures above the text.
    private func metrics() -> String {
        let durations = entry.incident.durations
        var figures: [(String, TimeInterval?)] = [("Time to detect", durations.timeToDetect)]
        if entry.postmortem != nil { figures.append(("Time to acknowledge", durations.timeToAcknowledge)) }
        figures += [("Time to mitigate", durations.timeToMitigate), ("Time to resolve", durations.timeToResolve)]
        guard figures.contains(where: { ($0.1 ?? -1) >= 0 }) else { return "" }
        var output = "<ul class=\"metrics\">\n"
        for (label, value) in figures {
            output += "<li><span class=\"metric-label\">\(label)</span><span class=\"metric-value\">" + markup.duration(value)
            output += "</span></li>\n"
        }
        return output + "</ul>\n"
    }

    private func facts() -> String {
        var rows: [(String, String)] = [("Date", markup.date(entry.date))]
        if !entry.services.isEmpty { rows.append(("Services", markup.chips(entry.services, kind: "service"))) }
        if let postmortem = entry.postmortem {
            if !postmortem.tags.isEmpty { rows.append(("Tags", markup.chips(postmortem.tags, kind: "tag"))) }
            if !postmortem.authors.isEmpty {
                rows.append(("Authors", postmortem.authors.map { markup.owner($0) }.joined(separator: ", ")))
            }
            for (label, ids) in [("Related", postmortem.related), ("Supersedes", postmortem.supersedes)] where !ids.isEmpty {
                rows.append((label, ids.map(reference).joined(separator: ", ")))
            }
            rows.append(
                ("Visibility", HTMLEscaper.text(HTMLEscaper.removingControlCharacters(postmortem.visibility ?? "internal"))))
            if let path = postmortem.path {
                rows.append(("Source", "<code>" + HTMLEscaper.text(HTMLEscaper.removingControlCharacters(path)) + "</code>"))
            }
        }
        for field in entry.otherFields {
            rows.append((HTMLEscaper.text(field.key), HTMLRenderer.render(fieldValue: field.value)))
        }
        return "<dl class=\"facts\">\n" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>\n" }.joined() + "</dl>\n"
    }

    /// A related postmortem: a link to its page when the site has it.
    private func reference(_ id: String) -> String {
        let text = HTMLEscaper.text(HTMLEscaper.removingControlCharacters(id))
        guard let other = entriesByID[id] else { return "<code>\(text)</code>" }
        return "<a href=\"" + SiteMarkup.link(other.page, depth: SitePostmortemPage.depth) + "\" title=\""
            + HTMLEscaper.attribute(other.title) + "\">\(text)</a>"
    }

    /// The incident's timestamps with how long after the start each came.
    private func keyTimes() -> String {
        let facts = entry.incident.facts
        var moments: [(String, Date?, TimeInterval?)] = [("Started", facts.started, nil)]
        let durations = entry.incident.durations
        moments.append(("Detected", facts.detected, durations.timeToDetect))
        if entry.postmortem != nil { moments.append(("Acknowledged", facts.acknowledged, durations.timeToAcknowledge)) }
        moments += [
            ("Mitigated", facts.mitigated, durations.timeToMitigate), ("Resolved", facts.resolved, durations.timeToResolve),
        ]
        let known = moments.filter { $0.1 != nil }
        guard !known.isEmpty else { return "" }
        var output = "<table class=\"key-times\">\n<caption>Key times</caption>\n<thead>\n<tr><th scope=\"col\">Event</th>"
        output += "<th scope=\"col\">Time</th><th scope=\"col\" class=\"number\">After start</th></tr>\n</thead>\n<tbody>\n"
        for (label, date, interval) in known {
            guard let date else { continue }
            output += "<tr><th scope=\"row\">\(label)</th><td>" + markup.time(date) + "</td><td class=\"number\">"
            output += (label == "Started" ? "" : markup.duration(interval)) + "</td></tr>\n"
        }
        return output + "</tbody>\n</table>\n"
    }

    // MARK: - Sections

    private func sections() -> String {
        var output = ""
        if let summary = entry.publicSummary {
            for section in summary.sections {
                output += "<section id=\"" + HTMLEscaper.attribute("section-" + section.anchor) + "\">\n"
                output += "<h2>" + markup.inline(section.title) + "</h2>\n"
                output += section.kind == .timeline ? timeline(section.blocks) : PublicSummaryHTML().body(of: section)
                output += "</section>\n"
            }
            return output
        }
        guard let postmortem = entry.postmortem else { return "" }
        // The text outside `##` sections (before the first, or after a `#` heading that ends one) shows where it is
        // written; the `#` heading the page takes its title from is not repeated.
        var preamble = postmortem.preamble.filter { !$0.isHTMLComment }
        if postmortem.opensWithTitle, let first = postmortem.markdown.blocks.first {
            preamble.removeAll { $0.range.start == first.range.start }
        }
        var anchors: Set<String> = []
        func writePreamble(before line: Int) {
            let shown = preamble.prefix { $0.range.start.line < line }
            guard !shown.isEmpty else { return }
            preamble.removeFirst(shown.count)
            output += "<div class=\"preamble\">\n" + HTMLRenderer().render(Array(shown)) + "</div>\n"
        }
        for section in postmortem.sections {
            writePreamble(before: section.line)
            let anchor = SiteMarkup.anchor(section.title, prefix: "section-", used: &anchors)
            output += "<section id=\"" + HTMLEscaper.attribute(anchor) + "\">\n"
            output += "<h2>" + markup.inline(section.title) + "</h2>\n"
            switch section.kind {
            case .timeline: output += timeline(section.blocks)
            case .actionItems: output += actionItems(section)
            default: output += HTMLRenderer().render(section.blocks)
            }
            if section.isEmpty { output += "<p class=\"muted\">Not written yet.</p>\n" }
            output += "</section>\n"
        }
        writePreamble(before: Int.max)
        return output
    }

    /// The Timeline's lists as a table of times and what happened; tables, prose and anything else as written.
    private func timeline(_ blocks: [Block]) -> String {
        let renderer = HTMLRenderer()
        var output = ""
        for block in blocks {
            guard case .list = block.kind, !block.children.isEmpty else {
                output += renderer.render([block])
                continue
            }
            output += "<table class=\"timeline\">\n<thead>\n<tr><th scope=\"col\">Time</th><th scope=\"col\">What happened</th>"
            output += "</tr>\n</thead>\n<tbody>\n"
            for item in block.children {
                let found = entry.timeline.first { $0.position == item.range.start }
                let children = item.children.filter { !$0.isHTMLComment }
                var time = ""
                var text: String
                if let found, found.beginsWithTime {
                    let written = HTMLEscaper.text(HTMLEscaper.removingControlCharacters(found.timeText))
                    time = found.timestamp.map { "<time datetime=\"\(ReadableTime.rfc3339($0))\">\(written)</time>" } ?? written
                    text = markup.inline(found.text)
                    text += renderer.render(Array(children.dropFirst()))
                } else {
                    text = renderer.render(children)
                }
                output += "<tr><td class=\"time\">\(time)</td><td>\(text)</td></tr>\n"
            }
            output += "</tbody>\n</table>\n"
        }
        return output
    }

    /// The Action items section: the blocks that hold items become one table of the items and their states; any
    /// other block (a note, a paragraph) stays as written.
    private func actionItems(_ section: Section) -> String {
        guard let postmortem = entry.postmortem else { return "" }
        let inSection = postmortem.actionItems.filter { section.range.contains($0.position) }
        let renderer = HTMLRenderer()
        var output = ""
        var tableWritten = false
        for block in section.blocks {
            guard inSection.contains(where: { block.range.contains($0.position) }) else {
                output += renderer.render([block])
                continue
            }
            guard !tableWritten else { continue }
            tableWritten = true
            let numbers = Set(inSection.map(\.number))
            output += itemsTable(entry.items.filter { numbers.contains($0.facts.number) })
        }
        return output
    }

    private func itemsTable(_ items: [TrackedActionItem]) -> String {
        var output =
            "<div class=\"table-wrap\">\n<table class=\"list items\">\n<thead>\n<tr><th scope=\"col\" class=\"number\">#</th>"
        output += "<th scope=\"col\">Action</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th>"
        output += "<th scope=\"col\">State</th><th scope=\"col\">Ticket</th></tr>\n</thead>\n<tbody>\n"
        for item in items {
            let facts = item.facts
            output +=
                "<tr id=\"item-\(facts.number)\"><td class=\"number\">\(facts.number)</td><td>" + markup.inline(facts.action)
            var details: [String] = []
            if let type = facts.type { details.append("type: " + HTMLEscaper.text(HTMLEscaper.removingControlCharacters(type))) }
            if let priority = facts.priority {
                details.append("priority: " + HTMLEscaper.text(HTMLEscaper.removingControlCharacters(priority)))
            }
            if !details.isEmpty { output += "<div class=\"row-meta\">" + details.joined(separator: " · ") + "</div>" }
            output += "</td><td>" + markup.owner(facts.owner) + "</td><td class=\"date\">" + markup.date(facts.due) + "</td>"
            output += "<td>" + markup.itemState(item) + "</td><td class=\"ticket\">"
            output +=
                facts.ticket.map { "<code>" + HTMLEscaper.text(HTMLEscaper.removingControlCharacters($0)) + "</code>" } ?? ""
            output += "</td></tr>\n"
        }
        return output + "</tbody>\n</table>\n</div>\n"
    }
}
