import Foundation

/// The JSON that `pm export --format json` prints: the public fields, and each public section as Markdown, HTML and
/// plain text; absent values as null, like pm's other JSON.
extension PublicSummary: Encodable {
    private enum Keys: String, CodingKey {
        case id, title, date, severity, status, visibility, services, timestamps, durations, sections, actionItems
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(HTMLEscaper.removingControlCharacters(title), forKey: .title)
        try container.encode(date?.description, forKey: .date)
        try container.encode(severity.map(HTMLEscaper.removingControlCharacters), forKey: .severity)
        try container.encode(status?.rawValue, forKey: .status)
        try container.encode(visibility?.rawValue, forKey: .visibility)
        try container.encode(services.map(HTMLEscaper.removingControlCharacters), forKey: .services)
        try container.encode(
            PublicTimestampsJSON(started: started, detected: detected, mitigated: mitigated, resolved: resolved),
            forKey: .timestamps)
        try container.encode(PublicDurationsJSON(durations), forKey: .durations)
        try container.encode(sections.map(PublicSectionJSON.init), forKey: .sections)
        let items = sections.compactMap(\.actionItems).flatMap { $0 }
        try container.encode(items.map(PublicActionItemJSON.init), forKey: .actionItems)
    }
}

private struct PublicTimestampsJSON: Encodable {
    var started, detected, mitigated, resolved: Date?

    private enum Keys: String, CodingKey { case started, detected, mitigated, resolved }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(started.map(Timestamp.iso8601), forKey: .started)
        try container.encode(detected.map(Timestamp.iso8601), forKey: .detected)
        try container.encode(mitigated.map(Timestamp.iso8601), forKey: .mitigated)
        try container.encode(resolved.map(Timestamp.iso8601), forKey: .resolved)
    }
}

private struct PublicDurationsJSON: Encodable {
    var durations: Durations

    init(_ durations: Durations) { self.durations = durations }

    private enum Keys: String, CodingKey { case timeToDetect, timeToMitigate, timeToResolve }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(durations.timeToDetect, forKey: .timeToDetect)
        try container.encode(durations.timeToMitigate, forKey: .timeToMitigate)
        try container.encode(durations.timeToResolve, forKey: .timeToResolve)
    }
}

private struct PublicSectionJSON: Encodable {
    var section: PublicSummary.PublicSection

    private enum Keys: String, CodingKey { case title, kind, anchor, markdown, html, text }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(HTMLEscaper.removingControlCharacters(section.title), forKey: .title)
        try container.encode(section.kind?.rawValue, forKey: .kind)
        try container.encode(section.anchor, forKey: .anchor)
        let text: String
        if let items = section.actionItems {
            text = items.map { ($0.isDone ? "[x] " : "[ ] ") + InlineMarkdownParser.parse($0.action).plainText }.joined(
                separator: "\n")
        } else {
            text = PublicSummary.plainText(section.blocks)
        }
        try container.encode(PublicSummaryMarkdown().body(of: section), forKey: .markdown)
        try container.encode(PublicSummaryHTML().body(of: section), forKey: .html)
        try container.encode(HTMLEscaper.removingControlCharacters(text), forKey: .text)
    }
}

private struct PublicActionItemJSON: Encodable {
    var item: PublicSummary.PublicActionItem

    private enum Keys: String, CodingKey { case action, done }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(
            HTMLEscaper.removingControlCharacters(InlineMarkdownParser.parse(item.action).plainText), forKey: .action)
        try container.encode(item.isDone, forKey: .done)
    }
}
