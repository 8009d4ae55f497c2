/// Parses the strict YAML subset that pm accepts as front matter (docs/format.md).
///
/// Accepted: `key: scalar`, flow lists `[a, "b, c"]`, block lists (`key:` then `- item` lines),
/// single- and double-quoted strings, `#` comments, and empty values (an empty string).
/// Everything else — tabs for indentation, nested maps, anchors, aliases, tags, block scalars,
/// flow maps, a second document, unclosed quotes or lists, duplicate keys — is an error with
/// the exact line and column, never a silent misread.
public enum FrontMatterParser {
    /// Parses the front matter of `source`; nil when the first line is not `---`.
    public static func parse(_ source: SourceText, path: String? = nil) -> FrontMatter? {
        guard source.lineCount >= 1, isDelimiter(source.lineBytes(1), marker: SourceByte.dash) else {
            return nil
        }
        var closingLine: Int?
        var lineNumber = 2
        while lineNumber <= source.lineCount {
            let bytes = source.lineBytes(lineNumber)
            if isDelimiter(bytes, marker: SourceByte.dash) || isDelimiter(bytes, marker: SourceByte.dot) {
                closingLine = lineNumber
                break
            }
            lineNumber += 1
        }

        var parser = FrontMatterLineParser()
        let lastFieldLine: Int
        let bodyStartLine: Int
        if let closingLine {
            lastFieldLine = closingLine - 1
            bodyStartLine = closingLine + 1
        } else {
            // Without a closing line, assume the block ends before the first `##` heading so
            // the sections are still read; only the missing `---` is reported.
            var end = 2
            while end <= source.lineCount {
                let bytes = source.lineBytes(end)
                if bytes.count >= 2 && bytes[bytes.startIndex] == SourceByte.hash
                    && bytes[bytes.startIndex + 1] == SourceByte.hash
                {
                    break
                }
                end += 1
            }
            lastFieldLine = end - 1
            bodyStartLine = end
        }
        if lastFieldLine >= 2 {
            for number in 2...lastFieldLine {
                parser.parseLine(Array(source.lineBytes(number)), line: number)
            }
        }

        var errors: [DocumentError]
        if let closingLine {
            errors = parser.errors
            if let second = secondDocumentLine(in: source, closingLine: closingLine) {
                errors.append(
                    DocumentError(
                        "a second YAML document starts here; pm reads a single front-matter block: move these fields into the first block",
                        line: second, column: 1))
            }
        } else {
            errors = [
                DocumentError(
                    "front matter is never closed: add a line '---' after the last field",
                    line: 1, column: 1)
            ]
        }
        return FrontMatter(
            entries: parser.entries, openingLine: 1, closingLine: closingLine,
            bodyStartLine: bodyStartLine, errors: errors.map { $0.inFile(path) })
    }

    /// Parses the front matter of `text`; nil when the first line is not `---`.
    public static func parse(_ text: String) -> FrontMatter? {
        parse(SourceText(text))
    }

    /// Whether the line is `---` (or `...`), allowing trailing whitespace.
    static func isDelimiter(_ bytes: ArraySlice<UInt8>, marker: UInt8) -> Bool {
        guard bytes.count >= 3 else { return false }
        let start = bytes.startIndex
        guard bytes[start] == marker && bytes[start + 1] == marker && bytes[start + 2] == marker
        else { return false }
        return SourceByte.isBlank(bytes[(start + 3)...])
    }

    /// The line where a second YAML document begins right after the block, if any: `---`
    /// after a `...` terminator, `key: value` lines followed by another `---`, or a whole second block
    /// (`---`, `key: value` lines, `---`).
    static func secondDocumentLine(in source: SourceText, closingLine: Int) -> Int? {
        let closing = source.lineBytes(closingLine)
        var number = closingLine + 1
        // `---` right after the block opens another one; Markdown read it as a rule and its fields as a setext
        // heading, so a second block was silently ignored (docs/format.md: never a silent misread).
        if number < source.lineCount, isDelimiter(source.lineBytes(number), marker: SourceByte.dash),
            secondDocumentLine(in: source, closingLine: number) == number + 1
        {
            return number
        }
        if isDelimiter(closing, marker: SourceByte.dot) {
            while number <= source.lineCount && SourceByte.isBlank(source.lineBytes(number)) {
                number += 1
            }
            if number <= source.lineCount && isDelimiter(source.lineBytes(number), marker: SourceByte.dash) {
                return number
            }
            return nil
        }
        guard number <= source.lineCount, looksLikeKeyLine(source.lineBytes(number)) else {
            return nil
        }
        let first = number
        while number <= source.lineCount {
            let bytes = source.lineBytes(number)
            if SourceByte.isBlank(bytes) { return nil }
            if isDelimiter(bytes, marker: SourceByte.dash) { return first }
            number += 1
        }
        return nil
    }

    /// Whether the line starts with `key:` followed by whitespace or its end.
    static func looksLikeKeyLine(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex && SourceByte.isKeyCharacter(bytes[index]) { index += 1 }
        guard index > bytes.startIndex, index < bytes.endIndex, bytes[index] == SourceByte.colon else {
            return false
        }
        return index + 1 == bytes.endIndex || SourceByte.isSpaceOrTab(bytes[index + 1])
    }
}

/// The line-by-line state of a front-matter parse.
struct FrontMatterLineParser {
    /// A scalar read from a line: its text and where it was written.
    struct Scalar {
        var value: String
        var start: Int
        var end: Int
        var style: FrontMatterEntry.Style
    }

    /// Where a scalar is being read, to tailor the messages.
    enum Context {
        case value
        case blockItem
        case flowItem
    }

    var errors: [DocumentError] = []
    var entries: [FrontMatterEntry] = []
    /// The line where each key was first seen.
    var firstLineOfKey: [String: Int] = [:]
    /// The entry that may take `- item` lines (a key with an empty value).
    var listOwner: Int?
    /// The indentation of the first item of the current block list.
    var listIndent: Int?
    /// The last top-level key, for messages about indented lines.
    var lastKey: String?

    mutating func fail(_ message: String, line: Int, offset: Int) {
        errors.append(DocumentError(message, line: line, column: offset + 1))
    }

    mutating func parseLine(_ bytes: [UInt8], line: Int) {
        let count = bytes.count
        if SourceByte.isBlank(bytes[...]) { return }
        var indent = 0
        while indent < count && bytes[indent] == SourceByte.space { indent += 1 }
        if bytes[indent] == SourceByte.tab {
            fail("tab used for indentation; indent with spaces", line: line, offset: indent)
            return
        }
        if bytes[indent] == SourceByte.hash { return }
        if bytes[indent] == SourceByte.dash && (indent + 1 == count || SourceByte.isSpaceOrTab(bytes[indent + 1])) {
            parseBlockItem(bytes, indent: indent, line: line)
            return
        }
        if indent > 0 {
            parseIndentedLine(bytes, indent: indent, line: line)
            return
        }
        listOwner = nil
        listIndent = nil
        if count >= 3 && (bytes[0] == SourceByte.dash || bytes[0] == SourceByte.dot)
            && bytes[1] == bytes[0] && bytes[2] == bytes[0]
        {
            fail(
                "a second YAML document marker '\(SourceByte.string(bytes[0..<3]))' inside the front matter; pm reads a single document: remove this line",
                line: line, offset: 0)
            return
        }
        parseKeyLine(bytes, line: line)
    }

    mutating func parseIndentedLine(_ bytes: [UInt8], indent: Int, line: Int) {
        var end = indent
        while end < bytes.count && SourceByte.isKeyCharacter(bytes[end]) { end += 1 }
        if end > indent && end < bytes.count && bytes[end] == SourceByte.colon
            && (end + 1 == bytes.count || SourceByte.isSpaceOrTab(bytes[end + 1]))
        {
            let key = SourceByte.string(bytes[indent..<end])
            if let lastKey {
                fail(
                    "nested maps are not supported: '\(key)' is indented under '\(lastKey)'; write every field at the top level without indentation",
                    line: line, offset: indent)
            } else {
                fail(
                    "indented key '\(key)': nested maps are not supported; remove the indentation",
                    line: line, offset: indent)
            }
        } else {
            fail(
                "unexpected indented line: multi-line values are not supported; put the value on one line after its key, in quotes if needed",
                line: line, offset: indent)
        }
    }

    mutating func parseBlockItem(_ bytes: [UInt8], indent: Int, line: Int) {
        guard let owner = listOwner else {
            fail(
                "list item without a key: put '- item' lines directly below a 'key:' line",
                line: line, offset: indent)
            return
        }
        let key = entries[owner].key
        if let listIndent, listIndent != indent {
            fail(
                "list item indented by \(indent) spaces but the first item of '\(key)' by \(listIndent); line the items up",
                line: line, offset: indent)
            return
        }
        listIndent = indent
        var index = indent + 1
        while index < bytes.count && SourceByte.isSpaceOrTab(bytes[index]) { index += 1 }
        let item: FrontMatterEntry.Item
        if index == bytes.count || bytes[index] == SourceByte.hash {
            let column = min(indent + 3, bytes.count + 1)
            item = FrontMatterEntry.Item(value: "", range: SourceRange(line: line, column: column, length: 0))
        } else if bytes[index] == SourceByte.openBracket
            || (bytes[index] == SourceByte.dash && (index + 1 == bytes.count || SourceByte.isSpaceOrTab(bytes[index + 1])))
        {
            fail(
                "nested lists are not supported; write one value per '- ' line",
                line: line, offset: index)
            return
        } else {
            guard let scalar = parseScalar(bytes, from: index, line: line, context: .blockItem),
                checkTrailing(bytes, from: scalar.end, line: line, after: scalar.style)
            else { return }
            item = FrontMatterEntry.Item(
                value: scalar.value,
                range: SourceRange(line: line, column: scalar.start + 1, length: scalar.end - scalar.start))
        }
        // Mutate in place: copying the entry (or its list) per item made long block lists quadratic.
        var values = entries[owner].value.listValue ?? []
        entries[owner].value = .string("")  // drop the entry's reference so `values` is appended in place
        values.append(item.value)
        entries[owner].value = .list(values)
        entries[owner].style = .blockList
        entries[owner].items.append(item)
        entries[owner].valueRange.end = item.range.end
    }

    mutating func parseKeyLine(_ bytes: [UInt8], line: Int) {
        let count = bytes.count
        let first = bytes[0]
        if let message = FrontMatterLineParser.keyStartProblem(first) {
            fail(message, line: line, offset: 0)
            return
        }
        var keyEnd = 0
        while keyEnd < count && SourceByte.isKeyCharacter(bytes[keyEnd]) { keyEnd += 1 }
        guard keyEnd < count, bytes[keyEnd] == SourceByte.colon else {
            if let colon = bytes.firstIndex(of: SourceByte.colon) {
                let key = SourceByte.string(bytes[0..<colon])
                let character =
                    bytes[keyEnd] == SourceByte.space ? "a space" : "'\(FrontMatterLineParser.character(at: keyEnd, in: bytes))'"
                fail(
                    "invalid key '\(key)': it contains \(character); keys use only letters, digits, '-' and '_'",
                    line: line, offset: keyEnd)
            } else {
                let text = SourceByte.string(bytes.prefix(40))
                fail(
                    "expected 'key: value' but found '\(text)' with no ':'; front matter holds only 'key: value' fields",
                    line: line, offset: 0)
            }
            return
        }
        let key = SourceByte.string(bytes[0..<keyEnd])
        let afterColon = keyEnd + 1
        if afterColon < count && !SourceByte.isSpaceOrTab(bytes[afterColon]) {
            let rest = SourceByte.string(bytes[afterColon...].prefix(30))
            fail(
                "missing space after ':' in '\(key):\(rest)'; write '\(key): \(rest)'",
                line: line, offset: afterColon)
            return
        }
        lastKey = key
        if let firstLine = firstLineOfKey[key] {
            fail(
                "duplicate key '\(key)': already set on line \(firstLine); keep only one of them",
                line: line, offset: 0)
            return
        }
        firstLineOfKey[key] = line
        var valueStart = afterColon
        while valueStart < count && SourceByte.isSpaceOrTab(bytes[valueStart]) { valueStart += 1 }
        let keyPosition = SourcePosition(line: line, column: 1)

        if valueStart == count || bytes[valueStart] == SourceByte.hash {
            let position = SourcePosition(line: line, column: afterColon + 1)
            entries.append(
                FrontMatterEntry(
                    key: key, keyPosition: keyPosition, value: .string(""), style: .empty,
                    valuePosition: position, valueRange: SourceRange(start: position, end: position),
                    items: []))
            listOwner = entries.count - 1
            return
        }
        if bytes[valueStart] == SourceByte.openBracket {
            guard let (items, end) = parseFlowList(bytes, from: valueStart, line: line),
                checkTrailing(bytes, from: end, line: line, after: .flowList)
            else { return }
            entries.append(
                FrontMatterEntry(
                    key: key, keyPosition: keyPosition, value: .list(items.map(\.value)),
                    style: .flowList, valuePosition: SourcePosition(line: line, column: valueStart + 1),
                    valueRange: SourceRange(line: line, column: valueStart + 1, length: end - valueStart),
                    items: items))
            return
        }
        guard let scalar = parseScalar(bytes, from: valueStart, line: line, context: .value),
            checkTrailing(bytes, from: scalar.end, line: line, after: scalar.style)
        else { return }
        entries.append(
            FrontMatterEntry(
                key: key, keyPosition: keyPosition, value: .string(scalar.value), style: scalar.style,
                valuePosition: SourcePosition(line: line, column: scalar.start + 1),
                valueRange: SourceRange(line: line, column: scalar.start + 1, length: scalar.end - scalar.start),
                items: []))
    }

    /// What is wrong with a key line that starts with `byte`, if anything.
    static func keyStartProblem(_ byte: UInt8) -> String? {
        switch byte {
        case SourceByte.doubleQuote, SourceByte.singleQuote:
            return "quoted keys are not supported; write the key without quotes"
        case SourceByte.ampersand: return "anchors ('&') are not supported; write the field out in full"
        case SourceByte.asterisk: return "aliases ('*') are not supported; write the field out in full"
        case SourceByte.exclamation: return "tags ('!') are not supported; remove the tag"
        case SourceByte.question: return "complex keys ('?') are not supported; write 'key: value'"
        case SourceByte.openBrace:
            return "flow maps ('{…}') are not supported; write one 'key: value' field per line"
        case SourceByte.openBracket: return "a list cannot be a key; write 'key: [a, b]'"
        case SourceByte.percent: return "YAML directives ('%') are not supported; remove the line"
        case SourceByte.pipe, SourceByte.greaterThan:
            return "block scalars ('|' and '>') are not supported; write 'key: value' on one line"
        case SourceByte.colon: return "missing key before ':'; write 'key: value'"
        default: return nil
        }
    }

    /// The character starting at `offset`, decoded for a message.
    static func character(at offset: Int, in bytes: [UInt8]) -> String {
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return SourceByte.string(bytes[offset..<end])
    }

    /// Reads one scalar starting at `start` (a non-blank byte).
    mutating func parseScalar(_ bytes: [UInt8], from start: Int, line: Int, context: Context) -> Scalar? {
        let first = bytes[start]
        let next: UInt8? = start + 1 < bytes.count ? bytes[start + 1] : nil
        let followedBySpace = next.map { SourceByte.isSpaceOrTab($0) } ?? true
        switch first {
        case SourceByte.doubleQuote:
            return parseDoubleQuoted(bytes, from: start, line: line)
        case SourceByte.singleQuote:
            return parseSingleQuoted(bytes, from: start, line: line)
        case SourceByte.openBrace:
            fail(
                "flow maps ('{…}') are not supported; write one 'key: value' field per line",
                line: line, offset: start)
            return nil
        case SourceByte.openBracket:
            fail("nested lists are not supported; flatten the list", line: line, offset: start)
            return nil
        case SourceByte.ampersand:
            fail("anchors ('&') are not supported; write the value out in full", line: line, offset: start)
            return nil
        case SourceByte.asterisk:
            fail("aliases ('*') are not supported; write the value out in full", line: line, offset: start)
            return nil
        case SourceByte.exclamation:
            fail("tags ('!') are not supported; remove the tag", line: line, offset: start)
            return nil
        case SourceByte.pipe, SourceByte.greaterThan:
            fail(
                "block scalars ('\(SourceByte.string([first]))') are not supported; write the value on one line, in double quotes with \\n for line breaks if needed",
                line: line, offset: start)
            return nil
        case SourceByte.at, SourceByte.backtick, SourceByte.percent:
            let character = SourceByte.string([first])
            fail(
                "an unquoted value cannot start with '\(character)'; put it in quotes, e.g. \"\(character)…\"",
                line: line, offset: start)
            return nil
        case SourceByte.dash where followedBySpace && context == .value:
            fail(
                "'- ' cannot follow a key on the same line; put list items on their own lines below the key, or write [a, b]",
                line: line, offset: start)
            return nil
        case SourceByte.dash, SourceByte.question, SourceByte.colon:
            if followedBySpace || (context == .flowItem && (next == SourceByte.comma || next == SourceByte.closeBracket)) {
                let character = SourceByte.string([first])
                fail(
                    "an unquoted value cannot start with '\(character) '; put it in quotes",
                    line: line, offset: start)
                return nil
            }
        case SourceByte.comma, SourceByte.closeBracket, SourceByte.closeBrace:
            let character = SourceByte.string([first])
            fail(
                "unexpected '\(character)'; put the value in quotes",
                line: line, offset: start)
            return nil
        default:
            break
        }
        return parsePlain(bytes, from: start, line: line, context: context)
    }

    mutating func parsePlain(_ bytes: [UInt8], from start: Int, line: Int, context: Context) -> Scalar? {
        let count = bytes.count
        var index = start
        var lastNonBlank = start
        while index < count {
            let byte = bytes[index]
            if byte == SourceByte.hash && index > start && SourceByte.isSpaceOrTab(bytes[index - 1]) { break }
            if context == .flowItem {
                if byte == SourceByte.comma || byte == SourceByte.closeBracket { break }
                if byte == SourceByte.openBracket || byte == SourceByte.openBrace || byte == SourceByte.closeBrace {
                    fail(
                        "unexpected '\(SourceByte.string([byte]))' inside a list item; put the item in quotes",
                        line: line, offset: index)
                    return nil
                }
            }
            if byte == SourceByte.colon {
                let after: UInt8? = index + 1 < count ? bytes[index + 1] : nil
                let endsKey =
                    after.map {
                        SourceByte.isSpaceOrTab($0)
                            || (context == .flowItem && ($0 == SourceByte.comma || $0 == SourceByte.closeBracket))
                    } ?? true
                if endsKey {
                    switch context {
                    case .flowItem:
                        fail(
                            "flow maps are not supported: a ':' followed by a space makes this list item a map; put the item in quotes",
                            line: line, offset: index)
                    case .blockItem:
                        fail(
                            "nested maps are not supported in a list item: a ':' followed by a space makes it a map; put the item in quotes",
                            line: line, offset: index)
                    case .value:
                        fail(
                            "an unquoted value cannot contain ': ' (or end with ':'); put the whole value in quotes, e.g. \"A: B\"",
                            line: line, offset: index)
                    }
                    return nil
                }
            }
            if !SourceByte.isSpaceOrTab(byte) { lastNonBlank = index }
            index += 1
        }
        return Scalar(
            value: SourceByte.string(bytes[start...lastNonBlank]), start: start, end: lastNonBlank + 1,
            style: .plain)
    }

    mutating func parseDoubleQuoted(_ bytes: [UInt8], from start: Int, line: Int) -> Scalar? {
        var output: [UInt8] = []
        var index = start + 1
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == SourceByte.doubleQuote {
                return Scalar(value: SourceByte.string(output), start: start, end: index + 1, style: .doubleQuoted)
            }
            if byte == SourceByte.backslash {
                guard index + 1 < count else { break }
                switch bytes[index + 1] {
                case SourceByte.doubleQuote: output.append(SourceByte.doubleQuote)
                case SourceByte.backslash: output.append(SourceByte.backslash)
                case SourceByte.slash: output.append(SourceByte.slash)
                case UInt8(ascii: "n"): output.append(SourceByte.lineFeed)
                case UInt8(ascii: "t"): output.append(SourceByte.tab)
                case UInt8(ascii: "r"): output.append(SourceByte.carriageReturn)
                default:
                    let character = FrontMatterLineParser.character(at: index + 1, in: bytes)
                    fail(
                        "unsupported escape '\\\(character)' in a double-quoted value; use \\\\ for a backslash, \\\" for a quote or \\n for a line break",
                        line: line, offset: index)
                    return nil
                }
                index += 2
                continue
            }
            output.append(byte)
            index += 1
        }
        fail(
            "unclosed double quote; end the value with '\"' on the same line (values cannot span lines)",
            line: line, offset: start)
        return nil
    }

    mutating func parseSingleQuoted(_ bytes: [UInt8], from start: Int, line: Int) -> Scalar? {
        var output: [UInt8] = []
        var index = start + 1
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == SourceByte.singleQuote {
                if index + 1 < count && bytes[index + 1] == SourceByte.singleQuote {
                    output.append(SourceByte.singleQuote)
                    index += 2
                    continue
                }
                return Scalar(value: SourceByte.string(output), start: start, end: index + 1, style: .singleQuoted)
            }
            output.append(byte)
            index += 1
        }
        fail(
            "unclosed single quote; end the value with \"'\" on the same line (write '' for a quote inside)",
            line: line, offset: start)
        return nil
    }

    /// Reads `[a, b]` starting at the `[`; returns the items and the offset after `]`.
    mutating func parseFlowList(_ bytes: [UInt8], from start: Int, line: Int) -> ([FrontMatterEntry.Item], Int)? {
        var items: [FrontMatterEntry.Item] = []
        var index = start + 1
        var expectingItem = true
        let count = bytes.count
        while true {
            while index < count && SourceByte.isSpaceOrTab(bytes[index]) { index += 1 }
            if index >= count || (bytes[index] == SourceByte.hash && SourceByte.isSpaceOrTab(bytes[index - 1])) {
                fail(
                    "unclosed list: close it with ']' on the same line (lists in [ ] cannot span lines; use '- item' lines instead)",
                    line: line, offset: start)
                return nil
            }
            let byte = bytes[index]
            if byte == SourceByte.closeBracket {
                return (items, index + 1)
            }
            if !expectingItem {
                if byte == SourceByte.comma {
                    expectingItem = true
                    index += 1
                    continue
                }
                fail("expected ',' or ']' after a list item", line: line, offset: index)
                return nil
            }
            if byte == SourceByte.comma {
                fail("empty list item; remove the extra ','", line: line, offset: index)
                return nil
            }
            guard let scalar = parseScalar(bytes, from: index, line: line, context: .flowItem) else {
                return nil
            }
            items.append(
                FrontMatterEntry.Item(
                    value: scalar.value,
                    range: SourceRange(line: line, column: scalar.start + 1, length: scalar.end - scalar.start)))
            index = scalar.end
            expectingItem = false
        }
    }

    /// Checks that only whitespace or a comment follows a value ending at `end`.
    mutating func checkTrailing(_ bytes: [UInt8], from end: Int, line: Int, after style: FrontMatterEntry.Style) -> Bool {
        var index = end
        while index < bytes.count && SourceByte.isSpaceOrTab(bytes[index]) { index += 1 }
        if index == bytes.count { return true }
        if bytes[index] == SourceByte.hash && index > end { return true }
        let text = SourceByte.string(bytes[index...].prefix(30))
        switch style {
        case .doubleQuoted, .singleQuoted:
            fail(
                "unexpected text '\(text)' after the closing quote; put the whole value inside the quotes",
                line: line, offset: index)
        case .flowList:
            fail("unexpected text '\(text)' after ']'; remove it or make it a comment with ' #'", line: line, offset: index)
        default:
            fail("unexpected text '\(text)' after the value", line: line, offset: index)
        }
        return false
    }
}
