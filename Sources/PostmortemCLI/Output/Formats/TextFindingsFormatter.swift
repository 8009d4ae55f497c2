import PostmortemKit

/// `pm check --format text`: `path:line:col: error|warning [rule-id] message`, then an indented suggestion.
enum TextFindingsFormatter {
    /// The lines for stdout; styled when `terminal` shows colours. The summary goes to stderr separately.
    static func lines(_ report: FindingsReport, terminal: Terminal) -> [String] {
        var lines: [String] = []
        for finding in report.findings {
            // singleLine: a file name may hold a line break, which would start a line that reads as another finding.
            let location = "\(finding.path ?? "<document>"):\(finding.range.start.line):\(finding.range.start.column):"
            let severity =
                finding.severity == .error
                ? terminal.styled("error", .red, .bold) : terminal.styled("warning", .yellow, .bold)
            lines.append(
                "\(terminal.styled(location.singleLine, .bold)) \(severity) \(terminal.styled("[\(finding.ruleID)]", .dim)) "
                    + oneLine(finding.message))
            if let suggestion = finding.suggestion, !suggestion.isEmpty {
                lines.append("    " + terminal.styled("suggestion:", .cyan) + " " + oneLine(suggestion))
            }
        }
        return lines
    }

    /// Document text made safe for one terminal line: controls stripped, line breaks folded into spaces.
    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").terminalSafe
    }
}
