import Git
import Testing

@testable import PostmortemCLI
@testable import PostmortemKit

/// Every error a command can end with goes through `PM.report`: its type says the exit status and how it reads.
@Suite("The error funnel")
struct ErrorFunnelTests {
    /// An error of a type pm does not know.
    struct Mystery: Error, CustomStringConvertible {
        var description: String { "something unforeseen" }
    }

    /// Reports `error` and returns the exit status with what stderr got.
    static func report(_ error: any Error) -> (status: ExitCode, stderr: String) {
        let stderr = Terminal(capturingWithColors: false)
        let status = PM.report(error, to: stderr)
        return (status, stderr.captured)
    }

    static let cases: [(error: any Error, status: ExitCode, stderr: String)] = [
        (
            UsageError(message: "Unknown option '--sevrity'", commandPath: ["pm", "list"], suggestion: "--severity"), .usage,
            "Error: Unknown option '--sevrity'\nDid you mean '--severity'?\nUsage: pm list [<options>]\n  See 'pm list --help'.\n"
        ),
        (
            DocumentProblems(
                errors: [DocumentError("invalid date", line: 3, column: 7, path: "postmortems/x.md")], hint: "Fix it first."),
            .findings, "postmortems/x.md:3:7: error: invalid date\nFix it first.\n"
        ),
        (CLIError("cannot write out.md", hint: "Name a file."), .failure, "error: cannot write out.md\nName a file.\n"),
        (
            StoreError(.notFound, "no postmortem matches 'x'", hint: "Run 'pm list' to see the ids."), .failure,
            "error: no postmortem matches 'x'\nRun 'pm list' to see the ids.\n"
        ),
        (StoreError(.refused, "HEAD is detached"), .failure, "error: HEAD is detached\n"),
        (StoreError(.conflict, "x.md changed meanwhile"), .failure, "error: x.md changed meanwhile\n"),
        (StoreError(.failure, "cannot read x.md"), .failure, "error: cannot read x.md\n"),
        (
            ConfigurationError(message: "invalid value 'Mars' for pm.timezone", path: ".pmconfig", line: 3), .failure,
            "error: .pmconfig:3: invalid value 'Mars' for pm.timezone\n"
        ),
        (
            GitError(message: "reference 'refs/heads/x' not found", function: "git_reference_lookup"), .failure,
            "error: reference 'refs/heads/x' not found\n"
        ),
        (
            SearchIndexError("checksum mismatch in segment 2"), .failure,
            "error: the search index cannot be read: checksum mismatch in segment 2\nRun 'pm index --rebuild' to build it anew.\n"
        ),
        (SiteError("site/ is not empty"), .failure, "error: site/ is not empty\n"),
        (Mystery(), .failure, "error: something unforeseen\n"),
    ]

    @Test("each error type exits with its own status and reads as its type says")
    func statuses() {
        for (error, status, stderr) in Self.cases {
            let reported = Self.report(error)
            #expect(reported.status == status, "\(type(of: error))")
            #expect(reported.stderr == stderr, "\(type(of: error))")
        }
    }

    @Test("a store error's kind decides nothing but the wording: every kind means pm could not run")
    func storeKinds() {
        for kind in [StoreError.Kind.notFound, .refused, .conflict, .failure] {
            #expect(StoreError(kind, "x").exitCode == .failure)
        }
    }

    @Test("what an error quotes cannot drive the terminal")
    func controlCharacters() {
        let reported = Self.report(CLIError("cannot read '\u{1B}]0;owned\u{07}x.md'", hint: "\u{1B}[2Jhint"))
        #expect(!reported.stderr.contains("\u{1B}") && !reported.stderr.contains("\u{07}"), "\(reported.stderr)")
        let usage = Self.report(UsageError(message: "Invalid value '\u{1B}[31m' for '--sort <key>'", commandPath: ["pm"]))
        #expect(!usage.stderr.contains("\u{1B}"), "\(usage.stderr)")
    }

    @Test("the parser's mistakes and a command's own go through the same funnel")
    func throughPM() {
        let out = Terminal(capturingWithColors: false)
        let err = Terminal(capturingWithColors: false)
        let status = PM.run(
            ["-C", "/no/such/folder", "list"], environment: [:], stdout: out, stderr: err, isInteractive: false)
        #expect(status == .failure)
        #expect(err.captured == "error: cannot change to '/no/such/folder': no such folder\n")
        let usage = Terminal(capturingWithColors: false)
        #expect(PM.run(["list", "--limit", "3"], environment: [:], stdout: out, stderr: usage, isInteractive: false) == .usage)
        #expect(usage.captured.hasPrefix("Error: Unknown option '--limit'\n"))
    }
}
