import Testing

@testable import PostmortemKit

/// Word splitting, folding and stemming: what the index stores and the query matches.
@Suite struct SearchTokenizerTests {
    @Test func splitsOnPunctuationAndKeepsByteRanges() {
        let text = "Checkout-API: 500s (again)!"
        let tokens = SearchTokenizer.tokens(in: text)
        #expect(tokens.map(\.term) == ["checkout", "api", "500s", "again"])
        let bytes = Array(text.utf8)
        #expect(tokens.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) } == ["Checkout", "API", "500s", "again"])
    }

    @Test func foldsCaseAndDiacritics() {
        #expect(SearchTokenizer.terms(in: "Zürich CAFÉ naïve Ångström") == ["zurich", "cafe", "naiv", "angstrom"])
        #expect(SearchTokenizer.terms(in: "ZÜRICH") == SearchTokenizer.terms(in: "zurich"))
    }

    @Test func byteRangesStayExactAfterMultibyteText() {
        let text = "Zoë saw 🔥 the pool"
        let tokens = SearchTokenizer.tokens(in: text)
        let bytes = Array(text.utf8)
        #expect(tokens.map(\.term) == ["zoe", "saw", "the", "pool"])
        #expect(String(decoding: bytes[tokens[3].start..<tokens[3].end], as: UTF8.self) == "pool")
    }

    @Test func apostrophesJoinTheWord() {
        #expect(SearchTokenizer.terms(in: "didn't we’d 'quoted'") == ["didnt", "wed", "quot"])
    }

    @Test(
        "light English stemming meets plurals, -ing and -ed",
        arguments: [
            ("conditions", "condition"), ("condition", "condition"), ("retries", "retri"), ("retry", "retri"),
            ("retried", "retri"), ("failing", "fail"), ("failed", "fail"), ("fails", "fail"), ("caches", "cach"),
            ("cached", "cach"), ("refuse", "refus"), ("refused", "refus"),
            ("acknowledges", "acknowledg"), ("acknowledged", "acknowledg"), ("time", "time"), ("file", "file"),
            ("filing", "file"),
            ("cache", "cach"), ("caching", "cach"), ("addresses", "address"), ("pools", "pool"), ("timed", "time"),
            ("hopping", "hop"), ("agreed", "agre"), ("agree", "agre"), ("running", "run"), ("ss", "ss"), ("dns", "dns"),
            ("ops", "op"),
        ])
    func stemming(word: String, stem: String) {
        #expect(SearchTokenizer.terms(in: word) == [stem])
    }

    @Test func digitsAndMixedWordsAreNotStemmed() {
        #expect(SearchTokenizer.terms(in: "ops-142 v2s http2") == ["op", "142", "v2s", "http2"])
    }

    @Test func invalidUTF8AndControlBytesSeparateWords() {
        let bytes: [UInt8] = Array("pool".utf8) + [0xFF, 0x00] + Array("drain".utf8) + [0xC3]
        let tokens = bytes.withUnsafeBytes { SearchTokenizer.tokens(in: $0) }
        #expect(tokens.map(\.term) == ["pool", "drain"])
    }

    @Test func terminalEscapeSequencesAreNotText() {
        #expect(SearchTokenizer.terms(in: "\u{1B}[31mRED\u{1B}[0m alert") == ["red", "alert"])
        #expect(SearchTokenizer.terms(in: "\u{1B}[2Jclearscreen") == ["clearscreen"])
        #expect(SearchTokenizer.terms(in: "\u{1B}]8;;http://x\u{07}link\u{1B}]8;;\u{1B}\\ end") == ["link", "end"])
        #expect(SearchTokenizer.terms(in: "cut \u{1B}[") == ["cut"])
    }

    @Test func veryLongWordsAreCut() {
        let word = String(repeating: "a", count: 500)
        let terms = SearchTokenizer.terms(in: word)
        #expect(terms.count == 1)
        #expect((terms.first?.utf8.count ?? 0) <= SearchTokenizer.maximumTermBytes)
    }

    @Test func theCachingNormalizerAgreesWithTheTokenizer() {
        let text = "Retries failed: the connection pools of Zürich's caches were exhausted during failover"
        var normalizer = SearchTermNormalizer()
        var first: [String] = []
        normalizer.terms(in: text, into: &first)
        var second: [String] = []
        normalizer.terms(in: text, into: &second)
        #expect(first == SearchTokenizer.terms(in: text))
        #expect(second == first)
    }

    @Test func longWordsAreFoldedAndCutTheSameWayWhenIndexed() {
        let long = "Connection" + String(repeating: "X", count: 90) + " " + String(repeating: "y", count: 5_000) + "ed"
        var normalizer = SearchTermNormalizer()
        var indexed: [String] = []
        normalizer.terms(in: long, into: &indexed)
        #expect(indexed == SearchTokenizer.terms(in: long))
        #expect(indexed.allSatisfy { $0.utf8.count <= SearchTokenizer.maximumTermBytes && $0 == $0.lowercased() })
    }

    @Test func foldedWordsAreNotStemmed() {
        #expect(SearchTokenizer.foldedWords(in: "Conditions Zürich") == ["conditions", "zurich"])
    }
}
