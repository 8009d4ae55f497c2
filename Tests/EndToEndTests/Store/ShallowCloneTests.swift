import Foundation
import TestSupport
import Testing

/// pm in shallow clones (`git clone --depth N`, `--shallow-since`), as CI makes them: every history command works
/// on what was fetched, says once that history is cut, and the pre-push hook checks what is pushed.
@Suite("Shallow clones")
struct ShallowCloneTests {
    static let alpha = "postmortems/2026-01-05-cache-outage.md"
    static let beta = "postmortems/2026-02-01-queue-backlog.md"
    static let notice = "this is a shallow clone"

    /// A bare server whose `main` has seven commits, five of them changing two postmortems, at known dates.
    static func server() throws -> (server: TemporaryRepository, work: TemporaryRepository) {
        let server = try CheckFixtures.repository(bare: true)
        let work = try TemporaryRepository()
        work.extraEnvironment["PATH"] = CheckFixtures.pathWithPM
        func item(_ done: Bool, _ action: String) -> String {
            "- [\(done ? "x" : " ")] \(action) — owner: @dana — due: 2026-03-01"
        }
        func alphaText(tick: Bool, summary: String) -> String {
            FollowThroughTests.postmortem(
                title: "Cache outage", date: "2026-01-05", items: [item(tick, "Alert on cache misses"), item(false, "Pin it")],
                minutes: (5, 10, 60, 120)
            ).replacingOccurrences(of: "Requests failed.", with: summary)
        }
        try work.write("README.md", "# Service\n")
        try FollowThroughTests.commit(work, "Initial commit", at: "2026-01-01")
        try work.write(Self.alpha, alphaText(tick: false, summary: "Reads failed."))
        try FollowThroughTests.commit(work, "Add the cache outage", at: "2026-01-05")
        try work.write(Self.alpha, alphaText(tick: false, summary: "Reads failed for an hour."))
        try FollowThroughTests.commit(work, "Reword the cache summary", at: "2026-01-10")
        try work.write(
            Self.beta,
            FollowThroughTests.postmortem(
                title: "Queue backlog", date: "2026-02-01", items: [item(false, "Alert on queue depth")],
                minutes: (5, 10, 60, 120)))
        try FollowThroughTests.commit(work, "Add the queue backlog", at: "2026-02-01")
        try work.write(Self.alpha, alphaText(tick: true, summary: "Reads failed for an hour."))
        try FollowThroughTests.commit(work, "Tick the cache alert", at: "2026-02-10")
        try work.write(Self.alpha, alphaText(tick: true, summary: "Reads failed for an hour and a half."))
        try FollowThroughTests.commit(work, "Reword the cache summary again", at: "2026-02-15")
        try work.write("README.md", "# Service\n\nNotes.\n")
        try FollowThroughTests.commit(work, "Notes", at: "2026-02-20")
        try work.git(["push", "-q", server.root, "main"])
        return (server, work)
    }

    /// A shallow clone of `server` made by the real git over file://.
    static func clone(_ server: TemporaryRepository, _ options: [String]) throws -> TemporaryRepository {
        let clone = try TemporaryRepository(initialize: false)
        clone.extraEnvironment["PATH"] = CheckFixtures.pathWithPM
        try FileManager.default.removeItem(atPath: clone.root)
        try clone.git(["clone", "-q"] + options + ["file://" + server.root, clone.root], in: clone.base)
        #expect(FileManager.default.fileExists(atPath: clone.root + "/.git/shallow"), "a shallow clone: \(options)")
        return clone
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    static func json(_ output: ProcessOutput) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    }

    @Test(
        "search, search --history, log, actions, stats and feed work in a shallow clone, with one notice each",
        arguments: [["--depth", "1"], ["--depth", "3"], ["--shallow-since", "2026-02-05"]])
    func historyCommands(options: [String]) throws {
        let (server, _) = try Self.server()
        let clone = try Self.clone(server, options)
        let commands: [[String]] = [
            ["search", "cache"], ["search", "--history", "reads failed"], ["log", "cache-outage"],
            ["actions", "--json"], ["stats"], ["feed"], ["index"],
        ]
        for command in commands {
            let result = try clone.pm(command)
            #expect(result.status == 0, "pm \(command.joined(separator: " ")) \(options): \(result)")
            #expect(!result.stderr.contains("not found"), "\(command) \(options): \(result)")
            #expect(Self.occurrences(of: Self.notice, in: result.stderr) == 1, "\(command) \(options): \(result.stderr)")
        }
        // pm log names the commits git log names for the file in this clone.
        let log = try clone.pm(["log", "cache-outage", "--json"])
        let commits = ((try Self.json(log) as? [String: Any])?["revisions"] as? [[String: Any]] ?? []).compactMap {
            $0["commit"] as? String
        }
        let gitCommits = try clone.git(["log", "--format=%H", "--", Self.alpha]).lines
        #expect(commits == gitCommits, "\(options)")
        // The tick is in every clone's history (2026-02-10), so the completing commit is the one git shows.
        let actions =
            (try Self.json(try clone.pm(["actions", "--done", "--json"])) as? [String: Any])?["actionItems"] as? [[String: Any]]
            ?? []
        let completed = try #require(actions.first?["completed"] as? [String: Any])
        let commit = try #require(completed["commit"] as? String)
        #expect(try clone.git(["cat-file", "-t", commit]).trimmed == "commit")
        let ticking = try clone.git(["log", "--format=%H", "-G", "\\[x\\] Alert on cache misses", "--", Self.alpha]).lines
        if options != ["--depth", "1"] { #expect(ticking.last == commit, "\(options)") }
        // A full clone prints no notice.
        let full = try clone.pm(["search", "cache"], in: server.root)
        #expect(!full.stderr.contains(Self.notice))
    }

    @Test("fetching more history rebuilds the index: search --history finds the older versions")
    func deepening() throws {
        let (server, _) = try Self.server()
        let clone = try Self.clone(server, ["--depth", "1"])
        func revisions() throws -> Int? {
            let index = try clone.pm(["index", "--stats", "--json"])
            #expect(index.status == 0, "\(index)")
            return (try Self.json(index) as? [String: Any])?["revisions"] as? Int
        }
        #expect(try revisions() == 2, "the boundary commit holds one version of each postmortem")
        try clone.git(["fetch", "-q", "--unshallow"])
        let after = try clone.pm(["search", "--history", "reads failed", "--json"])
        #expect(after.status == 0, "\(after)")
        #expect(!after.stderr.contains(Self.notice))
        let log = try clone.pm(["log", "cache-outage", "--json"])
        #expect(((try Self.json(log) as? [String: Any])?["revisions"] as? [[String: Any]])?.count == 4, "\(log)")
        #expect(try revisions() == 5, "every version of both postmortems, once history is fetched")
    }
    @Test("the pre-push hook accepts good commits and refuses broken ones in a depth-1 clone")
    func prePush() throws {
        let (server, _) = try Self.server()
        let clone = try Self.clone(server, ["--depth", "1"])
        #expect(try clone.pm(["hooks", "install"]).status == 0)
        try clone.write(Self.beta, try clone.read(Self.beta).replacingOccurrences(of: "Requests failed.", with: "Jobs waited."))
        try clone.git(["commit", "-q", "-am", "Reword the queue summary"])
        let good = try clone.gitOutput(["push", "origin", "main"])
        #expect(good.status == 0, "\(good)")
        #expect(try server.git(["rev-parse", "main"]).trimmed == (try clone.git(["rev-parse", "HEAD"]).trimmed))
        try clone.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try clone.git(["add", "-A"])
        try clone.git(["commit", "-q", "--no-verify", "-m", "A postmortem without an owner"])
        let broken = try clone.gitOutput(["push", "origin", "main"])
        #expect(broken.status != 0, "\(broken)")
        #expect((broken.stdout + broken.stderr).contains("[action-item-owner]"), "\(broken)")
        #expect(broken.stderr.contains("break the rules"))
        // A new branch from a depth-1 clone: the commits no other ref has.
        try clone.git(["reset", "-q", "--hard", "HEAD~1"])
        let branch = try clone.gitOutput(["push", "origin", "main:refs/heads/topic"])
        #expect(branch.status == 0, "\(branch)")
    }

    @Test("check --rev A..B with A beyond the boundary checks the commits that are there")
    func rangeBeyondBoundary() throws {
        let (server, work) = try Self.server()
        let first = try work.git(["rev-list", "--max-parents=0", "HEAD"]).trimmed
        let clone = try Self.clone(server, ["--depth", "3"])
        #expect(try clone.gitOutput(["cat-file", "-e", first]).status != 0, "the first commit was not fetched")
        for range in ["\(first)..HEAD", "HEAD~5..HEAD", "HEAD~2..HEAD", "HEAD"] {
            let result = try clone.pm(["check", "--rev", range])
            #expect(result.status == 0, "\(range): \(result)")
        }
        // A broken postmortem above the boundary is found through a range that starts beyond it.
        try clone.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try clone.git(["add", "-A"])
        try clone.git(["commit", "-q", "-m", "A postmortem without an owner"])
        let broken = try clone.pm(["check", "--rev", "\(first)..HEAD"])
        #expect(broken.status == 1, "\(broken)")
        #expect(broken.stdout.contains("[action-item-owner]"))
        // A name that does not exist is still an error.
        #expect(try clone.pm(["check", "--rev", "no-such-branch..HEAD"]).status != 0)
    }
}
