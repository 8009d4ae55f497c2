import Foundation

/// The `documents` command: the targets of docs/performance.md on a real-shaped history (`generate-documents`), each
/// measured beside git or the libgit2 floor program in the same run and printed as a ratio with its verdict: the full
/// build, `--history` search, single updates, peak memory, start-up above the floor, and the index's size.
struct DocumentsBenchmark {
    let repository: String
    let pm: String
    /// The C program that only opens the repository with libgit2 (`pm-floor`).
    let floor: String
    /// Runs of each warm command.
    let runs: Int
    /// Commits made one at a time, each followed by `pm index`.
    let updates: Int

    /// Runs of the full build and of `git log -p`, and of `git log -G`: seconds each.
    static let buildRuns = 3
    static let logRuns = 3

    private var report = BenchReport()
    private let folder = DocumentHistory.folder

    init(repository: String, pm: String, floor: String, runs: Int, updates: Int) {
        self.repository = repository
        self.pm = pm
        self.floor = floor
        self.runs = runs
        self.updates = updates
    }

    mutating func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let census = try FolderCensus(repository: repository, folder: folder)
        print(
            "pm on a real-shaped history, \(repository): \(ReportFormat.count(census.filesAtHead)) documents at HEAD, "
                + "\(ReportFormat.count(census.commits)) commits, \(ReportFormat.count(census.versions)) distinct versions "
                + "(\(ReportFormat.mebibytes(bytes: census.bytes)) of text)")
        try measureFullBuild()
        try measureIndexSize(rawBytes: census.bytes)
        try measureHistorySearch()
        try measureStartUp()
        try measureUpdates()
        try report.printPeakMemory(in: repository)
        report.printTargets("Targets on the real-shaped history (docs/performance.md)")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
        print("  (measured in \(String(format: "%.0f", seconds)) s)")
    }

    /// `pm index --rebuild` beside `git log -p` over the same folder, alternating; the best run of each.
    private mutating func measureFullBuild() throws {
        var pmTimes: [Double] = []
        var gitTimes: [Double] = []
        let log = ["log", "-p", "--all", "--", folder]
        for _ in 0..<Self.buildRuns {
            gitTimes.append(try measure("git", log, expecting: [0]).milliseconds)
            pmTimes.append(try measurePM(["index", "--rebuild"], expecting: [0]).milliseconds)
        }
        let ratio = pmTimes.percentile(0) / gitTimes.percentile(0)
        BenchReport.heading("full build, \(Self.buildRuns) runs each", ["best", "median"])
        BenchReport.row("pm index --rebuild", [pmTimes.percentile(0), pmTimes.percentile(0.5)].map(ReportFormat.milliseconds))
        BenchReport.row(
            "git " + log.joined(separator: " "),
            [gitTimes.percentile(0), gitTimes.percentile(0.5)].map(ReportFormat.milliseconds))
        print("  pm / git (best): \(ReportFormat.ratio(ratio))   target ≤ 2×: \(ReportFormat.verdict(ratio <= 2))")
        report.add("full build ≤ 2× git log -p (best of 3)", measured: ReportFormat.ratio(ratio), isMet: ratio <= 2)
    }

    /// The index file's size (`pm index --stats --json`) beside the raw text of every version it covers.
    private mutating func measureIndexSize(rawBytes: Int) throws {
        let (output, outcome) = try ChildProcess.capture(pm, ["index", "--stats", "--json"], in: repository)
        report.record("pm index --stats --json", outcome)
        guard let statistics = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
            let bytes = (statistics["bytes"] as? NSNumber)?.intValue
        else { throw BenchError("pm index --stats --json did not print a JSON object with a number 'bytes'") }
        let ratio = Double(bytes) / Double(max(rawBytes, 1))
        BenchReport.heading("index size", ["size"])
        BenchReport.row("index file", [ReportFormat.mebibytes(bytes: bytes)])
        BenchReport.row("raw text of every version", [ReportFormat.mebibytes(bytes: rawBytes)])
        print("  index / raw: \(ReportFormat.ratio(ratio))   target ≤ 0.5×: \(ReportFormat.verdict(ratio <= 0.5))")
        report.add("index ≤ 0.5× the raw text of every version", measured: ReportFormat.ratio(ratio), isMet: ratio <= 0.5)
    }

    /// A warm `pm search --history` for the rare word beside `git log -G`.
    private mutating func measureHistorySearch() throws {
        let word = DocumentHistory.rareWord
        let search = ["search", "--history", word]
        let log = ["log", "-G", word, "--all", "--oneline"]
        _ = try measurePM(search, expecting: [0])
        let pmTimes = try (0..<runs).map { _ in try measurePM(search, expecting: [0]).milliseconds }
        let gitTimes = try (0..<Self.logRuns).map { _ in try measure("git", log, expecting: [0]).milliseconds }
        let speedup = gitTimes.percentile(0.5) / pmTimes.percentile(0.5)
        BenchReport.heading("search over every version, \(runs) runs (git log -G: \(Self.logRuns))", ["p50", "p95"])
        BenchReport.row(
            "pm " + search.joined(separator: " "),
            [pmTimes.percentile(0.5), pmTimes.percentile(0.95)].map(ReportFormat.milliseconds))
        BenchReport.row(
            "git " + log.joined(separator: " "),
            [gitTimes.percentile(0.5), gitTimes.percentile(0.95)].map(ReportFormat.milliseconds))
        print("  git / pm: \(ReportFormat.ratio(speedup))   target ≥ 150×: \(ReportFormat.verdict(speedup >= 150))")
        report.add(
            "pm search --history ≥ 150× faster than git log -G", measured: ReportFormat.ratio(speedup), isMet: speedup >= 150)
    }

    /// A warm `pm search` and `pm check --staged` of one staged document, each beside the floor program, the three
    /// interleaved run by run so that they see the same machine; what counts is pm's p50 above the floor's.
    private mutating func measureStartUp() throws {
        let paths = try lines(of: ["ls-files", "--", folder])
        // A postmortem (front matter, checked in full) rather than a design document, when there is one.
        guard let path = paths.first(where: { !$0.contains("/rfcs/") }) ?? paths.first else {
            throw BenchError("no documents in \(repository); run pm-bench generate-documents first")
        }
        let file = repository + "/" + path
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try (original + "\nThe review added one more paragraph before the document was staged.\n").write(
            toFile: file, atomically: true, encoding: .utf8)
        defer {
            try? original.write(toFile: file, atomically: true, encoding: .utf8)
            try? ChildProcess.run("git", ["reset", "-q", "--", path], in: repository)
        }
        try ChildProcess.run("git", ["add", "--", path], in: repository)
        let search = ["search", DocumentHistory.commonWord]
        let check = ["check", "--staged"]
        var floorTimes: [Double] = []
        var searchTimes: [Double] = []
        var checkTimes: [Double] = []
        // One run of each first, so that files and the index are in the page cache: these are warm commands.
        _ = try measure(floor, [], expecting: [0])
        _ = try measurePM(search, expecting: [0])
        _ = try measurePM(check, expecting: [0, 1])
        for _ in 0..<runs {
            floorTimes.append(try measure(floor, [], expecting: [0]).milliseconds)
            searchTimes.append(try measurePM(search, expecting: [0]).milliseconds)
            checkTimes.append(try measurePM(check, expecting: [0, 1]).milliseconds)
        }
        let floor50 = floorTimes.percentile(0.5)
        BenchReport.heading("start-up: warm, \(runs) runs each, interleaved", ["p50", "p95", "above floor"])
        BenchReport.row(
            "pm-floor (libgit2: init, open the repository, free)",
            [floor50, floorTimes.percentile(0.95)].map(ReportFormat.milliseconds))
        for (arguments, times) in [(search, searchTimes), (check, checkTimes)] {
            let label = "pm " + arguments.joined(separator: " ")
            let above = times.percentile(0.5) - floor50
            BenchReport.row(label, [times.percentile(0.5), times.percentile(0.95), above].map(ReportFormat.milliseconds))
            report.add("\(label) ≤ 10 ms above the libgit2 floor", measured: ReportFormat.milliseconds(above), isMet: above <= 10)
        }
        print(
            "  target ≤ 10 ms above the floor, p50: search \(verdict(searchTimes, floor50)), check \(verdict(checkTimes, floor50))"
        )
    }

    private func verdict(_ times: [Double], _ floor: Double) -> String {
        ReportFormat.verdict(times.percentile(0.5) - floor <= 10)
    }

    /// Commits made with git one at a time (a small edit, sometimes a new document or a rename), each followed by
    /// `pm index`; no single update may take over 10× the median one. The branch is put back afterwards.
    private mutating func measureUpdates() throws {
        let head = try lines(of: ["rev-parse", "HEAD"]).first ?? "HEAD"
        defer { try? ChildProcess.run("git", ["reset", "--hard", "-q", head], in: repository) }
        var updater = RepositoryUpdater(repository: repository, folder: folder, paths: try lines(of: ["ls-files", "--", folder]))
        var times: [Double] = []
        for _ in 0..<updates {
            try updater.commitOneChange()
            times.append(try measurePM(["index"], expecting: [0]).milliseconds)
        }
        let median = times.percentile(0.5)
        let slowest = times.percentile(1)
        let ratio = slowest / max(median, 0.001)
        let over = times.filter { $0 > 10 * median }.count
        BenchReport.heading("index update after one commit, \(updates) commits", ["median", "p90", "max", "max / med"])
        BenchReport.row(
            "pm index",
            [median, times.percentile(0.9), slowest].map(ReportFormat.milliseconds) + [ReportFormat.ratio(ratio)])
        print(
            "  commits: \(updater.summary); over 10× the median: \(over), the slowest: update \((times.firstIndex(of: slowest) ?? 0) + 1)"
        )
        print("  max / median: \(ReportFormat.ratio(ratio))   target ≤ 10×: \(ReportFormat.verdict(ratio <= 10))")
        report.add(
            "any single update ≤ 10× the median (\(updates) commits)",
            measured:
                "\(ReportFormat.ratio(ratio)) (median \(ReportFormat.milliseconds(median)), max \(ReportFormat.milliseconds(slowest)))",
            isMet: ratio <= 10)
    }

    /// Runs pm with its output discarded, and keeps its peak memory.
    private mutating func measurePM(_ arguments: [String], expecting statuses: Set<Int32>) throws -> ChildProcess.Outcome {
        try report.measure(pm: pm, arguments, in: repository, expecting: statuses)
    }

    private func measure(_ program: String, _ arguments: [String], expecting statuses: Set<Int32>) throws
        -> ChildProcess.Outcome
    {
        try ChildProcess.measure(program, arguments, in: repository, expecting: statuses)
    }

    /// The lines a git command prints.
    private func lines(of arguments: [String]) throws -> [String] {
        let output = try ChildProcess.capture("git", arguments, in: repository).output
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
