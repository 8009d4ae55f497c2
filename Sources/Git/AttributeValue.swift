/// The state of one git attribute for a path, as `git check-attr` reports it.
public enum AttributeValue: Equatable, Sendable {
    /// No rule mentions the attribute for the path.
    case unspecified
    /// Set without a value (`text`).
    case set
    /// Unset (`-text`).
    case unset
    /// Set to a value (`filter=git-crypt`).
    case value(String)
}
