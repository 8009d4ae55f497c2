import Foundation
import TestSupport
import Testing

/// The write path at its edges: a postmortem that is a symbolic link or was deleted from the working tree, the
/// `--json` of write commands, a repository another user owns.
@Suite("Write path edges")
struct WritePathEdgeTests {
    @Test("pm status refuses a postmortem that is a symbolic link, and changes nothing")
    func statusOnSymlink() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("docs/real.md", Fixtures.postmortem())
        try FileManager.default.createDirectory(atPath: repo.root + "/postmortems", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/postmortems/2026-11-20-linked.md", withDestinationPath: "../docs/real.md")
        try repo.commitAll("Linked postmortem")
        let result = try repo.pm(["status", "linked", "in-review"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("symbolic link") || result.stderr.contains("not a regular file"))
        #expect(try repo.read("docs/real.md") == Fixtures.postmortem())
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test("pm log finds a postmortem deleted from the working tree through HEAD")
    func logDeletedFromWorkingTree() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try FileManager.default.removeItem(atPath: repo.root + "/postmortems/2026-11-20-checkout.md")
        let result = try repo.pm(["log", "checkout", "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Add 2026-11-20-checkout"))
    }

    @Test("--json of write commands: id, path and commit (null when nothing was committed)")
    func writeJSON() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let new = try repo.pm(["new", "Disk full", "--date", "2026-02-02", "--no-edit", "--json"])
        let created = try #require(try JSONSerialization.jsonObject(with: Data(new.stdout.utf8)) as? [String: Any])
        #expect(created["id"] as? String == "2026-02-02-disk-full")
        #expect((created["commit"] as? String)?.count == 40)
        let edit = try repo.pm(["edit", "disk", "--json"])
        let edited = try #require(try JSONSerialization.jsonObject(with: Data(edit.stdout.utf8)) as? [String: Any])
        #expect(edited["commit"] is NSNull)
        let status = try repo.pm(["status", "disk", "draft", "--json"])
        let unchanged = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(unchanged["status"] as? String == "draft")
        #expect(unchanged["commit"] is NSNull)
    }

    @Test(
        "a repository owned by another user gets git's dubious-ownership message and safe.directory hint, not 'not a git repository'",
        .enabled(if: getuid() == 0, "needs root to give the repository to another user"))
    func otherOwner() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try FileManager.default.createDirectory(atPath: repo.root + "/postmortems", withIntermediateDirectories: true)
        let chown = try Shell.run("/bin/chown", ["-R", "65534:65534", repo.root], in: repo.base, environment: repo.environment)
        try #require(chown.status == 0, "\(chown)")
        let git = try repo.gitOutput(["status"], in: repo.root + "/postmortems")
        #expect(git.stderr.contains("detected dubious ownership in repository at '\(repo.root)'"), "\(git)")
        for directory in [repo.root, repo.root + "/postmortems"] {
            let result = try repo.pm(["list"], in: directory)
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("detected dubious ownership in repository at '\(repo.root)'"), "\(result)")
            #expect(result.stderr.contains("git config --global --add safe.directory \(repo.root)"), "\(result)")
            #expect(!result.stderr.contains("not a git repository"), "\(result)")
        }
        // Another safe.directory does not help (libgit2 answers differently then); this one does.
        try repo.git(["config", "--global", "--add", "safe.directory", repo.base + "/elsewhere"])
        #expect(try repo.pm(["list"]).stderr.contains("detected dubious ownership"))
        try repo.git(["config", "--global", "--add", "safe.directory", repo.root])
        let trusted = try repo.pm(["list"])
        #expect(trusted.status == 0, "\(trusted)")
    }
}
