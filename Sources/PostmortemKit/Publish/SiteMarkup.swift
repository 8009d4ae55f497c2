import Foundation

/// The small pieces of markup every page of a site shares: badges, dates, chips, action-item states. Every value is
/// escaped here, so pages only join the results.
struct SiteMarkup {
    /// The configured severities, most severe first: they pick a badge's colour.
    var severities: [String]
    var timeZone: TimeZone
    /// The day overdue is measured on.
    var today: LocalDate

    /// `SEV1` as a coloured badge: the most severe red, then orange, yellow, blue; others grey.
    func severityBadge(_ severity: String?) -> String {
        guard let severity, !severity.isEmpty else { return "<span class=\"muted\">—</span>" }
        let rank = severities.firstIndex(of: severity).map { "sev-\(min($0 + 1, 4))" } ?? "sev-other"
        return "<span class=\"badge sev \(rank)\">" + HTMLEscaper.text(severity) + "</span>"
    }

    /// The lifecycle state as a badge.
    func statusBadge(_ status: Status?) -> String {
        guard let status else { return "<span class=\"muted\">—</span>" }
        return "<span class=\"badge status status-\(status.rawValue)\">" + HTMLEscaper.text(status.rawValue) + "</span>"
    }

    /// A calendar date in a `<time>` element, or a dash.
    func date(_ date: LocalDate?) -> String {
        guard let date else { return "<span class=\"muted\">—</span>" }
        return "<time datetime=\"\(date)\">\(date)</time>"
    }

    /// An instant, to the minute in `pm.timezone`, in a `<time>` element.
    func time(_ date: Date) -> String {
        "<time datetime=\"\(ReadableTime.rfc3339(date))\">" + HTMLEscaper.text(ReadableTime.minute(date, in: timeZone))
            + "</time>"
    }

    /// A duration for people (`1h 03m`), or a dash when unknown or negative (timestamps out of order).
    func duration(_ interval: TimeInterval?) -> String {
        guard let interval, interval >= 0 else { return "<span class=\"muted\">—</span>" }
        return HTMLEscaper.text(ReadableTime.duration(interval))
    }

    /// Names (services, tags) as chips.
    func chips(_ names: [String], kind: String) -> String {
        names.map { "<span class=\"chip \(kind)\">" + HTMLEscaper.text(HTMLEscaper.removingControlCharacters($0)) + "</span>" }
            .joined(separator: " ")
    }

    /// An owner as written, with `@`.
    func owner(_ owner: String?) -> String {
        guard let owner, !owner.isEmpty else { return "<span class=\"muted\">no owner</span>" }
        return "<span class=\"owner\">@" + HTMLEscaper.text(owner.hasPrefix("@") ? String(owner.dropFirst()) : owner) + "</span>"
    }

    /// The state of an action item: done (with the day the commit that ticked it was made), overdue (by how many
    /// days), due today, or open.
    func itemState(_ item: TrackedActionItem, history: Bool = true) -> String {
        if item.isDone {
            guard history, let completed = item.completed else { return "<span class=\"badge state-done\">done</span>" }
            let day = LocalDate(completed.date, in: timeZone)
            return
                "<span class=\"badge state-done\" title=\"ticked in commit \(completed.commit.hex.prefix(10))\">done \(day)</span>"
        }
        if let late = item.daysOverdue(on: today) {
            if late > 0 {
                return "<span class=\"badge state-overdue\">overdue \(late) day\(late == 1 ? "" : "s")</span>"
            }
            if late == 0 { return "<span class=\"badge state-due\">due today</span>" }
        }
        return "<span class=\"badge state-open\">open</span>"
    }

    /// The sort key of an item's state: overdue, due today, open, done.
    func stateRank(_ item: TrackedActionItem) -> Int {
        if item.isDone { return 3 }
        if item.isOverdue(on: today) { return 0 }
        return item.daysOverdue(on: today) == 0 ? 1 : 2
    }

    /// Inline Markdown from a document as HTML.
    func inline(_ markdown: String) -> String {
        HTMLRenderer().render(inline: markdown)
    }

    /// `path` as the value of an `href` relative to a page `depth` folders below the site's root.
    static func link(_ path: String, depth: Int) -> String {
        HTMLEscaper.attribute(String(repeating: "../", count: depth) + path)
    }

    /// A unique, safe anchor for `name` among `used`.
    static func anchor(_ name: String, prefix: String = "", used: inout Set<String>) -> String {
        let slug = Slug.make(HTMLEscaper.removingControlCharacters(name))
        let base = prefix + (slug.isEmpty ? "section" : slug)
        var anchor = base
        var counter = 2
        while used.contains(anchor) {
            anchor = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(anchor)
        return anchor
    }
}
