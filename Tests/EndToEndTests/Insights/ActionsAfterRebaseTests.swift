import Foundation
import TestSupport
import Testing

/// `pm actions` after `git rebase`: a rebase keeps author dates and changes committer dates and ids, and may
/// reorder commits; the completing commit must be the one HEAD's history holds, dated as `git log` shows it.
@Suite("pm actions after a rebase")
struct ActionsAfterRebaseTests {
    static let path = "postmortems/2026-01-05-cache-outage.md"

    static func text(tick1: Bool, tick2: Bool) -> String {
        FollowThroughTests.postmortem(
            title: "Cache outage", date: "2026-01-05",
            items: [
                "- [\(tick1 ? "x" : " ")] Alert on cache misses — owner: @dana — due: 2026-03-01",
                // Lines no commit changes, so that git merges the two ticks without a conflict.
                "- [ ] Add a cache runbook — owner: @dana — due: 2026-04-01",
                "- [ ] Review the cache size — owner: @dana — due: 2026-04-01",
                "- [ ] Drill a cache failover — owner: @dana — due: 2026-04-01",
                "- [\(tick2 ? "x" : " ")] Pin the cache version — owner: @lee — due: 2026-03-01",
            ], minutes: (5, 10, 60, 120))
    }

    /// The done items of `pm actions --done --json`, by number: the completing commit and its day.
    static func completions(_ repo: TemporaryRepository) throws -> [Int: (commit: String, day: String)] {
        let result = try repo.pm(["actions", "--done", "--json"])
        #expect(result.status == 0, "\(result)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let items = object?["actionItems"] as? [[String: Any]] ?? []
        var found: [Int: (commit: String, day: String)] = [:]
        for item in items {
            guard let number = item["number"] as? Int, let completed = item["completed"] as? [String: Any],
                let commit = completed["commit"] as? String, let date = completed["date"] as? String
            else { continue }
            found[number] = (commit, String(date.prefix(10)))
        }
        return found
    }

    /// The commit of HEAD's history whose message is `message`, and its author day as `git log` prints it.
    static func commit(_ repo: TemporaryRepository, _ message: String) throws -> (commit: String, day: String) {
        let line = try repo.git(["log", "--format=%H %ad", "--date=short", "--fixed-strings", "--grep", message, "HEAD"]).lines
        let fields = try #require(line.first?.split(separator: " "))
        #expect(line.count == 1, "one commit named '\(message)' on HEAD: \(line)")
        return (String(fields[0]), String(fields[1]))
    }

    static func isOnHead(_ repo: TemporaryRepository, _ commit: String) throws -> Bool {
        try repo.gitOutput(["merge-base", "--is-ancestor", commit, "HEAD"]).status == 0
    }

    @Test(
        "a plain rebase onto a moved main: each item names the reachable commit that ticked it, on its git log day",
        arguments: [false, true])
    func plainRebase(keepOldBranch: Bool) throws {
        let repo = try TemporaryRepository()
        try repo.write(Self.path, Self.text(tick1: false, tick2: false))
        try FollowThroughTests.commit(repo, "Add the cache outage", at: "2026-01-05")
        try repo.git(["checkout", "-q", "-b", "feature"])
        try repo.write(Self.path, Self.text(tick1: true, tick2: false))
        try FollowThroughTests.commit(repo, "Tick the cache alert", at: "2026-01-10")
        // pm has indexed the branch before the rebase.
        #expect(try Self.completions(repo)[1]?.day == "2026-01-10")
        try repo.git(["checkout", "-q", "main"])
        try repo.write(Self.path, Self.text(tick1: false, tick2: true))
        try FollowThroughTests.commit(repo, "Pin the cache version", at: "2026-01-12")
        try repo.git(["checkout", "-q", "feature"])
        if keepOldBranch { try repo.git(["branch", "before-rebase"]) }
        try repo.git(["rebase", "-q", "main"], environment: ["GIT_COMMITTER_DATE": "2026-01-15T12:00:00Z"])
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)

        let tick = try Self.commit(repo, "Tick the cache alert")
        let pin = try Self.commit(repo, "Pin the cache version")
        for branch in ["feature", "main"] {
            if branch == "main" {
                try repo.git(["checkout", "-q", "main"]); try repo.git(["merge", "-q", "--ff-only", "feature"])
            }
            let done = try Self.completions(repo)
            #expect(done[1]?.commit == tick.commit, "\(branch): #1 is ticked by the rebased commit")
            #expect(done[1]?.day == tick.day && tick.day == "2026-01-10", "\(branch): \(done)")
            #expect(done[5]?.commit == pin.commit, "\(branch): #5 was ticked on main, before the rebased commit")
            #expect(done[5]?.day == pin.day && pin.day == "2026-01-12", "\(branch): \(done)")
            for (_, completion) in done { #expect(try Self.isOnHead(repo, completion.commit)) }
        }
    }

    @Test("a rebase that reorders commits: each item names the commit that ticked it in the new order")
    func reorderingRebase() throws {
        let repo = try TemporaryRepository()
        try repo.write(Self.path, Self.text(tick1: false, tick2: false))
        try FollowThroughTests.commit(repo, "Add the cache outage", at: "2026-01-05")
        try repo.write(Self.path, Self.text(tick1: true, tick2: false))
        try FollowThroughTests.commit(repo, "Tick the cache alert", at: "2026-01-10")
        try repo.write(Self.path, Self.text(tick1: true, tick2: true))
        try FollowThroughTests.commit(repo, "Pin the cache version", at: "2026-01-11")
        #expect(try Self.completions(repo)[5]?.day == "2026-01-11")
        // Swap the last two commits: the first two lines of the todo list change places.
        let swapped = try repo.gitOutput(
            ["rebase", "-q", "-i", "HEAD~2"],
            environment: ["GIT_SEQUENCE_EDITOR": "sed -i -e '1{h;d}' -e '2G'", "GIT_COMMITTER_DATE": "2026-01-20T12:00:00Z"])
        #expect(swapped.status == 0, "\(swapped)")
        let subjects = try repo.git(["log", "--format=%s"]).lines
        #expect(subjects == ["Tick the cache alert", "Pin the cache version", "Add the cache outage"])

        let tick = try Self.commit(repo, "Tick the cache alert")
        let pin = try Self.commit(repo, "Pin the cache version")
        let done = try Self.completions(repo)
        #expect(done[1]?.commit == tick.commit, "\(done)")
        #expect(done[1]?.day == tick.day)
        #expect(done[5]?.commit == pin.commit, "#5 is ticked by the commit that now comes first: \(done)")
        #expect(done[5]?.day == pin.day && pin.day == "2026-01-11")
    }
}
