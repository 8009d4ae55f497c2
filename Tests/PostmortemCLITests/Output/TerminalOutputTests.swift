import Testing

@testable import PostmortemCLI

@Suite("Terminal output")
struct TerminalOutputTests {
    @Test("escape sequences, C0/C1 controls and bidirectional overrides are removed; text, tabs and newlines stay")
    func terminalSafe() {
        #expect("Evil \u{1B}[2J\u{1B}]0;pwned\u{07} title".terminalSafe == "Evil  title")
        // A hyperlink keeps its text and loses both `ESC \` terminators, backslashes included.
        #expect("a\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\b".terminalSafe == "alinkb")
        // The C1 CSI takes its parameters with it, as the ESC [ form does.
        #expect("bell\u{07} nul\u{00} del\u{7F} c1\u{9B}31m".terminalSafe == "bell nul del c1")
        #expect("osc\u{9D}0;title\u{9C} end".terminalSafe == "osc end")
        #expect("rtl \u{202E}txet\u{202C} done".terminalSafe == "rtl txet done")
        #expect("tab\tand\nnewline".terminalSafe == "tab\tand\nnewline")
        #expect("Zürich café ☃ 東京".terminalSafe == "Zürich café ☃ 東京")
        #expect("trailing escape \u{1B}".terminalSafe == "trailing escape ")
    }

    @Test("display width counts wide characters twice and combining marks not at all")
    func displayWidth() {
        #expect("abc".displayWidth == 3)
        #expect("東京".displayWidth == 4)
        #expect("e\u{301}".displayWidth == 1)
        #expect("🔥".displayWidth == 2)
    }

    @Test("truncation cuts at a character boundary and ends with an ellipsis")
    func truncation() {
        #expect("Checkout API returned 500s".truncated(toWidth: 10) == "Checkout…")
        #expect("東京東京東京".truncated(toWidth: 5) == "東京…")
        #expect("short".truncated(toWidth: 10) == "short")
    }

    @Test("tables align by display width, shrink the flexible column, and leave no trailing spaces")
    func table() {
        let table = TableRenderer(headers: ["ID", "N", "TITLE"], alignments: [.left, .right, .left], flexibleColumn: 2)
        let lines = table.render([["a", "1", "Zürich café outage"], ["東京", "12", "x"]])
        #expect(lines == ["ID     N  TITLE", "a      1  Zürich café outage", "東京  12  x"])
        // ID (2) + N (1) + separators (4) leave 13 of 20 columns; the title is cut to fit, without a space before "…".
        let narrow = table.render([["a", "1", "Zürich café outage, long title"]], maxWidth: 20)
        #expect(narrow[1] == "a   1  Zürich café…")
        #expect(narrow.allSatisfy { $0.displayWidth <= 20 })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test("styles are written only when colours are on")
    func styles() {
        #expect(Terminal(capturingWithColors: false).styled("x", .bold) == "x")
        #expect(Terminal(capturingWithColors: true).styled("x", .bold, .red) == "\u{1B}[1;31mx\u{1B}[0m")
    }
}
