/// Formats values as front-matter YAML that `FrontMatterParser` reads back unchanged.
public enum FrontMatterEncoder {
    /// `value` as a scalar: unquoted when that reads back the same, else double-quoted.
    /// An empty string stays empty (`key:` with nothing after it).
    public static func scalar(_ value: String) -> String {
        if value.isEmpty || isPlainSafe(value, inList: false) { return value }
        return doubleQuoted(value)
    }

    /// `value` in double quotes, escaped.
    public static func doubleQuoted(_ value: String) -> String {
        "\"" + doubleQuotedContent(value) + "\""
    }

    /// `value` escaped for use between double quotes (for templates such as
    /// `title: "{{title}}"`): backslash, quote, line break and tab are escaped; other
    /// control characters are dropped.
    static func doubleQuotedContent(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `[a, b, "c, d"]`, quoting the items that need it.
    public static func flowList(_ items: [String]) -> String {
        "[" + items.map { isPlainSafe($0, inList: true) ? $0 : doubleQuoted($0) }.joined(separator: ", ") + "]"
    }

    /// Whether `value` reads back unchanged without quotes.
    static func isPlainSafe(_ value: String, inList: Bool) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        if SourceByte.isSpaceOrTab(first) || SourceByte.isSpaceOrTab(last) || last == SourceByte.colon { return false }
        let indicators: [UInt8] = Array("-?:,[]{}#&*!|>'\"%@`".utf8)
        if indicators.contains(first) { return false }
        for (index, byte) in bytes.enumerated() {
            if byte < 0x20 || byte == 0x7F { return false }
            if byte == SourceByte.colon && index + 1 < bytes.count && SourceByte.isSpaceOrTab(bytes[index + 1]) { return false }
            if byte == SourceByte.hash && index > 0 && SourceByte.isSpaceOrTab(bytes[index - 1]) { return false }
            if inList
                && (byte == SourceByte.comma || byte == SourceByte.openBracket || byte == SourceByte.closeBracket
                    || byte == SourceByte.openBrace || byte == SourceByte.closeBrace || byte == SourceByte.colon)
            {
                return false
            }
        }
        return true
    }
}
