import Testing

@testable import PostmortemKit

/// Values written by `FrontMatterEncoder` read back unchanged.
@Suite struct FrontMatterEncoderTests {
    static let samples = [
        "plain", "Checkout API returned 500s", "Root cause: pool", "ends with colon:", "# hash", "a #b", "@dana",
        "- dash", "[bracket", "{brace", "'quote", "\"double\"", "back\\slash", "line\nbreak", "tab\there",
        " padded ", "Zürich café", "100%", "*star", "&amp", "!bang", "|pipe", ">gt", "`tick", "a: b, c", "",
        "2026-11-20T14:02:00Z", "x,y", "?q", ":colon",
    ]

    @Test(arguments: samples) func scalarsRoundTrip(value: String) throws {
        let text = "---\nkey: \(FrontMatterEncoder.scalar(value))\n---\n"
        let frontMatter = try #require(FrontMatterParser.parse(text))
        #expect(frontMatter.errors.isEmpty, "\(text)")
        #expect(frontMatter.string("key") == value)
    }

    @Test func listsRoundTrip() throws {
        let items = Self.samples.filter { !$0.isEmpty }
        let text = "---\nkey: \(FrontMatterEncoder.flowList(items))\n---\n"
        let frontMatter = try #require(FrontMatterParser.parse(text))
        #expect(frontMatter.errors.isEmpty)
        #expect(frontMatter.list("key") == items)
    }

    @Test func simpleValuesStayUnquoted() {
        #expect(FrontMatterEncoder.scalar("in-review") == "in-review")
        #expect(FrontMatterEncoder.scalar("2026-11-20T14:02:00Z") == "2026-11-20T14:02:00Z")
        #expect(FrontMatterEncoder.flowList(["a", "b c"]) == "[a, b c]")
        #expect(FrontMatterEncoder.flowList([]) == "[]")
        #expect(FrontMatterEncoder.scalar("A: B") == "\"A: B\"")
    }

    @Test func doubleQuotedContentEscapes() {
        #expect(FrontMatterEncoder.doubleQuotedContent("a \"b\" \\ c\nd\u{7}") == #"a \"b\" \\ c\nd"#)
    }
}
