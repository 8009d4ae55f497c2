/// A place in a document: a 1-based line and a 1-based column counted in UTF-8 bytes.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The line, counted from 1.
    public var line: Int
    /// The column, counted from 1 in UTF-8 bytes of the line (a byte-order mark is not counted).
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        return lhs.column < rhs.column
    }

    /// `line:column`, for example `12:5`.
    public var description: String { "\(line):\(column)" }
}
