extension Block {
    /// A readable, stable dump of the block tree with ranges, one node per line, for golden
    /// tests and debugging.
    func debugDump() -> String {
        var output: [String] = []
        var stack: [(block: Block, depth: Int)] = [(self, 0)]
        while let (block, depth) = stack.popLast() {
            let indent = String(repeating: "  ", count: depth)
            output.append(indent + block.dumpHeader())
            for line in block.dumpDetails() {
                output.append(indent + "  " + line)
            }
            for child in block.children.reversed() {
                stack.append((child, depth + 1))
            }
        }
        return output.joined(separator: "\n")
    }

    private func dumpHeader() -> String {
        switch kind {
        case .heading(let heading):
            return "heading(\(heading.level)) \(range) \(heading.text.debugDescription) @\(heading.textRange)"
        case .paragraph:
            return "paragraph \(range)"
        case .list(let list):
            if list.isOrdered {
                return "list(ordered \(list.marker) start \(list.start ?? 1)) \(range)"
            }
            return "list(bullet \(list.marker)) \(range)"
        case .listItem(let item):
            var text = "item"
            if let number = item.number { text += " #\(number)" }
            text += " \(range)"
            if let checkbox = item.checkbox {
                text += " [\(checkbox.isChecked ? "x" : " ")]@\(checkbox.position)"
            }
            return text
        case .table(let table):
            let alignments = table.alignments.map(\.rawValue).joined(separator: ",")
            return "table \(range) align(\(alignments))"
        case .codeBlock(let code):
            if code.isFenced {
                return "code(fenced \(code.fence) info \(code.info.debugDescription)) \(range)"
                    + (code.isClosed ? "" : " unclosed")
            }
            return "code(indented) \(range)"
        case .blockQuote:
            return "quote \(range)"
        case .htmlComment(let comment):
            return "html-comment \(range)" + (comment.isClosed ? "" : " unclosed")
        case .thematicBreak:
            return "thematic-break \(range)"
        }
    }

    private func dumpDetails() -> [String] {
        switch kind {
        case .paragraph(let lines):
            return lines.map { "\($0.text.debugDescription) @\($0.position)" }
        case .codeBlock(let code):
            return code.lines.map { "\($0.text.debugDescription) @\($0.position)" }
        case .htmlComment(let comment):
            return comment.lines.map { "\($0.text.debugDescription) @\($0.position)" }
        case .table(let table):
            let rows = [("header", table.header)] + table.rows.map { ("row", $0) }
            return rows.map { label, row in
                let cells = row.cells.map { "\($0.text.debugDescription)@\($0.range.start)" }
                return "\(label) \(row.range): " + cells.joined(separator: " | ")
            }
        default:
            return []
        }
    }
}

extension MarkdownDocument {
    /// A readable, stable dump of the whole tree with ranges, for golden tests and debugging.
    public func debugDump() -> String {
        var parts = blocks.map { $0.debugDump() }
        parts += errors.map { "error \($0.position): \($0.message)" }
        return parts.joined(separator: "\n")
    }
}
