/// Reports `related` and `supersedes` entries that name no postmortem in the repository.
struct RelatedExistsRule: Rule {
    static let description = RuleDescription(
        id: "related-exists", name: "Related postmortems exist",
        rationale: """
            `related` and `supersedes` link postmortems by id, and `pm show`, the site and the feed follow those \
            links. An id with a typo, or of a postmortem that was renamed or deleted, is a dead link. A warning \
            by default: the other postmortem may arrive in a later commit.
            """,
        kind: .links, defaultSeverity: .warning,
        passingExamples: [
            """
            ---
            # repository: postmortems/2026-10-02-payments-db-failover.md
            title: Checkout API returned 500s
            related: [2026-10-02-payments-db-failover]
            supersedes:
              - 2026-10-02-payments-db-failover
            ---
            """
        ],
        failingExamples: [
            """
            ---
            # repository: postmortems/2026-10-02-payments-db-failover.md
            title: Checkout API returned 500s
            related: [2026-10-02-payments-db-failover, ↓2026-10-02-payment-db-failover]
            supersedes:
              - ↓2025-01-01-old-incident
            ---
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        guard !context.pathsByID.isEmpty, let frontMatter = postmortem.frontMatter else { return [] }
        // Sorted only when an entry is missing: sorting every id for every document made `pm check --all`
        // quadratic (67 s on 10,000 postmortems).
        var sortedIDs: [String]?
        var violations: [RuleViolation] = []
        for key in ["related", "supersedes"] {
            guard let entry = frontMatter[key], entry.value.listValue != nil else { continue }
            for item in entry.items where context.pathsByID[item.value] == nil {
                var message = missingMessage(key, item.value)
                let ids = sortedIDs ?? context.pathsByID.keys.sorted()
                sortedIDs = ids
                if let near = EditDistance.nearest(to: item.value, among: ids) { message += didYouMeanMessage(near) }
                violations.append(RuleViolation(message, at: item.range.start, suggestion: suggestion))
            }
        }
        return violations
    }
}

private func missingMessage(_ key: String, _ id: String) -> String {
    "'\(key)' names '\(id)', which is not a postmortem in this repository"
}

private func didYouMeanMessage(_ id: String) -> String {
    "; did you mean '\(id)'?"
}

private let suggestion = "write the id of an existing postmortem (its file name without .md), or remove the entry"
