/// A span of a document from `start` up to, but not including, `end`.
///
/// `end` is the position just past the last byte of the span, so a span covering the
/// whole of a 5-byte line 3 is `3:1-3:6`, and an empty span has `start == end`.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible, Codable {
    public var start: SourcePosition
    public var end: SourcePosition

    init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// A span on one line, from `column` for `length` bytes.
    init(line: Int, column: Int, length: Int) {
        self.start = SourcePosition(line: line, column: column)
        self.end = SourcePosition(line: line, column: column + max(0, length))
    }

    /// Whether `position` lies inside the span.
    func contains(_ position: SourcePosition) -> Bool {
        start <= position && position < end
    }

    /// `start-end`, for example `3:1-3:6`.
    public var description: String { "\(start)-\(end)" }
}
