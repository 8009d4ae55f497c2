import Foundation
import TestSupport
import Testing

/// A team adopting pm on the collection it already keeps: `pm init` reports it, `pm import` converts it in one
/// commit that keeps the history, `pm check --write-baseline` records today's findings, and from then on the
/// checks and hooks hold the line on new findings only.
@Suite("Adopting pm in an existing repository")
struct AdoptionTests {
    /// The collection, in the shapes teams keep: a UUID-named export with its own fields and no headings, a Jekyll
    /// post with bold labels, plain Markdown with an H1 and its own headings. Committed in two commits, so there is
    /// history before the import.
    private func repository() throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            "incidents/0b6f4c2e-5d1a-4a8e-9c3b-7e2f1a9d4c61.md",
            """
            ---
            uuid: 0b6f4c2e-5d1a-4a8e-9c3b-7e2f1a9d4c61
            url: https://status.example.com/incidents/kv-2025-03
            title: Workers KV read failures in Europe
            categories: [storage, cloud]
            keywords: [kv, replication, europe]
            company: Example Cloud
            product: Workers KV
            start_time: 2025-03-14T09:12:00Z
            end_time: 2025-03-14T11:40:00Z
            summary: Reads from the KV store failed for 8% of requests in three European regions after a replication change.
            ---

            On March 14 a change to the replication topology left three European regions reading from a replica that
            had stopped receiving writes. Reads of keys written after 09:12 returned stale values or errors.

            The change had passed its canary because the canary region was not one of the three. Engineers rolled the
            topology back at 11:05, and the replicas caught up by 11:40.

            """)
        try repo.write(
            "incidents/9d2a7b14-3e8c-4f6a-b1d5-2c9e8f7a6b03.md",
            """
            ---
            uuid: 9d2a7b14-3e8c-4f6a-b1d5-2c9e8f7a6b03
            title: DNS resolution timeouts for customer domains
            company: Example Cloud
            product: DNS
            start_time: 2024-11-02T22:05:00Z
            end_time: 2024-11-02T23:01:00Z
            summary: A resolver fleet upgrade doubled query latency until queries for customer domains timed out.
            ---

            The upgraded resolver build sized its cache at a quarter of the old one. Under the evening peak the hit
            rate fell from 96% to 71%, upstream queries doubled, and about 12% of queries for customer domains timed
            out.

            """)
        try repo.commitAll("Incident reports, as we kept them")
        try repo.write(
            "incidents/2024-06-20-checkout-latency.md",
            """
            ---
            layout: post
            title: "Checkout latency during the summer sale"
            date: 2024-06-20 18:30:00 +0000
            tags: [checkout, database]
            ---

            **Summary:** Checkout took up to 9 seconds for 40 minutes at the start of the summer sale.

            **Impact:** About 3,000 orders took longer than 5 seconds; 210 carts were abandoned.

            **Root cause:** The orders table lacked an index on the new `campaign_id` column.

            """)
        try repo.write(
            "incidents/cache-stampede.md",
            """
            # Cache stampede after the config deploy

            Date: 2025-01-08

            ## What happened
            A config deploy flushed the product cache in every region at once.

            ## Root Cause
            The deploy tool restarted cache nodes in parallel instead of one region at a time.

            """)
        try repo.commitAll("Two more reports")
        return repo
    }

    @Test("init reports the collection; import, then a baseline: check passes, hooks hold the line, history stays")
    func adoption() throws {
        let repo = try repository()
        let headBefore = try repo.git(["rev-parse", "HEAD"])
        let initialized = try repo.pm(["init", "--directory", "incidents"])
        #expect(initialized.status == 0, "\(initialized)")
        #expect((initialized.stdout + initialized.stderr).contains("4"), "\(initialized)")
        #expect((initialized.stdout + initialized.stderr).contains("pm import"), "\(initialized)")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/incidents/README.md"))

        let dryRun = try repo.pm(["import", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun)")
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)

        let imported = try repo.pm(["import"])
        #expect(imported.status == 0, "\(imported)")
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
        // Renames, as git itself sees them (a file too short to stay above git's threshold once converted is moved
        // unchanged in a commit of its own first).
        let changes = try repo.git(["diff", "-M", "--name-status", headBefore.trimmed, "HEAD", "--", "incidents"]).lines
        // The Jekyll post already has a pm-shaped name (YYYY-MM-DD-slug): it is converted in place.
        #expect(changes.count == 4, "\(changes)")
        #expect(changes.filter { $0.hasPrefix("R") }.count == 3, "\(changes)")
        #expect(changes.contains("M\tincidents/2024-06-20-checkout-latency.md"), "\(changes)")
        let kv = "incidents/2025-03-14-workers-kv-read-failures-in-europe.md"
        #expect(changes.contains { $0.hasSuffix("\t" + kv) }, "\(changes)")
        #expect(try repo.git(["log", "--follow", "--format=%s", "--", kv]).lines.count == 2)
        let log = try repo.pm(["log", "workers-kv"])
        #expect(log.stdout.contains("Incident reports, as we kept them"), "\(log)")

        // Nothing lost: every field value and every paragraph is still in the converted file.
        let converted = try repo.read(kv)
        for text in [
            "uuid: 0b6f4c2e-5d1a-4a8e-9c3b-7e2f1a9d4c61", "url: https://status.example.com/incidents/kv-2025-03",
            "company: Example Cloud", "Reads from the KV store failed for 8% of requests",
            "Engineers rolled the\ntopology back at 11:05",
        ] {
            #expect(converted.contains(text), "\(text)\n\(converted)")
        }

        // Dates in the list, timestamps in the statistics.
        let list = try repo.pm(["list"])
        #expect(list.stdout.contains("2025-03-14"), "\(list)")
        #expect(list.stdout.contains("2024-06-20"), "\(list)")
        #expect(list.stdout.contains("2025-01-08"), "\(list)")
        let stats = try repo.pm(["stats", "--json"])
        #expect(stats.status == 0)
        // The two exports' start_time and end_time became started and resolved.
        let durations = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        let resolve = (durations?["total"] as? [String: Any])?["timeToResolve"] as? [String: Any]
        #expect(resolve?["count"] as? Int == 2, "\(stats)")

        // Search reads their fields.
        let search = try repo.pm(["search", "company:\"Example Cloud\"", "--json"])
        #expect(search.stdout.contains("workers-kv"), "\(search)")

        // The baseline: today's findings recorded in one commit, then check passes.
        let before = try repo.pm(["check", "--all"])
        #expect(before.status == 1, "\(before)")
        let baseline = try repo.pm(["check", "--write-baseline"])
        #expect(baseline.status == 0, "\(baseline)")
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
        let after = try repo.pm(["check", "--all"])
        #expect(after.status == 0, "\(after)")

        // The hooks (installed by pm init, calling pm from PATH) accept an edit to an old document...
        let path = (PMBinary.path as NSString).deletingLastPathComponent + ":" + (repo.environment["PATH"] ?? "")
        repo.extraEnvironment["PATH"] = path
        try repo.write(kv, converted + "\nThe replicas now report their lag to the canary.\n")
        let accepted = try repo.gitOutput(["commit", "-qam", "Add a sentence to an old report"])
        #expect(accepted.status == 0, "\(accepted)")
        // ...and refuse a new finding.
        try repo.write(kv, try repo.read(kv).replacingOccurrences(of: "severity:", with: "severity: SEV9\nx-was-severity:"))
        let refused = try repo.gitOutput(["commit", "-qam", "A severity pm does not know"])
        #expect(refused.status != 0, "\(refused)")
    }
}
