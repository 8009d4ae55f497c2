import Testing

@testable import PostmortemKit

/// The line a search shows for a hit: picked from the raw document as a reader sees it.
@Suite struct SearchSnippetTests {
    func best(_ text: String, _ terms: [String]) -> SearchSnippet? {
        SearchSnippet.best(in: Array(text.utf8), terms: Set(terms.flatMap(SearchTokenizer.terms)))
    }

    let document = """
        ---
        title: Pool exhausted
        tags: [pool]
        ---

        ## Summary
        Checkout failed for 12% of requests.

        <!-- Template guidance: what the pool did.
        More guidance about the pool. -->

        ## Root cause
        - The connection pool kept stale addresses.
        - [ ] Drain the pool on failover — owner: @dana — due: 2026-12-01
        1. Pool, pool and pool again.

        """

    @Test func theFirstLineWithEveryTermWinsElseTheMostDistinctThenTheMostOccurrences() throws {
        let snippet = try #require(best(document, ["connection", "pool"]))
        #expect(snippet.text == "The connection pool kept stale addresses.")
        let words = snippet.highlights.map { String(decoding: Array(snippet.text.utf8)[$0], as: UTF8.self) }
        #expect(words == ["connection", "pool"])
        let one = try #require(best(document, ["pool"]))
        #expect(one.text == "The connection pool kept stale addresses.", "the first line with the word")
        let partial = try #require(best(document, ["pool", "quokka"]))
        #expect(partial.text == "Pool, pool and pool again.", "no line has both: the most occurrences of one")
    }

    @Test func aPhraseIsMarkedOnlyWhereItsWordsFollowEachOther() throws {
        let text = "## Summary\nThe checkout page and the api gateway.\n\n## Root cause\nThe checkout-api pods restarted.\n"
        let snippet = try #require(
            SearchSnippet.best(in: Array(text.utf8), terms: [], phrases: [SearchTokenizer.terms(in: "checkout api")]))
        #expect(snippet.text == "The checkout-api pods restarted.")
        let words = snippet.highlights.map { String(decoding: Array(snippet.text.utf8)[$0], as: UTF8.self) }
        #expect(words == ["checkout", "api"])
    }

    @Test func frontMatterHeadingsAndCommentsAreNeverShown() {
        #expect(best(document, ["guidance"]) == SearchSnippet(text: "Checkout failed for 12% of requests.", highlights: []))
        #expect(best("---\ntitle: zeppelin\n---\n\n## Summary\nNothing here.\n", ["zeppelin"])?.text == "Nothing here.")
    }

    @Test("the prose of a foreign front-matter field is shown as the index reads it; links and ids never are")
    func foreignFrontMatterValues() {
        let text = """
            ---
            url: https://example.com/kv-outage
            company: Cloudflare # the vendor
            product: "Workers KV"
            categories: [cloud, "storage"]
            keywords:
              - replication lag
            summary: A quorum loss left the store read-only.
            title: KV outage
            ---

            The store lost quorum.
            """
        #expect(best(text, ["read-only"])?.text == "A quorum loss left the store read-only.")
        #expect(best(text, ["cloudflare"])?.text == "Cloudflare")
        #expect(best(text, ["workers"])?.text == "Workers KV")
        #expect(best(text, ["storage"])?.text == "cloud, storage")
        #expect(best(text, ["lag"])?.text == "replication lag")
        // No line to show: the summary, unmarked.
        let summary = SearchSnippet(text: "A quorum loss left the store read-only.", highlights: [])
        #expect(best(text, ["example"]) == summary, "a link is not text")
        #expect(best(text, ["outage"]) == summary, "the title is not shown: it is beside the snippet already")
        #expect(
            best("---\nsummary: The queue stalled.\n---\nNothing else.\n", ["zeppelin"])
                == SearchSnippet(text: "The queue stalled.", highlights: []), "a summary: field opens the summary")
    }

    @Test("a heading is shown when no line of text matches as well; never one pm knows as a section")
    func headings() {
        let text = "# Motivation\nBursts overload us.\n\n### Retry storm\nQueues grew.\n\nA retry storm again.\n"
        #expect(best(text, ["motivation"])?.text == "Motivation")
        #expect(best(text, ["retry", "storm"])?.text == "A retry storm again.", "the line of text, though after")
        #expect(best("## Retry storm ##\nQueues grew.\n", ["storm"])?.text == "Retry storm")
        #expect(best("## Impact\nQueues grew.\n", ["impact"]) == nil)
    }

    @Test func listMarkersAndCheckboxesAreDropped() {
        #expect(best(document, ["drain"])?.text == "Drain the pool on failover — owner: @dana — due: 2026-12-01")
    }

    @Test func crlfAndABomAreRead() {
        let text = "\u{FEFF}---\r\ntitle: x\r\n---\r\n## Root cause\r\nThe resolver cached NXDOMAIN.\r\n"
        #expect(best(text, ["resolver"])?.text == "The resolver cached NXDOMAIN.")
    }

    @Test func longLinesAreCutAroundTheFirstMatchAndKeepTheirHighlights() throws {
        let filler = String(repeating: "words before the match ", count: 12)
        let snippet = try #require(best("## Root cause\n\(filler)the zeppelin moment \(filler)\n", ["zeppelin"]))
        #expect(snippet.text.hasPrefix("… "))
        #expect(snippet.text.hasSuffix(" …"))
        let highlighted = snippet.highlights.map { String(decoding: Array(snippet.text.utf8)[$0], as: UTF8.self) }
        #expect(highlighted == ["zeppelin"])
        #expect(snippet.text.count <= 120)
    }

    @Test func onlyTheTopOfAHugeDocumentIsRead() {
        let filler = String(repeating: "log line\n", count: 100)
        let text = "## Summary\nThe disk filled.\n" + filler + "The zeppelin line.\n"
        let snippet = SearchSnippet.best(in: Array(text.utf8), terms: ["zeppelin"], scanLimit: 200)
        #expect(snippet == SearchSnippet(text: "The disk filled.", highlights: []))
        #expect(SearchSnippet.best(in: Array(text.utf8), terms: ["zeppelin"])?.text == "The zeppelin line.")
    }

    @Test func aDocumentWithNothingToShowHasNoSnippet() {
        #expect(best("---\ntitle: x\n---\n", ["x"]) == nil)
        #expect(SearchSnippet.best(in: [0xFF, 0xFE, 0x00], terms: ["x"]) == nil)
    }
}
