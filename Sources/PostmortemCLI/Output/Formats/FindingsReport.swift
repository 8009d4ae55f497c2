import PostmortemKit

/// What `pm check` found, with what the formatters need besides the findings.
struct FindingsReport: Sendable {
    /// Every finding, sorted by path and position.
    var findings: [Finding]
    /// How many postmortems were checked.
    var postmortemCount: Int
    /// The content of each checked file by path, for the line text in SARIF fingerprints and the baseline.
    var sources: [String: [UInt8]]
    /// What the findings baseline left out; nil when none was applied (no file, or `--no-baseline`).
    var baseline: BaselineSummary?

    /// What the findings baseline did to a report.
    struct BaselineSummary: Sendable, Equatable {
        /// The baseline file, from the repository root.
        var path: String
        /// How many findings it accepted, not shown.
        var baselined: Int
        /// How many of its findings matched nothing among the documents checked: fixed since it was written.
        var fixed: Int
    }

    init(findings: [Finding], postmortemCount: Int, sources: [String: [UInt8]] = [:]) {
        self.findings = findings
        self.postmortemCount = postmortemCount
        self.sources = sources
    }

    var errorCount: Int { findings.filter { $0.severity == .error }.count }
    var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// How many distinct files have findings.
    var affectedCount: Int { Set(findings.map { $0.path ?? "" }).count }

    /// `2 errors, 1 warning in 3 postmortems`, or `No problems in 3 postmortems`, then what the baseline left out:
    /// ` (2224 findings in the baseline not shown)`.
    var summary: String {
        var summary =
            findings.isEmpty
            ? "No problems in \(Self.count(postmortemCount, "postmortem"))"
            : "\(Self.count(errorCount, "error")), \(Self.count(warningCount, "warning")) in \(Self.count(affectedCount, "postmortem"))"
        if let baseline, baseline.baselined > 0 {
            summary += " (\(Self.count(baseline.baselined, "finding")) in the baseline not shown)"
        }
        return summary
    }

    /// The line about baseline entries that no longer match, nil when there are none: a nudge to tighten it.
    var fixedNote: String? {
        guard let baseline, baseline.fixed > 0 else { return nil }
        let what = baseline.fixed == 1 ? "1 finding in the baseline is" : "\(baseline.fixed) findings in the baseline are"
        return
            "\(what) fixed (no longer found); 'pm check --write-baseline' removes \(baseline.fixed == 1 ? "it" : "them") from \(baseline.path)"
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// The text of a line (1-based) of the file at `path`, without its line break, or nil when unknown.
    func lineText(path: String?, line: Int) -> String? {
        guard let path, let bytes = sources[path], line >= 1 else { return nil }
        var current = 1
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            if current == line { return Self.decode(bytes[start..<index]) }
            current += 1
            start = index + 1
        }
        return current == line ? Self.decode(bytes[start...]) : nil
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
