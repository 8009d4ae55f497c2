import Foundation
import TestSupport
import Testing

@testable import PostmortemCLI

/// Document text in pm's outputs stays text: no terminal escapes, no reordering marks, no spreadsheet formulas,
/// no mentions pm did not write.
@Suite("OutputInjection")
struct OutputInjectionTests {
    @Test("bidirectional marks (LRM, RLM, ALM) are removed with the overrides and isolates")
    func bidiMarks() {
        #expect("a\u{200E}b\u{200F}c\u{061C}d\u{202E}e\u{2067}f".terminalSafe == "abcdef")
    }

    @Test("Markdown: an HTML entity cannot spell a mention, and markup characters stay literal")
    func markdownEntities() {
        let text = RemindCommand.markdownInline("ping &#64;everyone &commat;team @org/all")
        #expect(!text.contains(" &#64;") && !text.contains(" &commat;"), "\(text)")
        #expect(text.contains("\\&\\#64;everyone"), "\(text)")
        #expect(!text.contains("@org"), "a mention is defused: \(text)")
    }

    @Test("CSV: a formula is defused even when a combining mark follows its first character")
    func csvFormulas() {
        for cell in ["=1+1", "=\u{0301}HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx"] {
            #expect(CSVOutput.field(cell).hasPrefix("'") || CSVOutput.field(cell).hasPrefix("\"'"), "\(cell)")
        }
        #expect(CSVOutput.field("checkout-api") == "checkout-api")
    }

    @Test("CSV: a lone LF or CR, or a quote with a combining mark, is quoted; each line ends with CRLF")
    func csvLineBreaks() {
        #expect(CSVOutput.field("ok\n=cmd") == "\"ok\n=cmd\"")
        #expect(CSVOutput.field("a\rb") == "\"a\rb\"")
        #expect(CSVOutput.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVOutput.field("\"\u{0301}x") == "\"\"\"\u{0301}x\"")
        #expect(CSVOutput.field("\r=x") == "\"'\r=x\"")
        #expect(CSVOutput.record(["a,b", "=c", "3"]) == "\"a,b\",'=c,3\r\n")
    }

    @Test("pm show --raw on a terminal strips escape sequences; into a pipe it is byte for byte")
    func showRawOnATerminal() throws {
        let repo = try TemporaryRepository()
        let text = "---\ntitle: \"Evil \u{1B}[2J\u{1B}]0;owned\u{07}\"\ndate: 2026-11-20\n---\n\n## Summary\nx\n"
        try repo.write("postmortems/2026-11-20-evil.md", text)
        try repo.commitAll("Add")
        let terminal = Terminal(capturingWithColors: true)
        let errors = Terminal(capturingWithColors: false)
        let status = PM.run(
            ["-C", repo.root, "show", "--raw", "evil"], environment: ["NO_COLOR": "1"], stdout: terminal, stderr: errors,
            isInteractive: false)
        #expect(status == .success, "\(errors.captured)")
        #expect(!terminal.captured.contains("\u{1B}") && !terminal.captured.contains("\u{07}"), "\(terminal.captured)")
        #expect(terminal.captured.contains("title: \"Evil \""))
        let piped = try repo.pm(["show", "--raw", "evil"])
        #expect(piped.stdout == text)
    }
}
