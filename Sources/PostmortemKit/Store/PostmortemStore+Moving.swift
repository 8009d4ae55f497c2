import Foundation
import Git

/// What `PostmortemStore.move` did.
public struct PostmortemMove: Sendable {
    /// The postmortem before the move.
    public let previous: PostmortemFile
    /// Its new id and path (the same as before when only its content changed).
    public let id: String
    public let path: String
    /// The other postmortems whose `related:` or `supersedes:` named the old id, rewritten to the new one.
    public let references: [String]
    /// nil when nothing changed.
    public let result: CommitResult?
}

extension PostmortemStore {
    /// Renames a committed postmortem to `baseID` (`-2`, `-3`, … on a clash) in the folder it is in, with `bytes` as
    /// its content, in one commit that git sees as a rename: the new file, the old one removed, and every other
    /// postmortem whose `related:` or `supersedes:` names the old id rewritten to name the new one, and the findings
    /// baseline's entries for it moved to the new path.
    ///
    /// `verify` gets the renamed file at its new path before anything is written (the rewritten references change
    /// only the id); a throw stops the move. Refuses (changing nothing) when a postmortem to rewrite has uncommitted changes.
    public func move(
        _ committed: CommittedPostmortem, to bytes: [UInt8], baseID: String,
        verify: (PostmortemFile) throws -> Void
    ) throws -> PostmortemMove {
        try withWriteLock {
            let old = committed.file
            let folder = old.path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            let (id, path) = try availablePath(forID: baseID, in: folder, owner: old.path)
            var commits: [FileCommit] = []
            if path == old.path {
                commits.append(
                    FileCommit(path: path, content: .replacing(expected: old.bytes, with: bytes), base: .some(committed.base)))
            } else {
                commits.append(FileCommit(path: path, content: .new(bytes)))
                commits.append(FileCommit(path: old.path, content: .removed, base: .some(committed.base)))
                if let baseline = try baselineFollowingMoves([(old.path, path)], command: "pm mv") {
                    commits.append(baseline)
                }
            }
            var references: [String] = []
            if id != old.id {
                for other in try files(at: .workingTree) where other.path != old.path {
                    let parsed = parse(other)
                    guard parsed.related.contains(old.id) || parsed.supersedes.contains(old.id) else { continue }
                    let base = try headBlob(of: other.path)
                    guard try repository.hashWorkingTreeFile(other.path) == base else {
                        throw StoreError(
                            .refused,
                            "\(other.path) names \(old.id) and has changes that are not committed; pm would have to rewrite it. Nothing was changed: commit or stash its changes ('git stash'), then run pm again"
                        )
                    }
                    var rewritten = other.bytes
                    for key in ["related", "supersedes"] {
                        let list = key == "related" ? parsed.related : parsed.supersedes
                        guard list.contains(old.id) else { continue }
                        rewritten = PostmortemEditor.settingFrontMatterList(
                            key, to: list.map { $0 == old.id ? id : $0 }, in: rewritten)
                    }
                    commits.append(
                        FileCommit(
                            path: other.path, content: .replacing(expected: other.bytes, with: rewritten), base: .some(base)))
                    references.append(other.path)
                }
            }
            try verify(PostmortemFile(path: path, bytes: bytes))
            let message =
                path == old.path
                ? "Update postmortem \(old.id)" : "Rename postmortem \(old.id) to \(id)"
            let result = try commitHoldingWriteLock(commits, message: message)
            return PostmortemMove(previous: old, id: id, path: path, references: references, result: result)
        }
    }

    /// The files besides `path` that the commit of a postmortem moved by hand from `source` holds: the removal of
    /// `source`, and the findings baseline with its entries moved along.
    public func filesFollowingMove(from source: String, to path: String, command: String) throws -> [FileCommit] {
        [FileCommit(path: source, content: .removed, base: .some(try headBlob(of: source)))]
            + (try baselineFollowingMoves([(source, path)], command: command).map { [$0] } ?? [])
    }

    /// The committed path a working-tree postmortem was moved from, by hand ('git mv', or a plain 'mv'), as git's
    /// similarity detection pairs them (`git add -A && git status` would show the rename); nil for a file that was
    /// not moved, and while the branch has no commit.
    public func movedFrom(_ path: String) throws -> String? {
        guard let head = try headCommit() else { return nil }
        let tree = try repository.commit(head).treeID
        return try repository.workingTreeRenames(since: tree, under: configuration.directory)[path]
    }
}
