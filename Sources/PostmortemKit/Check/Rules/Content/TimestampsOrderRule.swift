import Foundation

/// Reports lifecycle timestamps out of order: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved.
struct TimestampsOrderRule: Rule {
    static let description = RuleDescription(
        id: "timestamps-order", name: "Timestamps order",
        rationale: """
            Time to detect, acknowledge, mitigate and resolve are computed from the front matter's timestamps, \
            so they must follow the incident: started, then detected, acknowledged, mitigated, resolved (equal \
            is fine). A timestamp out of order is usually a typo or a missing zone, and it would make the \
            durations negative. The finding points at the later field, compared with the nearest one before it.
            """,
        kind: .content, appliesFrom: .inReview, belowLevel: .warning,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            started: 2026-11-20T14:02:00Z
            detected: 2026-11-20 16:09 +02:00
            acknowledged: 2026-11-20T14:09:00Z
            resolved: 2026-11-20T15:31:00Z
            ---
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            started: 2026-11-20T14:02:00Z
            detected: ↓2026-11-20T14:00:00Z
            acknowledged: 2026-11-20T14:11:00Z
            mitigated: 2026-11-20T15:05:00Z
            resolved: ↓2026-11-20T15:01:00Z
            ---
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        var previous: (key: String, date: Date)?
        for (key, date) in postmortem.timestamps {
            guard let date else { continue }
            if let previous, date < previous.date, let position = postmortem.position(ofField: key) {
                violations.append(
                    RuleViolation(
                        orderMessage(key, written(key, postmortem), previous.key, written(previous.key, postmortem)),
                        at: position, suggestion: suggestion))
            }
            previous = (key, date)
        }
        return violations
    }

    private func written(_ key: String, _ postmortem: Postmortem) -> String {
        postmortem.frontMatter?.string(key) ?? ""
    }
}

private func orderMessage(_ key: String, _ value: String, _ earlierKey: String, _ earlierValue: String) -> String {
    "'\(key)' (\(value)) is before '\(earlierKey)' (\(earlierValue))"
}

private let suggestion =
    "fix the timestamp (check its zone); the order is started, detected, acknowledged, mitigated, resolved"
