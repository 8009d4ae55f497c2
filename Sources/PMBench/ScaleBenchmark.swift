import Foundation

/// The `scale` command: runs the same pm commands on two generated repositories, a small one and one `n` times its
/// size, in the same run, and prints how time and peak memory grow (linear growth is the factor between them).
struct ScaleBenchmark {
    let small: String
    let large: String
    let pm: String
    let runs: Int

    /// What is measured: the command, whether it exits 1 by design (`pm check` finds what the generator left),
    /// and whether it is run once (a full build takes minutes on a large history).
    private static let commands: [(arguments: [String], statuses: Set<Int32>, once: Bool)] = [
        (["index", "--rebuild"], [0], true),
        (["search", "connection"], [0, 1], false),
        (["search", "--history", GeneratedHistory.rareWord], [0, 1], false),
        (["list"], [0], false),
        (["check", "--all"], [0, 1], false),
        (["stats", "--by", "month"], [0], false),
        (["actions", "--overdue"], [0], false),
    ]

    func run() throws {
        let sizes = try [small, large].map(postmortemCount)
        let factor = Double(sizes[1]) / Double(max(sizes[0], 1))
        print(
            "pm on \(ReportFormat.count(sizes[0])) and \(ReportFormat.count(sizes[1])) postmortems "
                + "(\(ReportFormat.ratio(factor)) the size), median of \(runs) runs (the full build: one)")
        print(
            "  " + ReportFormat.left("", 34) + ReportFormat.right("small", 12) + ReportFormat.right("large", 13)
                + ReportFormat.right("growth", 9) + ReportFormat.right("peak small", 12) + ReportFormat.right("large", 11)
                + ReportFormat.right("growth", 9))
        var worst: (growth: Double, command: String) = (0, "")
        for command in Self.commands {
            var outcomes: [[ChildProcess.Outcome]] = [[], []]
            // Small and large alternate, so that both see the same machine.
            for _ in 0..<(command.once ? 1 : runs) {
                for (index, repository) in [small, large].enumerated() {
                    outcomes[index].append(
                        try ChildProcess.measure(pm, command.arguments, in: repository, expecting: command.statuses))
                }
            }
            let times = outcomes.map { $0.map(\.milliseconds).percentile(0.5) }
            let peaks = outcomes.map { $0.map(\.peakResidentKiB).max() ?? 0 }
            let growth = times[1] / max(times[0], 0.001)
            let name = "pm " + command.arguments.joined(separator: " ")
            if growth / factor > worst.growth { worst = (growth / factor, name) }
            print(
                "  " + ReportFormat.left(name, 34) + ReportFormat.right(ReportFormat.milliseconds(times[0]), 12)
                    + ReportFormat.right(ReportFormat.milliseconds(times[1]), 13)
                    + ReportFormat.right(ReportFormat.ratio(growth), 9)
                    + ReportFormat.right(ReportFormat.mebibytes(bytes: peaks[0] * 1_024), 12)
                    + ReportFormat.right(ReportFormat.mebibytes(bytes: peaks[1] * 1_024), 11)
                    + ReportFormat.right(ReportFormat.ratio(Double(peaks[1]) / Double(max(peaks[0], 1))), 9))
        }
        print(
            "  linear growth is \(ReportFormat.ratio(factor)); the steepest: \(worst.command), "
                + "\(ReportFormat.ratio(worst.growth)) of linear")
    }

    private func postmortemCount(_ repository: String) throws -> Int {
        let listing = try ChildProcess.capture("git", ["ls-files", "--", "postmortems"], in: repository).output
        return String(decoding: listing, as: UTF8.self).split(separator: "\n").count
    }
}
