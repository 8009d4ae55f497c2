import Foundation

/// The `follow-through` command: times `pm actions` and `pm stats` (warm: the index up to date) beside
/// `git log --format=%H | wc -l`, which lists every commit, in the same run (docs/performance.md: p50 ≤ 300 ms each).
struct FollowThroughBenchmark {
    let repository: String
    let pm: String
    let runs: Int

    static let target = 300.0

    /// The commands timed; the target is the (`pm actions`, `pm stats`), the others are shown beside them.
    private static let commands: [(arguments: [String], isTarget: Bool)] = [
        (["actions"], true), (["stats"], true), (["stats", "--by", "month"], true), (["actions", "--overdue", "--json"], false),
        (["remind", "--format", "markdown"], false),
    ]

    func run() throws {
        // The first run brings the index up to date; what is timed is the warm command a team lead runs.
        _ = try ChildProcess.measure(pm, ["stats"], in: repository, expecting: [0])
        let gitLog = ["-c", "git log --format=%H | wc -l"]
        var gitTimes: [Double] = []
        var results: [(command: String, isTarget: Bool, times: [Double], peakKiB: Int)] = Self.commands.map {
            ("pm " + $0.arguments.joined(separator: " "), $0.isTarget, [], 0)
        }
        // Interleaved, so that git and every pm command see the same machine.
        for _ in 0..<runs {
            gitTimes.append(try ChildProcess.measure("/bin/sh", gitLog, in: repository, expecting: [0]).milliseconds)
            for (index, command) in Self.commands.enumerated() {
                let outcome = try ChildProcess.measure(pm, command.arguments, in: repository, expecting: [0])
                results[index].times.append(outcome.milliseconds)
                results[index].peakKiB = max(results[index].peakKiB, outcome.peakResidentKiB)
            }
        }
        let git50 = gitTimes.percentile(0.5)
        print("\npm actions, pm remind and pm stats (warm), \(runs) runs each, beside git log --format=%H | wc -l")
        print(
            "  " + ReportFormat.left("", 40) + ReportFormat.right("p50", 10) + ReportFormat.right("p95", 10)
                + ReportFormat.right("pm / git", 10) + ReportFormat.right("peak", 11))
        print(
            "  " + ReportFormat.left("git log --format=%H | wc -l", 40) + ReportFormat.right(ReportFormat.milliseconds(git50), 10)
                + ReportFormat.right(ReportFormat.milliseconds(gitTimes.percentile(0.95)), 10))
        var slowest = 0.0
        for result in results {
            let p50 = result.times.percentile(0.5)
            if result.isTarget { slowest = max(slowest, p50) }
            print(
                "  " + ReportFormat.left(result.command, 40) + ReportFormat.right(ReportFormat.milliseconds(p50), 10)
                    + ReportFormat.right(ReportFormat.milliseconds(result.times.percentile(0.95)), 10)
                    + ReportFormat.right(ReportFormat.ratio(p50 / git50), 10)
                    + ReportFormat.right(ReportFormat.mebibytes(bytes: result.peakKiB * 1_024), 11))
        }
        print(
            "  target: pm actions and pm stats (the first three) p50 ≤ \(Int(Self.target)) ms: "
                + "\(ReportFormat.verdict(slowest <= Self.target)) (slowest p50 \(ReportFormat.milliseconds(slowest)))")
    }
}
