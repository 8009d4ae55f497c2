import Foundation

/// The `check-staged` command: stages one changed postmortem and times `pm check --staged` beside
/// `git diff --cached --name-only`.
struct CheckStagedBenchmark {
    let repository: String
    let pm: String
    let runs: Int

    func run() throws {
        let paths = try ChildProcess.capture("git", ["ls-files", "--", "postmortems"], in: repository).output
        let files = String(decoding: paths, as: UTF8.self).split(separator: "\n").filter { $0.hasSuffix(".md") }
        guard let first = files.first.map(String.init) else {
            throw BenchError("no postmortems in \(repository); run pm-bench generate first")
        }
        let file = repository + "/" + first
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try (original + "\n## Lessons learned\n\nRetries need a budget.\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer {
            try? original.write(toFile: file, atomically: true, encoding: .utf8)
            try? ChildProcess.run("git", ["reset", "-q", "--", first], in: repository)
        }
        try ChildProcess.run("git", ["add", "--", first], in: repository)
        let pmRuns = try (0..<runs).map { _ in
            try ChildProcess.measure(pm, ["check", "--staged"], in: repository, expecting: [0, 1])
        }
        let gitTimes = try (0..<runs).map { _ in
            try ChildProcess.measure("git", ["diff", "--cached", "--name-only"], in: repository, expecting: [0]).milliseconds
        }
        let pmTimes = pmRuns.map(\.milliseconds)
        let pm50 = pmTimes.percentile(0.5)
        print("pm check --staged: one staged postmortem of \(ReportFormat.count(files.count)), \(runs) runs")
        for (name, times) in [("pm check --staged", pmTimes), ("git diff --cached --name-only", gitTimes)] {
            print(
                "  \(ReportFormat.left(name, 32)) p50 \(ReportFormat.right(ReportFormat.milliseconds(times.percentile(0.5)), 10))"
                    + "   p95 \(ReportFormat.right(ReportFormat.milliseconds(times.percentile(0.95)), 10))")
        }
        let peak = pmRuns.map(\.peakResidentKiB).max() ?? 0
        print(
            "  pm / git: \(ReportFormat.ratio(pm50 / gitTimes.percentile(0.5)))   peak memory: "
                + "\(ReportFormat.mebibytes(bytes: peak * 1_024))   target: pm p50 ≤ 20 ms: \(ReportFormat.verdict(pm50 <= 20))")
    }
}
