import Git

/// A commit as the index records it: enough to say which revision held some text.
public struct IndexedCommit: Sendable, Equatable {
    public var id: OID
    public var time: Int64
    var timeZoneOffsetMinutes: Int32
    public var author: String
    public var summary: String
}
