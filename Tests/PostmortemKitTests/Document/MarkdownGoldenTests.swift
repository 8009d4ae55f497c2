import Foundation
import Testing

@testable import PostmortemKit

/// Golden dumps of block trees with their ranges.
@Suite struct MarkdownGoldenTests {
    func expectDump(_ input: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let dump = MarkdownParser.parse(input).debugDump()
        #expect(dump == expected, sourceLocation: sourceLocation)
        // The same document with CRLF line endings and a byte-order mark dumps identically.
        let crlf = [0xEF, 0xBB, 0xBF] + Array(input.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(MarkdownParser.parse(SourceText(bytes: crlf)).debugDump() == expected, sourceLocation: sourceLocation)
    }

    @Test func headingsAndParagraphs() {
        expectDump(
            "# One\n## Two ##\n### Three #not-closing\n#### \n####### seven\n#hashtag\n",
            """
            heading(1) 1:1-1:6 "One" @1:3-1:6
            heading(2) 2:1-2:10 "Two" @2:4-2:7
            heading(3) 3:1-3:23 "Three #not-closing" @3:5-3:23
            heading(4) 4:1-4:6 "" @4:6-4:6
            paragraph 5:1-6:9
              "####### seven" @5:1
              "#hashtag" @6:1
            """)
        expectDump(
            "Para line one\n  continues here  \n\nSecond para\nSetext\n===\nAnother\n---\n",
            """
            paragraph 1:1-2:17
              "Para line one" @1:1
              "continues here" @2:3
            heading(1) 4:1-6:4 "Second para Setext" @4:1-5:7
            heading(2) 7:1-8:4 "Another" @7:1-7:8
            """)
    }

    @Test func linkReferenceDefinitionsLeaveTheirParagraph() {
        let input = """
            [runbook]: https://internal.example/wiki "Title"
            [b]:
              <https://x.example/a b>
              'T'
            See [runbook].

            [only]: /x

            [not]: /x junk
            - [item]: /y (Item)
            """
        expectDump(
            input + "\n",
            """
            paragraph 5:1-5:15
              "See [runbook]." @5:1
            paragraph 9:1-9:15
              "[not]: /x junk" @9:1
            list(bullet -) 10:1-10:20
              item 10:1-10:20
            """)
        let definitions = MarkdownParser.parse(input).linkDefinitions
        #expect(definitions.map(\.label) == ["runbook", "b", "only", "item"])
        #expect(definitions.map(\.destination) == ["https://internal.example/wiki", "https://x.example/a b", "/x", "/y"])
        #expect(definitions.map(\.title) == ["Title", "T", nil, "Item"])
        #expect(
            definitions.map(\.range) == [
                SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 49)),
                SourceRange(start: SourcePosition(line: 2, column: 1), end: SourcePosition(line: 4, column: 6)),
                SourceRange(start: SourcePosition(line: 7, column: 1), end: SourcePosition(line: 7, column: 11)),
                SourceRange(start: SourcePosition(line: 10, column: 3), end: SourcePosition(line: 10, column: 20)),
            ])
    }

    @Test func nestedAndOrderedLists() {
        expectDump(
            "- a\n- b\n  - c\n    - d\n- e\n\n1. one\n2) two\n",
            """
            list(bullet -) 1:1-5:4
              item 1:1-1:4
                paragraph 1:3-1:4
                  "a" @1:3
              item 2:1-4:8
                paragraph 2:3-2:4
                  "b" @2:3
                list(bullet -) 3:3-4:8
                  item 3:3-4:8
                    paragraph 3:5-3:6
                      "c" @3:5
                    list(bullet -) 4:5-4:8
                      item 4:5-4:8
                        paragraph 4:7-4:8
                          "d" @4:7
              item 5:1-5:4
                paragraph 5:3-5:4
                  "e" @5:3
            list(ordered . start 1) 7:1-7:7
              item #1 7:1-7:7
                paragraph 7:4-7:7
                  "one" @7:4
            list(ordered ) start 2) 8:1-8:7
              item #2 8:1-8:7
                paragraph 8:4-8:7
                  "two" @8:4
            """)
    }

    @Test func taskItems() {
        expectDump(
            "- [ ] open task\n- [x] done task\n- [X] upper\n- [y] not a task\n-   [ ] spaced\n- [ ]\n",
            """
            list(bullet -) 1:1-6:6
              item 1:1-1:16 [ ]@1:3
                paragraph 1:7-1:16
                  "open task" @1:7
              item 2:1-2:16 [x]@2:3
                paragraph 2:7-2:16
                  "done task" @2:7
              item 3:1-3:12 [x]@3:3
                paragraph 3:7-3:12
                  "upper" @3:7
              item 4:1-4:17
                paragraph 4:3-4:17
                  "[y] not a task" @4:3
              item 5:1-5:15 [ ]@5:5
                paragraph 5:9-5:15
                  "spaced" @5:9
              item 6:1-6:6 [ ]@6:3
            """)
    }

    @Test func tables() {
        expectDump(
            "| A | B | C |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| x \\| y | | \n| only |\nnot a row? \n\nno | table\n--- | ---\ncell | cell\n",
            """
            table 1:1-6:11 align(left,center,right)
              header 1:1-1:14: "A"@1:3 | "B"@1:7 | "C"@1:11
              row 3:1-3:14: "1"@3:3 | "2"@3:7 | "3"@3:11
              row 4:1-4:13: "x | y"@4:3 | ""@4:12 | ""@4:13
              row 5:1-5:9: "only"@5:3 | ""@5:9 | ""@5:9
              row 6:1-6:11: "not a row?"@6:1 | ""@6:11 | ""@6:11
            table 8:1-10:12 align(none,none)
              header 8:1-8:11: "no"@8:1 | "table"@8:6
              row 10:1-10:12: "cell"@10:1 | "cell"@10:8
            """)
    }

    @Test func codeBlocks() {
        expectDump(
            "```swift\nlet a = 1\n\n  indented\n```\n~~~~ text\n```\n~~~~\n    code one\n    code two\n\n    code three\n\n",
            """
            code(fenced ``` info "swift") 1:1-5:4
              "let a = 1" @2:1
              "" @3:1
              "  indented" @4:1
            code(fenced ~~~~ info "text") 6:1-8:5
              "```" @7:1
            code(indented) 9:5-12:15
              "code one" @9:5
              "code two" @10:5
              "" @11:1
              "code three" @12:5
            """)
    }

    @Test func quotesAndLaziness() {
        expectDump(
            "> quote\n> > nested\n> back\nlazy\n\n> - list in quote\n>   continued\n",
            """
            quote 1:1-4:5
              paragraph 1:3-1:8
                "quote" @1:3
              quote 2:3-4:5
                paragraph 2:5-4:5
                  "nested" @2:5
                  "back" @3:3
                  "lazy" @4:1
            quote 6:1-7:14
              list(bullet -) 6:3-7:14
                item 6:3-7:14
                  paragraph 6:5-7:14
                    "list in quote" @6:5
                    "continued" @7:5
            """)
    }

    @Test func commentsAndBreaks() {
        expectDump(
            "<!-- single -->\n<!--\nmulti\nline -->\ntext <!-- inline --> more\n  <!-- indented -->\n***\n- - -\n___\n",
            """
            html-comment 1:1-1:16
              "<!-- single -->" @1:1
            html-comment 2:1-4:9
              "<!--" @2:1
              "multi" @3:1
              "line -->" @4:1
            paragraph 5:1-5:26
              "text <!-- inline --> more" @5:1
            html-comment 6:3-6:20
              "<!-- indented -->" @6:3
            thematic-break 7:1-7:4
            thematic-break 8:1-8:6
            thematic-break 9:1-9:4
            """)
    }

    @Test func unclosedBlocksAreRecorded() {
        expectDump(
            "Text\n```\nnever closed\n",
            """
            paragraph 1:1-1:5
              "Text" @1:1
            code(fenced ``` info "") 2:1-3:13 unclosed
              "never closed" @3:1
            error 2:1: code block opened with ``` is never closed: add a line ``` after its last line
            """)
        expectDump(
            "<!-- never closed\nstill\n",
            """
            html-comment 1:1-2:6 unclosed
              "<!-- never closed" @1:1
              "still" @2:1
            error 1:1: HTML comment is never closed: add '-->' where it ends
            """)
    }

    @Test func postmortemBody() {
        expectDump(
            """
            ## Timeline
            - 14:02 Alert fires.
            - 14:09 — Paged.

            ## Action items
            <!-- guidance -->
            - [ ] Add alert — owner: @dana — due: 2026-12-15
            - [x] Roll back — owner: @lee
            """,
            """
            heading(2) 1:1-1:12 "Timeline" @1:4-1:12
            list(bullet -) 2:1-3:19
              item 2:1-2:21
                paragraph 2:3-2:21
                  "14:02 Alert fires." @2:3
              item 3:1-3:19
                paragraph 3:3-3:19
                  "14:09 — Paged." @3:3
            heading(2) 5:1-5:16 "Action items" @5:4-5:16
            html-comment 6:1-6:18
              "<!-- guidance -->" @6:1
            list(bullet -) 7:1-8:32
              item 7:1-7:53 [ ]@7:3
                paragraph 7:7-7:53
                  "Add alert — owner: @dana — due: 2026-12-15" @7:7
              item 8:1-8:32 [x]@8:3
                paragraph 8:7-8:32
                  "Roll back — owner: @lee" @8:7
            """)
    }
}
