/// Writes parsed Markdown back as Markdown for public output, normalized and made inert.
///
/// HTML comments are left out; links keep only destinations `LinkPolicy` allows (others become their text); text is
/// escaped so that any renderer shows it as written: `<script>` becomes `\<script>`, a stray `*` stays a star.
/// Code blocks are always fenced, with a fence longer than any backtick run inside.
struct MarkdownWriter: Sendable {
    init() {}

    /// The blocks as Markdown, separated by blank lines, ending with a newline.
    func write(_ blocks: [Block]) -> String {
        let lines = self.lines(of: blocks, loose: true)
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Inline tokens as Markdown (newlines for line breaks, with no container indentation).
    func write(inline tokens: [InlineToken]) -> String {
        var output = ""
        var atLineStart = true
        // Each open link: its destination and title, where its text starts in `output`, and that text unescaped.
        var links: [(href: String, title: String?, start: Int, text: String)?] = []
        for token in tokens {
            switch token {
            case .text(let text):
                if let last = links.indices.last, links[last] != nil { links[last]?.text += text }
                output += MarkdownWriter.escape(text, atLineStart: atLineStart)
            case .code(let code):
                // Code in a link's text keeps it from being written as an autolink.
                if let last = links.indices.last, links[last] != nil { links[last]?.text += "`" }
                output += MarkdownWriter.codeSpan(HTMLEscaper.removingControlCharacters(code))
            case .open(let style), .close(let style):
                output += MarkdownWriter.delimiter(style)
            case .linkOpen(let destination, let title):
                if let href = LinkPolicy.safeDestination(destination) {
                    // A `!` just before would make the link an image.
                    if output.hasSuffix("!") { output.insert("\\", at: output.index(before: output.endIndex)) }
                    links.append((href, title, output.utf8.count, ""))
                    output += "["
                } else {
                    links.append(nil)
                }
            case .linkClose:
                guard let link = links.popLast(), let link else { continue }
                // A link whose text is its destination is written as an autolink: `<https://…>`, `<name@example.com>`.
                let isURL = link.text == link.href && InlineScanner.isAbsoluteURI(link.text)
                let isEmail = "mailto:" + link.text == link.href && InlineScanner.isEmailAddress(link.text)
                if link.title == nil, isURL || isEmail, !link.text.contains(where: { "<>\\ ".contains($0) || $0.isNewline }) {
                    output = String(decoding: output.utf8.prefix(link.start), as: UTF8.self) + "<" + link.text + ">"
                    continue
                }
                output += "](" + MarkdownWriter.destination(link.href)
                if let title = link.title, !title.isEmpty {
                    let cleaned = HTMLEscaper.removingControlCharacters(title).replacingOccurrences(of: "\n", with: " ")
                    output +=
                        " \"" + cleaned.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                        + "\""
                }
                output += ")"
            case .softBreak:
                output += "\n"
            case .hardBreak:
                output += "\\\n"
            }
            switch token {
            case .softBreak, .hardBreak: atLineStart = true
            case .linkClose, .linkOpen: break
            case .text(let text): atLineStart = atLineStart && text.isEmpty
            default: atLineStart = false
            }
        }
        return output
    }

    /// Inline Markdown source (a title, a field value, an action) written back escaped and inert.
    func write(inline text: String) -> String {
        write(inline: InlineMarkdownParser.parse(text))
    }

    /// Plain text (not Markdown) escaped so that a Markdown renderer shows it exactly.
    func escapePlainText(_ text: String) -> String {
        MarkdownWriter.escape(text, atLineStart: true)
    }

    // MARK: - Blocks

    private func lines(of blocks: [Block], loose: Bool) -> [String] {
        var result: [String] = []
        for block in blocks where !block.isHTMLComment {
            let blockLines = lines(of: block)
            guard !blockLines.isEmpty else { continue }
            if loose, !result.isEmpty { result.append("") }
            result += blockLines
        }
        return result
    }

    private func lines(of block: Block) -> [String] {
        switch block.kind {
        case .heading(let heading):
            var text = write(inline: heading.text).replacingOccurrences(of: "\n", with: " ")
            if text.hasSuffix("#") {
                // A trailing `#` would be read as a closing sequence.
                let run = text.reversed().prefix { $0 == "#" }.count
                text = String(text.dropLast(run)) + String(repeating: "\\#", count: run)
            }
            return [String(repeating: "#", count: min(max(heading.level, 1), 6)) + " " + text]
        case .paragraph(let lines):
            return split(write(inline: InlineMarkdownParser.parse(lines)))
        case .list(let list):
            let loose = HTMLRenderer.isLoose(block)
            var result: [String] = []
            var number = list.start ?? 1
            for item in block.children {
                guard let details = item.listItem else { continue }
                var marker = list.isOrdered ? "\(number)\(list.marker == ")" ? ")" : ".")" : (list.marker == "*" ? "*" : "-")
                number += 1
                let indent = String(repeating: " ", count: marker.count + 1)
                if let checkbox = details.checkbox { marker += checkbox.isChecked ? " [x]" : " [ ]" }
                let content = lines(of: item.children, loose: loose)
                if loose, !result.isEmpty { result.append("") }
                guard let first = content.first else {
                    result.append(marker)
                    continue
                }
                result.append(first.isEmpty ? marker : marker + " " + first)
                result += content.dropFirst().map { $0.isEmpty ? "" : indent + $0 }
            }
            return result
        case .listItem:
            return lines(of: block.children, loose: true)
        case .table(let table):
            func row(_ cells: [String]) -> String {
                "| " + cells.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |"
            }
            func cell(_ text: String) -> String {
                write(inline: text).replacingOccurrences(of: "\n", with: " ")
            }
            let columns = table.header.cells.count
            let delimiters = (0..<columns).map { index -> String in
                switch index < table.alignments.count ? table.alignments[index] : .none {
                case .none: return "---"
                case .left: return ":---"
                case .center: return ":---:"
                case .right: return "---:"
                }
            }
            return [row(table.header.cells.map { cell($0.text) }), "| " + delimiters.joined(separator: " | ") + " |"]
                + table.rows.map { row($0.cells.map { cell($0.text) }) }
        case .codeBlock(let code):
            let content = code.lines.map { HTMLEscaper.removingControlCharacters($0.text) }
            let longest = content.map(MarkdownWriter.longestBacktickRun).max() ?? 0
            let fence = String(repeating: "`", count: max(3, longest + 1))
            let language = code.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            let info = HTMLEscaper.removingControlCharacters(language).filter { $0 != "`" && !$0.isNewline }
            return [fence + info] + content + [fence]
        case .blockQuote:
            return lines(of: block.children, loose: true).map { $0.isEmpty ? ">" : "> " + $0 }
        case .htmlComment:
            return []
        case .thematicBreak:
            return ["***"]
        }
    }

    private func split(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    // MARK: - Escaping

    private static func delimiter(_ style: InlineToken.Style) -> String {
        switch style {
        case .emphasis: return "*"
        case .strong: return "**"
        case .strikethrough: return "~~"
        }
    }

    /// A code span around `code`, with more backticks than any run inside and padding where CommonMark needs it.
    private static func codeSpan(_ code: String) -> String {
        let fence = String(repeating: "`", count: longestBacktickRun(code) + 1)
        let flattened = code.replacingOccurrences(of: "\n", with: " ")
        let padded = flattened.hasPrefix("`") || flattened.hasSuffix("`") ? " " + flattened + " " : flattened
        return fence + padded + fence
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// A link destination: backslashes escaped, in angle brackets when it holds parentheses or angle brackets.
    private static func destination(_ href: String) -> String {
        let escaped = href.replacingOccurrences(of: "\\", with: "\\\\")
        guard href.contains(where: { "()<> ".contains($0) }) else { return escaped }
        return "<" + escaped.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E") + ">"
    }

    /// Characters that start Markdown syntax anywhere in a line.
    private static let specialCharacters: Set<Character> = ["\\", "`", "*", "_", "~", "[", "]", "<", "|"]

    /// `text` with Markdown syntax characters backslash-escaped and control characters removed; at the start of a
    /// line, also what would begin a heading, quote, list or setext underline.
    static func escape(_ text: String, atLineStart: Bool) -> String {
        let characters = Array(HTMLEscaper.removingControlCharacters(text))
        var result = ""
        var lineStart = atLineStart
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                result.append(character)
                lineStart = true
                index += 1
                continue
            }
            if lineStart {
                lineStart = false
                if "#>-+=".contains(character) {
                    result += "\\" + String(character)
                    index += 1
                    continue
                }
                if character.isASCII, character.isNumber {
                    // `2026. ` or `1) ` would start an ordered list.
                    var end = index
                    while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                    result += String(characters[index..<end])
                    if end < characters.count, characters[end] == "." || characters[end] == ")" {
                        result += "\\" + String(characters[end])
                        end += 1
                    }
                    index = end
                    continue
                }
                if character == " " || character == "\t" {
                    // Leading blanks would indent the line into a code block: they carry no meaning.
                    lineStart = true
                    index += 1
                    continue
                }
            }
            if character == "_", index > 0, index + 1 < characters.count,
                characters[index - 1].isLetter || characters[index - 1].isNumber,
                characters[index + 1].isLetter || characters[index + 1].isNumber
            {
                result.append(character)
            } else if specialCharacters.contains(character) {
                result += "\\" + String(character)
            } else if character == "&", isEntityLike(characters, from: index) {
                result += "\\&"
            } else {
                result.append(character)
            }
            index += 1
        }
        return result
    }

    /// Whether `&` at `index` starts something a renderer would read as an entity (`&amp;`, `&#39;`).
    private static func isEntityLike(_ characters: [Character], from index: Int) -> Bool {
        var end = index + 1
        while end < characters.count, end - index <= 32, characters[end].isASCII,
            characters[end].isLetter || characters[end].isNumber || characters[end] == "#"
        {
            end += 1
        }
        return end > index + 1 && end < characters.count && characters[end] == ";"
    }
}
