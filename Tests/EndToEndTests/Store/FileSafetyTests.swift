import Foundation
import TestSupport
import Testing

@testable import PostmortemKit

#if canImport(Glibc)
    import Glibc
#endif

/// What pm writes stays where it belongs: no write through a symbolic link planted in the working tree or the git
/// folder, no folder made outside the repository, no hang on a FIFO where the index should be. And what it reads
/// stays inside the repository: a template or .pmconfig that links outside is refused.
@Suite("FileSafety")
struct FileSafetyTests {
    private func outsideFolder(_ repo: TemporaryRepository) throws -> String {
        let folder = repo.base + "/outside"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    private func contents(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test("a symbolic link planted under the temporary name of an atomic write is replaced, not written through")
    func temporaryNameLink() throws {
        let repo = try TemporaryRepository()
        let victim = try outsideFolder(repo) + "/victim"
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: victim))
        let temporary = repo.root + "/.x.md.pm-1.tmp"
        #expect(symlink(victim, temporary) == 0)
        try AtomicFile.replace(
            repo.root + "/x.md", with: [Array("new\n".utf8)], temporary: temporary, mode: 0o644, displayPath: "x.md")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
        #expect(try repo.read("x.md") == "new\n")
        #expect(!FileManager.default.fileExists(atPath: temporary))
    }

    @Test("a linked .git/pm folder is neither read nor written: the search index is built in memory")
    func linkedPMFolder() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let outside = try outsideFolder(repo)
        #expect(symlink(outside, repo.root + "/.git/pm") == 0)
        let result = try repo.pm(["search", "connection", "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("2026-11-20-checkout"))
        #expect(result.stderr.contains("built in memory"), "\(result)")
        #expect(contents(outside).isEmpty, "nothing was written through the link: \(contents(outside))")
        // A write (a commit through pm) refuses rather than locking through the link.
        let edit = try repo.pm(["status", "checkout", "in-review"])
        #expect(edit.status != 0, "\(edit)")
        #expect(edit.stderr.contains("symbolic link"), "\(edit)")
        #expect(contents(outside).isEmpty)
    }

    @Test("a symbolic link, a FIFO or a folder where the index file goes is rebuilt over, never followed or waited on")
    func indexFileNotARegularFile() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        #expect(try repo.pm(["index"]).status == 0)
        let path = repo.root + "/.git/pm/search-index"
        let original = try #require(FileManager.default.contents(atPath: path))
        let outside = try outsideFolder(repo)
        let linked = outside + "/other-index"
        try original.write(to: URL(fileURLWithPath: linked))
        let lock = outside + "/lock"
        for shape in ["link to an index", "link to nothing", "FIFO"] {
            try? FileManager.default.removeItem(atPath: path)
            switch shape {
            case "link to an index": #expect(symlink(linked, path) == 0)
            case "link to nothing": #expect(symlink(outside + "/missing", path) == 0)
            default: #expect(mkfifo(path, 0o644) == 0)
            }
            // A new commit, so that the search must update (append to) the index.
            try repo.write("README.md", "# Service \(shape)\n")
            try repo.commitAll("Touch the README")
            let result = try repo.pm(["search", "connection", "--json"])
            #expect(result.status == 0, "\(shape): \(result)")
            #expect(result.stdout.contains("2026-11-20-checkout"), "\(shape)")
            #expect(result.stderr.contains("rebuilding it"), "\(shape): \(result)")
            var status = stat()
            #expect(lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG, "\(shape): now a file of its own")
            #expect(try Data(contentsOf: URL(fileURLWithPath: linked)) == original, "\(shape): the link's target is untouched")
            #expect(!FileManager.default.fileExists(atPath: outside + "/missing"), "\(shape)")
        }
        // The lock file, linked out of the folder, is not created through the link.
        try? FileManager.default.removeItem(atPath: path + ".lock")
        #expect(symlink(lock, path + ".lock") == 0)
        _ = try repo.pm(["index", "--rebuild"])
        #expect(!FileManager.default.fileExists(atPath: lock))
    }

    @Test("pm new into a configured folder below a link that leads outside makes no folder there")
    func noFolderOutside() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let outside = try outsideFolder(repo)
        #expect(symlink(outside, repo.root + "/docs") == 0)
        try repo.write(".pmconfig", "[pm]\n\tdirectory = docs/incidents/2026\n")
        try repo.commitAll("Configure pm")
        let result = try repo.pm(["new", "Checkout failed", "--no-edit", "--date", "2026-11-20"])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("outside the repository"), "\(result)")
        #expect(contents(outside).isEmpty, "no folder was made outside: \(contents(outside))")
    }

    @Test("an editor that replaces the postmortem with a symbolic link gets nothing committed")
    func editorReplacesFileWithLink() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try Fixtures.postmortem(title: "Outside").write(toFile: repo.base + "/outside.md", atomically: true, encoding: .utf8)
        let editor = repo.base + "/linker.sh"
        try "#!/bin/sh\nrm \"$1\" && ln -s '\(repo.base)/outside.md' \"$1\"\n".write(
            toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let result = try Shell.run(
            "/usr/bin/timeout", ["60", "/usr/bin/script", "-qec", "'\(PMBinary.path)' edit checkout", "/dev/null"], in: repo.root,
            environment: repo.environment.merging(["EDITOR": editor]) { $1 })
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.contains("symbolic link"))
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add 2026-11-20-checkout")
    }

    @Test("a template or .pmconfig that links outside the repository is refused")
    func linksOutside() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try "secret: yes\n".write(toFile: repo.base + "/secret.md", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: repo.root + "/.pm", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/.pm/template.md", withDestinationPath: repo.base + "/secret.md")
        let template = try repo.pm(["new", "Linked template", "--no-edit"])
        #expect(template.status == 2)
        #expect(template.stderr.contains("outside the repository"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems"))

        try "[pm]\n\tdirectory = elsewhere\n".write(toFile: repo.base + "/outside.pmconfig", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/.pmconfig", withDestinationPath: repo.base + "/outside.pmconfig")
        let config = try repo.pm(["list"])
        #expect(config.status == 2)
        #expect(config.stderr.contains(".pmconfig: is a symbolic link that leads outside the repository"))
    }
}
