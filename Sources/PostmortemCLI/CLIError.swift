import PostmortemKit

/// A failure a command reports to the user: pm could not do what was asked (exit 2), with what to do about it.
public struct CLIError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// What the user can do about it, on a line of its own; nil when the message says it.
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}

/// A document that must not be committed (or does not parse), with every problem found in it.
public struct DocumentProblems: Error, Sendable {
    /// Findings of the checker (with rule ids and suggestions).
    public var findings: [Finding] = []
    /// Parse errors, for commands that only read (`pm show`).
    public var errors: [DocumentError] = []
    /// What the user can do next, e.g. "Fix it and run 'pm edit …' to commit it."
    public var hint: String
}
