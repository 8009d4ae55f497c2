/// Writes each front-matter value that spans several lines on one line, so that pm's strict front-matter parser reads
/// it: YAML block scalars (`summary: >-` or `|` with the text indented below), plain or quoted values continued on
/// indented lines (what a YAML library writes for long text), and flow lists over several lines.
///
/// Exports are often written that way; pm reads a value on one line only. The value is kept (a folded scalar's lines
/// joined by spaces, a literal one's by line breaks, written with `\n` in double quotes); only its layout changes.
enum FrontMatterUnfolder {
    /// What unfolding did: the file with every multi-line value on one line, the keys it changed, and for each plain or
    /// block value its lines as Markdown paragraph lines (the ones a value moved to the body keeps, so that git still
    /// finds them).
    struct Result {
        var bytes: [UInt8]
        var keys: [String]
        var paragraphLines: [String: [String]]
    }

    /// The file with every multi-line value on one line; nil when there is none, or when the result would still not
    /// be front matter pm reads (the original's own errors are then the ones to report).
    static func unfold(_ source: SourceText) -> Result? {
        guard source.lineCount >= 2, FrontMatterParser.isDelimiter(source.lineBytes(1), marker: SourceByte.dash) else {
            return nil
        }
        var closing: Int?
        for number in 2...source.lineCount
        where FrontMatterParser.isDelimiter(source.lineBytes(number), marker: SourceByte.dash)
            || FrontMatterParser.isDelimiter(source.lineBytes(number), marker: SourceByte.dot)
        {
            closing = number
            break
        }
        guard let closing else { return nil }
        var edits = LineEdits()
        var keys: [String] = []
        var paragraphs: [String: [String]] = [:]
        var number = 2
        while number < closing {
            let line = source.lines[number - 1]
            guard FrontMatterParser.looksLikeKeyLine(source.lineBytes(number)), let colon = line.firstIndex(of: ":") else {
                number += 1
                continue
            }
            let key = String(line[..<colon])
            let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            var end = number
            while end + 1 < closing, isContinuation(source.lines[end]) { end += 1 }
            while end > number, source.lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
            let following = Array(source.lines[number..<end])
            defer { number = end + 1 }
            guard !following.isEmpty else { continue }
            // `key:` with `- item` lines below is a block list, which pm reads.
            // `key:` with indented `name: value` lines is a nested map, which pm does not read: left for its error.
            if rest.isEmpty || rest.hasPrefix("#") {
                let first = following.first?.trimmingCharacters(in: .whitespaces) ?? ""
                if first.hasPrefix("-") || FrontMatterParser.looksLikeKeyLine(Array(first.utf8)[...]) { continue }
            }
            let value: String?
            if let indicator = rest.first, indicator == "|" || indicator == ">",
                rest.dropFirst().allSatisfy({ "+-0123456789".contains($0) })
            {
                value = blockScalar(following, folded: indicator == ">")
                paragraphs[key] = paragraphLines(following)
            } else if rest.hasPrefix("\"") || rest.hasPrefix("'") || rest.hasPrefix("[") {
                let joined = ([rest] + following.map { $0.trimmingCharacters(in: .whitespaces) }).map { $0.isEmpty ? "\\n" : $0 }
                    .joined(separator: " ")
                let candidate = key + ": " + joined.replacingOccurrences(of: " \\n ", with: "\\n")
                if reads(candidate) {
                    edits.replace(number, with: [candidate])
                    if end > number { edits.remove((number + 1)...end) }
                    keys.append(key)
                }
                continue
            } else if !rest.isEmpty {
                value = folded([rest] + following)
                paragraphs[key] = paragraphLines(following).map { [rest] + $0 }
            } else {
                value = folded(following)
                paragraphs[key] = paragraphLines(following)
            }
            guard let value else { continue }
            let candidate = key + ": " + FrontMatterEncoder.scalar(value)
            guard reads(candidate) else { continue }
            edits.replace(number, with: [candidate])
            if end > number { edits.remove((number + 1)...end) }
            keys.append(key)
        }
        guard !keys.isEmpty else { return nil }
        let bytes = edits.apply(to: source)
        guard let parsed = FrontMatterParser.parse(SourceText(bytes: bytes)), parsed.errors.isEmpty else { return nil }
        return Result(bytes: bytes, keys: keys, paragraphLines: paragraphs.filter { keys.contains($0.key) })
    }

    /// A value's lines as they can stand in a Markdown paragraph: as written when indented by at most three spaces
    /// (more would make a code block), else without the indentation; nil when a line would read as something else
    /// than paragraph text (a list item, a heading, a quote, a table row, a fence).
    private static func paragraphLines(_ lines: [String]) -> [String]? {
        let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " }.count }
        let keep = (indents.max() ?? 0) <= 3
        var result: [String] = []
        for line in lines {
            let text = line.trimmingCharacters(in: .whitespaces)
            if let first = text.first, "-*+#>|`~=<".contains(first) || text.firstMatch(of: /^[0-9]+[.)]( |$)/) != nil {
                return nil
            }
            result.append(text.isEmpty ? "" : keep ? line : text)
        }
        return result
    }

    /// A line that continues the value above it: indented, or blank.
    private static func isContinuation(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix(" ") || line.hasPrefix("\t")
    }

    /// Whether pm reads `line` as one field.
    private static func reads(_ line: String) -> Bool {
        guard let parsed = FrontMatterParser.parse(SourceText("---\n" + line + "\n---\n")) else { return false }
        return parsed.errors.isEmpty && parsed.entries.count == 1
    }

    /// The text of a block scalar's lines: without their common indentation, joined by line breaks (`|`), or folded
    /// (`>`): lines joined by spaces, a blank line a line break.
    private static func blockScalar(_ lines: [String], folded: Bool) -> String? {
        let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " }.count }
        guard let indent = indents.min(), indent > 0 else { return nil }
        let body = lines.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }
        return folded ? Self.folded(body) : body.joined(separator: "\n")
    }

    /// Lines joined by spaces, each trimmed; a blank line is a line break.
    private static func folded(_ lines: [String]) -> String {
        var result = ""
        var pendingBreak = false
        for line in lines {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                pendingBreak = true
                continue
            }
            if !result.isEmpty { result += pendingBreak ? "\n" : " " }
            pendingBreak = false
            result += text
        }
        return result
    }
}
