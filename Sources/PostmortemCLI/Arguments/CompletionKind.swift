/// What a shell should offer when completing an option's value or a positional argument.
public enum CompletionKind: Sendable, Equatable {
    /// Nothing: the user types the value.
    case none
    /// Paths of files (and the folders leading to them).
    case file
    /// Paths of folders.
    case directory
    /// Postmortem ids, asked of the tool at completion time with `pm __complete ids`.
    case postmortem
    /// A fixed list of words.
    case list([String])
}
