/// Reports a file name that is not `<date>-<slug>.md` or whose date is not the incident date.
struct IDMatchesFilenameRule: Rule {
    static let description = RuleDescription(
        id: "id-matches-filename", name: "Id matches file name",
        rationale: """
            A postmortem's id is its file name: the incident date and a slug, `YYYY-MM-DD-slug.md` (a clash adds \
            -2, -3, …). The date part must be the `date` field, so ids sort by incident and say when it happened. \
            The slug is made from the title when the file is created and is not required to follow later edits \
            of the title: renaming would break every link and reference to the postmortem.
            """,
        kind: .structure,
        passingExamples: [
            """
            ---
            # file: postmortems/2026-11-20-checkout-500s.md
            title: Checkout API returned 500s to 12% of requests
            date: 2026-11-20
            ---
            """,
            """
            ---
            # file: postmortems/2026/2026-11-20-checkout-500s-2.md
            title: Checkout API returned 500s again
            date: 2026-11-20
            ---
            """,
        ],
        failingExamples: [
            """
            ---
            # file: postmortems/2026-11-19-checkout-500s.md
            title: Checkout API returned 500s
            date: ↓2026-11-20
            ---
            """,
            """
            ↓---
            # file: postmortems/Checkout 500s.md
            title: Checkout API returned 500s
            date: 2026-11-20
            ---
            """,
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        guard let path = postmortem.path else { return [] }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let start = SourcePosition(line: 1, column: 1)
        let expected = postmortem.date.map { PostmortemID.make(date: $0, title: postmortem.title ?? "").rawValue + ".md" }
        guard name.hasSuffix(".md"), let id = PostmortemID(validating: String(name.dropLast(3))) else {
            return [RuleViolation(malformedMessage(name), at: start, suggestion: expected.map(renameSuggestion))]
        }
        if let date = postmortem.date, id.date != date, let position = postmortem.position(ofField: "date") {
            let renamed = date.description + "-" + id.slug + ".md"
            return [
                RuleViolation(
                    dateMessage(name, id.date, date), at: position, suggestion: dateSuggestion(renamed, id.date))
            ]
        }
        return []
    }
}

private func malformedMessage(_ name: String) -> String {
    "file name '\(name)' is not <date>-<slug>.md (YYYY-MM-DD, then lowercase letters, digits and single hyphens)"
}

private func renameSuggestion(_ name: String) -> String {
    "rename the file to \(name)"
}

private func dateMessage(_ name: String, _ fileDate: LocalDate, _ date: LocalDate) -> String {
    "file name '\(name)' says \(fileDate) but the incident date is \(date)"
}

private func dateSuggestion(_ name: String, _ fileDate: LocalDate) -> String {
    "rename the file to \(name), or set 'date: \(fileDate)' if that is when it happened"
}
