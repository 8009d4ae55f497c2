import Foundation
import TestSupport
import Testing

/// `pm list`, `pm show` and `pm log` through the built binary on real repositories.
@Suite("Reading commands")
struct ReadCommandsTests {
    private func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("pm show --json gives every field, section, timeline entry, action item and duration")
    func showJSON() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout-api-returned-500s", text: Fixtures.postmortem())
        let result = try repo.pm(["show", "checkout", "--json"])
        #expect(result.status == 0, "\(result)")
        let object = try #require(try json(result.stdout) as? [String: Any])
        #expect(object["id"] as? String == "2026-11-20-checkout-api-returned-500s")
        #expect(object["title"] as? String == "Checkout API returned 500s to 12% of requests")
        #expect(object["date"] as? String == "2026-11-20")
        #expect(object["severity"] as? String == "SEV2")
        #expect(object["status"] as? String == "draft")
        #expect(object["services"] as? [String] == ["checkout-api", "payments-db"])
        #expect(object["tags"] as? [String] == ["database", "failover"])
        #expect(object["authors"] as? [String] == ["dana", "lee"])
        #expect(object["related"] as? [String] == ["2026-10-02-payments-db-failover"])
        let timestamps = try #require(object["timestamps"] as? [String: Any])
        #expect(timestamps["detected"] as? String == "2026-11-20T14:09:00Z")
        let frontMatter = try #require(object["frontMatter"] as? [String: Any])
        #expect(frontMatter["severity"] as? String == "SEV2")
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(
            sections.compactMap { $0["title"] as? String } == [
                "Summary", "Impact", "Timeline", "Root cause", "What went well", "What did not go well", "Action items",
            ])
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        #expect(timeline.count == 5)
        #expect(timeline.first?["timestamp"] as? String == "2026-11-20T14:02:00Z")
        #expect(timeline.last?["timestamp"] as? String == "2026-11-20T15:31:00Z")
        let items = try #require(object["actionItems"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.first?["owner"] as? String == "dana")
        #expect(items.first?["due"] as? String == "2026-12-15")
        #expect(items.first?["ticket"] as? String == "OPS-142")
        #expect(items.first?["type"] as? String == "detect")
        #expect(items.first?["done"] as? Bool == false)
        #expect(items.last?["done"] as? Bool == true)
        let durations = try #require(object["durations"] as? [String: Any])
        #expect((durations["timeToDetect"] as? NSNumber)?.intValue == 420)
        #expect((durations["timeToAcknowledge"] as? NSNumber)?.intValue == 540)
        #expect((durations["timeToMitigate"] as? NSNumber)?.intValue == 3780)
        #expect((durations["timeToResolve"] as? NSNumber)?.intValue == 5340)
    }

    @Test("pm show --short prints fields, durations, timeline and action items for a person")
    func showText() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let result = try repo.pm(["show", "postmortems/2026-11-20-checkout.md", "--short"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Checkout API returned 500s to 12% of requests"))
        #expect(result.stdout.contains("detect       7m"))
        #expect(result.stdout.contains("resolve      1h 29m"))
        #expect(result.stdout.contains("2026-11-20 14:09 UTC  Alert: checkout error rate above 5%."))
        #expect(result.stdout.contains("Action items (1 of 2 open)"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test("pm show --rev HEAD~1 shows the earlier version; --raw prints the stored bytes")
    func showRevision() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-checkout", text: Fixtures.postmortem(status: "in-review"), message: "Review")
        let now = try repo.pm(["show", "checkout", "--json"])
        let earlier = try repo.pm(["show", "checkout", "--rev", "HEAD~1", "--json"])
        #expect((try json(now.stdout) as? [String: Any])?["status"] as? String == "in-review")
        #expect((try json(earlier.stdout) as? [String: Any])?["status"] as? String == "draft")
        let raw = try repo.pm(["show", "checkout", "--rev", "HEAD~1", "--raw"])
        #expect(raw.stdout == Fixtures.postmortem())
        let bad = try repo.pm(["show", "checkout", "--rev", "no-such-rev"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown revision 'no-such-rev'"))
    }

    @Test("pm log lists revisions across a rename, newest first, with what changed")
    func logAcrossRename() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout-outage", text: Fixtures.postmortem(title: "Checkout outage"))
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-checkout-outage", text: Fixtures.postmortem(title: "Checkout outage", status: "in-review"),
            message: "Review it")
        try repo.git(["mv", "postmortems/2026-11-20-checkout-outage.md", "postmortems/2026-11-20-checkout-api-500s.md"])
        try repo.git(["commit", "-q", "-m", "Rename to a better id"])
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-checkout-api-500s",
            text: Fixtures.postmortem(title: "Checkout outage", status: "in-review", extraSummary: " More detail."),
            message: "More detail")

        let result = try repo.pm(["log", "checkout", "--json"])
        #expect(result.status == 0, "\(result)")
        let entries = try #require((try json(result.stdout) as? [String: Any])?["revisions"] as? [[String: Any]])
        #expect(
            entries.compactMap { $0["message"] as? String } == [
                "More detail", "Rename to a better id", "Review it", "Add 2026-11-20-checkout-outage",
            ])
        #expect(entries[1]["renamedFrom"] as? String == "postmortems/2026-11-20-checkout-outage.md")
        #expect((entries[2]["changes"] as? [String])?.contains("status draft → in-review") == true)
        #expect((entries[0]["changes"] as? [String])?.contains("edited Summary") == true)
        #expect(entries.compactMap { $0["author"] as? String }.allSatisfy { $0 == "Dana Reyes" })

        let text = try repo.pm(["log", "checkout"])
        #expect(text.stdout.contains("renamed from postmortems/2026-11-20-checkout-outage.md"))
        let limited = try repo.pm(["log", "checkout", "-n", "1", "--json"])
        #expect(((try json(limited.stdout) as? [String: Any])?["revisions"] as? [[String: Any]])?.count == 1)
    }

    @Test("pm list: aligned table, filters, sorting, JSON")
    func list() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-checkout", text: Fixtures.postmortem(title: "Checkout failed", date: "2026-11-20"))
        try Fixtures.commitPostmortem(
            repo, id: "2026-10-02-payments-db",
            text: Fixtures.postmortem(
                title: "Payments DB failover", date: "2026-10-02", status: "published", severity: "SEV1",
                services: "[payments-db]"))
        try Fixtures.commitPostmortem(
            repo, id: "2026-12-01-dns",
            text: Fixtures.postmortem(title: "DNS résolution ☃ failed", date: "2026-12-01", severity: "SEV3", services: "[dns]"))

        let all = try repo.pm(["list"])
        #expect(all.status == 0, "\(all)")
        let lines = all.stdout.lines
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("ID"))
        #expect(lines[1].hasPrefix("2026-12-01-dns"))
        #expect(lines[3].hasPrefix("2026-10-02-payments-db"))
        // Columns align: every row has its DATE at the same display column.
        let dateColumn = lines[0].range(of: "DATE").map { lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound) }
        for line in lines.dropFirst() {
            #expect(line.range(of: "2026-").map { line.distance(from: line.startIndex, to: $0.lowerBound) } != nil)
            let second = line.ranges(of: "2026-").dropFirst().first.map {
                line.distance(from: line.startIndex, to: $0.lowerBound)
            }
            #expect(second == dateColumn)
        }

        let severe = try repo.pm(["list", "--severity", "sev1,SEV2", "--sort", "severity"])
        #expect(
            severe.stdout.lines.dropFirst().map { String($0.prefix(22)) } == ["2026-10-02-payments-db", "2026-11-20-checkout   "])
        let service = try repo.pm(["list", "--service", "payments-db", "--status", "published", "--json"])
        let entries = try #require((try json(service.stdout) as? [String: Any])?["postmortems"] as? [[String: Any]])
        #expect(entries.compactMap { $0["id"] as? String } == ["2026-10-02-payments-db"])
        #expect(entries.first?["openActionItems"] as? Int == 1)
        let range = try repo.pm(["list", "--since", "2026-11-01", "--until", "2026-11-30", "--json"])
        #expect(
            ((try json(range.stdout) as? [String: Any])?["postmortems"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                == [
                    "2026-11-20-checkout"
                ])
        let reversed = try repo.pm(["list", "--reverse"])
        #expect(reversed.stdout.lines[1].hasPrefix("2026-10-02-payments-db"))
        let earlier = try repo.pm(["list", "--rev", "HEAD~1", "--json"])
        #expect(((try json(earlier.stdout) as? [String: Any])?["postmortems"] as? [[String: Any]])?.count == 2)
        let badSeverity = try repo.pm(["list", "--severity", "SEV9"])
        #expect(badSeverity.status == 64)
    }

    @Test("pm list on an empty repository says how to start")
    func listEmpty() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let result = try repo.pm(["list"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("pm new"))
    }

    @Test("a malformed postmortem is still listed, with its first error on stderr")
    func listMalformed() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-broken", text: "---\ntitle: [unclosed\n---\n")
        let result = try repo.pm(["list"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("invalid"))
        #expect(result.stderr.contains("postmortems/2026-11-20-broken.md:2:"))
    }

    @Test("control characters and escape sequences from a document never reach the terminal")
    func escapesStripped() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-evil", text: Fixtures.postmortem(title: "Evil \u{1B}[2J\u{1B}]0;pwned\u{07} title"))
        for arguments in [["list"], ["show", "evil"]] {
            let result = try repo.pm(arguments)
            #expect(result.status == 0)
            #expect(!result.stdout.contains("\u{1B}"))
            #expect(!result.stdout.contains("\u{07}"))
            #expect(result.stdout.contains("Evil  title"))
        }
    }

    @Test("pm show exits 1 for a document with errors, and still shows what it could read")
    func showErrors() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            "postmortems/2026-11-20-bad.md",
            Fixtures.postmortem().replacingOccurrences(of: "date: 2026-11-20", with: "date: 2026-13-01"))
        let result = try repo.pm(["show", "bad"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Checkout API returned 500s"))
        #expect(result.stderr.contains("postmortems/2026-11-20-bad.md:3:7:"))
        #expect(try repo.pm(["show", "bad", "--json"]).status == 1)
    }

    @Test("--author folds accents: zoe finds Zoë")
    func authorFilterFoldsAccents() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let text = Fixtures.postmortem().replacingOccurrences(of: "authors: [dana, lee]", with: "authors: [Zoë]")
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: text)
        #expect(try repo.pm(["list", "--author", "zoe", "--json"]).stdout.contains("2026-11-20-checkout"))
    }

    @Test("pm log --json has every key, renamedFrom null for a revision that renamed nothing")
    func logJSONHasEveryKey() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let log = try repo.pm(["log", "checkout", "--json"])
        let history = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])
        let entries = try #require(history["revisions"] as? [[String: Any]])
        #expect(entries.first?["renamedFrom"] is NSNull)
    }
}
