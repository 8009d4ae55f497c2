import Foundation
import TestSupport
import Testing

/// pm in the less common places: linked worktrees, bare repositories, team templates, terminals, symlinks.
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

    @Test("a team template in .pm/template.md replaces the built-in one; pm new fills in every field")
    func teamTemplate() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            ".pm/template.md",
            "---\ntitle: \"{{title}}\"\ndate: {{date}}\nseverity: {{severity}}\nstatus: draft\nservices: {{services}}\ntags: {{tags}}\nauthors: {{authors}}\n---\n\n## Summary\nTeam template.\n"
                + Fixtures.requiredSections.replacingOccurrences(of: "\n## Summary\n", with: "")
        )
        let result = try repo.pm([
            "new", "Queue \"backlog\" grew", "--date", "2026-06-01", "--severity", "sev1", "--service", "queue, billing", "--tag",
            "capacity",
            "--no-edit",
        ])
        #expect(result.status == 0, "\(result)")
        let text = try repo.read("postmortems/2026-06-01-queue-backlog-grew.md")
        #expect(text.contains("Team template."))
        let show = try repo.pm(["show", "queue", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Queue \"backlog\" grew")
        #expect(object["severity"] as? String == "SEV1")
        #expect(object["services"] as? [String] == ["queue", "billing"])
        #expect(object["tags"] as? [String] == ["capacity"])
        #expect(object["authors"] as? [String] == ["Dana Reyes"])

        try repo.write(".pmconfig", "[pm]\n\ttemplate = docs/missing.md\n")
        let missing = try repo.pm(["new", "Other", "--no-edit"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("pm.template"))
    }

    @Test("the built-in template gives a draft that parses, with the author and today's date")
    func builtInTemplate() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let result = try repo.pm(["new", "Zürich café outage — Ærø", "--no-edit", "--json"])
        #expect(result.status == 0, "\(result)")
        let created = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let id = try #require(created["id"] as? String)
        #expect(id.hasSuffix("-zurich-cafe-outage-aero"))
        let show = try repo.pm(["show", id, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Zürich café outage — Ærø")
        #expect(object["status"] as? String == "draft")
        #expect(object["severity"] as? String == "SEV4")
        #expect((object["errors"] as? [Any])?.isEmpty == true)
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
}

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
