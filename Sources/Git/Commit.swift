import CLibgit2

/// A commit, copied out of libgit2 into a value.
public struct Commit: Hashable, Sendable {
    public let id: OID
    public let treeID: OID
    public let parentIDs: [OID]
    public let author: Signature
    public let committer: Signature
    /// The whole message, decoded leniently (non-UTF-8 bytes become U+FFFD).
    public let message: String

    init(_ raw: OpaquePointer) {
        id = OID(git_commit_id(raw).pointee)
        treeID = OID(git_commit_tree_id(raw).pointee)
        parentIDs = (0..<git_commit_parentcount(raw)).compactMap { index in
            git_commit_parent_id(raw, index).map { OID($0.pointee) }
        }
        author = Signature(git_commit_author(raw))
        committer = Signature(git_commit_committer(raw))
        message = lenientString(git_commit_message_raw(raw))
    }

    /// The first line of the message.
    public var summary: String {
        message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }
}
