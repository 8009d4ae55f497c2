import Foundation

/// A block-level Markdown element with its source range and child blocks.
public struct Block: Hashable, Sendable {
    /// An ATX (`## Title`) or setext heading.
    public struct Heading: Hashable, Sendable {
        /// 1 to 6.
        public var level: Int
        /// The heading text, markers and closing `#`s removed.
        public var text: String
        /// Where the text is.
        public var textRange: SourceRange
    }

    /// A bullet or ordered list; its children are `.listItem` blocks.
    public struct List: Hashable, Sendable {
        public var isOrdered: Bool
        /// `-`, `*`, `+` for bullets; `.` or `)` for ordered lists.
        public var marker: Character
        /// The number of the first item of an ordered list.
        public var start: Int?
    }

    /// A task-list checkbox: `[ ]`, `[x]` or `[X]`.
    public struct TaskCheckbox: Hashable, Sendable {
        public var isChecked: Bool
        /// The position of the `[`.
        public var position: SourcePosition
        /// The position of the character between the brackets (the one to flip).
        public var markPosition: SourcePosition {
            SourcePosition(line: position.line, column: position.column + 1)
        }
    }

    /// One list item; its children are the blocks inside it.
    public struct ListItem: Hashable, Sendable {
        /// The position of the bullet or number.
        public var markerPosition: SourcePosition
        /// The item's number in an ordered list.
        public var number: Int?
        /// The task checkbox, when the item starts with one.
        public var checkbox: TaskCheckbox?
    }

    /// The alignment of a table column.
    public enum Alignment: String, Hashable, Sendable {
        case none
        case left
        case center
        case right
    }

    /// One table cell.
    public struct TableCell: Hashable, Sendable {
        /// The cell text, trimmed, with `\|` unescaped.
        public var text: String
        /// Where the trimmed text is (an empty range for an empty cell).
        public var range: SourceRange
    }

    /// One table row.
    public struct TableRow: Hashable, Sendable {
        public var cells: [TableCell]
        public var range: SourceRange
    }

    /// A GitHub-flavoured pipe table.
    public struct Table: Hashable, Sendable {
        public var header: TableRow
        public var alignments: [Alignment]
        /// The body rows, each with exactly as many cells as the header.
        public var rows: [TableRow]
    }

    /// A fenced or indented code block.
    public struct CodeBlock: Hashable, Sendable {
        public var isFenced: Bool
        /// The opening fence (for example "```" or "~~~~"), empty for indented code.
        public var fence: String
        /// The info string after the opening fence.
        public var info: String
        /// The content lines.
        public var lines: [TextLine]
        /// Whether a closing fence ended the block (always true for indented code).
        public var isClosed: Bool
    }

    /// An HTML comment block (`<!-- … -->`, on one or several lines).
    public struct HTMLComment: Hashable, Sendable {
        /// The whole lines of the block.
        public var lines: [TextLine]
        /// The text between `<!--` and `-->`.
        public var text: String
        /// Whether `-->` ended it.
        public var isClosed: Bool
    }

    /// What a block is, with what only that kind carries.
    public enum Kind: Hashable, Sendable {
        case heading(Heading)
        case paragraph([TextLine])
        case list(List)
        case listItem(ListItem)
        case table(Table)
        case codeBlock(CodeBlock)
        case blockQuote
        case htmlComment(HTMLComment)
        case thematicBreak
    }

    public var kind: Kind
    public var range: SourceRange
    public var children: [Block]

    public init(kind: Kind, range: SourceRange, children: [Block] = []) {
        self.kind = kind
        self.range = range
        self.children = children
    }

    /// The heading, when the block is one.
    public var heading: Heading? {
        if case .heading(let heading) = kind { return heading }
        return nil
    }

    /// The lines, when the block is a paragraph.
    public var paragraphLines: [TextLine]? {
        if case .paragraph(let lines) = kind { return lines }
        return nil
    }

    /// The list item details, when the block is a list item.
    public var listItem: ListItem? {
        if case .listItem(let item) = kind { return item }
        return nil
    }

    /// The table, when the block is one.
    public var table: Table? {
        if case .table(let table) = kind { return table }
        return nil
    }

    /// Whether the block is an HTML comment.
    public var isHTMLComment: Bool {
        if case .htmlComment = kind { return true }
        return false
    }

    /// This block and every block below it, in document order (iterative, so any depth is safe).
    public var descendantsAndSelf: [Block] {
        var result: [Block] = []
        var stack: [Block] = [self]
        while let block = stack.popLast() {
            result.append(block)
            stack.append(contentsOf: block.children.reversed())
        }
        return result
    }

    /// The text lines of this block and its descendants, in document order: paragraph and
    /// heading text, table cells (a row per line), and code lines unless `includingCode` is
    /// false. HTML comments, block and inline, are left out.
    public func textLines(includingCode: Bool = true) -> [TextLine] {
        var result: [TextLine] = []
        for block in descendantsAndSelf {
            switch block.kind {
            case .heading(let heading):
                result.append(TextLine(text: heading.text, position: heading.textRange.start))
            case .paragraph(let lines):
                for line in lines {
                    let segments = line.segments
                    if segments.contains(where: { $0.kind == .comment }) {
                        let text = segments.filter { $0.kind != .comment }.map { segment in
                            segment.kind == .code ? "`\(segment.text)`" : segment.text
                        }.joined()
                        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
                        if !words.isEmpty {
                            result.append(TextLine(text: words.joined(separator: " "), position: line.position))
                        }
                    } else {
                        result.append(line)
                    }
                }
            case .table(let table):
                for row in [table.header] + table.rows {
                    let text = row.cells.map(\.text).joined(separator: " | ")
                    result.append(TextLine(text: text, position: row.range.start))
                }
            case .codeBlock(let code):
                if includingCode { result.append(contentsOf: code.lines) }
            case .list, .listItem, .blockQuote, .htmlComment, .thematicBreak:
                break
            }
        }
        return result
    }

    /// The plain text of the block: `textLines()` joined by newlines.
    public var plainText: String {
        textLines().map(\.text).joined(separator: "\n")
    }
}
