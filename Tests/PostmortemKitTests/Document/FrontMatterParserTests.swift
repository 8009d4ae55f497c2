import Testing

@testable import PostmortemKit

/// Every form of the front-matter subset that is accepted, with positions.
@Suite struct FrontMatterParserTests {
    func parse(_ lines: [String]) -> FrontMatter? {
        FrontMatterParser.parse((["---"] + lines + ["---", "", "Body"]).joined(separator: "\n"))
    }

    @Test func plainScalarWithPositions() throws {
        let frontMatter = try #require(parse(["title: Checkout API returned 500s"]))
        #expect(frontMatter.errors.isEmpty)
        let entry = try #require(frontMatter["title"])
        #expect(entry.value == .string("Checkout API returned 500s"))
        #expect(entry.style == .plain)
        #expect(entry.keyPosition == SourcePosition(line: 2, column: 1))
        #expect(entry.valuePosition == SourcePosition(line: 2, column: 8))
        #expect(entry.valueRange == SourceRange(line: 2, column: 8, length: 26))
        #expect(frontMatter.closingLine == 3)
        #expect(frontMatter.bodyStartLine == 4)
    }

    @Test func trailingCommentsAndExtraSpaces() throws {
        let frontMatter = try #require(parse(["status: draft            # draft | in-review | published"]))
        let entry = try #require(frontMatter["status"])
        #expect(entry.value == .string("draft"))
        #expect(entry.valueRange == SourceRange(line: 2, column: 9, length: 5))
    }

    @Test func hashWithoutSpaceIsPartOfTheValue() throws {
        let frontMatter = try #require(parse(["ticket: OPS#142", "url: https://example.com/a#b"]))
        #expect(frontMatter.errors.isEmpty)
        #expect(frontMatter.string("ticket") == "OPS#142")
        #expect(frontMatter.string("url") == "https://example.com/a#b")
    }

    @Test func fullLineCommentsAndBlankLines() throws {
        let frontMatter = try #require(parse(["# a comment", "", "  # indented comment", "title: x"]))
        #expect(frontMatter.errors.isEmpty)
        #expect(frontMatter.keys == ["title"])
        #expect(frontMatter["title"]?.line == 5)
    }

    @Test func doubleQuotedWithEscapes() throws {
        let frontMatter = try #require(parse([#"title: "Say \"hi\" \\ then\nnext: # not a comment" # comment"#]))
        #expect(frontMatter.errors.isEmpty)
        let entry = try #require(frontMatter["title"])
        #expect(entry.value == .string("Say \"hi\" \\ then\nnext: # not a comment"))
        #expect(entry.style == .doubleQuoted)
        #expect(entry.valueRange == SourceRange(line: 2, column: 8, length: 43))
    }

    @Test func singleQuotedWithDoubledQuote() throws {
        let frontMatter = try #require(parse(["title: 'It''s down: again'"]))
        #expect(frontMatter.errors.isEmpty)
        #expect(frontMatter["title"]?.value == .string("It's down: again"))
        #expect(frontMatter["title"]?.style == .singleQuoted)
        #expect(frontMatter["title"]?.valueRange == SourceRange(line: 2, column: 8, length: 19))
    }

    @Test func flowListWithQuotedItems() throws {
        let frontMatter = try #require(parse([#"tags: [database, "fail, over", 'it''s', db-2 ]  # comment"#]))
        #expect(frontMatter.errors.isEmpty)
        let entry = try #require(frontMatter["tags"])
        #expect(entry.value == .list(["database", "fail, over", "it's", "db-2"]))
        #expect(entry.style == .flowList)
        #expect(entry.valueRange == SourceRange(line: 2, column: 7, length: 40))
        #expect(entry.items.map(\.range.start.column) == [8, 18, 32, 41])
        #expect(entry.items[1].range == SourceRange(line: 2, column: 18, length: 12))
    }

    @Test func emptyFlowListAndTrailingComma() throws {
        let frontMatter = try #require(parse(["related: []", "tags: [a, b,]"]))
        #expect(frontMatter.errors.isEmpty)
        #expect(frontMatter.list("related") == [])
        #expect(frontMatter.list("tags") == ["a", "b"])
    }

    @Test func blockListsIndentedOrNot() throws {
        let frontMatter = try #require(
            parse([
                "services:", "  - checkout-api", "  # a comment between items", "  - \"payments, db\"", "authors:", "- dana",
                "- lee   # trailing",
            ]))
        #expect(frontMatter.errors.isEmpty)
        let services = try #require(frontMatter["services"])
        #expect(services.value == .list(["checkout-api", "payments, db"]))
        #expect(services.style == .blockList)
        #expect(
            services.items.map(\.range) == [
                SourceRange(line: 3, column: 5, length: 12), SourceRange(line: 5, column: 5, length: 14),
            ])
        #expect(
            services.valueRange
                == SourceRange(start: SourcePosition(line: 2, column: 10), end: SourcePosition(line: 5, column: 19)))
        #expect(frontMatter.list("authors") == ["dana", "lee"])
    }

    @Test func emptyValueIsAnEmptyString() throws {
        let frontMatter = try #require(parse(["started:", "detected:    # later", "title: x"]))
        #expect(frontMatter.errors.isEmpty)
        let started = try #require(frontMatter["started"])
        #expect(started.value == .string(""))
        #expect(started.style == .empty)
        #expect(started.valuePosition == SourcePosition(line: 2, column: 9))
        #expect(started.valueRange.start == started.valueRange.end)
        #expect(frontMatter["detected"]?.value == .string(""))
    }

    @Test func valuesThatLookLikeOtherThingsStayStrings() throws {
        let frontMatter = try #require(
            parse([
                "date: 2026-11-20", "count: 12", "flag: true", "time: 2026-11-20T14:02:00+02:00", "neg: -5", "ratio: 1:2",
                "unicode: Zürich – Ærø 🚒",
            ]))
        #expect(frontMatter.errors.isEmpty)
        #expect(frontMatter.string("date") == "2026-11-20")
        #expect(frontMatter.string("flag") == "true")
        #expect(frontMatter.string("time") == "2026-11-20T14:02:00+02:00")
        #expect(frontMatter.string("neg") == "-5")
        #expect(frontMatter.string("ratio") == "1:2")
        #expect(frontMatter.string("unicode") == "Zürich – Ærø 🚒")
    }

    @Test func keysMayUseDigitsDashesAndUnderscores() throws {
        let frontMatter = try #require(parse(["x-custom_key2: v"]))
        #expect(frontMatter.errors.isEmpty)
        #expect(frontMatter.keys == ["x-custom_key2"])
    }

    @Test func closingWithDotsAndTrailingWhitespace() throws {
        let frontMatter = try #require(FrontMatterParser.parse("---  \ntitle: x\n...\nbody"))
        #expect(frontMatter.errors.isEmpty)
        #expect(frontMatter.closingLine == 3)
        #expect(frontMatter.bodyStartLine == 4)
    }

    @Test func documentWithoutFrontMatter() {
        #expect(FrontMatterParser.parse("# Title\n\ntitle: x\n") == nil)
        #expect(FrontMatterParser.parse("") == nil)
        #expect(FrontMatterParser.parse("\n---\ntitle: x\n---\n") == nil)
    }

    @Test func emptyFrontMatter() throws {
        let frontMatter = try #require(FrontMatterParser.parse("---\n---\n"))
        #expect(frontMatter.entries.isEmpty)
        #expect(frontMatter.errors.isEmpty)
    }

    @Test func positionsAreTheSameWithCRLFAndBOM() throws {
        let lines = ["---", "title: \"Café\"", "tags: [a, b]", "services:", "  - x", "---", ""]
        let lf = try #require(FrontMatterParser.parse(SourceText(lines.joined(separator: "\n"))))
        let crlf = try #require(
            FrontMatterParser.parse(SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\r\n").utf8))))
        #expect(lf == crlf)
        #expect(crlf.errors.isEmpty)
        #expect(crlf["services"]?.items.first?.range == SourceRange(line: 5, column: 5, length: 1))
    }

    @Test func errorsCarryThePath() throws {
        let frontMatter = try #require(FrontMatterParser.parse(SourceText("---\n\tx: 1\n---\n"), path: "p.md"))
        #expect(frontMatter.errors.first?.description == "p.md:2:1: tab used for indentation; indent with spaces")
    }

    @Test func unclosedBlockStopsBeforeTheFirstSection() throws {
        let frontMatter = try #require(FrontMatterParser.parse("---\ntitle: x\n\n## Summary\ntext\n"))
        #expect(frontMatter.closingLine == nil)
        #expect(frontMatter.bodyStartLine == 4)
        #expect(frontMatter.string("title") == "x")
        #expect(frontMatter.errors.map(\.position) == [SourcePosition(line: 1, column: 1)])
    }

    @Test func entryLookups() throws {
        let frontMatter = try #require(parse(["title: x", "tags: [a]"]))
        #expect(frontMatter.entry(for: "title")?.value.stringValue == "x")
        #expect(frontMatter.entry(for: "tags")?.value.listValue == ["a"])
        #expect(frontMatter.string("tags") == nil)
        #expect(frontMatter.list("title") == nil)
        #expect(frontMatter["missing"] == nil)
    }
}

@Suite("Front matter at scale")
struct FrontMatterScaleTests {
    /// Quadratic work per item (copying the list for each `- item`) would make this take minutes.
    @Test("a block list of 50,000 items parses completely, in linear work")
    func longBlockList() {
        let items = (0..<50_000).map { "  - tag\($0)" }.joined(separator: "\n")
        let text = "---\ntitle: x\ntags:\n\(items)\n---\n"
        let frontMatter = FrontMatterParser.parse(text)
        #expect(frontMatter?.list("tags")?.count == 50_000)
        #expect(frontMatter?.list("tags")?.last == "tag49999")
        #expect(frontMatter?.errors.isEmpty == true)
    }
}
