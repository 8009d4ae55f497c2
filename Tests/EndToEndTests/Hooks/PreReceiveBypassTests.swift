import Foundation
import TestSupport
import Testing

/// The server's `pre-receive` hook against pushes that try to get an unchecked commit onto a branch or tag: real
/// `git push` into a bare repository with the hook installed and the built pm on PATH.
@Suite("Pre-receive: every ref, every namespace")
struct PreReceiveBypassTests {
    /// A bare server with pm's hook (and `.pmconfig` at HEAD when given), and a clone whose `main` it accepted.
    static func setUp(pmconfig: String? = nil) throws -> (server: TemporaryRepository, repo: TemporaryRepository) {
        let server = try CheckFixtures.repository(bare: true)
        #expect(try server.pm(["hooks", "install"]).status == 0)
        let repo = try CheckFixtures.repository()
        if let pmconfig {
            try repo.write(".pmconfig", pmconfig)
            try repo.commitAll("Configure pm")
        }
        try repo.write(CheckFixtures.path, CheckFixtures.published())
        try repo.commitAll("Add a clean postmortem")
        try repo.git(["remote", "add", "origin", server.root])
        let first = try repo.gitOutput(["push", "origin", "main"])
        #expect(first.status == 0, "\(first)")
        return (server, repo)
    }

    /// Commits a broken postmortem on a side branch (`main` stays clean) and returns its id.
    static func brokenCommit(_ repo: TemporaryRepository) throws -> String {
        try repo.git(["checkout", "-q", "-b", "broken"])
        try repo.write("postmortems/2026-11-20-queue-backlog.md", CheckFixtures.published(owner: false))
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "-m", "A postmortem without an owner"])
        let id = try repo.git(["rev-parse", "HEAD"]).trimmed
        try repo.git(["checkout", "-q", "main"])
        return id
    }

    static func serverHas(_ server: TemporaryRepository, _ ref: String) throws -> Bool {
        try server.gitOutput(["rev-parse", "--verify", "-q", ref]).status == 0
    }

    @Test("a commit pushed to refs/pull/1/head is refused there, so it cannot reach a branch unchecked")
    func pullRefIsChecked() throws {
        let (server, repo) = try Self.setUp()
        let broken = try Self.brokenCommit(repo)
        let pull = try repo.gitOutput(["push", "origin", "\(broken):refs/pull/1/head"])
        #expect(pull.status != 0, "\(pull)")
        #expect(pull.stderr.contains("[action-item-owner]"))
        #expect(pull.stderr.contains("refusing refs/pull/1/head"))
        #expect(try !Self.serverHas(server, "refs/pull/1/head"))
        let branch = try repo.gitOutput(["push", "origin", "\(broken):refs/heads/feature"])
        #expect(branch.status != 0, "\(branch)")
        #expect(try !Self.serverHas(server, "refs/heads/feature"))
        try server.git(["fsck", "--no-progress"])
    }

    @Test("with refs/pull/* skipped, a parked commit is accepted there and still refused as a branch, a tag or elsewhere")
    func parkedCommitIsCheckedLater() throws {
        let (server, repo) = try Self.setUp(pmconfig: "[hooks]\n\tskipRefs = refs/pull/*\n\tskipRefs = refs/notes/*\n")
        let broken = try Self.brokenCommit(repo)
        let pull = try repo.gitOutput(["push", "origin", "\(broken):refs/pull/1/head"])
        #expect(pull.status == 0, "\(pull)")
        #expect(pull.stderr.contains("not checking refs/pull/1/head"))
        #expect(try server.git(["rev-parse", "refs/pull/1/head"]).trimmed == broken)

        // Before the fix, a new ref was checked for "commits no other ref has", and refs/pull/1/head had it.
        for target in ["refs/heads/feature", "refs/tags/v1", "refs/custom/deploy", "refs/heads/main"] {
            let push = try repo.gitOutput(["push", "origin", "\(broken):\(target)"])
            #expect(push.status != 0, "\(target) must be checked: \(push)")
            #expect(push.stderr.contains("[action-item-owner]"), "\(target): \(push)")
            #expect(push.stderr.contains("refusing \(target)"), "\(target): \(push)")
            if target != "refs/heads/main" { #expect(try !Self.serverHas(server, target)) }
        }
        // An annotated tag of the parked commit, pushed with a clean branch in the same push: the tag is refused,
        // and git refuses the whole push.
        try repo.git(["tag", "-a", "-m", "Release", "v2", broken])
        let both = try repo.gitOutput(["push", "origin", "main:refs/heads/clean", "refs/tags/v2"])
        #expect(both.status != 0, "\(both)")
        #expect(both.stderr.contains("refusing refs/tags/v2"))
        #expect(!both.stderr.contains("refusing refs/heads/clean"))
        #expect(try server.git(["rev-parse", "main"]).trimmed != broken)
        try server.git(["fsck", "--no-progress"])
    }

    @Test("a custom namespace and a new tag are checked by default")
    func customNamespaceAndTag() throws {
        let (server, repo) = try Self.setUp()
        let broken = try Self.brokenCommit(repo)
        for target in ["refs/custom/anything", "refs/tags/v1", "refs/notes/commits"] {
            let push = try repo.gitOutput(["push", "origin", "\(broken):\(target)"])
            #expect(push.status != 0, "\(target): \(push)")
            #expect(try !Self.serverHas(server, target))
        }
    }

    @Test("well-formed pushes pass: new branches and tags of accepted commits, fast-forwards, deletions")
    func wellFormedPushesPass() throws {
        let (server, repo) = try Self.setUp(pmconfig: "[hooks]\n\tskipRefs = refs/pull/\n")
        // The clean commit reached as a new branch, a tag and a custom ref: nothing new to check.
        for target in ["refs/heads/copy", "refs/tags/v1", "refs/custom/deploy"] {
            let push = try repo.gitOutput(["push", "origin", "main:\(target)"])
            #expect(push.status == 0, "\(target): \(push)")
        }
        // A parked broken commit, and a later clean fix on top of it that reaches main: the fix is checked and clean.
        let broken = try Self.brokenCommit(repo)
        #expect(try repo.gitOutput(["push", "origin", "\(broken):refs/pull/7/head"]).status == 0)
        try repo.git(["checkout", "-q", "broken"])
        try repo.write("postmortems/2026-11-20-queue-backlog.md", CheckFixtures.published())
        try repo.commitAll("Name the owner")
        let fixed = try repo.gitOutput(["push", "origin", "broken:refs/heads/main"])
        #expect(fixed.status == 0, "\(fixed)")
        // Deletions, in and out of the skipped namespace, are not checked.
        for target in ["refs/heads/copy", "refs/tags/v1", "refs/custom/deploy", "refs/pull/7/head"] {
            let push = try repo.gitOutput(["push", "origin", ":\(target)"])
            #expect(push.status == 0, "deleting \(target): \(push)")
            #expect(try !Self.serverHas(server, target))
        }
        #expect(try server.git(["rev-parse", "main"]).trimmed == (try repo.git(["rev-parse", "broken"]).trimmed))
        try server.git(["fsck", "--no-progress"])
    }

    @Test("hooks.skipRefs is validated; an unknown hooks key is a warning like any other")
    func skipRefsConfiguration() throws {
        let repo = try CheckFixtures.repository()
        try repo.write(".pmconfig", "[hooks]\n\tskipRefs = notes\n")
        let invalid = try repo.pm(["check"])
        #expect(invalid.status == 2, "\(invalid)")
        #expect(invalid.stderr.lowercased().contains("for hooks.skiprefs: name a namespace"), "\(invalid)")
        try repo.write(".pmconfig", "[hooks]\n\tskipRef = refs/notes/*\n")
        let unknown = try repo.pm(["check"])
        #expect(unknown.status == 0, "\(unknown)")
        #expect(unknown.stderr.contains("unknown key 'hooks.skipref'; did you mean 'hooks.skipRefs'?"), "\(unknown)")
    }

    @Test("pm check --receive refuses input that is not git's, and names the refs it refuses")
    func receiveInput() throws {
        let (server, _) = try Self.setUp()
        let zero = String(repeating: "0", count: 40)
        let garbage = try server.pm(["check", "--receive"], input: "not a ref line\n")
        #expect(garbage.status == 2, "\(garbage)")
        let head = try server.git(["rev-parse", "main"]).trimmed
        let clean = try server.pm(["check", "--receive"], input: "\(zero) \(head) refs/heads/other\n")
        #expect(clean.status == 0, "\(clean)")
        #expect(try server.pm(["check", "--receive", "--rev", "HEAD"]).status == 64)
    }
}
