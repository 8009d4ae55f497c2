/// One line of text inside a block, with where its first byte is.
struct TextLine: Hashable, Sendable {
    /// The text, leading indentation and container markers removed.
    var text: String
    /// The position of the first byte of `text`.
    var position: SourcePosition
    /// The original bytes when they are not valid UTF-8, so columns stay exact.
    var invalidBytes: [UInt8]?
    /// Whether the line starts inside an HTML comment that an earlier line of its paragraph opened: its text up to
    /// `-->` (all of it, without one) is comment. Set by the parser; see `InlineSegment.markingComments`.
    var startsInComment = false

    init(text: String, position: SourcePosition) {
        self.text = text
        self.position = position
        self.invalidBytes = nil
    }

    init(bytes: ArraySlice<UInt8>, position: SourcePosition) {
        let text = SourceByte.string(bytes)
        self.text = text
        self.position = position
        self.invalidBytes = text.utf8.count == bytes.count ? nil : Array(bytes)
    }

    /// The UTF-8 bytes the line was read from.
    var utf8: [UInt8] { invalidBytes ?? Array(text.utf8) }

    /// The range the line covers.
    var range: SourceRange {
        SourceRange(line: position.line, column: position.column, length: utf8.count)
    }

    /// The line split into plain text, code spans and inline HTML comments (also the part of one that an earlier
    /// line opened, or that a later line closes).
    var segments: [InlineSegment] {
        InlineSegment.split(self)
    }
}
