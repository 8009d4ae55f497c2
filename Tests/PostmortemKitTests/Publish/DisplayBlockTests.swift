import Foundation
import Testing

@testable import PostmortemKit

/// What a reader is shown of a body (`Postmortem.displayBlocks`): every block in document order, inline styles as
/// runs, link destinations and reference definitions kept, the title heading and HTML comments left out.
@Suite("Display blocks")
struct DisplayBlockTests {
    func blocks(_ text: String, path: String = "postmortems/2026-11-20-x.md") -> [DisplayBlock] {
        PostmortemParser.parse(text, path: path).displayBlocks
    }

    func runs(_ markdown: String) -> [DisplayRun] {
        DisplayBlockBuilder.runs(InlineMarkdownParser.parse(markdown))
    }

    @Test("styles nest; a link's destination follows its text unless the text is the destination")
    func inlineRuns() {
        #expect(
            runs("a **b *c*** `d` ~~e~~")
                == [
                    .text("a ", []), .text("b ", .strong), .text("c", [.strong, .emphasis]), .text(" ", []),
                    .text("d", .code), .text(" ", []), .text("e", .strikethrough),
                ])
        #expect(
            runs("see [the runbook](https://r.example/db) now")
                == [
                    .text("see ", []), .text("the runbook", .link), .text(" <https://r.example/db>", .destination),
                    .text(" now", []),
                ])
        #expect(
            runs("<https://r.example> and https://b.example") == [
                .text("https://r.example", .link), .text(" and ", []), .text("https://b.example", .link),
            ])
        #expect(runs("<ops@example.com>") == [.text("ops@example.com", .link)])
        #expect(
            runs("[history](https://s.example/h \"History\")")
                == [.text("history", .link), .text(" <https://s.example/h> \"History\"", .destination)])
        #expect(runs("[x](javascript:alert(1))") == [.text("x", .link), .text(" <javascript:alert(1)>", .destination)])
        #expect(runs("`a``b`") == [.text("a``b", .code)])
        #expect(runs("`a` `b`") == [.text("a", .code), .text(" ", []), .text("b", .code)])
        #expect(
            runs("one\ntwo\\\nthree") == [
                .text("one", []), .lineBreak(hard: false), .text("two", []), .lineBreak(hard: true), .text("three", []),
            ])
    }

    @Test("a body with no ## heading: every paragraph, list, quote, code block and table, in order")
    func foreignBody() {
        let shown = blocks(
            """
            ---
            url: https://example.com/x
            ---
            First paragraph
            on two lines.

            **Impact:** customers saw errors.

            - one
              - nested
            3. three
            4. [x] four

            > quoted

            ```sh
            echo  "kept"
            ```

            | a | b |
            |:--|--:|
            | 1 | 2 |

            ***
            """)
        #expect(shown.count == 8)
        #expect(shown[0] == .paragraph([.text("First paragraph", []), .lineBreak(hard: false), .text("on two lines.", [])]))
        #expect(shown[1] == .paragraph([.text("Impact:", .strong), .text(" customers saw errors.", [])]))
        guard case .list(let bullets, false) = shown[2], case .list(let numbers, _) = shown[3] else {
            Issue.record("\(shown)")
            return
        }
        #expect(bullets.map(\.marker) == ["-"])
        #expect(bullets[0].blocks.count == 2)
        #expect(numbers.map(\.marker) == ["3.", "4."])
        #expect(numbers.map(\.isChecked) == [nil, true])
        #expect(shown[4] == .quote([.paragraph([.text("quoted", [])])]))
        #expect(shown[5] == .code(language: "sh", lines: ["echo  \"kept\""]))
        #expect(
            shown[6]
                == .table(
                    DisplayTable(
                        alignments: [.left, .right], header: [[.text("a", [])], [.text("b", [])]],
                        rows: [[[.text("1", [])], [.text("2", [])]]])))
        #expect(shown[7] == .rule)
    }

    @Test("the opening # heading is left out when it is the title; an RFC's # sections stay, and so do ## sections")
    func titleHeading() {
        let native = PostmortemParser.parse("---\ntitle: T\n---\n# Checkout down\n\nIntro.\n\n## Summary\nText.\n")
        #expect(native.displayTitle == "Checkout down")
        #expect(
            native.displayBlocks == [
                .paragraph([.text("Intro.", [])]), .heading(level: 2, text: [.text("Summary", [])]),
                .paragraph([.text("Text.", [])]),
            ])
        let rfc = PostmortemParser.parse("# Summary\n\nAdd it.\n\n# Motivation\n\nWhy.\n", path: "rfcs/0001-thing.md")
        #expect(rfc.displayTitle == "0001-thing")
        #expect(rfc.displayBlocks.count == 4)
        #expect(rfc.displayBlocks.first == .heading(level: 1, text: [.text("Summary", [])]))
        let two = PostmortemParser.parse("---\ntitle: Field\n---\n# One\n\n# Two\n")
        #expect(two.displayTitle == "Field")
        #expect(two.displayBlocks.count == 2)
        let repeated = PostmortemParser.parse("---\ntitle: One\n---\n# One\n\n# Two\n")
        #expect(repeated.displayTitle == "One")
        #expect(
            repeated.displayBlocks == [.heading(level: 1, text: [.text("Two", [])])], "the heading that repeats the title goes")
    }

    @Test("HTML comments show nothing; link reference definitions stay where they were written")
    func commentsAndDefinitions() {
        let shown = blocks(
            "---\ntitle: T\n---\n## Summary\n<!-- guidance -->\nSee [the runbook][rb]. <!-- inline -->\n\n[rb]: https://r.example \"Runbook\"\n\n## Impact\nNone.\n"
        )
        #expect(
            shown == [
                .heading(level: 2, text: [.text("Summary", [])]), .paragraph([.text("See [the runbook][rb].", [])]),
                .paragraph([.text("[rb]: ", []), .text("https://r.example", .link), .text(" \"Runbook\"", [])]),
                .heading(level: 2, text: [.text("Impact", [])]), .paragraph([.text("None.", [])]),
            ])
    }

    @Test("a paragraph of a hundred thousand brackets is laid out in linear time")
    func manyTokens() {
        let text = String(repeating: "[a ", count: 100_000)
        let shown = blocks("---\ntitle: T\n---\n" + text + "\n")
        #expect(shown.count == 1)
        #expect(shown.first.map { if case .paragraph(let runs) = $0 { runs.plainText.count } else { 0 } } == text.count - 1)
    }

    @Test("a web address is one absolute http(s) URL with a host, nothing else")
    func webURLs() {
        #expect(LinkPolicy.webURL("https://example.com/a?b=c") == "https://example.com/a?b=c")
        #expect(LinkPolicy.webURL(" HTTP://example.com ") == "HTTP://example.com")
        for text in [
            "javascript:alert(1)", "java\tscript:alert(1)", "https://", "see https://example.com", "https://a b", "/relative",
            "mailto:a@b.example", "data:text/html,x", "https:example.com", "",
        ] {
            #expect(LinkPolicy.webURL(text) == nil, "\(text.debugDescription)")
        }
    }
}
