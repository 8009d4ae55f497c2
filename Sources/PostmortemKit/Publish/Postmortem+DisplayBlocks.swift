import Foundation

extension Postmortem {
    /// The whole body as a reader sees it, in document order: the text before the first heading, then every section
    /// with its heading, whatever the heading levels. The opening `#` heading is left out when it says what the
    /// title (`displayTitle`) says, which a reader shows above the body.
    public var displayBlocks: [DisplayBlock] {
        let blocks = opensWithTitle ? markdown.blocks.dropFirst() : markdown.blocks[...]
        return DisplayBlockBuilder.blocks(Array(blocks), definitions: markdown.linkDefinitions)
    }
}

/// Makes `DisplayBlock`s of parsed Markdown.
enum DisplayBlockBuilder {
    /// `blocks` and, each where it was written, the link reference definitions, which are in no block: a reader of
    /// `[the runbook][rb]` needs to see where `rb` leads.
    static func blocks(_ blocks: [Block], definitions: [LinkReferenceDefinition]) -> [DisplayBlock] {
        var pending = definitions.sorted { $0.range.start < $1.range.start }[...]
        var result: [DisplayBlock] = []
        for block in blocks {
            while let next = pending.first, next.range.start < block.range.start {
                result.append(definition(next))
                pending.removeFirst()
            }
            if let shown = display(block) { result.append(shown) }
        }
        result += pending.map(definition)
        return result
    }

    /// `[label]: destination "title"`, as written.
    private static func definition(_ definition: LinkReferenceDefinition) -> DisplayBlock {
        var runs: [DisplayRun] = [.text("[" + definition.label + "]: ", []), .text(definition.destination, .link)]
        if let title = definition.title { runs.append(.text(" \"" + title + "\"", [])) }
        return .paragraph(runs)
    }

    /// The block as shown; nil for what shows nothing (an HTML comment, a paragraph that held only one).
    static func display(_ block: Block) -> DisplayBlock? {
        switch block.kind {
        case .heading(let heading):
            return .heading(level: min(max(heading.level, 1), 6), text: runs(InlineMarkdownParser.parse(heading.text)))
        case .paragraph(let lines):
            let text = runs(InlineMarkdownParser.parse(lines))
            return text.isEmpty ? nil : .paragraph(text)
        case .list(let list):
            var number = list.start ?? 1
            let items = block.children.compactMap { child -> DisplayListItem? in
                guard let item = child.listItem else { return nil }
                var marker = String(list.marker)
                if list.isOrdered {
                    marker = "\(number)\(list.marker)"
                    number += 1
                }
                return DisplayListItem(
                    marker: marker, isChecked: item.checkbox?.isChecked, blocks: child.children.compactMap(display))
            }
            return .list(items: items, isLoose: HTMLRenderer.isLoose(block))
        case .listItem:
            return .list(
                items: [DisplayListItem(marker: "-", isChecked: nil, blocks: block.children.compactMap(display))], isLoose: false)
        case .table(let table):
            let alignments = table.alignments.map { alignment -> DisplayTable.Alignment in
                switch alignment {
                case .none: return .none
                case .left: return .left
                case .center: return .center
                case .right: return .right
                }
            }
            func cells(_ row: Block.TableRow) -> [[DisplayRun]] {
                row.cells.map { runs(InlineMarkdownParser.parse($0.text)) }
            }
            return .table(DisplayTable(alignments: alignments, header: cells(table.header), rows: table.rows.map(cells)))
        case .codeBlock(let code):
            let language = code.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            return .code(language: language, lines: code.lines.map(\.text))
        case .blockQuote:
            return .quote(block.children.compactMap(display))
        case .htmlComment:
            return nil
        case .thematicBreak:
            return .rule
        }
    }

    /// The runs of inline tokens: styles as they nest, and after a link's text its destination, unless the text is
    /// the destination already (`<https://…>`, a bare URL, an e-mail address), and its title, which a browser shows
    /// only under the pointer.
    static func runs(_ tokens: [InlineToken]) -> [DisplayRun] {
        var result: [DisplayRun] = []
        var depth: [InlineToken.Style: Int] = [:]
        // Each open link: its destination, its title and the plain text of its label so far.
        var links: [(destination: String, title: String?, label: String)] = []
        // Text of one style is gathered here and becomes one run when the style changes: appending to the last run
        // instead would copy it at every token, which a paragraph of a million brackets makes quadratic.
        var pending = ""
        var pendingStyle: DisplayStyle = []
        func style() -> DisplayStyle {
            var style: DisplayStyle = links.isEmpty ? [] : .link
            if depth[.strong, default: 0] > 0 { style.insert(.strong) }
            if depth[.emphasis, default: 0] > 0 { style.insert(.emphasis) }
            if depth[.strikethrough, default: 0] > 0 { style.insert(.strikethrough) }
            return style
        }
        func flush() {
            if !pending.isEmpty { result.append(.text(pending, pendingStyle)) }
            pending = ""
        }
        func append(_ text: String, _ style: DisplayStyle) {
            guard !text.isEmpty else { return }
            for index in links.indices { links[index].label += text }
            // Two code spans side by side stay two.
            if style != pendingStyle || style.contains(.code) {
                flush()
                pendingStyle = style
            }
            pending += text
        }
        for token in tokens {
            switch token {
            case .text(let text):
                append(text, style())
            case .code(let code):
                append(code, style().union(.code))
            case .open(let style):
                depth[style, default: 0] += 1
            case .close(let style):
                depth[style, default: 0] -= 1
            case .linkOpen(let destination, let title):
                links.append((destination, title, ""))
            case .linkClose:
                guard let link = links.popLast() else { continue }
                let label = link.label.trimmingCharacters(in: .whitespaces)
                if label != link.destination, "mailto:" + label != link.destination, !link.destination.isEmpty {
                    append(" <" + link.destination + ">", .destination)
                }
                if let title = link.title, !title.isEmpty { append(" \"" + title + "\"", .destination) }
            case .softBreak:
                flush()
                result.append(.lineBreak(hard: false))
            case .hardBreak:
                flush()
                result.append(.lineBreak(hard: true))
            }
        }
        flush()
        return result
    }
}
