import Foundation
import Testing

@testable import PostmortemCLI

/// `JSONValue` must write exactly what `JSONOutput` (Foundation's encoder) writes, so that every `--json` looks
/// the same whichever way a command builds it.
@Suite("JSONValue")
struct JSONValueTests {
    struct Record: Encodable {
        let name: String
        let count: Int
        let ratio: Double
        let whole: Double
        let missing: String?
        let flags: [Bool]
        let empty: [Int]
        let nested: [String: String]
        let nothing: [String: Int]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(count, forKey: .count)
            try container.encode(ratio, forKey: .ratio)
            try container.encode(whole, forKey: .whole)
            try container.encode(missing, forKey: .missing)
            try container.encode(flags, forKey: .flags)
            try container.encode(empty, forKey: .empty)
            try container.encode(nested, forKey: .nested)
            try container.encode(nothing, forKey: .nothing)
        }

        enum CodingKeys: String, CodingKey { case name, count, ratio, whole, missing, flags, empty, nested, nothing }
    }

    @Test(
        "the same bytes as JSONOutput: layout, key order, escapes, numbers, empty containers",
        arguments: [
            "plain", "quote \" backslash \\ slash / tab \t newline \n return \r", "bell \u{07} escape \u{1B} nul \u{00}",
            "Zoë 東京 🚒", "</script><b>",
        ])
    func sameAsFoundation(text: String) throws {
        let record = Record(
            name: text, count: -42, ratio: 3.0 / 7.0, whole: 1260, missing: nil, flags: [true, false], empty: [],
            nested: ["b": text, "a": "x", "B": "y"], nothing: [:])
        let value = JSONValue.object([
            ("name", .string(text)), ("count", .int(-42)), ("ratio", .double(3.0 / 7.0)), ("whole", .double(1260)),
            ("missing", .null), ("flags", .array([.bool(true), .bool(false)])), ("empty", .array([])),
            ("nested", .object([("b", .string(text)), ("a", .string("x")), ("B", .string("y"))])), ("nothing", .object([])),
        ])
        #expect(value.serialized() == (try JSONOutput.encode(record)))
        #expect(JSONValue.array([value, value]).serialized() == (try JSONOutput.encode([record, record])))
        #expect(JSONValue.array([]).serialized() == (try JSONOutput.encode([Record]())))
    }
}
