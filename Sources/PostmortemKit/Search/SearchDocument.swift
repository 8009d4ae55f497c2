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
    /// The front-matter values as written, in file order, but for the keys the index keeps parsed
    /// (`parsedKeys`).
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

    /// The front-matter keys the index keeps parsed (in the record, the lists or the facts), not as written: their
    /// filters compare what pm reads (`date:2026-11-20`, `started:2026-11-20`).
    static let parsedKeys: Set<String> = [
        "severity", "status", "services", "tags", "authors", "date", "visibility", "started", "detected", "acknowledged",
        "mitigated", "resolved",
    ]

    /// The keys pm reads (`Postmortem.knownFields`), as a set: every version asks for each of its keys.
    private static let knownKeys = Set(Postmortem.knownFields)

    /// Parses one version of a file.
    static func make(bytes: [UInt8], path: String, timeZone: TimeZone) -> SearchDocument {
        let postmortem = PostmortemParser.parse(bytes: bytes, path: path, timeZone: timeZone)
        let isPostmortem = postmortem.frontMatter != nil
        let title = postmortem.displayTitle
        var titleLines = [title]
        // An RFC titled by its heading may have a `title:` of its own: both name it.
        if let written = postmortem.title.map(trimmed), !written.isEmpty, written != title { titleLines.append(written) }
        var fields = [Field(name: titleField, lines: titleLines)]
        let tagLines = postmortem.services + postmortem.tags
        if !tagLines.isEmpty { fields.append(Field(name: tagsField, lines: tagLines)) }
        // One pass over the front matter: the prose of the keys pm does not read, and the values for filters.
        var frontMatter: [FieldValue] = []
        for entry in postmortem.frontMatter?.entries ?? [] {
            let values = entry.value.listValue ?? entry.value.stringValue.map { [$0] } ?? []
            if !knownKeys.contains(entry.key) {
                let prose = values.filter(FrontMatterText.isProse)
                if !prose.isEmpty { fields.append(Field(name: FrontMatterText.fieldName(ofKey: entry.key), lines: prose)) }
            }
            guard !parsedKeys.contains(entry.key) else { continue }
            let kept = values.filter { !$0.isEmpty }
            if kept.isEmpty {
                frontMatter.append(FieldValue(key: entry.key, value: nil))
            } else {
                frontMatter += kept.map { FieldValue(key: entry.key, value: $0) }
            }
        }
        appendText(of: postmortem, title: title, to: &fields)
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
        // The parser made a section of each `##` heading, in order, and knows its kind already: naming a section
        // is the costliest step of indexing a version after its words.
        var sections = postmortem.sections.makeIterator()
        for (offset, block) in postmortem.markdown.blocks.enumerated() {
            guard let heading = block.heading else {
                for line in block.textLines() { lines.append(line.text) }
                continue
            }
            close()
            let text = trimmed(heading.text)
            var kind: SectionKind?
            if heading.level == 2, let section = sections.next(), section.headingPosition == block.range.start {
                kind = section.kind
            } else {
                kind = SectionKind(heading: text)
            }
            // The heading that titles the document is the title field already; the text under it is the body.
            let isTitle = offset == 0 && heading.level == 1 && text == title
            if heading.level <= 2 {
                name = isTitle ? bodyField : kind?.rawValue ?? SearchTokenizer.terms(in: text).joined(separator: " ")
            }
            if !isTitle, !text.isEmpty, kind == nil { fields.append(Field(name: headingField, lines: [text])) }
        }
        close()
    }

    /// `text` without the spaces and tabs around it; most texts have none, and Foundation's trimming is slow enough
    /// to show in a build of the index.
    private static func trimmed(_ text: String) -> String {
        func isSpace(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 }
        guard isSpace(text.utf8.first) || isSpace(text.utf8.last) else { return text }
        return String(
            text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    /// The field a section heading names: the section kind for one pm knows (aliases included), else the heading
    /// folded (`Customer communication` → `customer communication`).
    static func fieldName(ofSection heading: String) -> String {
        if let kind = SectionKind(heading: heading) { return kind.rawValue }
        return SearchTokenizer.terms(in: heading).joined(separator: " ")
    }
}
