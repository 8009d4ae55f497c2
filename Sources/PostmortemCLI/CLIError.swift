import PostmortemKit

/// A failure a command reports to the user: a message for stderr and the exit status it means.
public struct CLIError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: ExitCode

    public init(_ message: String, exitCode: ExitCode = .failure) {
        self.message = message
        self.exitCode = exitCode
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
