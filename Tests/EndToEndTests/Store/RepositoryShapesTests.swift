import Foundation
import TestSupport
import Testing

/// pm in the less common places: linked worktrees, bare repositories, terminals, symlinks, and what else a postmortem
/// folder holds.
@Suite("Repository shapes")
struct RepositoryShapesTests {
    @Test("pm new in a linked worktree commits to that worktree's branch")
    func worktree() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.git(["worktree", "add", "-q", "-b", "incident-notes", repo.base + "/wt"])
        let result = try repo.pm(["new", "Cache stampede", "--date", "2026-05-05", "--no-edit"], in: repo.base + "/wt")
        #expect(result.status == 0, "\(result)")
        #expect(
            try repo.git(["log", "-1", "--format=%s", "incident-notes"]).trimmed == "Add postmortem 2026-05-05-cache-stampede")
        #expect(try repo.git(["log", "-1", "--format=%s", "main"]).trimmed == "Initial commit")
        #expect(try repo.git(["status", "--porcelain"], in: repo.base + "/wt") == "")
    }

    @Test("a bare repository is readable (list, show, log) and write commands refuse clearly")
    func bare() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try repo.git(["clone", "-q", "--bare", repo.root, repo.base + "/server.git"])
        let bare = repo.base + "/server.git"
        let list = try repo.pm(["list", "--json"], in: bare)
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("2026-11-20-checkout"))
        #expect(try repo.pm(["show", "checkout", "--json"], in: bare).status == 0)
        #expect(try repo.pm(["log", "checkout", "--json"], in: bare).stdout.contains("Add 2026-11-20-checkout"))
        let new = try repo.pm(["new", "Nope", "--no-edit"], in: bare)
        #expect(new.status == 2)
        #expect(new.stderr.contains("bare"))
    }

    @Test("a file already in the working tree under the new id is never overwritten: the id takes a suffix")
    func untrackedCollision() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/2026-07-07-disk-full.md", "my own notes\n")
        let result = try repo.pm(["new", "Disk full", "--date", "2026-07-07", "--no-edit"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.trimmed == "2026-07-07-disk-full-2")
        #expect(try repo.read("postmortems/2026-07-07-disk-full.md") == "my own notes\n")
    }

    @Test("on a terminal pm opens $VISUAL before $EDITOR, then commits what was saved")
    func editorOnTerminal() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let editor = repo.base + "/editor.sh"
        // The editor changes the terminal's modes, as every full-screen editor does: that stops a process
        // outside the terminal's foreground group, so this also proves pm runs the editor in the foreground.
        try
            "#!/bin/sh\nstty -echo </dev/tty && stty echo </dev/tty || exit 3\nsed -i 's/^status: draft.*/status: draft/' \"$1\"\necho \"edited by $0\" > \"$1.seen\"\n"
            .write(toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        // `script` gives pm a pseudo-terminal for stdin and stdout, as a person's shell would.
        let command = "'\(PMBinary.path)' new 'Editor test' --date 2026-08-08"
        let result = try Shell.run(
            "/usr/bin/timeout", ["60", "/usr/bin/script", "-qec", command, "/dev/null"], in: repo.root,
            environment: repo.environment.merging(["VISUAL": editor, "EDITOR": "false"]) { $1 })
        #expect(result.status == 0, "\(result)")
        let path = "postmortems/2026-08-08-editor-test.md"
        #expect(FileManager.default.fileExists(atPath: repo.root + "/" + path + ".seen"))
        #expect(try repo.git(["show", "HEAD:\(path)"]).contains("status: draft\n"))

        let failing = try Shell.run(
            "/usr/bin/script", ["-qec", "'\(PMBinary.path)' edit editor-test", "/dev/null"], in: repo.root,
            environment: repo.environment.merging(["EDITOR": "false"]) { $1 })
        #expect(failing.status == 2)
        #expect(failing.stdout.contains("exited with status 1"))
    }

    @Test("a symlink in the postmortem folder that points outside the repository is not followed")
    func symlinkOutside() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try Fixtures.postmortem(title: "Secret").write(toFile: repo.base + "/outside.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/postmortems/2026-01-01-secret.md", withDestinationPath: repo.base + "/outside.md")
        let result = try repo.pm(["list", "--json"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("Secret"))
        #expect(result.stdout.contains("2026-11-20-checkout"))
    }

    @Test("a postmortem folder that is a file is a clear error")
    func folderIsFile() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems", "not a folder\n")
        let result = try repo.pm(["list"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is a file"))
    }

    @Test("folders and files starting with _ or . are set aside, not postmortems")
    func setAside() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/_drafts/2026-01-01-idea.md", Fixtures.postmortem())
        try repo.write("postmortems/.archive/2026-01-01-old.md", Fixtures.postmortem())
        try repo.write("postmortems/_notes.md", "notes\n")
        try repo.write("postmortems/2026-01-02-real.md", Fixtures.postmortem(date: "2026-01-02"))
        try repo.commitAll("Files")
        for arguments in [["list", "--json"], ["list", "--json", "--rev", "HEAD"]] {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(repo.pm(arguments).stdout.utf8)) as? [String: Any])
            let ids = try #require(object["postmortems"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(ids == ["2026-01-02-real"], "\(arguments)")
        }
    }
}
