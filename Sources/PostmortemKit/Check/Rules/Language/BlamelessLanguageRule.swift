/// Reports blame, counterfactuals, judgements of people and (in action items) exhortations, each with
/// a blameless rewrite.
///
/// Words are matched in prose only: headings, paragraphs, list items and table cells. Code spans,
/// code blocks, block quotes, HTML comments, double-quoted text on a line and the front matter are
/// left alone, because they quote what someone said or logged, or guide the author.
public struct BlamelessLanguageRule: Rule {
    public static let description = RuleDescription(
        id: "blameless-language", name: "Blameless language",
        rationale: """
            People share what really happened only when they trust they will not be blamed for it, and a \
            postmortem that names a culprit stops the search for the conditions that made the mistake easy. \
            Blame ("human error", "forgot to"), counterfactuals ("should have", "could have"), which judge a \
            decision by what is known only afterwards, and judgements ("careless", "reckless") all end that \
            search. In action items, exhortations ("be more careful", "remember to") ask people to try harder \
            instead of changing the system. Each finding suggests a blameless rewrite. Words are matched \
            whole and case-insensitively; code, quotations (block quotes and "double-quoted" text) and HTML \
            comments are skipped. "failed to" counts only about a person ("the on-call engineer failed to", \
            "we failed to", "failed to notice"), not about a system ("the pool failed to reconnect"). Teams \
            add phrases with `blameless.phrase` (`phrase` or `phrase => rewrite`) and silence built-in ones \
            with `blameless.allow`.
            """,
        kind: .language, defaultSeverity: .error, appliesFrom: .inReview, belowLevel: .warning,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Summary
            This blameless review covers the checkout outage. The alert should fire within 5 minutes; it fired after 19.
            Every service should have an owner, and the payments service had none.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Timeline
            - 14:02 The worker logs `retry budget exhausted, should have backed off` 40 times.
            - 14:05 The connection pool failed to reconnect to the new primary.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## What did not go well
            > I should have checked the replication lag first.

            At 14:20 the on-call engineer wrote "we forgot to drain the node" in the incident channel.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Action items
            <!-- Prefer guardrails in the system over asking people to be more careful. -->
            - [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-02-01
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## What went well
            Responders paid attention to the lag dashboard and double-checked the rollback plan.
            ## Where we got lucky
            Traffic was at its weekly low; without the circuit breaker the outage would have reached every region.
            """,
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Root cause
            The failover ↓should have waited for replication to catch up.
            The on-call engineer ↓failed to notice the lag, which was ↓human error.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## What did not go well
            It was ↓Zoë’s fault: she ↓didn’t follow the runbook and ↓carelessly skipped the drain step.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Action items
            - [ ] ↓Be more careful when editing DNS records — owner: @dana — due: 2026-02-01
            - [ ] ↓Remember to drain nodes before a reboot — owner: @lee — due: 2026-02-01
            - [ ] ↓Double-check the replica before a failover — owner: @lee — due: 2026-02-01
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Lessons learned
            A second reviewer ↓would have spotted the typo, and the author ↓ought to have tested the migration.

            | Factor | Note |
            |--------|------|
            | Review | The change was ↓sloppy |
            """,
        ])

    public init() {}

    public func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        let matcher = BlamePhraseMatcher.configured(context.configuration)
        var scanner = ProseScanner(matcher: matcher, source: postmortem.source)
        scanner.scan(postmortem.preamble, section: nil)
        for section in postmortem.sections {
            scanner.scan([TextLine(text: section.title, position: section.titleRange.start)], section: section.kind)
            scanner.scan(section.blocks, section: section.kind)
        }
        return scanner.matches.map { match in
            let phrase = matcher.phrases[match.phraseIndex]
            return RuleViolation(
                BlamelessLanguageRule.message(match.text, phrase.category), at: match.range, suggestion: phrase.rewrite)
        }
    }

    /// The message for `text`, a phrase of `category`.
    static func message(_ text: String, _ category: BlamePhrase.Category) -> String {
        switch category {
        case .blame: return "\"\(text)\" \(blameMessage)"
        case .counterfactual: return "\"\(text)\" \(counterfactualMessage)"
        case .judgement: return "\"\(text)\" \(judgementMessage)"
        case .exhortation: return "\"\(text)\" \(exhortationMessage)"
        case .team: return "\"\(text)\" \(teamMessage)"
        }
    }
}

/// Walks the prose of a document's blocks and collects the phrases found in it.
private struct ProseScanner {
    let matcher: BlamePhraseMatcher
    let source: SourceText
    var tokenizer = BlamelessTokenizer()
    var matches: [BlamePhraseMatcher.Match] = []

    init(matcher: BlamePhraseMatcher, source: SourceText) {
        self.matcher = matcher
        self.source = source
    }

    /// Scans `blocks` and their descendants in a section of `kind`, skipping code, quotes and comments.
    mutating func scan(_ blocks: [Block], section kind: SectionKind?) {
        var stack = Array(blocks.reversed())
        while let block = stack.popLast() {
            switch block.kind {
            case .heading(let heading):
                scan([TextLine(text: heading.text, position: heading.textRange.start)], section: kind)
            case .paragraph(let lines):
                scan(lines, section: kind)
            case .table(let table):
                for row in [table.header] + table.rows {
                    for cell in row.cells where cell.range.start.line == cell.range.end.line {
                        scan([cellLine(cell)], section: kind)
                    }
                }
            case .list, .listItem:
                stack.append(contentsOf: block.children.reversed())
            case .codeBlock, .blockQuote, .htmlComment, .thematicBreak:
                break
            }
        }
    }

    /// Scans one run of prose: lines of one paragraph, a heading or a table cell.
    mutating func scan(_ lines: [TextLine], section kind: SectionKind?) {
        tokenizer.reset()
        for line in lines { tokenizer.append(line) }
        matcher.matches(in: tokenizer.tokens, section: kind, into: &matches)
    }

    /// The cell's text as written (escaped pipes included), so columns match the source.
    func cellLine(_ cell: Block.TableCell) -> TextLine {
        let bytes = source.lineBytes(cell.range.start.line)
        let low = bytes.startIndex + cell.range.start.column - 1
        let high = bytes.startIndex + cell.range.end.column - 1
        guard low >= bytes.startIndex && low <= high && high <= bytes.endIndex else {
            return TextLine(text: cell.text, position: cell.range.start)
        }
        return TextLine(bytes: bytes[low..<high], position: cell.range.start)
    }
}

private let blameMessage = "is blame: it names a person as the cause instead of the conditions that allowed it"
private let counterfactualMessage = "is a counterfactual: it judges a past decision with hindsight"
private let judgementMessage = "is a judgement: it labels a person instead of describing what happened"
private let exhortationMessage = "is an exhortation: asking people to try harder does not change the system"
private let teamMessage = "is on this team's list of phrases to avoid (blameless.phrase in .pmconfig)"
