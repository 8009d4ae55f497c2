/// Reports a suppression comment that silences nothing, or names a rule that does not exist.
///
/// The checker produces these findings itself, after applying suppressions; `check` reports nothing.
struct UnusedSuppressionRule: Rule {
    static let description = RuleDescription(
        id: "unused-suppression", name: "Unused suppression",
        rationale: """
            A finding can be silenced in the document with an HTML comment: `<!-- pm-disable-next-line RULE … -->` \
            for the next line that is not itself such a comment, or `<!-- pm-disable RULE … -->` up to \
            `<!-- pm-enable RULE … -->` (no RULE means every rule). A suppression that silences nothing is stale: it \
            would hide the next real finding on that line, so it is reported, as is a rule id that names no rule. \
            A suppression of a rule that is off, or not applied at the document's status, is never reported. \
            These findings cannot themselves be suppressed in the document; set `check.unused-suppression = off` \
            in .pmconfig instead.
            """,
        kind: .structure, defaultSeverity: .warning,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            ---
            ## Summary
            For 89 minutes checkout failed. A failover left the pool on the old primary. Restarts ended it.
            <!-- pm-disable-next-line summary-length -->
            Refunds kept working.
            ```
            <!-- pm-disable-next-line summary-length -->
            ```
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            status: in-review
            ---
            ## Summary
            <!-- pm-disable-next-line ↓summary-length -->
            A failover left the pool on the old primary.
            Text <!-- pm-disable ↓timeline-ordr -->
            <!-- ↓pm-disable -->
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        []
    }
}
