/// A `##` section of a postmortem: its heading, what kind it is, and the blocks under it.
public struct Section: Hashable, Sendable {
    /// The heading text as written.
    public var title: String
    /// The section pm recognises from the heading, or nil for a section it does not know.
    public var kind: SectionKind?
    /// The position of the heading's first `#`.
    public var headingPosition: SourcePosition
    /// The heading line.
    var headingRange: SourceRange
    /// Where the heading text is.
    var titleRange: SourceRange
    /// The blocks up to the next `#` or `##` heading.
    var blocks: [Block]
    /// From the heading to the end of the last block.
    var range: SourceRange
    /// The plain text of the blocks (HTML comments left out), one text line per line; computed when asked, as
    /// indexing thousands of versions needs the lines, not the joined text.
    public var text: String {
        blocks.flatMap { $0.textLines() }.map(\.text).joined(separator: "\n")
    }
    /// True when the section holds nothing but whitespace and HTML comments.
    public var isEmpty: Bool

    /// The line of the heading.
    var line: Int { headingPosition.line }

    init(title: String, kind: SectionKind?, headingRange: SourceRange, titleRange: SourceRange, blocks: [Block]) {
        self.title = title
        self.kind = kind
        self.headingPosition = headingRange.start
        self.headingRange = headingRange
        self.titleRange = titleRange
        self.blocks = blocks
        self.range = SourceRange(start: headingRange.start, end: blocks.last?.range.end ?? headingRange.end)
        self.isEmpty = blocks.allSatisfy(\.isHTMLComment)
    }

    /// The text lines of the section with their positions (HTML comments left out).
    func textLines(includingCode: Bool = true) -> [TextLine] {
        blocks.flatMap { $0.textLines(includingCode: includingCode) }
    }
}
