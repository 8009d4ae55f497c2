/// A long document of a real-shaped history: a design document (an RFC: metadata, `#` sections) or a long
/// postmortem (front matter, `##` sections), 10 to 60 KiB of prose, lists, tables and long code blocks, kept as
/// blocks so that each new version is a few small edits to the one before.
struct GeneratedDocument {
    enum Kind {
        case design
        case postmortem
    }

    /// Every version of every document is this many bytes long.
    static let sizeRange = 10_240...61_440

    let kind: Kind
    var path: String
    var title: String
    var blocks: [DocumentBlock]
    /// The size the document was written to, which its edits hover around.
    let targetBytes: Int
    /// Its subject words (`ProseWriter.topic`).
    let topic: [String]
    /// The column its prose wraps at, or nil for paragraphs on one line.
    let width: Int?

    /// The file's text.
    var markdown: String {
        var text = ""
        text.reserveCapacity(byteCount)
        for (index, block) in blocks.enumerated() {
            if index > 0 { text += "\n\n" }
            text += block.text
        }
        return text + "\n"
    }

    /// The length of `markdown` in bytes.
    var byteCount: Int {
        blocks.reduce(0) { $0 + $1.text.utf8.count } + 2 * Swift.max(blocks.count - 1, 0) + 1
    }

    /// The sections new content goes into, by heading text.
    private var growingSections: [String] {
        switch kind {
        case .design:
            ["Motivation", "Guide-level explanation", "Reference-level explanation", "Drawbacks", "Rationale and alternatives"]
        case .postmortem: ["Impact", "Root cause", "Contributing factors", "Appendix"]
        }
    }

    // MARK: - Writing a new document

    /// A design document numbered `number`, started on `date`, of about `targetBytes`.
    static func design(number: Int, date: UTCMinute, targetBytes: Int, writer: inout ProseWriter) -> GeneratedDocument {
        let topic = writer.newTopic()
        writer.topic = topic
        let width: Int? = writer.random.chance(50) ? 80 : nil
        let title = writer.designTitle()
        let metadata = [
            "Feature Name: `\(writer.identifier())`", "Start Date: \(date.dateText)",
            "RFC PR: [#\(number)](https://example.com/rfcs/pull/\(number))",
            "Tracking Issue: [#\(writer.random.int(in: 10_000...99_999))](https://example.com/issues)",
        ]
        var blocks = [DocumentBlock(.list(ordered: false, items: metadata), width: nil)]
        for section in [
            "Summary", "Motivation", "Guide-level explanation", "Reference-level explanation", "Drawbacks",
            "Rationale and alternatives", "Prior art", "Unresolved questions", "Future possibilities",
        ] {
            blocks.append(DocumentBlock(.heading(level: 1, text: section), width: width))
            blocks.append(DocumentBlock(.paragraph(writer.sentences(2...6)), width: width))
        }
        var document = GeneratedDocument(
            kind: .design, path: "", title: title, blocks: blocks, targetBytes: targetBytes, topic: topic,
            width: width)
        document.fill(writer: &writer)
        return document
    }

    /// A long postmortem of an incident on `date`, of about `targetBytes`.
    static func postmortem(date: UTCMinute, authors: [Person], targetBytes: Int, writer: inout ProseWriter)
        -> GeneratedDocument
    {
        let topic = writer.newTopic()
        writer.topic = topic
        let width: Int? = writer.random.chance(30) ? 100 : nil
        let services = writer.random.pick(writer.random.int(in: 1...3), of: PostmortemGenerator.services)
        let title = writer.incidentTitle(service: services[0])
        let frontMatter = [
            "title: \"\(title)\"", "date: \(date.dateText)", "severity: SEV\(writer.random.pick([1, 2, 2, 3, 3, 3, 4]))",
            "status: draft", "services: [\(services.joined(separator: ", "))]",
            "tags: [\(writer.random.pick(2, of: PostmortemGenerator.tags).joined(separator: ", "))]",
            "authors: [\(authors.map(\.handle).joined(separator: ", "))]",
        ]
        var blocks = [DocumentBlock(.frontMatter(frontMatter), width: nil)]
        func section(_ name: String, _ content: [DocumentBlock.Content]) {
            blocks.append(DocumentBlock(.heading(level: 2, text: name), width: width))
            for item in content { blocks.append(DocumentBlock(item, width: width)) }
        }
        var clock = date.adding(minutes: writer.random.int(in: 0...1_200))
        var timeline: [String] = []
        for _ in 0..<writer.random.int(in: 8...20) {
            timeline.append("\(clock.clockText) \(writer.sentence())")
            clock = clock.adding(minutes: writer.random.int(in: 1...40))
        }
        let owners = authors.map(\.handle)
        section("Summary", [.paragraph(writer.sentences(3...6))])
        section("Impact", [.paragraph(writer.sentences(2...5)), .table(writer.table())])
        section("Timeline", [.list(ordered: false, items: timeline)])
        section("Root cause", [.paragraph(writer.sentences(4...9)), .paragraph(writer.sentences(3...8))])
        section("Contributing factors", [.paragraph(writer.sentences(3...7))])
        section(
            "What went well", [.list(ordered: false, items: (0..<writer.random.int(in: 2...5)).map { _ in writer.listItem() })])
        section(
            "What did not go well",
            [.list(ordered: false, items: (0..<writer.random.int(in: 2...5)).map { _ in writer.listItem() })])
        section(
            "Action items",
            [
                .list(
                    ordered: false,
                    items: (0..<writer.random.int(in: 3...8)).map { _ in
                        "[ ] \(writer.sentence().dropLast()) — owner: @\(writer.random.pick(owners)) — due: "
                            + "\(date.adding(minutes: writer.random.int(in: 7...60) * UTCMinute.minutesPerDay).dateText)"
                    })
            ])
        section("Appendix", [.code(language: "text", lines: writer.codeLines("text"))])
        var document = GeneratedDocument(
            kind: .postmortem, path: "", title: title, blocks: blocks, targetBytes: targetBytes, topic: topic,
            width: width)
        document.fill(writer: &writer)
        return document
    }

    /// Adds paragraphs, code, lists, tables and subsections to the growing sections up to the target size.
    private mutating func fill(writer: inout ProseWriter) {
        while byteCount < targetBytes {
            let saved = blocks
            insert(newContent(writer: &writer), intoSection: writer.random.pick(growingSections))
            if byteCount > Self.sizeRange.upperBound - 1_024 {
                blocks = saved
                break
            }
        }
    }

    /// New blocks for a section: mostly a paragraph, sometimes code, a list, a table or a subsection.
    private func newContent(writer: inout ProseWriter) -> [DocumentBlock.Content] {
        switch writer.random.int(in: 0...99) {
        case 0..<55: return [.paragraph(writer.sentences(3...9))]
        case 55..<70: return [codeBlock(writer: &writer)]
        case 70..<82:
            return [
                .list(ordered: writer.random.chance(30), items: (0..<writer.random.int(in: 3...8)).map { _ in writer.listItem() })
            ]
        case 82..<87: return [.table(writer.table())]
        default:
            let heading = ProseWriter.capitalized(writer.contentWord()) + " " + writer.contentWord()
            return [.heading(level: kind == .design ? 2 : 3, text: heading), .paragraph(writer.sentences(3...8))]
                + (writer.random.chance(50) ? [codeBlock(writer: &writer)] : [.paragraph(writer.sentences(2...6))])
        }
    }

    /// A code block in a language this kind of document uses.
    private func codeBlock(writer: inout ProseWriter) -> DocumentBlock.Content {
        let weights: [(String, Int)] =
            switch kind {
            case .design:
                [
                    ("rust", 35), ("python", 10), ("go", 10), ("c", 8), ("sql", 7), ("yaml", 8), ("toml", 8), ("json", 7),
                    ("sh", 7),
                ]
            case .postmortem:
                [
                    ("text", 25), ("sh", 15), ("yaml", 12), ("sql", 10), ("python", 10), ("go", 10), ("json", 10), ("rust", 4),
                    ("c", 4),
                ]
            }
        var draw = writer.random.int(in: 0...(weights.reduce(0) { $0 + $1.1 } - 1))
        for (language, weight) in weights {
            if draw < weight { return .code(language: language, lines: writer.codeLines(language)) }
            draw -= weight
        }
        return .code(language: "text", lines: writer.codeLines("text"))
    }

    /// Inserts `content` at the end of the section whose heading is `name` (the end of the document if none is).
    private mutating func insert(_ content: [DocumentBlock.Content], intoSection name: String) {
        var end = blocks.count
        if let start = blocks.firstIndex(where: {
            if case .heading(_, let text) = $0.content { return text == name }
            return false
        }), let level = blocks[start].headingLevel {
            end = blocks[(start + 1)...].firstIndex { ($0.headingLevel ?? Int.max) <= level } ?? blocks.count
        }
        blocks.insert(contentsOf: content.map { DocumentBlock($0, width: width) }, at: end)
    }

    // MARK: - Editing

    /// The edits a new version is made of, and how often each is drawn, in percent.
    private enum Edit: CaseIterable {
        case changeWord, rewriteSentence, addSentence, addParagraph, removeParagraph, touchCode, editList, editTable,
            addSection, editMetadata

        var percent: Int {
            switch self {
            case .changeWord: 30
            case .rewriteSentence: 16
            case .addSentence: 8
            case .addParagraph: 10
            case .removeParagraph: 7
            case .touchCode: 14
            case .editList: 7
            case .editTable: 4
            case .addSection: 2
            case .editMetadata: 2
            }
        }
    }

    /// Makes one small edit that keeps the document within `sizeRange`, never touching a block that holds
    /// `protected`; returns what it did, for the commit message.
    mutating func edit(writer: inout ProseWriter, protecting protected: String) -> String {
        writer.topic = topic
        for _ in 0..<100 {
            let saved = blocks
            if let description = tryEdit(writer: &writer, protecting: protected), Self.sizeRange.contains(byteCount) {
                return description
            }
            blocks = saved
        }
        // Near a size limit every drawn edit may fail: a word swapped for one of the same length always fits.
        for index in blocks.indices.dropFirst() {
            guard !blocks[index].text.contains(protected), case .paragraph(var sentences) = blocks[index].content else {
                continue
            }
            var words = sentences[0].split(separator: " ").map(String.init)
            guard words.count > 1,
                let replacement = Vocabulary.shared.contentWord(ofLength: words[1].utf8.count, otherThan: words[1])
            else { continue }
            words[1] = replacement
            sentences[0] = words.joined(separator: " ")
            blocks[index].content = .paragraph(sentences)
            return "reword a sentence"
        }
        return "no change"
    }

    private mutating func tryEdit(writer: inout ProseWriter, protecting protected: String) -> String? {
        var draw = writer.random.int(in: 0...99)
        var edit = Edit.changeWord
        for candidate in Edit.allCases {
            if draw < candidate.percent {
                edit = candidate
                break
            }
            draw -= candidate.percent
        }
        // Stay near the size the document was written to: past it, growing edits remove instead; below it, the reverse.
        let size = byteCount
        if size > targetBytes * 23 / 20, [.addParagraph, .addSection, .addSentence].contains(edit) { edit = .removeParagraph }
        if size < targetBytes * 17 / 20, edit == .removeParagraph { edit = .addParagraph }
        let candidates = blocks.indices.dropFirst().filter { !blocks[$0].text.contains(protected) }
        switch edit {
        case .changeWord, .rewriteSentence, .addSentence:
            let paragraphs = candidates.filter { if case .paragraph = blocks[$0].content { true } else { false } }
            guard let index = writer.random.pickIfAny(paragraphs), case .paragraph(var sentences) = blocks[index].content else {
                return nil
            }
            let position = writer.random.int(in: 0...(sentences.count - 1))
            switch edit {
            case .changeWord:
                var words = sentences[position].split(separator: " ").map(String.init)
                let plain = words.indices.dropFirst().filter { words[$0].allSatisfy(\.isLetter) }
                guard !plain.isEmpty else { return nil }
                let word = writer.random.pick(plain)
                var replacement = writer.word()
                while replacement == words[word] { replacement = writer.word() }
                words[word] = replacement
                sentences[position] = words.joined(separator: " ")
            case .rewriteSentence:
                sentences[position] = writer.sentence()
            default:
                sentences.insert(writer.sentence(), at: writer.random.int(in: 0...sentences.count))
            }
            blocks[index].content = .paragraph(sentences)
            return edit == .changeWord ? "reword \(section(of: index))" : "rework a sentence of \(section(of: index))"
        case .addParagraph:
            guard let after = writer.random.pickIfAny(candidates) else { return nil }
            blocks.insert(DocumentBlock(.paragraph(writer.sentences(2...7)), width: width), at: after + 1)
            return "add a paragraph to \(section(of: after))"
        case .removeParagraph:
            // A paragraph whose section keeps another block.
            let removable = candidates.filter { index in
                guard case .paragraph = blocks[index].content else { return false }
                let previousIsHeading = blocks[index - 1].headingLevel != nil
                let nextIsHeading = index + 1 == blocks.count || blocks[index + 1].headingLevel != nil
                return !(previousIsHeading && nextIsHeading)
            }
            guard let index = writer.random.pickIfAny(removable) else { return nil }
            let name = section(of: index)
            blocks.remove(at: index)
            return "drop a paragraph of \(name)"
        case .touchCode:
            let codes = candidates.filter { if case .code = blocks[$0].content { true } else { false } }
            guard let index = writer.random.pickIfAny(codes),
                case .code(let language, var lines) = blocks[index].content, lines.count > 4
            else { return nil }
            let line = writer.random.int(in: 1...(lines.count - 2))
            switch writer.random.int(in: 0...9) {
            case 0...3: lines[line] = writer.codeLine(language)
            case 4...6:
                lines.insert(contentsOf: (0..<writer.random.int(in: 1...4)).map { _ in writer.codeLine(language) }, at: line)
            case 7...8 where lines.count > 8:
                lines.removeSubrange(line..<Swift.min(line + writer.random.int(in: 1...3), lines.count - 1))
            default:
                for offset in 0..<Swift.min(3, lines.count - 1 - line) { lines[line + offset] = writer.codeLine(language) }
            }
            blocks[index].content = .code(language: language, lines: lines)
            return "update the \(language) example in \(section(of: index))"
        case .editList:
            let lists = candidates.filter { if case .list = blocks[$0].content { true } else { false } }
            guard let index = writer.random.pickIfAny(lists), case .list(let ordered, var items) = blocks[index].content
            else { return nil }
            let item = writer.random.int(in: 0...(items.count - 1))
            let isAction = items[item].hasPrefix("[ ] ")
            switch writer.random.int(in: 0...9) {
            case 0...4 where isAction: items[item] = "[x] " + items[item].dropFirst(4)
            case 0...4: items[item] = writer.listItem()
            case 5...7:
                items.insert(
                    isAction ? "[ ] " + writer.sentence() : writer.listItem(), at: writer.random.int(in: 0...items.count))
            default:
                guard items.count > 2 else { return nil }
                items.remove(at: item)
            }
            blocks[index].content = .list(ordered: ordered, items: items)
            return "update the list in \(section(of: index))"
        case .editTable:
            let tables = candidates.filter { if case .table = blocks[$0].content { true } else { false } }
            guard let index = writer.random.pickIfAny(tables), case .table(var rows) = blocks[index].content else {
                return nil
            }
            if writer.random.chance(50) {
                rows.append(writer.tableRow(columns: rows[0].count))
            } else {
                let row = writer.random.int(in: 1...(rows.count - 1))
                rows[row][writer.random.int(in: 0...(rows[row].count - 1))] = writer.number()
            }
            blocks[index].content = .table(rows)
            return "update the table in \(section(of: index))"
        case .addSection:
            insert(newContent(writer: &writer), intoSection: writer.random.pick(growingSections))
            return "expand the document"
        case .editMetadata:
            switch blocks[0].content {
            case .frontMatter(var lines):
                guard let status = lines.firstIndex(where: { $0.hasPrefix("status: ") }) else { return nil }
                let next = ["status: draft": "status: in-review", "status: in-review": "status: published"][lines[status]]
                if let next {
                    lines[status] = next
                } else {
                    // Published: the review date moves on; one line, so that keys stay unique.
                    let reviewed =
                        "reviewed: \(writer.random.int(in: 2020...2024))-0\(writer.random.int(in: 1...9))-1\(writer.random.int(in: 0...9))"
                    if let line = lines.firstIndex(where: { $0.hasPrefix("reviewed: ") }) {
                        lines[line] = reviewed
                    } else {
                        lines.append(reviewed)
                    }
                }
                blocks[0].content = .frontMatter(lines)
                return next.map { "mark it \($0.dropFirst("status: ".count))" } ?? "record the review"
            case .list(let ordered, var items):
                items[items.count - 1] =
                    "Tracking Issue: [#\(writer.random.int(in: 10_000...99_999))](https://example.com/issues)"
                blocks[0].content = .list(ordered: ordered, items: items)
                return "update the tracking issue"
            default:
                return nil
            }
        }
    }

    /// The heading text of the section block `index` is in.
    private func section(of index: Int) -> String {
        for block in blocks[...index].reversed() {
            if case .heading(_, let text) = block.content { return text.lowercased() }
        }
        return "the header"
    }
}
