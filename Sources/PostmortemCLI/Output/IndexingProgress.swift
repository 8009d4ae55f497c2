import Foundation

/// The progress of a full build of the search index, on stderr when it is a terminal: `indexing the history:
/// 3,120 of 7,262 commits`, rewritten in place at most ten times a second and cleared at the end.
final class IndexingProgress {
    private let terminal: Terminal
    /// When the line was last written (nil: not yet).
    private var shown: DispatchTime?
    private static let interval: UInt64 = 100_000_000

    init(terminal: Terminal) {
        self.terminal = terminal
    }

    /// What the index store calls with the commits read and the commits in all; nil when stderr is not a terminal,
    /// so that nothing is printed into a pipe or a log.
    var report: ((Int, Int) -> Void)? {
        guard terminal.isTerminal else { return nil }
        return { [self] done, total in update(done: done, total: total) }
    }

    private func update(done: Int, total: Int) {
        let now = DispatchTime.now()
        if let shown, now.uptimeNanoseconds - shown.uptimeNanoseconds < IndexingProgress.interval { return }
        shown = now
        terminal.status("indexing the history: \(IndexingProgress.grouped(done)) of \(IndexingProgress.grouped(total)) commits")
    }

    /// Clears the line, if it was shown.
    func finish() {
        terminal.clearStatus()
    }

    /// `7262` as `7,262`.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (number < 0 ? "-" : "") + text
    }
}
