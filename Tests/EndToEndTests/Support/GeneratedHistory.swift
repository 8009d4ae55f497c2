import Foundation
import TestSupport

/// A history of postmortems made in one `git fast-import` run: long enough that building the search index takes a
/// while, quick to make. Some revisions mention "quokka", so a search for it has an answer git grep can check.
enum GeneratedHistory {
    static let words = [
        "pool", "replica", "failover", "latency", "cache", "queue", "shard", "timeout", "certificate", "quota", "disk",
        "memory", "deploy", "rollback", "alert", "paging", "kafka", "redis", "resolver", "throttle",
    ]

    static func id(_ number: Int) -> String { "2025-01-\(String(format: "%02d", number % 28 + 1))-generated-incident-\(number)" }

    static func text(_ number: Int, revision: Int, random: inout SeededRandom) -> String {
        let body = (0..<80).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
        let marker = (number + revision) % 4 == 0 ? " The quokka dashboard showed it first." : ""
        return """
            ---
            title: "Generated incident \(number)"
            date: 2025-01-\(String(format: "%02d", number % 28 + 1))
            severity: SEV3
            status: draft
            services: [service-\(number % 7)]
            tags: [generated]
            authors: [dana]
            ---

            ## Summary
            Revision \(revision) of generated incident \(number).\(marker)

            ## Impact
            \(body)

            ## Timeline
            - 14:02 An alert fired.

            ## Root cause
            \(body)

            ## Action items
            - [ ] Add an alert — owner: @dana — due: 2026-01-01

            """
    }

    /// Fills the empty repository `repo` with `commits` commits over `postmortems` files on main, and checks it out.
    static func fastImport(into repo: TemporaryRepository, postmortems: Int, commits: Int, seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var revisions = [Int](repeating: 0, count: postmortems)
        var stream = ""
        for commit in 0..<commits {
            let number = commit < postmortems ? commit : Int(random.next() % UInt64(postmortems))
            revisions[number] += 1
            let data = text(number, revision: revisions[number], random: &random)
            let message = "Revise generated incident \(number)\n"
            stream += "commit refs/heads/main\n"
            stream += "committer Dana Reyes <dana@example.com> \(1_735_000_000 + commit * 60) +0000\n"
            stream += "data \(message.utf8.count)\n\(message)"
            stream += "M 100644 inline postmortems/\(id(number)).md\n"
            stream += "data \(data.utf8.count)\n\(data)\n"
        }
        guard let git = Shell.which("git") else { throw TestFailure("git is not on PATH") }
        let output = try Shell.run(
            git, ["fast-import", "--quiet"], in: repo.root, environment: repo.environment, input: stream)
        guard output.status == 0 else { throw TestFailure("git fast-import failed: \(output)") }
        try repo.git(["reset", "-q", "--hard"])
    }
}
