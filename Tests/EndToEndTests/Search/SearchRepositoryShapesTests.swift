import Foundation
import TestSupport
import Testing

/// `pm search` over histories with branches, merges, a detached HEAD, odd folder names and damaged or half-written
/// index files, through the built binary.
@Suite("Search: repository shapes")
struct SearchRepositoryShapesTests {
    func hits(_ result: ProcessOutput) throws -> [[String: Any]] {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        return try #require(object["hits"] as? [[String: Any]])
    }

    func ids(_ repo: TemporaryRepository, _ arguments: String...) throws -> [String] {
        let result = try repo.pm(["search"] + arguments + ["--json"])
        #expect([0, 1].contains(result.status), "\(result)")
        return result.status == 0 ? try hits(result).compactMap { $0["id"] as? String }.sorted() : []
    }

    func segments(_ repo: TemporaryRepository) throws -> Int? {
        let result = try repo.pm(["index", "--stats", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return object?["segments"] as? Int
    }

    @Test("a postmortem only on another branch is found with --history; once the branch is deleted, it is gone")
    func otherBranch() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try repo.git(["checkout", "-q", "-b", "draft-quokka"])
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-22-quokka", text: Fixtures.postmortem(title: "Quokka queue stalled", date: "2026-11-22"))
        try repo.git(["checkout", "-q", "main"])
        #expect(try ids(repo, "quokka") == [])
        #expect(try ids(repo, "--history", "quokka") == ["2026-11-22-quokka"])
        let text = try repo.pm(["search", "--history", "quokka"])
        #expect(text.stdout.contains("(not on this branch)"), "\(text)")
        #expect(!text.stdout.contains("(deleted)"))
        try repo.git(["branch", "-q", "-D", "draft-quokka"])
        #expect(try ids(repo, "--history", "quokka") == [], "the dropped branch's commits are no longer indexed")
    }

    @Test("a merge that keeps the branch's version records when main's version was removed")
    func mergeKeepsTheBranchVersion() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try repo.git(["checkout", "-q", "-b", "rewrite"])
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-checkout", text: Fixtures.postmortem(extraSummary: " Branch wording."))
        try repo.git(["checkout", "-q", "main"])
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-checkout", text: Fixtures.postmortem(extraSummary: " Mainline wording."))
        let merge = try repo.gitOutput(["merge", "-q", "--no-edit", "rewrite"])
        #expect(merge.status != 0, "the two edits conflict")
        try repo.git(["checkout", "-q", "--theirs", "postmortems/2026-11-20-checkout.md"])
        try repo.git(["commit", "-q", "-a", "--no-edit"])
        let result = try repo.pm(["search", "--history", "mainline wording", "--json"])
        let revision = try #require((try hits(result).first?["revisions"] as? [[String: Any]])?.first, "\(result)")
        let removed = try #require((revision["removed"] as? [[String: Any]])?.first)
        #expect(removed["commit"] as? String == (try repo.git(["rev-parse", "HEAD"]).trimmed))
        #expect(try ids(repo, "branch wording") == ["2026-11-20-checkout"])
        #expect(try ids(repo, "mainline wording") == [])
    }

    @Test("on a detached HEAD, the postmortems of that commit are the current ones")
    func detachedHead() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-21-quokka", text: Fixtures.postmortem(title: "Quokka queue stalled", date: "2026-11-21"))
        #expect(try ids(repo, "quokka") == ["2026-11-21-quokka"])
        try repo.git(["checkout", "-q", "--detach", "HEAD~1"])
        #expect(try ids(repo, "quokka") == [])
        #expect(try ids(repo, "--history", "quokka") == ["2026-11-21-quokka"])
    }

    @Test("a file named like the folder (postmortems.md beside postmortems/) does not hide the folder")
    func fileBesideTheFolder() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems.md", "# Postmortems\n\nSee the folder.\n")
        try repo.write("postmortems/2026/2026-11-20-checkout.md", Fixtures.postmortem())
        try repo.commitAll("Add a postmortem in a year folder")
        #expect(try ids(repo, "connection") == ["2026-11-20-checkout"])
    }

    @Test("damage in the postings, found by pm index --check, is rebuilt and the search still answers")
    func damagedPostings() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        #expect(try repo.pm(["index"]).status == 0)
        let path = repo.root + "/.git/pm/search-index"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        // The section table follows the 16-byte file header and the 24-byte segment header: 32 bytes a section.
        func u64(_ offset: Int) -> Int { (0..<8).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) } }
        let postings = try #require(
            (0..<8).map { 16 + 24 + $0 * 32 }.first { bytes[$0] == 7 }, "the postings section is kind 7")
        let start = 16 + u64(postings + 8)
        let length = u64(postings + 16)
        #expect(length > 0)
        bytes[start + length / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let checked = try repo.pm(["index", "--check"])
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stderr.contains("search index is damaged"), "\(checked)")
        #expect(checked.stderr.contains("rebuilding it"), "\(checked)")
        #expect(try ids(repo, "connection") == ["2026-11-20-checkout"])
        #expect(try repo.pm(["index", "--check"]).stderr.isEmpty, "the rebuilt index checks out")
    }

    @Test("a segment a crashed writer left half-written is replaced by the next update, and the index stays valid")
    func tornTail() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        #expect(try repo.pm(["index"]).status == 0)
        let path = repo.root + "/.git/pm/search-index"
        let whole = try #require(FileManager.default.contents(atPath: path))
        // The start of a segment, cut short: what a writer killed in the middle of an append leaves.
        try (whole + whole.dropFirst(16).prefix(200)).write(to: URL(fileURLWithPath: path))
        let current = try repo.pm(["search", "connection"])
        #expect(current.status == 0, "\(current)")
        #expect(current.stderr.isEmpty, "a torn tail is not damage: \(current)")
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-21-quokka", text: Fixtures.postmortem(title: "Quokka queue stalled", date: "2026-11-21"))
        #expect(try ids(repo, "quokka") == ["2026-11-21-quokka"])
        #expect(try segments(repo) == 2)
        let checked = try repo.pm(["index"])
        #expect(checked.stderr.isEmpty, "\(checked)")
        #expect(checked.stdout.contains("up to date"), "\(checked)")
    }

    @Test("section headings are not text: section:\"root cause\" cause matches only a root cause that says it")
    func headingsAreNotText() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-21-quokka",
            text: Fixtures.postmortem(title: "Quokka queue stalled", date: "2026-11-21").replacingOccurrences(
                of: "The connection pool cached", with: "The cause: the connection pool cached"))
        #expect(try ids(repo, "section:\"root cause\" cause") == ["2026-11-21-quokka"])
        #expect(try ids(repo, "impact") == [])
    }
}
