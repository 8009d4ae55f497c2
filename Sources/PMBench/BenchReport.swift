import Foundation

/// What a benchmark measured against the targets of docs/performance.md, and the peak memory of each pm command it
/// ran; prints its sections as aligned tables and every target with its verdict at the end.
struct BenchReport {
    /// A target: what it asks, what was measured, and whether that meets it.
    struct Target {
        let requirement: String
        let measured: String
        let isMet: Bool
    }

    private(set) var targets: [Target] = []
    /// The peak resident set of every pm command run, by command, in the order first run.
    private var peakMemory: [(command: String, kiB: Int)] = []

    mutating func add(_ requirement: String, measured: String, isMet: Bool) {
        targets.append(Target(requirement: requirement, measured: measured, isMet: isMet))
    }

    /// Keeps a pm process's peak memory under `command`.
    mutating func record(_ command: String, _ outcome: ChildProcess.Outcome) {
        if let index = peakMemory.firstIndex(where: { $0.command == command }) {
            peakMemory[index].kiB = max(peakMemory[index].kiB, outcome.peakResidentKiB)
        } else {
            peakMemory.append((command, outcome.peakResidentKiB))
        }
    }

    /// Runs pm in `repository` with its output discarded, and keeps its peak memory under its command.
    mutating func measure(pm: String, _ arguments: [String], in repository: String, expecting statuses: Set<Int32>) throws
        -> ChildProcess.Outcome
    {
        let outcome = try ChildProcess.measure(pm, arguments, in: repository, expecting: statuses)
        record(BenchReport.command(arguments), outcome)
        return outcome
    }

    /// The command a pm command line is recorded under: the subcommand and the options before the query
    /// (`pm search --history`).
    static func command(_ arguments: [String]) -> String {
        (["pm"] + arguments.prefix(1) + arguments.dropFirst().prefix { $0.hasPrefix("-") }).joined(separator: " ")
    }

    /// Prints the peak of each pm command, beside `true`'s, and adds the memory target: Linux starts a child's peak
    /// at its parent's, so every figure includes what pm-bench itself had when it started the process.
    mutating func printPeakMemory(in repository: String) throws {
        let floor = try ChildProcess.measure("true", [], in: repository, expecting: [0]).peakResidentKiB
        Self.heading("peak memory (maximum resident set)", ["peak"])
        for (command, kiB) in peakMemory { Self.row(command, [ReportFormat.mebibytes(bytes: kiB * 1_024)]) }
        let overall = peakMemory.map(\.kiB).max() ?? 0
        Self.row("every pm process", [ReportFormat.mebibytes(bytes: overall * 1_024)])
        Self.row("true (the floor: pm-bench's own, counted in every child)", [ReportFormat.mebibytes(bytes: floor * 1_024)])
        let met = overall <= 200 * 1_024
        print("  target every pm process ≤ 200 MiB: \(ReportFormat.verdict(met))")
        add("peak memory of any pm process ≤ 200 MiB", measured: ReportFormat.mebibytes(bytes: overall * 1_024), isMet: met)
    }

    /// Prints every target with its verdict.
    func printTargets(_ title: String) {
        print("\n" + title)
        for target in targets {
            print(
                "  " + ReportFormat.left(ReportFormat.verdict(target.isMet), 9) + ReportFormat.left(target.requirement, 53)
                    + target.measured)
        }
    }

    /// A blank line, then a section's title and its column titles.
    static func heading(_ title: String, _ columns: [String]) {
        print("\n" + ReportFormat.left(title, 62) + columns.map { ReportFormat.right($0, 12) }.joined())
    }

    /// One line of the report: a label, then right-aligned columns.
    static func row(_ label: String, _ columns: [String]) {
        print("  " + ReportFormat.left(label, 60) + columns.map { ReportFormat.right($0, 12) }.joined())
    }

    /// Arguments as a shell would need them quoted, for labels.
    static func shellWords<Words: Sequence<String>>(_ words: Words) -> String {
        words.map { $0.contains(" ") || $0.contains("\"") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}

/// The history of the files under a folder: commits, files at HEAD, and every distinct version with its bytes.
struct FolderCensus {
    let commits: Int
    let filesAtHead: Int
    /// Distinct blobs ever under the folder.
    let versions: Int
    /// Their total size: the raw text an index of every version covers.
    let bytes: Int

    init(repository: String, folder: String) throws {
        let count = try ChildProcess.capture("git", ["rev-list", "--count", "--all"], in: repository).output
        commits = Int(String(decoding: count, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let listing = try ChildProcess.capture("git", ["ls-tree", "-r", "--name-only", "HEAD", "--", folder], in: repository)
        filesAtHead = String(decoding: listing.output, as: UTF8.self).split(separator: "\n").count
        var versions = 0
        var bytes = 0
        let prefix = Array((folder + "/").utf8)
        try ChildProcess.forEachLine(
            of: [
                ["git", "rev-list", "--objects", "--all", "--", folder],
                ["git", "cat-file", "--batch-check=%(objecttype) %(objectsize) %(rest)"],
            ], in: repository
        ) { line in
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
            guard fields.count == 3, fields[0].elementsEqual("blob".utf8), fields[2].starts(with: prefix),
                let size = Int(String(decoding: fields[1], as: UTF8.self))
            else { return }
            versions += 1
            bytes += size
        }
        self.versions = versions
        self.bytes = bytes
    }
}
