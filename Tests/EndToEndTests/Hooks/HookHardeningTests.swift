import Foundation
import TestSupport
import Testing

@testable import PostmortemKit

/// The hooks against hostile input, driven by the real `git`: a PATH with relative entries next to a `pm` the
/// repository holds, file and branch names with spaces, quotes, `$( )`, leading dashes and line breaks, refs the
/// user typed with spaces, and a `core.hooksPath` with spaces. Nothing of it may run, and the checks still hold.
@Suite("HookHardening")
struct HookHardeningTests {
    /// An executable `pm` that only leaves a trace: if a hook runs it, the repository chose the binary.
    private func plantFakePM(in folder: String, trace: String) throws {
        let path = folder + "/pm"
        try Data("#!/bin/sh\necho planted > '\(trace)'\nexit 0\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    @Test("pre-commit never runs a 'pm' from the repository when PATH has '.' or an empty entry")
    func relativePathEntries() throws {
        let repo = try CheckFixtures.repository()
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        let trace = repo.base + "/planted.trace"
        try plantFakePM(in: repo.root, trace: trace)
        try FileManager.default.createDirectory(atPath: repo.root + "/bin", withIntermediateDirectories: true)
        try plantFakePM(in: repo.root + "/bin", trace: trace)
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.git(["add", CheckFixtures.path])
        for path in [".:" + CheckFixtures.pathWithPM, ":" + CheckFixtures.pathWithPM, "bin:" + CheckFixtures.pathWithPM] {
            let refused = try repo.gitOutput(["commit", "-m", "Add postmortem"], environment: ["PATH": path])
            #expect(refused.status != 0, "the real pm ran and refused the broken postmortem: \(refused)")
            #expect((refused.stdout + refused.stderr).contains(CheckFixtures.ownerFinding), "\(refused)")
            #expect(!FileManager.default.fileExists(atPath: trace), "PATH=\(path) ran the repository's pm")
        }
        // With only relative entries around the system folders, pm is not found: refused, with the reason.
        let missing = try repo.gitOutput(["commit", "-m", "Add postmortem"], environment: ["PATH": ".:/usr/bin:/bin"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("'pm' is not on PATH (only its absolute folders count)"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: trace))
    }

    @Test("pre-receive in a bare repository ignores a 'pm' in the git folder when PATH has '.'")
    func relativePathInBareRepository() throws {
        let server = try CheckFixtures.repository(bare: true)
        #expect(try server.pm(["hooks", "install"]).status == 0)
        let trace = server.base + "/planted.trace"
        try plantFakePM(in: server.root, trace: trace)
        server.extraEnvironment["PATH"] = ".:" + CheckFixtures.pathWithPM
        let repo = try CheckFixtures.repository()
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.commitAll("Add postmortem")
        let rejected = try repo.gitOutput(
            ["push", server.root, "main"], environment: ["PATH": ".:" + CheckFixtures.pathWithPM]
        )
        #expect(rejected.status != 0, "\(rejected)")
        #expect(rejected.stderr.contains("[action-item-owner]"), "\(rejected)")
        #expect(!FileManager.default.fileExists(atPath: trace), "the hook ran the git folder's pm")
    }

    /// Names git accepts that a careless shell script would run, split or read as an option.
    static let hostileNames = [
        "-rf *", "$(touch pwned-1)", "`touch pwned-2`", "it's \"quoted\"", "a;touch pwned-3", "line\nbreak", "[ab]?",
    ]

    @Test("pre-commit with hostile file names: each is checked, none is run, and nothing is created")
    func hostileFileNames() throws {
        let repo = try CheckFixtures.repository()
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        // Files outside the postmortem folder pass through untouched.
        for (number, name) in Self.hostileNames.enumerated() { try repo.write("notes/\(number) \(name).txt", "x\n") }
        try repo.git(["add", "--", "notes"])
        let notes = try repo.gitOutput(["commit", "-m", "Notes with odd names"])
        #expect(notes.status == 0, "\(notes)")
        // A broken postmortem under each name is refused, the name shown on one line.
        for name in Self.hostileNames {
            let path = "postmortems/\(name).md"
            try repo.write(path, CheckFixtures.published(owner: false))
            try repo.git(["add", "--", path])
            let refused = try repo.gitOutput(["commit", "-m", "Add postmortem"])
            #expect(refused.status != 0, "\(name): \(refused)")
            let printed = refused.stdout + refused.stderr
            #expect(printed.contains("[action-item-owner]"), "\(name): \(refused)")
            #expect(!printed.contains("line\nbreak.md:"), "a file name must not break a finding across lines")
            try repo.git(["rm", "-q", "--cached", "--", path])
            try FileManager.default.removeItem(atPath: repo.root + "/" + path)
        }
        for trace in ["pwned-1", "pwned-2", "pwned-3"] {
            #expect(!FileManager.default.fileExists(atPath: repo.root + "/" + trace))
            #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems/" + trace))
        }
        try repo.git(["fsck", "--no-progress"])
    }

    /// Branch names git accepts that hold shell syntax or look like options.
    static let hostileBranches = ["-n", "$(id>pwned-1)", "`id>pwned-2`", "a;id>pwned-3", "it's\"q\"", "x|id>pwned-4", "--all"]

    @Test("pre-receive with hostile branch names: broken pushes refused with the name printed as is, clean ones accepted")
    func hostileBranchNames() throws {
        let server = try CheckFixtures.repository(bare: true)
        #expect(try server.pm(["hooks", "install"]).status == 0)
        let repo = try CheckFixtures.repository()
        try repo.git(["remote", "add", "origin", server.root])
        try repo.git(["push", "-q", "origin", "main"])
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.commitAll("Broken")
        for branch in Self.hostileBranches {
            let rejected = try repo.gitOutput(["push", "--no-verify", "origin", "HEAD:refs/heads/\(branch)"])
            #expect(rejected.status != 0, "\(branch): \(rejected)")
            #expect(rejected.stderr.contains("pm: refusing refs/heads/\(branch): "), "\(branch): \(rejected)")
        }
        try repo.write(CheckFixtures.path, CheckFixtures.published())
        try repo.commitAll("Name an owner")
        for branch in Self.hostileBranches {
            let accepted = try repo.gitOutput(["push", "--no-verify", "origin", "HEAD:refs/heads/\(branch)"])
            #expect(accepted.status == 0, "\(branch): \(accepted)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: server.root)
        #expect(!names.contains { $0.hasPrefix("pwned") }, "\(names)")
        #expect(try server.git(["for-each-ref", "--format=%(refname)"]).contains("refs/heads/$(id>pwned-1)"))
        try server.git(["fsck", "--no-progress"])
    }

    @Test("pre-push reads a local ref with spaces (HEAD^{/…}) and checks what it names")
    func prePushLocalRefWithSpaces() throws {
        let server = try CheckFixtures.repository(bare: true)
        let repo = try CheckFixtures.repository()
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        try repo.git(["remote", "add", "origin", server.root])
        try repo.write(CheckFixtures.path, CheckFixtures.published())
        try repo.commitAll("Add the checkout postmortem")
        let accepted = try repo.gitOutput(["push", "origin", "HEAD^{/Add the checkout}:refs/heads/clean"])
        #expect(accepted.status == 0, "\(accepted)")
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "--no-verify", "-m", "Drop the owner"])
        let refused = try repo.gitOutput(["push", "origin", "HEAD^{/Drop the owner}:refs/heads/broken"])
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.stderr.contains("pm: push refused: HEAD^{/Drop the owner} has postmortems"), "\(refused)")
    }

    @Test("core.hooksPath with spaces, quotes and $( ): installed there, chained hook found, and run by git")
    func oddHooksPath() throws {
        let repo = try CheckFixtures.repository()
        try repo.git(["config", "core.hooksPath", "my hooks/$(x) -n 'q'"])
        let folder = repo.root + "/my hooks/$(x) -n 'q'"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let trace = repo.base + "/foreign.trace"
        try Data("#!/bin/sh\necho ran > '\(trace)'\n".utf8).write(to: URL(fileURLWithPath: folder + "/pre-commit"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder + "/pre-commit")
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        #expect(HookInstaller.isPM(try repo.read("my hooks/$(x) -n 'q'/pre-commit")))
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.git(["add", CheckFixtures.path])
        let refused = try repo.gitOutput(["commit", "-m", "Add postmortem"])
        #expect(refused.status != 0, "\(refused)")
        #expect(FileManager.default.fileExists(atPath: trace), "the chained hook ran")
    }
}
