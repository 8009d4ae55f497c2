import CLibgit2

/// The mode git records for a tree entry.
public enum FileMode: UInt32, Sendable {
    case blob = 0o100644
    case executable = 0o100755
    case link = 0o120000
    case tree = 0o040000
    case commit = 0o160000
}
