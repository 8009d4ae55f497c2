/// A problem in a document, with where it is and what to do.
public struct DocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and what to do about it, for example
    /// `invalid date '2026-02-30': February 2026 has 28 days; write the date as YYYY-MM-DD`.
    public var message: String
    /// Where the problem is.
    public var position: SourcePosition
    /// The file the problem is in, when known.
    public var path: String?

    init(_ message: String, at position: SourcePosition, path: String? = nil) {
        self.message = message
        self.position = position
        self.path = path
    }

    init(message: String, position: SourcePosition, path: String? = nil) {
        self.init(message, at: position, path: path)
    }

    init(_ message: String, line: Int, column: Int, path: String? = nil) {
        self.init(message, at: SourcePosition(line: line, column: column), path: path)
    }

    /// `path:line:col: message`, or `line:col: message` without a path.
    public var description: String {
        if let path { return "\(path):\(position): \(message)" }
        return "\(position): \(message)"
    }

    /// The same error attributed to `path`.
    public func inFile(_ path: String?) -> DocumentError {
        var copy = self
        copy.path = path
        return copy
    }
}
