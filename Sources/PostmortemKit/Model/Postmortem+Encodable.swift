import Foundation

/// The JSON that `pm show --json` prints: camelCase keys, absent values as null.
extension Postmortem: Encodable {
    private enum Keys: String, CodingKey {
        case id, path, title, date, severity, status, services, tags, authors, related, supersedes, visibility
        case timestamps, frontMatter, sections, timeline, actionItems, durations, errors
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(path, forKey: .path)
        try container.encode(title, forKey: .title)
        try container.encode(date?.description, forKey: .date)
        try container.encode(severity, forKey: .severity)
        try container.encode(status?.rawValue, forKey: .status)
        try container.encode(services, forKey: .services)
        try container.encode(tags, forKey: .tags)
        try container.encode(authors, forKey: .authors)
        try container.encode(related, forKey: .related)
        try container.encode(supersedes, forKey: .supersedes)
        try container.encode(visibility, forKey: .visibility)
        try container.encode(
            TimestampsJSON(
                started: started, detected: detected, acknowledged: acknowledged, mitigated: mitigated,
                resolved: resolved),
            forKey: .timestamps)
        try container.encode(FrontMatterJSON(entries: frontMatter?.entries ?? []), forKey: .frontMatter)
        try container.encode(sections.map(SectionJSON.init), forKey: .sections)
        try container.encode(timeline.map(TimelineEntryJSON.init), forKey: .timeline)
        try container.encode(actionItems.map(ActionItemJSON.init), forKey: .actionItems)
        try container.encode(durations, forKey: .durations)
        try container.encode(errors.map(ErrorJSON.init), forKey: .errors)
    }
}

private struct TimestampsJSON: Encodable {
    var started, detected, acknowledged, mitigated, resolved: Date?

    private enum Keys: String, CodingKey { case started, detected, acknowledged, mitigated, resolved }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(started.map(Timestamp.iso8601), forKey: .started)
        try container.encode(detected.map(Timestamp.iso8601), forKey: .detected)
        try container.encode(acknowledged.map(Timestamp.iso8601), forKey: .acknowledged)
        try container.encode(mitigated.map(Timestamp.iso8601), forKey: .mitigated)
        try container.encode(resolved.map(Timestamp.iso8601), forKey: .resolved)
    }
}

private struct FrontMatterJSON: Encodable {
    var entries: [FrontMatterEntry]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for entry in entries {
            try container.encode(entry.value, forKey: Key(stringValue: entry.key))
        }
    }
}

private struct SectionJSON: Encodable {
    var title: String
    var kind: String?
    var line: Int
    var text: String
    var isEmpty: Bool

    init(_ section: Section) {
        title = section.title
        kind = section.kind?.rawValue
        line = section.line
        text = section.text
        isEmpty = section.isEmpty
    }

    private enum Keys: String, CodingKey { case title, kind, line, text, isEmpty }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(title, forKey: .title)
        try container.encode(kind, forKey: .kind)
        try container.encode(line, forKey: .line)
        try container.encode(text, forKey: .text)
        try container.encode(isEmpty, forKey: .isEmpty)
    }
}

private struct TimelineEntryJSON: Encodable {
    var line: Int
    var time: String?
    var timestamp: String?
    var text: String

    init(_ entry: TimelineEntry) {
        line = entry.line
        time = entry.timeText.isEmpty ? nil : entry.timeText
        timestamp = entry.timestamp.map(Timestamp.iso8601)
        text = entry.text
    }

    private enum Keys: String, CodingKey { case line, time, timestamp, text }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(line, forKey: .line)
        try container.encode(time, forKey: .time)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(text, forKey: .text)
    }
}

private struct ActionItemJSON: Encodable {
    var number: Int
    var line: Int
    var done: Bool
    var action: String
    var owner: String?
    var due: String?
    var ticket: String?
    var type: String?
    var priority: String?

    init(_ item: ActionItem) {
        number = item.number
        line = item.line
        done = item.isDone
        action = item.action
        owner = item.owner
        due = item.due?.description ?? item.dueText
        ticket = item.ticket
        type = item.type?.rawValue ?? item.typeText
        priority = item.priority
    }

    private enum Keys: String, CodingKey { case number, line, done, action, owner, due, ticket, type, priority }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(number, forKey: .number)
        try container.encode(line, forKey: .line)
        try container.encode(done, forKey: .done)
        try container.encode(action, forKey: .action)
        try container.encode(owner, forKey: .owner)
        try container.encode(due, forKey: .due)
        try container.encode(ticket, forKey: .ticket)
        try container.encode(type, forKey: .type)
        try container.encode(priority, forKey: .priority)
    }
}

private struct ErrorJSON: Encodable {
    var line: Int
    var column: Int
    var message: String

    init(_ error: DocumentError) {
        line = error.position.line
        column = error.position.column
        message = error.message
    }
}
