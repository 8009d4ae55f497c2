import PostmortemKit

/// Lays out a document's `DisplayBlock`s for a terminal, as a pager-less Markdown viewer does: headings in bold
/// behind their `#` marks, paragraphs filled to the width, lists with their markers and hanging indents, code as
/// written and indented, tables aligned, quotes behind a bar, a link's destination after its text.
///
/// With no width (stdout is a pipe or a file) every line of the document stays a line and nothing is wrapped. A word
/// wider than the width (a long URL) is never cut: it overflows, so that the terminal can still follow it. Every piece
/// of document text is made `terminalSafe` before it is measured, so an escape sequence in the file never reaches
/// the terminal.
struct TerminalMarkdown {
    /// The columns to fill; nil keeps the document's own lines.
    var width: Int?
    /// Whether styles show; without them, emphasis, strong emphasis, strikethrough and code keep their Markdown
    /// marks (`**`, `*`, `~~`, `` ` ``), so that what they meant is not lost.
    var colors: Bool
    /// Wraps text in styles; writes it plain when the terminal shows no colours.
    var style: (String, [Terminal.Style]) -> String

    init(width: Int?, terminal: Terminal) {
        self.width = width
        colors = terminal.colors
        style = { terminal.styled($0, $1) }
    }

    /// A layout that styles with `style` (for tests; `colors` false keeps the Markdown marks).
    init(width: Int?, colors: Bool = false, style: @escaping (String, [Terminal.Style]) -> String = { text, _ in text }) {
        self.width = width
        self.colors = colors
        self.style = style
    }

    /// The narrowest column a nested block is filled to, however deep it sits.
    static let minimumWidth = 20
    /// The indentation of a code block.
    static let codeIndent = "    "
    /// The longest a thematic break is drawn.
    static let ruleWidth = 40

    /// The blocks as lines, a blank line between two blocks.
    func lines(_ blocks: [DisplayBlock]) -> [String] {
        lines(of: blocks, width: width, separated: true)
    }

    private func lines(of blocks: [DisplayBlock], width: Int?, separated: Bool) -> [String] {
        var result: [String] = []
        for block in blocks {
            let blockLines = lines(of: block, width: width)
            if separated, !result.isEmpty { result.append("") }
            result += blockLines
        }
        return result
    }

    private func lines(of block: DisplayBlock, width: Int?) -> [String] {
        switch block {
        case .heading(let level, let text):
            return wrap([.text(String(repeating: "#", count: level) + " ", [])] + marked(text), width: width, base: [.bold])
        case .paragraph(let runs):
            return wrap(marked(runs), width: width)
        case .list(let items, let isLoose):
            return list(items, isLoose: isLoose, width: width)
        case .code(_, let lines):
            return lines.map { line in
                let text = line.terminalSafe
                return text.isEmpty ? "" : Self.codeIndent + style(text, [.cyan])
            }
        case .table(let table):
            return self.table(table, width: width)
        case .quote(let blocks):
            let bar = style("│", [.dim])
            let inner = lines(of: blocks, width: width.map { max($0 - 2, Self.minimumWidth) }, separated: true)
            return inner.map { $0.isEmpty ? bar : bar + " " + $0 }
        case .rule:
            return [style(String(repeating: "─", count: min(width ?? Self.ruleWidth, Self.ruleWidth)), [.dim])]
        }
    }

    // MARK: - Lists

    private func list(_ items: [DisplayListItem], isLoose: Bool, width: Int?) -> [String] {
        var result: [String] = []
        for (index, item) in items.enumerated() {
            var marker = item.marker.terminalSafe
            if let isChecked = item.isChecked { marker += isChecked ? " [x]" : " [ ]" }
            let indent = String(repeating: " ", count: marker.displayWidth + 1)
            let inner = lines(of: item.blocks, width: width.map { max($0 - indent.count, Self.minimumWidth) }, separated: isLoose)
            if isLoose, index > 0 { result.append("") }
            let shown = item.isChecked == true ? style(marker, [.green]) : marker
            guard let first = inner.first else {
                result.append(shown)
                continue
            }
            result.append(first.isEmpty ? shown : shown + " " + first)
            result += inner.dropFirst().map { $0.isEmpty ? "" : indent + $0 }
        }
        return result
    }

    // MARK: - Tables

    /// Columns aligned as the delimiter row says, the header in bold and ruled off; a table wider than the terminal
    /// is written row by row as in the source (`| a | b |`), each row wrapped.
    private func table(_ table: DisplayTable, width: Int?) -> [String] {
        let header = table.header.map { cell(marked($0)) }
        let rows = table.rows.map { $0.map { cell(marked($0)) } }
        var widths = header.map(\.width)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.width)
            }
        }
        let total = widths.reduce(0, +) + 2 * max(widths.count - 1, 0)
        if let width, total > width {
            return ([table.header] + table.rows).enumerated().flatMap { index, cells -> [String] in
                var runs: [DisplayRun] = [.text("|", [])]
                for cell in cells { runs += [.text(" ", [])] + marked(cell) + [.text(" |", [])] }
                // The continuation lines are indented, so that each row still reads as one.
                let wrapped = wrap(runs, width: max(width - 2, 10), base: index == 0 ? [.bold] : [])
                return wrapped.enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
            }
        }
        func line(_ cells: [(text: String, width: Int)], bold: Bool) -> String {
            var parts: [String] = []
            for (column, width) in widths.enumerated() {
                let cell: (text: String, width: Int) = column < cells.count ? cells[column] : ("", 0)
                let text = bold ? style(cell.text, [.bold]) : cell.text
                let room: Int = width - cell.width
                let alignment = column < table.alignments.count ? table.alignments[column] : .none
                let isLast = column == widths.count - 1
                switch alignment {
                case .right:
                    parts.append(String(repeating: " ", count: room) + text)
                case .center:
                    let left = room / 2
                    parts.append(
                        String(repeating: " ", count: left) + text + (isLast ? "" : String(repeating: " ", count: room - left)))
                case .none, .left:
                    parts.append(text + (isLast ? "" : String(repeating: " ", count: room)))
                }
            }
            return parts.joined(separator: "  ")
        }
        let rule = style(widths.map { String(repeating: "─", count: max($0, 1)) }.joined(separator: "  "), [.dim])
        return [line(header, bold: true), rule] + rows.map { line($0, bold: false) }
    }

    /// A cell on one line, styled, with its width in columns.
    private func cell(_ runs: [DisplayRun]) -> (text: String, width: Int) {
        var text = ""
        var width = 0
        for run in runs {
            switch run {
            case .text(let piece, let runStyle):
                let clean = piece.singleLine
                text += style(clean, Self.styles(runStyle))
                width += clean.displayWidth
            case .lineBreak:
                text += " "
                width += 1
            }
        }
        return (text, width)
    }

    // MARK: - Inline text

    /// The runs with the Markdown marks of their styles written in, when styles do not show: a mark opens where a
    /// style starts and closes where it ends, properly nested.
    func marked(_ runs: [DisplayRun]) -> [DisplayRun] {
        guard !colors else { return runs }
        let order: [DisplayStyle] = [.strong, .emphasis, .strikethrough, .code]
        var result: [DisplayRun] = []
        var open: [(style: DisplayStyle, mark: String)] = []
        func close(keeping style: DisplayStyle) {
            // Close down to the outermost mark that ends here, so that the marks stay nested.
            guard let first = open.firstIndex(where: { !style.contains($0.style) }) else { return }
            for mark in open[first...].reversed() { result.append(.text(mark.mark, [])) }
            open.removeSubrange(first...)
        }
        for run in runs {
            guard case .text(let text, let style) = run else {
                result.append(run)
                continue
            }
            close(keeping: style)
            for kind in order where style.contains(kind) && !open.contains(where: { $0.style == kind }) {
                let mark: String
                switch kind {
                case .strong: mark = "**"
                case .emphasis: mark = "*"
                case .strikethrough: mark = "~~"
                default:
                    let longest = text.split(whereSeparator: { $0 != "`" }).map(\.count).max() ?? 0
                    mark = String(repeating: "`", count: longest + 1)
                }
                result.append(.text(mark, []))
                open.append((kind, mark))
            }
            result.append(.text(text, style))
        }
        close(keeping: [])
        return result
    }

    /// The runs as lines: filled to `width` (line breaks written in the source become spaces, forced ones stay), or
    /// with no width line for line as written. `base` styles every word (a heading's bold).
    func wrap(_ runs: [DisplayRun], width: Int?, base: [Terminal.Style] = []) -> [String] {
        guard let width else { return unfilled(runs, base: base) }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var word = ""
        var wordWidth = 0
        func endWord() {
            guard wordWidth > 0 || !word.isEmpty else { return }
            if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += wordWidth
            word = ""
            wordWidth = 0
        }
        for run in runs {
            switch run {
            case .lineBreak(hard: true):
                endWord()
                lines.append(line)
                line = ""
                lineWidth = 0
            case .lineBreak(hard: false):
                endWord()
            case .text(let text, let runStyle):
                let styles = base + Self.styles(runStyle)
                var piece = ""
                func endPiece() {
                    guard !piece.isEmpty else { return }
                    word += style(piece, styles)
                    wordWidth += piece.displayWidth
                    piece = ""
                }
                for character in text.terminalSafe {
                    if character == " " || character == "\t" || character == "\n" {
                        endPiece()
                        endWord()
                    } else {
                        piece.append(character)
                    }
                }
                endPiece()
            }
        }
        endWord()
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The runs line for line as written.
    private func unfilled(_ runs: [DisplayRun], base: [Terminal.Style]) -> [String] {
        var lines = [""]
        for run in runs {
            switch run {
            case .lineBreak:
                lines.append("")
            case .text(let text, let runStyle):
                let styles = base + Self.styles(runStyle)
                for (index, piece) in text.terminalSafe.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if index > 0 { lines.append("") }
                    lines[lines.count - 1] += style(String(piece), styles)
                }
            }
        }
        return lines
    }

    /// How the terminal shows a run's style.
    static func styles(_ style: DisplayStyle) -> [Terminal.Style] {
        var styles: [Terminal.Style] = []
        if style.contains(.strong) { styles.append(.bold) }
        if style.contains(.emphasis) { styles.append(.italic) }
        if style.contains(.strikethrough) { styles.append(.strikethrough) }
        if style.contains(.code) { styles.append(.cyan) }
        if style.contains(.link) { styles.append(.underline) }
        if style.contains(.destination) { styles.append(.dim) }
        return styles
    }
}
