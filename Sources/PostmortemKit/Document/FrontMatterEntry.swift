/// One `key: value` field of the front matter, with the positions needed to point at it or
/// rewrite it in place.
public struct FrontMatterEntry: Hashable, Sendable {
    /// How the value was written.
    enum Style: String, Hashable, Sendable {
        /// `key:` with nothing after it (an empty string, or the head of a block list).
        case empty
        /// An unquoted scalar.
        case plain
        /// `'…'`.
        case singleQuoted
        /// `"…"`.
        case doubleQuoted
        /// `[a, b]`.
        case flowList
        /// `key:` followed by `- item` lines.
        case blockList
    }

    /// One item of a list value.
    struct Item: Hashable, Sendable {
        /// The item's text, quotes removed and escapes resolved.
        var value: String
        /// Where the item is written, quotes included.
        var range: SourceRange
    }

    /// The key, as written.
    public var key: String
    /// Where the key starts.
    var keyPosition: SourcePosition
    /// The parsed value.
    public var value: FrontMatterValue
    /// How the value was written.
    var style: Style
    /// Where the value starts (for an empty value: just after the colon).
    var valuePosition: SourcePosition
    /// The exact span of the value, quotes and brackets included, comments excluded. For an
    /// empty value it is empty and sits just after the colon; for a block list it runs from
    /// just after the colon to the end of the last item.
    var valueRange: SourceRange
    /// The items of a list value, with their positions.
    var items: [Item]

    /// The line of the key.
    var line: Int { keyPosition.line }
}
