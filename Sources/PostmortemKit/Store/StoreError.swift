/// A reason the postmortem store could not read or write, with what to do about it.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure, so the command line can choose the exit status.
    enum Kind: Sendable, Hashable {
        /// The user named something that does not exist or is ambiguous (a reference, a revision).
        case notFound
        /// The repository is in a state where pm must not write (detached HEAD, merge, rebase, bare, dirty file).
        case refused
        /// Another writer changed the same postmortem at the same time.
        case conflict
        /// Reading or writing failed (I/O, libgit2).
        case failure
    }

    var kind: Kind
    public var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
