/// Whether a commit brought a version of a file in or took it out.
enum IndexedEventKind: UInt8, Sendable {
    case introduced = 1
    case removed = 2
}

/// A commit that introduced or removed a version (a blob) at a path.
struct IndexedEvent: Sendable, Equatable {
    var document: UInt32
    var commit: UInt32
    var path: String
    var kind: IndexedEventKind
}
