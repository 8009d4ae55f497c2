import Foundation

/// Reports a timeline entry that is earlier than the entry before it.
struct TimelineOrderRule: Rule {
    static let description = RuleDescription(
        id: "timeline-order", name: "Timeline order",
        rationale: """
            A timeline is read top to bottom as the story of the incident; an entry out of order is usually a \
            typo or a day change without a date (a bare time takes the date of the entry before it), and it \
            makes the computed timestamps wrong.
            """,
        kind: .content, appliesFrom: .inReview, belowLevel: .warning,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            status: in-review
            ---
            ## Timeline
            - 23:50 Checkout error rate rises above 5%.
            - 23:50 The on-call engineer is paged.
            - 2026-11-21 00:15 The primary fails over.
            - 00:20 Error rate back under 0.1%.
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            status: in-review
            ---
            ## Timeline
            - 23:50 Checkout error rate rises above 5%.
            - ↓00:15 The primary fails over.
            - 00:20 Error rate back under 0.1%.
            - ↓00:18 Incident resolved.
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        var previous: (entry: TimelineEntry, timestamp: Date)?
        for entry in postmortem.timeline {
            guard let timestamp = entry.timestamp else { continue }
            if let previous, timestamp < previous.timestamp {
                violations.append(
                    RuleViolation(
                        orderMessage(entry.timeText, previous.entry), at: entry.timeRange?.start ?? entry.position,
                        suggestion: entry.hasExplicitDate ? orderSuggestion : dayChangeSuggestion))
            }
            previous = (entry, timestamp)
        }
        return violations
    }
}

private func orderMessage(_ time: String, _ previous: TimelineEntry) -> String {
    "'\(time)' is earlier than the entry before it ('\(previous.timeText)' on line \(previous.line))"
}

private let orderSuggestion = "put the entries in the order they happened"

private let dayChangeSuggestion =
    "put the entries in the order they happened; if the day changed, write the date (YYYY-MM-DD HH:MM)"
