import Foundation
import Git
import TestSupport
import Testing

@testable import PostmortemKit

/// The store's write path, driven directly, with git as the witness.
@Suite("Postmortem store")
struct PostmortemStoreTests {
    private func repository() throws -> (TemporaryRepository, PostmortemStore) {
        let repo = try TemporaryRepository()
        try repo.write("postmortems/2026-01-01-a.md", "---\ntitle: A\n---\n")
        try repo.commitAll("Add a")
        // The store reads the identity from the repository's config (tests never touch the process environment).
        try repo.git(["config", "user.name", "Dana Reyes"])
        try repo.git(["config", "user.email", "dana@example.com"])
        return (repo, try PostmortemStore.open(at: repo.root))
    }

    @Test("a commit that changed the same file since pm read it is detected, never overwritten")
    func conflictingCommit() throws {
        let (repo, store) = try repository()
        let path = "postmortems/2026-01-01-a.md"
        let base = try store.headBlob(of: path)
        try repo.write(path, "---\ntitle: A, edited elsewhere\n---\n")
        try repo.commitAll("Someone else's edit")
        try repo.write(path, "---\ntitle: A, my edit\n---\n")
        #expect {
            try store.commit([FileCommit(path: path, content: .workingTree, base: .some(base))], message: "Update")
        } throws: { error in
            (error as? StoreError)?.kind == .conflict
        }
        #expect(try repo.git(["log", "-1", "--format=%s"]) == "Someone else's edit\n")
        #expect(try repo.read(path) == "---\ntitle: A, my edit\n---\n")
    }

    @Test("a file saved again after pm checked it is refused, not committed unseen, and stays as saved")
    func savedAfterCheck() throws {
        let (repo, store) = try repository()
        let path = "postmortems/2026-01-01-a.md"
        let checked = Array("---\ntitle: A, checked\n---\n".utf8)
        try repo.write(path, bytes: checked)
        try repo.write(path, "---\ntitle: A, saved after the check\n---\n")
        #expect {
            try store.commit([FileCommit(path: path, content: .checked(checked))], message: "Update")
        } throws: { error in
            (error as? StoreError)?.kind == .conflict
        }
        #expect(try repo.git(["rev-list", "--count", "HEAD"]) == "1\n")
        #expect(try repo.read(path) == "---\ntitle: A, saved after the check\n---\n")
        #expect(try repo.git(["status", "--porcelain"]) == " M \(path)\n")
        try repo.write(path, bytes: checked)
        let result = try store.commit([FileCommit(path: path, content: .checked(checked))], message: "Update")
        #expect(result != nil)
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    /// A document long enough for git's rename detection to see a renamed, lightly edited copy.
    private static let longDocument =
        "---\ntitle: A\n---\n\n## Summary\n" + (1...40).map { "Line \($0) of the summary.\n" }.joined()

    @Test("a removal beside a new file is one commit that git sees as a rename, with nothing else touched")
    func rename() throws {
        let (repo, store) = try repository()
        let old = "postmortems/2026-01-01-a.md"
        try repo.write(old, Self.longDocument)
        try repo.write("notes.txt", "mine\n")
        try repo.commitAll("A, long")
        try repo.write("notes.txt", "mine, edited\n")
        let new = "postmortems/2026-01-02-b.md"
        let result = try store.commit(
            [
                FileCommit(
                    path: new, content: .new(Array(Self.longDocument.replacingOccurrences(of: "title: A", with: "title: B").utf8))
                ),
                FileCommit(path: old, content: .removed),
            ],
            message: "Rename")
        #expect(result != nil)
        #expect(try repo.git(["diff", "-M", "--name-status", "HEAD~1", "HEAD"]).hasPrefix("R"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/" + old))
        #expect(try repo.git(["status", "--porcelain"]) == " M notes.txt\n")
        #expect(try repo.git(["log", "--follow", "--format=%s", "--", new]) == "Rename\nA, long\nAdd a\n")
    }

    @Test("a removal after a hand 'git mv' or 'git rm' commits what git staged, and nothing is refused")
    func removalAfterGitMove() throws {
        let (repo, store) = try repository()
        let old = "postmortems/2026-01-01-a.md"
        let new = "postmortems/2026-01-01-renamed.md"
        try repo.git(["mv", old, new])
        let result = try store.commit(
            [FileCommit(path: new, content: .workingTree), FileCommit(path: old, content: .removed)], message: "Move")
        #expect(result != nil)
        #expect(try repo.git(["status", "--porcelain"]) == "")
        #expect(try repo.git(["diff", "--name-status", "-M", "HEAD~1", "HEAD"]) == "R100\t\(old)\t\(new)\n")
    }

    @Test("a file to remove with changes of its own, in the working tree or staged, is refused and kept")
    func removalOfChangedFile() throws {
        let (repo, store) = try repository()
        let path = "postmortems/2026-01-01-a.md"
        try repo.write(path, "---\ntitle: A, my unsaved work\n---\n")
        #expect {
            try store.commit([FileCommit(path: path, content: .removed)], message: "Remove")
        } throws: { error in
            (error as? StoreError)?.kind == .refused
        }
        #expect(try repo.read(path) == "---\ntitle: A, my unsaved work\n---\n")
        try repo.git(["add", path])
        try repo.write(path, "---\ntitle: A\n---\n")
        #expect {
            try store.commit([FileCommit(path: path, content: .removed)], message: "Remove")
        } throws: { error in
            (error as? StoreError)?.kind == .refused
        }
        #expect(try repo.git(["rev-list", "--count", "HEAD"]) == "1\n")
        #expect(try repo.git(["status", "--porcelain"]) == "MM \(path)\n")
    }

    @Test("removing a path nobody has commits nothing and returns nil")
    func removalOfNothing() throws {
        let (repo, store) = try repository()
        #expect(try store.commit([FileCommit(path: "postmortems/none.md", content: .removed)], message: "Remove") == nil)
        #expect(try repo.git(["rev-list", "--count", "HEAD"]) == "1\n")
    }

    @Test("an unchanged file commits nothing and returns nil")
    func unchanged() throws {
        let (repo, store) = try repository()
        let result = try store.commit(
            [FileCommit(path: "postmortems/2026-01-01-a.md", content: .workingTree)], message: "Nothing")
        #expect(result == nil)
        #expect(try repo.git(["rev-list", "--count", "HEAD"]) == "1\n")
    }

    @Test("writing keeps the file's permissions and leaves no temporary file behind")
    func permissionsKept() throws {
        let (repo, store) = try repository()
        let path = "postmortems/2026-01-01-a.md"
        chmod(repo.root + "/" + path, 0o600)
        try store.writeWorkingTreeFile(path, bytes: Array("---\ntitle: B\n---\n".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: repo.root + "/" + path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.root + "/postmortems") == ["2026-01-01-a.md"])
    }

    @Test(
        "paths that leave the working tree, and symbolic links, are never written",
        arguments: [
            "../outside.md", "/etc/passwd", "postmortems/../../x.md", ".git/config", "postmortems/link.md",
        ])
    func refusedPaths(path: String) throws {
        let (repo, store) = try repository()
        try "outside\n".write(toFile: repo.base + "/target.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/postmortems/link.md", withDestinationPath: repo.base + "/target.md")
        #expect {
            try store.writeWorkingTreeFile(path, bytes: Array("x".utf8))
        } throws: { error in
            (error as? StoreError)?.kind == .refused
        }
        #expect(try String(contentsOfFile: repo.base + "/target.md", encoding: .utf8) == "outside\n")
    }

    @Test("a new id takes a suffix when the name exists in HEAD, the working tree or a sub-folder")
    func availablePath() throws {
        let (repo, store) = try repository()
        try repo.write("postmortems/2026/2026-01-01-b.md", "x")
        try repo.write("postmortems/2026-01-01-c.md", "x")
        #expect(try store.availablePath(forID: "2026-01-01-a") == ("2026-01-01-a-2", "postmortems/2026-01-01-a-2.md"))
        #expect(try store.availablePath(forID: "2026-01-01-b").id == "2026-01-01-b-2")
        #expect(try store.availablePath(forID: "2026-01-01-c").id == "2026-01-01-c-2")
        #expect(try store.availablePath(forID: "2026-01-01-d").id == "2026-01-01-d")
    }

    @Test("references: id, path, unique substring; ambiguity lists the candidates")
    func references() throws {
        let (repo, store) = try repository()
        try repo.write("postmortems/2026-01-02-api-down.md", "x")
        try repo.write("postmortems/2026-01-03-api-slow.md", "x")
        let files = try store.files()
        #expect(
            try store.resolve("2026-01-01-a", among: files, currentDirectory: repo.root).path == "postmortems/2026-01-01-a.md")
        #expect(
            try store.resolve("postmortems/2026-01-02-api-down.md", among: files, currentDirectory: repo.root).id
                == "2026-01-02-api-down")
        #expect(
            try store.resolve("2026-01-02-api-down.md", among: files, currentDirectory: repo.root + "/postmortems").id
                == "2026-01-02-api-down")
        #expect(try store.resolve("slow", among: files, currentDirectory: repo.root).id == "2026-01-03-api-slow")
        #expect {
            try store.resolve("api", among: files, currentDirectory: repo.root)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.message.contains("2026-01-02-api-down") && error.message.contains("2026-01-03-api-slow")
        }
        #expect {
            try store.resolve(String(repeating: "x", count: 200_000), among: files, currentDirectory: repo.root)
        } throws: { error in
            (error as? StoreError)?.kind == .notFound
        }
    }
}
