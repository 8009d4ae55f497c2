/// Parses the inline Markdown of a paragraph, heading, table cell or action item into `InlineToken`s: code spans (as
/// `InlineSegment` finds them), emphasis, strong emphasis, strikethrough, links, images, autolinks (`<https://…>`,
/// `<name@example.com>` and bare `https://…` URLs), backslash escapes and hard line breaks.
///
/// It follows CommonMark's delimiter and bracket algorithm, simplified (no reference links, no "rule of 3"), and
/// runs in time linear in the text: scans ahead are bounded. HTML comments are dropped; HTML tags stay plain text,
/// for writers to escape.
enum InlineMarkdownParser {
    /// The longest link destination, title or autolink pm reads; a longer one stays plain text.
    static let maximumLinkLength = 2048

    /// The tokens of the lines of one paragraph; an HTML comment may span them.
    static func parse(_ lines: [TextLine]) -> [InlineToken] {
        var scanner = InlineScanner(atoms: atoms(of: InlineSegment.markingComments(lines)))
        return scanner.tokens()
    }

    /// The tokens of `text` (a heading, a table cell, an action item); a newline is a soft line break.
    static func parse(_ text: String) -> [InlineToken] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            TextLine(text: String(line), position: SourcePosition(line: index + 1, column: 1))
        }
        return parse(lines)
    }

    /// The characters, code spans and line breaks of `lines`, with escapes resolved and comments left out.
    static func atoms(of lines: [TextLine]) -> [InlineAtom] {
        var atoms: [InlineAtom] = []
        var pendingBreak: Bool?
        for (index, line) in lines.enumerated() {
            var lineAtoms: [InlineAtom] = []
            var hadComment = false
            // After a comment that follows a blank (or starts the line), the blanks after it go too: `a <!-- x --> b`
            // reads `a b`.
            var dropsLeadingBlanks = false
            for segment in line.segments {
                switch segment.kind {
                case .comment:
                    hadComment = true
                    if case .character(let last, false)? = lineAtoms.last {
                        dropsLeadingBlanks = last == " " || last == "\t"
                    } else {
                        dropsLeadingBlanks = lineAtoms.isEmpty
                    }
                case .code:
                    dropsLeadingBlanks = false
                    lineAtoms.append(.code(segment.text))
                case .text:
                    let text = dropsLeadingBlanks ? String(segment.text.drop { $0 == " " || $0 == "\t" }) : segment.text
                    dropsLeadingBlanks = false
                    var characters = text.makeIterator()
                    var current = characters.next()
                    while let character = current {
                        let next = characters.next()
                        if character == "\\", let escaped = next, escaped.isASCII, escaped.isPunctuation || escaped.isSymbol {
                            lineAtoms.append(.character(escaped, escaped: true))
                            current = characters.next()
                            continue
                        }
                        lineAtoms.append(.character(character, escaped: false))
                        current = next
                    }
                }
            }
            if hadComment {
                // A line that held only a comment is no line at all.
                while case .character(let last, false)? = lineAtoms.last, last == " " || last == "\t" { lineAtoms.removeLast() }
                if lineAtoms.isEmpty { continue }
            }
            var hardBreakAfter = false
            if index < lines.count - 1, case .character("\\", false)? = lineAtoms.last {
                lineAtoms.removeLast()
                hardBreakAfter = true
            }
            if let pendingBreak { atoms.append(.lineBreak(hard: pendingBreak)) }
            atoms.append(contentsOf: lineAtoms)
            pendingBreak = hardBreakAfter
        }
        return atoms
    }
}

/// A unit of inline input: one character (escaped or not), a whole code span, or a line break.
enum InlineAtom: Hashable {
    case character(Character, escaped: Bool)
    case code(String)
    case lineBreak(hard: Bool)
}

/// The state of one inline parse: the pieces produced so far, the delimiter stack and the bracket stack.
struct InlineScanner {
    /// What the output holds before emphasis is resolved.
    enum Piece {
        case text(String)
        case code(String)
        case delimiter(Int)
        case lineBreak(hard: Bool)
        case linkOpen(destination: String, title: String?)
        case linkClose
        case removed
    }

    /// A run of `*`, `_` or `~` that may open or close emphasis; the stack is a linked list through `previous`/`next`.
    struct Delimiter {
        var character: Character
        /// Characters not yet used by a match.
        var count: Int
        var canOpen: Bool
        var canClose: Bool
        var previous: Int?
        var next: Int?
        /// Styles this run opens, innermost first, and closes, innermost first.
        var opens: [InlineToken.Style] = []
        var closes: [InlineToken.Style] = []
    }

    /// A `[` or `![` that may start a link.
    struct Bracket {
        var piece: Int
        var isImage: Bool
        /// The top of the delimiter stack when the bracket was seen: emphasis inside the link text stays above it.
        var delimiterBottom: Int?
    }

    let atoms: [InlineAtom]
    var pieces: [Piece] = []
    var delimiters: [Delimiter] = []
    var top: Int?
    var brackets: [Bracket] = []
    /// Brackets below this index may no longer form a link (links do not nest).
    var activeBrackets = 0
    var text = ""

    init(atoms: [InlineAtom]) {
        self.atoms = atoms
    }

    mutating func tokens() -> [InlineToken] {
        var index = 0
        while index < atoms.count {
            switch atoms[index] {
            case .code(let code):
                flush()
                pieces.append(.code(code))
                index += 1
            case .lineBreak(let hard):
                flush()
                pieces.append(.lineBreak(hard: hard))
                index += 1
            case .character(let character, let escaped):
                if escaped {
                    text.append(character)
                    index += 1
                    continue
                }
                index = scan(character, at: index)
            }
        }
        flush()
        processEmphasis(above: nil)
        return emit()
    }

    /// Handles the unescaped `character` at `index`; returns the index of the next atom to read.
    private mutating func scan(_ character: Character, at index: Int) -> Int {
        switch character {
        case "*", "_", "~":
            return delimiterRun(character, at: index)
        case "[":
            flush()
            brackets.append(Bracket(piece: pieces.count, isImage: false, delimiterBottom: top))
            pieces.append(.text("["))
            return index + 1
        case "!" where unescapedCharacter(at: index + 1) == "[":
            flush()
            brackets.append(Bracket(piece: pieces.count, isImage: true, delimiterBottom: top))
            pieces.append(.text("!["))
            return index + 2
        case "]":
            return closeBracket(at: index)
        case "<":
            if let (destination, label, end) = autolink(at: index) {
                appendLink(destination: destination, label: label)
                return end
            }
        case "h", "H":
            if let (url, end) = bareURL(at: index) {
                appendLink(destination: url, label: url)
                return end
            }
        default:
            break
        }
        text.append(character)
        return index + 1
    }

    private mutating func flush() {
        guard !text.isEmpty else { return }
        pieces.append(.text(text))
        text = ""
    }

    private func unescapedCharacter(at index: Int) -> Character? {
        guard index >= 0, index < atoms.count, case .character(let character, false) = atoms[index] else { return nil }
        return character
    }

    /// The character a neighbouring atom counts as for flanking: whitespace at the edges and line breaks, a letter
    /// for a code span.
    private func neighbour(at index: Int) -> Character {
        guard index >= 0, index < atoms.count else { return " " }
        switch atoms[index] {
        case .character(let character, _): return character
        case .code: return "a"
        case .lineBreak: return " "
        }
    }

    // MARK: - Emphasis

    private mutating func delimiterRun(_ character: Character, at start: Int) -> Int {
        var end = start
        while unescapedCharacter(at: end) == character { end += 1 }
        let length = end - start
        let before = neighbour(at: start - 1)
        let after = neighbour(at: end)
        func isPunctuation(_ value: Character) -> Bool { value.isPunctuation || value.isSymbol }
        let leftFlanking = !after.isWhitespace && (!isPunctuation(after) || before.isWhitespace || isPunctuation(before))
        let rightFlanking = !before.isWhitespace && (!isPunctuation(before) || after.isWhitespace || isPunctuation(after))
        var canOpen = leftFlanking
        var canClose = rightFlanking
        if character == "_" {
            canOpen = leftFlanking && (!rightFlanking || isPunctuation(before))
            canClose = rightFlanking && (!leftFlanking || isPunctuation(after))
        }
        if character == "~" && length > 2 {
            canOpen = false
            canClose = false
        }
        flush()
        guard canOpen || canClose else {
            text.append(String(repeating: character, count: length))
            return end
        }
        let id = delimiters.count
        delimiters.append(
            Delimiter(character: character, count: length, canOpen: canOpen, canClose: canClose, previous: top, next: nil))
        if let top { delimiters[top].next = id }
        top = id
        pieces.append(.delimiter(id))
        return end
    }

    private mutating func removeFromStack(_ id: Int) {
        let previous = delimiters[id].previous
        let next = delimiters[id].next
        if let previous { delimiters[previous].next = next }
        if let next { delimiters[next].previous = previous }
        if top == id { top = previous }
        delimiters[id].previous = nil
        delimiters[id].next = nil
    }

    /// Matches closers with openers among the delimiters above `bottom` (nil: the whole stack), then takes them all
    /// off the stack. Whatever is not matched stays literal text.
    private mutating func processEmphasis(above bottom: Int?) {
        var first: Int?
        var cursor = top
        while let id = cursor, id != bottom {
            first = id
            cursor = delimiters[id].previous
        }
        // For each kind of closer, where the last search for an opener ended without finding one.
        var openersBottom: [String: Int?] = [:]
        var current = first
        while let closer = current {
            let delimiter = delimiters[closer]
            guard delimiter.canClose, delimiter.count > 0 else {
                current = delimiter.next
                continue
            }
            let key = delimiter.character == "~" ? "~\(delimiter.count)" : String(delimiter.character)
            let limit: Int? = openersBottom[key] ?? bottom
            var candidate = delimiter.previous
            var found: Int?
            while let id = candidate, id != limit, id != bottom {
                let opener = delimiters[id]
                if opener.character == delimiter.character, opener.canOpen, opener.count > 0,
                    delimiter.character != "~" || opener.count == delimiter.count
                {
                    found = id
                    break
                }
                candidate = opener.previous
            }
            guard let opener = found else {
                openersBottom[key] = delimiter.previous
                let next = delimiter.next
                if !delimiter.canOpen { removeFromStack(closer) }
                current = next
                continue
            }
            let style: InlineToken.Style
            let used: Int
            if delimiter.character == "~" {
                (style, used) = (.strikethrough, delimiter.count)
            } else if delimiters[opener].count >= 2 && delimiter.count >= 2 {
                (style, used) = (.strong, 2)
            } else {
                (style, used) = (.emphasis, 1)
            }
            delimiters[opener].count -= used
            delimiters[closer].count -= used
            delimiters[opener].opens.append(style)
            delimiters[closer].closes.append(style)
            var between = delimiters[opener].next
            while let id = between, id != closer {
                between = delimiters[id].next
                removeFromStack(id)
            }
            if delimiters[opener].count == 0 { removeFromStack(opener) }
            if delimiters[closer].count == 0 {
                let next = delimiters[closer].next
                removeFromStack(closer)
                current = next
            }
        }
        while let id = top, id != bottom { removeFromStack(id) }
    }

    // MARK: - Links

    private mutating func closeBracket(at index: Int) -> Int {
        guard let bracket = brackets.last else {
            text.append("]")
            return index + 1
        }
        guard brackets.count - 1 >= activeBrackets, let (destination, title, end) = linkTail(from: index + 1) else {
            brackets.removeLast()
            text.append("]")
            return index + 1
        }
        flush()
        processEmphasis(above: bracket.delimiterBottom)
        // An autolink or image inside the link text shows as its text: links do not nest.
        for position in (bracket.piece + 1)..<pieces.count {
            switch pieces[position] {
            case .linkOpen, .linkClose: pieces[position] = .removed
            default: break
            }
        }
        pieces[bracket.piece] = .linkOpen(destination: destination, title: title)
        pieces.append(.linkClose)
        brackets.removeLast()
        if !bracket.isImage { activeBrackets = brackets.count }
        return end
    }

    /// `(destination "title")` from `start`: the destination, the title and the index after `)`.
    private func linkTail(from start: Int) -> (String, String?, Int)? {
        guard unescapedCharacter(at: start) == "(" else { return nil }
        var index = skipSpaces(from: start + 1)
        var destination = ""
        // Counted apart: `String.count` walks the whole string.
        var length = 0
        if unescapedCharacter(at: index) == "<" {
            index += 1
            while true {
                guard index < atoms.count, length < InlineMarkdownParser.maximumLinkLength,
                    case .character(let character, let escaped) = atoms[index]
                else { return nil }
                if !escaped && character == ">" { break }
                if (!escaped && character == "<") || character.isNewline { return nil }
                destination.append(character)
                length += 1
                index += 1
            }
            index += 1
        } else {
            var depth = 0
            while index < atoms.count, case .character(let character, let escaped) = atoms[index] {
                if !escaped {
                    if character.isWhitespace { break }
                    if character == "(" {
                        depth += 1
                        if depth > 32 { return nil }
                    }
                    if character == ")" {
                        if depth == 0 { break }
                        depth -= 1
                    }
                }
                destination.append(character)
                length += 1
                guard length <= InlineMarkdownParser.maximumLinkLength else { return nil }
                index += 1
            }
            guard depth == 0 else { return nil }
        }
        let afterDestination = index
        index = skipSpaces(from: index)
        var title: String?
        if index > afterDestination, let opening = unescapedCharacter(at: index), ["\"", "'", "("].contains(opening) {
            let closing: Character = opening == "(" ? ")" : opening
            var value = ""
            var valueLength = 0
            index += 1
            while true {
                guard index < atoms.count, valueLength < InlineMarkdownParser.maximumLinkLength,
                    case .character(let character, let escaped) = atoms[index]
                else { return nil }
                if !escaped && character == closing { break }
                value.append(character)
                valueLength += 1
                index += 1
            }
            title = value
            index = skipSpaces(from: index + 1)
        }
        guard unescapedCharacter(at: index) == ")" else { return nil }
        return (destination, title, index + 1)
    }

    private func skipSpaces(from start: Int) -> Int {
        var index = start
        while let character = unescapedCharacter(at: index), character == " " || character == "\t" { index += 1 }
        return index
    }

    private mutating func appendLink(destination: String, label: String) {
        flush()
        pieces.append(.linkOpen(destination: destination, title: nil))
        pieces.append(.text(label))
        pieces.append(.linkClose)
    }

    /// `<scheme:…>` or `<name@example.com>` at `start`: the destination, the text shown and the index after `>`.
    private func autolink(at start: Int) -> (String, String, Int)? {
        var content = ""
        var index = start + 1
        while true {
            guard index < atoms.count, index - start <= InlineMarkdownParser.maximumLinkLength,
                case .character(let character, _) = atoms[index]
            else { return nil }
            if character == ">" { break }
            if character == "<" || character.isWhitespace || character.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                return nil
            }
            content.append(character)
            index += 1
        }
        if InlineScanner.isAbsoluteURI(content) { return (content, content, index + 1) }
        if InlineScanner.isEmailAddress(content) { return ("mailto:" + content, content, index + 1) }
        return nil
    }

    /// A bare `http://` or `https://` URL at `start` (GitHub's extended autolinks): the URL and the index after it.
    private func bareURL(at start: Int) -> (String, Int)? {
        if start > 0 {
            let before = neighbour(at: start - 1)
            guard before.isWhitespace || "*_~(".contains(before) else { return nil }
        }
        var scheme = ""
        for offset in 0..<8 {
            guard let character = unescapedCharacter(at: start + offset) else { break }
            scheme.append(character)
            if scheme.count == 7 && scheme.lowercased() == "http://" { break }
        }
        let lowered = scheme.lowercased()
        guard lowered == "http://" || lowered == "https://" else { return nil }
        var url: [Character] = []
        var index = start
        var opened = 0
        var closed = 0
        let insideBrackets = brackets.count > activeBrackets
        while index < atoms.count, index - start < InlineMarkdownParser.maximumLinkLength,
            case .character(let character, let escaped) = atoms[index]
        {
            if escaped || character.isWhitespace || character == "<" || character == "\\" || (insideBrackets && character == "]")
            {
                break
            }
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { break }
            if character == "(" { opened += 1 }
            if character == ")" { closed += 1 }
            url.append(character)
            index += 1
        }
        while let last = url.last {
            if "?!.,:*_~'\";".contains(last) {
                url.removeLast()
            } else if last == ")", closed > opened {
                url.removeLast()
                closed -= 1
            } else {
                break
            }
        }
        guard url.count > scheme.count, url[scheme.count].isLetter || url[scheme.count].isNumber else { return nil }
        return (String(url), start + url.count)
    }

    /// `scheme:rest` with a scheme of 2 to 32 letters, digits, `+`, `.` or `-`, starting with a letter.
    static func isAbsoluteURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard (2...32).contains(scheme.count), let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }

    /// A plain e-mail address: `local@domain.tld`.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else { return false }
        let localCharacters = Set("!#$%&'*+/=?^_`{|}~-.")
        guard parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || localCharacters.contains($0)) }) else {
            return false
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    // MARK: - Output

    private func emit() -> [InlineToken] {
        var tokens: [InlineToken] = []
        var pendingText = ""
        func flushText() {
            if !pendingText.isEmpty { tokens.append(.text(pendingText)) }
            pendingText = ""
        }
        for piece in pieces {
            switch piece {
            case .text(let value):
                pendingText += value
            case .code(let code):
                flushText()
                tokens.append(.code(code))
            case .delimiter(let id):
                let delimiter = delimiters[id]
                if !delimiter.closes.isEmpty {
                    flushText()
                    tokens += delimiter.closes.map { .close($0) }
                }
                pendingText += String(repeating: delimiter.character, count: delimiter.count)
                if !delimiter.opens.isEmpty {
                    flushText()
                    tokens += delimiter.opens.reversed().map { .open($0) }
                }
            case .lineBreak(let hard):
                flushText()
                tokens.append(hard ? .hardBreak : .softBreak)
            case .linkOpen(let destination, let title):
                flushText()
                tokens.append(.linkOpen(destination: destination, title: title))
            case .linkClose:
                flushText()
                tokens.append(.linkClose)
            case .removed:
                continue
            }
        }
        flushText()
        return tokens
    }
}
