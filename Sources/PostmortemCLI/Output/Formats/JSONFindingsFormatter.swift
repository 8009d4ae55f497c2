import PostmortemKit

/// `pm check --format json`: `{"version": 1, "findings": [...], "summary": {...}, "baseline": path|null}`, keys sorted.
enum JSONFindingsFormatter {
    /// The format's version (docs/json/check.schema.json); it changes only when a key is removed or changes meaning.
    static let version = 1

    static func document(_ report: FindingsReport) -> String {
        JSONOutput.document(
            [
                ("findings", .array(report.findings.map(json))),
                (
                    "summary",
                    .object([
                        ("errors", .int(report.errorCount)), ("warnings", .int(report.warningCount)),
                        ("postmortems", .int(report.postmortemCount)),
                        ("postmortemsWithFindings", .int(report.findings.isEmpty ? 0 : report.affectedCount)),
                        ("baselined", .int(report.baseline?.baselined ?? 0)),
                        ("baselineFixed", .int(report.baseline?.fixed ?? 0)),
                    ])
                ),
                // The summary keeps to counts; which file was applied is beside it.
                ("baseline", .string(report.baseline?.path)),
            ], version: version)
    }

    /// One finding; `suggestion` and `path` are always present (null when there is none).
    private static func json(_ finding: Finding) -> JSONValue {
        .object([
            ("ruleId", .string(finding.ruleID)), ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)), ("suggestion", .string(finding.suggestion)), ("path", .string(finding.path)),
            ("line", .int(finding.range.start.line)), ("column", .int(finding.range.start.column)),
            ("endLine", .int(finding.range.end.line)), ("endColumn", .int(finding.range.end.column)),
        ])
    }
}
