import Foundation

/// The `search` command: times `pm index` and `pm search` beside git on a generated repository, all in the same run,
/// and says which of the search targets of docs/performance.md are met.
struct SearchBenchmark {
    let repository: String
    let pm: String
    /// Runs of each warm query.
    let runs: Int

    /// Runs of the first build and of `git log -p`, which take seconds each.
    static let buildRuns = 3
    /// Runs of `git log -G`, which reads every version of every file.
    static let logRuns = 3
    /// Commits made one at a time to time bringing the index up to date.
    static let updateRuns = 5

    /// The targets measured so far and the peak memory of every pm command run.
    private var report = BenchReport()

    init(repository: String, pm: String, runs: Int) {
        self.repository = repository
        self.pm = pm
        self.runs = runs
    }

    /// A warm query: pm's command line, and git's closest equivalent.
    private struct Query {
        let pm: [String]
        let git: [String]
        /// Searches every version (`--history`), against `git log -G`; otherwise HEAD, against `git grep`.
        let overHistory: Bool
    }

    private static let queries: [Query] = {
        let rare = GeneratedHistory.rareWord
        let grep = ["grep", "-i", "-w"]
        let head = ["HEAD", "--", "postmortems"]
        return [
            Query(pm: ["search", rare], git: grep + [rare] + head, overHistory: false),
            Query(pm: ["search", "connection"], git: grep + ["connection"] + head, overHistory: false),
            Query(pm: ["search", "\"connection pool\""], git: grep + ["connection pool"] + head, overHistory: false),
            Query(
                pm: ["search", "severity:SEV1 database"],
                git: grep + ["--all-match", "-e", "severity: SEV1", "-e", "database"] + head, overHistory: false),
            Query(pm: ["search", "--history", rare], git: ["log", "-G", rare, "--all", "--oneline"], overHistory: true),
        ]
    }()

    mutating func run() throws {
        let rawBytes = try describeHistory()
        try measureFirstBuild()
        try measureIndexSize(rawBytes: rawBytes)
        try measureQueries()
        try measureUpdates()
        try report.printPeakMemory(in: repository)
        report.printTargets("Targets (docs/performance.md)")
    }

    /// Prints what the history holds; returns the bytes of all distinct versions of all postmortem files.
    private func describeHistory() throws -> Int {
        let census = try FolderCensus(repository: repository, folder: "postmortems")
        print(
            "pm index and pm search on \(repository): \(ReportFormat.count(census.filesAtHead)) postmortems at HEAD, "
                + "\(ReportFormat.count(census.commits)) commits, \(ReportFormat.count(census.versions)) distinct versions "
                + "(\(ReportFormat.mebibytes(bytes: census.bytes)))")
        return census.bytes
    }

    /// The whole-history build, beside `git log -p` reading the same history; runs alternate so both see the same
    /// machine.
    private mutating func measureFirstBuild() throws {
        var pmTimes: [Double] = []
        var gitTimes: [Double] = []
        for _ in 0..<Self.buildRuns {
            gitTimes.append(try measure("git", ["log", "-p", "--all"], expecting: [0]).milliseconds)
            pmTimes.append(try measurePM(["index", "--rebuild"], expecting: [0]).milliseconds)
        }
        let pm50 = pmTimes.percentile(0.5)
        let ratio = pm50 / gitTimes.percentile(0.5)
        printHeading("first index build, median of \(Self.buildRuns)", ["median"])
        printRow("pm index --rebuild", [ReportFormat.milliseconds(pm50)])
        printRow("git log -p --all", [ReportFormat.milliseconds(gitTimes.percentile(0.5))])
        print("  pm / git: \(ReportFormat.ratio(ratio))   target ≤ 2×: \(ReportFormat.verdict(ratio <= 2))")
        report.add("first index build ≤ 2× git log -p --all", measured: ReportFormat.ratio(ratio), isMet: ratio <= 2)
    }

    /// The index file's size (from `pm index --stats --json`) beside the raw text of every version it covers.
    private mutating func measureIndexSize(rawBytes: Int) throws {
        let (output, outcome) = try ChildProcess.capture(pm, ["index", "--stats", "--json"], in: repository)
        report.record("pm index --stats --json", outcome)
        guard let statistics = try? JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw BenchError("pm index --stats --json did not print a JSON object")
        }
        func number(_ key: String) throws -> Int {
            guard let value = statistics[key] as? NSNumber else {
                throw BenchError("pm index --stats --json has no number '\(key)'")
            }
            return value.intValue
        }
        let bytes = try number("bytes")
        let ratio = Double(bytes) / Double(max(rawBytes, 1))
        print(
            "\nindex size (pm index --stats: \(ReportFormat.count(try number("revisions"))) revisions of "
                + "\(ReportFormat.count(try number("documents"))) postmortems, \(ReportFormat.count(try number("terms"))) terms, "
                + "\(ReportFormat.count(try number("commits"))) commits)")
        printRow("index file", [ReportFormat.mebibytes(bytes: bytes)])
        printRow("raw text of every version", [ReportFormat.mebibytes(bytes: rawBytes)])
        print("  index / raw: \(ReportFormat.ratio(ratio))   target smaller: \(ReportFormat.verdict(ratio < 1))")
        report.add("index file smaller than the raw text", measured: ReportFormat.ratio(ratio), isMet: ratio < 1)
    }

    /// Every query warm, pm beside git: p50 and p95 of `runs` runs (`git log -G`: `logRuns`).
    private mutating func measureQueries() throws {
        printHeading("warm queries: \(runs) runs (git log -G: \(Self.logRuns))", ["p50", "p95", "git / pm"])
        var slowest: (p50: Double, query: String) = (0, "")
        var closestToGrep: (ratio: Double, query: String) = (.infinity, "")
        var historySpeedup = 0.0
        for query in Self.queries {
            // One run first, so the index is up to date and its pages cached: these are warm queries.
            _ = try measurePM(query.pm, expecting: [0, 1])
            if !query.overHistory { _ = try measure("git", query.git, expecting: [0, 1]) }
            let pmTimes = try (0..<runs).map { _ in try measurePM(query.pm, expecting: [0, 1]).milliseconds }
            let gitTimes = try (0..<(query.overHistory ? Self.logRuns : runs)).map { _ in
                try measure("git", query.git, expecting: [0, 1]).milliseconds
            }
            let pm50 = pmTimes.percentile(0.5)
            let speedup = gitTimes.percentile(0.5) / pm50
            let label = BenchReport.shellWords(query.pm.dropFirst())
            printRow("pm search " + label, [pmTimes.percentile(0.5), pmTimes.percentile(0.95)].map(ReportFormat.milliseconds))
            // git grep's common tail (`HEAD -- postmortems`) is left out to keep the table narrow.
            let gitLabel = "git " + BenchReport.shellWords(query.overHistory ? query.git[...] : query.git.dropLast(3))
            printRow(
                gitLabel,
                [
                    ReportFormat.milliseconds(gitTimes.percentile(0.5)), ReportFormat.milliseconds(gitTimes.percentile(0.95)),
                    ReportFormat.ratio(speedup),
                ])
            if pm50 > slowest.p50 { slowest = (pm50, label) }
            if query.overHistory {
                historySpeedup = speedup
            } else if speedup < closestToGrep.ratio {
                closestToGrep = (speedup, label)
            }
        }
        report.add(
            "warm pm search p50 ≤ 15 ms (slowest query)",
            measured: "\(ReportFormat.milliseconds(slowest.p50)) (\(slowest.query))", isMet: slowest.p50 <= 15)
        report.add(
            "pm search --history ≥ 150× faster than git log -G", measured: ReportFormat.ratio(historySpeedup),
            isMet: historySpeedup >= 150)
        report.add(
            "at HEAD no slower than git grep (closest query)",
            measured: "git / pm \(ReportFormat.ratio(closestToGrep.ratio)) (\(closestToGrep.query))",
            isMet: closestToGrep.ratio >= 1)
    }

    /// Commits one edit at a time with git and times `pm index` bringing the index up to date; the branch is put
    /// back afterwards, so the repository stays the generated one.
    private mutating func measureUpdates() throws {
        let head = try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let path = try git(["ls-files", "--", "postmortems"]).split(separator: "\n").first.map(String.init) else {
            throw BenchError("no postmortems in \(repository)")
        }
        defer { try? ChildProcess.run("git", ["reset", "--hard", "-q", head], in: repository) }
        let file = repository + "/" + path
        var text = try String(contentsOfFile: file, encoding: .utf8) + "\n## Lessons learned\n\n"
        var times: [Double] = []
        for run in 1...Self.updateRuns {
            text += "- Retries need a budget (\(run)).\n"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            try ChildProcess.run(
                "git",
                [
                    "-c", "user.name=pm-bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "Lessons learned",
                    "--", path,
                ], in: repository)
            times.append(try measurePM(["index"], expecting: [0]).milliseconds)
        }
        let median = times.percentile(0.5)
        printHeading("index update after one new commit, \(Self.updateRuns) commits", ["median", "slowest"])
        printRow("pm index", [median, times.percentile(1)].map(ReportFormat.milliseconds))
        print("  target median ≤ 50 ms: \(ReportFormat.verdict(median <= 50))")
        report.add("index update after one commit ≤ 50 ms", measured: ReportFormat.milliseconds(median), isMet: median <= 50)
    }

    private func printHeading(_ title: String, _ columns: [String]) { BenchReport.heading(title, columns) }

    private func printRow(_ label: String, _ columns: [String]) { BenchReport.row(label, columns) }

    /// Runs pm with its output discarded, and keeps its peak memory under its command (the subcommand and the options
    /// before the query: `pm search --history`).
    private mutating func measurePM(_ arguments: [String], expecting statuses: Set<Int32>) throws -> ChildProcess.Outcome {
        try report.measure(pm: pm, arguments, in: repository, expecting: statuses)
    }

    private func measure(_ program: String, _ arguments: [String], expecting statuses: Set<Int32>) throws
        -> ChildProcess.Outcome
    {
        try ChildProcess.measure(program, arguments, in: repository, expecting: statuses)
    }

    /// What a git command prints.
    private func git(_ arguments: [String]) throws -> String {
        String(decoding: try ChildProcess.capture("git", arguments, in: repository).output, as: UTF8.self)
    }
}
