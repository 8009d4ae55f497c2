import Foundation
import TestSupport
import Testing

@testable import Git

@Suite("Repository")
struct RepositoryTests {
    @Test("opens from a sub-folder, and reports the working tree and git folder")
    func opensFromSubfolder() throws {
        let repo = try TemporaryRepository()
        try repo.write("a/b/c/file.txt", "x\n")
        let opened = try Repository.discover(from: repo.root + "/a/b/c")
        let expected = URL(fileURLWithPath: repo.root).resolvingSymlinksInPath().path
        #expect(opened.workingDirectory.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } == expected)
        #expect(!opened.isBare)
        #expect(opened.gitDirectory.hasSuffix("/.git"))
    }

    @Test("a folder outside any repository is an error that says so, and nothing is created")
    func notARepository() throws {
        let repo = try TemporaryRepository(initialize: false)
        #expect {
            try Repository.discover(from: repo.root)
        } throws: { error in
            (error as? GitError)?.message.contains("not a git repository") == true
        }
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/.git"))
    }

    @Test("opens a bare repository and a linked worktree")
    func bareAndWorktree() throws {
        let repo = try TemporaryRepository()
        try repo.write("f.txt", "one\n")
        try repo.commitAll("first")
        try repo.git(["clone", "-q", "--bare", repo.root, repo.base + "/bare.git"])
        let bare = try Repository.discover(from: repo.base + "/bare.git")
        #expect(bare.isBare)
        #expect(bare.workingDirectory == nil)
        #expect(try bare.commit(revision: "HEAD").summary == "first")

        try repo.git(["worktree", "add", "-q", "-b", "side", repo.base + "/wt"])
        let worktree = try Repository.discover(from: repo.base + "/wt")
        #expect(worktree.gitDirectory.contains("/worktrees/"))
        #expect(worktree.commonDirectory.hasSuffix("/.git"))
        #expect(try worktree.head() == .branch(name: "refs/heads/side", commit: try repo.git(["rev-parse", "HEAD"]).trimmed.oid))
    }

    @Test("HEAD on an unborn branch, on a branch, and detached")
    func headStates() throws {
        let repo = try TemporaryRepository()
        let opened = try Repository.discover(from: repo.root)
        #expect(try opened.head() == .branch(name: "refs/heads/main", commit: nil))
        try repo.write("f.txt", "one\n")
        try repo.commitAll("first")
        let id = try repo.git(["rev-parse", "HEAD"]).trimmed.oid
        #expect(try opened.head() == .branch(name: "refs/heads/main", commit: id))
        try repo.git(["checkout", "-q", "--detach"])
        #expect(try opened.head() == .detached(try #require(id)))
    }

    @Test("reads commits, trees and blobs at HEAD~n, a tag and an abbreviated id")
    func readsRevisions() throws {
        let repo = try TemporaryRepository()
        for number in 1...4 {
            try repo.write("docs/file.txt", "version \(number)\n")
            try repo.commitAll("commit \(number)")
            if number == 2 { try repo.git(["tag", "-a", "v2", "-m", "tag two"]) }
        }
        let opened = try Repository.discover(from: repo.root)
        let third = try opened.commit(revision: "HEAD~1")
        #expect(third.summary == "commit 3")
        #expect(
            try opened.file(at: "docs/file.txt", in: third).map { String(decoding: $0.bytes, as: UTF8.self) } == "version 3\n")
        let tagged = try opened.commit(revision: "v2")
        #expect(tagged.summary == "commit 2")
        let short = String(try repo.git(["rev-parse", "HEAD~3"]).prefix(8))
        #expect(try opened.commit(revision: short).summary == "commit 1")
        #expect(try opened.file(at: "docs/missing.txt", in: third) == nil)
        #expect(try opened.tree(third.treeID).files().map(\.path) == ["docs/file.txt"])
        #expect {
            try opened.commit(revision: "no-such-branch")
        } throws: { error in
            (error as? GitError)?.message.contains("unknown revision 'no-such-branch'") == true
        }
    }

    @Test("a non-UTF-8 commit message is decoded leniently")
    func nonUTF8Message() throws {
        let repo = try TemporaryRepository()
        try repo.write("f.txt", "x\n")
        try repo.git(["add", "f.txt"])
        try repo.write("msg", bytes: [0x4f, 0x6b, 0xff, 0xfe, 0x0a])
        try repo.git(["-c", "i18n.commitEncoding=latin1", "commit", "-q", "-F", "msg"])
        let opened = try Repository.discover(from: repo.root)
        #expect(try opened.commit(revision: "HEAD").summary.hasPrefix("Ok"))
    }

    @Test("writes a blob, a nested tree and a commit that git reads back, and fsck is clean")
    func writesObjects() throws {
        let repo = try TemporaryRepository()
        let opened = try Repository.discover(from: repo.root)
        let blob = try opened.writeBlob(Array("hello\n".utf8))
        let tree = try opened.writeTree(base: nil, applying: [.upsert(path: "a/b/hello.txt", blob: blob, mode: .blob)])
        let author = Signature(
            name: "Lee", email: "lee@example.com", date: Date(timeIntervalSince1970: 1_700_000_000), timeZoneOffsetMinutes: 120)
        let commit = try opened.writeCommit(tree: tree, parents: [], author: author, committer: author, message: "Add hello\n")
        try opened.updateReference("refs/heads/main", to: commit, expecting: nil, message: "commit (initial): Add hello")
        #expect(try repo.git(["show", "HEAD:a/b/hello.txt"]) == "hello\n")
        #expect(
            try repo.git(["log", "-1", "--format=%an <%ae> %ad %s", "--date=iso"])
                == "Lee <lee@example.com> 2023-11-15 00:13:20 +0200 Add hello\n")
        #expect(try repo.gitOutput(["fsck", "--strict"]).status == 0)

        let second = try opened.writeTree(
            base: tree, applying: [.upsert(path: "a/c.txt", blob: blob, mode: .blob), .remove(path: "a/b/hello.txt")])
        #expect(try opened.tree(second).files().map(\.path) == ["a/c.txt"])
    }

    @Test("compare-and-swap: a reference moves only from the expected commit")
    func compareAndSwap() throws {
        let repo = try TemporaryRepository()
        try repo.write("f.txt", "1\n")
        try repo.commitAll("one")
        try repo.write("f.txt", "2\n")
        try repo.commitAll("two")
        let opened = try Repository.discover(from: repo.root)
        let one = try opened.commit(revision: "HEAD~1").id
        let two = try opened.commit(revision: "HEAD").id
        #expect {
            try opened.updateReference("refs/heads/main", to: one, expecting: one, message: "stale")
        } throws: { error in
            (error as? GitError)?.isConcurrentModification == true
        }
        #expect(try opened.referenceTarget("refs/heads/main") == two)
        try opened.updateReference("refs/heads/main", to: one, expecting: two, message: "reset")
        #expect(try opened.referenceTarget("refs/heads/main") == one)
        #expect {
            try opened.updateReference("refs/heads/main", to: two, expecting: nil, message: "create")
        } throws: { error in
            (error as? GitError)?.isConcurrentModification == true
        }
    }

    @Test("lists branches with their commits")
    func references() throws {
        let repo = try TemporaryRepository()
        try repo.write("f.txt", "1\n")
        try repo.commitAll("one")
        try repo.git(["branch", "feature"])
        let opened = try Repository.discover(from: repo.root)
        #expect(try opened.references(matching: "refs/heads/*").map(\.name) == ["refs/heads/feature", "refs/heads/main"])
    }

    @Test("the index: entries, staging from the working tree, writing")
    func index() throws {
        let repo = try TemporaryRepository()
        try repo.write("a.txt", "a\n")
        try repo.git(["add", "a.txt"])
        let opened = try Repository.discover(from: repo.root)
        let index = try opened.index()
        #expect(index.entries.map(\.path) == ["a.txt"])
        try repo.write("b.txt", "b\n")
        try index.addFromWorkingTree("b.txt")
        try index.write()
        #expect(try repo.git(["diff", "--cached", "--name-only"]) == "a.txt\nb.txt\n")
        #expect(try opened.hashWorkingTreeFile("b.txt") == index.entry(atPath: "b.txt")?.id)
    }

    @Test("configuration: identity from git config, then overridden by GIT_AUTHOR_* variables")
    func identity() throws {
        let repo = try TemporaryRepository()
        try repo.git(["config", "user.name", "Config Name"])
        try repo.git(["config", "user.email", "config@example.com"])
        let opened = try Repository.discover(from: repo.root)
        let fromConfig = try opened.signature(for: .author, environment: [:])
        #expect(fromConfig.name == "Config Name")
        #expect(fromConfig.email == "config@example.com")
        let fromEnvironment = try opened.signature(
            for: .committer,
            environment: [
                "GIT_COMMITTER_NAME": "Env", "GIT_COMMITTER_EMAIL": "env@example.com", "GIT_COMMITTER_DATE": "@1700000000 -0130",
            ])
        #expect(fromEnvironment.name == "Env")
        #expect(fromEnvironment.date == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(fromEnvironment.timeZoneOffsetMinutes == -90)
    }

    @Test("without any identity, the error says how to set one, like git")
    func missingIdentity() throws {
        let repo = try TemporaryRepository()
        let opened = try Repository.discover(from: repo.root)
        let config = try opened.configuration()
        if try config.string("user.name") != nil { return }  // a global identity on this machine; nothing to test
        #expect {
            try opened.signature(for: .author, environment: [:])
        } throws: { error in
            (error as? GitError)?.message.contains("Please tell me who you are") == true
        }
    }

    @Test("git dates: epoch, ISO 8601 and RFC 2822 forms")
    func gitDates() {
        #expect(Signature.parseGitDate("@1700000000 +0200")?.offsetMinutes == 120)
        #expect(Signature.parseGitDate("1700000000 -0500")?.date == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(Signature.parseGitDate("2026-11-20T14:02:00Z")?.date == Date(timeIntervalSince1970: 1_795_183_320))
        #expect(Signature.parseGitDate("2026-11-20T16:02:00+02:00")?.offsetMinutes == 120)
        #expect(Signature.parseGitDate("Fri, 20 Nov 2026 14:02:00 +0000")?.date == Date(timeIntervalSince1970: 1_795_183_320))
        #expect(Signature.parseGitDate("yesterday") == nil)
    }

    @Test("hostile dates and offsets are refused, never trap")
    func hostileDates() throws {
        #expect(Signature.parseGitDate("@9223372036854775807") == nil)
        #expect(Signature.parseGitDate("@-9223372036854775808 +0000") == nil)
        #expect(Signature.parseGitDate("1700000000 +-123") == nil)
        #expect(Signature.parseGitDate("1700000000 +0260") == nil)
        let repo = try TemporaryRepository()
        let opened = try Repository.discover(from: repo.root)
        let environment = ["GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@x", "GIT_AUTHOR_DATE": "@99999999999999"]
        #expect {
            try opened.signature(for: .author, environment: environment)
        } throws: { error in
            (error as? GitError)?.message.contains("invalid date format in GIT_AUTHOR_DATE") == true
        }
        let huge = Signature(name: "A", email: "a@x", date: Date(timeIntervalSince1970: 1e300), timeZoneOffsetMinutes: 0)
        #expect(throws: GitError.self) { try huge.withRaw { _ in () } }
        let offset = Signature(name: "A", email: "a@x", date: Date(), timeZoneOffsetMinutes: Int.max)
        #expect(throws: GitError.self) { try offset.withRaw { _ in () } }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var oid: OID? { OID(hex: trimmed) }
}
