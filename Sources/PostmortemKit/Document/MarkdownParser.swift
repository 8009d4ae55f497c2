import Foundation

/// Parses Markdown blocks (CommonMark structure plus GitHub tables and task items), keeping
/// the source position of every block.
///
/// The parser works line by line with an explicit stack of open blocks, so it runs in linear
/// time and never recurses on the input; containers nested deeper than
/// `maximumNestingDepth` are read as plain text and reported.
public enum MarkdownParser {
    /// The deepest nesting of block quotes and list items that is parsed as structure.
    static let maximumNestingDepth = 64

    /// Parses the lines of `source` from `firstLine` (1-based) on.
    public static func parse(_ source: SourceText, fromLine firstLine: Int = 1, path: String? = nil)
        -> MarkdownDocument
    {
        var parser = MarkdownBlockParser()
        let start = max(1, firstLine)
        if start <= source.lineCount {
            for number in start...source.lineCount {
                parser.process(Array(source.lineBytes(number)), line: number)
            }
        }
        let blocks = parser.finish()
        return MarkdownDocument(
            blocks: blocks, errors: parser.errors.map { $0.inFile(path) }, firstLine: start,
            linkDefinitions: parser.linkDefinitions)
    }

    /// Parses `text` as a whole Markdown document.
    static func parse(_ text: String) -> MarkdownDocument {
        parse(SourceText(text))
    }
}

/// A block being built.
final class MarkdownNode {
    /// What the block is, with what only that kind carries while it is built.
    enum Kind {
        case document
        case blockQuote
        case list(isOrdered: Bool, marker: UInt8, start: Int?)
        case listItem(contentIndent: Int, number: Int?, checkbox: Block.TaskCheckbox?)
        case paragraph
        case heading(level: Int, text: String, textRange: SourceRange)
        case fencedCode(fence: UInt8, length: Int, indent: Int, info: String)
        case indentedCode
        case htmlComment
        case table(header: Block.TableRow, alignments: [Block.Alignment])
        case thematicBreak
    }

    var kind: Kind
    var children: [MarkdownNode] = []
    var start: SourcePosition
    var end: SourcePosition
    var lines: [TextLine] = []
    var rows: [Block.TableRow] = []
    var isClosed = false

    init(kind: Kind, start: SourcePosition, end: SourcePosition) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    var isContainer: Bool {
        switch kind {
        case .document, .blockQuote, .list, .listItem: return true
        default: return false
        }
    }

    /// Whether the node takes whole lines without looking for new blocks in them.
    var acceptsLines: Bool {
        switch kind {
        case .fencedCode, .indentedCode, .htmlComment: return true
        default: return false
        }
    }

    var isParagraph: Bool {
        if case .paragraph = kind { return true }
        return false
    }

    var isTable: Bool {
        if case .table = kind { return true }
        return false
    }

    var isNestingContainer: Bool {
        switch kind {
        case .blockQuote, .listItem: return true
        default: return false
        }
    }

    func canContain(_ child: Kind) -> Bool {
        switch kind {
        case .document, .blockQuote, .listItem:
            if case .listItem = child { return false }
            return true
        case .list:
            if case .listItem = child { return true }
            return false
        default:
            return false
        }
    }
}

/// Where the parser is in the current line.
struct MarkdownLineCursor {
    let bytes: [UInt8]
    let line: Int
    /// The byte offset of the next unconsumed byte.
    var offset = 0
    /// The virtual column of `offset`, tabs expanded to multiples of 4.
    var column = 0
    /// The offset of the next byte that is not a space or tab.
    var nextNonspace = 0
    /// The columns of whitespace between `offset` and `nextNonspace`.
    var indent = 0
    /// Whether only whitespace remains.
    var isBlank = false

    init(bytes: [UInt8], line: Int) {
        self.bytes = bytes
        self.line = line
    }

    var count: Int { bytes.count }

    /// The virtual column of `nextNonspace`.
    private var nextNonspaceColumn = 0
    /// Whether `nextNonspace` was found from an offset at or before the current one.
    private var hasScanned = false

    mutating func findNextNonspace() {
        // Consuming indentation does not move the next non-space byte, so a scan stays valid
        // until the offset passes it; this keeps deep nesting linear in the line length.
        if hasScanned && offset <= nextNonspace {
            indent = nextNonspaceColumn - column
            return
        }
        var index = offset
        var virtualColumn = column
        while index < bytes.count {
            let byte = bytes[index]
            if byte == SourceByte.space {
                virtualColumn += 1
            } else if byte == SourceByte.tab {
                virtualColumn += 4 - virtualColumn % 4
            } else {
                break
            }
            index += 1
        }
        nextNonspace = index
        nextNonspaceColumn = virtualColumn
        hasScanned = true
        indent = virtualColumn - column
        isBlank = index == bytes.count || (index == bytes.count - 1 && bytes[index] == SourceByte.carriageReturn)
    }

    /// Consumes `columns` columns (a tab that straddles the limit is consumed whole).
    mutating func advance(columns: Int) {
        var remaining = columns
        while remaining > 0 && offset < bytes.count {
            let byte = bytes[offset]
            if byte == SourceByte.tab {
                let width = 4 - column % 4
                column += width
                remaining -= width
            } else {
                column += 1
                remaining -= 1
            }
            offset += 1
        }
    }

    /// Consumes `count` bytes that are not tabs.
    mutating func advance(bytes count: Int) {
        offset += count
        column += count
    }

    mutating func advanceToNextNonspace() {
        findNextNonspace()
        column += indent
        offset = nextNonspace
    }

    /// The byte at `index`, or nil past the end.
    func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// The position of byte `index`.
    func position(_ index: Int) -> SourcePosition {
        SourcePosition(line: line, column: index + 1)
    }

    /// The offset just past the last non-whitespace byte at or after `from`.
    func trimmedEnd(from: Int) -> Int {
        var end = bytes.count
        while end > from && (SourceByte.isSpaceOrTab(bytes[end - 1]) || bytes[end - 1] == SourceByte.carriageReturn) {
            end -= 1
        }
        return end
    }
}

/// The state of a block parse.
struct MarkdownBlockParser {
    let document = MarkdownNode(
        kind: .document, start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
    var stack: [MarkdownNode]
    var errors: [DocumentError] = []
    /// The link reference definitions taken out of paragraphs, in document order.
    var linkDefinitions: [LinkReferenceDefinition] = []
    var reportedDepth = false

    init() {
        stack = [document]
    }

    // MARK: Lines

    mutating func process(_ bytes: [UInt8], line: Int) {
        var cursor = MarkdownLineCursor(bytes: bytes, line: line)
        let tipBefore = stack[stack.count - 1]

        // 1. Which open blocks does the line continue?
        var lastMatched = 0
        var allMatched = true
        var index = 1
        while index < stack.count {
            let node = stack[index]
            cursor.findNextNonspace()
            var matched = false
            switch node.kind {
            case .blockQuote:
                if cursor.indent <= 3 && cursor.byte(at: cursor.nextNonspace) == SourceByte.greaterThan {
                    cursor.advanceToNextNonspace()
                    cursor.advance(bytes: 1)
                    if let next = cursor.byte(at: cursor.offset), SourceByte.isSpaceOrTab(next) {
                        cursor.advance(columns: 1)
                    }
                    matched = true
                }
            case .list:
                matched = true
            case .listItem(let contentIndent, _, _):
                if cursor.isBlank {
                    if !node.children.isEmpty {
                        cursor.advanceToNextNonspace()
                        matched = true
                    }
                } else if cursor.indent >= contentIndent {
                    cursor.advance(columns: contentIndent)
                    matched = true
                }
            case .fencedCode(let fence, let length, let fenceIndent, _):
                if isClosingFence(cursor, fence: fence, length: length) {
                    node.isClosed = true
                    node.end = cursor.position(cursor.trimmedEnd(from: 0))
                    closeBlocks(downTo: index - 1)
                    return
                }
                cursor.advance(columns: min(cursor.indent, fenceIndent))
                matched = true
            case .indentedCode:
                if cursor.indent >= 4 {
                    cursor.advance(columns: 4)
                    matched = true
                } else if cursor.isBlank {
                    cursor.advanceToNextNonspace()
                    matched = true
                }
            case .htmlComment:
                matched = true
            case .paragraph, .table:
                matched = !cursor.isBlank
            case .document, .heading, .thematicBreak:
                matched = false
            }
            if !matched {
                allMatched = false
                break
            }
            lastMatched = index
            index += 1
        }

        // 2. Does the line open new blocks?
        var containerIndex = lastMatched
        var container = stack[containerIndex]
        var depth = 0
        for node in stack[0...containerIndex] where node.isNestingContainer { depth += 1 }
        var openedNew = false
        var lineDone = false

        if !container.acceptsLines {
            while true {
                cursor.findNextNonspace()
                let start = cursor.nextNonspace
                if cursor.indent >= 4 {
                    if !(tipBefore.isParagraph || tipBefore.isTable) && !cursor.isBlank {
                        cursor.advance(columns: 4)
                        container = addChild(
                            .indentedCode, start: cursor.position(cursor.offset), containerIndex: &containerIndex)
                        openedNew = true
                    }
                    break
                }
                if cursor.isBlank { break }
                let byte = cursor.bytes[start]

                if byte == SourceByte.greaterThan {
                    if !allowsDeeperNesting(depth, at: cursor.position(start)) { break }
                    cursor.advanceToNextNonspace()
                    cursor.advance(bytes: 1)
                    if let next = cursor.byte(at: cursor.offset), SourceByte.isSpaceOrTab(next) {
                        cursor.advance(columns: 1)
                    }
                    container = addChild(.blockQuote, start: cursor.position(start), containerIndex: &containerIndex)
                    container.end = cursor.position(start + 1)
                    depth += 1
                    openedNew = true
                    continue
                }
                if let heading = atxHeading(cursor) {
                    container = addChild(heading.kind, start: cursor.position(start), containerIndex: &containerIndex)
                    container.end = heading.end
                    closeBlocks(downTo: containerIndex - 1)
                    openedNew = true
                    lineDone = true
                    break
                }
                if let fence = fenceOpening(cursor) {
                    container = addChild(fence, start: cursor.position(start), containerIndex: &containerIndex)
                    container.end = cursor.position(cursor.trimmedEnd(from: start))
                    openedNew = true
                    lineDone = true
                    break
                }
                if byte == SourceByte.lessThan && hasPrefix("<!--", in: cursor.bytes, at: start) {
                    container = addChild(.htmlComment, start: cursor.position(start), containerIndex: &containerIndex)
                    cursor.advanceToNextNonspace()
                    openedNew = true
                    break
                }
                if container.isParagraph, let level = setextLevel(cursor) {
                    convertToSetextHeading(container, level: level, underlineEnd: cursor.position(cursor.trimmedEnd(from: start)))
                    closeBlocks(downTo: containerIndex - 1)
                    lineDone = true
                    break
                }
                if isThematicBreak(cursor) {
                    container = addChild(.thematicBreak, start: cursor.position(start), containerIndex: &containerIndex)
                    container.end = cursor.position(cursor.trimmedEnd(from: start))
                    closeBlocks(downTo: containerIndex - 1)
                    openedNew = true
                    lineDone = true
                    break
                }
                if container.isParagraph, let table = tableStart(cursor, paragraph: container) {
                    startTable(table, paragraph: container, containerIndex: &containerIndex)
                    openedNew = true
                    lineDone = true
                    break
                }
                if let marker = listMarker(cursor, interruptsParagraph: container.isParagraph) {
                    if !allowsDeeperNesting(depth, at: cursor.position(start)) { break }
                    container = openListItem(marker, cursor: &cursor, containerIndex: &containerIndex)
                    depth += 1
                    openedNew = true
                    if case .listItem(_, _, let checkbox) = container.kind, checkbox != nil { break }
                    continue
                }
                break
            }
        }
        if lineDone { return }

        // 3. Add the rest of the line.
        cursor.findNextNonspace()
        if !openedNew && !allMatched && tipBefore.isParagraph && !cursor.isBlank {
            appendParagraphLine(tipBefore, cursor: cursor)
            return
        }
        closeBlocks(downTo: containerIndex)
        container = stack[stack.count - 1]
        switch container.kind {
        case .indentedCode, .fencedCode:
            container.lines.append(
                TextLine(bytes: cursor.bytes[cursor.offset...], position: cursor.position(cursor.offset)))
            container.end = cursor.position(cursor.bytes.count)
        case .htmlComment:
            let from = openedNew ? cursor.nextNonspace : cursor.offset
            container.lines.append(TextLine(bytes: cursor.bytes[from...], position: cursor.position(from)))
            container.end = cursor.position(cursor.trimmedEnd(from: from))
            let searchFrom = openedNew ? from + 4 : from
            if SourceByte.find(Array("-->".utf8), in: cursor.bytes, from: searchFrom) != nil {
                container.isClosed = true
                closeBlocks(downTo: stack.count - 2)
            }
        case .table:
            if cursor.isBlank { break }
            let row = MarkdownBlockParser.tableRow(
                cursor.bytes, from: cursor.nextNonspace, line: cursor.line, cellCount: container.tableColumnCount)
            container.rows.append(row)
            container.end = row.range.end
        case .paragraph:
            if !cursor.isBlank { appendParagraphLine(container, cursor: cursor) }
        default:
            if !cursor.isBlank {
                let paragraph = addChild(
                    .paragraph, start: cursor.position(cursor.nextNonspace), containerIndex: &containerIndex)
                appendParagraphLine(paragraph, cursor: cursor)
            }
        }
    }

    mutating func finish() -> [Block] {
        closeBlocks(downTo: -1)
        return document.children.compactMap { makeBlock($0) }
    }

    // MARK: Tree building

    /// Closes every open block above `index` in the stack (all of them for -1).
    mutating func closeBlocks(downTo index: Int) {
        while stack.count - 1 > index, let node = stack.popLast() {
            finalize(node)
        }
        if stack.isEmpty { stack = [document] }
    }

    func finalize(_ node: MarkdownNode) {
        switch node.kind {
        case .indentedCode:
            while let last = node.lines.last, SourceByte.isBlank(last.utf8[...]) {
                node.lines.removeLast()
            }
            if let last = node.lines.last { node.end = last.range.end }
        case .document, .blockQuote, .list, .listItem:
            if let last = node.children.last, last.end > node.end { node.end = last.end }
            if case .list = node.kind, let first = node.children.first { node.start = first.start }
        default:
            break
        }
    }

    /// Adds a block of `kind` at the deepest place that can hold it, closing what cannot.
    mutating func addChild(_ kind: MarkdownNode.Kind, start: SourcePosition, containerIndex: inout Int)
        -> MarkdownNode
    {
        closeBlocks(downTo: containerIndex)
        while let parent = stack.last, !parent.canContain(kind), stack.count > 1 {
            finalize(parent)
            stack.removeLast()
        }
        let node = MarkdownNode(kind: kind, start: start, end: start)
        stack[stack.count - 1].children.append(node)
        stack.append(node)
        containerIndex = stack.count - 1
        return node
    }

    mutating func allowsDeeperNesting(_ depth: Int, at position: SourcePosition) -> Bool {
        if depth < MarkdownParser.maximumNestingDepth { return true }
        if !reportedDepth {
            reportedDepth = true
            errors.append(
                DocumentError(
                    "nesting deeper than \(MarkdownParser.maximumNestingDepth) levels of lists and quotes; pm reads what is deeper as plain text: flatten the list or quote",
                    at: position))
        }
        return false
    }

    func appendParagraphLine(_ paragraph: MarkdownNode, cursor: MarkdownLineCursor) {
        let start = cursor.nextNonspace
        let end = cursor.trimmedEnd(from: start)
        paragraph.lines.append(TextLine(bytes: cursor.bytes[start..<end], position: cursor.position(start)))
        paragraph.end = cursor.position(end)
    }

    // MARK: Leaf blocks

    func atxHeading(_ cursor: MarkdownLineCursor) -> (kind: MarkdownNode.Kind, end: SourcePosition)? {
        let bytes = cursor.bytes
        let start = cursor.nextNonspace
        var index = start
        while index < bytes.count && bytes[index] == SourceByte.hash && index - start < 7 { index += 1 }
        let level = index - start
        guard level >= 1 && level <= 6 else { return nil }
        if index < bytes.count && !SourceByte.isSpaceOrTab(bytes[index]) && bytes[index] != SourceByte.carriageReturn {
            return nil
        }
        var contentStart = index
        while contentStart < bytes.count && SourceByte.isSpaceOrTab(bytes[contentStart]) { contentStart += 1 }
        let lineEnd = cursor.trimmedEnd(from: contentStart)
        var contentEnd = lineEnd
        var closing = contentEnd
        while closing > contentStart && bytes[closing - 1] == SourceByte.hash { closing -= 1 }
        if closing == contentStart {
            contentEnd = contentStart
        } else if closing < contentEnd && SourceByte.isSpaceOrTab(bytes[closing - 1]) {
            contentEnd = closing
            while contentEnd > contentStart && SourceByte.isSpaceOrTab(bytes[contentEnd - 1]) { contentEnd -= 1 }
        }
        let text = SourceByte.string(bytes[contentStart..<contentEnd])
        let range = SourceRange(line: cursor.line, column: contentStart + 1, length: contentEnd - contentStart)
        return (.heading(level: level, text: text, textRange: range), cursor.position(max(lineEnd, index)))
    }

    func fenceOpening(_ cursor: MarkdownLineCursor) -> MarkdownNode.Kind? {
        let bytes = cursor.bytes
        let start = cursor.nextNonspace
        let fence = bytes[start]
        guard fence == SourceByte.backtick || fence == SourceByte.tilde else { return nil }
        var index = start
        while index < bytes.count && bytes[index] == fence { index += 1 }
        let length = index - start
        guard length >= 3 else { return nil }
        if fence == SourceByte.backtick && bytes[index...].contains(SourceByte.backtick) { return nil }
        var infoStart = index
        while infoStart < bytes.count && SourceByte.isSpaceOrTab(bytes[infoStart]) { infoStart += 1 }
        let infoEnd = cursor.trimmedEnd(from: infoStart)
        return .fencedCode(
            fence: fence, length: length, indent: cursor.indent, info: SourceByte.string(bytes[infoStart..<infoEnd]))
    }

    func isClosingFence(_ cursor: MarkdownLineCursor, fence: UInt8, length: Int) -> Bool {
        guard cursor.indent <= 3 else { return false }
        let bytes = cursor.bytes
        var index = cursor.nextNonspace
        let start = index
        while index < bytes.count && bytes[index] == fence { index += 1 }
        guard index - start >= length else { return false }
        return SourceByte.isBlank(bytes[index...])
    }

    func setextLevel(_ cursor: MarkdownLineCursor) -> Int? {
        let bytes = cursor.bytes
        let start = cursor.nextNonspace
        let marker = bytes[start]
        guard marker == SourceByte.equals || marker == SourceByte.dash else { return nil }
        var index = start
        while index < bytes.count && bytes[index] == marker { index += 1 }
        guard SourceByte.isBlank(bytes[index...]) else { return nil }
        return marker == SourceByte.equals ? 1 : 2
    }

    func convertToSetextHeading(_ paragraph: MarkdownNode, level: Int, underlineEnd: SourcePosition) {
        let text = paragraph.lines.map(\.text).joined(separator: " ")
        let first = paragraph.lines.first?.position ?? paragraph.start
        let last = paragraph.lines.last?.range.end ?? paragraph.end
        paragraph.kind = .heading(level: level, text: text, textRange: SourceRange(start: first, end: last))
        paragraph.lines = []
        paragraph.end = underlineEnd
    }

    func isThematicBreak(_ cursor: MarkdownLineCursor) -> Bool {
        let bytes = cursor.bytes
        let marker = bytes[cursor.nextNonspace]
        guard marker == SourceByte.asterisk || marker == SourceByte.dash || marker == SourceByte.underscore else { return false }
        var count = 0
        for byte in bytes[cursor.nextNonspace...] {
            if byte == marker {
                count += 1
            } else if !SourceByte.isSpaceOrTab(byte) && byte != SourceByte.carriageReturn {
                return false
            }
        }
        return count >= 3
    }

    func hasPrefix(_ prefix: String, in bytes: [UInt8], at index: Int) -> Bool {
        let utf8 = Array(prefix.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        return bytes[index..<(index + utf8.count)].elementsEqual(utf8)
    }

    // MARK: Lists

    /// A list item marker found at the start of a line.
    struct ListMarker {
        var isOrdered: Bool
        var marker: UInt8
        var number: Int?
        var start: Int
        var width: Int
    }

    func listMarker(_ cursor: MarkdownLineCursor, interruptsParagraph: Bool) -> ListMarker? {
        let bytes = cursor.bytes
        let start = cursor.nextNonspace
        let first = bytes[start]
        var result: ListMarker
        if first == SourceByte.dash || first == SourceByte.plus || first == SourceByte.asterisk {
            result = ListMarker(isOrdered: false, marker: first, number: nil, start: start, width: 1)
        } else if SourceByte.isDigit(first) {
            var index = start
            var number = 0
            while index < bytes.count && SourceByte.isDigit(bytes[index]) && index - start < 9 {
                number = number * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            guard index < bytes.count, bytes[index] == SourceByte.dot || bytes[index] == SourceByte.closeParen else {
                return nil
            }
            result = ListMarker(
                isOrdered: true, marker: bytes[index], number: number, start: start, width: index - start + 1)
        } else {
            return nil
        }
        let after = start + result.width
        if after < bytes.count && !SourceByte.isSpaceOrTab(bytes[after]) && bytes[after] != SourceByte.carriageReturn {
            return nil
        }
        if interruptsParagraph {
            if SourceByte.isBlank(bytes[after...]) { return nil }
            if result.isOrdered && result.number != 1 { return nil }
        }
        return result
    }

    mutating func openListItem(_ marker: ListMarker, cursor: inout MarkdownLineCursor, containerIndex: inout Int)
        -> MarkdownNode
    {
        let markerIndent = cursor.indent
        let markerPosition = cursor.position(marker.start)
        closeBlocks(downTo: containerIndex)
        while let last = stack.last, !last.isContainer, stack.count > 1 {
            finalize(last)
            stack.removeLast()
        }
        var needsList = true
        if let last = stack.last, case .list(let isOrdered, let listMarker, _) = last.kind {
            if isOrdered == marker.isOrdered && listMarker == marker.marker {
                needsList = false
            } else {
                finalize(last)
                stack.removeLast()
            }
        }
        containerIndex = stack.count - 1
        if needsList {
            _ = addChild(
                .list(isOrdered: marker.isOrdered, marker: marker.marker, start: marker.number),
                start: markerPosition, containerIndex: &containerIndex)
        }

        cursor.advanceToNextNonspace()
        cursor.advance(bytes: marker.width)
        let markerEnd = cursor.offset
        cursor.findNextNonspace()
        let padding: Int
        if cursor.isBlank {
            padding = marker.width + 1
            cursor.advanceToNextNonspace()
        } else if cursor.indent >= 5 {
            padding = marker.width + 1
            cursor.advance(columns: 1)
        } else {
            padding = marker.width + cursor.indent
            cursor.advance(columns: cursor.indent)
        }

        var checkbox: Block.TaskCheckbox?
        let bytes = cursor.bytes
        let offset = cursor.offset
        if !cursor.isBlank, offset + 2 < bytes.count,
            bytes[offset] == SourceByte.openBracket, bytes[offset + 2] == SourceByte.closeBracket,
            offset + 3 == bytes.count || SourceByte.isSpaceOrTab(bytes[offset + 3])
                || bytes[offset + 3] == SourceByte.carriageReturn
        {
            let mark = bytes[offset + 1]
            if mark == SourceByte.space || mark == UInt8(ascii: "x") || mark == UInt8(ascii: "X") {
                checkbox = Block.TaskCheckbox(isChecked: mark != SourceByte.space, position: cursor.position(offset))
                cursor.advance(bytes: 3)
                if let next = cursor.byte(at: cursor.offset), SourceByte.isSpaceOrTab(next) {
                    cursor.advance(columns: 1)
                }
            }
        }
        let item = addChild(
            .listItem(contentIndent: markerIndent + padding, number: marker.number, checkbox: checkbox),
            start: markerPosition, containerIndex: &containerIndex)
        item.end = cursor.position(checkbox == nil ? markerEnd : offset + 3)
        return item
    }

    // MARK: Tables

    func tableStart(_ cursor: MarkdownLineCursor, paragraph: MarkdownNode)
        -> (header: Block.TableRow, alignments: [Block.Alignment], end: SourcePosition)?
    {
        guard let headerLine = paragraph.lines.last else { return nil }
        let bytes = cursor.bytes
        let start = cursor.nextNonspace
        guard bytes[start...].contains(SourceByte.pipe) else { return nil }
        let cells = MarkdownBlockParser.splitCells(bytes, from: start)
        var alignments: [Block.Alignment] = []
        for (cellStart, cellEnd) in cells {
            let cell = bytes[cellStart..<cellEnd]
            guard !cell.isEmpty else { return nil }
            let left = cell.first == SourceByte.colon
            let right = cell.last == SourceByte.colon
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right && cell.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == SourceByte.dash }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        let headerBytes = headerLine.utf8
        let header = MarkdownBlockParser.tableRow(
            headerBytes, from: 0, line: headerLine.position.line, cellCount: nil,
            columnOffset: headerLine.position.column - 1)
        guard header.cells.count == alignments.count else { return nil }
        return (header, alignments, cursor.position(cursor.trimmedEnd(from: start)))
    }

    mutating func startTable(
        _ table: (header: Block.TableRow, alignments: [Block.Alignment], end: SourcePosition),
        paragraph: MarkdownNode, containerIndex: inout Int
    ) {
        let kind = MarkdownNode.Kind.table(header: table.header, alignments: table.alignments)
        if paragraph.lines.count == 1 {
            paragraph.kind = kind
            paragraph.lines = []
            paragraph.start = table.header.range.start
            paragraph.end = table.end
            return
        }
        paragraph.lines.removeLast()
        if let last = paragraph.lines.last { paragraph.end = last.range.end }
        closeBlocks(downTo: containerIndex - 1)
        containerIndex = stack.count - 1
        let node = addChild(kind, start: table.header.range.start, containerIndex: &containerIndex)
        node.end = table.end
    }

    /// The cells of a row as byte ranges, trimmed, outer pipes removed.
    static func splitCells(_ bytes: [UInt8], from start: Int) -> [(Int, Int)] {
        var end = bytes.count
        while end > start && (SourceByte.isSpaceOrTab(bytes[end - 1]) || bytes[end - 1] == SourceByte.carriageReturn) {
            end -= 1
        }
        var index = start
        while index < end && SourceByte.isSpaceOrTab(bytes[index]) { index += 1 }
        if index < end && bytes[index] == SourceByte.pipe { index += 1 }
        var cells: [(Int, Int)] = []
        var cellStart = index
        var trailingPipe = false
        while index < end {
            let byte = bytes[index]
            if byte == SourceByte.backslash && index + 1 < end {
                index += 2
                continue
            }
            if byte == SourceByte.pipe {
                cells.append((cellStart, index))
                cellStart = index + 1
                trailingPipe = index == end - 1
            }
            index += 1
        }
        if !trailingPipe || cellStart < end { cells.append((cellStart, end)) }
        return cells.map { range in
            var (low, high) = range
            while low < high && SourceByte.isSpaceOrTab(bytes[low]) { low += 1 }
            while high > low && SourceByte.isSpaceOrTab(bytes[high - 1]) { high -= 1 }
            return (low, high)
        }
    }

    /// A table row; with `cellCount`, padded or cut to that many cells.
    static func tableRow(
        _ bytes: [UInt8], from start: Int, line: Int, cellCount: Int?, columnOffset: Int = 0
    ) -> Block.TableRow {
        let ranges = splitCells(bytes, from: start)
        var cells: [Block.TableCell] = ranges.map { low, high in
            var text: [UInt8] = []
            var index = low
            while index < high {
                if bytes[index] == SourceByte.backslash && index + 1 < high && bytes[index + 1] == SourceByte.pipe {
                    text.append(SourceByte.pipe)
                    index += 2
                    continue
                }
                text.append(bytes[index])
                index += 1
            }
            return Block.TableCell(
                text: SourceByte.string(text),
                range: SourceRange(line: line, column: columnOffset + low + 1, length: high - low))
        }
        var end = bytes.count
        while end > start && (SourceByte.isSpaceOrTab(bytes[end - 1]) || bytes[end - 1] == SourceByte.carriageReturn) {
            end -= 1
        }
        let rowRange = SourceRange(line: line, column: columnOffset + start + 1, length: end - start)
        if let cellCount {
            if cells.count > cellCount { cells.removeLast(cells.count - cellCount) }
            while cells.count < cellCount {
                cells.append(Block.TableCell(text: "", range: SourceRange(start: rowRange.end, end: rowRange.end)))
            }
        }
        return Block.TableRow(cells: cells, range: rowRange)
    }

    // MARK: Conversion

    /// The block of `node`; nil for a paragraph that held only link reference definitions.
    mutating func makeBlock(_ node: MarkdownNode) -> Block? {
        let range = SourceRange(start: node.start, end: node.end)
        let children = node.children.compactMap { makeBlock($0) }
        switch node.kind {
        case .document, .blockQuote:
            return Block(kind: .blockQuote, range: range, children: children)
        case .list(let isOrdered, let marker, let start):
            return Block(
                kind: .list(Block.List(isOrdered: isOrdered, marker: Character(Unicode.Scalar(marker)), start: start)),
                range: range, children: children)
        case .listItem(_, let number, let checkbox):
            return Block(
                kind: .listItem(Block.ListItem(markerPosition: node.start, number: number, checkbox: checkbox)),
                range: range, children: children)
        case .paragraph:
            // Definitions show nothing: they leave the paragraph (which goes when nothing else is in it), so no
            // output shows them and no rule reads them as text.
            let (definitions, rest) = LinkReferenceDefinition.strip(node.lines)
            linkDefinitions += definitions
            guard let first = rest.first else { return nil }
            let lines = InlineSegment.markingComments(Array(rest))
            return Block(kind: .paragraph(lines), range: SourceRange(start: first.position, end: node.end))
        case .heading(let level, let text, let textRange):
            return Block(kind: .heading(Block.Heading(level: level, text: text, textRange: textRange)), range: range)
        case .fencedCode(let fence, let length, _, let info):
            if !node.isClosed {
                let fenceText = String(repeating: Character(Unicode.Scalar(fence)), count: length)
                errors.append(
                    DocumentError(
                        "code block opened with \(fenceText) is never closed: add a line \(fenceText) after its last line",
                        at: node.start))
            }
            return Block(
                kind: .codeBlock(
                    Block.CodeBlock(
                        isFenced: true, fence: String(repeating: Character(Unicode.Scalar(fence)), count: length),
                        info: info, lines: node.lines, isClosed: node.isClosed)),
                range: range)
        case .indentedCode:
            return Block(
                kind: .codeBlock(Block.CodeBlock(isFenced: false, fence: "", info: "", lines: node.lines, isClosed: true)),
                range: range)
        case .htmlComment:
            if !node.isClosed {
                errors.append(DocumentError("HTML comment is never closed: add '-->' where it ends", at: node.start))
            }
            return Block(
                kind: .htmlComment(
                    Block.HTMLComment(
                        lines: node.lines, text: MarkdownBlockParser.commentText(node.lines), isClosed: node.isClosed)),
                range: range)
        case .table(let header, let alignments):
            return Block(
                kind: .table(Block.Table(header: header, alignments: alignments, rows: node.rows)), range: range)
        case .thematicBreak:
            return Block(kind: .thematicBreak, range: range)
        }
    }

    /// The text between `<!--` and `-->` of a comment block.
    static func commentText(_ lines: [TextLine]) -> String {
        let joined = lines.map(\.text).joined(separator: "\n")
        var text = Substring(joined)
        if let open = text.range(of: "<!--") { text = text[open.upperBound...] }
        if let close = text.range(of: "-->") { text = text[..<close.lowerBound] }
        return String(text)
    }
}

extension MarkdownNode {
    /// The number of columns of a table node.
    var tableColumnCount: Int? {
        if case .table(let header, _) = kind { return header.cells.count }
        return nil
    }
}
