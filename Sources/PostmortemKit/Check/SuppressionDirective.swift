/// One `pm-disable-next-line`, `pm-disable` or `pm-enable` directive, written in an HTML comment of
/// a document's Markdown body.
struct SuppressionDirective: Hashable, Sendable {
    /// What the directive does.
    enum Kind: String, Hashable, Sendable {
        /// `pm-disable-next-line RULE…`: silences the next line that is not itself a directive.
        case disableNextLine = "pm-disable-next-line"
        /// `pm-disable [RULE…]`: silences from here to a matching `pm-enable` or the end.
        case disable = "pm-disable"
        /// `pm-enable [RULE…]`: ends a `pm-disable`.
        case enable = "pm-enable"
    }

    /// A rule id written in the directive, with where it is.
    struct RuleName: Hashable, Sendable {
        var id: String
        var range: SourceRange
    }

    var kind: Kind
    /// The rules named; empty means every rule.
    var rules: [RuleName]
    /// The whole comment.
    var range: SourceRange
    /// Where the directive's keyword is.
    var keywordRange: SourceRange
    /// The last line of the comment.
    var lastLine: Int
    /// Whether the comment is a block of its own (so its lines are not text a next-line directive targets).
    var isBlock: Bool

    /// Whether the directive applies to `ruleID`.
    func names(_ ruleID: String) -> Bool {
        rules.isEmpty || rules.contains { $0.id == ruleID }
    }

    /// Every directive in the Markdown body of `postmortem`, in document order: in HTML comment
    /// blocks and in inline comments of paragraphs and headings, never in code.
    static func all(in postmortem: Postmortem) -> [SuppressionDirective] {
        var directives: [SuppressionDirective] = []
        for block in postmortem.markdown.allBlocks {
            switch block.kind {
            case .htmlComment(let comment):
                if let directive = parse(comment.lines, range: block.range, isBlock: true) {
                    directives.append(directive)
                }
            case .paragraph, .heading:
                let lines =
                    block.paragraphLines
                    ?? block.heading.map { [TextLine(text: $0.text, position: $0.textRange.start)] } ?? []
                for line in lines {
                    // A directive starts at its `<!--`: the end of a comment an earlier line opened is not one.
                    for segment in line.segments
                    where segment.kind == .comment && !(line.startsInComment && segment.range.start == line.position) {
                        let text = TextLine(
                            text: "<!--" + segment.text + "-->", position: segment.range.start)
                        if let directive = parse([text], range: segment.range, isBlock: false) {
                            directives.append(directive)
                        }
                    }
                }
            default:
                continue
            }
        }
        return directives.sorted { $0.range.start < $1.range.start }
    }

    /// Reads a directive from the lines of one comment (`<!--` and `-->` included).
    static func parse(_ lines: [TextLine], range: SourceRange, isBlock: Bool) -> SuppressionDirective? {
        var words: [(text: String, range: SourceRange)] = []
        scan: for line in lines {
            let bytes = line.utf8
            var index = 0
            while index < bytes.count {
                while index < bytes.count && isSeparator(bytes[index]) { index += 1 }
                var start = index
                while index < bytes.count && !isSeparator(bytes[index]) { index += 1 }
                var end = index
                if end > start, bytes[start..<end].starts(with: commentOpen) { start += commentOpen.count }
                var closes = false
                if let close = SourceByte.find(commentClose, in: Array(bytes[start..<end]), from: 0) {
                    end = start + close
                    closes = true
                }
                if end > start {
                    words.append(
                        (
                            SourceByte.string(bytes[start..<end]),
                            SourceRange(line: line.position.line, column: line.position.column + start, length: end - start)
                        ))
                }
                if closes { break scan }
            }
        }
        guard let keyword = words.first, let kind = Kind(rawValue: keyword.text) else { return nil }
        return SuppressionDirective(
            kind: kind, rules: words.dropFirst().map { RuleName(id: $0.text, range: $0.range) }, range: range,
            keywordRange: keyword.range, lastLine: lines.last?.position.line ?? range.start.line, isBlock: isBlock)
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        SourceByte.isSpaceOrTab(byte) || byte == SourceByte.comma
    }

    private static let commentOpen: [UInt8] = Array("<!--".utf8)
    private static let commentClose: [UInt8] = Array("-->".utf8)
}
