import Foundation
import Testing

@testable import PostmortemKit

/// Each Markdown block type, with positions.
@Suite struct MarkdownBlockTests {
    func blocks(_ text: String) -> [Block] {
        MarkdownParser.parse(text).blocks
    }

    @Test func atxHeadings() throws {
        let result = blocks("# One\n  ## Two ##   \n###### Six\n####### seven\n#tag\n")
        let headings = result.compactMap(\.heading)
        #expect(headings.map(\.level) == [1, 2, 6])
        #expect(headings.map(\.text) == ["One", "Two", "Six"])
        #expect(headings[1].textRange == SourceRange(line: 2, column: 6, length: 3))
        #expect(result[1].range == SourceRange(line: 2, column: 3, length: 9))
        #expect(result[3].paragraphLines?.map(\.text) == ["####### seven", "#tag"])
    }

    @Test func setextHeadings() {
        let result = blocks("Title\n=====\nSub\n---\n")
        #expect(result.compactMap(\.heading).map(\.level) == [1, 2])
        #expect(
            result[1].range == SourceRange(start: SourcePosition(line: 3, column: 1), end: SourcePosition(line: 4, column: 4)))
    }

    @Test func paragraphsKeepLinePositions() throws {
        let result = blocks("  First line\n   second line  \n\nNext")
        let lines = try #require(result.first?.paragraphLines)
        #expect(lines.map(\.text) == ["First line", "second line"])
        #expect(lines.map(\.position) == [SourcePosition(line: 1, column: 3), SourcePosition(line: 2, column: 4)])
        #expect(
            result.first?.range
                == SourceRange(start: SourcePosition(line: 1, column: 3), end: SourcePosition(line: 2, column: 15)))
        #expect(result.count == 2)
    }

    @Test func bulletListsWithNesting() throws {
        let result = blocks("- a\n  - b\n    - c\n- d\n")
        #expect(result.count == 1)
        let list = try #require(result.first)
        #expect(list.children.count == 2)
        let nested = list.children[0].children[1]
        guard case .list(let info) = nested.kind else {
            Issue.record("expected a nested list")
            return
        }
        #expect(!info.isOrdered)
        #expect(nested.range.start == SourcePosition(line: 2, column: 3))
        let deepest = nested.children[0].children[1].children[0]
        #expect(deepest.listItem?.markerPosition == SourcePosition(line: 3, column: 5))
        #expect(deepest.children.first?.paragraphLines?.first?.text == "c")
    }

    @Test func orderedListsKeepNumbers() throws {
        let result = blocks("3. three\n4. four\n\n1) one\n")
        #expect(result.count == 2)
        guard case .list(let info) = result[0].kind else {
            Issue.record("expected a list")
            return
        }
        #expect(info.isOrdered && info.start == 3 && info.marker == ".")
        #expect(result[0].children.compactMap(\.listItem).map(\.number) == [3, 4])
        #expect(result[1].children.first?.range.start == SourcePosition(line: 4, column: 1))
    }

    @Test func changingTheBulletStartsANewList() {
        #expect(blocks("- a\n* b\n+ c\n").count == 3)
    }

    @Test func orderedListOtherThanOneCannotInterruptAParagraph() {
        let result = blocks("The count was\n2. not a list\n")
        #expect(result.count == 1)
        #expect(result[0].paragraphLines?.count == 2)
    }

    @Test func listItemContinuationAndLaziness() throws {
        let result = blocks("- first line\n  second line\nlazy line\n\n  after blank\n")
        let item = try #require(result.first?.children.first)
        #expect(item.children.count == 2)
        #expect(item.children[0].paragraphLines?.map(\.text) == ["first line", "second line", "lazy line"])
        #expect(item.children[1].paragraphLines?.first?.position == SourcePosition(line: 5, column: 3))
    }

    @Test func taskItems() throws {
        let result = blocks("- [ ] open\n- [x] done\n* [X] upper\n- [-] not a task\n- [ ]\n- [x]text\n")
        let items = result.flatMap(\.children).compactMap(\.listItem)
        #expect(items.map { $0.checkbox?.isChecked } == [false, true, true, nil, false, nil])
        #expect(items[0].checkbox?.position == SourcePosition(line: 1, column: 3))
        #expect(items[0].checkbox?.markPosition == SourcePosition(line: 1, column: 4))
        let first = result[0].children[0]
        #expect(first.children.first?.paragraphLines?.first?.text == "open")
        #expect(first.children.first?.paragraphLines?.first?.position == SourcePosition(line: 1, column: 7))
    }

    @Test func tables() throws {
        let result = blocks(
            "Intro\n| Time | Event |\n| :--- | ---: |\n| 14:02 | Alert `a|b` |\n| 14:09 | Esc \\| aped | extra |\n|short|\n\nAfter"
        )
        #expect(result.count == 3)
        #expect(result[0].paragraphLines?.map(\.text) == ["Intro"])
        let table = try #require(result[1].table)
        #expect(table.alignments == [.left, .right])
        #expect(table.header.cells.map(\.text) == ["Time", "Event"])
        #expect(table.header.cells[1].range == SourceRange(line: 2, column: 10, length: 5))
        #expect(table.rows.count == 3)
        // As on GitHub, a pipe splits cells even inside a code span; the extra cell is dropped.
        #expect(table.rows[0].cells.map(\.text) == ["14:02", "Alert `a"])
        #expect(table.rows[1].cells.map(\.text) == ["14:09", "Esc | aped"])
        #expect(table.rows[2].cells.map(\.text) == ["short", ""])
        #expect(
            result[1].range == SourceRange(start: SourcePosition(line: 2, column: 1), end: SourcePosition(line: 6, column: 8)))
    }

    @Test func delimiterRowMustMatchTheHeader() {
        let result = blocks("| a | b |\n| --- |\n")
        #expect(result.count == 1)
        #expect(result[0].table == nil)
    }

    @Test func fencedCode() throws {
        let result = blocks("```swift linenums\nlet a = 1\n  indented\n````\n~~~\n```\n~~~\n")
        guard case .codeBlock(let code) = result[0].kind else {
            Issue.record("expected code")
            return
        }
        #expect(code.isFenced && code.isClosed)
        #expect(code.info == "swift linenums")
        #expect(code.fence == "```")
        #expect(code.lines.map(\.text) == ["let a = 1", "  indented"])
        #expect(
            result[0].range == SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 4, column: 5)))
        guard case .codeBlock(let tilde) = result[1].kind else {
            Issue.record("expected code")
            return
        }
        #expect(tilde.lines.map(\.text) == ["```"])
    }

    @Test func fencedCodeInsideAListItemDropsTheIndentation() throws {
        let result = blocks("- step\n  ```\n  code\n   more\n  ```\n")
        let code = try #require(result.first?.children.first?.children.last)
        guard case .codeBlock(let info) = code.kind else {
            Issue.record("expected code")
            return
        }
        #expect(info.lines.map(\.text) == ["code", " more"])
        #expect(info.lines.first?.position == SourcePosition(line: 3, column: 3))
    }

    @Test func unclosedFenceRunsToTheEnd() throws {
        let document = MarkdownParser.parse("Text\n```\ncode\n## Not a heading\n")
        #expect(document.blocks.count == 2)
        guard case .codeBlock(let code) = document.blocks[1].kind else {
            Issue.record("expected code")
            return
        }
        #expect(!code.isClosed)
        #expect(code.lines.count == 2)
        #expect(document.errors.first?.position == SourcePosition(line: 2, column: 1))
    }

    @Test func indentedCode() throws {
        let result = blocks("Para\n    not code (lazy)\n\n    code\n\n    more\n\nafter")
        #expect(result.count == 3)
        #expect(result[0].paragraphLines?.count == 2)
        guard case .codeBlock(let code) = result[1].kind else {
            Issue.record("expected code")
            return
        }
        #expect(!code.isFenced)
        #expect(code.lines.map(\.text) == ["code", "", "more"])
        #expect(
            result[1].range == SourceRange(start: SourcePosition(line: 4, column: 5), end: SourcePosition(line: 6, column: 9)))
    }

    @Test func blockQuotesNest() throws {
        let result = blocks("> outer\n>> inner\n> > still inner\n\n> new")
        #expect(result.count == 2)
        let inner = try #require(result[0].children.last)
        guard case .blockQuote = inner.kind else {
            Issue.record("expected a quote")
            return
        }
        #expect(inner.range.start == SourcePosition(line: 2, column: 2))
        #expect(inner.children.first?.paragraphLines?.map(\.text) == ["inner", "still inner"])
    }

    @Test func htmlComments() throws {
        let document = MarkdownParser.parse("<!-- one -->\n<!--\ntwo\n-->after\nText <!-- inline -->\n")
        let result = document.blocks
        #expect(result.count == 3)
        guard case .htmlComment(let first) = result[0].kind, case .htmlComment(let second) = result[1].kind else {
            Issue.record("expected comments")
            return
        }
        #expect(first.text == " one ")
        #expect(second.text == "\ntwo\n")
        #expect(second.isClosed)
        #expect(
            result[1].range == SourceRange(start: SourcePosition(line: 2, column: 1), end: SourcePosition(line: 4, column: 9)))
        #expect(document.errors.isEmpty)
    }

    @Test func htmlCommentInterruptsAParagraph() {
        let result = blocks("Text\n<!-- pm-disable-next-line blameless-language -->\nMore\n")
        #expect(result.count == 3)
        #expect(result[1].isHTMLComment)
    }

    @Test func thematicBreaks() {
        let result = blocks("***\n - - -\n___\n\n---\n")
        #expect(result.count == 4)
        #expect(result.allSatisfy { $0.kind == .thematicBreak })
        #expect(result[1].range == SourceRange(line: 2, column: 2, length: 5))
    }

    @Test func plainTextSkipsComments() throws {
        let block = try #require(blocks("- Item <!-- hidden --> one `code`\n  <!-- block -->\n").first)
        #expect(block.plainText == "Item one `code`")
    }

    @Test func startingLaterKeepsAbsoluteLineNumbers() {
        let source = SourceText("---\ntitle: x\n---\n## Summary\n")
        let document = MarkdownParser.parse(source, fromLine: 4)
        #expect(document.blocks.first?.range.start == SourcePosition(line: 4, column: 1))
        #expect(document.firstLine == 4)
    }

    @Test func tabsCountAsIndentation() throws {
        let result = blocks("-\titem\n\tcontinued\n")
        #expect(result.first?.children.first?.children.first?.paragraphLines?.map(\.text) == ["item", "continued"])
    }

    @Test func crlfAndBOMGiveTheSameTree() {
        let text = "## Summary\n- [ ] a\n\n| x | y |\n|---|---|\n| 1 | 2 |\n```\ncode\n```\n> q\n"
        let lf = MarkdownParser.parse(text)
        let crlf = MarkdownParser.parse(
            SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)))
        #expect(lf == crlf)
    }
}
