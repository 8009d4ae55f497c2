import PostmortemKit

/// `pm check --format json`: `{"version": 1, "findings": [...], "summary": {...}}`, keys sorted.
enum JSONFindingsFormatter {
    /// The format's version; it changes only when a key is removed or changes meaning.
    static let version = 1

    static func document(_ report: FindingsReport) throws -> String {
        try JSONOutput.encode(
            Document(
                version: version, findings: report.findings.map(Entry.init),
                summary: Summary(
                    errors: report.errorCount, warnings: report.warningCount, postmortems: report.postmortemCount,
                    postmortemsWithFindings: report.findings.isEmpty ? 0 : report.affectedCount)))
    }

    private struct Document: Encodable {
        let version: Int
        let findings: [Entry]
        let summary: Summary
    }

    private struct Summary: Encodable {
        let errors: Int
        let warnings: Int
        let postmortems: Int
        let postmortemsWithFindings: Int
    }

    /// One finding; `suggestion` and `path` are always present (null when there is none).
    private struct Entry: Encodable {
        let ruleId: String
        let severity: String
        let message: String
        let suggestion: String?
        let path: String?
        let line: Int
        let column: Int
        let endLine: Int
        let endColumn: Int

        init(_ finding: Finding) {
            ruleId = finding.ruleID
            severity = finding.severity.rawValue
            message = finding.message
            suggestion = finding.suggestion
            path = finding.path
            line = finding.range.start.line
            column = finding.range.start.column
            endLine = finding.range.end.line
            endColumn = finding.range.end.column
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ruleId, forKey: .ruleId)
            try container.encode(severity, forKey: .severity)
            try container.encode(message, forKey: .message)
            try container.encode(suggestion, forKey: .suggestion)
            try container.encode(path, forKey: .path)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(endLine, forKey: .endLine)
            try container.encode(endColumn, forKey: .endColumn)
        }

        enum CodingKeys: String, CodingKey {
            case ruleId, severity, message, suggestion, path, line, column, endLine, endColumn
        }
    }
}
