import PostmortemKit

/// `pm check --format github`: GitHub Actions workflow commands, one a finding, shown as annotations.
enum GitHubFormatter {
    static func lines(_ report: FindingsReport) -> [String] {
        report.findings.map { finding in
            var properties: [(String, String)] = []
            if let path = finding.path { properties.append(("file", path)) }
            let (start, end) = (finding.range.start, finding.range.end)
            properties.append(("line", String(start.line)))
            properties.append(("col", String(start.column)))
            if end.line > start.line { properties.append(("endLine", String(end.line))) }
            if end.line == start.line, end.column > start.column { properties.append(("endColumn", String(end.column))) }
            properties.append(("title", "pm [\(finding.ruleID)]"))
            var message = finding.message
            if let suggestion = finding.suggestion, !suggestion.isEmpty { message += "\nSuggestion: " + suggestion }
            let command = finding.severity == .error ? "error" : "warning"
            let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
            return "::\(command) \(list)::\(escapeData(message))"
        }
    }

    /// Escapes a message: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value: what `escapeData` does, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
