import Foundation
import TestSupport
import Testing

/// `pm search` on collections pm did not write: front matter of their own (`company:`, `summary:`, `uuid:`…),
/// prose without `##` headings, RFCs whose sections are `#` headings; and headings in the ranking. Through the
/// built binary on real repositories, checked against git.
@Suite("Search: foreign collections, key:value filters and headings")
struct SearchForeignCollectionTests {
    func search(_ repo: TemporaryRepository, _ arguments: String...) throws -> (status: Int32, hits: [[String: Any]]) {
        let result = try repo.pm(["search"] + arguments + ["--json"])
        #expect([0, 1].contains(result.status), "\(result)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        return (result.status, try #require(object["hits"] as? [[String: Any]]))
    }

    func ids(_ repo: TemporaryRepository, _ arguments: String...) throws -> [String] {
        let result = try repo.pm(["search"] + arguments + ["--json"])
        #expect([0, 1].contains(result.status), "\(result)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        return try #require(object["hits"] as? [[String: Any]]).compactMap { $0["id"] as? String }.sorted()
    }

    /// A public-postmortem collection's shape: fields of its own, prose without `##` headings.
    static func incident(
        company: String, product: String, categories: String, summary: String, body: String, slug: String
    ) -> String {
        """
        ---
        uuid: \(UUID().uuidString.lowercased())
        url: https://status.example.com/incidents/\(slug)
        title: \(product) incident
        categories: \(categories)
        keywords:
          - postmortem
          - public
        company: \(company)
        product: \(product)
        start_time: 2024-05-01T12:00:00Z
        end_time: 2024-05-01 13:30
        summary: \(summary)
        source_fetched_at: 2024-06-01T08:00:00.123456+00:00
        ---

        \(body)

        """
    }

    /// Three incidents of three companies in `incidents/`, committed.
    func foreignCollection() throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(".pmconfig", "[pm]\n\tdirectory = incidents\n")
        try repo.write(
            "incidents/cloudflare-workers-kv.md",
            Self.incident(
                company: "Cloudflare", product: "Workers KV", categories: "[cloud, storage]",
                summary: "A quorum loss left the namespace read-only for ninety minutes.",
                body: "The storage cluster lost quorum after a partition between two data centres.", slug: "kv-quorum"))
        try repo.write(
            "incidents/cloudflare-workers.md",
            Self.incident(
                company: "cloudflare", product: "Workers", categories: "[cloud, compute]",
                summary: "Deploys of scripts were delayed.", body: "A configuration push slowed the deploy queue.",
                slug: "workers-deploys"))
        try repo.write(
            "incidents/fastly-edge.md",
            Self.incident(
                company: "Fastly", product: "Compute@Edge", categories: "[network]",
                summary: "A customer configuration triggered a latent bug.",
                body: "Traffic moved to Cloudflare as a fallback while the edge nodes restarted.", slug: "edge-bug"))
        try repo.commitAll("Import three public incidents")
        return repo
    }

    @Test("a word only in a foreign summary: field is found, and the snippet shows that field")
    func summaryFieldIsText() throws {
        let repo = try foreignCollection()
        let (status, hits) = try search(repo, "ninety")
        #expect(status == 0)
        #expect(hits.compactMap { $0["id"] as? String } == ["cloudflare-workers-kv"])
        #expect(hits.first?["snippet"] as? String == "A quorum loss left the namespace read-only for ninety minutes.")
        #expect(hits.first?["title"] as? String == "Workers KV incident")
        // A summary ranks above the body: "configuration" is in one summary and in another's body.
        let ranked = try search(repo, "configuration").hits.compactMap { $0["id"] as? String }
        #expect(ranked == ["fastly-edge", "cloudflare-workers"], "\(ranked)")
        // Links, ids and times are not text, but stay filterable.
        #expect(try ids(repo, "quorum") == ["cloudflare-workers-kv"])
        #expect(try ids(repo, "kv-quorum") == [], "the words of the url are not text")
        #expect(try ids(repo, "url:https://status.example.com/incidents/kv-quorum") == ["cloudflare-workers-kv"])
        #expect(try ids(repo, "start_time:2024-05-01T12:00:00Z").count == 3)
        #expect(try ids(repo, "2024") == [], "neither are the timestamps")
        #expect(try ids(repo, "section:summary ninety") == ["cloudflare-workers-kv"])
        #expect(try ids(repo, "section:company fastly") == ["fastly-edge"])
    }

    @Test("company:Cloudflare finds that company's files whatever their case, not a file that mentions it in its text")
    func companyFilter() throws {
        let repo = try foreignCollection()
        #expect(try ids(repo, "company:Cloudflare") == ["cloudflare-workers", "cloudflare-workers-kv"])
        #expect(try ids(repo, "COMPANY:cloudflare") == ["cloudflare-workers", "cloudflare-workers-kv"])
        #expect(try ids(repo, "cloudflare").contains("fastly-edge"), "the text mentions Cloudflare")
        #expect(try ids(repo, "cloudflare -company:Cloudflare") == ["fastly-edge"])
        #expect(try ids(repo, "cloudflare NOT company:cloudflare") == ["fastly-edge"])
        #expect(try ids(repo, "company:Cloud") == [], "the whole value, as service: and tag: compare")
        // git agrees on which files say so.
        let grep = try repo.git(["grep", "-l", "-i", "^company: cloudflare$", "HEAD", "--", "incidents"]).lines.map {
            String($0.dropFirst("HEAD:incidents/".count).dropLast(3))
        }
        #expect(grep.sorted() == (try ids(repo, "company:Cloudflare")))
    }

    @Test("a list field matches any of its items; a quoted value with a space matches that whole value")
    func listAndQuotedValues() throws {
        let repo = try foreignCollection()
        #expect(try ids(repo, "categories:cloud") == ["cloudflare-workers", "cloudflare-workers-kv"])
        #expect(try ids(repo, "categories:network") == ["fastly-edge"])
        #expect(try ids(repo, "keywords:postmortem").count == 3, "a block list")
        #expect(try ids(repo, "product:\"Workers KV\"") == ["cloudflare-workers-kv"])
        #expect(try ids(repo, "product:\"workers kv\" quorum") == ["cloudflare-workers-kv"])
        #expect(try ids(repo, "product:Workers") == ["cloudflare-workers"])
        #expect(try ids(repo, "product:Compute@Edge") == ["fastly-edge"])
        #expect(try ids(repo, "categories:cloud OR categories:network").count == 3)
        // The shared filters are the filters pm reads: a foreign key of another name is a key of its own.
        #expect(try repo.pm(["search", "categories:cloud", "--tag", "cloud"]).status == 1)
    }

    @Test("a key no file has is no error, just no match; a note names the key it most likely meant")
    func absentKey() throws {
        let repo = try foreignCollection()
        let typo = try repo.pm(["search", "compnay:Cloudflare"])
        #expect(typo.status == 1, "\(typo)")
        #expect(
            typo.stderr.contains("note: no postmortem has a front-matter field 'compnay'; did you mean 'company:'?"),
            "\(typo)")
        let json = try repo.pm(["search", "sevrity:SEV1", "--json"])
        #expect(json.status == 1, "\(json)")
        #expect(json.stderr.contains("did you mean 'severity:'?"), "\(json)")
        let unrelated = try repo.pm(["search", "--history", "ticket:OPS-1"])
        #expect(unrelated.stderr.contains("no version of any postmortem has a front-matter field 'ticket'"), "\(unrelated)")
        #expect(!(try repo.pm(["search", "company:Nobody"]).stderr.contains("front-matter field")), "the key exists")
    }

    @Test("--history with a field filter finds a value that a later commit edited out, with that commit")
    func historyFilter() throws {
        let repo = try foreignCollection()
        let path = "incidents/cloudflare-workers.md"
        try repo.write(path, try repo.read(path).replacingOccurrences(of: "[cloud, compute]", with: "[compute]"))
        try repo.commitAll("Recategorise the Workers incident")
        #expect(try ids(repo, "categories:cloud") == ["cloudflare-workers-kv"])
        let (status, hits) = try search(repo, "--history", "categories:cloud")
        #expect(status == 0)
        #expect(hits.compactMap { $0["id"] as? String }.sorted() == ["cloudflare-workers", "cloudflare-workers-kv"])
        let workers = try #require(hits.first { $0["id"] as? String == "cloudflare-workers" })
        let revisions = try #require(workers["revisions"] as? [[String: Any]])
        #expect(revisions.count == 1, "only the version that had it")
        let introduced = try #require((revisions.first?["introduced"] as? [[String: Any]])?.first)
        let removed = try #require((revisions.first?["removed"] as? [[String: Any]])?.first)
        #expect(introduced["commit"] as? String == (try repo.git(["rev-parse", "HEAD~1"]).trimmed))
        #expect(removed["commit"] as? String == (try repo.git(["rev-parse", "HEAD"]).trimmed))
        #expect(revisions.first?["blob"] as? String == (try repo.git(["rev-parse", "HEAD~1:\(path)"]).trimmed))
        #expect(try ids(repo, "--history", "categories:compute") == ["cloudflare-workers"], "both versions, one hit")
    }

    /// An RFC in the shape of a language's RFC repository: `#` sections, the first of them "Summary".
    static let rfc = """
        - Feature Name: ingestion_queue
        - Start Date: 2024-03-01

        # Summary
        Put a queue in front of the ingestors.

        # Motivation
        Bursts of telemetry overload the ingestors every Monday morning.

        # Guide-level explanation
        Producers write to the queue; ingestors read at their own pace.

        ## Back-pressure
        The queue refuses writes when it is full.

        """

    @Test("an RFC's # sections are searchable, titled by its file name, and section: reaches them")
    func rfcSections() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(".pmconfig", "[pm]\n\tdirectory = rfcs\n")
        try repo.write("rfcs/0042-ingestion-queue.md", Self.rfc)
        try repo.write("rfcs/0043-summary-only.md", "# Summary\nA smaller change to the ingestors.\n")
        try repo.commitAll("Add two RFCs")
        let (status, hits) = try search(repo, "monday")
        #expect(status == 0)
        let hit = try #require(hits.first)
        #expect(hit["id"] as? String == "0042-ingestion-queue")
        #expect(hit["title"] as? String == "0042-ingestion-queue", "not 'Summary'")
        #expect(hit["snippet"] as? String == "Bursts of telemetry overload the ingestors every Monday morning.")
        #expect(try ids(repo, "section:motivation telemetry") == ["0042-ingestion-queue"])
        #expect(try ids(repo, "section:motivation queue") == [], "the queue is in other sections")
        #expect(try ids(repo, "section:summary ingestors") == ["0042-ingestion-queue", "0043-summary-only"])
        #expect(try ids(repo, "section:\"back-pressure\" refuses") == ["0042-ingestion-queue"])
        // Only the title matched: the snippet is the Summary section's first line.
        let titled = try search(repo, "0043").hits.first
        #expect(titled?["snippet"] as? String == "A smaller change to the ingestors.")
        #expect(titled?["title"] as? String == "0043-summary-only")
        let listed = try repo.pm(["search", "ingestors"])
        #expect(!listed.stdout.contains("Summary"), "no RFC is titled 'Summary': \(listed)")
    }

    @Test("a heading that matches ranks its document above one that mentions the words in passing")
    func headingRanking() throws {
        let repo = try Fixtures.repositoryWithCommit()
        // The heading is in the older postmortem: on a tie, the newer would come first.
        try Fixtures.commitPostmortem(
            repo, id: "2026-03-01-queue",
            text: Fixtures.postmortem(title: "Queue stalled", date: "2026-03-01").replacingOccurrences(
                of: "## Root cause\n", with: "## Root cause\n\n### Retry storm\n\n"))
        try Fixtures.commitPostmortem(
            repo, id: "2026-04-01-cache",
            text: Fixtures.postmortem(title: "Cache flushed", date: "2026-04-01").replacingOccurrences(
                of: "The connection pool cached", with: "After a short retry storm, the connection pool cached"))
        let (_, hits) = try search(repo, "retry storm")
        #expect(hits.compactMap { $0["id"] as? String } == ["2026-03-01-queue", "2026-04-01-cache"])
        let scores = hits.compactMap { $0["score"] as? Double }
        #expect(scores.count == 2 && scores[0] > scores[1], "\(scores)")
        #expect(hits.first?["snippet"] as? String == "Retry storm", "no line of text has the words: the heading")
        // A section pm knows names no heading of its own: 'impact' is not in every postmortem's text.
        #expect(try ids(repo, "impact") == [])
    }

    @Test("an index in the previous format is rebuilt once, with a notice, and then answers the new filters")
    func previousFormatIsRebuilt() throws {
        let repo = try foreignCollection()
        #expect(try repo.pm(["index"]).status == 0)
        let path = repo.root + "/.git/pm/search-index"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        bytes[8] = 3  // the version, after the 8-byte magic
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let first = try repo.pm(["search", "company:Fastly", "--json"])
        #expect(first.status == 0, "\(first)")
        #expect(first.stderr.lines.count == 1, "\(first.stderr)")
        #expect(
            first.stderr.contains(
                "written by another version of pm (the index has format version 3, and this pm reads version 5); rebuilding it"),
            "\(first.stderr)")
        let again = try repo.pm(["search", "company:Fastly"])
        #expect(again.status == 0)
        #expect(again.stderr.isEmpty, "\(again)")
        #expect(again.stdout.contains("fastly-edge"))
    }
}
