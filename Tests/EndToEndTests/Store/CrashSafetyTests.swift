import Foundation
import TestSupport
import Testing

/// `kill -9` at any moment of a commit or of an index write leaves a consistent repository and an index
/// that the next search repairs or rebuilds.
@Suite("Crash safety")
struct CrashSafetyTests {
    enum Phase: String, CaseIterable {
        case commit = "pm new"
        case rebuild = "pm index --rebuild"
        case append = "pm search (appending)"
    }

    static func crashTitle(_ round: Int) -> String { "Crash round \(round) quokka" }
    static func crashPath(_ round: Int) -> String { "postmortems/2026-06-01-crash-round-\(round)-quokka.md" }

    /// Runs pm to the end and returns how long it took, to pick kill moments that fall inside such a run.
    private func timed(_ repo: TemporaryRepository, _ arguments: [String]) throws -> (seconds: Double, output: ProcessOutput) {
        let start = Date()
        let output = try repo.pm(arguments)
        return (Date().timeIntervalSince(start), output)
    }

    @Test("100 rounds of kill -9 during pm new, pm index --rebuild and an appending pm search (seeded)")
    func killRounds() throws {
        let repo = try TemporaryRepository()
        try GeneratedHistory.fastImport(into: repo, postmortems: 60, commits: 200, seed: 5)
        var random = SeededRandom(seed: 0x5EED_0009)

        // Calibration, uninterrupted: the durations, and the file pm new writes (each round's, but for its title).
        let rebuild = try timed(repo, ["index", "--rebuild"])
        try #require(rebuild.output.status == 0, "\(rebuild.output)")
        let calibration = try timed(repo, ["new", "Calibration quokka", "--date", "2026-06-01", "--no-edit"])
        try #require(calibration.output.status == 0, "\(calibration.output)")
        let template = try repo.read("postmortems/2026-06-01-calibration-quokka.md")
        func expectedText(_ round: Int) -> String {
            template.replacingOccurrences(of: "Calibration quokka", with: Self.crashTitle(round))
        }
        let append = try timed(repo, ["search", "quokka"])
        try #require(append.output.status == 0, "\(append.output)")
        // How long each phase's runs take, adjusted as rounds go (the machine's load changes): shorter when the
        // victim finished before its kill, longer when it was killed. Reproducible given the same timings.
        var durations: [Phase: Double] = [
            .commit: calibration.seconds, .rebuild: rebuild.seconds, .append: max(append.seconds, calibration.seconds),
        ]

        var killed: [Phase: Int] = [:]
        var finished: [Phase: Int] = [:]
        var staleGitLocks = 0
        var head = try repo.git(["rev-parse", "HEAD"]).trimmed
        for round in 0..<100 {
            let phase = Phase.allCases[round % 3]
            let arguments: [String]
            switch phase {
            case .commit:
                arguments = ["new", Self.crashTitle(round), "--date", "2026-06-01", "--no-edit"]
            case .rebuild:
                arguments = ["index", "--rebuild"]
            case .append:
                // A new commit (made by pm, which first clears what an earlier killed pm left in git's lock files),
                // so that the search has something to append.
                let number = round % 60
                try repo.write(
                    "postmortems/\(GeneratedHistory.id(number)).md",
                    GeneratedHistory.text(number, revision: 1000 + round, random: &random))
                let edit = try repo.pm(["edit", GeneratedHistory.id(number)])
                try #require(edit.status == 0, "round \(round): \(edit)")
                #expect(RepositoryChecks.gitLockFiles(repo) == [], "round \(round): pm edit left git locks")
                head = try repo.git(["rev-parse", "HEAD"]).trimmed
                arguments = ["search", "quokka"]
            }
            let delay = Double(random.next() % 1000) / 1000 * durations[phase, default: 0.1] * 1.2
            let victim = try BackgroundProcess(arguments, in: repo, name: "round-\(round)")
            usleep(UInt32(delay * 1_000_000))
            if victim.kill9() {
                killed[phase, default: 0] += 1
                durations[phase, default: 0.1] *= 1.05
            } else {
                finished[phase, default: 0] += 1
                durations[phase, default: 0.1] *= 0.85
                #expect(victim.process.terminationStatus == 0, "round \(round): \(victim.stderr)")
            }
            let context = "round \(round) (\(phase.rawValue), killed after \(Int(delay * 1000)) ms)"

            // git's view: a consistent repository on a valid commit that descends from the previous one.
            let fsck = try repo.gitOutput(["fsck", "--strict", "--no-progress"])
            #expect(fsck.status == 0, "\(context): \(fsck)")
            let newHead = try repo.git(["rev-parse", "--verify", "-q", "main^{commit}"]).trimmed
            // Commits only in the old HEAD (lost) and only in the new one: none, and at most the one pm made.
            let counts = try repo.git(["rev-list", "--left-right", "--count", "\(head)...\(newHead)"]).split(separator: "\t")
            #expect(counts.first == "0", "\(context): lost commits")
            #expect(counts.last.map { String($0).trimmed } == (phase == .commit && newHead != head ? "1" : "0"), "\(context)")
            head = newHead
            let tree = try repo.git(["ls-tree", "-r", "--name-only", "HEAD", "postmortems"]).lines
            #expect(tree.count >= 61, "\(context): \(tree.count) files")
            // No half-written postmortem, committed or in the working tree; no stray temporary file next to them.
            for name in try FileManager.default.contentsOfDirectory(atPath: repo.root + "/postmortems") {
                #expect(!name.hasPrefix(".") && name.hasSuffix(".md"), "\(context): stray \(name)")
            }
            if phase == .commit {
                let path = Self.crashPath(round)
                if tree.contains(path) { #expect(try repo.git(["show", "HEAD:\(path)"]) == expectedText(round), "\(context)") }
                if FileManager.default.fileExists(atPath: repo.root + "/" + path) {
                    #expect(try repo.read(path) == expectedText(round), "\(context)")
                }
            }
            // At most the interrupted draft is left uncommitted (untracked, or staged for its commit); nothing that
            // was committed shows as deleted or changed.
            for line in try repo.git(["status", "--porcelain", "--untracked-files=all"]).lines {
                let isDraft = line.contains("-crash-round-") && (line.hasPrefix("?? ") || line.hasPrefix("A  "))
                #expect(isDraft, "\(context): git status shows \(line)")
            }
            // A commit killed in its last milliseconds may leave git's own lock files; the next pm writer (the edit
            // of the next append round) removes them, and is checked for it above.
            let locks = RepositoryChecks.gitLockFiles(repo)
            if !locks.isEmpty {
                if phase == .commit { staleGitLocks += 1 }
                #expect(
                    phase != .append && Set(locks).isSubset(of: ["index.lock", "refs/heads/main.lock"]), "\(context): \(locks)")
            }

            // pm's view: the next search answers as git grep does, with one notice at most.
            let (ids, output) = try RepositoryChecks.search(repo, "quokka")
            #expect(output.status == 0, "\(context): \(output)")
            #expect(ids == (try RepositoryChecks.grep(repo, "quokka")), "\(context)")
            #expect(output.stderr.lines.count <= 1, "\(context): \(output.stderr)")
        }
        // One more write, uninterrupted: it goes through and leaves no lock and no temporary file behind.
        let last = try repo.pm(["new", "After the rounds", "--date", "2026-06-02", "--no-edit"])
        #expect(last.status == 0, "\(last)")
        #expect(RepositoryChecks.gitLockFiles(repo) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.root + "/.git/pm/tmp") == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.root + "/.git").filter { $0.contains(".pm-") } == [])
        #expect(try repo.gitOutput(["fsck", "--strict", "--no-progress"]).status == 0)
        let summary = Phase.allCases.map {
            "\($0.rawValue): \(killed[$0, default: 0]) killed, \(finished[$0, default: 0]) finished"
        }
        print("kill rounds — \(summary.joined(separator: "; ")); rounds leaving git locks: \(staleGitLocks)")
        // The moments are spread over the runs: most rounds must really kill something in every phase.
        for phase in Phase.allCases { #expect(killed[phase, default: 0] >= 5, "\(phase.rawValue): \(summary)") }
    }

    /// A repository in which a pm was killed while it held `lock` (relative to the git folder): the lock file is
    /// there, and pm's write-lock file still holds the journal the killed pm wrote (see `CommitJournal`).
    private func repositoryAfterKill(leaving lock: String, content: String = "", journal: (String, String) throws -> String)
        throws -> TemporaryRepository
    {
        let repo = try Fixtures.repositoryWithCommit()
        try #require(try repo.pm(["new", "Before the kill", "--date", "2026-07-01", "--no-edit"]).status == 0)
        let gitFolder = try repo.git(["rev-parse", "--absolute-git-dir"]).trimmed
        try Data(content.utf8).write(to: URL(fileURLWithPath: gitFolder + "/" + lock))
        try Data(try journal(gitFolder + "/" + lock, gitFolder).utf8).write(
            to: URL(fileURLWithPath: gitFolder + "/pm/journal"))
        return repo
    }

    /// `device:inode:token`, as pm's journal names the lock file it created (whose content is the token).
    static func identity(_ path: String) throws -> String {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw TestFailure("no file at \(path)") }
        let token = try String(contentsOfFile: path, encoding: .utf8)
        return "\(status.st_dev):\(status.st_ino):\(token)"
    }

    static let token = "5eed5eed5eed5eed0123456789abcdef"

    @Test("git's index.lock that a killed pm created (its journal names the very file) is removed by the next pm writer")
    func staleIndexLockOfKilledPM() throws {
        let repo = try repositoryAfterKill(leaving: "index.lock", content: Self.token) { path, gitFolder in
            "lock \(try Self.identity(path)) \(path) \(gitFolder)/index.pm-999999\n"
        }
        // git itself refuses to write until the lock is gone.
        #expect(try repo.gitOutput(["commit", "-q", "--allow-empty", "-m", "blocked"]).status != 0)
        let result = try repo.pm(["new", "After the kill", "--date", "2026-07-02", "--no-edit"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("note: removed "), "\(result)")
        #expect(RepositoryChecks.gitLockFiles(repo) == [])
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add postmortem 2026-07-02-after-the-kill")
        #expect(try repo.git(["status", "--porcelain"]) == "")
        #expect(try repo.gitOutput(["fsck", "--strict", "--no-progress"]).status == 0)
    }

    @Test("a branch lock holding the killed pm's own commit is removed by the next pm writer, which commits")
    func staleBranchLockOfKilledPM() throws {
        let commit = String(repeating: "ab", count: 20)
        let repo = try repositoryAfterKill(leaving: "refs/heads/main.lock", content: commit + "\n") { path, _ in
            "ref \(commit) \(path)\n"
        }
        let result = try repo.pm(["new", "After the kill", "--date", "2026-07-02", "--no-edit"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("note: removed "), "\(result)")
        #expect(RepositoryChecks.gitLockFiles(repo) == [])
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add postmortem 2026-07-02-after-the-kill")
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test("an index.lock that is not the one the killed pm created is another git's: pm waits, then refuses, changing nothing")
    func liveGitIndexLockIsKept() throws {
        // The journal names a lock file the dead pm created; the one there now was made afterwards by a live git
        // (another inode): the regression was a pm deleting a running 'git commit -a''s lock.
        let repo = try repositoryAfterKill(leaving: "index.lock", content: Self.token) { path, gitFolder in
            let identity = try Self.identity(path)
            // Renamed over the old file while it still exists: certainly another inode.
            try #require(FileManager.default.createFile(atPath: path + ".other", contents: nil))
            rename(path + ".other", path)
            #expect(try Self.identity(path) != identity)
            return "lock \(identity) \(path) \(gitFolder)/index.pm-999999\n"
        }
        let before = try repo.git(["rev-parse", "HEAD"])
        let start = Date()
        let result = try repo.pm(
            ["new", "Beside a live git", "--date", "2026-07-03", "--no-edit"], environment: ["PM_LOCK_TIMEOUT": "1"])
        #expect(Date().timeIntervalSince(start) >= 1)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("waiting for another git process"), "\(result)")
        #expect(result.stderr.contains("pm changed nothing"), "\(result)")
        #expect(!result.stderr.contains("note: removed"))
        #expect(RepositoryChecks.gitLockFiles(repo) == ["index.lock"])
        #expect(try repo.git(["rev-parse", "HEAD"]) == before)
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
    }

    @Test("a branch lock holding another commit than the killed pm's is another git's: pm leaves it and fails clearly")
    func liveGitBranchLockIsKept() throws {
        let repo = try repositoryAfterKill(leaving: "refs/heads/main.lock") { path, _ in
            "ref \(String(repeating: "1", count: 40)) \(path)\n"
        }
        try Data("\(try repo.git(["rev-parse", "HEAD"]).trimmed)\n".utf8).write(
            to: URL(fileURLWithPath: repo.root + "/.git/refs/heads/main.lock"))
        let before = try repo.git(["rev-list", "--count", "HEAD"]).trimmed
        let result = try repo.pm(["new", "Beside a live git", "--date", "2026-07-03", "--no-edit"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("refs/heads/main.lock exists"), "\(result)")
        #expect(result.stderr.contains("Nothing was committed"), "\(result)")
        #expect(RepositoryChecks.gitLockFiles(repo) == ["refs/heads/main.lock"])
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == before)
        // The new file is not left behind: the failed pm new removes what it wrote, and git's index is untouched.
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
    }

    /// A pm killed after it moved the branch and before it put its new index in place: the commit (made here with
    /// git through a second index, which is what pm's staged index is) is on the branch, git's index does not
    /// have the file, and the journal says so.
    private func repositoryKilledAfterBranchMoved(keepLock: Bool) throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        let gitFolder = try repo.git(["rev-parse", "--absolute-git-dir"]).trimmed
        let path = "postmortems/2026-07-05-landed.md"
        try repo.write(path, Fixtures.postmortem(title: "Landed"))
        let staged = gitFolder + "/index.pm-999999"
        try FileManager.default.copyItem(atPath: gitFolder + "/index", toPath: staged)
        try repo.git(["add", path], environment: ["GIT_INDEX_FILE": staged])
        try repo.git(["commit", "-q", "-m", "Add postmortem 2026-07-05-landed"], environment: ["GIT_INDEX_FILE": staged])
        let commit = try repo.git(["rev-parse", "HEAD"]).trimmed
        #expect(try repo.git(["status", "--porcelain"]).hasPrefix("D  \(path)\n"))
        var journal = ""
        if keepLock {
            try #require(FileManager.default.createFile(atPath: gitFolder + "/index.lock", contents: Data(Self.token.utf8)))
            journal += "lock \(try Self.identity(gitFolder + "/index.lock")) \(gitFolder)/index.lock \(staged)\n"
        } else {
            // The user removed the lock by hand, as git's message says to.
            journal += "lock 1:1:\(Self.token) \(gitFolder)/index.lock \(staged)\n"
            unlink(staged)
        }
        journal += "path \(path)\nref \(commit) \(gitFolder)/refs/heads/main.lock\n"
        try FileManager.default.createDirectory(atPath: gitFolder + "/pm", withIntermediateDirectories: true)
        try Data(journal.utf8).write(to: URL(fileURLWithPath: gitFolder + "/pm/journal"))
        return repo
    }

    @Test(
        "a pm killed after moving the branch and before installing its index: the next writer makes the index match",
        arguments: [true, false])
    func killedAfterBranchMoved(keepLock: Bool) throws {
        let repo = try repositoryKilledAfterBranchMoved(keepLock: keepLock)
        let result = try repo.pm(["new", "Next", "--date", "2026-07-06", "--no-edit"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains(keepLock ? "finished updating git's index" : "staged postmortems/2026-07-05-landed.md"))
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
        #expect(RepositoryChecks.gitLockFiles(repo) == [])
        #expect(try repo.git(["ls-tree", "--name-only", "HEAD", "postmortems/"]).lines.count == 2)
    }
}
