/// Why a search index file cannot be used; pm rebuilds it and says so in one line.
public struct SearchIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
