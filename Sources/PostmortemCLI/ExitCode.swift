/// The exit statuses the README's *Exit codes* table documents, in one place.
public enum ExitCode: Int32, Sendable {
    /// The command did what was asked.
    case success = 0
    /// Findings: a document has errors (or warnings with `--strict`).
    case findings = 1
    /// Could not run: not a repository, bad configuration, an unknown reference, I/O.
    case failure = 2
    /// The command was called wrongly.
    case usage = 64
}
