import Foundation
import Git

/// When a published postmortem last changed and when it was published, as its git history says.
public struct PublicationDates: Hashable, Sendable {
    /// The commit time of the commit that introduced the file's current content.
    var updated: Date
    /// The commit time of the commit that made it `status: published` (never after `updated`).
    var published: Date
}

/// Reads `PublicationDates` for many files in one walk of the history, newest commit first.
///
/// For each file at `head`, `updated` comes from the newest commit whose version of the path is the current one and
/// whose parents' versions are not (git's TREESAME rule, as `git log -1 -- path` would find it); `published` from
/// the newest commit whose version is `status: published` and whose parents' versions are not. Commit times, not
/// author times: they say when the text reached the branch the feed is built from. Each commit costs one comparison
/// of the postmortem folder with its parent's (none when the folder did not change), and the walk stops as soon as
/// every file has both dates, so recent postmortems cost little however long the history is. In a shallow clone,
/// what the walk cannot reach is dated by `head`.
enum PublicationHistory {
    static func dates(of paths: [String], at head: Commit, in store: PostmortemStore) throws -> [String: PublicationDates] {
        let repository = store.repository
        store.noteShallowHistory()
        let directory = store.configuration.directory
        let headTree = try repository.tree(head.treeID)
        var pending: [String: (blob: OID, updated: Date?, published: Date?)] = [:]
        for path in paths {
            guard let entry = try headTree.entry(atPath: path), entry.kind == .blob else { continue }
            pending[path] = (entry.id, nil, nil)
        }
        var results: [String: PublicationDates] = [:]
        var publishedBlobs: [OID: Bool] = [:]
        func isPublished(_ blob: OID?, path: String) throws -> Bool {
            guard let blob else { return false }
            if let known = publishedBlobs[blob] { return known }
            let status = store.parse(PostmortemFile(path: path, bytes: try repository.blob(blob))).status
            publishedBlobs[blob] = status == .published
            return status == .published
        }
        // Commits and folder ids are read once: a parent read while visiting a child waits here for its own turn.
        let trees = TreeCache(repository: repository, capacity: 32)
        var commits: [OID: Commit] = [:]
        var folders: [OID: OID?] = [:]
        func commit(_ id: OID) throws -> Commit {
            if let known = commits[id] { return known }
            let read = try repository.commit(id)
            commits[id] = read
            return read
        }
        func folder(_ commit: Commit) throws -> OID? {
            if let known = folders[commit.id] { return known }
            var id: OID? = commit.treeID
            var tree = try trees.tree(commit.treeID)
            for component in directory.split(separator: "/") {
                guard let entry = tree.entry(named: String(component)), entry.isTree else {
                    id = nil
                    break
                }
                id = tree.id(entry)
                tree = try trees.tree(tree.id(entry))
            }
            folders[commit.id] = id
            return id
        }
        let walk = try RevWalk(repository: repository, starts: [head.id])
        for id in walk {
            guard !pending.isEmpty else { break }
            let current = try commit(id)
            let here = try folder(current)
            let parents = try current.parentIDs.map { try folder(commit($0)) }
            commits[id] = nil
            folders[id] = nil
            if parents.contains(where: { $0 == here }) { continue }
            // The files that differ from every parent: the new blob, and each parent's.
            var changed: [String: (new: OID?, old: [OID?])] = [:]
            for (index, parent) in (parents.isEmpty ? [nil] : parents).enumerated() {
                let changes = try repository.changes(from: parent, to: here, prefix: directory + "/", load: trees.tree)
                if index == 0 {
                    for change in changes where pending[change.path] != nil {
                        changed[change.path] = (change.new, parents.isEmpty ? [] : [change.old])
                    }
                } else {
                    let old = Dictionary(changes.map { ($0.path, $0.old) }, uniquingKeysWith: { first, _ in first })
                    var kept: [String: (new: OID?, old: [OID?])] = [:]
                    for (path, entry) in changed {
                        guard let previous = old[path] else { continue }
                        kept[path] = (entry.new, entry.old + [previous])
                    }
                    changed = kept
                }
            }
            let time = current.committer.date
            for (path, change) in changed {
                guard var state = pending[path] else { continue }
                if state.updated == nil, change.new == state.blob, !change.old.contains(change.new) {
                    state.updated = time
                }
                if state.published == nil, try isPublished(change.new, path: path),
                    try !change.old.contains(where: { try isPublished($0, path: path) })
                {
                    state.published = time
                }
                if let updated = state.updated, let published = state.published {
                    results[path] = PublicationDates(updated: updated, published: min(published, updated))
                    pending[path] = nil
                } else {
                    pending[path] = state
                }
            }
        }
        if let error = walk.error { throw error }
        for (path, state) in pending {
            let updated = state.updated ?? head.committer.date
            results[path] = PublicationDates(updated: updated, published: min(state.published ?? updated, updated))
        }
        return results
    }
}
