/// Reports a `visibility` value other than `internal` or `public`.
struct VisibilityValueRule: Rule {
    static let description = RuleDescription(
        id: "visibility-value", name: "Visibility value",
        rationale: """
            `visibility` decides whether a postmortem may leave the repository: only `public` ones are exported \
            (`pm export`) and listed in the feed (`pm feed`); `internal`, the default when the field is absent, \
            keeps it inside. Any other value (`Public`, `yes`, `external`) is reported rather than guessed at, \
            so a typo never publishes a postmortem, nor silently keeps one back that was meant to be public.
            """,
        kind: .structure,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            visibility: public
            ---
            """,
            """
            ---
            title: Checkout API returned 500s
            visibility: internal
            ---
            """,
            """
            ---
            title: Checkout API returned 500s
            ---
            """,
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            visibility: ↓Public
            ---
            """,
            """
            ---
            title: Checkout API returned 500s
            visibility: ↓external
            ---
            """,
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        guard let value = postmortem.visibility, postmortem.effectiveVisibility == nil,
            let position = postmortem.position(ofField: "visibility")
        else { return [] }
        let names = Visibility.allCases.map(\.rawValue)
        var message = unknownMessage(value)
        if let near = names.first(where: { $0 == value.lowercased().trimmingCharacters(in: .whitespaces) }) {
            message += didYouMeanMessage(near)
        }
        return [RuleViolation(message, at: position, suggestion: suggestion)]
    }
}

private func unknownMessage(_ value: String) -> String {
    "unknown visibility '\(value)'; use 'internal' or 'public'"
}

private func didYouMeanMessage(_ name: String) -> String {
    "; did you mean '\(name)'?"
}

private let suggestion =
    "write 'visibility: public' to allow pm export and pm feed to publish it, or 'visibility: internal' (the default)"
