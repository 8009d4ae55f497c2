import Foundation

/// A block-level Markdown element with its source range and child blocks.
public struct Block: Hashable, Sendable {
    /// An ATX (`## Title`) or setext heading.
    struct Heading: Hashable, Sendable {
        /// 1 to 6.
        var level: Int
        /// The heading text, markers and closing `#`s removed.
        var text: String
        /// Where the text is.
        var textRange: SourceRange
    }

    /// A bullet or ordered list; its children are `.listItem` blocks.
    struct List: Hashable, Sendable {
        var isOrdered: Bool
        /// `-`, `*`, `+` for bullets; `.` or `)` for ordered lists.
        var marker: Character
        /// The number of the first item of an ordered list.
        var start: Int?
    }

    /// A task-list checkbox: `[ ]`, `[x]` or `[X]`.
    struct TaskCheckbox: Hashable, Sendable {
        var isChecked: Bool
        /// The position of the `[`.
        var position: SourcePosition
        /// The position of the character between the brackets (the one to flip).
        var markPosition: SourcePosition {
            SourcePosition(line: position.line, column: position.column + 1)
        }
    }

    /// One list item; its children are the blocks inside it.
    struct ListItem: Hashable, Sendable {
        /// The position of the bullet or number.
        var markerPosition: SourcePosition
        /// The item's number in an ordered list.
        var number: Int?
        /// The task checkbox, when the item starts with one.
        var checkbox: TaskCheckbox?
    }

    /// The alignment of a table column.
    enum Alignment: String, Hashable, Sendable {
        case none
        case left
        case center
        case right
    }

    /// One table cell.
    struct TableCell: Hashable, Sendable {
        /// The cell text, trimmed, with `\|` unescaped.
        var text: String
        /// Where the trimmed text is (an empty range for an empty cell).
        var range: SourceRange
    }

    /// One table row.
    struct TableRow: Hashable, Sendable {
        var cells: [TableCell]
        var range: SourceRange
    }

    /// A GitHub-flavoured pipe table.
    struct Table: Hashable, Sendable {
        var header: TableRow
        var alignments: [Alignment]
        /// The body rows, each with exactly as many cells as the header.
        var rows: [TableRow]
    }

    /// A fenced or indented code block.
    struct CodeBlock: Hashable, Sendable {
        var isFenced: Bool
        /// The opening fence (for example "```" or "~~~~"), empty for indented code.
        var fence: String
        /// The info string after the opening fence.
        var info: String
        /// The content lines.
        var lines: [TextLine]
        /// Whether a closing fence ended the block (always true for indented code).
        var isClosed: Bool
    }

    /// An HTML comment block (`<!-- … -->`, on one or several lines).
    struct HTMLComment: Hashable, Sendable {
        /// The whole lines of the block.
        var lines: [TextLine]
        /// The text between `<!--` and `-->`.
        var text: String
        /// Whether `-->` ended it.
        var isClosed: Bool
    }

    /// What a block is, with what only that kind carries.
    enum Kind: Hashable, Sendable {
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

    var kind: Kind
    var range: SourceRange
    var children: [Block]

    init(kind: Kind, range: SourceRange, children: [Block] = []) {
        self.kind = kind
        self.range = range
        self.children = children
    }

    /// The heading, when the block is one.
    var heading: Heading? {
        if case .heading(let heading) = kind { return heading }
        return nil
    }

    /// The lines, when the block is a paragraph.
    var paragraphLines: [TextLine]? {
        if case .paragraph(let lines) = kind { return lines }
        return nil
    }

    /// The list item details, when the block is a list item.
    var listItem: ListItem? {
        if case .listItem(let item) = kind { return item }
        return nil
    }

    /// The table, when the block is one.
    var table: Table? {
        if case .table(let table) = kind { return table }
        return nil
    }

    /// Whether the block is an HTML comment.
    var isHTMLComment: Bool {
        if case .htmlComment = kind { return true }
        return false
    }

    /// This block and every block below it, in document order (iterative, so any depth is safe).
    var descendantsAndSelf: [Block] {
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
    func textLines(includingCode: Bool = true) -> [TextLine] {
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
    var plainText: String {
        textLines().map(\.text).joined(separator: "\n")
    }
}
