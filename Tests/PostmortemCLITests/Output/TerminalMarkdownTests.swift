import Foundation
import PostmortemKit
import Testing

@testable import PostmortemCLI

/// How `pm show` lays a body out for a terminal: filled to the width or line for line, marks or styles, lists,
/// quotes, code, tables, and document text always made safe.
@Suite("Terminal Markdown")
struct TerminalMarkdownTests {
    func blocks(_ markdown: String) -> [DisplayBlock] {
        PostmortemParser.parse(bytes: Array(("---\ntitle: T\n---\n" + markdown).utf8)).displayBlocks
    }

    func lines(_ markdown: String, width: Int? = nil, colors: Bool = false) -> [String] {
        let layout = TerminalMarkdown(width: width, colors: colors) { text, styles in
            colors && !styles.isEmpty ? "<" + styles.map(\.rawValue).joined(separator: ";") + ">" + text + "</>" : text
        }
        return layout.lines(blocks(markdown))
    }

    static let paragraph = """
        The connection pool kept handing out connections to the old primary for twenty-six minutes after the \
        failover, because it resolved the database address once at start-up and never again.
        Retries made it worse.
        """

    @Test("into a pipe every line stays as written; on a terminal paragraphs are filled to the width")
    func filling() {
        #expect(lines(Self.paragraph) == Self.paragraph.components(separatedBy: "\n"))
        let filled = lines(Self.paragraph, width: 40)
        #expect(filled.count > 3)
        #expect(filled.allSatisfy { $0.count <= 40 }, "\(filled)")
        #expect(filled.joined(separator: " ") == Self.paragraph.replacingOccurrences(of: "\n", with: " "))
    }

    @Test("a word wider than the terminal is never cut; a forced line break stays one")
    func longWords() {
        let url = "https://example.com/" + String(repeating: "a", count: 60)
        #expect(lines("see \(url) now", width: 30) == ["see", url, "now"])
        #expect(lines("one\\\ntwo three", width: 30) == ["one", "two three"])
    }

    @Test("without colours the Markdown marks stay; with them, styles replace the marks")
    func marks() {
        #expect(lines("**Impact:** some *very* `slow` ~~bad~~ queries") == ["**Impact:** some *very* `slow` ~~bad~~ queries"])
        #expect(lines("**bold *both* bold**") == ["**bold *both* bold**"])
        #expect(lines("`a``b`") == ["```a``b```"])
        #expect(lines("**Impact:** some", colors: true) == ["<1>Impact:</> some"])
        #expect(lines("## Root *cause*", colors: true) == ["<1>## </><1>Root </><1;3>cause</>"])
        #expect(lines("## Root *cause*", width: 40, colors: true) == ["<1>##</> <1>Root</> <1;3>cause</>"])
        #expect(lines("a [runbook](https://r.example)", colors: true) == ["a <4>runbook</><2> <https://r.example></>"])
    }

    @Test("headings keep their # marks; lists their markers, checkboxes and hanging indents")
    func headingsAndLists() {
        #expect(lines("# Motivation\n\n# Drawbacks\n\n### Details") == ["# Motivation", "", "# Drawbacks", "", "### Details"])
        #expect(
            lines("- [ ] Alert on replication lag over thirty seconds\n- [x] Done\n  1. nested\n  2. more\n", width: 30) == [
                "- [ ] Alert on replication lag", "      over thirty seconds", "- [x] Done", "      1. nested", "      2. more",
            ])
        #expect(lines("1. one\n\n2. two\n") == ["1. one", "", "2. two"])
    }

    @Test("code keeps every line and its spacing; quotes get a bar; rules a line")
    func codeQuotesRules() {
        #expect(lines("```\nlet  x = 1\n\n\tindented\n```") == ["    let  x = 1", "", "    \tindented"])
        #expect(lines("> quoted\n>\n> more") == ["│ quoted", "│", "│ more"])
        #expect(lines("---") == [String(repeating: "─", count: 40)])
        #expect(lines("***", width: 10) == [String(repeating: "─", count: 10)])
    }

    @Test("tables are aligned as their delimiter row says; one too wide for the terminal is written row by row")
    func tables() {
        let table = "| Time | What happened | n |\n|---|:-:|--:|\n| 14:02 | Failover | 1 |\n| 15:31 | Resolved | 120 |\n"
        #expect(
            lines(table) == [
                "Time   What happened    n", "─────  ─────────────  ───", "14:02    Failover       1",
                "15:31    Resolved     120",
            ])
        let narrow = lines(table, width: 20)
        #expect(narrow.first == "| Time | What")
        #expect(narrow.joined(separator: " ").split(separator: " ").joined(separator: " ").contains("| 15:31 | Resolved | 120 |"))
        #expect(narrow.allSatisfy { $0.count <= 20 })
    }

    @Test("escape sequences and control characters in the text never reach the terminal")
    func escapes() {
        let evil = "Red \u{1B}[31mtext\u{1B}[0m, a \u{1B}]8;;http://evil\u{07}link\u{1B}]8;;\u{07}, \u{9B}2J bell\u{07}."
        for width in [nil, 30] {
            let output = lines("\(evil)\n\n- \(evil)\n\n| \(evil) |\n|---|\n\n```\n\(evil)\n```\n", width: width, colors: true)
                .joined(separator: "\n")
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }, "\(output)")
            #expect(output.contains("link"))
        }
    }
}
