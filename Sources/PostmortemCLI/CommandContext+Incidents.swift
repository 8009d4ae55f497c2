import Foundation
import PostmortemKit

extension CommandContext {
    /// Every postmortem at HEAD as the search index knows it (brought up to date first, notes on stderr), that
    /// the shared filters accept.
    func incidents(filter: PostmortemFilter) throws -> [Incident] {
        let incidents = try withSearchIndex { index in try index.incidents() }
        return incidents.filter(filter.matches)
    }

    /// Runs `body` on the search index brought up to date (`rebuild`: built anew): its notes on stderr, and while it
    /// builds the whole index, its progress when stderr is a terminal.
    func withSearchIndex<T>(rebuild: Bool = false, _ body: (SearchIndex) throws -> T) throws -> T {
        let store = try store()
        let progress = IndexingProgress(terminal: stderr)
        defer { progress.finish() }
        return try SearchIndexStore(store: store).withIndex(
            rebuild: rebuild, notify: { self.note("note: " + $0) }, progress: progress.report, body)
    }

    /// `--as-of DATE`, or today in pm.timezone: the day overdue is measured on.
    func reportDay() throws -> LocalDate {
        try self[Self.asOf] ?? LocalDate.today(in: store().configuration.timeZone)
    }

    /// The `--as-of` option of the commands that say what is overdue.
    static let asOf = Option.value(
        "as-of", name: "date", as: .date, help: "Measure overdue on this day instead of today (YYYY-MM-DD, in pm.timezone).")
}
