/// Fills `{{key}}` placeholders in a template.
public enum TemplateRenderer {
    /// Replaces each `{{key}}` (spaces inside the braces allowed) whose key is in `values`;
    /// unknown placeholders stay as written. Values are inserted as given — format lists as
    /// `[a, b]` and escape quoted values with `FrontMatterEncoder` first — and are not
    /// searched for placeholders themselves.
    public static func render(_ template: String, values: [String: String]) -> String {
        let bytes = Array(template.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var copied = 0
        while index + 1 < bytes.count {
            guard bytes[index] == SourceByte.openBrace && bytes[index + 1] == SourceByte.openBrace else {
                index += 1
                continue
            }
            var close = index + 2
            while close + 1 < bytes.count
                && !(bytes[close] == SourceByte.closeBrace && bytes[close + 1] == SourceByte.closeBrace)
                && bytes[close] != SourceByte.lineFeed
            {
                close += 1
            }
            guard close + 1 < bytes.count, bytes[close] == SourceByte.closeBrace else {
                index += 2
                continue
            }
            let key = SourceByte.string(bytes[(index + 2)..<close]).trimmingSpaces
            guard let value = values[key] else {
                // Unknown: keep it, but still look for placeholders inside it.
                index += 2
                continue
            }
            output.append(contentsOf: bytes[copied..<index])
            output.append(contentsOf: value.utf8)
            copied = close + 2
            index = close + 2
        }
        output.append(contentsOf: bytes[copied...])
        return SourceByte.string(output)
    }
}

extension String {
    /// The string without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
