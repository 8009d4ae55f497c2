import Foundation
import TestSupport
import Testing

@testable import Git

@Suite("File history")
struct FileHistoryTests {
    @Test("follows a file across a rename, newest first, like git log --follow")
    func followsRenames() throws {
        let repo = try TemporaryRepository()
        let body = (1...30).map { "line \($0) of a reasonably long postmortem body" }.joined(separator: "\n") + "\n"
        try repo.write("pm/old-name.md", body)
        try repo.commitAll("Add")
        try repo.write("pm/old-name.md", body + "one more line\n")
        try repo.commitAll("Edit")
        try repo.write("unrelated.txt", "x\n")
        try repo.commitAll("Unrelated")
        try repo.git(["mv", "pm/old-name.md", "pm/new-name.md"])
        try repo.git(["commit", "-q", "-m", "Rename"])
        try repo.write("pm/new-name.md", body + "one more line\nand another\n")
        try repo.commitAll("Edit again")

        let opened = try Repository.discover(from: repo.root)
        let head = try #require(try opened.head().commit)
        let history = try opened.history(ofPath: "pm/new-name.md", from: head)
        #expect(history.map(\.commit.summary) == ["Edit again", "Rename", "Edit", "Add"])
        #expect(history.map(\.change) == [.modified, .renamed(from: "pm/old-name.md"), .modified, .added])
        #expect(history.map(\.path) == ["pm/new-name.md", "pm/new-name.md", "pm/old-name.md", "pm/old-name.md"])
        let gitLog = try repo.git(["log", "--follow", "--format=%s", "--", "pm/new-name.md"])
        #expect(gitLog.split(separator: "\n").map(String.init) == history.map(\.commit.summary))

        let limited = try opened.history(ofPath: "pm/new-name.md", from: head, limit: 2)
        #expect(limited.map(\.commit.summary) == ["Edit again", "Rename"])
        #expect(try opened.history(ofPath: "pm/new-name.md", from: head, limit: 0).isEmpty)

        let stats = try opened.lineChanges(from: history[0].previousBlob, to: history[0].blob)
        #expect(stats.added == 1)
        #expect(stats.removed == 0)
    }

    @Test("a deleted file's history ends with the deletion")
    func deletion() throws {
        let repo = try TemporaryRepository()
        try repo.write("a.md", "a\n")
        try repo.commitAll("Add")
        try repo.git(["rm", "-q", "a.md"])
        try repo.git(["commit", "-q", "-m", "Delete"])
        let opened = try Repository.discover(from: repo.root)
        let history = try opened.history(ofPath: "a.md", from: try #require(try opened.head().commit))
        #expect(history.map(\.change) == [.deleted, .added])
    }

    @Test("a revision walk honours hidden commits (A..B)")
    func walkRange() throws {
        let repo = try TemporaryRepository()
        for number in 1...5 {
            try repo.write("f.txt", "\(number)\n")
            try repo.commitAll("c\(number)")
        }
        let opened = try Repository.discover(from: repo.root)
        let walk = try RevWalk(
            repository: opened, starts: [try opened.commit(revision: "HEAD").id],
            hiding: [try opened.commit(revision: "HEAD~2").id])
        #expect(try Array(walk).map { try opened.commit($0).summary } == ["c5", "c4"])
    }
}
