import CLibgit2
import Foundation

extension Repository {
    /// The commits that changed `path`, newest first, following renames backwards like `git log --follow`.
    ///
    /// A merge is listed only when the file differs from every parent (git's TREESAME rule). The walk stops
    /// once `limit` revisions are found, like `git log -n`.
    public func history(ofPath path: String, from start: OID, limit: Int = .max) throws -> [FileRevision] {
        var currentPath = path
        var revisions: [FileRevision] = []
        guard limit > 0 else { return revisions }
        let walk = try RevWalk(repository: self, starts: [start])
        // Each commit is read once: parents read while visiting a child wait here until the walk reaches them.
        var pendingCommits: [OID: Commit] = [:]
        // The blob at `currentPath` per tree; values only, so a long history holds no libgit2 handles.
        var blobsByTree: [OID: OID?] = [:]
        func read(_ id: OID) throws -> Commit {
            if let cached = pendingCommits[id] { return cached }
            let read = try self.commit(id)
            pendingCommits[id] = read
            return read
        }
        func blob(at path: String, in commit: Commit) throws -> OID? {
            if path == currentPath, let cached = blobsByTree[commit.treeID] { return cached }
            let entry = try tree(commit.treeID).entry(atPath: path)
            let id = entry.flatMap { $0.kind == .blob ? $0.id : nil }
            if path == currentPath { blobsByTree[commit.treeID] = id }
            return id
        }
        for id in walk {
            let commit = try read(id)
            pendingCommits[id] = nil
            let current = try blob(at: currentPath, in: commit)
            let parents = try commit.parentIDs.map(read)
            let parentBlobs = try parents.map { try blob(at: currentPath, in: $0) }
            if parentBlobs.contains(where: { $0 == current }) { continue }
            if parents.isEmpty {
                if let current {
                    revisions.append(
                        FileRevision(commit: commit, path: currentPath, blob: current, previousBlob: nil, change: .added))
                }
            } else if let current {
                let previous = parentBlobs.first ?? nil
                if previous != nil {
                    revisions.append(
                        FileRevision(commit: commit, path: currentPath, blob: current, previousBlob: previous, change: .modified))
                } else if let parent = parents.first,
                    let oldPath = try renameSource(of: currentPath, from: parent.treeID, to: commit.treeID)
                {
                    let oldBlob = try blob(at: oldPath, in: parent)
                    revisions.append(
                        FileRevision(
                            commit: commit, path: currentPath, blob: current, previousBlob: oldBlob,
                            change: .renamed(from: oldPath)))
                    currentPath = oldPath
                    blobsByTree = [:]
                } else {
                    revisions.append(
                        FileRevision(commit: commit, path: currentPath, blob: current, previousBlob: nil, change: .added))
                }
            } else {
                revisions.append(
                    FileRevision(
                        commit: commit, path: currentPath, blob: nil, previousBlob: parentBlobs.first ?? nil, change: .deleted))
            }
            if revisions.count >= limit { return revisions }
        }
        if let error = walk.error { throw error }
        return revisions
    }

    /// The path that `path` was renamed (or copied) from between two trees, found by git's similarity detection.
    public func renameSource(of path: String, from oldTreeID: OID, to newTreeID: OID) throws -> String? {
        try renames(from: oldTreeID, to: newTreeID)[path]
    }

    /// Every file renamed (or copied) between two trees, by git's similarity detection: new path → old path. Only
    /// paths under `prefix` when one is given.
    public func renames(from oldTreeID: OID, to newTreeID: OID, under prefix: String? = nil) throws -> [String: String] {
        let (oldTree, newTree) = (try tree(oldTreeID), try tree(newTreeID))
        guard
            let diff = try Diff.make(
                under: prefix, function: "git_diff_tree_to_tree",
                { diff, options in
                    git_diff_tree_to_tree(diff, pointer, oldTree.pointer, newTree.pointer, options)
                })
        else { return [:] }
        try diff.findRenames()
        return diff.renames
    }

    /// Every file moved in the working tree since `treeID` (HEAD's), by git's similarity detection over HEAD →
    /// index → working tree, untracked files included: new path → old path. Finds a `git mv` (staged or not yet
    /// committed) and a plain `mv` alike, as `git add -A && git status` would show them. Only paths under `prefix`.
    public func workingTreeRenames(since treeID: OID, under prefix: String) throws -> [String: String] {
        let tree = try tree(treeID)
        let flags = GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
        guard
            let diff = try Diff.make(
                under: prefix, flags: flags, function: "git_diff_tree_to_workdir_with_index",
                { diff, options in
                    git_diff_tree_to_workdir_with_index(diff, pointer, tree.pointer, options)
                })
        else { return [:] }
        try diff.findRenames(untracked: true)
        return diff.renames
    }

    /// Lines added and removed between two versions of a file (nil: the file did not exist on that side).
    public func lineChanges(from old: OID?, to new: OID?) throws -> (added: Int, removed: Int) {
        func lookup(_ id: OID?) throws -> OpaquePointer? {
            guard let id else { return nil }
            var raw: OpaquePointer?
            try id.withRaw { try check(git_blob_lookup(&raw, pointer, $0), "git_blob_lookup(\(id.short))") }
            return raw
        }
        let oldBlob = try lookup(old)
        defer { if let oldBlob { git_blob_free(oldBlob) } }
        let newBlob = try lookup(new)
        defer { if let newBlob { git_blob_free(newBlob) } }
        var patch: OpaquePointer?
        try check(git_patch_from_blobs(&patch, oldBlob, nil, newBlob, nil, nil), "git_patch_from_blobs")
        guard let patch else { return (0, 0) }
        defer { git_patch_free(patch) }
        var context = 0
        var added = 0
        var removed = 0
        try check(git_patch_line_stats(&context, &added, &removed, patch), "git_patch_line_stats")
        return (added, removed)
    }
}
