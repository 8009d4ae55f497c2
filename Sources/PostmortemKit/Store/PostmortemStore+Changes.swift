import Foundation
import Git

extension PostmortemStore {
    /// Postmortems to check, with the paths of every postmortem beside them (for `unique-id` and `related-exists`).
    public struct ChangedPostmortems: Sendable {
        /// The postmortems added or changed, with their content as it will be (or was) committed.
        public var files: [PostmortemFile]
        /// The path of every postmortem at the same source, changed or not.
        public var allPaths: [String]
        /// The commit the files were read from (`--rev`, a push); nil for the working tree or the index.
        public var commit: OID?
        /// The postmortems moved by the change (a `git mv` staged, or committed in the range): path now → path
        /// before, so the findings baseline's entries follow them.
        public var renames: [String: String]

        public init(files: [PostmortemFile], allPaths: [String], commit: OID? = nil, renames: [String: String] = [:]) {
            self.files = files
            self.allPaths = allPaths
            self.commit = commit
            self.renames = renames
        }

        /// `baseline` with the entries of every moved postmortem carried to its new path, unless the baseline already
        /// names the new path (it was updated with the move).
        public func following(_ baseline: FindingsBaseline) -> FindingsBaseline {
            let named = baseline.paths
            return baseline.moving(renames.filter { !named.contains($0.key) }.map { (from: $0.value, to: $0.key) })
        }
    }

    /// The postmortems the next commit adds or changes, read from git's index (not the working tree).
    ///
    /// Only stage-0 entries count (a conflicted path cannot be committed anyway); a postmortem whose staged
    /// content equals HEAD's is left out, so a commit is never refused for a file it does not touch.
    /// `GIT_INDEX_FILE` is honoured, so `git commit -a` and `git commit <path>` hooks see the right index.
    public func stagedPostmortems() throws -> ChangedPostmortems {
        let index = try repository.index()
        let entries = index.entries.filter { entry in
            guard
                entry.stage == 0 && (entry.mode == FileMode.blob.rawValue || entry.mode == FileMode.executable.rawValue)
                    && isPostmortemPath(entry.path)
            else { return false }
            if !entry.isUTF8 { reportNonUTF8Name(entry.path) }
            return entry.isUTF8
        }
        // libgit2 compares the index with HEAD's tree (like `git diff --cached`), so only changed blobs are read.
        let headTree = try repository.head().commit.map { try repository.commit($0).treeID }
        let staged = try repository.stagedChanges(in: index, comparedTo: headTree, under: configuration.directory)
        let changed = Set(staged.changed)
        let files = try entries.filter { changed.contains($0.path) }.map { entry in
            PostmortemFile(path: entry.path, bytes: try repository.blob(entry.id))
        }
        return ChangedPostmortems(
            files: files, allPaths: entries.map(\.path).sorted(), renames: staged.renames.filter { isPostmortemPath($0.key) })
    }

    /// The postmortems added or modified by the commits of `range`, with their content at the range's end.
    ///
    /// `range` is git-like: `A..B` is the commits reachable from B and not from A (an empty side means HEAD);
    /// a single revision `R` is that commit alone (compared with its first parent; a root commit adds all its
    /// files). An all-zero old id (a new branch, as hooks receive it) means every commit of B that no other
    /// reference already has: in a bare repository (a server running `pre-receive`, before the references move)
    /// every existing reference is excluded; elsewhere (`pre-push`) every reference that does not contain B.
    /// An all-zero new id (a deleted branch) has nothing to check. Works in a bare repository.
    ///
    /// In a shallow clone, history stops at the boundary commits, which count as root commits. When A is beyond
    /// the boundary (not fetched, or `HEAD~5` past it), the commits of B down to the boundary are checked, except
    /// the boundary commits themselves: what they changed is unknown, and checking every file they hold would
    /// refuse good commits for what older ones did.
    public func postmortems(changedIn range: String) throws -> ChangedPostmortems {
        let (oldSpec, newSpec) = try Self.splitRange(range)
        if let newSpec, Self.isZeroID(newSpec) { return ChangedPostmortems(files: [], allPaths: []) }
        if repository.isShallow { noteShallowHistory() }
        let end = try commit(newSpec ?? "HEAD")
        guard let oldSpec else { return try postmortems(changedBy: [end], at: end) }
        var hidden: [OID] = []
        var skipping: Set<OID> = []
        if Self.isZeroID(oldSpec) {
            for reference in try repository.references(matching: "refs/*") {
                let containsEnd = try repository.contains(end.id, in: reference.target)
                if repository.isBare || !containsEnd { hidden.append(reference.target) }
            }
        } else if let start = try startOfRange(oldSpec.isEmpty ? "HEAD" : oldSpec) {
            hidden.append(start)
        } else {
            skipping = Set(repository.shallowBoundary)
        }
        return try postmortems(changedFrom: end, hiding: hidden, skipping: skipping)
    }

    /// The postmortems added or modified by the commits reachable from `end` and not from any of `hidden`, with
    /// their content at `end`; the commits in `skipping` count as changing nothing.
    func postmortems(changedFrom end: Commit, hiding hidden: [OID], skipping: Set<OID> = []) throws
        -> ChangedPostmortems
    {
        let walk = try RevWalk(repository: repository, starts: [end.id], hiding: hidden)
        var commits: [Commit] = []
        for id in walk where !skipping.contains(id) { commits.append(try repository.commit(id)) }
        if let error = walk.error { throw StoreError(.failure, error.message) }
        return try postmortems(changedBy: commits, at: end)
    }

    private func postmortems(changedBy commits: [Commit], at end: Commit) throws -> ChangedPostmortems {
        var changed: Set<String> = []
        // Path at the end → path before the range, for the postmortems the range moved, oldest commit first.
        var renames: [String: String] = [:]
        for commit in commits.reversed() {
            let parent = try commit.parentIDs.first.map { try repository.commit($0) }
            let (paths, removesAny) = try changedPaths(from: parent, to: commit)
            changed.formUnion(paths)
            // Only a commit that removes a postmortem can move one; most do not, and pay nothing for the look.
            guard let parent, removesAny else { continue }
            for (new, old) in try repository.renames(from: parent.treeID, to: commit.treeID, under: configuration.directory)
            where isPostmortemPath(new) && isPostmortemPath(old) {
                renames[new] = renames.removeValue(forKey: old) ?? old
            }
        }
        let endPaths = try paths(at: .revision(end.id.hex))
        let files = try endPaths.filter(changed.contains).map { try file(at: $0, source: .revision(end.id.hex)) }
        return ChangedPostmortems(
            files: files, allPaths: endPaths, commit: end.id, renames: renames.filter { endPaths.contains($0.key) })
    }

    /// The commit a range starts from; nil when it lies beyond a shallow clone's boundary (an id that was never
    /// fetched, or `REV~n` past the boundary), where the range then runs down to the boundary.
    private func startOfRange(_ revision: String) throws -> OID? {
        do {
            return try commit(revision).id
        } catch let error as StoreError {
            guard repository.isShallow else { throw error }
            let base = String(revision.prefix { $0 != "~" && $0 != "^" })
            let isFullID = base.count == 40 && OID(hex: base) != nil
            // A name that does not exist is still an error; only history that was not fetched is let through. (A base
            // that cannot be read rethrows the first error, so `try?` only asks whether it exists.)
            if isFullID || (base != revision && (try? commit(base)) != nil) { return nil }
            throw error
        }
    }

    /// Paths under the postmortem folder whose blob differs between `old` (nil: nothing) and `new`, and whether a
    /// file of the folder is gone in `new`.
    private func changedPaths(from old: Commit?, to new: Commit) throws -> (paths: Set<String>, removesAny: Bool) {
        func folder(_ commit: Commit?) throws -> TreeEntry? {
            guard let commit else { return nil }
            return try repository.tree(commit.treeID).entry(atPath: configuration.directory)
        }
        let (oldFolder, newFolder) = (try folder(old), try folder(new))
        guard let newFolder, newFolder.kind == .tree else { return ([], false) }
        if let oldFolder, oldFolder.id == newFolder.id { return ([], false) }  // the folder is untouched
        var before: [String: OID] = [:]
        if let old {
            for entry in try repository.tree(old.treeID).files(under: configuration.directory) { before[entry.path] = entry.id }
        }
        let after = try repository.tree(new.treeID).files(under: configuration.directory)
        let kept = Set(after.map(\.path))
        return (Set(after.filter { before[$0.path] != $0.id }.map(\.path)), before.keys.contains { !kept.contains($0) })
    }

    /// True for a path (relative to the root) that pm reads as a postmortem: a `*.md` below the folder, not a
    /// README or index, with no hidden (`.`) or set-aside (`_`) folder on the way.
    public func isPostmortemPath(_ path: String) -> Bool {
        PostmortemFile.isPostmortemPath(path, inFolder: configuration.directory)
    }

    /// Splits `A..B` into its sides (nil old side for a single revision).
    static func splitRange(_ range: String) throws -> (old: String?, new: String?) {
        if range.contains("...") {
            throw StoreError(.notFound, "'\(range)': symmetric ranges (A...B) are not supported; use A..B")
        }
        guard let separator = range.range(of: "..") else {
            guard !range.isEmpty else { throw StoreError(.notFound, "an empty revision range names no commits") }
            return (nil, range)
        }
        let old = String(range[..<separator.lowerBound])
        let new = String(range[separator.upperBound...])
        return (old, new.isEmpty ? "HEAD" : new)
    }

    /// True for git's all-zero id, which hooks use for a branch that does not exist yet (or any more).
    static func isZeroID(_ text: String) -> Bool {
        text.count >= 7 && text.allSatisfy { $0 == "0" }
    }
}
