/// Everything a rule says about itself: id, name, why it exists, when it applies, and examples that the tests run.
///
/// In a failing example, `↓` marks the exact place the finding must point at (it is removed before checking).
/// Several `↓` mean several findings.
public struct RuleDescription: Sendable {
    /// Which family a rule belongs to; the README and `pm rules` group by it.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// The document's shape: front matter, fields, file name, sections present.
        case structure
        /// What the sections say: filled in, timeline and timestamps, action items.
        case content
        /// Blameless language.
        case language
        /// References to other postmortems.
        case links
    }

    /// What happens to a rule's findings in a document whose status is below `appliesFrom`.
    public enum BelowLevel: String, Sendable, Codable {
        /// Reported as warnings (useful while writing).
        case warning
        /// Not reported at all.
        case skip
    }

    /// Stable kebab-case id, used in `.pmconfig` (`check.<id>`), suppressions, JSON and SARIF.
    public let id: String
    public let name: String
    /// Why the rule exists, for `pm rules` and the README.
    public let rationale: String
    public let kind: Kind
    public let defaultSeverity: FindingSeverity
    /// The lifecycle level from which findings have the configured severity.
    public let appliesFrom: Status
    public let belowLevel: BelowLevel
    /// Documents that must produce no finding.
    public let passingExamples: [String]
    /// Documents that must produce exactly the marked findings.
    public let failingExamples: [String]

    init(
        id: String, name: String, rationale: String, kind: Kind, defaultSeverity: FindingSeverity = .error,
        appliesFrom: Status = .draft, belowLevel: BelowLevel = .skip, passingExamples: [String], failingExamples: [String]
    ) {
        self.id = id
        self.name = name
        self.rationale = rationale
        self.kind = kind
        self.defaultSeverity = defaultSeverity
        self.appliesFrom = appliesFrom
        self.belowLevel = belowLevel
        self.passingExamples = passingExamples
        self.failingExamples = failingExamples
    }

    /// The marker in failing examples.
    static let marker: Character = "↓"
}
