/// A JSON document built directly rather than through `Encodable`, written in exactly `JSONOutput`'s layout
/// (pretty, keys sorted, slashes unescaped): for commands that print tens of thousands of records, where
/// Foundation's encoder spends most of the command's time.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Keys in any order: they are sorted when written.
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    static func string(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
    static func int(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }

    /// The text of the document, as `JSONOutput.encode` writes it.
    func serialized() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        write(into: &bytes, indent: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func write(into bytes: inout [UInt8], indent: Int) {
        switch self {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): bytes.append(contentsOf: String(value).utf8)
        case .double(let value): bytes.append(contentsOf: JSONValue.number(value).utf8)
        case .string(let text): JSONValue.writeString(text, into: &bytes)
        case .array(let values):
            bytes.append(UInt8(ascii: "["))
            bytes.append(0x0A)
            for (index, value) in values.enumerated() {
                JSONValue.pad(&bytes, indent + 2)
                value.write(into: &bytes, indent: indent + 2)
                if index < values.count - 1 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(0x0A)
            }
            if values.isEmpty { bytes.append(0x0A) }
            JSONValue.pad(&bytes, indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            bytes.append(0x0A)
            // Sorted by UTF-8 bytes, as Foundation's `.sortedKeys` sorts ASCII keys; members given in order (as
            // pm's own records are) are only checked.
            func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
            let inOrder = zip(members, members.dropFirst()).allSatisfy { !precedes($1.0, $0.0) }
            let sorted = inOrder ? members : members.sorted { precedes($0.0, $1.0) }
            for (index, (key, value)) in sorted.enumerated() {
                JSONValue.pad(&bytes, indent + 2)
                JSONValue.writeString(key, into: &bytes)
                bytes.append(contentsOf: " : ".utf8)
                value.write(into: &bytes, indent: indent + 2)
                if index < sorted.count - 1 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(0x0A)
            }
            if members.isEmpty { bytes.append(0x0A) }
            JSONValue.pad(&bytes, indent)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func pad(_ bytes: inout [UInt8], _ count: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
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
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
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
