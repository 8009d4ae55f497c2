import Foundation
import Git

/// What the command line needs to know of the repository behind the store. The libgit2 handle itself stays inside
/// PostmortemKit, so that every write goes through the store's one write path.
extension PostmortemStore {
    /// The working tree's root, without a trailing slash; nil for a bare repository.
    public var workingDirectory: String? { repository.workingDirectory }

    /// The folder in the git directory where pm keeps its own files (the search index, locks, drafts).
    public var pmFolder: String { repository.commonDirectory + "/pm" }

    /// The commit HEAD points at; nil while the branch has no commit.
    public func headCommit() throws -> OID? {
        try repository.head().commit
    }

    /// The identity git would record for a new commit, failing like git when there is none.
    public func identity(for role: SignatureRole, environment: [String: String]) throws -> Signature {
        try repository.signature(for: role, environment: environment)
    }

    /// The name git would record for `role`, nil when none is configured (reading git's configuration can fail).
    public func identityName(for role: SignatureRole, environment: [String: String]) throws -> String? {
        try repository.identityName(for: role, environment: environment)
    }

    /// Reads the objects of a push that git keeps in quarantine while a `pre-receive` hook runs.
    public func addObjectDirectories(from environment: [String: String]) throws {
        try repository.addObjectDirectories(from: environment)
    }

    /// The revisions of `path` from HEAD back, following renames, newest first; none while the branch is unborn.
    public func history(of path: String, limit: Int = .max) throws -> [FileRevision] {
        guard let head = try repository.head().commit else { return [] }
        return try repository.history(ofPath: path, from: head, limit: limit)
    }

    /// Lines added and removed from one blob to the next (nil: no file).
    public func lineChanges(from old: OID?, to new: OID?) throws -> (added: Int, removed: Int) {
        try repository.lineChanges(from: old, to: new)
    }

    /// The bytes of a blob.
    public func blob(_ id: OID) throws -> [UInt8] {
        try repository.blob(id)
    }
}
