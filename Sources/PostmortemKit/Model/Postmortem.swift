import Foundation

/// One parsed postmortem document: its fields, sections, timeline, action items and errors.
public struct Postmortem: Sendable {
    /// The id: the file name without `.md` when there is a path, else `date-slug(title)`.
    public var id: String
    /// The validated id, when `id` is a well-formed `YYYY-MM-DD-slug`.
    var postmortemID: PostmortemID?
    /// The path the document was read from.
    public var path: String?
    /// The raw text.
    var source: SourceText
    /// The zone used for timestamps without one.
    var timeZone: TimeZone

    /// The front matter, nil when the document has none.
    var frontMatter: FrontMatter?
    /// The Markdown body.
    var markdown: MarkdownDocument

    /// The `title:` field as written; `displayTitle` is what a reader calls the document.
    public var title: String?
    public var date: LocalDate?
    /// The severity as written; checked against `pm.severities` by the checker.
    public var severity: String?
    public var status: Status?
    public var services: [String]
    public var tags: [String]
    public var authors: [String]
    public var related: [String]
    /// The ids of the postmortems this one replaces, as written.
    public var supersedes: [String]
    public var visibility: String?
    public var started: Date?
    var detected: Date?
    var acknowledged: Date?
    var mitigated: Date?
    var resolved: Date?

    /// The blocks before the first `##` heading (and after any `#` heading).
    var preamble: [Block]
    /// The `##` sections, in document order.
    public var sections: [Section]
    /// The entries of the Timeline section(s).
    public var timeline: [TimelineEntry]
    /// The items of the Action items section(s), numbered from 1.
    public var actionItems: [ActionItem]
    /// Everything that makes the document malformed, sorted by position. Rule-level findings
    /// (missing owner, timestamp order, blameless language…) are not here; the checker adds them.
    public var errors: [DocumentError]

    /// Time to detect, acknowledge, mitigate and resolve, always computed from the current timestamps.
    public var durations: Durations {
        Durations(started: started, detected: detected, acknowledged: acknowledged, mitigated: mitigated, resolved: resolved)
    }

    /// What the document is called, for foreign Markdown as much as for pm's own: the `#` heading that opens the
    /// body, when it is the only one and does not name a section (an RFC's `# Summary`, `# Motivation`… are
    /// sections, not titles), else its `title:` field, else its id (the file name).
    public var displayTitle: String {
        if let heading = titleHeading { return heading }
        if let title = title?.trimmingCharacters(in: .whitespaces), !title.isEmpty { return title }
        return id
    }

    /// The text of the `#` heading that opens the body when it is the document's title (see `displayTitle`): a
    /// reader shows it once, as the title, and the body without it.
    var titleHeading: String? {
        guard let opening = markdown.blocks.first?.heading, opening.level == 1 else { return nil }
        let heading = opening.text.trimmingCharacters(in: .whitespaces)
        guard !heading.isEmpty, SectionKind(heading: heading) == nil,
            markdown.blocks.dropFirst().allSatisfy({ $0.heading?.level != 1 })
        else { return nil }
        return heading
    }

    /// Whether the body opens with a `#` heading that says what the title above it says (the heading `displayTitle`
    /// comes from, or one that repeats the `title:` field): a reader shows it once.
    var opensWithTitle: Bool {
        guard let opening = markdown.blocks.first?.heading, opening.level == 1 else { return false }
        return opening.text.trimmingCharacters(in: .whitespaces) == displayTitle
    }

    /// The front-matter entries pm does not read itself (`url`, `company`, a team's own keys), in file order.
    public var otherFields: [FrontMatterEntry] {
        frontMatter?.entries.filter { !Self.knownFields.contains($0.key) } ?? []
    }

    /// The action items not yet done.
    public var openActionItemCount: Int { actionItems.count(where: { !$0.isDone }) }

    /// The first section of `kind`.
    func section(_ kind: SectionKind) -> Section? {
        sections.first { $0.kind == kind }
    }

    /// Where the value of front-matter field `key` starts.
    func position(ofField key: String) -> SourcePosition? {
        frontMatter?[key]?.valuePosition
    }

    /// The five timestamps in lifecycle order, with their keys.
    var timestamps: [(key: String, date: Date?)] {
        [
            ("started", started), ("detected", detected), ("acknowledged", acknowledged),
            ("mitigated", mitigated), ("resolved", resolved),
        ]
    }

    /// The action item with reference number `number`.
    public func actionItem(_ number: Int) -> ActionItem? {
        actionItems.first { $0.number == number }
    }

    /// The front-matter keys pm reads itself; any other key is kept in `frontMatter` only.
    static let knownFields: [String] = [
        "title", "date", "severity", "status", "services", "tags", "authors", "related", "supersedes",
        "visibility", "started", "detected", "acknowledged", "mitigated", "resolved",
    ]

    /// The timestamp keys, in lifecycle order.
    static let timestampFields: [String] = ["started", "detected", "acknowledged", "mitigated", "resolved"]

    /// The list-valued keys.
    static let listFields: [String] = ["services", "tags", "authors", "related", "supersedes"]
}
