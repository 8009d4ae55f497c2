/// Reports a missing title, date, severity or status, and field values pm cannot read.
struct RequiredFieldsRule: Rule {
    static let description = RuleDescription(
        id: "required-fields", name: "Required fields",
        rationale: """
            Every postmortem needs a title, the incident date, a severity from pm.severities and a status \
            (draft, in-review, published): lists, filters, statistics and the lifecycle depend on them. Values \
            pm cannot read (an impossible date, a list where one value belongs, a malformed timestamp) are \
            reported too, so nothing is silently ignored.
            """,
        kind: .structure,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            severity: SEV2
            status: in-review
            started: 2026-11-20T14:02:00Z
            ---
            """
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-11-20
            severity: ↓SEV5
            ↓---
            """,
            """
            ---
            title:↓
            date: ↓2026-02-30
            severity: SEV2
            status: ↓done
            started: ↓yesterday
            ---
            """,
        ])

    init() {}

    /// The fields every postmortem must have.
    static let requiredKeys = ["title", "date", "severity", "status"]

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        guard let frontMatter = postmortem.frontMatter else { return [] }
        var violations = RequiredFieldsRule.fieldErrors(in: postmortem).map { RuleViolation($0.message, at: $0.position) }
        for key in RequiredFieldsRule.requiredKeys {
            guard let entry = frontMatter[key] else {
                violations.append(
                    RuleViolation(missingMessage(key), at: postmortem.endOfFrontMatter, suggestion: addSuggestion(key)))
                continue
            }
            if entry.value.stringValue == "" {
                violations.append(RuleViolation(emptyMessage(key), at: entry.valuePosition, suggestion: addSuggestion(key)))
            }
        }
        let severities = context.configuration.severities
        if let severity = postmortem.severity, !severities.contains(severity),
            let position = postmortem.position(ofField: "severity")
        {
            var message = unknownSeverityMessage(severity, severities)
            if let near = severities.first(where: { $0.lowercased() == severity.lowercased() }) {
                message += didYouMeanMessage(near)
            }
            violations.append(RuleViolation(message, at: position))
        }
        return violations
    }

    /// The errors the parser found in the values of the fields pm reads (types, dates, status,
    /// timestamps), as opposed to the syntax of the block.
    static func fieldErrors(in postmortem: Postmortem) -> [DocumentError] {
        guard let frontMatter = postmortem.frontMatter else { return [] }
        let syntax = Set(frontMatter.errors.map(ClaimedError.init))
        let positions = Set(
            frontMatter.entries.filter { Postmortem.knownFields.contains($0.key) }.map(\.valuePosition))
        return postmortem.errors.filter { positions.contains($0.position) && !syntax.contains(ClaimedError($0)) }
    }
}

private func missingMessage(_ key: String) -> String {
    "missing field '\(key)' in the front matter"
}

private func emptyMessage(_ key: String) -> String {
    "field '\(key)' is empty"
}

private func addSuggestion(_ key: String) -> String {
    switch key {
    case "title": return "write what happened, e.g. 'title: Checkout API returned 500s'"
    case "date": return "write the incident date, e.g. 'date: 2026-11-20'"
    case "severity": return "write a severity from pm.severities, e.g. 'severity: SEV2'"
    default: return "write 'status: draft', 'status: in-review' or 'status: published'"
    }
}

private func unknownSeverityMessage(_ severity: String, _ severities: [String]) -> String {
    "unknown severity '\(severity)'; use one of \(severities.joined(separator: ", ")) (pm.severities in .pmconfig)"
}

private func didYouMeanMessage(_ name: String) -> String {
    "; did you mean '\(name)'?"
}
