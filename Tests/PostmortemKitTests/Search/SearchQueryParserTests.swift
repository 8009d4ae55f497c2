import Testing

@testable import PostmortemKit

/// The query language of `pm search`: what parses to what, and where a malformed query is wrong.
@Suite struct SearchQueryParserTests {
    func parse(_ text: String) throws -> SearchQuery {
        try SearchQueryParser.parse(text)
    }

    @Test func wordsAreAllRequired() throws {
        #expect(try parse("connection pool") == .and([.phrase(["connection"]), .phrase(["pool"])]))
        #expect(try parse("Conditions") == .phrase(["condition"]))
    }

    @Test func phrasesPrefixesAndExclusions() throws {
        #expect(try parse("\"connection pool\"") == .phrase(["connection", "pool"]))
        #expect(try parse("fail*") == .prefix("fail"))
        #expect(try parse("-dns") == .not(.phrase(["dns"])))
        #expect(try parse("checkout-api") == .phrase(["checkout", "api"]))
    }

    @Test func orBindsTighterThanTheSpace() throws {
        #expect(
            try parse("timeout db OR cache")
                == .and([.phrase(["timeout"]), .or([.phrase(["db"]), .phrase(["cach"])])]))
        #expect(
            try parse("(timeout db) OR cache")
                == .or([.and([.phrase(["timeout"]), .phrase(["db"])]), .phrase(["cach"])]))
    }

    @Test func andAndNotAreSpelledOutToo() throws {
        #expect(try parse("pool AND cache") == .and([.phrase(["pool"]), .phrase(["cach"])]))
        #expect(try parse("pool NOT cache") == .and([.phrase(["pool"]), .not(.phrase(["cach"]))]))
        #expect(try parse("pool and cache") == .and([.phrase(["pool"]), .phrase(["and"]), .phrase(["cach"])]))
    }

    @Test func nestingIsBounded() throws {
        let deep = String(repeating: "(", count: 3_000) + "pool" + String(repeating: ")", count: 3_000)
        #expect(throws: SearchQueryError.self) { try parse(deep) }
        let fine = String(repeating: "(", count: 10) + "pool" + String(repeating: ")", count: 10)
        #expect(try parse(fine) == .phrase(["pool"]))
        let negations = String(repeating: "NOT ", count: 3_000) + "pool"
        #expect(throws: SearchQueryError.self) { try parse(negations) }
    }

    @Test func fields() throws {
        #expect(try parse("severity:SEV1") == .field(.severity, "SEV1"))
        #expect(try parse("status:Published") == .field(.status, "published"))
        #expect(try parse("service:checkout-api") == .field(.service, "checkout-api"))
        #expect(try parse("owner:@dana") == .field(.owner, "@dana"))
        #expect(try parse("tag:\"data loss\"") == .field(.tag, "data loss"))
        #expect(try parse("after:2026-01-01") == .after(try #require(LocalDate(year: 2026, month: 1, day: 1))))
        #expect(try parse("before:2026-02-01") == .before(try #require(LocalDate(year: 2026, month: 2, day: 1))))
        #expect(try parse("section:\"root causes\" dns") == .and([.section("root-cause"), .phrase(["dns"])]))
        #expect(try parse("section:\"Customer comms\"") == .section("customer comm"))
    }

    @Test("any other key names a front-matter field; the plurals the front matter writes are the filters'")
    func frontMatterFields() throws {
        #expect(try parse("company:Cloudflare") == .frontMatter("company", "Cloudflare"))
        #expect(try parse("Company:Cloudflare") == .frontMatter("company", "Cloudflare"))
        #expect(try parse("product:\"Workers KV\"") == .frontMatter("product", "Workers KV"))
        #expect(try parse("start_time:2024-05-01") == .frontMatter("start_time", "2024-05-01"))
        #expect(try parse("source-fetched-at:x") == .frontMatter("source-fetched-at", "x"))
        #expect(try parse("url:https://example.com/a") == .frontMatter("url", "https://example.com/a"))
        #expect(try parse("-company:Cloudflare kv") == .and([.not(.frontMatter("company", "Cloudflare")), .phrase(["kv"])]))
        #expect(try parse("sevrity:SEV1") == .frontMatter("sevrity", "SEV1"), "a typo is noted after the search, not refused")
        #expect(try parse("services:dns") == .field(.service, "dns"))
        #expect(try parse("tags:database") == .field(.tag, "database"))
        #expect(try parse("authors:@dana") == .field(.author, "@dana"))
        #expect(try parse("date:2026-11-20") == .field(.date, "2026-11-20"))
        #expect(try parse("started:2026-11-20") == .field(.started, "2026-11-20"))
        #expect(try parse("resolved:2026-11-20T15:31:00Z") == .field(.resolved, "2026-11-20T15:31:00Z"))
        #expect(try parse("visibility:public") == .field(.visibility, "public"))
        #expect(try parse("title:\"Checkout failed\"") == .frontMatter("title", "Checkout failed"))
    }

    @Test func textThatOnlyLooksLikeAFieldIsText() throws {
        #expect(try parse("14:02") == .phrase(["14", "02"]))
        #expect(try parse("https://example.com/outage") == .phrase(SearchTokenizer.terms(in: "https example com outage")))
        #expect(try parse("日本:x") == .phrase(["日本", "x"]))
    }

    @Test(
        "malformed queries say what is wrong and where",
        arguments: [
            ("\"connection pool", 1, "never closed"),
            ("pool)", 5, "closes nothing"),
            ("(pool", 1, "never closed"),
            ("()", 1, "holds nothing"),
            ("pool OR", 6, "'OR' needs a word"),
            ("OR pool", 1, "'OR' needs a word"),
            ("company:", 1, "'company:' needs a value"),
            ("date:yesterday", 6, "not a date"),
            ("started:noon", 9, "neither a date nor a timestamp"),
            ("pool Summary: outage", 6, "leave out the ':'"),
            ("company:\"Workers", 9, "never closed"),
            ("after:2026-02-30", 7, "not a date"),
            ("status:done", 8, "not a status"),
            ("severity:", 1, "needs a value"),
            ("- pool", 1, "without a space"),
            ("po*ol", 3, "'*' may only end"),
            ("pool\"x\"", 5, "put a space"),
            ("\"...\"", 1, "holds no words"),
            ("-section:impact", 1, "cannot be excluded"),
            ("pool OR OR cache", 6, "'OR' needs a word"),
            ("pool OR OR", 6, "'OR' needs a word"),
            ("AND pool", 1, "'AND' needs a word"),
            ("pool AND", 6, "'AND' needs a word"),
            ("NOT", 1, "'NOT' must be followed"),
        ])
    func errors(query: String, column: Int, message: String) {
        do {
            _ = try parse(query)
            Issue.record("'\(query)' parsed")
        } catch let error as SearchQueryError {
            #expect(error.column == column, "\(query): \(error)")
            #expect(error.message.contains(message), "\(query): \(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aQueryOfPunctuationHasNothingToSearch() {
        #expect(throws: SearchQueryError.self) { try parse("--- ...") }
    }
}
