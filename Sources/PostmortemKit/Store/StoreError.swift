/// A reason the postmortem store could not read or write, with what to do about it.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure: what callers tell apart (a conflict can be retried; a refusal needs the user to change
    /// the repository's state first). The command line's exit status for each kind is chosen where it reports
    /// store errors, in one place.
    public enum Kind: Sendable, Hashable {
        /// The user named something that does not exist or is ambiguous (a reference, a revision).
        case notFound
        /// The repository is in a state where pm must not write (detached HEAD, merge, rebase, bare, dirty file).
        case refused
        /// Another writer changed the same postmortem at the same time.
        case conflict
        /// Reading or writing failed (I/O, libgit2).
        case failure
    }

    public var kind: Kind
    /// What went wrong.
    public var message: String
    /// What the user can do about it, when the message does not say: `Run 'pm list' to see the ids.`
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// The message, and the hint on a line of its own.
    public var description: String { hint.map { message + "\n" + $0 } ?? message }
}
