/// Whether a commit brought a version of a file in or took it out.
public enum IndexedEventKind: UInt8, Sendable {
    case introduced = 1
    case removed = 2
}

/// A commit that introduced or removed a version (a blob) at a path.
public struct IndexedEvent: Sendable, Equatable {
    public var document: UInt32
    public var commit: UInt32
    public var path: String
    public var kind: IndexedEventKind
}
