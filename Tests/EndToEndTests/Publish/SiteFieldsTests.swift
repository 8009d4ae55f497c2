import Foundation
import TestSupport
import Testing

/// A team's own front-matter fields on the site and in public output, through the built binary: every one on the
/// internal site, escaped, a web address as a link and nothing else as one; on the public site and in `pm export`
/// only those `pm.publicFields` names.
@Suite("Site: a postmortem's own fields")
struct SiteFieldsTests {
    static let id = "2026-03-02-queue-stalled"

    static let document = """
        ---
        title: Queue stalled
        date: 2026-03-02
        severity: SEV2
        status: published
        visibility: public
        url: https://status.example.com/incidents/42
        company: "<b>Acme</b> & Co"
        homepage: "javascript:alert(1)"
        mirrors: [https://a.example.com/42, "javascript:alert(2)", "see https://b.example.com"]
        escape: '\u{1B}]8;;https://evil.example\u{07}click\u{1B}]8;;\u{07} \u{1B}[31mred'
        quote: 'https://q.example.com/"onmouseover="alert(3)'
        ---
        # Queue stalled

        Written from the on-call notes.

        ## Summary
        The queue stopped for an hour.

        # Appendix

        The raw notes.

        """

    /// The `<dl class="facts">` of a page: each term with the text of its definition, and the `href`s in it; and every
    /// `href` of the page. Parsed with Python's XML parser after the doctype line, so a page that is not XML fails.
    static let factsScript = """
        import json, sys, xml.etree.ElementTree as ET
        text = open(sys.argv[1], encoding="utf-8").read().split("\\n", 1)[1]
        root = ET.fromstring(text)
        facts = []
        for dl in root.iter("dl"):
            if "facts" not in (dl.get("class") or ""):
                continue
            children = list(dl)
            for term, value in zip(children[0::2], children[1::2]):
                facts.append({"term": "".join(term.itertext()), "text": "".join(value.itertext()),
                              "hrefs": [a.get("href") for a in value.iter("a")],
                              "elements": sorted({e.tag for e in value.iter()} - {"dd"})})
        hrefs = [e.get("href") for e in root.iter() if e.get("href") is not None]
        headings = [(e.tag, "".join(e.itertext())) for e in root.iter() if e.tag in ("h1", "h2")]
        print(json.dumps({"facts": facts, "hrefs": hrefs, "headings": headings}))
        """

    struct Page: Decodable {
        struct Fact: Decodable {
            let term: String
            let text: String
            let hrefs: [String]
            let elements: [String]
        }
        let facts: [Fact]
        let hrefs: [String]
        let headings: [[String]]

        func fact(_ term: String) -> Fact? { facts.first { $0.term == term } }
    }

    static func page(_ path: String, in repo: TemporaryRepository) throws -> Page {
        let python = try #require(Shell.which("python3"), "python3 is needed to parse the pages as XML")
        let result = try Shell.run(python, ["-c", factsScript, path], in: repo.base, environment: repo.environment)
        guard result.status == 0 else { throw TestFailure("python failed: \(result)") }
        return try JSONDecoder().decode(Page.self, from: Data(result.stdout.utf8))
    }

    static func repository() throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: id, text: document)
        return repo
    }

    @Test("the internal site shows every field of its own, escaped; only an http(s) address becomes a link")
    func internalSite() throws {
        let repo = try Self.repository()
        let site = repo.base + "/site"
        let built = try repo.pm(["site", site])
        #expect(built.status == 0, "\(built)")
        let page = try Self.page(site + "/postmortems/\(Self.id).html", in: repo)
        #expect(page.fact("url")?.text == "https://status.example.com/incidents/42")
        #expect(page.fact("url")?.hrefs == ["https://status.example.com/incidents/42"])
        #expect(page.fact("company")?.text == "<b>Acme</b> & Co", "markup in a value is text")
        #expect(page.fact("company")?.elements == [], "and makes no element")
        #expect(page.fact("homepage")?.text == "javascript:alert(1)")
        #expect(page.fact("homepage")?.hrefs == [])
        #expect(page.fact("mirrors")?.text == "https://a.example.com/42, javascript:alert(2), see https://b.example.com")
        #expect(page.fact("mirrors")?.hrefs == ["https://a.example.com/42"])
        #expect(page.fact("escape")?.text.contains("click") == true)
        #expect(page.fact("quote")?.hrefs == ["https://q.example.com/\"onmouseover=\"alert(3)"], "the quote stays in the value")
        #expect(!page.hrefs.contains { $0.lowercased().hasPrefix("javascript:") }, "\(page.hrefs)")
        #expect(page.facts.map(\.term).suffix(6) == ["url", "company", "homepage", "mirrors", "escape", "quote"])
        let html = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: site + "/postmortems/\(Self.id).html")), as: UTF8.self)
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        // The # heading the page takes its title from shows once; a later # heading, and the text after it, where
        // they are written.
        #expect(page.headings == [["h1", "Queue stalled"], ["h2", "Summary"], ["h1", "Appendix"]], "\(page.headings)")
        let summary = try #require(html.range(of: "The queue stopped"))
        let appendix = try #require(html.range(of: "The raw notes."))
        let notes = try #require(html.range(of: "Written from the on-call notes."))
        #expect(notes.lowerBound < summary.lowerBound && summary.lowerBound < appendix.lowerBound)
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }

    @Test("the public site and pm export show no field of the postmortem's own unless pm.publicFields names it")
    func publicOutput() throws {
        let repo = try Self.repository()
        let hidden = repo.base + "/hidden"
        #expect(try repo.pm(["site", hidden, "--public"]).status == 0)
        let before = try Self.page(hidden + "/postmortems/\(Self.id).html", in: repo)
        #expect(before.fact("url") == nil && before.fact("company") == nil, "\(before.facts.map(\.term))")
        let exported = try repo.pm(["export", "queue", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
        #expect((object["fields"] as? [String: Any])?.isEmpty == true)

        try repo.write(".pmconfig", "[pm]\n\tpublicFields = mirrors, url\n")
        try repo.commitAll("Publish the status page link")
        let shown = repo.base + "/shown"
        #expect(try repo.pm(["site", shown, "--public"]).status == 0)
        let after = try Self.page(shown + "/postmortems/\(Self.id).html", in: repo)
        #expect(after.fact("url")?.hrefs == ["https://status.example.com/incidents/42"])
        #expect(after.fact("mirrors")?.hrefs == ["https://a.example.com/42"])
        #expect(after.fact("company") == nil && after.fact("homepage") == nil)
        let json = try repo.pm(["export", "queue", "--json"])
        let fields = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["fields"] as? [String: Any])
        #expect(fields["url"] as? String == "https://status.example.com/incidents/42")
        #expect(
            fields["mirrors"] as? [String] == ["https://a.example.com/42", "javascript:alert(2)", "see https://b.example.com"])
        #expect(fields["company"] == nil)
        let markdown = try repo.pm(["export", "queue", "--format", "markdown"])
        #expect(markdown.stdout.contains("- **url:** https://status.example.com/incidents/42\n"), "\(markdown)")
        let html = try repo.pm(["export", "queue", "--format", "html"])
        #expect(html.stdout.contains("<dt>url</dt><dd><a href=\"https://status.example.com/incidents/42\">"))

        try repo.write(".pmconfig", "[pm]\n\tpublicFields = url, authors\n")
        let refused = try repo.pm(["export", "queue"])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains(".pmconfig:2:") && refused.stderr.contains("'authors' is a field pm reads itself"))
    }
}
