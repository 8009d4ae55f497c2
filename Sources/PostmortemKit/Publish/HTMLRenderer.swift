/// Renders parsed Markdown (blocks and inline tokens) as an HTML fragment for public output.
///
/// Everything that comes from the document is escaped, text and attribute values alike; HTML comments are left out;
/// links keep only destinations `LinkPolicy` allows. The markup is also well-formed XML: every element is closed,
/// attributes are quoted, void elements are written `<br/>`, and only the five XML escapes are used, so the same
/// fragment can go into an Atom feed or be checked by an XML parser.
public struct HTMLRenderer: Sendable {
    public init() {}

    /// The blocks as HTML, one element per line.
    public func render(_ blocks: [Block]) -> String {
        var output = ""
        for block in blocks { render(block, tight: false, into: &output) }
        return output
    }

    /// Inline Markdown (a paragraph's lines, a heading, a cell) as HTML.
    func render(inline tokens: [InlineToken]) -> String {
        var output = ""
        var links: [Bool] = []
        for token in tokens {
            switch token {
            case .text(let text):
                output += HTMLEscaper.text(text)
            case .code(let code):
                output += "<code>" + HTMLEscaper.text(code) + "</code>"
            case .open(let style):
                output += "<" + HTMLRenderer.element(style) + ">"
            case .close(let style):
                output += "</" + HTMLRenderer.element(style) + ">"
            case .linkOpen(let destination, let title):
                guard let href = LinkPolicy.safeDestination(destination) else {
                    links.append(false)
                    continue
                }
                output += "<a href=\"" + HTMLEscaper.attribute(href) + "\""
                if let title, !title.isEmpty { output += " title=\"" + HTMLEscaper.attribute(title) + "\"" }
                output += ">"
                links.append(true)
            case .linkClose:
                if links.popLast() == true { output += "</a>" }
            case .softBreak:
                output += "\n"
            case .hardBreak:
                output += "<br/>\n"
            }
        }
        return output
    }

    /// Inline Markdown source text (one line or several) as HTML.
    func render(inline text: String) -> String {
        render(inline: InlineMarkdownParser.parse(text))
    }

    /// A front-matter value as HTML: its items joined by commas, each that is a web address (`LinkPolicy.webURL`) a
    /// link to it, everything else text.
    static func render(fieldValue value: FrontMatterValue) -> String {
        let items = value.listValue ?? [value.stringValue ?? ""]
        return items.map { item in
            let text = HTMLEscaper.text(HTMLEscaper.removingControlCharacters(item))
            guard let href = LinkPolicy.webURL(item) else { return text }
            return "<a href=\"" + HTMLEscaper.attribute(href) + "\">" + text + "</a>"
        }.joined(separator: ", ")
    }

    private static func element(_ style: InlineToken.Style) -> String {
        switch style {
        case .emphasis: return "em"
        case .strong: return "strong"
        case .strikethrough: return "del"
        }
    }

    /// Appends `block`; in a tight list item (`tight`), a paragraph is written without `<p>`.
    private func render(_ block: Block, tight: Bool, into output: inout String) {
        switch block.kind {
        case .heading(let heading):
            let level = min(max(heading.level, 1), 6)
            output += "<h\(level)>" + render(inline: heading.text) + "</h\(level)>\n"
        case .paragraph(let lines):
            let content = render(inline: InlineMarkdownParser.parse(lines))
            output += tight ? content + "\n" : "<p>" + content + "</p>\n"
        case .list(let list):
            let isTaskList = block.children.contains { $0.listItem?.checkbox != nil }
            let loose = HTMLRenderer.isLoose(block)
            var open = list.isOrdered ? "<ol" : "<ul"
            if list.isOrdered, let start = list.start, start != 1 { open += " start=\"\(start)\"" }
            if isTaskList { open += " class=\"tasks\"" }
            output += open + ">\n"
            for item in block.children { render(item, tight: !loose, into: &output) }
            output += list.isOrdered ? "</ol>\n" : "</ul>\n"
        case .listItem(let item):
            output += item.checkbox == nil ? "<li>" : "<li class=\"task\">"
            if let checkbox = item.checkbox {
                output +=
                    "<input type=\"checkbox\" disabled=\"disabled\"" + (checkbox.isChecked ? " checked=\"checked\"" : "") + "/> "
            }
            let children = block.children.filter { !$0.isHTMLComment }
            if tight, children.count == 1, case .paragraph(let lines) = children[0].kind {
                output += render(inline: InlineMarkdownParser.parse(lines))
            } else {
                if !children.isEmpty { output += "\n" }
                for child in children { render(child, tight: tight, into: &output) }
            }
            output += "</li>\n"
        case .table(let table):
            output += "<table>\n<thead>\n<tr>"
            for (index, cell) in table.header.cells.enumerated() {
                output += "<th" + HTMLRenderer.alignment(table.alignments, index) + ">" + render(inline: cell.text) + "</th>"
            }
            output += "</tr>\n</thead>\n"
            if !table.rows.isEmpty {
                output += "<tbody>\n"
                for row in table.rows {
                    output += "<tr>"
                    for (index, cell) in row.cells.enumerated() {
                        output +=
                            "<td" + HTMLRenderer.alignment(table.alignments, index) + ">" + render(inline: cell.text) + "</td>"
                    }
                    output += "</tr>\n"
                }
                output += "</tbody>\n"
            }
            output += "</table>\n"
        case .codeBlock(let code):
            let language = code.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            output += "<pre><code"
            if !language.isEmpty { output += " class=\"language-" + HTMLEscaper.attribute(language) + "\"" }
            output += ">" + HTMLEscaper.text(code.lines.map(\.text).joined(separator: "\n")) + "</code></pre>\n"
        case .blockQuote:
            output += "<blockquote>\n"
            for child in block.children { render(child, tight: false, into: &output) }
            output += "</blockquote>\n"
        case .htmlComment:
            break
        case .thematicBreak:
            output += "<hr/>\n"
        }
    }

    private static func alignment(_ alignments: [Block.Alignment], _ index: Int) -> String {
        guard index < alignments.count else { return "" }
        switch alignments[index] {
        case .none: return ""
        case .left: return " style=\"text-align: left\""
        case .center: return " style=\"text-align: center\""
        case .right: return " style=\"text-align: right\""
        }
    }

    /// Whether a list is loose (its paragraphs get `<p>`): a blank line between two items, or between two blocks of
    /// one item, as in CommonMark.
    static func isLoose(_ list: Block) -> Bool {
        func separated(_ blocks: [Block]) -> Bool {
            zip(blocks, blocks.dropFirst()).contains { previous, next in
                next.range.start.line > lastLine(of: previous) + 1
            }
        }
        return separated(list.children) || list.children.contains { separated($0.children.filter { !$0.isHTMLComment }) }
    }

    /// The last line a block covers (a range that ends at column 1 ends on the line before).
    private static func lastLine(of block: Block) -> Int {
        block.range.end.column == 1 && block.range.end.line > block.range.start.line
            ? block.range.end.line - 1 : block.range.end.line
    }
}
