import Testing

@testable import PostmortemKit

/// Code spans and inline comments inside a line.
@Suite struct MarkdownInlineTests {
    func split(_ text: String, column: Int = 1) -> [InlineSegment] {
        InlineSegment.split(text, line: 3, column: column)
    }

    @Test func plainTextIsOneSegment() {
        #expect(
            split("no code here") == [
                InlineSegment(kind: .text, text: "no code here", range: SourceRange(line: 3, column: 1, length: 12))
            ])
        #expect(split("").isEmpty)
    }

    @Test func codeSpansWithByteColumns() {
        let segments = split("Run `kubectl get` on café `x`", column: 5)
        #expect(segments.map(\.kind) == [.text, .code, .text, .code])
        #expect(segments.map(\.text) == ["Run ", "kubectl get", " on café ", "x"])
        #expect(segments[1].range == SourceRange(line: 3, column: 9, length: 13))
        // "café" has a two-byte é, so the last span starts one column later than its character index.
        #expect(segments[3].range == SourceRange(line: 3, column: 32, length: 3))
    }

    @Test func longerBacktickRunsAndPadding() {
        let segments = split("a `` b ` c `` d")
        #expect(segments.map(\.kind) == [.text, .code, .text])
        #expect(segments[1].text == "b ` c")
    }

    @Test func unmatchedBackticksArePlainText() {
        let segments = split("a ``b` c")
        #expect(segments.map(\.kind) == [.text])
        #expect(segments[0].text == "a ``b` c")
    }

    @Test func escapedBacktickIsNotADelimiter() {
        let segments = split(#"a \`b` c`"#)
        #expect(segments.map(\.kind) == [.text, .code])
        #expect(segments[1].text == " c")
    }

    @Test func inlineCommentsAreSegments() {
        let segments = split("said <!-- not this --> and `<!-- code -->`")
        #expect(segments.map(\.kind) == [.text, .comment, .text, .code])
        #expect(segments[1].text == " not this ")
        #expect(segments[1].range == SourceRange(line: 3, column: 6, length: 17))
        #expect(segments[3].text == "<!-- code -->")
    }

    @Test func unclosedInlineCommentRunsToTheEndOfTheLine() {
        let segments = split("a <!-- b")
        #expect(segments.map(\.kind) == [.text, .comment])
        #expect(segments[1].isClosed == false && segments[1].text == " b")
    }

    @Test func commentSpanningParagraphLines() throws {
        let document = MarkdownParser.parse("Text <!-- internal: a\nb `c`\n--> after\n")
        let lines = try #require(document.blocks.first?.paragraphLines)
        #expect(lines.map(\.startsInComment) == [false, true, true])
        #expect(lines[0].segments.map(\.kind) == [.text, .comment])
        #expect(lines[0].segments[1].range == SourceRange(line: 1, column: 6, length: 16))
        #expect(lines[1].segments.map(\.kind) == [.comment])
        #expect(lines[1].segments[0].range == SourceRange(line: 2, column: 1, length: 5))
        #expect(lines[2].segments.map(\.kind) == [.comment, .text])
        #expect(lines[2].segments[0].range == SourceRange(line: 3, column: 1, length: 3))
        #expect(lines[2].segments[1].range == SourceRange(line: 3, column: 4, length: 6))
        #expect(document.blocks.first?.plainText == "Text\nafter")
    }

    @Test func commentSpanningListItemLines() throws {
        let document = MarkdownParser.parse("- Fast <!-- internal: a\n  b --> done\n- Lazy <!-- c\nd --> end\n")
        let items = try #require(document.blocks.first?.children)
        #expect(items.map(\.plainText) == ["Fast\ndone", "Lazy\nend"])
        let lazy = try #require(items.last?.children.first?.paragraphLines?.last)
        #expect(
            lazy.startsInComment
                && lazy.segments.map(\.range) == [
                    SourceRange(line: 4, column: 1, length: 5), SourceRange(line: 4, column: 6, length: 4),
                ])
    }

    @Test func segmentsOfAParagraphLine() throws {
        let document = MarkdownParser.parse("> Use `SELECT 1` to check\n")
        let line = try #require(document.blocks.first?.children.first?.paragraphLines?.first)
        let code = try #require(line.segments.first { $0.kind == .code })
        #expect(code.range == SourceRange(line: 1, column: 7, length: 10))
    }

    @Test func manyBackticksStayLinear() {
        let text = String(repeating: "`a ``b ```c ", count: 20_000)
        let segments = split(text)
        #expect(!segments.isEmpty)
        #expect(segments.map(\.range.end.column).max() == text.utf8.count + 1)
    }
}
