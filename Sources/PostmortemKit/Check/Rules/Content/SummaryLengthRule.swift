/// Reports a summary longer than three sentences.
struct SummaryLengthRule: Rule {
    static let description = RuleDescription(
        id: "summary-length", name: "Summary length",
        rationale: """
            The summary is the busy reader's version: what happened, who or what was affected, how it ended — in \
            at most three sentences. Detail belongs in Impact, Timeline and Root cause. Sentences end with `.`, \
            `!` or `?` before a space, or at the end of a paragraph or list item; abbreviations such as e.g., \
            i.e., etc. and vs. do not end one, and code spans are not read. The finding points at the fourth \
            sentence.
            """,
        kind: .content, appliesFrom: .inReview, belowLevel: .warning,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            ---
            ## Summary
            For 89 minutes, 12.5% of checkout requests failed, e.g. card payments and refunds. A failover of \
            `payments-db. v2.3` left the pool on the old primary.
            <!-- Three sentences at most. Describe systems and conditions. -->
            Restarting the pods ended it!
            ## Impact
            One. Two. Three. Four. Five.
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            ---
            ## Summary
            For 89 minutes, 12% of checkout requests failed. A failover left the pool on the old primary.
            Restarting the pods ended it.
            ↓Refunds were not affected, i.e. only new orders failed.
            """,
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            ---
            ## Summary
            - Checkout requests failed
            - The pool kept the old primary
            - Pods were restarted
            - ↓Refunds worked
            """,
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        guard let summary = postmortem.section(.summary) else { return [] }
        var count = 0
        for block in summary.blocks.flatMap(\.descendantsAndSelf) where block.paragraphLines != nil {
            for start in SummaryLengthRule.sentenceStarts(in: ProseText.of(block).first ?? ProseText(lines: [])) {
                count += 1
                if count == SummaryLengthRule.maximumSentences + 1 {
                    return [RuleViolation(tooLongMessage, at: start, suggestion: suggestion)]
                }
            }
        }
        return []
    }

    /// The most sentences a summary may have.
    static let maximumSentences = 3

    /// Words that end with a period without ending a sentence.
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "etc", "vs", "cf", "approx", "incl", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "fig",
        "al", "ca", "min", "max", "sec", "no",
    ]

    /// Where each sentence of `text` starts.
    static func sentenceStarts(in text: ProseText) -> [SourcePosition] {
        let bytes = text.bytes
        var starts: [SourcePosition] = []
        var inSentence = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if !inSentence {
                if !SourceByte.isSpaceOrTab(byte) {
                    inSentence = true
                    starts.append(text.positions[index])
                }
                index += 1
                continue
            }
            guard !text.isCode[index], byte == SourceByte.dot || byte == SourceByte.exclamation || byte == SourceByte.question
            else {
                index += 1
                continue
            }
            var next = index + 1
            while next < bytes.count && closers.contains(bytes[next]) { next += 1 }
            if next == bytes.count || SourceByte.isSpaceOrTab(bytes[next]) {
                if byte != SourceByte.dot || !isAbbreviation(bytes, endingAt: index) { inSentence = false }
            }
            index = next
        }
        return starts
    }

    /// Whether the word before the period at `index` is an abbreviation or an initial.
    private static func isAbbreviation(_ bytes: [UInt8], endingAt index: Int) -> Bool {
        var start = index
        while start > 0 && !SourceByte.isSpaceOrTab(bytes[start - 1]) && !openers.contains(bytes[start - 1]) {
            start -= 1
        }
        let word = SourceByte.string(bytes[start..<index]).lowercased()
        if word.count == 1, let first = bytes[start...].first, first >= 0x41 && first <= 0x5A { return true }
        return abbreviations.contains(word)
    }

    private static let closers: Set<UInt8> = [
        SourceByte.doubleQuote, SourceByte.singleQuote, SourceByte.closeParen, SourceByte.closeBracket,
        SourceByte.asterisk, SourceByte.underscore,
    ]
    private static let openers: Set<UInt8> = [
        SourceByte.doubleQuote, SourceByte.singleQuote, 0x28, SourceByte.openBracket, SourceByte.asterisk,
        SourceByte.underscore,
    ]
}

private let tooLongMessage = "the summary has more than three sentences; this is the fourth"

private let suggestion =
    "keep the summary to three sentences for the busy reader; move the detail to Impact, Timeline or Root cause"
