/// A parsed Markdown body: its top-level blocks and the structural problems found in it.
public struct MarkdownDocument: Hashable, Sendable {
    /// The top-level blocks, in document order.
    public var blocks: [Block]
    /// Unclosed code fences, unclosed HTML comments, and nesting beyond the supported depth.
    var errors: [DocumentError]
    /// The first line that was parsed (the line after the front matter).
    var firstLine: Int
    /// The link reference definitions (`[label]: destination "title"`), which are in no block.
    var linkDefinitions: [LinkReferenceDefinition]

    init(blocks: [Block], errors: [DocumentError], firstLine: Int, linkDefinitions: [LinkReferenceDefinition] = []) {
        self.blocks = blocks
        self.errors = errors
        self.firstLine = firstLine
        self.linkDefinitions = linkDefinitions
    }

    /// Every block of the document, in document order.
    public var allBlocks: [Block] {
        blocks.flatMap(\.descendantsAndSelf)
    }
}
