/// Reports a required section that holds nothing but whitespace and HTML comments.
struct SectionNotEmptyRule: Rule {
    static let description = RuleDescription(
        id: "section-not-empty", name: "Section not empty",
        rationale: """
            A required section with only the template's guiding comments left in it is a question nobody \
            answered yet. While a draft is being written that is expected (a warning); from in-review on, every \
            required section says something, even if only why it does not apply.
            """,
        kind: .content, appliesFrom: .inReview, belowLevel: .warning,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            ---
            ## Impact
            <!-- Who and what was affected. -->
            12% of checkout requests failed for 89 minutes.
            ## Where we got lucky
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            ---
            ## Summary
            A failover left the connection pool on the old primary.
            ↓## Impact
            <!--
            Who and what was affected, for how long, and how much.
            -->

            ↓## Root cause
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        for name in context.configuration.requiredSections {
            let sections = RequiredSectionsRule.sections(named: name, in: postmortem)
            guard let first = sections.first, sections.allSatisfy(\.isEmpty) else { continue }
            violations.append(RuleViolation(emptyMessage(first.title), at: first.headingPosition, suggestion: suggestion))
        }
        return violations.sorted { $0.range.start < $1.range.start }
    }
}

private func emptyMessage(_ title: String) -> String {
    "section '\(title)' is empty"
}

private let suggestion = "write it, or say in a sentence why it does not apply to this incident"
