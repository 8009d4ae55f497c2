/// Which values of the front-matter fields pm does not read (`company`, `summary`, `url`, a team's own keys) the
/// search index reads as text, and under which field name.
///
/// pm does not know what a foreign key means, so it goes by the shape of each value (each item of a list): prose
/// is indexed; a value that is an identifier or a machine's record of something is not, since no one searches for
/// its words and they would only dilute the ranking. Left out: URLs (`https://…`, `www.…`, `mailto:…`), UUIDs,
/// hexadecimal hashes of 16 digits or more, numbers, dates and timestamps (`2024-05-01`, `2024-05-01T12:00:00Z`,
/// `14:02`), and YAML's `true`, `false`, `yes`, `no`, `null` and `~`. Every value stays reachable with a
/// `key:value` filter, whatever its shape.
enum FrontMatterText {
    /// The keys whose text ranks like a summary section.
    static let summaryKeys: Set<String> = ["summary", "description", "abstract"]

    /// The field a key's text is indexed under: `summary` for the keys in `summaryKeys` (any case), else the key
    /// folded as a section heading is (`company` → `company`, `start_time` → `start time`), so that
    /// `section:company` searches it.
    static func fieldName(ofKey key: String) -> String {
        summaryKeys.contains(key.lowercased()) ? SectionKind.summary.rawValue : SearchDocument.fieldName(ofSection: key)
    }

    /// True when `value` reads as prose rather than as an identifier, a link, a number or a point in time.
    static func isProse(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { isProse(UnsafeRawBufferPointer($0)) }
    }

    private static func isProse(_ all: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        var end = all.count
        while start < end, isSpace(all[start]) { start += 1 }
        while end > start, isSpace(all[end - 1]) { end -= 1 }
        let bytes = UnsafeRawBufferPointer(rebasing: all[start..<end])
        guard !bytes.isEmpty else { return false }
        if isLink(bytes) || isUUID(bytes) || isHash(bytes) || isNumber(bytes) || isPointInTime(bytes) { return false }
        let lowered = String(decoding: bytes, as: UTF8.self).lowercased()
        return !["true", "false", "yes", "no", "null", "~"].contains(lowered)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    /// `scheme://…`, `www.…` or `mailto:…`, with no space: a link, not a sentence that mentions one.
    private static func isLink(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !bytes.contains(where: isSpace) else { return false }
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        return text.contains("://") || text.hasPrefix("www.") || text.hasPrefix("mailto:")
    }

    /// 8-4-4-4-12 hexadecimal digits, optionally in braces or prefixed `urn:uuid:`.
    private static func isUUID(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var digits = Array(bytes)
        if digits.first == UInt8(ascii: "{"), digits.last == UInt8(ascii: "}") { digits = Array(digits.dropFirst().dropLast()) }
        let prefix = Array("urn:uuid:".utf8)
        if digits.count > prefix.count, digits[0..<prefix.count].map({ $0 | 0x20 }) == prefix.map({ $0 | 0x20 }) {
            digits.removeFirst(prefix.count)
        }
        guard digits.count == 36 else { return false }
        for (offset, byte) in digits.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    /// A commit id, a checksum: 16 hexadecimal digits or more, at least one of them a decimal digit.
    private static func isHash(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 16 && bytes.allSatisfy(isHexDigit) && bytes.contains(where: isDigit)
    }

    /// `42`, `-3.5`, `1,000,000`, `1_000`.
    private static func isNumber(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var rest = bytes[...]
        if let first = rest.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        guard let first = rest.first, isDigit(first) else { return false }
        return rest.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "_") }
    }

    /// A date or a timestamp as machines write them: `YYYY-MM-DD` or `YYYY/MM/DD`, then optionally a time of digits,
    /// `:`, `.` and `,` after `T` or a space, and a zone (`Z`, `UTC`, `GMT`, `+02:00`); or a time alone (`14:02`,
    /// `14:02:05`).
    private static func isPointInTime(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let text = Array(bytes)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= text.count && text[range].allSatisfy(isDigit) }
        // A time alone.
        if text.count == 5 || text.count == 8, digits(0..<2), text[2] == UInt8(ascii: ":"), digits(3..<5),
            text.count == 5 || (text[5] == UInt8(ascii: ":") && digits(6..<8))
        {
            return true
        }
        guard text.count >= 10, digits(0..<4), text[4] == UInt8(ascii: "-") || text[4] == UInt8(ascii: "/"),
            digits(5..<7), text[7] == text[4], digits(8..<10)
        else { return false }
        var rest = text[10...]
        guard let separator = rest.first else { return true }
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else {
            return false
        }
        rest = rest.dropFirst()
        // The time: digits and separators, then a zone.
        let time = rest.prefix { isDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
        guard let firstOfTime = time.first, isDigit(firstOfTime) else { return false }
        rest = rest.dropFirst(time.count)
        while rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() }
        let zone = String(decoding: rest, as: UTF8.self).uppercased()
        if zone.isEmpty || zone == "Z" || zone == "UTC" || zone == "GMT" { return true }
        guard let sign = zone.first, sign == "+" || sign == "-" else { return false }
        let offset = zone.dropFirst()
        return !offset.isEmpty && offset.count <= 5 && offset.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ":") }
    }
}
