/// A problem with `.pmconfig`: which file, which line, which key, and what to do.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    var message: String
    var path: String
    /// 1-based line of the offending key, when known.
    var line: Int?

    init(message: String, path: String, line: Int? = nil) {
        self.message = message
        self.path = path
        self.line = line
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
