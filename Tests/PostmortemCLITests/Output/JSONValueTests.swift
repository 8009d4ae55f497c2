import Foundation
import PostmortemKit
import Testing

/// `JSONValue` writes pm's JSON in the layout pm has always printed, that of Foundation's encoder (pretty, keys
/// sorted, slashes unescaped; compact for the site's search data), so scripts and diffs see the same bytes.
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

    static func foundation(_ value: some Encodable, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test(
        "the same bytes as Foundation's encoder: layout, key order, escapes, numbers, empty containers",
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
        for pretty in [true, false] {
            let layout: JSONValue.Layout = pretty ? .pretty : .compact
            #expect(value.serialized(layout) == (try Self.foundation(record, pretty: pretty)))
            #expect(
                JSONValue.array([value, value]).serialized(layout) == (try Self.foundation([record, record], pretty: pretty)))
            #expect(JSONValue.array([]).serialized(layout) == (try Self.foundation([Record](), pretty: pretty)))
        }
    }

    @Test("keys in any order are sorted as Foundation sorts them: prefixes first, by byte")
    func keyOrder() throws {
        let keys = ["b", "ab", "a", "B", "a-b", "a_b", "Z", "10", "9", "", "abc", "aa"]
        let value = JSONValue.object(keys.map { ($0, .string($0)) })
        let dictionary = Dictionary(uniqueKeysWithValues: keys.map { ($0, $0) })
        #expect(value.serialized() == (try Self.foundation(dictionary, pretty: true)))
        #expect(value.serialized(.compact) == (try Self.foundation(dictionary, pretty: false)))
    }

    @Test("absent values are null; infinity and NaN, which JSON cannot hold, too")
    func nulls() {
        let value = JSONValue.object([
            ("a", .string(nil)), ("b", .int(nil)), ("c", .double(nil)), ("d", .double(.infinity)), ("e", .double(.nan)),
        ])
        #expect(value.serialized(.compact) == #"{"a":null,"b":null,"c":null,"d":null,"e":null}"#)
    }
}
