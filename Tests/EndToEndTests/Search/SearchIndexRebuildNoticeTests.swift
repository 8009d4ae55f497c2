import Foundation
import TestSupport
import Testing

/// When appending cannot bring the search index up to date, pm builds it anew and says why, in one line.
@Suite("Search index rebuild notices")
struct SearchIndexRebuildNoticeTests {
    /// The notices of the next `pm index`, which must rebuild.
    func rebuildNotice(_ repo: TemporaryRepository) throws -> String {
        let result = try repo.pm(["index"])
        #expect(result.status == 0 && result.stdout.hasPrefix("Search index built"), "\(result)")
        return result.stderr
    }

    @Test("a rebuild says why in one line: amend, reset, a force-moved branch, a deleted branch, another folder")
    func rebuildSaysWhy() throws {
        let repo = try TemporaryRepository()
        try GeneratedHistory.fastImport(into: repo, postmortems: 6, commits: 12, seed: 19)
        #expect(try repo.pm(["index"]).status == 0)

        var head = try repo.git(["rev-parse", "--short=7", "HEAD"]).trimmed
        try repo.git(["commit", "-q", "--amend", "-m", "Amended"])
        #expect(
            try rebuildNotice(repo)
                == "note: history was rewritten (refs/heads/main no longer contains \(head)); rebuilding the search index\n")

        head = try repo.git(["rev-parse", "--short=7", "HEAD"]).trimmed
        try repo.git(["reset", "-q", "--hard", "HEAD~2"])
        #expect(
            try rebuildNotice(repo)
                == "note: history was rewritten (refs/heads/main no longer contains \(head)); rebuilding the search index\n")

        // A branch moved by force onto other history, as a force-push does.
        var random = SeededRandom(seed: 19)
        try repo.git(["checkout", "-q", "-b", "topic"])
        try repo.write("postmortems/2025-02-01-topic.md", GeneratedHistory.text(99, revision: 1, random: &random))
        try repo.commitAll("Topic work")
        try repo.git(["checkout", "-q", "main"])
        #expect(try repo.pm(["index"]).stderr.isEmpty)
        let topic = try repo.git(["rev-parse", "--short=7", "topic"]).trimmed
        try repo.git(["branch", "-q", "-f", "topic", "main~1"])
        #expect(
            try rebuildNotice(repo)
                == "note: history was rewritten (refs/heads/topic no longer contains \(topic)); rebuilding the search index\n")

        try repo.git(["checkout", "-q", "topic"])
        try repo.write("postmortems/2025-02-02-topic.md", GeneratedHistory.text(98, revision: 1, random: &random))
        try repo.commitAll("More topic work")
        try repo.git(["checkout", "-q", "main"])
        #expect(try repo.pm(["index"]).stderr.isEmpty)
        let deleted = try repo.git(["rev-parse", "--short=7", "topic"]).trimmed
        try repo.git(["branch", "-q", "-D", "topic"])
        #expect(
            try rebuildNotice(repo)
                == "note: refs/heads/topic was deleted, and \(deleted) is on no other branch; rebuilding the search index\n")

        try repo.git(["mv", "postmortems", "incidents"])
        try repo.write(".pmconfig", "[pm]\n\tdirectory = incidents\n")
        try repo.commitAll("Move the postmortems")
        #expect(
            try rebuildNotice(repo)
                == "note: pm.directory changed from 'postmortems' to 'incidents'; rebuilding the search index\n")
        #expect(try repo.pm(["index"]).stdout.hasPrefix("Search index up to date"))
    }

    @Test("a shallow clone deepened, then made complete: each rebuild says so")
    func shallowCloneRebuildsSayWhy() throws {
        let (server, _) = try ShallowCloneTests.server()
        let clone = try ShallowCloneTests.clone(server, ["--depth", "1"])
        #expect(try clone.pm(["index"]).status == 0)
        try clone.git(["fetch", "-q", "--deepen", "2"])
        let deepened = try clone.pm(["index"])
        #expect(deepened.stderr.contains("note: the shallow clone was deepened; rebuilding the search index\n"), "\(deepened)")
        try clone.git(["fetch", "-q", "--unshallow"])
        let complete = try clone.pm(["index"])
        #expect(
            complete.stderr.hasSuffix("note: the shallow clone was made complete; rebuilding the search index\n"), "\(complete)")
    }
}
