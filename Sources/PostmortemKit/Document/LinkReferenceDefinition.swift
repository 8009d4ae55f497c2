/// A CommonMark link reference definition, `[label]: destination "title"`: it defines a link target and shows
/// nothing itself, so the parser takes it out of its paragraph.
struct LinkReferenceDefinition: Hashable, Sendable {
    /// The label, as written between the brackets.
    var label: String
    /// The destination, without `<` `>`.
    var destination: String
    /// The title, without its quotes or parentheses.
    var title: String?
    /// The lines the definition takes.
    var range: SourceRange

    init(label: String, destination: String, title: String?, range: SourceRange) {
        self.label = label
        self.destination = destination
        self.title = title
        self.range = range
    }

    /// The definitions at the start of a paragraph's `lines`, and the lines after them (the paragraph's text).
    ///
    /// A definition is on one line, or has its destination or its title on the next one; a label or title that
    /// spans lines is not read as one (CommonMark allows it), and stays text.
    static func strip(_ lines: [TextLine]) -> (definitions: [LinkReferenceDefinition], rest: ArraySlice<TextLine>) {
        var definitions: [LinkReferenceDefinition] = []
        var index = 0
        // Cheap test first: a definition line starts with `[`.
        while index < lines.count, lines[index].utf8.first == SourceByte.openBracket,
            let (definition, next) = parse(lines, at: index)
        {
            definitions.append(definition)
            index = next
        }
        return (definitions, lines[index...])
    }

    /// The definition that starts at `lines[start]`, and the index of the line after it.
    private static func parse(_ lines: [TextLine], at start: Int) -> (LinkReferenceDefinition, Int)? {
        let first = lines[start].utf8
        // [label]:
        var index = 1
        while index < first.count, first[index] != SourceByte.closeBracket {
            if first[index] == SourceByte.openBracket { return nil }
            index += first[index] == SourceByte.backslash ? 2 : 1
        }
        guard index < first.count, index + 1 < first.count, first[index + 1] == SourceByte.colon, index - 1 <= 999 else {
            return nil
        }
        let label = first[1..<index]
        guard label.contains(where: { !SourceByte.isSpaceOrTab($0) }) else { return nil }
        var line = start
        var bytes = first
        var offset = skipBlanks(bytes, from: index + 2)
        if offset == bytes.count {
            // The destination on the next line.
            line += 1
            guard line < lines.count else { return nil }
            bytes = lines[line].utf8
            offset = skipBlanks(bytes, from: 0)
        }
        guard let (destination, afterDestination) = destination(bytes, from: offset) else { return nil }
        let afterBlanks = skipBlanks(bytes, from: afterDestination)
        var title: String?
        var last = line
        if afterBlanks < bytes.count {
            // A title on the destination's line, after a blank, and nothing after it.
            guard afterBlanks > afterDestination, let (text, end) = self.title(bytes, from: afterBlanks),
                skipBlanks(bytes, from: end) == bytes.count
            else { return nil }
            title = text
        } else if line + 1 < lines.count {
            // Maybe a title alone on the next line; if that line is anything else, it is the paragraph's.
            let next = lines[line + 1].utf8
            let from = skipBlanks(next, from: 0)
            if let (text, end) = self.title(next, from: from), skipBlanks(next, from: end) == next.count {
                title = text
                last = line + 1
            }
        }
        let range = SourceRange(start: lines[start].position, end: lines[last].range.end)
        return (
            LinkReferenceDefinition(
                label: SourceByte.string(label), destination: destination, title: title, range: range), last + 1
        )
    }

    private static func skipBlanks(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, SourceByte.isSpaceOrTab(bytes[index]) || bytes[index] == SourceByte.carriageReturn {
            index += 1
        }
        return index
    }

    /// `<…>` or a run of bytes that are not blanks or controls; the destination and the offset after it.
    private static func destination(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        guard start < bytes.count else { return nil }
        if bytes[start] == SourceByte.lessThan {
            var index = start + 1
            while index < bytes.count, bytes[index] != SourceByte.greaterThan {
                if bytes[index] == SourceByte.lessThan { return nil }
                index += bytes[index] == SourceByte.backslash ? 2 : 1
            }
            guard index < bytes.count else { return nil }
            return (SourceByte.string(bytes[(start + 1)..<index]), index + 1)
        }
        var index = start
        while index < bytes.count, bytes[index] > 0x20, bytes[index] != 0x7F { index += 1 }
        return index > start ? (SourceByte.string(bytes[start..<index]), index) : nil
    }

    /// `"…"`, `'…'` or `(…)` on one line; the title and the offset after it.
    private static func title(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        guard start < bytes.count else { return nil }
        let close: UInt8
        switch bytes[start] {
        case SourceByte.doubleQuote: close = SourceByte.doubleQuote
        case SourceByte.singleQuote: close = SourceByte.singleQuote
        case UInt8(ascii: "("): close = SourceByte.closeParen
        default: return nil
        }
        var index = start + 1
        while index < bytes.count, bytes[index] != close {
            index += bytes[index] == SourceByte.backslash ? 2 : 1
        }
        guard index < bytes.count else { return nil }
        return (SourceByte.string(bytes[(start + 1)..<index]), index + 1)
    }
}
