/// One commit that changed a file, as `git log --follow -- <path>` would list it.
public struct FileRevision: Sendable {
    /// How the commit changed the file.
    public enum Change: Equatable, Sendable {
        case added
        case modified
        case renamed(from: String)
        case deleted
    }

    public let commit: Commit
    /// The file's path in this commit (for a deletion: where it was).
    public let path: String
    /// The blob in this commit (nil when deleted) and in the first parent (nil when added).
    public let blob: OID?
    public let previousBlob: OID?
    public let change: Change
}
