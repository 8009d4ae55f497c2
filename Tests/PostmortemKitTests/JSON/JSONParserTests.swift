import Foundation
import Testing

@testable import PostmortemKit

/// The strict JSON reader behind the findings baseline: what it accepts reads back as Foundation reads it, and what
/// it refuses is named at its line and column.
@Suite("JSON parser")
struct JSONParserTests {
    @Test("objects, arrays, strings with escapes, numbers and literals, with the place of each value")
    func values() throws {
        let text = """
            {
              "a": [1, -2.5e3, 0, true, false, null],
              "b": "tab\\t quote\\" slash\\/ \\u00e9 \\ud83d\\ude00 é",
              "c": {}
            }
            """
        let root = try JSONParser.parse(Array(text.utf8))
        guard case .object(let members) = root.value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["a", "b", "c"])
        #expect((members[0].line, members[0].column) == (2, 3))
        guard case .array(let elements) = members[0].value.value else {
            Issue.record("a is not an array")
            return
        }
        #expect(elements.map(\.kindName) == ["a number", "a number", "a number", "true or false", "true or false", "null"])
        #expect(elements.map(\.integer) == [1, nil, 0, nil, nil, nil])
        #expect((elements[1].line, elements[1].column) == (2, 12))
        #expect(members[1].value.string == "tab\t quote\" slash/ é 😀 é")
        // Foundation agrees on the string.
        let foundation = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(foundation["b"] as? String == members[1].value.string)
    }

    @Test("a byte-order mark at the start is skipped; columns count UTF-8 bytes")
    func byteOrderMark() throws {
        let root = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{\"é\": \"x\", \"k\": 1}".utf8))
        guard case .object(let members) = root.value else {
            Issue.record("not an object")
            return
        }
        #expect((root.line, root.column) == (1, 1))
        #expect(members[1].column == 13, "after a two-byte é")
    }

    @Test(
        "malformed text is an error at its line and column",
        arguments: [
            ("", 1, 1, "empty"),
            ("   \n  ", 2, 3, "empty"),
            ("{\"a\": 1,}", 1, 8, "trailing ','"),
            ("[1,\n 2,\n]", 2, 3, "trailing ','"),
            ("{\"a\": 1, \"a\": 2}", 1, 10, "appears twice"),
            ("{\"a\" 1}", 1, 6, "expected ':'"),
            ("{a: 1}", 1, 2, "expected a key"),
            ("[1 2]", 1, 4, "expected ',' or ']'"),
            ("{\"a\": tru}", 1, 7, "did you mean 'true'"),
            ("[01]", 1, 3, "leading zero"),
            ("[1.]", 1, 4, "expected a digit"),
            ("[-]", 1, 3, "expected a digit"),
            ("[\"a\nb\"]", 1, 4, "line break inside a string"),
            ("[\"a\u{01}\"]", 1, 4, "control character"),
            ("[\"\\x\"]", 1, 3, "unknown escape"),
            ("[\"\\ud800\"]", 1, 3, "lone UTF-16 surrogate"),
            ("[\"\\udc00\"]", 1, 3, "lone UTF-16 surrogate"),
            ("[\"\\u12\"]", 1, 7, "four hexadecimal digits"),
            ("[\"abc", 1, 6, "inside a string"),
            ("{} x", 1, 4, "after the JSON value"),
            ("// comment\n{}", 1, 1, "expected a JSON value"),
            ("{'a': 1}", 1, 2, "expected a key"),
            ("[NaN]", 1, 2, "expected a JSON value"),
        ])
    func malformed(text: String, line: Int, column: Int, fragment: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
        do {
            _ = try JSONParser.parse(Array(text.utf8))
        } catch {
            #expect((error.line, error.column) == (line, column), "\(text): \(error)")
            #expect(error.message.contains(fragment), "\(text): \(error.message)")
        }
    }

    @Test("invalid UTF-8 inside a string is an error at its byte")
    func invalidUTF8() {
        do {
            _ = try JSONParser.parse(Array("{\"a\": \"ok".utf8) + [0xFF] + Array("\"}".utf8))
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect((error.line, error.column) == (1, 10))
            #expect(error.message.contains("invalid UTF-8"))
        }
    }

    @Test("nesting deeper than the limit is an error, not a crash")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(Array(deep.utf8))
            Issue.record("accepted 100,000 levels")
        } catch {
            #expect(error.column == JSONParser.maximumDepth + 1)
            #expect(error.message.contains("deeper than"))
        }
        let fine = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: Never.self) { try JSONParser.parse(Array(fine.utf8)) }
    }

    @Test("what JSONValue writes reads back")
    func roundTrip() throws {
        let value = JSONValue.object([
            ("text", .string("line\nbreak \u{1F} \"quoted\" \\ é 😀")), ("list", .array([.int(-3), .null, .bool(true)])),
        ])
        for layout in [JSONValue.Layout.pretty, .compact] {
            let root = try JSONParser.parse(Array(value.serialized(layout).utf8))
            guard case .object(let members) = root.value else {
                Issue.record("not an object")
                continue
            }
            #expect(members.first { $0.key == "text" }?.value.string == "line\nbreak \u{1F} \"quoted\" \\ é 😀")
        }
    }
}
