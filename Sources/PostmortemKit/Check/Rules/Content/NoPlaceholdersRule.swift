/// Reports placeholders left in a published postmortem: TODO, TBD, XXX, `{{…}}` and template
/// brackets such as `[SERVICE NAME]` or `[describe the impact]`.
struct NoPlaceholdersRule: Rule {
    static let description = RuleDescription(
        id: "no-placeholders", name: "No placeholders",
        rationale: """
            A published postmortem is read by people who were not there; a TODO or a template placeholder left \
            in it is a gap they cannot fill. Found outside code and HTML comments, in the body and the front \
            matter's values: the words TODO, TBD and XXX (in capitals), `{{…}}`, and bracketed template text that \
            is not a link — written in capitals (`[SERVICE]`, `[YYYY-MM-DD]`) or starting with an instruction \
            (`[describe …]`, `[insert …]`, `[add …]`, `[your …]`, `[name of …]`, `[link to …]`, `[placeholder]`). \
            Drafts and reviews may still have them.
            """,
        kind: .content, appliesFrom: .published, belowLevel: .skip,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: published
            ---
            ## Root cause
            The `TODO` column of the `{{pool}}` table was never read [1]. See the [runbook](https://example.com) and \
            [Grafana][dash]. The todo list stayed short.
            <!-- TODO: describe the root cause -->

            [dash]: https://example.com/dash
            ## Action items
            - [ ] Fix it — owner: @dana — due: 2026-12-15
            """,
            """
            ---
            title: Checkout API returned 500s
            status: draft
            ---
            ## Impact
            TBD
            """,
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: published
            ---
            ## Impact
            ↓TBD: count the failed orders.
            ## Root cause
            The pool kept connections to ↓{{old primary}} for ↓[DURATION].
            ## Action items
            - [ ] Alert on lag — owner: ↓[your name] — due: 2026-12-15
            - [ ] ↓XXX — owner: @dana — due: 2026-12-15
            """,
            """
            ---
            title: "↓{{title}}"
            status: published
            services: [checkout-api, ↓TODO]
            ---
            """,
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        var texts: [ProseText] = []
        for entry in postmortem.frontMatter?.entries ?? [] {
            let ranges = entry.items.isEmpty ? [entry.valueRange] : entry.items.map(\.range)
            for range in ranges where range.start.line == range.end.line && range.end.column > range.start.column {
                let line = postmortem.source.lineBytes(range.start.line)
                let low = line.startIndex + range.start.column - 1
                let high = min(line.endIndex, line.startIndex + range.end.column - 1)
                guard low < high else { continue }
                texts.append(ProseText(bytes: line[low..<high], position: range.start))
            }
        }
        for block in postmortem.markdown.allBlocks {
            texts += ProseText.of(block)
        }
        let labels = NoPlaceholdersRule.linkLabels(in: postmortem)
        return texts.flatMap { NoPlaceholdersRule.placeholders(in: $0) }.filter { found in
            !(found.text.hasPrefix("[") && labels.contains(found.text.lowercased()))
        }.map { found in
            RuleViolation(placeholderMessage(found.text), at: found.position, suggestion: suggestion)
        }
    }

    /// The labels of link reference definitions (`[label]: url`), lowercased with their brackets, so a
    /// shortcut reference such as `[DB]` is read as the link it is.
    static func linkLabels(in postmortem: Postmortem) -> Set<String> {
        var labels = Set<String>()
        for block in postmortem.markdown.allBlocks {
            for line in block.paragraphLines ?? [] where line.text.hasPrefix("[") {
                if let close = line.text.firstIndex(of: "]"), line.text[close...].hasPrefix("]:") {
                    labels.insert(String(line.text[...close]).lowercased())
                }
            }
        }
        return labels
    }

    /// The words that mark unfinished text.
    static let words: [String] = ["TODO", "TBD", "XXX"]

    /// How bracketed template instructions begin.
    static let instructionPrefixes: [String] = [
        "describe", "insert", "add ", "enter", "fill", "your ", "name of", "link to", "placeholder", "todo", "tbd",
    ]

    /// Every placeholder in `text`, with where it starts.
    static func placeholders(in text: ProseText) -> [(text: String, position: SourcePosition)] {
        let bytes = text.bytes
        var found: [(String, SourcePosition)] = []
        var index = 0
        while index < bytes.count {
            guard !text.isCode[index] else {
                index += 1
                continue
            }
            if let end = templateEnd(bytes, at: index) ?? bracketEnd(bytes, at: index) ?? wordEnd(bytes, at: index) {
                found.append((SourceByte.string(bytes[index..<end]), text.positions[index]))
                index = end
                continue
            }
            index += 1
        }
        return found
    }

    /// The end of `{{…}}` starting at `index`.
    private static func templateEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index + 1 < bytes.count, bytes[index] == SourceByte.openBrace, bytes[index + 1] == SourceByte.openBrace,
            let close = SourceByte.find([SourceByte.closeBrace, SourceByte.closeBrace], in: bytes, from: index + 2)
        else { return nil }
        return close + 2
    }

    /// The end of a placeholder word starting at `index`.
    private static func wordEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        if index > 0 && isWordByte(bytes[index - 1]) { return nil }
        for word in words {
            let utf8 = Array(word.utf8)
            let end = index + utf8.count
            if end <= bytes.count, Array(bytes[index..<end]) == utf8, end == bytes.count || !isWordByte(bytes[end]) {
                return end
            }
        }
        return nil
    }

    /// The end of a bracketed template text starting at `index`.
    private static func bracketEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard bytes[index] == SourceByte.openBracket,
            index == 0 || (bytes[index - 1] != SourceByte.exclamation && bytes[index - 1] != SourceByte.closeBracket)
        else {
            return nil
        }
        var close = index + 1
        while close < bytes.count && bytes[close] != SourceByte.closeBracket && bytes[close] != SourceByte.openBracket {
            close += 1
        }
        guard close < bytes.count, bytes[close] == SourceByte.closeBracket else { return nil }
        if close + 1 < bytes.count, [0x28, SourceByte.openBracket, SourceByte.colon].contains(bytes[close + 1]) {
            return nil
        }
        let inner = bytes[(index + 1)..<close]
        let letters = inner.filter(SourceByte.isLetter)
        let capitals = letters.count >= 2 && !letters.contains { $0 >= 0x61 && $0 <= 0x7A }
        let content = SourceByte.string(inner).lowercased()
        let instruction = instructionPrefixes.contains { content.hasPrefix($0) }
        return capitals || instruction ? close + 1 : nil
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        SourceByte.isAlphanumeric(byte) || byte == SourceByte.underscore || byte >= 0x80
    }
}

private func placeholderMessage(_ text: String) -> String {
    "placeholder '\(text)' left in a published postmortem"
}

private let suggestion = "replace it with what is now known, or remove it"
