/// Reports two postmortem files with the same id (the same file name in different folders).
struct UniqueIDRule: Rule {
    static let description = RuleDescription(
        id: "unique-id", name: "Unique id",
        rationale: """
            Commands, links (`related`, `supersedes`) and action-item references (`<id>#<n>`) name a postmortem by \
            its id, the file name without `.md`. Sub-folders are allowed, so two files with the same name in \
            different folders would make every reference to that id ambiguous.
            """,
        kind: .structure,
        passingExamples: [
            """
            ---
            # file: postmortems/2026/2026-11-20-db-failover.md
            # repository: postmortems/2026-11-20-db-failover-2.md
            title: DB failover
            date: 2026-11-20
            ---
            """
        ],
        failingExamples: [
            """
            ↓---
            # file: postmortems/2026/2026-11-20-db-failover.md
            # repository: postmortems/2026-11-20-db-failover.md
            title: DB failover
            date: 2026-11-20
            ---
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        guard let paths = context.pathsByID[postmortem.id], paths.count > 1 else { return [] }
        var others = paths
        if let index = others.firstIndex(of: postmortem.path ?? postmortem.id) { others.remove(at: index) }
        return [
            RuleViolation(
                duplicateMessage(postmortem.id, others), at: SourcePosition(line: 1, column: 1),
                suggestion: renameSuggestion)
        ]
    }
}

private func duplicateMessage(_ id: String, _ others: [String]) -> String {
    "id '\(id)' is also the id of \(others.joined(separator: ", "))"
}

private let renameSuggestion = "rename one of the files: add -2, -3, … to the slug of the later one"
