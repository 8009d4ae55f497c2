/// Reads JSON text (RFC 8259, strictly) into `JSONNode`s that know their line and column.
///
/// Strict on purpose: pm reads back files it wrote and people may have edited, and a file it misread would be worse
/// than one it refuses. Comments, trailing commas, single quotes, `NaN`, control characters in strings, lone UTF-16
/// surrogates, invalid UTF-8 and a key given twice in one object are errors at their place. A UTF-8 byte-order mark
/// at the start is skipped. Nesting is limited, so a hostile file cannot exhaust the stack.
public enum JSONParser {
    /// How deep arrays and objects may nest.
    public static let maximumDepth = 64

    /// The value `bytes` hold, or the first problem in them.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var reader = Reader(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            reader.index = 3
            reader.lineStart = 3
        }
        reader.skipWhitespace()
        guard reader.index < bytes.count else { throw reader.error("the file is empty; expected a JSON value") }
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else {
            throw reader.error("unexpected \(reader.describeCurrent()) after the JSON value; expected the end of the file")
        }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        /// The index of the first byte of the current line.
        var lineStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var column: Int { index - lineStart + 1 }

        func error(_ message: String) -> JSONSyntaxError {
            JSONSyntaxError(message: message, line: line, column: column)
        }

        func error(_ message: String, line: Int, column: Int) -> JSONSyntaxError {
            JSONSyntaxError(message: message, line: line, column: column)
        }

        /// What is at the current byte, for a message: `'x'`, `a line break`, `the end of the file`.
        func describeCurrent() -> String {
            guard index < bytes.count else { return "end of the file" }
            let byte = bytes[index]
            switch byte {
            case 0x0A, 0x0D: return "line break"
            case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
            default: return "byte 0x\(String(byte, radix: 16, uppercase: true))"
            }
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
            let (startLine, startColumn) = (line, column)
            func node(_ value: JSONNode.Value) -> JSONNode { JSONNode(value: value, line: startLine, column: startColumn) }
            guard index < bytes.count else { throw error("unexpected end of the file; expected a JSON value") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                guard depth < JSONParser.maximumDepth else {
                    throw error("objects and arrays nest deeper than \(JSONParser.maximumDepth) levels")
                }
                return node(.object(try object(depth: depth + 1)))
            case UInt8(ascii: "["):
                guard depth < JSONParser.maximumDepth else {
                    throw error("objects and arrays nest deeper than \(JSONParser.maximumDepth) levels")
                }
                return node(.array(try array(depth: depth + 1)))
            case UInt8(ascii: "\""): return node(.string(try string()))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return node(.number(try number()))
            case UInt8(ascii: "t"):
                try literal("true")
                return node(.bool(true))
            case UInt8(ascii: "f"):
                try literal("false")
                return node(.bool(false))
            case UInt8(ascii: "n"):
                try literal("null")
                return node(.null)
            default:
                throw error(
                    "unexpected \(describeCurrent()); expected a JSON value (an object, array, string, number, true, false or null)"
                )
            }
        }

        mutating func literal(_ word: String) throws(JSONSyntaxError) {
            let expected = Array(word.utf8)
            guard bytes[index...].starts(with: expected) else {
                throw error("unexpected \(describeCurrent()); expected a JSON value (did you mean '\(word)'?)")
            }
            index += expected.count
        }

        mutating func object(depth: Int) throws(JSONSyntaxError) -> [JSONMember] {
            index += 1  // {
            var members: [JSONMember] = []
            var seen: Set<String> = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return members
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error("unexpected \(describeCurrent()); expected a key in double quotes")
                }
                let (keyLine, keyColumn) = (line, column)
                let key = try string()
                guard seen.insert(key).inserted else {
                    throw error("the key '\(key)' appears twice in this object", line: keyLine, column: keyColumn)
                }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw error("unexpected \(describeCurrent()); expected ':' after the key '\(key)'")
                }
                index += 1
                skipWhitespace()
                let value = try value(depth: depth)
                members.append(JSONMember(key: key, line: keyLine, column: keyColumn, value: value))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of the file; expected ',' or '}'") }
                if bytes[index] == UInt8(ascii: ",") {
                    let (commaLine, commaColumn) = (line, column)
                    index += 1
                    skipWhitespace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                        throw error("a trailing ',' before '}'; remove it", line: commaLine, column: commaColumn)
                    }
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else {
                    throw error("unexpected \(describeCurrent()); expected ',' or '}'")
                }
                index += 1
                return members
            }
        }

        mutating func array(depth: Int) throws(JSONSyntaxError) -> [JSONNode] {
            index += 1  // [
            var elements: [JSONNode] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return elements
            }
            while true {
                skipWhitespace()
                elements.append(try value(depth: depth))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of the file; expected ',' or ']'") }
                if bytes[index] == UInt8(ascii: ",") {
                    let (commaLine, commaColumn) = (line, column)
                    index += 1
                    skipWhitespace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                        throw error("a trailing ',' before ']'; remove it", line: commaLine, column: commaColumn)
                    }
                    continue
                }
                guard bytes[index] == UInt8(ascii: "]") else {
                    throw error("unexpected \(describeCurrent()); expected ',' or ']'")
                }
                index += 1
                return elements
            }
        }

        /// A string from its opening quote; escapes decoded, UTF-8 checked.
        mutating func string() throws(JSONSyntaxError) -> String {
            index += 1  // "
            var text: [UInt8] = []
            var runStart = index
            while true {
                guard index < bytes.count else { throw error("unexpected end of the file inside a string; close it with '\"'") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    text.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    break
                }
                if byte < 0x20 {
                    throw error(
                        byte == 0x0A || byte == 0x0D
                            ? "a line break inside a string; write it as \\n, or close the string with '\"'"
                            : "a control character (0x\(String(byte, radix: 16, uppercase: true))) inside a string; write it as \\u00XX"
                    )
                }
                if byte >= 0x80 {
                    let length = try scalarLength(at: index)
                    index += length
                    continue
                }
                if byte == UInt8(ascii: "\\") {
                    text.append(contentsOf: bytes[runStart..<index])
                    try escape(into: &text)
                    runStart = index
                    continue
                }
                index += 1
            }
            return String(decoding: text, as: UTF8.self)
        }

        /// The length of the valid UTF-8 sequence at `start`, or an error at its first byte.
        func scalarLength(at start: Int) throws(JSONSyntaxError) -> Int {
            var iterator = bytes[start...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): return encoded.count
            case .emptyInput, .error:
                throw error(
                    "invalid UTF-8 (byte 0x\(String(bytes[start], radix: 16, uppercase: true))); the file must be UTF-8 text")
            }
        }

        /// One escape from its backslash, appended as UTF-8.
        mutating func escape(into text: inout [UInt8]) throws(JSONSyntaxError) {
            let (escapeLine, escapeColumn) = (line, column)
            index += 1  // backslash
            guard index < bytes.count else { throw error("unexpected end of the file after '\\' in a string") }
            let letter = bytes[index]
            index += 1
            switch letter {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(letter)
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                var value = try hexQuad()
                if (0xD800..<0xDC00).contains(value) {
                    // A high surrogate must be followed by a low one: together they are one scalar.
                    guard bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                        throw error(
                            "a lone UTF-16 surrogate (\\u\(String(value, radix: 16, uppercase: true))) in a string",
                            line: escapeLine, column: escapeColumn)
                    }
                    index += 2
                    let low = try hexQuad()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw error(
                            "a lone UTF-16 surrogate (\\u\(String(value, radix: 16, uppercase: true))) in a string",
                            line: escapeLine, column: escapeColumn)
                    }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(value) {
                    throw error(
                        "a lone UTF-16 surrogate (\\u\(String(value, radix: 16, uppercase: true))) in a string",
                        line: escapeLine, column: escapeColumn)
                }
                guard let scalar = Unicode.Scalar(value) else {
                    throw error("\\u escape that names no character", line: escapeLine, column: escapeColumn)
                }
                text.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error(
                    "unknown escape '\\\(letter < 0x80 && letter >= 0x20 ? String(Character(Unicode.Scalar(letter))) : "?")' in a string; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                    line: escapeLine, column: escapeColumn)
            }
        }

        mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard index < bytes.count, let digit = Self.hexValue(bytes[index]) else {
                    throw error("unexpected \(describeCurrent()) in a \\u escape; expected four hexadecimal digits")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        static func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }

        /// A number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
        mutating func number() throws(JSONSyntaxError) -> String {
            let start = index
            func isDigit(_ position: Int) -> Bool {
                position < bytes.count && bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9")
            }
            func digits() throws(JSONSyntaxError) {
                guard isDigit(index) else { throw error("unexpected \(describeCurrent()) in a number; expected a digit") }
                while isDigit(index) { index += 1 }
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
                index += 1
                if isDigit(index) { throw error("a number with a leading zero; write it without") }
            } else {
                try digits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                try digits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                try digits()
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }
}

/// Why a JSON text could not be read, and where: 1-based line, and column in UTF-8 bytes.
public struct JSONSyntaxError: Error, Hashable, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
}
