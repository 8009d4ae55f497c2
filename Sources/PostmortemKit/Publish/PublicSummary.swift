import Foundation

/// What of a postmortem may be published: its title, date, severity, services, timestamps and durations, the sections
/// `pm.publicSections` names, the team's own front-matter fields `pm.publicFields` names, and its action items
/// reduced to what is to be done and whether it is.
///
/// Owners, tickets, due dates, authors, tags, the preamble, every other section and field and every HTML comment stay
/// internal: writers (`PublicSummaryHTML`, `PublicSummaryMarkdown`, the JSON encoding, the feed) only ever see this.
public struct PublicSummary: Sendable {
    /// An action item as published: the action and whether it is done.
    struct PublicActionItem: Hashable, Sendable {
        /// What is to be done, as inline Markdown (fields such as owner and due date removed).
        var action: String
        var isDone: Bool
    }

    /// A section as published.
    public struct PublicSection: Sendable {
        /// The heading as written.
        var title: String
        var kind: SectionKind?
        /// The blocks under the heading (HTML comments are skipped by every writer).
        var blocks: [Block]
        /// For an Action items section, the items that replace its blocks; nil for every other section.
        var actionItems: [PublicActionItem]?
        /// A stable `id` for the section's anchor: the slug of its title, unique in the summary.
        var anchor: String
    }

    public var id: String
    /// What the document is called (`Postmortem.displayTitle`).
    var title: String
    var date: LocalDate?
    var severity: String?
    var status: Status?
    var visibility: Visibility?
    var services: [String]
    var started: Date?
    var detected: Date?
    var mitigated: Date?
    var resolved: Date?
    /// The front-matter fields pm does not read itself that `pm.publicFields` names, in file order.
    var fields: [(key: String, value: FrontMatterValue)]
    /// Time to detect, mitigate and resolve (time to acknowledge is the responders' business, and not published).
    var durations: Durations
    /// The public sections, in document order.
    public var sections: [PublicSection]
    /// The zone for times shown to people (`pm.timezone`).
    var timeZone: TimeZone

    /// The public view of `postmortem`, showing the sections named in `publicSections` (aliases of known sections
    /// count, as in `pm.requiredSections`) and the fields of its own named in `publicFields`.
    public init(_ postmortem: Postmortem, publicSections: [String], publicFields: [String] = [], timeZone: TimeZone) {
        id = postmortem.id
        let title = postmortem.displayTitle.trimmingCharacters(in: .whitespacesAndNewlines)
        self.title = title.isEmpty ? postmortem.id : title
        fields = postmortem.otherFields.filter { publicFields.contains($0.key) }.map { ($0.key, $0.value) }
        date = postmortem.date
        severity = postmortem.severity
        status = postmortem.status
        visibility = postmortem.effectiveVisibility
        services = postmortem.services
        started = postmortem.started
        detected = postmortem.detected
        mitigated = postmortem.mitigated
        resolved = postmortem.resolved
        let all = postmortem.durations
        func published(_ interval: TimeInterval?) -> TimeInterval? {
            // A negative duration means the timestamps are out of order: the check reports it; nothing is published.
            interval.flatMap { $0 >= 0 ? $0 : nil }
        }
        durations = Durations(
            timeToDetect: published(all.timeToDetect), timeToMitigate: published(all.timeToMitigate),
            timeToResolve: published(all.timeToResolve))
        self.timeZone = timeZone

        let shown = postmortem.sections.filter { section in
            publicSections.contains { name in
                if let kind = SectionKind(heading: name) { return section.kind == kind }
                return SectionKind.normalize(section.title) == SectionKind.normalize(name)
            }
        }
        var anchors: Set<String> = []
        sections = shown.compactMap { section in
            var items: [PublicActionItem]?
            if section.kind == .actionItems {
                let inSection = postmortem.actionItems.filter { section.range.contains($0.position) }
                items = inSection.compactMap { item in
                    let action = item.action.trimmingCharacters(in: .whitespaces)
                    guard !InlineMarkdownParser.parse(action).plainText.trimmingCharacters(in: .whitespaces).isEmpty else {
                        return nil
                    }
                    return PublicActionItem(action: action, isDone: item.isDone)
                }
                if items?.isEmpty ?? true { return nil }
            } else if section.isEmpty {
                return nil
            }
            let base = Slug.make(section.title)
            var anchor = base.isEmpty ? "section" : base
            var counter = 2
            while anchors.contains(anchor) {
                anchor = "\(base)-\(counter)"
                counter += 1
            }
            anchors.insert(anchor)
            return PublicSection(
                title: section.title, kind: section.kind, blocks: section.blocks, actionItems: items, anchor: anchor)
        }
    }

    /// The Summary section as plain text (paragraphs separated by blank lines), when it is public and not empty.
    var summaryText: String? {
        guard let summary = sections.first(where: { $0.kind == .summary }) else { return nil }
        let text = PublicSummary.plainText(summary.blocks)
        return text.isEmpty ? nil : text
    }

    /// The text of `blocks` without markup: one paragraph, heading, list item line, table row or code line per line;
    /// paragraphs separated by blank lines; control characters removed.
    static func plainText(_ blocks: [Block]) -> String {
        var paragraphs: [String] = []
        for block in blocks {
            var lines: [String] = []
            for node in block.descendantsAndSelf {
                switch node.kind {
                case .heading(let heading):
                    lines.append(InlineMarkdownParser.parse(heading.text).plainText)
                case .paragraph(let textLines):
                    lines.append(InlineMarkdownParser.parse(textLines).plainText)
                case .table(let table):
                    for row in [table.header] + table.rows {
                        lines.append(row.cells.map { InlineMarkdownParser.parse($0.text).plainText }.joined(separator: " | "))
                    }
                case .codeBlock(let code):
                    lines += code.lines.map(\.text)
                case .list, .listItem, .blockQuote, .htmlComment, .thematicBreak:
                    continue
                }
            }
            let text = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
            if !text.isEmpty { paragraphs.append(text) }
        }
        return HTMLEscaper.removingControlCharacters(paragraphs.joined(separator: "\n\n"))
    }

    /// The facts shown above the sections, as (label, value) pairs, in the order pages list them.
    var facts: [(label: String, value: String)] {
        var facts: [(String, String)] = []
        if let date { facts.append(("Date", date.description)) }
        if let severity { facts.append(("Severity", severity)) }
        if !services.isEmpty { facts.append(("Services", services.joined(separator: ", "))) }
        if let started { facts.append(("Started", ReadableTime.minute(started, in: timeZone))) }
        if let resolved { facts.append(("Resolved", ReadableTime.minute(resolved, in: timeZone))) }
        for (label, value) in [
            ("Time to detect", durations.timeToDetect), ("Time to mitigate", durations.timeToMitigate),
            ("Time to resolve", durations.timeToResolve),
        ] {
            if let value { facts.append((label, ReadableTime.duration(value))) }
        }
        for field in fields {
            facts.append((field.key, field.value.stringValue ?? field.value.listValue?.joined(separator: ", ") ?? ""))
        }
        return facts
    }
}
