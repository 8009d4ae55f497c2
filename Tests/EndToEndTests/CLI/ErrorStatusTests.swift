import Foundation
import TestSupport
import Testing

/// Errors of every kind, from the built pm: each exits with the status its type declares and says what to do.
@Suite("Error statuses")
struct ErrorStatusTests {
    @Test("usage 64, a document's errors 1, and 2 for every error that stops pm from running")
    func eachTypeItsStatus() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let usage = try repo.pm(["list", "--limit", "3"])
        #expect(usage.status == 64 && usage.stderr.hasPrefix("Error: Unknown option '--limit'"), "\(usage)")
        try repo.write("postmortems/2026-11-21-broken.md", "---\ntitle: [unclosed\n---\n")
        let document = try repo.pm(["show", "broken"])
        #expect(document.status == 1 && document.stderr.contains("postmortems/2026-11-21-broken.md:2:"), "\(document)")
        // A store error: an unknown reference, with its hint on a line of its own.
        let unknown = try repo.pm(["show", "nothing-like-it"])
        #expect(unknown.status == 2, "\(unknown)")
        #expect(
            unknown.stderr.hasSuffix(
                "error: no postmortem matches 'nothing-like-it' in postmortems/\nRun 'pm list' to see the ids.\n"))
        // A store error of another kind: pm refuses to write on a detached HEAD.
        try repo.git(["checkout", "-q", "--detach"])
        let refused = try repo.pm(["status", "checkout", "in-review"])
        #expect(refused.status == 2 && refused.stderr.hasPrefix("error: "), "\(refused)")
        try repo.git(["checkout", "-q", "main"])
        // A git error: no identity to commit as.
        let anonymous = try repo.pm(
            ["new", "Anonymous", "--no-edit"],
            environment: ["GIT_AUTHOR_NAME": "", "GIT_COMMITTER_NAME": "", "GIT_AUTHOR_EMAIL": "", "GIT_COMMITTER_EMAIL": ""])
        #expect(anonymous.status == 2 && anonymous.stderr.contains("Author identity unknown"), "\(anonymous)")
        // pm's own: export refuses a postmortem that is not public.
        let notPublic = try repo.pm(["export", "checkout"])
        #expect(notPublic.status == 2 && notPublic.stderr.hasPrefix("error: "), "\(notPublic)")
        // The site's: a folder that is not pm's.
        try repo.write("elsewhere/notes.txt", "mine\n")
        try repo.write(".gitignore", "elsewhere/\n")
        let site = try repo.pm(["site", "elsewhere"])
        #expect(site.status == 2 && site.stderr.contains("error: "), "\(site)")
        #expect(try repo.read("elsewhere/notes.txt") == "mine\n")
        // A configuration error.
        try repo.write(".pmconfig", "[pm]\n\ttimezone = Mars/Olympus\n")
        let configuration = try repo.pm(["list"])
        #expect(configuration.status == 2 && configuration.stderr.contains("error: .pmconfig:2: "), "\(configuration)")
    }

    @Test("a bare repository whose HEAD cannot be read refuses to check a push, instead of using the default rules")
    func brokenHeadIsAnError() throws {
        let repo = try CheckFixtures.repository()
        // The team turns the owner rule off; the built-in rules would refuse the pushed postmortem.
        try repo.write(".pmconfig", "[check]\n\taction-item-owner = off\n")
        try repo.commitAll("Configure pm")
        let server = repo.base + "/server.git"
        try repo.git(["clone", "-q", "--bare", repo.root, server])
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.commitAll("A postmortem whose items need no owner here")
        let pushed = try repo.git(["rev-parse", "HEAD"]).trimmed
        // The pushed objects, as git has them while pre-receive runs: in the repository, on no reference yet.
        try repo.git(["fetch", "-q", repo.root, "main"], in: server)
        let input = "\(String(repeating: "0", count: 40)) \(pushed) refs/heads/feature\n"
        let healthy = try repo.pm(["check", "--receive"], in: server, input: input)
        #expect(healthy.status == 0, "the team's rules are used: \(healthy)")
        #expect(healthy.stderr.contains("1 postmortem"), "the pushed postmortem was checked: \(healthy)")
        // main now names a commit the repository does not have.
        try repo.git(["update-ref", "--no-deref", "-d", "refs/heads/main"], in: server)
        try Data("\(String(repeating: "1", count: 40))\n".utf8).write(to: URL(fileURLWithPath: server + "/refs/heads/main"))
        let broken = try repo.pm(["check", "--receive"], in: server, input: input)
        #expect(broken.status == 2, "\(broken)")
        #expect(broken.stderr.contains("error: cannot read .pmconfig at HEAD"), "\(broken)")
        #expect(!broken.stdout.contains("action-item-owner"), "no check ran with the default rules: \(broken)")
    }

    @Test("pm new --no-commit names the author from git even when a commit would fail on the rest of the identity")
    func noCommitAuthor() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let result = try repo.pm(
            ["new", "Written offline", "--date", "2026-04-01", "--no-commit", "--no-edit"],
            environment: ["GIT_AUTHOR_NAME": "Dana", "GIT_AUTHOR_DATE": "not a date"])
        #expect(result.status == 0, "\(result)")
        #expect(try repo.read("postmortems/2026-04-01-written-offline.md").contains("authors: [Dana]"))
        // Kept out of pm's drafts: the next writer leaves it alone.
        #expect(try repo.pm(["new", "Next", "--date", "2026-04-02", "--no-edit"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: repo.root + "/postmortems/2026-04-01-written-offline.md"))
    }

    @Test("pm edit stopped (SIGTERM) with its editor open stops as the signal says, not with an error of its own")
    func stoppedEdit() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let editor = repo.base + "/stop.sh"
        try "#!/bin/sh\nkill -TERM $PPID\nsleep 2\n".write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        let result = try Shell.run(
            "/usr/bin/timeout", ["60", "/usr/bin/script", "-qec", "'\(PMBinary.path)' edit checkout", "/dev/null"],
            in: repo.root, environment: repo.environment.merging(["EDITOR": editor]) { $1 })
        #expect(result.status != 0 && result.status != 2, "\(result)")
        #expect(!result.stdout.contains("error:"), "\(result)")
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }
}
