import Foundation

/// One postmortem as a site shows it: the parsed document, its page's path, and what the index, the search, the
/// action-items page and the charts read of it, already reduced to what the audience may see.
struct SiteEntry {
    /// The whole document, on an internal site only: a public site's pages never see it.
    var postmortem: Postmortem?
    /// Its public view, on a public site only.
    var publicSummary: PublicSummary?
    /// The incident as follow-through sees it: its action items (with history on an internal site; on a public
    /// site only what is to be done and whether it is) and its timestamps, for the statistics.
    var incident: Incident
    /// The page's path below the site's folder (`postmortems/2026-11-20-checkout.html`).
    var page: String
    /// The timeline entries the audience may read: all of them on an internal site, those of a public Timeline
    /// section on a public one.
    var timeline: [TimelineEntry]

    var id: String { incident.id }
    /// The title, or the id when the document has none, without control characters.
    var title: String {
        let title = incident.title.trimmingCharacters(in: .whitespacesAndNewlines)
        return HTMLEscaper.removingControlCharacters(title.isEmpty ? incident.id : title)
    }
    var date: LocalDate? { incident.date }
    var severity: String? { incident.severity }
    var status: Status? { incident.status }
    var services: [String] { incident.services }
    /// Empty on a public site.
    var tags: [String] { incident.tags }
    /// Empty on a public site.
    var authors: [String] { incident.authors }
    var items: [TrackedActionItem] { incident.actionItems }
    /// The front-matter fields pm does not read itself: every one on an internal site, on a public site those
    /// `pm.publicFields` names.
    var otherFields: [(key: String, value: FrontMatterValue)] {
        if let summary = publicSummary { return summary.fields }
        return postmortem?.otherFields.map { ($0.key, $0.value) } ?? []
    }

    /// The internal entry of `postmortem`, with `incident` from the search index when it has one (else its action
    /// items as written, without history).
    static func internalEntry(_ postmortem: Postmortem, incident: Incident?, page: String) -> SiteEntry {
        let incident = incident ?? SiteEntry.incident(of: postmortem, items: postmortem.actionItems.map(ActionItemFacts.init))
        return SiteEntry(
            postmortem: postmortem, publicSummary: nil, incident: incident, page: page, timeline: postmortem.timeline)
    }

    /// The public entry of `postmortem`: its public summary, and action items that say only what and whether.
    static func publicEntry(_ postmortem: Postmortem, summary: PublicSummary, page: String) -> SiteEntry {
        let items = (summary.sections.compactMap(\.actionItems).joined()).enumerated().map { index, item in
            ActionItemFacts(number: index + 1, line: 0, action: item.action, isDone: item.isDone)
        }
        var incident = SiteEntry.incident(of: postmortem, items: items)
        // What stays internal is not carried further, so that no page or data file can show it by mistake.
        incident.title = summary.title
        incident.tags = []
        incident.authors = []
        incident.facts.acknowledged = nil
        incident.facts.visibility = Visibility.public.rawValue
        let publicBlocks = summary.sections.filter { $0.kind == .timeline }.flatMap(\.blocks)
        let timeline = postmortem.timeline.filter { entry in publicBlocks.contains { $0.range.contains(entry.position) } }
        return SiteEntry(postmortem: nil, publicSummary: summary, incident: incident, page: page, timeline: timeline)
    }

    private static func incident(of postmortem: Postmortem, items: [ActionItemFacts]) -> Incident {
        let title = postmortem.displayTitle
        var facts = PostmortemFacts(postmortem)
        facts.actionItems = items
        return Incident(
            id: postmortem.id, path: postmortem.path ?? "", title: title, date: postmortem.date,
            severity: postmortem.severity, status: postmortem.status, services: postmortem.services, tags: postmortem.tags,
            authors: postmortem.authors, facts: facts,
            actionItems: items.map {
                TrackedActionItem(postmortemID: postmortem.id, postmortemTitle: title, path: postmortem.path ?? "", facts: $0)
            })
    }

    /// The plain text the search looks through: every section shown on the page (on a public site the public
    /// sections, action items as published), at most `limit` characters: the data of a site of thousands of
    /// postmortems must stay small enough for a browser to load at once.
    func searchText(limit: Int = 8_000) -> String {
        var parts: [String] = []
        if let summary = publicSummary {
            for section in summary.sections {
                parts.append(HTMLEscaper.removingControlCharacters(section.title))
                if let items = section.actionItems {
                    parts += items.map { InlineMarkdownParser.parse($0.action).plainText }
                } else {
                    parts.append(PublicSummary.plainText(section.blocks))
                }
            }
        } else if let postmortem {
            parts.append(PublicSummary.plainText(postmortem.preamble))
            for section in postmortem.sections {
                parts.append(HTMLEscaper.removingControlCharacters(section.title))
                parts.append(PublicSummary.plainText(section.blocks))
            }
        }
        let text = HTMLEscaper.removingControlCharacters(parts.filter { !$0.isEmpty }.joined(separator: "\n"))
        return text.count <= limit ? text : String(text.prefix(limit))
    }
}
