import Foundation
import TestSupport
import Testing

/// pm writers running at the same time on one repository, and the locks that serialise them.
@Suite("Concurrent writes and locks")
struct ConcurrentWritesTests {
    static let workers = 8
    static let operationsPerWorker = 25
    static let itemsPerWorker = 8

    enum Operation: Equatable {
        case new(Int), edit(Int), done(Int)
    }

    static func editedID(_ worker: Int) -> String { "2026-02-01-worker-\(worker)-edits" }
    static func itemsID(_ worker: Int) -> String { "2026-02-01-worker-\(worker)-items" }
    static func newTitle(_ worker: Int, _ number: Int) -> String { "Worker \(worker) outage \(number)" }

    /// The postmortem a worker edits, at `revision`.
    static func edited(_ worker: Int, revision: Int) -> String {
        Fixtures.postmortem(
            title: "Worker \(worker) edits", date: "2026-02-01", extraSummary: " Revision \(revision) by worker \(worker).")
    }

    /// A postmortem with `itemsPerWorker` open action items, for a worker to tick.
    static func items(_ worker: Int) -> String {
        let list = (1...itemsPerWorker).map { "- [ ] Follow-up \($0) of worker \(worker) — owner: @dana — due: 2026-12-15" }
        return Fixtures.postmortem(title: "Worker \(worker) items", date: "2026-02-01")
            .replacingOccurrences(
                of:
                    "- [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-12-15 — ticket: OPS-142 — type: detect\n- [x] Roll back the pool-size change — owner: @lee — due: 2026-11-21\n",
                with: list.joined(separator: "\n") + "\n")
    }

    /// Each worker's 25 operations, shuffled from a seed: 9 new postmortems, 8 edits and 8 ticked items.
    static func plan(_ worker: Int) -> [Operation] {
        var random = SeededRandom(seed: 0xC0FFEE &+ UInt64(worker))
        let kinds = ([0, 0, 0, 0, 0, 0, 0, 0, 0] + [1, 1, 1, 1, 1, 1, 1, 1] + [2, 2, 2, 2, 2, 2, 2, 2]).shuffled(using: &random)
        var counters = [0, 0, 0]
        return kinds.map { kind in
            counters[kind] += 1
            switch kind {
            case 0: return .new(counters[kind])
            case 1: return .edit(counters[kind])
            default: return .done(counters[kind])
            }
        }
    }

    @Test("8 processes × 25 mixed writes (new, edit, actions done) at once: every commit lands, git agrees")
    func mixedWriters() throws {
        let repo = try Fixtures.repositoryWithCommit()
        for worker in 0..<Self.workers {
            try repo.write("postmortems/\(Self.editedID(worker)).md", Self.edited(worker, revision: 0))
            try repo.write("postmortems/\(Self.itemsID(worker)).md", Self.items(worker))
        }
        try repo.commitAll("Postmortems for the workers")
        let lock = NSLock()
        nonisolated(unsafe) var failures: [String] = []
        // Each worker only reads the repository's paths and environment, and writes files of its own.
        nonisolated(unsafe) let shared = repo
        DispatchQueue.concurrentPerform(iterations: Self.workers) { worker in
            for operation in Self.plan(worker) {
                let arguments: [String]
                switch operation {
                case .new(let number):
                    arguments = ["new", Self.newTitle(worker, number), "--date", "2026-03-01", "--no-edit"]
                case .edit(let revision):
                    // Off a terminal, pm edit commits the file as it is in the working tree.
                    do {
                        try shared.write("postmortems/\(Self.editedID(worker)).md", Self.edited(worker, revision: revision))
                    } catch {
                        lock.withLock { failures.append("worker \(worker): cannot write: \(error)") }
                        continue
                    }
                    arguments = ["edit", Self.editedID(worker)]
                case .done(let number):
                    arguments = ["actions", "done", "\(Self.itemsID(worker))#\(number)"]
                }
                do {
                    let output = try shared.pm(arguments)
                    if output.status != 0 || output.stderr.contains("warning: committed") {
                        lock.withLock { failures.append("worker \(worker): pm \(arguments.joined(separator: " ")): \(output)") }
                    }
                } catch {
                    lock.withLock { failures.append("worker \(worker): cannot run pm: \(error)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")

        let operations = Self.workers * Self.operationsPerWorker
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "\(2 + operations)")
        let subjects = try repo.git(["log", "--format=%s", "-\(operations)"]).lines
        #expect(subjects.filter { $0.hasPrefix("Add postmortem ") }.count == Self.workers * 9)
        #expect(subjects.filter { $0.hasPrefix("Update postmortem ") }.count == Self.workers * 8)
        #expect(subjects.filter { $0.hasPrefix("Close action item ") }.count == Self.workers * 8)
        let files = Set(try repo.git(["ls-tree", "-r", "--name-only", "HEAD", "postmortems"]).lines)
        #expect(files.count == Self.workers * (2 + 9))
        for worker in 0..<Self.workers {
            for number in 1...9 {
                let path = "postmortems/2026-03-01-worker-\(worker)-outage-\(number).md"
                #expect(files.contains(path), "missing \(path)")
            }
            let edited = try repo.git(["show", "HEAD:postmortems/\(Self.editedID(worker)).md"])
            #expect(edited == Self.edited(worker, revision: 8), "worker \(worker)'s last edit")
            let items = try repo.git(["show", "HEAD:postmortems/\(Self.itemsID(worker)).md"])
            #expect(items.lines.filter { $0.hasPrefix("- [x] Follow-up") }.count == Self.itemsPerWorker, "worker \(worker)")
            #expect(!items.contains("- [ ]"))
        }
        let fsck = try repo.gitOutput(["fsck", "--strict", "--no-progress"])
        #expect(fsck.status == 0, "\(fsck)")
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
        #expect(RepositoryChecks.gitLockFiles(repo) == [])
        #expect(!HeldLock.isHeld(repo.root + "/.git/pm/write.lock"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.root + "/.git/pm/tmp") == [])
    }

    /// A repository whose index build takes a while: 60 postmortems over 240 commits.
    static func repositoryWithHistory() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try GeneratedHistory.fastImport(into: repo, postmortems: 60, commits: 240, seed: 11)
        return repo
    }

    @Test("a pm killed while it holds the search-index lock does not block the next pm search, which answers right")
    func deadIndexLockHolder() throws {
        let repo = try Self.repositoryWithHistory()
        let lockPath = repo.root + "/.git/pm/search-index.lock"
        var killedHolding = false
        for attempt in 0..<30 where !killedHolding {
            let holder = try BackgroundProcess(["index", "--rebuild"], in: repo, name: "holder-\(attempt)")
            while holder.process.isRunning, !HeldLock.isHeld(lockPath) { usleep(500) }
            // Killed only if it still holds the lock; a build that ended first is tried again.
            if holder.process.isRunning, HeldLock.isHeld(lockPath) { killedHolding = holder.kill9() } else { holder.kill9() }
        }
        try #require(killedHolding, "never caught pm index holding its lock")
        let next = try BackgroundProcess(["search", "quokka", "--json", "--limit", "1000"], in: repo, name: "next")
        #expect(next.wait(timeout: 120) == 0, "\(next.stderr)")
        let (ids, output) = try RepositoryChecks.search(repo, "quokka")
        #expect(output.status == 0)
        #expect(ids == (try RepositoryChecks.grep(repo, "quokka")))
        #expect(!ids.isEmpty)
        #expect(next.stderr.lines.count <= 1, "\(next.stderr)")
    }

    @Test("a pm killed while it holds the write lock does not block the next pm new")
    func deadWriteLockHolder() throws {
        let repo = try Self.repositoryWithHistory()
        let lockPath = repo.root + "/.git/pm/write.lock"
        var killedHolding = false
        for attempt in 0..<200 where !killedHolding {
            let holder = try BackgroundProcess(
                ["new", "Holder \(attempt)", "--date", "2026-04-01", "--no-edit"], in: repo, name: "holder-\(attempt)")
            while holder.process.isRunning, !HeldLock.isHeld(lockPath) { usleep(200) }
            if holder.process.isRunning, HeldLock.isHeld(lockPath) { killedHolding = holder.kill9() } else { holder.kill9() }
        }
        try #require(killedHolding, "never caught pm new holding its write lock")
        let before = try repo.git(["rev-list", "--count", "HEAD"]).trimmed
        let next = try BackgroundProcess(["new", "After the kill", "--date", "2026-04-02", "--no-edit"], in: repo, name: "next")
        #expect(next.wait(timeout: 120) == 0, "\(next.stderr)")
        #expect(next.stdout.trimmed == "2026-04-02-after-the-kill")
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "\(Int(before)! + 1)")
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add postmortem 2026-04-02-after-the-kill")
        #expect(try repo.gitOutput(["fsck", "--strict", "--no-progress"]).status == 0)
        #expect(RepositoryChecks.gitLockFiles(repo) == [])
    }

    @Test("a write lock held by a live process makes pm new wait, with a notice, and commit once it is released")
    func liveWriteLockHolderMakesPMWait() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try FileManager.default.createDirectory(atPath: repo.root + "/.git/pm", withIntermediateDirectories: true)
        var held: HeldLock? = try #require(HeldLock(repo.root + "/.git/pm/write.lock")) as HeldLock
        let waiting = try BackgroundProcess(["new", "Waits its turn", "--date", "2026-04-03", "--no-edit"], in: repo, name: "w")
        // However slow the machine, a pm that finished while the lock was held did not wait.
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, !waiting.stderr.contains("waiting for another pm") { usleep(10000) }
        #expect(waiting.process.isRunning)
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "1")
        withExtendedLifetime(held) {}
        held = nil
        #expect(waiting.wait(timeout: 120) == 0, "\(waiting.stderr)")
        #expect(waiting.stderr.contains("note: waiting for another pm that is writing to this repository"))
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add postmortem 2026-04-03-waits-its-turn")
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test("a search-index lock held by a live process makes pm index wait, with a notice, then build")
    func liveIndexLockHolderMakesPMWait() throws {
        let repo = try Self.repositoryWithHistory()
        try FileManager.default.createDirectory(atPath: repo.root + "/.git/pm", withIntermediateDirectories: true)
        var held: HeldLock? = try #require(HeldLock(repo.root + "/.git/pm/search-index.lock")) as HeldLock
        let waiting = try BackgroundProcess(["index", "--rebuild"], in: repo, name: "w")
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, !waiting.stderr.contains("waiting for another pm") { usleep(10000) }
        #expect(waiting.process.isRunning)
        withExtendedLifetime(held) {}
        held = nil
        #expect(waiting.wait(timeout: 120) == 0, "\(waiting.stderr)")
        #expect(waiting.stderr.contains("note: waiting for another pm that is writing the search index"))
        #expect(waiting.stdout.hasPrefix("Search index built"))
        let (ids, _) = try RepositoryChecks.search(repo, "quokka")
        #expect(ids == (try RepositoryChecks.grep(repo, "quokka")))
    }
}
