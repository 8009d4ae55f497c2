import PostmortemKit

/// What `pm check` found, with what the formatters need besides the findings.
struct FindingsReport: Sendable {
    /// Every finding, sorted by path and position.
    var findings: [Finding]
    /// How many postmortems were checked.
    var postmortemCount: Int
    /// The content of each checked file by path, for the line text in SARIF fingerprints.
    var sources: [String: [UInt8]]

    init(findings: [Finding], postmortemCount: Int, sources: [String: [UInt8]] = [:]) {
        self.findings = findings
        self.postmortemCount = postmortemCount
        self.sources = sources
    }

    var errorCount: Int { findings.filter { $0.severity == .error }.count }
    var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// How many distinct files have findings.
    var affectedCount: Int { Set(findings.map { $0.path ?? "" }).count }

    /// `2 errors, 1 warning in 3 postmortems`, or `No problems in 3 postmortems`.
    var summary: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        guard !findings.isEmpty else { return "No problems in \(count(postmortemCount, "postmortem"))" }
        return "\(count(errorCount, "error")), \(count(warningCount, "warning")) in \(count(affectedCount, "postmortem"))"
    }

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
