/// Reports a section from `pm.requiredSections` that the document does not have.
struct RequiredSectionsRule: Rule {
    static let description = RuleDescription(
        id: "required-sections", name: "Required sections",
        rationale: """
            Readers compare postmortems and find their way in them by the same sections (pm.requiredSections, by \
            default Summary, Impact, Timeline, Root cause, Action items). A section may be written under any of its \
            aliases (Overview, TL;DR; Root causes, Contributing factors, Causes; …) and in any order. The finding \
            points at the end of the front matter, where the sections begin.
            """,
        kind: .structure,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            ---
            ## TL;DR
            ## Timeline
            ## Impact
            ## Contributing factors
            ## Action items
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            ↓↓---
            ## Summary
            ## Timeline
            ## Root cause
            ### Impact
            """
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        RequiredSectionsRule.missing(context.configuration.requiredSections, in: postmortem).map { name in
            RuleViolation(missingMessage(name), at: postmortem.endOfFrontMatter, suggestion: addSuggestion(name))
        }
    }

    /// The names in `required` that no section of `postmortem` matches.
    static func missing(_ required: [String], in postmortem: Postmortem) -> [String] {
        required.filter { sections(named: $0, in: postmortem).isEmpty }
    }

    /// The sections that count as `name`: any alias of a section pm knows, else the same heading.
    static func sections(named name: String, in postmortem: Postmortem) -> [Section] {
        if let kind = SectionKind(heading: name) {
            return postmortem.sections.filter { $0.kind == kind }
        }
        let normalized = SectionKind.normalize(name)
        return postmortem.sections.filter { SectionKind.normalize($0.title) == normalized }
    }
}

private func missingMessage(_ name: String) -> String {
    "missing required section '\(name)'"
}

private func addSuggestion(_ name: String) -> String {
    "add a '## \(name)' section (pm.requiredSections lists the sections every postmortem needs)"
}
