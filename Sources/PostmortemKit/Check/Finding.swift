/// How serious a finding is.
public enum FindingSeverity: String, Sendable, Hashable, Codable, Comparable {
    case warning
    case error

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs == .warning && rhs == .error }
}

/// One problem a rule found in a document: where, what, and what to write instead.
public struct Finding: Sendable, Hashable, Codable {
    /// The rule's stable kebab-case id, e.g. `action-item-owner`.
    public var ruleID: String
    public var severity: FindingSeverity
    /// What is wrong, in a sentence (no trailing period needed).
    public var message: String
    /// A blameless rewrite or the next step, when the rule has one.
    public var suggestion: String?
    /// The file, relative to the repository root (nil for a document without one).
    public var path: String?
    /// Where it starts and ends (end exclusive); positions are 1-based line and UTF-8 byte column.
    public var range: SourceRange

    init(
        ruleID: String, severity: FindingSeverity, message: String, suggestion: String? = nil, path: String?, range: SourceRange
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.suggestion = suggestion
        self.path = path
        self.range = range
    }

    public var position: SourcePosition { range.start }
}

/// What a rule reports before the checker decides its severity and applies suppressions.
public struct RuleViolation: Sendable, Hashable {
    var range: SourceRange
    var message: String
    var suggestion: String?

    init(_ message: String, at range: SourceRange, suggestion: String? = nil) {
        self.range = range
        self.message = message
        self.suggestion = suggestion
    }

    /// A violation at one position (a zero-length range).
    init(_ message: String, at position: SourcePosition, suggestion: String? = nil) {
        self.init(message, at: SourceRange(start: position, end: position), suggestion: suggestion)
    }
}
