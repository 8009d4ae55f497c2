/// A mistake in how the command was called; exits 64.
public struct UsageError: Error, Sendable, Equatable {
    /// The exit status of every usage error (`EX_USAGE`).
    public static let exitStatus: Int32 = 64

    /// What went wrong, without the `Error: ` prefix: `Unknown option '--sevrity'`.
    public var message: String
    /// The command being called, whose usage line the message shows.
    public var commandPath: [String]
    /// The nearest valid spelling, shown as `Did you mean '…'?`.
    public var suggestion: String?

    public init(message: String, commandPath: [String], suggestion: String? = nil) {
        self.message = message
        self.commandPath = commandPath
        self.suggestion = suggestion
    }
}
