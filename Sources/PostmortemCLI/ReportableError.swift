import Git
import PostmortemKit

/// An error a command can end with: the exit status it means and what stderr shows.
///
/// Every error type pm reports declares both in its conformance below, in this one file, and `PM.report(_:to:)` is
/// the one funnel every failure goes through. The exit statuses: 1 for problems in a document, 2 when pm could not
/// run (not a repository, bad configuration, an unknown reference, a refused state, I/O), 64 for a usage error.
protocol ReportableError: Error {
    /// The status pm exits with.
    var exitCode: ExitCode { get }
    /// What went wrong, after `error:`.
    var reportedMessage: String { get }
    /// What the user can do about it, on a line of its own; nil when the message says it.
    var hint: String? { get }
    /// Writes the report on stderr: by default `error: <message>`, then the hint.
    func write(to stderr: Terminal)
}

extension ReportableError {
    var hint: String? { nil }

    func write(to stderr: Terminal) {
        stderr.line(stderr.styled("error:", .red, .bold) + " " + reportedMessage.terminalSafe)
        if let hint { stderr.line(hint.terminalSafe) }
    }
}

extension UsageError: ReportableError {
    var exitCode: ExitCode { .usage }
    var reportedMessage: String { message }

    /// `Error: …`, the nearest spelling, the usage line and `See 'pm … --help'`.
    func write(to stderr: Terminal) {
        // The message quotes what was typed, which may hold control characters.
        stderr.write(HelpFormatter.errorMessage(self, root: PM.root).terminalSafe)
    }
}

extension DocumentProblems: ReportableError {
    var exitCode: ExitCode { .findings }
    var reportedMessage: String { hint }

    /// Each finding and parse error at its place (`path:line:col: error [rule-id] message`), then the hint.
    func write(to stderr: Terminal) { PM.report(self, to: stderr) }
}

extension CLIError: ReportableError {
    var exitCode: ExitCode { .failure }
    var reportedMessage: String { message }
}

extension StoreError: ReportableError {
    /// Whatever the kind, the store could not do what was asked: pm could not run.
    var exitCode: ExitCode {
        switch kind {
        case .notFound, .refused, .conflict, .failure: return .failure
        }
    }

    var reportedMessage: String { message }
}

extension ConfigurationError: ReportableError {
    var exitCode: ExitCode { .failure }
    /// `path:line: message`.
    var reportedMessage: String { description }
}

extension BaselineError: ReportableError {
    var exitCode: ExitCode { .failure }
    /// `path:line:col: message`.
    var reportedMessage: String { description }
    var hint: String? {
        "Fix the file, or write it anew with 'pm check --write-baseline' (today's findings replace it); 'pm check --no-baseline' checks without it."
    }
}

extension GitError: ReportableError {
    var exitCode: ExitCode { .failure }
    var reportedMessage: String { message }
}

extension SearchIndexError: ReportableError {
    var exitCode: ExitCode { .failure }
    var reportedMessage: String { "the search index cannot be read: \(message)" }
    var hint: String? { "Run 'pm index --rebuild' to build it anew." }
}

extension SiteError: ReportableError {
    var exitCode: ExitCode { .failure }
    var reportedMessage: String { message }
}

/// An error of a type pm does not know (from Foundation, say): reported as it describes itself, as a failure to run.
struct UnexpectedError: ReportableError {
    let error: any Error

    var exitCode: ExitCode { .failure }
    var reportedMessage: String { "\(error)" }
}
