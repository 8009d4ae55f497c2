import Testing

@testable import PostmortemCLI

/// The status line a full build of the search index shows on a terminal: rewritten in place, cleared before anything
/// else is written, and never written where stderr is not a terminal.
@Suite struct IndexingProgressTests {
    @Test("a status line is rewritten in place, padded over a longer one, and cleared before the next line")
    func statusLine() {
        let terminal = Terminal(capturingWithColors: true)
        terminal.status("indexing 10")
        terminal.status("indexing 9")
        terminal.line("note: done")
        terminal.clearStatus()
        #expect(terminal.captured == "\rindexing 10\rindexing 9 \r          \rnote: done\n")
    }

    @Test("progress on a terminal counts with thousands separators; not on a terminal, there is no reporter")
    func progress() throws {
        let terminal = Terminal(capturingWithColors: true)
        let progress = IndexingProgress(terminal: terminal)
        let report = try #require(progress.report)
        report(1, 7_262)
        // At most ten times a second: the next ones within 100 ms are not shown.
        report(2, 7_262)
        progress.finish()
        let shown = "indexing the history: 1 of 7,262 commits"
        #expect(terminal.captured == "\r" + shown + "\r" + String(repeating: " ", count: shown.count) + "\r")
        #expect(IndexingProgress(terminal: Terminal(capturingWithColors: false)).report == nil)
        #expect(
            [0, 7, 999, 1_000, 12_345, 1_234_567].map(IndexingProgress.grouped) == [
                "0", "7", "999", "1,000", "12,345", "1,234,567",
            ])
    }
}
