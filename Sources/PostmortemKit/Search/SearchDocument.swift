import Foundation

/// What the search index keeps of one version of a file: its metadata and its text, field by field.
///
/// A document that does not parse as a postmortem (no front matter, foreign Markdown) is still indexed as
/// text, titled by `Postmortem.displayTitle`, so `pm search` works on any folder of Markdown.
struct SearchDocument: Sendable, Equatable {
    /// A named part of the text: the title, the services and tags, or one `##` section.
    struct Field: Sendable, Equatable {
        /// `title`, `tags`, `body` (text before the first section), a section kind (`summary`, `root-cause`) or
        /// an unknown heading, normalized.
        var name: String
        /// The text, a line per line of the document.
        var lines: [String]
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
    /// Timestamps, visibility and action items: what `pm actions` and `pm stats` read from the index.
    var facts: PostmortemFacts

    /// The field name of the title.
    static let titleField = "title"
    /// The field name of the services and tags.
    static let tagsField = "tags"
    /// The field name of the text before the first `##` section.
    static let bodyField = "body"

    /// Parses one version of a file.
    static func make(bytes: [UInt8], path: String, timeZone: TimeZone) -> SearchDocument {
        let postmortem = PostmortemParser.parse(bytes: bytes, path: path, timeZone: timeZone)
        let isPostmortem = postmortem.frontMatter != nil
        let title = postmortem.displayTitle
        var fields = [Field(name: titleField, lines: [title])]
        let tagLines = postmortem.services + postmortem.tags
        if !tagLines.isEmpty { fields.append(Field(name: tagsField, lines: tagLines)) }
        let preamble = postmortem.preamble.flatMap { $0.textLines() }.map(\.text)
        if !preamble.isEmpty { fields.append(Field(name: bodyField, lines: preamble)) }
        for section in postmortem.sections {
            let lines = section.textLines().map(\.text)
            // The heading names the field and is not part of its text: every postmortem has a "Root cause".
            let name = section.kind?.rawValue ?? SearchTokenizer.terms(in: section.title).joined(separator: " ")
            fields.append(Field(name: name, lines: lines))
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
            isPostmortem: isPostmortem, fields: fields, facts: PostmortemFacts(postmortem))
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
