import Foundation

/// One entry of the Timeline section: a list item or table row that should begin with a time.
public struct TimelineEntry: Hashable, Sendable {
    /// Where the entry starts (the list marker, or the start of the table row).
    var position: SourcePosition
    /// The whole entry.
    var range: SourceRange
    /// Whether the entry begins with something shaped like a time (`HH:MM`, with an optional
    /// date, seconds and zone) — even an impossible one such as `25:61`.
    var beginsWithTime: Bool
    /// The time as written, for example `14:02`, `2026-11-21 00:15 UTC`; empty when none.
    public var timeText: String
    /// Where the time is written.
    var timeRange: SourceRange?
    /// Whether the entry wrote its own date.
    var hasExplicitDate: Bool
    /// The entry's calendar date: its own, else the previous entry's, else the front matter's.
    var date: LocalDate?
    /// The instant, when the time is valid and a date is known.
    public var timestamp: Date?
    /// What happened: the text after the time and an optional separator (`—`, `-`, `:`).
    public var text: String
    /// Where `text` starts.
    var textPosition: SourcePosition

    /// The line the entry starts on.
    var line: Int { position.line }
}
