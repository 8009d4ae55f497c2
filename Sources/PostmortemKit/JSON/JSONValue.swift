/// A JSON document, and the one way pm writes JSON: keys sorted by their UTF-8 bytes (stable for diffs and
/// tests), slashes unescaped, pretty for `--json` and compact inside the site's script.
///
/// Built directly rather than through `Encodable`: absent values are written as null without a hand-written
/// `encode(to:)` per type, and commands that print tens of thousands of records do not spend their time in
/// Foundation's encoder.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Keys in any order: they are sorted when written.
    case object([(String, JSONValue)])

    /// How the text is laid out.
    public enum Layout: Sendable {
        /// Two-space indents, one member or element a line, `" : "` between key and value; empty containers
        /// span two lines. The layout of every `--json` output.
        case pretty
        /// No whitespace at all.
        case compact
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    /// The string, or null.
    public static func string(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
    /// The number, or null.
    public static func int(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }
    /// The number, or null.
    public static func double(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
    /// An array of strings.
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    /// The text of the document.
    public func serialized(_ layout: Layout = .pretty) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        write(into: &bytes, indent: layout == .pretty ? 0 : nil)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `indent` is nil for the compact layout.
    private func write(into bytes: inout [UInt8], indent: Int?) {
        let inner = indent.map { $0 + 2 }
        switch self {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): bytes.append(contentsOf: String(value).utf8)
        case .double(let value): bytes.append(contentsOf: JSONValue.number(value).utf8)
        case .string(let text): JSONValue.writeString(text, into: &bytes)
        case .array(let values):
            // Index loops, here and below: iterators and generic algorithms cost a debug build (every test run)
            // most of its time in resolving generic metadata.
            bytes.append(UInt8(ascii: "["))
            JSONValue.newline(&bytes, indent)
            for index in 0..<values.count {
                JSONValue.pad(&bytes, inner)
                values[index].write(into: &bytes, indent: inner)
                if index < values.count - 1 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.newline(&bytes, indent)
            }
            if values.isEmpty { JSONValue.newline(&bytes, indent) }
            JSONValue.pad(&bytes, indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            JSONValue.newline(&bytes, indent)
            let sorted = JSONValue.sortedByKey(members)
            for index in 0..<sorted.count {
                JSONValue.pad(&bytes, inner)
                JSONValue.writeString(sorted[index].0, into: &bytes)
                bytes.append(contentsOf: (indent == nil ? ":" : " : ").utf8)
                sorted[index].1.write(into: &bytes, indent: inner)
                if index < sorted.count - 1 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.newline(&bytes, indent)
            }
            if members.isEmpty { JSONValue.newline(&bytes, indent) }
            JSONValue.pad(&bytes, indent)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Sorted by the keys' UTF-8 bytes, as Foundation's `.sortedKeys` sorts ASCII keys; equal keys keep their order.
    /// An insertion sort: objects have a few dozen members at most, and members given in order are only checked.
    private static func sortedByKey(_ members: [(String, JSONValue)]) -> [(String, JSONValue)] {
        var sorted = members
        for index in 1..<max(1, sorted.count) where precedes(sorted[index].0, sorted[index - 1].0) {
            let member = sorted[index]
            var position = index
            while position > 0, precedes(member.0, sorted[position - 1].0) {
                sorted[position] = sorted[position - 1]
                position -= 1
            }
            sorted[position] = member
        }
        return sorted
    }

    private static func precedes(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for index in 0..<min(x.count, y.count) where x[index] != y[index] { return x[index] < y[index] }
                return x.count < y.count
            }
        }
    }

    private static func newline(_ bytes: inout [UInt8], _ indent: Int?) {
        if indent != nil { bytes.append(0x0A) }
    }

    private static func pad(_ bytes: inout [UInt8], _ count: Int?) {
        guard let count else { return }
        for _ in 0..<count { bytes.append(UInt8(ascii: " ")) }
    }

    /// A whole number without a fraction (`1260`, as Foundation writes `1260.0`); anything else in Swift's
    /// shortest round-tripping form. JSON has no infinity or NaN: those are null.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs that need no escape are copied whole.
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
                case 0x0A: bytes.append(contentsOf: "\\n".utf8)
                case 0x0D: bytes.append(contentsOf: "\\r".utf8)
                case 0x09: bytes.append(contentsOf: "\\t".utf8)
                case 0x08: bytes.append(contentsOf: "\\b".utf8)
                case 0x0C: bytes.append(contentsOf: "\\f".utf8)
                default:
                    bytes.append(contentsOf: "\\u00".utf8)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
