import Foundation
import TestSupport
import Testing

/// Usage errors, help, references, global options: the CLI's contract.
@Suite("Usage")
struct UsageTests {
    static let commands = ["init", "new", "list", "show", "edit", "status", "log", "completion"]

    @Test("an unknown option is a usage error with a suggestion, exit 64")
    func unknownOption() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let result = try repo.pm(["list", "--sevrity", "SEV1"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Error: Unknown option '--sevrity'"))
        #expect(result.stderr.contains("Did you mean '--severity'?"))
        #expect(result.stderr.contains("Usage: pm list"))
        #expect(result.stderr.contains("See 'pm list --help'"))
    }

    @Test("an unknown command suggests the nearest one")
    func unknownCommand() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let result = try repo.pm(["lsit"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Did you mean 'list'?"))
    }

    @Test("help works on every command, as --help, -h and help <command>, on stdout with exit 0", arguments: commands)
    func help(command: String) throws {
        let repo = try Fixtures.repositoryWithCommit()
        for arguments in [[command, "--help"], [command, "-h"], ["help", command]] {
            let result = try repo.pm(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stdout.contains("USAGE: pm \(command)"), "\(arguments)")
            #expect(result.stderr == "")
        }
    }

    @Test("pm with no arguments prints the overview; --version names pm and libgit2")
    func overviewAndVersion() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let overview = try repo.pm([])
        #expect(overview.status == 0)
        for command in Self.commands { #expect(overview.stdout.contains(command)) }
        #expect(!overview.stdout.contains("__complete"))
        let version = try repo.pm(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("pm "))
        #expect(version.stdout.contains("libgit2 1."))
    }

    @Test("-- ends options: a title may start with dashes")
    func doubleDash() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let result = try repo.pm(["new", "--date", "2026-04-01", "--no-edit", "--", "--help is not an option here"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.trimmed == "2026-04-01-help-is-not-an-option-here")
        #expect(
            try repo.read("postmortems/2026-04-01-help-is-not-an-option-here.md").contains(
                "title: \"--help is not an option here\""))
    }

    @Test("a reference that matches two postmortems lists both and exits non-zero")
    func ambiguousReference() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout-api-500s", text: Fixtures.postmortem())
        try Fixtures.commitPostmortem(repo, id: "2026-11-21-checkout-latency", text: Fixtures.postmortem(date: "2026-11-21"))
        let result = try repo.pm(["show", "checkout"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("matches 2 postmortems"))
        #expect(result.stderr.contains("2026-11-20-checkout-api-500s"))
        #expect(result.stderr.contains("2026-11-21-checkout-latency"))
        let unknown = try repo.pm(["show", "2026-11-20-checkout-api-50s"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Did you mean '2026-11-20-checkout-api-500s'?"))
    }

    @Test("missing and extra arguments, bad values")
    func badArguments() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let missing = try repo.pm(["show"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Missing expected argument '<ref>'"))
        let extra = try repo.pm(["show", "a", "b"])
        #expect(extra.status == 64)
        let badDate = try repo.pm(["new", "x", "--date", "2026-02-30", "--no-edit"])
        #expect(badDate.status == 64)
        #expect(badDate.stderr.contains("Invalid value '2026-02-30' for '--date <date>'; expected a date as YYYY-MM-DD"))
        let badSeverity = try repo.pm(["new", "x", "--severity", "SEV7", "--no-edit"])
        #expect(badSeverity.status == 64)
        let badStatus = try repo.pm(["status", "x", "publish"])
        #expect(badStatus.status == 64)
        #expect(badStatus.stderr.contains("Did you mean 'published'?"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems"))
    }

    @Test("-C runs pm as if started in another folder; outside a repository pm exits 2")
    func changeDirectory() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let result = try repo.pm(["-C", repo.root + "/postmortems", "list", "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("2026-11-20-checkout"))
        let after = try repo.pm(["list", "-C", "postmortems", "--json"])
        #expect(after.stdout.contains("2026-11-20-checkout"))
        let outside = try repo.pm(["-C", repo.home, "list"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("not a git repository"))
        let missing = try repo.pm(["-C", "/no/such/folder", "list"])
        #expect(missing.status == 2)
    }

    @Test("a bad .pmconfig value is an error naming the key and line; an unknown key is a warning")
    func configurationErrors() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(".pmconfig", "[pm]\n\tdirectory = postmortems\n\ttimezone = Mars/Olympus\n")
        let bad = try repo.pm(["list"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".pmconfig:3: invalid value 'Mars/Olympus' for pm.timezone"))
        try repo.write(".pmconfig", "[pm]\n\tdirectroy = docs\n")
        let unknown = try repo.pm(["list"])
        #expect(unknown.status == 0)
        #expect(unknown.stderr.contains("warning: .pmconfig:2: unknown key 'pm.directroy'; did you mean 'pm.directory'?"))
    }

    @Test("completion scripts for bash, zsh and fish; bash's parses")
    func completion() throws {
        let repo = try Fixtures.repositoryWithCommit()
        for shell in ["bash", "zsh", "fish"] {
            let result = try repo.pm(["completion", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("list"))
        }
        let script = try repo.pm(["completion", "bash"]).stdout
        try repo.write("pm-completion.bash", script)
        let check = try Shell.run(
            "/bin/bash", ["-n", repo.root + "/pm-completion.bash"], in: repo.root, environment: repo.environment)
        #expect(check.status == 0, "\(check)")
        #expect(try repo.pm(["completion", "tcsh"]).status == 64)
    }

    @Test("NO_COLOR and --no-color keep output free of escapes")
    func noColor() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let result = try repo.pm(["list", "--no-color"])
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test("an id shared by two files in sub-folders is ambiguous, and the paths are listed")
    func duplicateIDs() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/a/2026-01-01-dup.md", Fixtures.postmortem(date: "2026-01-01"))
        try repo.write("postmortems/b/2026-01-01-dup.md", Fixtures.postmortem(date: "2026-01-01"))
        let result = try repo.pm(["show", "2026-01-01-dup"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("postmortems/a/2026-01-01-dup.md"))
        #expect(result.stderr.contains("postmortems/b/2026-01-01-dup.md"))
        #expect(try repo.pm(["show", "postmortems/b/2026-01-01-dup.md"]).status == 0)
    }

    @Test("references fold accents and spaces; a miss at a revision names the revision")
    func referenceFolding() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-zurich-cafe-outage", text: Fixtures.postmortem(title: "Zürich café outage"))
        #expect(try repo.pm(["show", "Zürich Café", "--json"]).status == 0)
        let miss = try repo.pm(["show", "nothing-like-this", "--rev", "HEAD~1"])
        #expect(miss.status == 2)
        #expect(miss.stderr.contains("at HEAD~1"))
    }

    @Test("clearer usage errors: prefixes of choices, impossible dates, --raw with --json, titles with dashes")
    func usageMessages() throws {
        let repo = try Fixtures.repositoryWithCommit()
        #expect(try repo.pm(["list", "--sort", "sev"]).stderr.contains("Did you mean 'severity'?"))
        #expect(try repo.pm(["list", "--since", "2026-02-30"]).stderr.contains("February 2026 has 28 days"))
        #expect(try repo.pm(["show", "x", "--raw", "--json"]).status == 64)
        let dashed = try repo.pm(["new", "--force push wiped main", "--no-edit"])
        #expect(dashed.status == 64)
        #expect(dashed.stderr.contains("put it after '--'"))
    }

    @Test("-C naming a file says it is a file, not a folder")
    func directoryOptionOnAFile() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let onFile = try repo.pm(["-C", "README.md", "list"])
        #expect(onFile.status == 2)
        #expect(onFile.stderr.contains("it is a file, not a folder"))
    }
}
