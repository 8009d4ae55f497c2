import Foundation
import TestSupport
import Testing

@testable import PostmortemKit

/// `pm hooks` and the hooks themselves, driven by the real `git` (commit, push) with the built pm on PATH.
/// The refused commits and pushes rely on the `action-item-owner` rule.
@Suite("Hooks")
struct HooksTests {
    private func isExecutable(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    @Test("the embedded hook scripts are the files in hooks/, and those are executable")
    func embeddedCopies() throws {
        for name in ["pre-commit", "pre-push", "pre-receive"] {
            let path = PMBinary.packageRoot + "/hooks/" + name
            let file = try String(contentsOfFile: path, encoding: .utf8)
            #expect(HookScripts.script(named: name).map { $0 + "\n" } == file, "hooks/\(name) and HookScripts differ")
            #expect(isExecutable(path))
            #expect(HookInstaller.isPM(file))
        }
    }

    @Test(".pre-commit-hooks.yaml offers pm-check")
    func preCommitFramework() throws {
        let text = try String(contentsOfFile: PMBinary.packageRoot + "/.pre-commit-hooks.yaml", encoding: .utf8)
        for line in ["- id: pm-check", "entry: pm check", "language: swift", "pass_filenames: true"] {
            #expect(text.contains(line))
        }
    }

    @Test("install, status and uninstall; a foreign hook is chained, still runs, and comes back")
    func installChainUninstall() throws {
        let repo = try CheckFixtures.repository()
        let hooks = repo.root + "/.git/hooks"
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        let foreign = "#!/bin/sh\necho foreign hook ran >&2\n"
        try repo.write(".git/hooks/pre-commit", foreign)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks + "/pre-commit")

        let before = try repo.pm(["hooks", "status"])
        #expect(before.stdout.contains("pre-commit  foreign"), "\(before)")
        #expect(before.stdout.contains("pre-push    missing"))
        let install = try repo.pm(["hooks", "install"])
        #expect(install.status == 0, "\(install)")
        #expect(try repo.read(".git/hooks/pre-commit.local") == foreign)
        #expect(isExecutable(hooks + "/pre-commit") && isExecutable(hooks + "/pre-push"))
        let after = try repo.pm(["hooks", "status"])
        #expect(after.stdout.contains("pre-commit  chained"), "\(after)")
        #expect(after.stdout.contains("pre-push    installed"))
        #expect(try repo.pm(["hooks", "install"]).stdout.contains("already installed"))

        try repo.write(CheckFixtures.path, CheckFixtures.published())
        try repo.git(["add", "-A"])
        let commit = try repo.gitOutput(["commit", "-m", "Add postmortem"])
        #expect(commit.status == 0, "\(commit)")
        #expect(commit.stderr.contains("foreign hook ran"))

        let uninstall = try repo.pm(["hooks", "uninstall"])
        #expect(uninstall.status == 0, "\(uninstall)")
        #expect(try repo.read(".git/hooks/pre-commit") == foreign)
        #expect(!FileManager.default.fileExists(atPath: hooks + "/pre-commit.local"))
        #expect(!FileManager.default.fileExists(atPath: hooks + "/pre-push"))
    }

    @Test("install refuses when both <hook> and <hook>.local exist, and --force keeps the hook aside")
    func refuseThenForce() throws {
        let repo = try CheckFixtures.repository()
        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n")
        try repo.write(".git/hooks/pre-commit.local", "#!/bin/sh\nexit 0\n")
        let refused = try repo.pm(["hooks", "install"])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("--force"))
        #expect(try repo.read(".git/hooks/pre-commit") == "#!/bin/sh\nexit 0\n")
        let forced = try repo.pm(["hooks", "install", "--force"])
        #expect(forced.status == 0, "\(forced)")
        #expect(try repo.read(".git/hooks/pre-commit.pm-backup") == "#!/bin/sh\nexit 0\n")
        #expect(HookInstaller.isPM(try repo.read(".git/hooks/pre-commit")))
    }

    @Test("core.hooksPath (relative to the working tree) is honoured")
    func hooksPath() throws {
        let repo = try CheckFixtures.repository()
        try repo.git(["config", "core.hooksPath", "githooks"])
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        #expect(isExecutable(repo.root + "/githooks/pre-commit"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/.git/hooks/pre-commit"))
    }

    @Test("pre-commit refuses a broken staged postmortem with path:line:col and the rule; --no-verify bypasses")
    func preCommit() throws {
        let repo = try CheckFixtures.repository()
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.git(["add", "-A"])
        let refused = try repo.gitOutput(["commit", "-m", "Add postmortem"])
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.stdout.contains(CheckFixtures.ownerFinding) || refused.stderr.contains(CheckFixtures.ownerFinding))
        #expect(refused.stderr.contains("--no-verify"))
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "1", "nothing was committed")

        // Fixed in the working tree only: the index is still broken, so still refused.
        try repo.write(CheckFixtures.path, CheckFixtures.published())
        #expect(try repo.gitOutput(["commit", "-m", "Add postmortem"]).status != 0)
        // Staged clean, broken again in the working tree: what is committed is clean, so it passes.
        try repo.git(["add", CheckFixtures.path])
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        let passed = try repo.gitOutput(["commit", "-m", "Add postmortem"])
        #expect(passed.status == 0, "\(passed)")
        #expect(try repo.git(["status", "--porcelain"]).contains(" M \(CheckFixtures.path)"))

        // `git commit -a` stages the broken file through a temporary index (GIT_INDEX_FILE): refused.
        let all = try repo.gitOutput(["commit", "-a", "-m", "Break it"])
        #expect(all.status != 0, "\(all)")
        let bypass = try repo.gitOutput(["commit", "-a", "--no-verify", "-m", "Break it anyway"])
        #expect(bypass.status == 0, "\(bypass)")
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "3")
        try repo.git(["fsck", "--no-progress"])
    }

    @Test("pre-commit without pm on PATH refuses and says how to install it")
    func preCommitWithoutPM() throws {
        let repo = try CheckFixtures.repository()
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        try repo.write("notes.txt", "x\n")
        try repo.git(["add", "notes.txt"])
        let result = try repo.gitOutput(["commit", "-m", "Notes"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("'pm' is not on PATH"))
        #expect(result.stderr.contains("git commit --no-verify"))
    }

    @Test("a real git push into a bare repository with pre-receive: broken rejected, fixed accepted, new branches")
    func preReceive() throws {
        let server = try CheckFixtures.repository(bare: true)
        let install = try server.pm(["hooks", "install"])
        #expect(install.status == 0, "\(install)")
        #expect(install.stdout.contains("pre-receive"))
        #expect(!install.stdout.contains("pre-commit"))
        #expect(isExecutable(server.root + "/hooks/pre-receive"))
        let repo = try CheckFixtures.repository()
        try repo.git(["remote", "add", "origin", server.root])
        try repo.git(["push", "-q", "origin", "main"])

        try Fixtures.commitPostmortem(repo, id: CheckFixtures.id, text: CheckFixtures.published(owner: false))
        let rejected = try repo.gitOutput(["push", "origin", "main"])
        #expect(rejected.status != 0, "\(rejected)")
        #expect(rejected.stderr.contains("pre-receive hook declined"))
        #expect(rejected.stderr.contains("[action-item-owner]"))
        #expect(try server.git(["rev-list", "--count", "main"]).trimmed == "1")

        // A new branch carrying the broken commit is rejected too (all-zero old id).
        let branch = try repo.gitOutput(["push", "origin", "main:refs/heads/feature"])
        #expect(branch.status != 0, "\(branch)")

        try repo.write(CheckFixtures.path, CheckFixtures.published())
        try repo.commitAll("Name an owner")
        let accepted = try repo.gitOutput(["push", "origin", "main"])
        #expect(accepted.status == 0, "\(accepted)")
        #expect(try server.git(["rev-parse", "main"]).trimmed == (try repo.git(["rev-parse", "main"]).trimmed))
        #expect(try repo.gitOutput(["push", "origin", "main:refs/heads/feature"]).status == 0)
        #expect(try repo.gitOutput(["push", "origin", ":refs/heads/feature"]).status == 0, "deletions are not checked")
        try server.git(["fsck", "--no-progress"])
    }

    @Test("pre-push checks the commits being pushed")
    func prePush() throws {
        let server = try CheckFixtures.repository(bare: true)
        let repo = try CheckFixtures.repository()
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        try repo.git(["remote", "add", "origin", server.root])
        try repo.git(["push", "-q", "origin", "main"])
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "--no-verify", "-m", "Broken"])
        let refused = try repo.gitOutput(["push", "origin", "main"])
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.stdout.contains(CheckFixtures.ownerFinding) || refused.stderr.contains(CheckFixtures.ownerFinding))
        let newBranch = try repo.gitOutput(["push", "origin", "main:refs/heads/topic"])
        #expect(newBranch.status != 0, "a new branch is checked too: \(newBranch)")
        #expect(try repo.gitOutput(["push", "--no-verify", "origin", "main"]).status == 0)
    }

    @Test("a foreign pre-receive hook is chained in a bare repository and still reads the pushed refs")
    func chainedPreReceive() throws {
        let server = try CheckFixtures.repository(bare: true)
        let log = server.base + "/foreign.log"
        try server.write("hooks/pre-receive", "#!/bin/sh\ncat > '\(log)'\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: server.root + "/hooks/pre-receive")
        #expect(try server.pm(["hooks", "install"]).status == 0)
        #expect(try server.pm(["hooks", "status"]).stdout.contains("pre-receive  chained"))
        let repo = try CheckFixtures.repository()
        try repo.write(CheckFixtures.path, CheckFixtures.published())
        try repo.commitAll("Add postmortem")
        let push = try repo.gitOutput(["push", server.root, "main"])
        #expect(push.status == 0, "\(push)")
        let received = try String(contentsOfFile: log, encoding: .utf8)
        #expect(received.hasSuffix(" refs/heads/main\n"), "the chained hook got git's input: \(received)")
    }
}
