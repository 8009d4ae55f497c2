import Foundation
import TestSupport
import Testing

/// A full build of the search index shows how far it has read the history, on a terminal only.
@Suite("Search index progress")
struct SearchIndexProgressTests {
    @Test("a full build shows its progress on a terminal, in place, and clears it; into a pipe, nothing")
    func progressOnATerminal() throws {
        let repo = try TemporaryRepository()
        try GeneratedHistory.fastImport(into: repo, postmortems: 20, commits: 150, seed: 20)
        let piped = try repo.pm(["index", "--rebuild"])
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped)")
        guard let terminal = try ShowDocumentTests.onTerminal(repo, ["index", "--rebuild"], columns: 100) else {
            print("skipped: no pseudo-terminal on this machine (util-linux's script)")
            return
        }
        #expect(terminal.status == 0, "\(terminal)")
        let output = terminal.stdout
        #expect(output.hasPrefix("\rindexing the history: 1 of 150 commits"), "\(output.debugDescription)")
        // Rewritten in place with a carriage return, counting up, then cleared before pm's answer.
        let shown = output.components(separatedBy: "\r").filter { $0.hasPrefix("indexing the history: ") }
        let counts = shown.compactMap { Int($0.dropFirst("indexing the history: ".count).prefix { $0 != " " }) }
        #expect(counts == counts.sorted() && counts.allSatisfy { $0 <= 150 }, "\(shown)")
        let cleared = "\r" + String(repeating: " ", count: (shown.last ?? "").trimmingCharacters(in: .whitespaces).count) + "\r"
        #expect(output.contains(cleared + "Search index built in "), "\(output.debugDescription)")
        #expect(!output.contains("\n\rindexing") && !output.contains("commits\n"), "\(output.debugDescription)")
        // A first build by a search: the notice, then the progress, then the answer.
        try FileManager.default.removeItem(atPath: repo.root + "/.git/pm/search-index")
        let search = try #require(try ShowDocumentTests.onTerminal(repo, ["search", "quokka", "--limit", "1"], columns: 100))
        #expect(search.stdout.hasPrefix("note: building the search index of the whole history"), "\(search)")
        #expect(search.stdout.contains("\rindexing the history: 1 of 150 commits"), "\(search)")
        let piping = try repo.pm(["search", "quokka", "--limit", "1"])
        #expect(!piping.stderr.contains("indexing"), "\(piping)")
    }
}
