import Foundation

/// The JSON that `pm export --format json` prints: the public fields, and each public section as Markdown, HTML and
/// plain text; absent values as null, like pm's other JSON.
extension PublicSummary: JSONRepresentable {
    public var jsonObject: [(String, JSONValue)] {
        let items = sections.compactMap(\.actionItems).flatMap { $0 }
        return [
            ("id", .string(id)), ("title", .string(HTMLEscaper.removingControlCharacters(title))),
            ("date", .string(date?.description)), ("severity", .string(severity.map(HTMLEscaper.removingControlCharacters))),
            ("status", .string(status?.rawValue)), ("visibility", .string(visibility?.rawValue)),
            ("services", .strings(services.map(HTMLEscaper.removingControlCharacters))),
            (
                "timestamps",
                .object(
                    [("started", started), ("detected", detected), ("mitigated", mitigated), ("resolved", resolved)].map {
                        ($0, .string($1.map(Timestamp.iso8601)))
                    })
            ),
            (
                "durations",
                .object([
                    ("timeToDetect", .double(durations.timeToDetect)), ("timeToMitigate", .double(durations.timeToMitigate)),
                    ("timeToResolve", .double(durations.timeToResolve)),
                ])
            ),
            (
                "fields",
                .object(
                    fields.map { field in
                        switch field.value {
                        case .string(let value): return (field.key, .string(HTMLEscaper.removingControlCharacters(value)))
                        case .list(let values): return (field.key, .strings(values.map(HTMLEscaper.removingControlCharacters)))
                        }
                    })
            ),
            ("sections", .array(sections.map(Self.json))), ("actionItems", .array(items.map(Self.json))),
        ]
    }

    private static func json(_ section: PublicSection) -> JSONValue {
        let text: String
        if let items = section.actionItems {
            text = items.map { ($0.isDone ? "[x] " : "[ ] ") + InlineMarkdownParser.parse($0.action).plainText }.joined(
                separator: "\n")
        } else {
            text = PublicSummary.plainText(section.blocks)
        }
        return .object([
            ("title", .string(HTMLEscaper.removingControlCharacters(section.title))), ("kind", .string(section.kind?.rawValue)),
            ("anchor", .string(section.anchor)), ("markdown", .string(PublicSummaryMarkdown().body(of: section))),
            ("html", .string(PublicSummaryHTML().body(of: section))),
            ("text", .string(HTMLEscaper.removingControlCharacters(text))),
        ])
    }

    private static func json(_ item: PublicActionItem) -> JSONValue {
        .object([
            ("action", .string(HTMLEscaper.removingControlCharacters(InlineMarkdownParser.parse(item.action).plainText))),
            ("done", .bool(item.isDone)),
        ])
    }
}
