import Foundation

/// What the search index keeps of one version of a file: its metadata and its text, field by field.
///
/// A document that does not parse as a postmortem (no front matter, foreign Markdown) is still indexed as
/// text, titled by `Postmortem.displayTitle`, so `pm search` works on any folder of Markdown.
///
/// The fields, in order: the title; the services and tags; the prose of the front-matter fields pm does not read
/// (`FrontMatterText`); the text before the first section (`body`); then each section. A `#` or `##` heading
/// starts a section (an RFC's sections are `#` headings), named by its heading; a deeper heading only interrupts
/// it. Every heading's text is a `heading` field of its own, ranked above the body, except the one that titles
/// the document (it is the title) and those that name a section pm knows: every postmortem has a "Root cause",
/// so those words would match them all.
struct SearchDocument: Sendable, Equatable {
    /// A named part of the text: the title, the services and tags, a front-matter field, a heading or a section.
    struct Field: Sendable, Equatable {
        /// `title`, `tags`, `heading`, `body` (text before the first section), a section kind (`summary`,
        /// `root-cause`), or an unknown heading or front-matter key, normalized.
        var name: String
        /// The text, a line per line of the document.
        var lines: [String]
    }

    /// One value of a front-matter field, for `key:value` filters: a list gives one per item, and an empty value
    /// or list one without a value (the key is there all the same).
    struct FieldValue: Sendable, Equatable {
        /// The key as written.
        var key: String
        var value: String?
    }

    var id: String
    var title: String
    var date: LocalDate?
    var severity: String?
    var status: Status?
    var services: [String]
    var tags: [String]
    var authors: [String]
    /// The owners of the action items, without `@`.
    var owners: [String]
    /// False for a file without front matter: text only.
    var isPostmortem: Bool
    var fields: [Field]
    /// The front-matter values as written, but for the keys the index keeps in a form of their own (severity,
    /// status, services, tags, authors), in file order.
    var frontMatter: [FieldValue]
    /// Timestamps, visibility and action items: what `pm actions` and `pm stats` read from the index.
    var facts: PostmortemFacts

    /// The field name of the title.
    static let titleField = "title"
    /// The field name of the services and tags.
    static let tagsField = "tags"
    /// The field name of a heading's text.
    static let headingField = "heading"
    /// The field name of the text before the first section.
    static let bodyField = "body"

    /// The front-matter keys that have a filter of their own and are kept parsed, not as written.
    static let parsedKeys: Set<String> = ["severity", "status", "services", "tags", "authors"]

    /// Parses one version of a file.
    static func make(bytes: [UInt8], path: String, timeZone: TimeZone) -> SearchDocument {
        let postmortem = PostmortemParser.parse(bytes: bytes, path: path, timeZone: timeZone)
        let isPostmortem = postmortem.frontMatter != nil
        let title = postmortem.displayTitle
        var titleLines = [title]
        // An RFC titled by its heading may have a `title:` of its own: both name it.
        if let written = postmortem.title?.trimmingCharacters(in: .whitespaces), !written.isEmpty, written != title {
            titleLines.append(written)
        }
        var fields = [Field(name: titleField, lines: titleLines)]
        let tagLines = postmortem.services + postmortem.tags
        if !tagLines.isEmpty { fields.append(Field(name: tagsField, lines: tagLines)) }
        for entry in postmortem.otherFields {
            let prose = (entry.value.listValue ?? entry.value.stringValue.map { [$0] } ?? []).filter(FrontMatterText.isProse)
            if !prose.isEmpty { fields.append(Field(name: FrontMatterText.fieldName(ofKey: entry.key), lines: prose)) }
        }
        appendText(of: postmortem, title: title, to: &fields)
        var frontMatter: [FieldValue] = []
        for entry in postmortem.frontMatter?.entries ?? [] where !parsedKeys.contains(entry.key) {
            let values = entry.value.listValue ?? entry.value.stringValue.map { [$0] } ?? []
            let kept = values.filter { !$0.isEmpty }
            if kept.isEmpty {
                frontMatter.append(FieldValue(key: entry.key, value: nil))
            } else {
                frontMatter += kept.map { FieldValue(key: entry.key, value: $0) }
            }
        }
        var seen = Set<String>()
        let owners = postmortem.actionItems.compactMap { item -> String? in
            guard var owner = item.owner?.trimmingCharacters(in: .whitespaces), !owner.isEmpty else { return nil }
            if owner.hasPrefix("@") { owner.removeFirst() }
            return seen.insert(owner).inserted ? owner : nil
        }
        return SearchDocument(
            id: postmortem.id, title: title, date: postmortem.date, severity: postmortem.severity, status: postmortem.status,
            services: postmortem.services, tags: postmortem.tags, authors: postmortem.authors, owners: owners,
            isPostmortem: isPostmortem, fields: fields, frontMatter: frontMatter, facts: PostmortemFacts(postmortem))
    }

    /// The body, headings and sections of the Markdown (see the type's description), as fields.
    private static func appendText(of postmortem: Postmortem, title: String, to fields: inout [Field]) {
        var name = bodyField
        var lines: [String] = []
        func close() {
            if !lines.isEmpty { fields.append(Field(name: name, lines: lines)) }
            lines = []
        }
        for (offset, block) in postmortem.markdown.blocks.enumerated() {
            guard let heading = block.heading else {
                for line in block.textLines() { lines.append(line.text) }
                continue
            }
            close()
            let text = heading.text.trimmingCharacters(in: .whitespaces)
            // The heading that titles the document is the title field already; the text under it is the body.
            let isTitle = offset == 0 && heading.level == 1 && text == title
            if heading.level <= 2 { name = isTitle ? bodyField : fieldName(ofSection: text) }
            if !isTitle, !text.isEmpty, SectionKind(heading: text) == nil {
                fields.append(Field(name: headingField, lines: [text]))
            }
        }
        close()
    }

    /// The field a section heading names: the section kind for one pm knows (aliases included), else the heading
    /// folded (`Customer communication` → `customer communication`).
    static func fieldName(ofSection heading: String) -> String {
        if let kind = SectionKind(heading: heading) { return kind.rawValue }
        return SearchTokenizer.terms(in: heading).joined(separator: " ")
    }

    /// Every term with its position and field: positions count words across the fields in order, with a gap of
    /// one between fields so that no phrase spans two of them.
    func positionedTerms(using normalizer: inout SearchTermNormalizer) -> (
        terms: [String], fieldRanges: [(field: String, start: Int, end: Int)]
    ) {
        var terms: [String] = []
        var ranges: [(field: String, start: Int, end: Int)] = []
        for field in fields {
            if !terms.isEmpty { terms.append("") }
            let start = terms.count
            for line in field.lines { normalizer.terms(in: line, into: &terms) }
            ranges.append((field.name, start, terms.count))
        }
        return (terms, ranges)
    }
}
