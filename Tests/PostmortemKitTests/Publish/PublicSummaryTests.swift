import Foundation
import TestSupport
import Testing

@testable import PostmortemKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What public output keeps of a postmortem, the inert Markdown it writes, visibility, and the publishing settings.
@Suite("Public summary")
struct PublicSummaryTests {
    static let document = """
        ---
        title: "Checkout <b>down</b>"
        date: 2026-11-20
        severity: SEV2
        status: published
        visibility: public
        services: [checkout-api]
        authors: [dana]
        started: 2026-11-20T14:02:00Z
        detected: 2026-11-20T14:09:00Z
        acknowledged: 2026-11-20T14:11:00Z
        mitigated: 2026-11-20T15:05:00Z
        resolved: 2026-11-20T15:31:00Z
        ---
        Preamble, internal.

        ## TL;DR
        Checkout failed. <!-- ask @dana about the numbers -->

        ## Impact
        <!-- only a comment -->

        ## Contributing factors
        The pool kept the old primary.

        ## What went well
        Internal praise.

        ## Action items
        - [ ] Alert on lag — owner: @dana — due: 2026-12-15 — ticket: OPS-142
        - [x] Roll back `pool` <!-- c --> — owner: @lee — due: 2026-11-21
        - [ ] owner: @kim — due: 2026-12-01

        """

    static let utc = TimeZone(identifier: "UTC") ?? .current

    func summary(_ text: String = document, sections: [String] = Configuration().publicSections) -> PublicSummary {
        let postmortem = PostmortemParser.parse(
            bytes: Array(text.utf8), path: "postmortems/2026-11-20-checkout.md", timeZone: Self.utc)
        return PublicSummary(postmortem, publicSections: sections, timeZone: Self.utc)
    }

    @Test("only the public sections, matched through aliases; empty ones and every other section left out")
    func sections() {
        let shown = summary()
        #expect(shown.sections.map(\.title) == ["TL;DR", "Contributing factors", "Action items"])
        #expect(shown.summaryText == "Checkout failed.")
        #expect(summary(sections: ["What went well"]).sections.map(\.title) == ["What went well"])
    }

    @Test("action items keep only the action and whether it is done")
    func actionItems() {
        let items = summary().sections.last?.actionItems ?? []
        #expect(items.map(\.action) == ["Alert on lag", "Roll back `pool` <!-- c -->"])
        #expect(items.map(\.isDone) == [false, true])
        let markdown = PublicSummaryMarkdown().document(summary())
        #expect(markdown.contains("- [ ] Alert on lag\n- [x] Roll back `pool`\n"))
        for secret in ["@dana", "@lee", "OPS-142", "2026-12-15", "owner", "Preamble", "Internal praise", "numbers", "<!--"] {
            #expect(!markdown.contains(secret), "\(secret)")
            #expect(!PublicSummaryHTML().page(summary()).contains(secret), "\(secret)")
        }
    }

    @Test("a team's own fields are published only when pm.publicFields names them; web addresses become safe links")
    func publicFields() throws {
        let text = Self.document.replacingOccurrences(
            of: "authors: [dana]",
            with:
                "authors: [dana]\nurl: https://status.example.com/x\nproduct: \"<b>Pay</b>\"\nhome: javascript:alert(1)\nslack: \"#inc-42\""
        )
        let postmortem = PostmortemParser.parse(bytes: Array(text.utf8), path: "postmortems/2026-11-20-c.md", timeZone: Self.utc)
        let hidden = PublicSummary(postmortem, publicSections: ["Summary"], timeZone: Self.utc)
        #expect(hidden.fields.isEmpty)
        #expect(!PublicSummaryHTML().page(hidden).contains("status.example.com"))
        #expect(!PublicSummaryMarkdown().document(hidden).contains("#inc-42"))
        let shown = PublicSummary(
            postmortem, publicSections: ["Summary"], publicFields: ["home", "url", "product", "authors"], timeZone: Self.utc)
        #expect(shown.fields.map(\.key) == ["url", "product", "home"], "file order; pm's own fields are never among them")
        let html = PublicSummaryHTML().page(shown)
        #expect(html.contains("<dt>url</dt><dd><a href=\"https://status.example.com/x\">https://status.example.com/x</a></dd>"))
        #expect(html.contains("<dt>product</dt><dd>&lt;b&gt;Pay&lt;/b&gt;</dd>"))
        #expect(html.contains("<dt>home</dt><dd>javascript:alert(1)</dd>"))
        #expect(!html.contains("href=\"javascript"))
        #expect(PublicSummaryMarkdown().document(shown).contains("- **product:** \\<b>Pay\\</b>\n"))
        let json = try #require(shown.jsonObject.first { $0.0 == "fields" }?.1)
        #expect(
            json
                == .object([
                    ("url", .string("https://status.example.com/x")), ("product", .string("<b>Pay</b>")),
                    ("home", .string("javascript:alert(1)")),
                ]))
    }

    @Test("the title is the one a reader sees: the opening # heading when it is the title")
    func displayTitle() {
        let text = Self.document.replacingOccurrences(of: "---\nPreamble", with: "---\n# Checkout was down\n\nPreamble")
        #expect(summary(text).title == "Checkout was down")
        #expect(summary().title == "Checkout <b>down</b>")
    }

    @Test("facts: durations to detect, mitigate and resolve, never to acknowledge")
    func facts() {
        let facts = Dictionary(uniqueKeysWithValues: summary().facts.map { ($0.label, $0.value) })
        #expect(facts["Time to detect"] == "7m")
        #expect(facts["Time to mitigate"] == "1h 03m")
        #expect(facts["Time to resolve"] == "1h 29m")
        #expect(facts["Started"] == "2026-11-20 14:02 UTC")
        #expect(facts["Time to acknowledge"] == nil)
        #expect(summary().durations.timeToAcknowledge == nil)
    }

    @Test("times show the minute in pm.timezone with its offset; durations at a reader's precision")
    func readableTimes() throws {
        let date = try #require(Timestamp.parse("2026-11-20T23:30:00Z", timeZone: Self.utc))
        #expect(ReadableTime.minute(date, in: Self.utc) == "2026-11-20 23:30 UTC")
        #expect(ReadableTime.minute(date, in: try #require(TimeZone(secondsFromGMT: 5400))) == "2026-11-21 01:00 UTC+01:30")
        #expect(
            ReadableTime.minute(date, in: try #require(TimeZone(identifier: "America/New_York"))) == "2026-11-20 18:30 UTC-05:00")
        #expect(ReadableTime.duration(42) == "42s" && ReadableTime.duration(3 * 86_400 + 7_200) == "3d 2h")
    }

    @Test("the Markdown written is inert: HTML escaped, unsafe links dropped, comments gone")
    func inertMarkdown() {
        let writer = MarkdownWriter()
        #expect(writer.escapePlainText("<script>alert(1)</script>") == "\\<script>alert(1)\\</script>")
        #expect(writer.write(inline: "[x](javascript:alert(1)) and <b>") == "x and \\<b>")
        #expect(
            writer.write(inline: "see <https://a.example/b_c> or [d](https://e.example \"T\")")
                == "see <https://a.example/b_c> or [d](https://e.example \"T\")")
        #expect(
            writer.write(inline: "[ops](mailto:ops) and [a@b.example](mailto:a@b.example)")
                == "[ops](mailto:ops) and <a@b.example>")
        #expect(writer.write(inline: "snake_case *and* `co`de``") == "snake_case *and* `co`de\\`\\`")
        #expect(
            writer.write(MarkdownParser.parse("# 1. Use C#\n\n- a\n  1. b\n\n| x \\| y | z |\n|---|:-:|\n| 1 | 2 |\n").blocks)
                == "# 1\\. Use C\\#\n\n- a\n  1. b\n\n| x \\| y | z |\n| --- | :---: |\n| 1 | 2 |\n")
        #expect(writer.write(MarkdownParser.parse("````\n```\ncode\n````\n").blocks) == "````\n```\ncode\n````\n")
    }

    @Test("Markdown written back parses to the same inline tokens, for any mix of syntax")
    func markdownRoundTrip() {
        var random = SeededRandom(seed: 11)
        let pieces = [
            "*", "**", "_", "~~", "[", "]", "(", ")", "![", "](", "<", ">", "`", "\\", " ", "a", "b c", "#", "1.", "-",
            "&amp;", "<https://x.example/p>", "[l](https://ok.example)", "x_y", "|", "https://bare.example/q",
        ]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...16, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }
                .joined()
            let tokens = InlineMarkdownParser.parse(text)
            let written = MarkdownWriter().write(inline: tokens)
            let reparsed = InlineMarkdownParser.parse(written)
            // Every character survives, but emphasis is best effort: `*a **b***` style runs can merge when written back.
            func content(_ tokens: [InlineToken]) -> String {
                tokens.plainText.filter { !"*_~".contains($0) }.trimmingCharacters(in: .whitespaces)
            }
            #expect(content(reparsed) == content(tokens), "\(text.debugDescription) → \(written.debugDescription)")
            #expect(
                !reparsed.contains {
                    if case .linkOpen(let destination, _) = $0 { LinkPolicy.safeDestination(destination) == nil } else { false }
                })
        }
    }

    @Test("visibility: internal when absent, exact spellings only")
    func visibility() {
        #expect(Visibility(frontMatterValue: nil) == .internal)
        #expect(Visibility(frontMatterValue: "public") == .public)
        #expect(Visibility(frontMatterValue: "internal") == .internal)
        #expect(Visibility(frontMatterValue: "Public") == nil)
        #expect(Visibility(frontMatterValue: "") == nil)
    }

    @Test("pm.publicSections, pm.feedTitle, pm.feedAuthor and pm.baseURL are read and checked")
    func configuration() throws {
        let defaults = Configuration()
        #expect(defaults.publicSections == ["Summary", "Impact", "Timeline", "Root cause", "Action items"])
        #expect(defaults.feedTitle == "Postmortems" && defaults.baseURL == nil)
        let configuration = try Configuration.parse(
            "[pm]\n\tpublicSections = Summary, Customer impact\n\tfeedTitle = Acme status\n\tfeedAuthor = Acme SRE\n"
                + "\tbaseURL = https://status.example.com/postmortems/\n")
        #expect(configuration.publicSections == ["Summary", "Customer impact"])
        #expect(configuration.feedTitle == "Acme status" && configuration.feedAuthor == "Acme SRE")
        #expect(configuration.baseURL == "https://status.example.com/postmortems")
        #expect(configuration.warnings.isEmpty)
        for (key, value) in [
            ("publicSections", " , "), ("baseURL", "javascript:alert(1)"), ("baseURL", "status.example.com"),
            ("baseURL", "https://example.com/?q=1"), ("baseURL", "ftp://example.com"),
        ] {
            #expect(throws: ConfigurationError.self, "\(key) = \(value)") {
                try Configuration.parse("[pm]\n\t\(key) = \(value)\n")
            }
        }
        let error = try #require(throws: ConfigurationError.self) { try Configuration.parse("[pm]\n\tbaseURL = nope\n") }
        #expect(error.line == 2 && error.message.lowercased().contains("pm.baseurl"))
    }

    @Test("feed ids are stable name-based UUID URNs; the feed is well-formed Atom with every value escaped")
    func atom() throws {
        let id = try FeedBuilder.entryID("2026-11-20-checkout")
        #expect(id == (try FeedBuilder.entryID("2026-11-20-checkout")))
        #expect(id != (try FeedBuilder.entryID("2026-11-21-checkout")))
        #expect(
            id.range(
                of: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression)
                != nil)
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let feed = AtomFeed(
            id: "urn:uuid:x", title: "A & <B>", author: "SRE", updated: date, link: "https://e.example/?a=1&b=2", selfLink: nil,
            generator: ("pm", "0.1.0"),
            entries: [
                AtomFeed.Entry(
                    id: id, title: "<script>alert(1)</script>\u{1B}", updated: date, published: date, summary: "a < b",
                    contentHTML: "<p>x &amp; y</p>", link: nil,
                    categories: [AtomFeed.Category(term: "severity:SEV\"1", label: "SEV1")])
            ])
        let xml = feed.xml()
        #expect(xml.contains("<title type=\"text\">&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
        #expect(xml.contains("<content type=\"html\">&lt;p&gt;x &amp;amp; y&lt;/p&gt;</content>"))
        #expect(xml.contains("term=\"severity:SEV&quot;1\""))
        #expect(xml.contains("<updated>2026-11-18T11:06:40Z"))
        #expect(XMLParser(data: Data(xml.utf8)).parse())
    }
}
