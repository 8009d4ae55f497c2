/// Reports a published postmortem without a single action item.
struct ActionItemsPresentRule: Rule {
    static let description = RuleDescription(
        id: "action-items-present", name: "Action items present",
        rationale: """
            A postmortem exists to make the next incident less likely or less bad; one that is published without \
            a single follow-up has not finished that job. Drafts and reviews may not have them yet, so the rule \
            applies to published postmortems only. The finding points at the Action items heading, or at the end \
            of the front matter when there is no such section.
            """,
        kind: .content, appliesFrom: .published, belowLevel: .skip,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: published
            ---
            ## Action items
            - [x] Roll back the pool-size change — owner: @lee — due: 2026-11-21
            """,
            """
            ---
            title: Checkout API returned 500s
            status: draft
            ---
            ## Summary
            """,
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: published
            ↓---
            ## Summary
            A failover left the connection pool on the old primary.
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        guard postmortem.actionItems.isEmpty else { return [] }
        if let section = postmortem.section(.actionItems) {
            return [RuleViolation(emptySectionMessage, at: section.headingPosition, suggestion: suggestion)]
        }
        return [RuleViolation(missingMessage, at: postmortem.endOfFrontMatter, suggestion: suggestion)]
    }
}

private let emptySectionMessage = "the Action items section lists no action item"

private let missingMessage = "the postmortem has no action items"

private let suggestion =
    "add at least one task under '## Action items': '- [ ] what will change — owner: @name — due: YYYY-MM-DD'"
