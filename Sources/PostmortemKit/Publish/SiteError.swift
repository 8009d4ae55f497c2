/// Why `pm site` would not, or could not, write the site's folder, with what to do about it.
public struct SiteError: Error, Sendable, CustomStringConvertible {
    public var message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
