import Foundation
import TestSupport
import Testing

/// `pm actions`, `pm remind` and `pm stats` on a repository whose history is made with git at known dates, so
/// every answer (completion dates, overdue counts, medians) is computed here by hand.
@Suite("Follow-through: actions, remind, stats")
struct FollowThroughTests {
    /// A postmortem with the given action items and incident timestamps (minutes after `started` at 10:00Z).
    static func postmortem(
        title: String, date: String, severity: String = "SEV2", services: String = "[checkout-api]", items: [String],
        minutes: (detect: Int, acknowledge: Int, mitigate: Int, resolve: Int?)?
    ) -> String {
        var timestamps = ""
        if let minutes {
            func at(_ offset: Int) -> String {
                String(format: "%@T%02d:%02d:00Z", date, 10 + offset / 60, offset % 60)
            }
            timestamps = "started: \(at(0))\ndetected: \(at(minutes.detect))\nacknowledged: \(at(minutes.acknowledge))\n"
            timestamps += "mitigated: \(at(minutes.mitigate))\n"
            if let resolve = minutes.resolve { timestamps += "resolved: \(at(resolve))\n" }
        }
        return """
            ---
            title: "\(title)"
            date: \(date)
            severity: \(severity)
            status: draft
            services: \(services)
            \(timestamps)---

            ## Summary
            Requests failed.

            ## Impact
            Some customers saw errors.

            ## Timeline
            - 10:00 Errors begin.

            ## Root cause
            A cache held a stale address.

            ## Action items
            \(items.joined(separator: "\n"))

            """
    }

    /// Commits every change at `date` (author and committer), like a person working on that day.
    static func commit(_ repo: TemporaryRepository, _ message: String, at date: String) throws {
        let stamp = "\(date)T12:00:00Z"
        try repo.git(["add", "-A"])
        try repo.git(
            ["commit", "-q", "-m", message], environment: ["GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp])
    }

    static let alpha = "postmortems/2026-01-05-cache-outage.md"
    static let beta = "postmortems/2026-02-01-queue-backlog.md"
    static let gamma = "postmortems/2026-02-20-dns-failure.md"

    /// Three postmortems and a history of ticking, unticking and editing their action items:
    /// - alpha#1 dana due 01-20 open; alpha#2 lee due 02-01, ticked 01-15 (its due date edited on 01-18, still
    ///   ticked); alpha#3 dana due 03-01 open.
    /// - beta#1 lee written ticked on 02-01; beta#2 lee due 02-10 open; beta#3 dana ticked 02-05, unticked 02-06,
    ///   ticked again 02-08 (with its text re-spaced and capitalised); beta#4 has no owner, due 02-15 open.
    /// - gamma: no action items, timestamps without `resolved`.
    static func repository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "# Service\n")
        try commit(repo, "Initial commit", at: "2026-01-01")
        func alphaText(tick2: Bool, due2: String) -> String {
            postmortem(
                title: "Cache outage", date: "2026-01-05",
                items: [
                    "- [ ] Alert on cache misses — owner: @dana — due: 2026-01-20 — ticket: OPS-1",
                    "- [\(tick2 ? "x" : " ")] Pin the cache version — owner: @lee — due: \(due2)",
                    "- [ ] Add a cache runbook — owner: @dana — due: 2026-03-01",
                ], minutes: (5, 10, 60, 120))
        }
        try repo.write(alpha, alphaText(tick2: false, due2: "2026-02-01"))
        try commit(repo, "Add the cache outage", at: "2026-01-05")
        try repo.write(
            alpha, alphaText(tick2: false, due2: "2026-02-01").replacingOccurrences(of: "Requests failed.", with: "Reads failed.")
        )
        try commit(repo, "Reword the summary", at: "2026-01-10")
        try repo.write(
            alpha, alphaText(tick2: true, due2: "2026-02-01").replacingOccurrences(of: "Requests failed.", with: "Reads failed."))
        try commit(repo, "Tick alpha 2", at: "2026-01-15")
        try repo.write(
            alpha, alphaText(tick2: true, due2: "2026-01-25").replacingOccurrences(of: "Requests failed.", with: "Reads failed."))
        try commit(repo, "Move alpha 2's due date", at: "2026-01-18")

        func betaText(tick3: Bool, respaced: Bool = false) -> String {
            postmortem(
                title: "Queue backlog", date: "2026-02-01", severity: "SEV1", services: "[queue, checkout-api]",
                items: [
                    "- [x] Drain the queue — owner: @lee — due: 2026-02-02",
                    "- [ ] Alert on queue depth — owner: @lee — due: 2026-02-10",
                    "- [\(tick3 ? "x" : " ")] \(respaced ? "Scale  the Consumers" : "Scale the consumers") — owner: @dana — due: 2026-02-12",
                    "- [ ] Review the retry policy — due: 2026-02-15",
                ], minutes: (20, 21, 50, 240))
        }
        try repo.write(beta, betaText(tick3: false))
        try commit(repo, "Add the queue backlog", at: "2026-02-01")
        try repo.write(beta, betaText(tick3: true))
        try commit(repo, "Tick beta 3", at: "2026-02-05")
        try repo.write(beta, betaText(tick3: false))
        try commit(repo, "Untick beta 3: not done after all", at: "2026-02-06")
        try repo.write(beta, betaText(tick3: true, respaced: true))
        try commit(repo, "Tick beta 3 again", at: "2026-02-08")

        try repo.write(
            gamma,
            postmortem(
                title: "DNS failure", date: "2026-02-20", severity: "SEV3", services: "[dns]", items: [],
                minutes: (1, 30, 45, nil)))
        try commit(repo, "Add the DNS failure", at: "2026-02-20")
        return repo
    }

    struct Item: Decodable {
        let reference: String
        let owner: String?
        let due: String?
        let done: Bool
        let overdue: Bool
        let daysOverdue: Int?
        let ticket: String?
        let completed: Mark?
        let opened: Mark?

        struct Mark: Decodable {
            let commit: String
            let date: String
        }
    }

    /// What `pm actions --json` prints.
    struct Items: Decodable {
        let version: Int
        let actionItems: [Item]
    }

    static func items(_ repo: TemporaryRepository, _ arguments: [String] = []) throws -> [Item] {
        let output = try repo.pm(["actions", "--json", "--as-of", "2026-03-15"] + arguments)
        #expect(output.status == 0, "\(output)")
        return try JSONDecoder().decode(Items.self, from: Data(output.stdout.utf8)).actionItems
    }

    @Test("completion dates come from the commits that ticked the boxes, across edits, unticks and re-spacing")
    func completionDates() throws {
        let repo = try FollowThroughTests.repository()
        let all = try FollowThroughTests.items(repo)
        let byReference = Dictionary(uniqueKeysWithValues: all.map { ($0.reference, $0) })
        #expect(all.count == 7)
        func commit(_ subject: String) throws -> String {
            try repo.git(["log", "--format=%H", "--grep", "^\(subject)$"]).trimmed
        }
        let alpha2 = try #require(byReference["2026-01-05-cache-outage#2"])
        #expect(alpha2.done && alpha2.completed?.date == "2026-01-15T12:00:00Z")
        #expect(alpha2.completed?.commit == (try commit("Tick alpha 2")))
        #expect(alpha2.opened?.date == "2026-01-05T12:00:00Z")
        let beta1 = try #require(byReference["2026-02-01-queue-backlog#1"])
        #expect(beta1.completed?.date == "2026-02-01T12:00:00Z", "written ticked: done when it was added")
        let beta3 = try #require(byReference["2026-02-01-queue-backlog#3"])
        #expect(beta3.completed?.commit == (try commit("Tick beta 3 again")))
        #expect(beta3.opened?.date == "2026-02-01T12:00:00Z")
        for open in ["2026-01-05-cache-outage#1", "2026-01-05-cache-outage#3", "2026-02-01-queue-backlog#2"] {
            #expect(byReference[open]?.done == false && byReference[open]?.completed == nil, "\(open)")
        }
    }

    @Test("overdue items per owner, the filters, and the sort by due date")
    func overdueByOwner() throws {
        let repo = try FollowThroughTests.repository()
        // On 2026-03-15: alpha#1 (due 01-20, 54 days), alpha#3 (due 03-01, 14 days), beta#2 (due 02-10, 33 days),
        // beta#4 (no owner, due 02-15, 28 days).
        let overdue = try FollowThroughTests.items(repo, ["--overdue"])
        #expect(
            overdue.map(\.reference) == [
                "2026-01-05-cache-outage#1", "2026-02-01-queue-backlog#2", "2026-02-01-queue-backlog#4",
                "2026-01-05-cache-outage#3",
            ])
        #expect(overdue.map(\.daysOverdue) == [54, 33, 28, 14])
        #expect(try FollowThroughTests.items(repo, ["--overdue", "--owner", "@dana"]).count == 2)
        #expect(try FollowThroughTests.items(repo, ["--overdue", "--owner", "LEE"]).count == 1)
        #expect(try FollowThroughTests.items(repo, ["--done"]).count == 3)
        #expect(try FollowThroughTests.items(repo, ["--open", "--severity", "SEV1"]).count == 2)
        // Due before 02-02: alpha#1 (01-20) and alpha#2 (moved to 01-25); beta#1, due that day, is not.
        #expect(
            try FollowThroughTests.items(repo, ["--due-before", "2026-02-02"]).map(\.reference) == [
                "2026-01-05-cache-outage#1", "2026-01-05-cache-outage#2",
            ])
        // On its due day an item is due, not late.
        let early = try repo.pm(["actions", "--overdue", "--as-of", "2026-01-20", "--json"])
        #expect(try JSONDecoder().decode(Items.self, from: Data(early.stdout.utf8)).actionItems.isEmpty)

        let text = try repo.pm(["actions", "--open", "--as-of", "2026-03-15"])
        #expect(text.status == 0, "\(text)")
        let lines = text.stdout.lines
        #expect(lines.first?.hasPrefix("REF") == true)
        #expect(lines.count == 5)
        #expect(lines[1].contains("2026-01-05-cache-outage#1") && lines[1].contains("54d") && lines[1].contains("OPS-1"))
        #expect(text.stderr.contains("4 action items: 4 open (4 overdue), 0 done"))
        let conflicting = try repo.pm(["actions", "--done", "--overdue"])
        #expect(conflicting.status == 64 && conflicting.stderr.contains("--done"))
    }

    @Test("pm actions --sort owner, overdue and ref order the items as asked")
    func sortOrders() throws {
        let repo = try FollowThroughTests.repository()
        let byOwner = try FollowThroughTests.items(repo, ["--open", "--sort", "owner"]).map(\.reference)
        // dana's two (by due date), lee's one, then the item without an owner.
        #expect(
            byOwner == [
                "2026-01-05-cache-outage#1", "2026-01-05-cache-outage#3", "2026-02-01-queue-backlog#2",
                "2026-02-01-queue-backlog#4",
            ])
        let byOverdue = try FollowThroughTests.items(repo, ["--sort", "overdue"])
        #expect(byOverdue.prefix(4).map(\.daysOverdue) == [54, 33, 28, 14])
        #expect(byOverdue.dropFirst(4).allSatisfy { $0.done })
        let byReference = try FollowThroughTests.items(repo, ["--sort", "ref"]).map(\.reference)
        #expect(
            byReference == (1...3).map { "2026-01-05-cache-outage#\($0)" } + (1...4).map { "2026-02-01-queue-backlog#\($0)" })
        let unknown = try repo.pm(["actions", "--sort", "owners"])
        #expect(unknown.status == 64 && unknown.stderr.contains("owner"))
    }

    @Test("pm remind groups the overdue items by owner in text, Markdown and JSON, and exits 0")
    func remind() throws {
        let repo = try FollowThroughTests.repository()
        let text = try repo.pm(["remind", "--as-of", "2026-03-15"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.hasPrefix("4 action items are overdue on 2026-03-15, for 2 owners."))
        let owners = text.stdout.lines.filter { $0.hasPrefix("@") || $0.hasPrefix("(no owner)") }
        #expect(owners == ["@dana  2 overdue", "@lee  1 overdue", "(no owner)  1 overdue"])

        let markdown = try repo.pm(["remind", "--format", "markdown", "--as-of", "2026-03-15"])
        #expect(markdown.status == 0)
        #expect(
            markdown.stdout.contains("### @dana (2)\n\n- [ ] **Alert on cache misses** — due 2026-01-20, 54 days late — OPS-1"))
        #expect(markdown.stdout.contains("### No owner (1)"))

        struct Digest: Decodable {
            let date: String
            let overdue: Int
            let owners: [Owner]
            struct Owner: Decodable {
                let owner: String?
                let items: [Item]
            }
        }
        let json = try repo.pm(["remind", "--format", "json", "--as-of", "2026-03-15"])
        let digest = try JSONDecoder().decode(Digest.self, from: Data(json.stdout.utf8))
        #expect(digest.overdue == 4 && digest.date == "2026-03-15")
        #expect(digest.owners.map(\.owner) == ["dana", "lee", nil])
        #expect(digest.owners[0].items.map(\.reference) == ["2026-01-05-cache-outage#1", "2026-01-05-cache-outage#3"])

        let lee = try repo.pm(["remind", "--owner", "@Lee", "--format", "json", "--as-of", "2026-03-15"])
        let leeDigest = try JSONDecoder().decode(Digest.self, from: Data(lee.stdout.utf8))
        #expect(leeDigest.overdue == 1 && leeDigest.owners.map(\.owner) == ["lee"])

        let none = try repo.pm(["remind", "--as-of", "2026-01-06"])
        #expect(none.status == 0 && none.stdout.trimmed == "No action item is overdue on 2026-01-06.")
    }

    struct Statistics: Decodable {
        let groupedBy: String?
        let total: Group
        let groups: [Group]

        struct Group: Decodable {
            let key: String
            let incidents: Int
            let timeToDetect: Summary
            let timeToAcknowledge: Summary
            let timeToMitigate: Summary
            let timeToResolve: Summary
            let actionItems: Items
        }

        struct Summary: Decodable {
            let count: Int
            let medianSeconds: Double?
            let p90Seconds: Double?
        }

        struct Items: Decodable {
            let total: Int
            let done: Int
            let open: Int
            let overdue: Int
            let completionRate: Double?
            let timeToClose: Summary
        }
    }

    @Test("pm stats: MTTx medians and p90, action-item completion and time to close, by hand")
    func statistics() throws {
        let repo = try FollowThroughTests.repository()
        let output = try repo.pm(["stats", "--json", "--as-of", "2026-03-15"])
        #expect(output.status == 0, "\(output)")
        let statistics = try JSONDecoder().decode(Statistics.self, from: Data(output.stdout.utf8))
        let total = statistics.total
        #expect(total.incidents == 3)
        // Detect: 5, 20, 1 minutes → sorted 1, 5, 20: median 5; p90 at rank 1.8: 5 + 0.8 × 15 = 17 minutes.
        #expect(total.timeToDetect.count == 3)
        #expect(total.timeToDetect.medianSeconds == 300)
        #expect(total.timeToDetect.p90Seconds == 17.0 * 60)
        // Acknowledge: 10, 21, 30 → median 21; p90: 21 + 0.8 × 9 = 28.2 minutes.
        #expect(total.timeToAcknowledge.medianSeconds == 21.0 * 60)
        #expect(abs((total.timeToAcknowledge.p90Seconds ?? 0) - 28.2 * 60) < 0.001)
        // Resolve: 120, 240 (gamma has no `resolved`) → median 180; p90: 120 + 0.9 × 120 = 228 minutes.
        #expect(total.timeToResolve.count == 2)
        #expect(total.timeToResolve.medianSeconds == 180.0 * 60)
        #expect(total.timeToResolve.p90Seconds == 228.0 * 60)
        // 7 items, 3 done (alpha#2, beta#1, beta#3), 4 overdue on 03-15.
        #expect(total.actionItems.total == 7 && total.actionItems.done == 3 && total.actionItems.open == 4)
        #expect(total.actionItems.overdue == 4)
        #expect(abs((total.actionItems.completionRate ?? 0) - 3.0 / 7.0) < 1e-9)
        // Time to close: alpha#2 10 days (01-05 → 01-15), beta#1 0 days, beta#3 7 days (02-01 → 02-08):
        // median 7 days; p90 at rank 1.8: 7 + 0.8 × 3 = 9.4 days.
        let day = 86_400.0
        #expect(total.actionItems.timeToClose.count == 3)
        #expect(total.actionItems.timeToClose.medianSeconds == 7 * day)
        #expect(abs((total.actionItems.timeToClose.p90Seconds ?? 0) - 9.4 * day) < 0.001)

        let byMonth = try JSONDecoder().decode(
            Statistics.self, from: Data(try repo.pm(["stats", "--by", "month", "--json", "--as-of", "2026-03-15"]).stdout.utf8))
        #expect(byMonth.groupedBy == "month")
        #expect(byMonth.groups.map(\.key) == ["2026-01", "2026-02"])
        #expect(byMonth.groups.map(\.incidents) == [1, 2])
        let byQuarter = try JSONDecoder().decode(
            Statistics.self, from: Data(try repo.pm(["stats", "--by", "quarter", "--json"]).stdout.utf8))
        #expect(byQuarter.groups.map(\.key) == ["2026-Q1"] && byQuarter.groups.map(\.incidents) == [3])
        let byService = try JSONDecoder().decode(
            Statistics.self, from: Data(try repo.pm(["stats", "--by", "service", "--json"]).stdout.utf8))
        // beta names two services and counts in both.
        #expect(byService.groups.map(\.key) == ["checkout-api", "dns", "queue"])
        #expect(byService.groups.map(\.incidents) == [2, 1, 1])
        let bySeverity = try JSONDecoder().decode(
            Statistics.self, from: Data(try repo.pm(["stats", "--by", "severity", "--json"]).stdout.utf8))
        #expect(bySeverity.groups.map(\.key) == ["SEV1", "SEV2", "SEV3"])
        let since = try JSONDecoder().decode(
            Statistics.self, from: Data(try repo.pm(["stats", "--since", "2026-02-01", "--json"]).stdout.utf8))
        #expect(since.total.incidents == 2)
    }

    @Test("pm stats draws bars and sparklines on a terminal and writes CSV for spreadsheets")
    func statisticsText() throws {
        let repo = try FollowThroughTests.repository()
        let text = try repo.pm(["stats", "--by", "month", "--as-of", "2026-03-15"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.hasPrefix("3 incidents from 2026-01-05 to 2026-02-20, by month"))
        let january = try #require(text.stdout.lines.first { $0.hasPrefix("2026-01") })
        let february = try #require(text.stdout.lines.first { $0.hasPrefix("2026-02") })
        // February has twice January's incidents: a full bar of 20 cells against half of one.
        #expect(february.contains(String(repeating: "█", count: 20)))
        #expect(january.contains(String(repeating: "█", count: 10)) && !january.contains(String(repeating: "█", count: 11)))
        #expect(january.contains("5m") && january.contains("2h 00m"))
        #expect(text.stdout.contains("MTTD  time to detect           5m     17m    3 of 3"))
        #expect(text.stdout.contains("  incidents   ▁█"))
        #expect(text.stdout.contains("Action items: 7 in all; 3 done (43%), 4 open, 4 overdue"))
        #expect(text.stdout.contains("Time to close an item: median 7d 0h, p90 9d 9h (3 closed items"))

        let csv = try repo.pm(["stats", "--by", "severity", "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 5)
        #expect(rows[0].hasPrefix("group,incidents,mttd_median_s,mttd_p90_s,mttd_count,"))
        #expect(rows[1].hasPrefix("SEV1,1,1200,1200,1,"))
        #expect(rows[4].hasPrefix("all,3,300,1020,3,"))
    }

    @Test("pm actions done ticks one checkbox in one commit that changes only that line")
    func actionsDone() throws {
        let repo = try FollowThroughTests.repository()
        try repo.write("notes.txt", "unstaged work\n")
        let before = try repo.read(FollowThroughTests.alpha)
        let done = try repo.pm(
            ["actions", "done", "cache-outage#3"],
            environment: ["GIT_AUTHOR_DATE": "2026-03-02T09:30:00Z", "GIT_COMMITTER_DATE": "2026-03-02T09:30:00Z"])
        #expect(done.status == 0, "\(done)")
        #expect(done.stdout.trimmed == "2026-01-05-cache-outage#3: done — Add a cache runbook")
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Close action item 2026-01-05-cache-outage#3")
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "11")
        let diff = try repo.git(["show", "--format=", "--unified=0", "HEAD"])
        let changed = diff.lines.filter {
            ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---")
        }
        #expect(
            changed == [
                "-- [ ] Add a cache runbook — owner: @dana — due: 2026-03-01",
                "+- [x] Add a cache runbook — owner: @dana — due: 2026-03-01",
            ])
        #expect(
            try repo.read(FollowThroughTests.alpha)
                == before.replacingOccurrences(of: "- [ ] Add a cache", with: "- [x] Add a cache"))
        #expect(try repo.git(["status", "--porcelain"]) == "?? notes.txt\n")
        #expect(try repo.gitOutput(["fsck", "--strict"]).status == 0)

        let item = try #require(try FollowThroughTests.items(repo).first { $0.reference == "2026-01-05-cache-outage#3" })
        #expect(item.done && item.completed?.date == "2026-03-02T09:30:00Z")

        let again = try repo.pm(["actions", "done", "cache-outage#3"])
        #expect(again.status == 0 && again.stderr.contains("already done"))
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "11")
    }

    @Test("pm actions done refuses a missing item, a bad reference and uncommitted edits, and changes nothing")
    func actionsDoneRefusals() throws {
        let repo = try FollowThroughTests.repository()
        let head = try repo.git(["rev-parse", "HEAD"])
        let missing = try repo.pm(["actions", "done", "cache-outage#9"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("\(FollowThroughTests.alpha):"))
        #expect(missing.stderr.contains("there is no action item 9: the postmortem has 3 (1–3)"))
        let malformed = try repo.pm(["actions", "done", "cache-outage"])
        #expect(malformed.status == 64 && malformed.stderr.contains("<postmortem>#<n>"))
        let unknown = try repo.pm(["actions", "done", "no-such-incident#1"])
        #expect(unknown.status != 0)
        try repo.write(FollowThroughTests.alpha, try repo.read(FollowThroughTests.alpha) + "\nA note.\n")
        let dirty = try repo.pm(["actions", "done", "cache-outage#1"])
        #expect(dirty.status == 2 && dirty.stderr.contains("uncommitted changes"))
        #expect(try repo.git(["rev-parse", "HEAD"]) == head)
    }
}
