/// Reports a timeline entry that does not begin with a time pm can read.
struct TimelineFormatRule: Rule {
    static let description = RuleDescription(
        id: "timeline-format", name: "Timeline format",
        rationale: """
            pm turns the timeline into real timestamps (for `pm show`, the order check and statistics), so each \
            entry begins with a time: `HH:MM` or `YYYY-MM-DD HH:MM`, optional seconds and zone (`UTC`, `Z`, \
            `+02:00`). A bare time takes the date of the entry before it, or the front matter's date. An entry \
            without a time, or with an impossible one, cannot be placed.
            """,
        kind: .content,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            ---
            ## Timeline
            - 14:02 Checkout error rate rises above 5%.
            - **14:11 UTC** — The on-call engineer acknowledges the page.
            - 2026-11-21 00:15:30 +01:00: Replication is healthy again.

            | Time | Event |
            |------|-------|
            | 15:05 | Pods restarted. |
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            ---
            ## Timeline
            - 14:02 Checkout error rate rises above 5%.
            - ↓Around lunch, the on-call engineer is paged.
            - ↓25:61 The primary fails over.
            - ↓2026-11-31 00:15 Replication is healthy again.
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        var violations = TimelineFormatRule.timeErrors(in: postmortem).map {
            RuleViolation($0.message, at: $0.position, suggestion: suggestion)
        }
        for entry in postmortem.timeline where !entry.beginsWithTime {
            violations.append(RuleViolation(noTimeMessage, at: entry.textPosition, suggestion: suggestion))
        }
        return violations
    }

    /// The errors the parser found in the times and dates written at the start of timeline entries.
    static func timeErrors(in postmortem: Postmortem) -> [DocumentError] {
        let positions = Set(postmortem.timeline.compactMap { $0.timeRange?.start })
        return postmortem.errors.filter { positions.contains($0.position) }
    }
}

private let noTimeMessage = "timeline entry does not begin with a time"

private let suggestion = "begin it with HH:MM, or YYYY-MM-DD HH:MM when the day changes (optional seconds and zone)"
