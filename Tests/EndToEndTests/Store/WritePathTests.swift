import Foundation
import TestSupport
import Testing

/// Writes are commits (docs/writes.md), checked with the real git.
@Suite("Write path")
struct WritePathTests {
    /// Leaves the user's work in every state git distinguishes, to check pm keeps it byte for byte.
    private func makeUserChanges(_ repo: TemporaryRepository) throws {
        try repo.write("staged.txt", "staged\n")
        try repo.write("both.txt", "v1\n")
        try repo.write("unstaged.txt", "original\n")
        try repo.commitAll("User files")
        try repo.write("staged.txt", "staged change\n")
        try repo.git(["add", "staged.txt"])
        try repo.write("unstaged.txt", "unstaged change\r\nwith CRLF\r\n")
        try repo.write("both.txt", "v2 staged\n")
        try repo.git(["add", "both.txt"])
        try repo.write("both.txt", "v3 unstaged on top\n")
        try repo.write("untracked.txt", "new\n")
        try repo.write("new-staged.txt", "added\n")
        try repo.git(["add", "new-staged.txt"])
    }

    private struct Snapshot: Equatable {
        let porcelain: String
        let cached: String
        let worktree: String
        let files: [String]
    }

    private func snapshot(_ repo: TemporaryRepository) throws -> Snapshot {
        Snapshot(
            porcelain: try repo.git(["status", "--porcelain", "--untracked-files=all", "--", ".", ":!postmortems"]),
            cached: try repo.git(["diff", "--cached", "--", ".", ":!postmortems"]),
            worktree: try repo.git(["diff", "--", ".", ":!postmortems"]),
            files: try ["staged.txt", "both.txt", "unstaged.txt", "untracked.txt", "new-staged.txt"].map { try repo.read($0) })
    }

    @Test("pm new commits only the postmortem; the user's staged and unstaged changes survive byte for byte")
    func newKeepsUserChanges() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try makeUserChanges(repo)
        let before = try snapshot(repo)
        let headBefore = try repo.git(["rev-parse", "HEAD"]).trimmed

        let result = try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--severity", "SEV2", "--no-edit"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.trimmed == "2026-11-20-checkout-api-returned-500s")
        #expect(result.stderr.contains("[main "))

        #expect(try snapshot(repo) == before)
        #expect(try repo.git(["rev-list", "--count", "\(headBefore)..HEAD"]).trimmed == "1")
        #expect(
            try repo.git(["log", "-1", "--format=%an <%ae>|%cn|%s"]).trimmed
                == "Dana Reyes <dana@example.com>|Dana Reyes|Add postmortem 2026-11-20-checkout-api-returned-500s")
        #expect(
            try repo.git(["show", "--name-only", "--format=", "HEAD"]).trimmed
                == "postmortems/2026-11-20-checkout-api-returned-500s.md")
        #expect(try repo.git(["status", "--porcelain", "--", "postmortems"]) == "")
        #expect(try repo.gitOutput(["fsck", "--strict", "--no-progress"]).status == 0)
        #expect(
            try repo.git(["reflog", "-1", "--format=%gs"]).trimmed
                == "commit: Add postmortem 2026-11-20-checkout-api-returned-500s")
    }

    @Test("pm edit commits the edited file only, with the right author and message")
    func editKeepsUserChanges() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try #require(try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--no-edit"]).status == 0)
        try makeUserChanges(repo)
        let before = try snapshot(repo)
        let path = "postmortems/2026-11-20-checkout-api-returned-500s.md"
        try repo.write(path, Fixtures.postmortem(title: "Checkout API returned 500s"))

        let result = try repo.pm(
            ["edit", "checkout"], environment: ["GIT_AUTHOR_NAME": "Lee Park", "GIT_AUTHOR_EMAIL": "lee@example.com"])
        #expect(result.status == 0, "\(result)")
        #expect(try snapshot(repo) == before)
        #expect(
            try repo.git(["log", "-1", "--format=%an <%ae>|%s"]).trimmed
                == "Lee Park <lee@example.com>|Update postmortem 2026-11-20-checkout-api-returned-500s")
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).trimmed == path)
        #expect(try repo.git(["show", "HEAD:\(path)"]) == Fixtures.postmortem(title: "Checkout API returned 500s"))
        #expect(try repo.git(["status", "--porcelain", "--", "postmortems"]) == "")
        #expect(try repo.gitOutput(["fsck", "--strict", "--no-progress"]).status == 0)

        let again = try repo.pm(["edit", "checkout"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("No changes to commit"))
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "4")
    }

    @Test("pm new works on a branch with no commits, and leaves files staged for the first commit alone")
    func unbornBranch() throws {
        let repo = try TemporaryRepository()
        try repo.write("notes.txt", "staged before any commit\n")
        try repo.git(["add", "notes.txt"])
        let result = try repo.pm(["new", "First outage", "--date", "2026-01-05", "--no-edit"])
        #expect(result.status == 0, "\(result)")
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "1")
        #expect(try repo.git(["ls-tree", "-r", "--name-only", "HEAD"]).trimmed == "postmortems/2026-01-05-first-outage.md")
        #expect(try repo.git(["status", "--porcelain"]) == "A  notes.txt\n")
        #expect(try repo.gitOutput(["fsck", "--strict", "--no-progress"]).status == 0)
    }

    @Test("20 pairs of simultaneous pm new all land as separate commits; none is lost")
    func concurrentNew() throws {
        let repo = try Fixtures.repositoryWithCommit()
        for round in 0..<20 {
            // Odd rounds use the same title twice, so the second must take the -2 suffix.
            let titles =
                round % 2 == 0 ? ["Outage \(round) a", "Outage \(round) b"] : ["Same title \(round)", "Same title \(round)"]
            let processes = try titles.map { title -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: PMBinary.path)
                process.arguments = ["new", title, "--date", "2026-03-01", "--no-edit"]
                process.currentDirectoryURL = URL(fileURLWithPath: repo.root)
                process.environment = repo.environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            for process in processes {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "round \(round)")
            }
        }
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "41")
        let files = try repo.git(["ls-tree", "-r", "--name-only", "HEAD", "postmortems"]).lines
        #expect(files.count == 40)
        #expect(files.contains("postmortems/2026-03-01-same-title-1-2.md"))
        #expect(try repo.git(["status", "--porcelain"]) == "")
        #expect(try repo.gitOutput(["fsck", "--strict", "--no-progress"]).status == 0)
    }

    @Test("a detached HEAD is refused with a clear message and nothing is written")
    func detachedHead() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.git(["checkout", "-q", "--detach"])
        let result = try repo.pm(["new", "Something broke", "--no-edit"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("HEAD is detached"))
        #expect(result.stderr.contains("git switch"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems"))
    }

    /// `main` and `side` both change README.md, so merging or rebasing one onto the other stops on a conflict.
    private func conflictingBranches() throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.git(["checkout", "-q", "-b", "side"])
        try repo.write("README.md", "side\n")
        try repo.commitAll("side")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("README.md", "main\n")
        try repo.commitAll("main")
        return repo
    }

    @Test("a merge or rebase in progress is refused with the way out", arguments: ["merge", "rebase"])
    func operationInProgress(operation: String) throws {
        let repo = try conflictingBranches()
        if operation == "rebase" { try repo.git(["checkout", "-q", "side"]) }
        let stopped = try repo.gitOutput([operation, "-q", operation == "merge" ? "side" : "main"])
        try #require(stopped.status != 0, "git \(operation) should stop on the conflict")
        let result = try repo.pm(["new", "Something broke", "--no-edit"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("a \(operation) is in progress"))
        #expect(result.stderr.contains("git \(operation) --abort"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems"))
    }

    @Test("without an identity pm fails like git, and writes nothing")
    func noIdentity() throws {
        let repo = try Fixtures.repositoryWithCommit()
        var environment = repo.environment
        for key in ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"] { environment[key] = "" }
        let result = try Shell.run(
            PMBinary.path, ["new", "Something broke", "--no-edit"], in: repo.root, environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Please tell me who you are"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems"))
    }

    @Test("pm status never overwrites uncommitted edits to the file")
    func statusRefusesDirtyFile() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let edited = Fixtures.postmortem(extraSummary: " An unsaved thought.")
        try repo.write("postmortems/2026-11-20-checkout.md", edited)
        let result = try repo.pm(["status", "checkout", "in-review"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("uncommitted changes"))
        #expect(try repo.read("postmortems/2026-11-20-checkout.md") == edited)
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add 2026-11-20-checkout")
    }

    @Test("pm status rewrites only the status line, keeping CRLF and a missing final newline, and commits")
    func statusKeepsBytes() throws {
        let repo = try Fixtures.repositoryWithCommit()
        // "\r\n" is one Character, so dropLast(1) drops exactly the final line break.
        let crlf = String(Fixtures.postmortem().replacingOccurrences(of: "\n", with: "\r\n").dropLast(1))
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: crlf)
        let result = try repo.pm(["status", "checkout", "in-review"])
        #expect(result.status == 0, "\(result)")
        #expect(
            try repo.read("postmortems/2026-11-20-checkout.md")
                == crlf.replacingOccurrences(of: "status: draft\r\n", with: "status: in-review\r\n"))
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Mark 2026-11-20-checkout as in-review")
        #expect(try repo.git(["status", "--porcelain"]) == "")
        let again = try repo.pm(["status", "checkout", "in-review"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("already in-review"))
    }

    @Test("a document that does not parse is not committed, and the file is kept")
    func invalidDocumentNotCommitted() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let broken = Fixtures.postmortem().replacingOccurrences(of: "date: 2026-11-20\n", with: "date: 2026-02-30\n")
        try repo.write("postmortems/2026-11-20-checkout.md", broken)
        let result = try repo.pm(["edit", "checkout"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("postmortems/2026-11-20-checkout.md:3:7:"))
        #expect(try repo.read("postmortems/2026-11-20-checkout.md") == broken)
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add 2026-11-20-checkout")
    }

    @Test("pm new --no-commit writes the file and commits nothing")
    func noCommit() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let result = try repo.pm(["new", "Queue backlog", "--date", "2026-02-02", "--no-commit", "--no-edit"])
        #expect(result.status == 0, "\(result)")
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "1")
        #expect(
            try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "?? postmortems/2026-02-02-queue-backlog.md\n")
    }

    @Test("the editor is never opened off a terminal")
    func noEditorOffTerminal() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let marker = repo.base + "/editor-ran"
        let result = try repo.pm(
            ["new", "Disk full", "--date", "2026-02-02"], environment: ["EDITOR": "touch \(marker)", "VISUAL": "touch \(marker)"])
        #expect(result.status == 0, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test("pm init writes .pmconfig and the folder, commits them, and is idempotent")
    func initialize() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("wip.txt", "work in progress\n")
        let result = try repo.pm(["init"])
        #expect(result.status == 0, "\(result)")
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Set up pm for postmortems")
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).lines == [".pmconfig", "postmortems/README.md"])
        #expect(try repo.git(["status", "--porcelain"]) == "?? wip.txt\n")
        #expect(try repo.git(["config", "-f", ".pmconfig", "pm.directory"]).trimmed == "postmortems")
        let again = try repo.pm(["init"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("Already set up"))
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "2")
    }

    @Test("pm init never commits a README it did not write")
    func initLeavesForeignReadme() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/README.md", "API_KEY=secret, not for a commit\n")
        let result = try repo.pm(["init"])
        #expect(result.status == 0, "\(result)")
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).lines == [".pmconfig"])
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "?? postmortems/README.md\n")
    }

    @Test("the executable bit of a postmortem is committed as git would")
    func executableBit() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        chmod(repo.root + "/postmortems/2026-11-20-checkout.md", 0o755)
        let result = try repo.pm(["edit", "checkout"])
        #expect(result.status == 0, "\(result)")
        #expect(try repo.git(["ls-tree", "HEAD", "postmortems/2026-11-20-checkout.md"]).hasPrefix("100755 "))
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test("pm init without a git identity writes nothing; after --no-commit, pm init commits the files")
    func initIdentityAndResume() throws {
        let repo = try Fixtures.repositoryWithCommit()
        var anonymous = repo.environment
        for key in ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"] { anonymous[key] = "" }
        let refused = try Shell.run(PMBinary.path, ["init"], in: repo.root, environment: anonymous)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("Please tell me who you are"))
        #expect(try repo.git(["status", "--porcelain"]) == "")

        #expect(try repo.pm(["init", "--no-commit"]).status == 0)
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "1")
        let resumed = try repo.pm(["init"])
        #expect(resumed.status == 0, "\(resumed)")
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).lines == [".pmconfig", "postmortems/README.md"])
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test("pm edit of a postmortem that was never committed says Add, not Update")
    func editFirstCommit() throws {
        let repo = try Fixtures.repositoryWithCommit()
        #expect(try repo.pm(["new", "Late commit", "--date", "2026-04-04", "--no-commit", "--no-edit"]).status == 0)
        #expect(try repo.pm(["edit", "late"]).status == 0)
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add postmortem 2026-04-04-late-commit")
    }

    @Test("pm init --json names the commit it made")
    func initJSONNamesItsCommit() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let initialized = try repo.pm(["init", "--json", "--no-hooks"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(initialized.stdout.utf8)) as? [String: Any])
        #expect((object["commit"] as? String)?.count == 40)
        #expect(try repo.git(["rev-parse", "HEAD"]).trimmed == object["commit"] as? String)
    }
}
