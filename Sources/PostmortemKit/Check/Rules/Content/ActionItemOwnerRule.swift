/// Reports an action item that names no owner.
struct ActionItemOwnerRule: Rule {
    static let description = RuleDescription(
        id: "action-item-owner", name: "Action item owner",
        rationale: """
            An action item that belongs to nobody does not get done. Each one names an owner (`owner: @dana`, or \
            an Owner column in a table): a person or a team that will see it through and that `pm actions \
            --owner` and `pm remind` can address.
            """,
        kind: .content, appliesFrom: .inReview, belowLevel: .warning,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            ---
            ## Action items
            - [ ] Alert on replication lag — owner: @dana — due: 2026-12-15
            - [x] Roll back the pool-size change; owner: @sre-team; due: 2026-11-21

            | Action | Owner | Due |
            |--------|-------|-----|
            | Re-resolve addresses on failover | @lee | 2026-12-20 |
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            ---
            ## Action items
            ↓- [ ] Alert on replication lag — due: 2026-12-15
            - [ ] Re-resolve addresses on failover — owner:↓ — due: 2026-12-20
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        postmortem.actionItems.filter { $0.owner == nil }.map { item in
            if let field = item.field("owner") {
                return RuleViolation(emptyMessage(item.number), at: field.valuePosition, suggestion: suggestion)
            }
            return RuleViolation(missingMessage(item.number), at: item.position, suggestion: suggestion)
        }
    }
}

private func missingMessage(_ number: Int) -> String {
    "action item \(number) names no owner"
}

private func emptyMessage(_ number: Int) -> String {
    "action item \(number) has an empty owner"
}

private let suggestion = "add '— owner: @name': a person or team that will see it through"
