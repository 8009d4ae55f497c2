/// Rewrites single values of a postmortem file in place, changing no other byte: the
/// byte-order mark, line endings, final newline, comments and formatting all stay.
public enum PostmortemEditor {
    /// Sets front-matter field `key` to `value` (quoted when needed): in place when the key
    /// exists, else as a new line before the closing `---`; a document without front matter
    /// gets one. `key` must be `[A-Za-z0-9_-]+`; otherwise the bytes come back unchanged.
    public static func settingFrontMatterValue(_ key: String, to value: String, in bytes: [UInt8]) -> [UInt8] {
        settingFrontMatterText(key, to: FrontMatterEncoder.scalar(value), in: bytes)
    }

    /// Sets front-matter field `key` to a flow list `[a, b]` (see `settingFrontMatterValue`).
    static func settingFrontMatterList(_ key: String, to items: [String], in bytes: [UInt8]) -> [UInt8] {
        settingFrontMatterText(key, to: FrontMatterEncoder.flowList(items), in: bytes)
    }

    /// Sets field `key` to the already-encoded YAML text `encoded`.
    static func settingFrontMatterText(_ key: String, to encoded: String, in bytes: [UInt8]) -> [UInt8] {
        let keyBytes = Array(key.utf8)
        guard !keyBytes.isEmpty, keyBytes.allSatisfy(SourceByte.isKeyCharacter) else { return bytes }
        let source = SourceText(bytes: bytes)
        let newline = source.defaultTerminator.bytes
        let newLine = Array((key + ":" + (encoded.isEmpty ? "" : " " + encoded)).utf8)
        let valueText: [UInt8] = encoded.isEmpty ? [] : [SourceByte.space] + Array(encoded.utf8)

        guard let frontMatter = FrontMatterParser.parse(source) else {
            let start = source.hasBOM ? 3 : 0
            let block = Array("---".utf8) + newline + newLine + newline + Array("---".utf8) + newline
            return Array(bytes[..<start]) + block + Array(bytes[start...])
        }
        let lastFieldLine = (frontMatter.closingLine ?? frontMatter.bodyStartLine) - 1
        if let line = fieldLine(of: key, in: source, frontMatter: frontMatter, lastLine: lastFieldLine) {
            let range = source.lineRanges[line - 1]
            let afterColon = range.lowerBound + keyBytes.count + 1
            var end = range.upperBound
            var replacement = valueText
            if let entry = frontMatter[key], entry.line == line {
                switch entry.style {
                case .empty:
                    var next = afterColon
                    while next < range.upperBound && SourceByte.isSpaceOrTab(bytes[next]) { next += 1 }
                    if next < range.upperBound {
                        // Keep the comment after the empty value.
                        end = next
                        replacement = valueText.isEmpty ? [SourceByte.space] : valueText + [SourceByte.space]
                    }
                case .blockList:
                    end = source.byteOffset(of: entry.valueRange.end) ?? range.upperBound
                default:
                    end = source.byteOffset(of: entry.valueRange.end) ?? range.upperBound
                }
            }
            return Array(bytes[..<afterColon]) + replacement + Array(bytes[end...])
        }
        // A new line: before the closing line, or after the opening one when never closed.
        let insertBefore = frontMatter.closingLine ?? 2
        if insertBefore <= source.lineCount {
            let offset = source.lineRanges[insertBefore - 1].lowerBound
            let previous = source.lineTerminators[insertBefore - 2]
            let ending = previous == .none ? newline : previous.bytes
            return Array(bytes[..<offset]) + newLine + ending + Array(bytes[offset...])
        }
        let ending: [UInt8] = source.endsWithNewline ? [] : newline
        let final: [UInt8] = source.endsWithNewline ? newline : []
        return bytes + ending + newLine + final
    }

    /// The line holding `key:` at the top level of the front matter, even when its value did
    /// not parse.
    static func fieldLine(of key: String, in source: SourceText, frontMatter: FrontMatter, lastLine: Int) -> Int? {
        if let entry = frontMatter[key] { return entry.line }
        let prefix = Array((key + ":").utf8)
        guard lastLine >= 2 else { return nil }
        for line in 2...lastLine {
            let bytes = source.lineBytes(line)
            if bytes.starts(with: prefix)
                && (bytes.count == prefix.count || SourceByte.isSpaceOrTab(bytes[bytes.startIndex + prefix.count]))
            {
                return line
            }
        }
        return nil
    }

    /// Ticks (`done`) or clears the checkbox of action item `number`, changing only that byte.
    /// A table row gets its Status cell set to `done` or `open` instead.
    public static func settingActionItemDone(number: Int, done: Bool, in bytes: [UInt8]) throws(DocumentError)
        -> [UInt8]
    {
        let postmortem = PostmortemParser.parse(bytes: bytes)
        guard let item = postmortem.actionItem(number) else {
            let count = postmortem.actionItems.count
            let position = postmortem.section(.actionItems)?.headingPosition ?? SourcePosition(line: 1, column: 1)
            throw DocumentError(
                count == 0
                    ? "there is no action item \(number): the postmortem has no action items"
                    : "there is no action item \(number): the postmortem has \(count) (1–\(count))",
                at: position)
        }
        let source = postmortem.source
        if let checkbox = item.checkbox {
            guard item.isDone != done else { return bytes }
            guard let offset = source.byteOffset(of: checkbox.markPosition) else {
                throw DocumentError("cannot locate the checkbox of action item \(number)", at: checkbox.position)
            }
            var result = bytes
            result[offset] = done ? UInt8(ascii: "x") : SourceByte.space
            return result
        }
        if item.form == .tableRow, let status = item.field("status") {
            guard item.isDone != done else { return bytes }
            guard let start = source.byteOffset(of: status.valueRange.start),
                let end = source.byteOffset(of: status.valueRange.end)
            else {
                throw DocumentError("cannot locate the Status cell of action item \(number)", at: item.position)
            }
            let text: [UInt8] = Array((done ? "done" : "open").utf8)
            let padded = start == end ? [SourceByte.space] + text + [SourceByte.space] : text
            return Array(bytes[..<start]) + padded + Array(bytes[end...])
        }
        throw DocumentError(
            item.form == .tableRow
                ? "action item \(number) is a table row without a Status column; add one, or write the item as '- [ ] …'"
                : "action item \(number) has no checkbox; write it as '- [ ] …' to track it",
            at: item.position)
    }
}
