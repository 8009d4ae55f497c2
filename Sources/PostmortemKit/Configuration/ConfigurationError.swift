/// A problem with `.pmconfig`: which file, which line, which key, and what to do.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var path: String
    /// 1-based line of the offending key, when known.
    public var line: Int?

    public init(message: String, path: String, line: Int? = nil) {
        self.message = message
        self.path = path
        self.line = line
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
