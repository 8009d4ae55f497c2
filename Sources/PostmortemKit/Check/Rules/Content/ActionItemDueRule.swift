/// Reports an action item without a valid due date, or due before the incident happened.
struct ActionItemDueRule: Rule {
    static let description = RuleDescription(
        id: "action-item-due", name: "Action item due date",
        rationale: """
            A follow-up without a date slips quietly; `pm actions --overdue` and `pm remind` can only chase items \
            that have one. Each action item has a due date written as YYYY-MM-DD, and a real one: not before \
            the incident it follows up on.
            """,
        kind: .content, appliesFrom: .inReview, belowLevel: .warning,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            status: in-review
            ---
            ## Action items
            - [ ] Alert on replication lag — owner: @dana — due: 2026-12-15
            - [x] Roll back the pool-size change — owner: @lee — due: 2026-11-20
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            status: in-review
            ---
            ## Action items
            ↓- [ ] Alert on replication lag — owner: @dana
            - [ ] Re-resolve addresses on failover — owner: @lee — due: ↓next sprint
            - [ ] Add a runbook — owner: @lee — due: ↓2026-11-19
            - [ ] Review pool settings — owner: @lee — due:↓ — ticket: OPS-7
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        var violations = ActionItemDueRule.dueErrors(in: postmortem).map {
            RuleViolation($0.message, at: $0.position, suggestion: suggestion)
        }
        for item in postmortem.actionItems {
            guard let field = item.field("due") else {
                violations.append(RuleViolation(missingMessage(item.number), at: item.position, suggestion: suggestion))
                continue
            }
            if field.value.isEmpty {
                violations.append(RuleViolation(emptyMessage(item.number), at: field.valuePosition, suggestion: suggestion))
            } else if let due = item.due, let date = postmortem.date, due < date {
                violations.append(
                    RuleViolation(beforeMessage(item.number, due, date), at: field.valuePosition, suggestion: suggestion))
            }
        }
        return violations.sorted { $0.range.start < $1.range.start }
    }

    /// The errors the parser found in the due dates of action items.
    static func dueErrors(in postmortem: Postmortem) -> [DocumentError] {
        let positions = Set(postmortem.actionItems.flatMap { $0.fields.filter { $0.key == "due" }.map(\.valuePosition) })
        return postmortem.errors.filter { positions.contains($0.position) }
    }
}

private func missingMessage(_ number: Int) -> String {
    "action item \(number) has no due date"
}

private func emptyMessage(_ number: Int) -> String {
    "action item \(number) has an empty due date"
}

private func beforeMessage(_ number: Int, _ due: LocalDate, _ date: LocalDate) -> String {
    "action item \(number) is due \(due), before the incident (\(date))"
}

private let suggestion = "add '— due: YYYY-MM-DD', a date on or after the incident"
