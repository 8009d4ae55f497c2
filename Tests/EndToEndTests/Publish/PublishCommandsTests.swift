import Foundation
import TestSupport
import Testing

/// `pm export` and `pm feed` through the built binary on real repositories; HTML and Atom checked with Python's
/// XML parser.
@Suite("Publishing commands")
struct PublishCommandsTests {
    static let hostileTitle = "<script>alert(1)</script> & \"friends\""

    /// A postmortem with a hostile title, an internal comment and an unsafe link, as `visibility` says.
    static func postmortem(
        title: String = hostileTitle, date: String = "2026-11-20", status: String = "published", visibility: String? = "public"
    ) -> String {
        let text = Fixtures.postmortem(
            title: title.replacingOccurrences(of: "\"", with: "\\\""), date: date, status: status,
            extraSummary: " <!-- internal: ask @dana for the numbers --> See [the runbook](https://runbooks.example/db)"
                + " or [this](javascript:alert(1)).")
        guard let visibility else { return text }
        return text.replacingOccurrences(of: "status: \(status)\n", with: "status: \(status)\nvisibility: \(visibility)\n")
    }

    /// Text that must never appear in public output: owners, tickets, due dates, internal sections, comments.
    static let internalText = [
        "@dana", "@lee", "OPS-142", "2026-12-15", "owner", "ticket", "The alert fired quickly", "The dashboard counted",
        "What went well", "What did not go well", "ask @dana", "<!--", "javascript:", "authors", "failover]",
    ]

    /// Commits `text` at `postmortems/<id>.md` with git, at a fixed commit time.
    static func commit(_ repo: TemporaryRepository, id: String, text: String, at time: String) throws {
        try repo.write("postmortems/\(id).md", text)
        try repo.git(["add", "postmortems/\(id).md"])
        try repo.git(
            ["commit", "-q", "-m", "Update \(id)"], environment: ["GIT_COMMITTER_DATE": time, "GIT_AUTHOR_DATE": time])
    }

    /// Runs a Python script on `input` and returns what it prints (as JSON).
    static func python(_ script: String, input: String, in repo: TemporaryRepository) throws -> Any {
        let python = try #require(Shell.which("python3"), "python3 is needed to parse HTML and Atom as XML")
        let result = try Shell.run(python, ["-c", script], in: repo.root, environment: repo.environment, input: input)
        guard result.status == 0 else { throw TestFailure("python failed: \(result)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// Parses an HTML page as XML after its doctype line; prints the title text, the h1 text, every element name,
    /// every href and the ids of the sections.
    static let htmlScript = """
        import sys, json, xml.etree.ElementTree as ET
        text = sys.stdin.read()
        doctype, rest = text.split("\\n", 1)
        root = ET.fromstring(rest)
        print(json.dumps({
            "doctype": doctype,
            "title": root.find("head/title").text,
            "h1": "".join(root.find(".//h1").itertext()),
            "tags": sorted({e.tag for e in root.iter()}),
            "hrefs": [e.get("href") for e in root.iter() if e.get("href") is not None],
            "sections": [e.get("id") for e in root.iter("section")],
            "text": "".join(root.find("body").itertext()),
        }))
        """

    /// Parses an Atom feed; checks the namespace and the required elements; prints the feed and its entries.
    static let atomScript = """
        import sys, json, xml.etree.ElementTree as ET
        A = "{http://www.w3.org/2005/Atom}"
        root = ET.fromstring(sys.stdin.read())
        assert root.tag == A + "feed", root.tag
        def text(element, name):
            found = element.find(A + name)
            assert found is not None and (found.text or "").strip(), "missing " + name
            return found.text
        feed = {name: text(root, name) for name in ["id", "title", "updated"]}
        feed["author"] = text(root.find(A + "author"), "name")
        feed["links"] = {l.get("rel"): l.get("href") for l in root.findall(A + "link")}
        entries = []
        for entry in root.findall(A + "entry"):
            item = {name: text(entry, name) for name in ["id", "title", "updated"]}
            for name in ["published", "summary"]:
                found = entry.find(A + name)
                item[name] = found.text if found is not None else None
            content = entry.find(A + "content")
            item["contentType"] = content.get("type")
            item["content"] = content.text
            ET.fromstring("<div>" + content.text + "</div>")
            item["links"] = [l.get("href") for l in entry.findall(A + "link")]
            item["categories"] = [c.get("term") for c in entry.findall(A + "category")]
            entries.append(item)
        print(json.dumps({"feed": feed, "entries": entries}))
        """

    func repository(visibility: String? = "public") throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Self.postmortem(visibility: visibility))
        return repo
    }

    @Test("export --format markdown: the public sections, facts and actions; a <script> title stays text")
    func exportMarkdown() throws {
        let repo = try repository()
        let result = try repo.pm(["export", "checkout"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("# \\<script>alert(1)\\</script> & \"friends\"\n"))
        for expected in [
            "- **Severity:** SEV2", "- **Services:** checkout-api, payments-db", "- **Time to detect:** 7m",
            "- **Time to mitigate:** 1h 03m", "- **Time to resolve:** 1h 29m", "## Summary", "## Impact", "## Timeline",
            "## Root cause", "## Action items", "- [ ] Alert on replication lag over 30 s\n",
            "- [x] Roll back the pool-size change\n", "[the runbook](https://runbooks.example/db)", "or this.",
        ] {
            #expect(result.stdout.contains(expected), "\(expected)\n\(result.stdout)")
        }
        for secret in Self.internalText { #expect(!result.stdout.contains(secret), "\(secret)\n\(result.stdout)") }
        // Every `<` from the document is escaped, so no renderer sees a tag.
        #expect(!result.stdout.replacingOccurrences(of: "\\<", with: "").contains("<"))
    }

    @Test("export --format html: a standalone page that parses as XML, everything escaped, nothing internal")
    func exportHTML() throws {
        let repo = try repository()
        let result = try repo.pm(["export", "checkout", "--format", "html"])
        #expect(result.status == 0, "\(result)")
        let page = try #require(try Self.python(Self.htmlScript, input: result.stdout, in: repo) as? [String: Any])
        #expect(page["doctype"] as? String == "<!DOCTYPE html>")
        #expect(page["title"] as? String == Self.hostileTitle)
        #expect(page["h1"] as? String == Self.hostileTitle)
        let tags = try #require(page["tags"] as? [String])
        #expect(!tags.contains("script") && !tags.contains("link") && !tags.contains("img"))
        #expect(tags.contains("style") && tags.contains("input") && tags.contains("time"))
        #expect(page["hrefs"] as? [String] == ["https://runbooks.example/db"])
        #expect(page["sections"] as? [String] == ["summary", "impact", "timeline", "root-cause", "action-items"])
        let text = try #require(page["text"] as? String)
        for secret in Self.internalText { #expect(!text.contains(secret), "\(secret)") }
        for secret in ["@dana", "OPS-142", "ask @dana", "The dashboard counted"] { #expect(!result.stdout.contains(secret)) }
        #expect(!result.stdout.contains("http-equiv=\"refresh\"") && !result.stdout.contains("src="))
    }

    @Test("export --format json (or --json): public fields, sections as Markdown, HTML and text, bare action items")
    func exportJSON() throws {
        let repo = try repository()
        let result = try repo.pm(["export", "checkout", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        #expect(try repo.pm(["export", "checkout", "--json"]).stdout == result.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == Self.hostileTitle)
        #expect(object["visibility"] as? String == "public")
        #expect(object["services"] as? [String] == ["checkout-api", "payments-db"])
        #expect(object["authors"] == nil && object["tags"] == nil)
        let durations = try #require(object["durations"] as? [String: Any])
        #expect((durations["timeToResolve"] as? NSNumber)?.intValue == 5340)
        #expect(durations["timeToAcknowledge"] == nil)
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(
            sections.compactMap { $0["title"] as? String } == ["Summary", "Impact", "Timeline", "Root cause", "Action items"])
        let summary = try #require(sections.first)
        #expect((summary["html"] as? String)?.contains("<a href=\"https://runbooks.example/db\">the runbook</a>") == true)
        #expect((summary["text"] as? String)?.hasPrefix("Checkout failed for 12% of requests after a database failover.") == true)
        let items = try #require(object["actionItems"] as? [[String: Any]])
        #expect(items.map { Set($0.keys) } == [["action", "done"], ["action", "done"]])
        #expect(
            items.compactMap { $0["action"] as? String } == [
                "Alert on replication lag over 30 s", "Roll back the pool-size change",
            ])
        for secret in Self.internalText { #expect(!result.stdout.contains(secret), "\(secret)") }
    }

    @Test("a postmortem that is not public is refused (exit 2) with how to publish it, unless --allow-internal")
    func refusesInternal() throws {
        for visibility in [nil, "internal", "Public"] {
            let repo = try repository(visibility: visibility)
            let refused = try repo.pm(["export", "checkout", "--format", "html"])
            #expect(refused.status == 2, "\(visibility ?? "none"): \(refused)")
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.contains("set 'visibility: public' in its front matter"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--allow-internal"))
            let allowed = try repo.pm(["export", "checkout", "--allow-internal"])
            #expect(allowed.status == 0, "\(allowed)")
            #expect(allowed.stderr.contains("warning:") && allowed.stdout.hasPrefix("# "))
        }
        let repo = try repository(visibility: "Public")
        let check = try repo.pm(["check", "--all"])
        #expect((check.stdout + check.stderr).contains("error [visibility-value] unknown visibility 'Public'"), "\(check)")
    }

    @Test("export reads the committed version (or --rev), writes --output, and leaves the repository as it was")
    func exportReadsCommits() throws {
        let repo = try repository()
        try Self.commit(
            repo, id: "2026-11-20-checkout", text: Self.postmortem(title: "Checkout down, second version"),
            at: "2026-12-02T10:00:00Z")
        try repo.write("postmortems/2026-11-20-checkout.md", Self.postmortem(title: "Uncommitted title"))
        let head = try repo.pm(["export", "checkout"])
        #expect(head.status == 0 && head.stdout.hasPrefix("# Checkout down, second version\n"), "\(head)")
        #expect(head.stderr.contains("has uncommitted changes; exporting the version committed at HEAD"))
        let earlier = try repo.pm(["export", "checkout", "--rev", "HEAD~1"])
        #expect(earlier.stdout.hasPrefix("# \\<script>"), "\(earlier)")
        let written = try repo.pm(["export", "checkout", "--format", "html", "-o", "summary.html"])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written)")
        #expect(try repo.read("summary.html").hasPrefix("<!DOCTYPE html>\n"))
        #expect(try repo.git(["status", "--porcelain"]) == " M postmortems/2026-11-20-checkout.md\n?? summary.html\n")
        let missing = try repo.pm(["export", "checkout", "-o", "no/such/folder/x.md"])
        #expect(missing.status == 2 && missing.stderr.contains("does not exist"))
        let usage = try repo.pm(["export", "checkout", "--json", "--format", "html"])
        #expect(usage.status == 64)
        #expect(try repo.pm(["export", "nothing-like-this"]).status == 2)
    }

    @Test("pm feed: valid Atom of the published public postmortems only, newest first, dated by git")
    func feed() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Self.commit(
            repo, id: "2026-10-01-dns", text: Self.postmortem(title: "DNS outage", date: "2026-10-01"), at: "2026-10-05T09:00:00Z"
        )
        try Self.commit(repo, id: "2026-11-20-checkout", text: Self.postmortem(status: "draft"), at: "2026-11-21T09:00:00Z")
        try Self.commit(repo, id: "2026-11-20-checkout", text: Self.postmortem(), at: "2026-11-25T12:30:00Z")
        try Self.commit(
            repo, id: "2026-11-20-checkout", text: Self.postmortem().replacingOccurrences(of: "About 4,100", with: "About 4,200"),
            at: "2026-11-28T08:15:00Z")
        try Self.commit(
            repo, id: "2026-11-22-queue", text: Self.postmortem(title: "Queue backlog", date: "2026-11-22", status: "in-review"),
            at: "2026-11-29T08:00:00Z")
        try Self.commit(
            repo, id: "2026-11-23-cache", text: Self.postmortem(title: "Cache", date: "2026-11-23", visibility: nil),
            at: "2026-11-30T08:00:00Z")
        try Self.commit(
            repo, id: "2026-11-24-cdn", text: Self.postmortem(title: "CDN", date: "2026-11-24", visibility: "internal"),
            at: "2026-11-30T09:00:00Z")

        let result = try repo.pm(["feed", "--base-url", "https://status.example.com/postmortems/"])
        #expect(result.status == 0, "\(result)")
        let parsed = try #require(try Self.python(Self.atomScript, input: result.stdout, in: repo) as? [String: Any])
        let feed = try #require(parsed["feed"] as? [String: Any])
        #expect(feed["id"] as? String == "https://status.example.com/postmortems/")
        #expect(feed["title"] as? String == "Postmortems")
        #expect(feed["updated"] as? String == "2026-11-28T08:15:00Z")
        let entries = try #require(parsed["entries"] as? [[String: Any]])
        #expect(entries.compactMap { $0["title"] as? String } == [Self.hostileTitle, "DNS outage"])
        let checkout = try #require(entries.first)
        #expect(checkout["updated"] as? String == "2026-11-28T08:15:00Z")
        #expect(checkout["published"] as? String == "2026-11-25T12:30:00Z")
        #expect(entries.last?["published"] as? String == "2026-10-05T09:00:00Z")
        #expect((checkout["id"] as? String)?.hasPrefix("urn:uuid:") == true)
        #expect(checkout["links"] as? [String] == ["https://status.example.com/postmortems/postmortems/2026-11-20-checkout.html"])
        #expect(checkout["categories"] as? [String] == ["severity:SEV2", "service:checkout-api", "service:payments-db"])
        #expect(checkout["contentType"] as? String == "html")
        #expect((checkout["summary"] as? String)?.hasPrefix("Checkout failed for 12% of requests") == true)
        let content = try #require(checkout["content"] as? String)
        #expect(content.contains("About 4,200 customers") && content.contains("<h2>Root cause</h2>"))
        for secret in Self.internalText { #expect(!content.contains(secret), "\(secret)") }
        #expect(!result.stdout.contains("<script") && !result.stdout.contains("@dana"))

        // Stable: the same HEAD gives the same bytes, and entry ids do not depend on the base URL.
        let again = try repo.pm(["feed", "--base-url", "https://status.example.com/postmortems"])
        #expect(again.stdout == result.stdout)
        let plain = try repo.pm(["feed"])
        let plainParsed = try #require(try Self.python(Self.atomScript, input: plain.stdout, in: repo) as? [String: Any])
        let plainEntries = try #require(plainParsed["entries"] as? [[String: Any]])
        #expect(plainEntries.compactMap { $0["id"] as? String } == entries.compactMap { $0["id"] as? String })
        #expect(plainEntries.first?["links"] as? [String] == [])
        #expect(((plainParsed["feed"] as? [String: Any])?["id"] as? String)?.hasPrefix("urn:uuid:") == true)
    }

    @Test("pm feed: --output with a self link, .pmconfig settings, --limit, --json, and usage errors")
    func feedOptions() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            ".pmconfig", "[pm]\n\tfeedTitle = Acme <status>\n\tfeedAuthor = Acme SRE\n\tbaseURL = https://acme.example/pm\n")
        try repo.commitAll("Configure the feed")
        try Self.commit(
            repo, id: "2026-10-01-dns", text: Self.postmortem(title: "DNS outage", date: "2026-10-01"), at: "2026-10-05T09:00:00Z"
        )
        try Self.commit(repo, id: "2026-11-20-checkout", text: Self.postmortem(), at: "2026-11-25T12:30:00Z")
        try FileManager.default.createDirectory(atPath: repo.root + "/public", withIntermediateDirectories: true)
        let written = try repo.pm(["feed", "-o", "public/feed.atom", "--limit", "1"])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written)")
        #expect(written.stderr.contains("Wrote public/feed.atom: 1 entry"))
        let parsed = try #require(
            try Self.python(Self.atomScript, input: try repo.read("public/feed.atom"), in: repo) as? [String: Any])
        let feed = try #require(parsed["feed"] as? [String: Any])
        #expect(feed["title"] as? String == "Acme <status>")
        #expect(feed["author"] as? String == "Acme SRE")
        #expect(
            feed["links"] as? [String: String] == [
                "alternate": "https://acme.example/pm/", "self": "https://acme.example/pm/feed.atom",
            ])
        #expect((parsed["entries"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == [Self.hostileTitle])

        let json = try repo.pm(["feed", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.compactMap { $0["postmortem"] as? String } == ["2026-11-20-checkout", "2026-10-01-dns"])

        #expect(try repo.pm(["feed", "--base-url", "javascript:alert(1)"]).status == 64)
        #expect(try repo.pm(["feed", "--limit", "0"]).status == 64)
        let unborn = try TemporaryRepository()
        let empty = try unborn.pm(["feed"])
        #expect(empty.status == 2 && empty.stderr.contains("has no commits yet"), "\(empty)")
    }

    @Test("pm feed of a repository without public postmortems is a valid, empty feed")
    func emptyFeed() throws {
        let repo = try repository(visibility: nil)
        let result = try repo.pm(["feed"])
        #expect(result.status == 0, "\(result)")
        let parsed = try #require(try Self.python(Self.atomScript, input: result.stdout, in: repo) as? [String: Any])
        #expect((parsed["entries"] as? [Any])?.isEmpty == true)
    }
}
