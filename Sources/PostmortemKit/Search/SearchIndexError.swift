/// Why a search index file cannot be used; pm rebuilds it and says so in one line.
public struct SearchIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// True when the file is sound but in another format version: written by an older or newer pm.
    var isOtherVersion: Bool

    init(_ message: String, isOtherVersion: Bool = false) {
        self.message = message
        self.isOtherVersion = isOtherVersion
    }

    public var description: String { message }
}
