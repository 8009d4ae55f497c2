import Foundation
import PostmortemKit

extension CommandContext {
    /// Every postmortem at HEAD as the search index knows it (brought up to date first, notes on stderr), that
    /// the shared filters accept.
    func incidents(filter: PostmortemFilter) throws -> [Incident] {
        let store = try store()
        let incidents = try SearchIndexStore(store: store).withIndex(notify: { self.note("note: " + $0) }) { index in
            try index.incidents()
        }
        return incidents.filter(filter.matches)
    }

    /// `--as-of DATE`, or today in pm.timezone: the day overdue is measured on.
    func reportDay() throws -> LocalDate {
        try self[Self.asOf] ?? LocalDate.today(in: store().configuration.timeZone)
    }

    /// The `--as-of` option of the commands that say what is overdue.
    static let asOf = Option.value(
        "as-of", name: "date", as: .date, help: "Measure overdue on this day instead of today (YYYY-MM-DD, in pm.timezone).")
}
