import Foundation

/// The JSON that `pm show --json` prints: camelCase keys, absent values as null.
extension Postmortem: JSONRepresentable {
    public var jsonObject: [(String, JSONValue)] {
        [
            ("id", .string(id)), ("path", .string(path)), ("title", .string(title)), ("displayTitle", .string(displayTitle)),
            ("date", .string(date?.description)),
            ("severity", .string(severity)), ("status", .string(status?.rawValue)), ("services", .strings(services)),
            ("tags", .strings(tags)), ("authors", .strings(authors)), ("related", .strings(related)),
            ("supersedes", .strings(supersedes)), ("visibility", .string(visibility)),
            (
                "timestamps",
                .object(
                    [
                        ("started", started), ("detected", detected), ("acknowledged", acknowledged), ("mitigated", mitigated),
                        ("resolved", resolved),
                    ].map { ($0, .string($1.map(Timestamp.iso8601))) })
            ),
            ("frontMatter", frontMatterJSON), ("sections", .array(sections.map(Self.json))),
            ("timeline", .array(timeline.map(Self.json))), ("actionItems", .array(actionItems.map(Self.json))),
            ("durations", durations.json), ("errors", .array(errors.map(Self.json))),
        ]
    }

    /// Every field as written, lists as arrays; a key the parser saw twice keeps its first value, as the parser does.
    private var frontMatterJSON: JSONValue {
        var seen: Set<String> = []
        return .object(
            (frontMatter?.entries ?? []).compactMap { entry in
                seen.insert(entry.key).inserted ? (entry.key, entry.value.json) : nil
            })
    }

    private static func json(_ section: Section) -> JSONValue {
        .object([
            ("title", .string(section.title)), ("kind", .string(section.kind?.rawValue)), ("line", .int(section.line)),
            ("text", .string(section.text)), ("isEmpty", .bool(section.isEmpty)),
        ])
    }

    private static func json(_ entry: TimelineEntry) -> JSONValue {
        .object([
            ("line", .int(entry.line)), ("time", .string(entry.timeText.isEmpty ? nil : entry.timeText)),
            ("timestamp", .string(entry.timestamp.map(Timestamp.iso8601))), ("text", .string(entry.text)),
        ])
    }

    private static func json(_ item: ActionItem) -> JSONValue {
        .object([
            ("number", .int(item.number)), ("line", .int(item.line)), ("done", .bool(item.isDone)),
            ("action", .string(item.action)), ("owner", .string(item.owner)),
            ("due", .string(item.due?.description ?? item.dueText)), ("ticket", .string(item.ticket)),
            ("type", .string(item.type?.rawValue ?? item.typeText)), ("priority", .string(item.priority)),
        ])
    }

    private static func json(_ error: DocumentError) -> JSONValue {
        .object([
            ("line", .int(error.position.line)), ("column", .int(error.position.column)), ("message", .string(error.message)),
        ])
    }
}

extension FrontMatterValue {
    /// A JSON string, or an array of strings.
    public var json: JSONValue {
        switch self {
        case .string(let value): return .string(value)
        case .list(let items): return .strings(items)
        }
    }
}
