/// A JSON value read from a file, with the place it starts: what pm reads back of the JSON files it writes (the
/// findings baseline), so that a problem in one can be reported at its line and column.
public struct JSONNode: Sendable {
    /// What the value is; an object keeps its members in the order of the file.
    public enum Value: Sendable {
        case null
        case bool(Bool)
        /// A number, as written (`1`, `-2.5e3`): the reader of the file decides what it may be.
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    public var value: Value
    /// 1-based line of the value's first byte.
    public var line: Int
    /// 1-based column of the value's first byte, in UTF-8 bytes.
    public var column: Int

    /// The kind of value, as a message names it: `an object`, `a string`, ….
    public var kindName: String {
        switch value {
        case .null: return "null"
        case .bool: return "true or false"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The text of a string value; nil for any other kind.
    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// A whole number written without a fraction or exponent that fits an `Int`; nil otherwise.
    public var integer: Int? {
        guard case .number(let text) = value, !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else {
            return nil
        }
        return Int(text)
    }
}

/// One `"key": value` of an object, with the place of its key.
public struct JSONMember: Sendable {
    public var key: String
    /// 1-based line and UTF-8 column of the key's opening quote.
    public var line: Int
    public var column: Int
    public var value: JSONNode
}
