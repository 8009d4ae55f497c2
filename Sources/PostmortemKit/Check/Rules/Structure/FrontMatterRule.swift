/// Reports a front matter that is missing or outside pm's YAML subset, and a file that is not
/// readable text: invalid UTF-8, merge-conflict markers, unclosed code blocks or comments.
struct FrontMatterRule: Rule {
    static let description = RuleDescription(
        id: "front-matter", name: "Front matter",
        rationale: """
            pm reads a postmortem's fields from the YAML front matter at the top of the file, in a strict subset \
            (key: value, lists, quoted strings, comments), so that nothing is silently misread. Anything else is \
            reported here with its line and column, together with what makes the rest of the file unreadable: \
            invalid UTF-8, merge-conflict markers, a code block or HTML comment that is never closed. (Wrong field \
            values are reported by required-fields, timeline times by timeline-format, due dates by action-item-due.)
            """,
        kind: .structure,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20   # the incident date
            severity: SEV2
            status: draft
            tags: [database, failover]
            authors:
              - dana
              - lee
            ---
            ## Summary
            A failover left the connection pool on the old primary.
            """
        ],
        failingExamples: [
            """
            ↓## Summary
            A failover left the connection pool on the old primary.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            owner: ↓{name: dana}
            ---
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            ---
            ## Timeline
            ↓```
            14:02 error rate above 5%
            """,
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        var claimed = Set<ClaimedError>()
        for error in RequiredFieldsRule.fieldErrors(in: postmortem) + TimelineFormatRule.timeErrors(in: postmortem)
            + ActionItemDueRule.dueErrors(in: postmortem)
        {
            claimed.insert(ClaimedError(error))
        }
        return postmortem.errors.filter { !claimed.contains(ClaimedError($0)) }.map {
            RuleViolation($0.message, at: $0.position)
        }
    }
}

/// A document error compared by message and position only (the path does not matter).
struct ClaimedError: Hashable {
    var message: String
    var position: SourcePosition

    init(_ error: DocumentError) {
        message = error.message
        position = error.position
    }
}
