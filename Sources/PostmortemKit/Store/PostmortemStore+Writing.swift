import Foundation
import Git

/// What a commit made by pm produced.
public struct CommitResult: Sendable {
    public let commit: OID
    public let branch: String
    public let paths: [String]
    public let message: String
    /// Set when the commit landed but git's index could not be updated (another git held `index.lock`).
    public let indexWarning: String?
}

extension PostmortemStore {
    /// Runs `body` while holding pm's write lock (`<git-common-dir>/pm/write.lock`), serialising pm writers.
    public func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        let lock = try WriteLock(path: repository.commonDirectory + "/pm/write.lock")
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }

    /// Refuses to write where git would not commit: bare repository, detached HEAD, merge/rebase in progress.
    /// Returns the working tree's root and the branch's full name.
    public func checkWritable(for action: String) throws -> (root: String, branch: String) {
        let root = try requireWorkingDirectory(for: action)
        switch repository.state {
        case .none: break
        case .merge:
            throw StoreError(
                .refused,
                "a merge is in progress; finish it with 'git commit' or abort it with 'git merge --abort', then run pm again")
        case .rebase:
            throw StoreError(
                .refused,
                "a rebase is in progress; finish it with 'git rebase --continue' or abort it with 'git rebase --abort', then run pm again"
            )
        case .cherryPick:
            throw StoreError(
                .refused, "a cherry-pick is in progress; finish it or run 'git cherry-pick --abort', then run pm again")
        case .revert:
            throw StoreError(.refused, "a revert is in progress; finish it or run 'git revert --abort', then run pm again")
        case .applyMailbox:
            throw StoreError(.refused, "'git am' is in progress; finish it or run 'git am --abort', then run pm again")
        case .bisect:
            throw StoreError(.refused, "a bisect is in progress; run 'git bisect reset' first, then run pm again")
        }
        let head: Repository.Head
        do {
            head = try repository.head()
        } catch let error as GitError {
            throw StoreError(.failure, "cannot read HEAD: \(error.message)")
        }
        switch head {
        case .detached(let commit):
            throw StoreError(
                .refused,
                "HEAD is detached at \(commit.short); pm commits to a branch. Switch to one first ('git switch <branch>'), then run pm again"
            )
        case .branch(let name, _):
            return (root, name)
        }
    }

    /// The blob of `path` in HEAD's tree; nil when absent or when the branch has no commit yet.
    public func headBlob(of path: String) throws -> OID? {
        guard let head = try repository.head().commit else { return nil }
        let tree = try repository.tree(try repository.commit(head).treeID)
        guard let entry = try tree.entry(atPath: path), entry.kind == .blob else { return nil }
        return entry.id
    }

    /// True when the working-tree file differs from HEAD's version (including: exists only on one side).
    public func hasUncommittedChanges(_ path: String) throws -> Bool {
        try repository.hashWorkingTreeFile(path) != headBlob(of: path)
    }

    /// Writes `bytes` to the working-tree file atomically (temporary file, fsync, rename), creating folders.
    public func writeWorkingTreeFile(_ path: String, bytes: [UInt8]) throws {
        let root = try requireWorkingDirectory(for: "writing a postmortem")
        let target = URL(fileURLWithPath: root + "/" + path)
        let folder = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(
                ".\(target.lastPathComponent).pm-\(ProcessInfo.processInfo.processIdentifier).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
                throw StoreError(.failure, "cannot write \(path): the folder is not writable")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, target.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw StoreError(.failure, "cannot write \(path): \(reason)")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.failure, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Commits the working tree's version of `paths`, and nothing else, on the current branch, like
    /// `git commit -- <paths>`: the new tree is HEAD's tree with those files replaced, the branch moves by
    /// compare-and-swap (rebuilt on the new tip if another process moved it, unless that process changed
    /// the same files), and the index entries for the paths are updated to match while every other staged
    /// change stays as it was.
    ///
    /// Returns nil when the files are unchanged from HEAD. Call inside `withWriteLock`.
    public func commitWorkingTreeFiles(_ paths: [String], message: String) throws -> CommitResult? {
        let (root, branch) = try checkWritable(for: "committing a postmortem")
        for path in paths where !FileManager.default.fileExists(atPath: root + "/" + path) {
            throw StoreError(.notFound, "\(path) does not exist in the working tree")
        }
        let author: Signature
        let committer: Signature
        do {
            author = try repository.signature(for: .author)
            committer = try repository.signature(for: .committer)
        } catch let error as GitError {
            throw StoreError(.refused, error.message)
        }
        let described = paths.joined(separator: ", ")
        do {
            let blobs = try paths.map { try repository.writeBlob(fromWorkingTreePath: $0) }
            var expected: [OID?]?  // what HEAD held at the first attempt; a retry must see the same
            for attempt in 0..<50 {
                let parent = try repository.referenceTarget(branch)
                var baseTree: OID?
                var current: [OID?] = Array(repeating: nil, count: paths.count)
                var modes: [FileMode] = Array(repeating: .blob, count: paths.count)
                if let parent {
                    let commit = try repository.commit(parent)
                    baseTree = commit.treeID
                    let tree = try repository.tree(commit.treeID)
                    for (position, path) in paths.enumerated() {
                        if let entry = try tree.entry(atPath: path), entry.kind == .blob {
                            current[position] = entry.id
                            if entry.mode == FileMode.executable.rawValue { modes[position] = .executable }
                        }
                    }
                }
                if current == blobs.map({ Optional($0) }) {
                    _ = try updateIndexRetrying(paths)
                    return nil
                }
                if let expected, expected != current {
                    throw StoreError(
                        .conflict,
                        "\(described) changed in another commit while pm was committing; your version is still in the working tree. Look at 'git log -- \(described)', then run pm again"
                    )
                }
                expected = current
                let updates = zip(paths, zip(blobs, modes)).map { Repository.TreeUpdate.upsert(path: $0, blob: $1.0, mode: $1.1) }
                let tree = try repository.writeTree(base: baseTree, applying: updates)
                let commit = try repository.writeCommit(
                    tree: tree, parents: parent.map { [$0] } ?? [], author: author, committer: committer,
                    message: message.hasSuffix("\n") ? message : message + "\n")
                do {
                    try repository.updateReference(
                        branch, to: commit, expecting: parent,
                        message: "\(parent == nil ? "commit (initial)" : "commit"): \(message)")
                } catch let error as GitError where error.isConcurrentModification {
                    usleep(UInt32(1000 * min(50, 1 << min(attempt, 6))))
                    continue
                }
                return CommitResult(
                    commit: commit, branch: branch, paths: paths, message: message, indexWarning: try updateIndexRetrying(paths))
            }
            throw StoreError(
                .conflict,
                "the branch kept moving while pm tried to commit \(described); nothing was committed and your files are untouched. Try again"
            )
        } catch let error as GitError {
            throw StoreError(.failure, "cannot commit \(described): \(error.message)")
        }
    }

    private func updateIndex(_ paths: [String]) throws {
        let index = try repository.index()
        for path in paths { try index.addFromWorkingTree(path) }
        try index.write()
    }

    /// Updates the index entry; retries while git holds `index.lock`, and returns a warning if it never could.
    private func updateIndexRetrying(_ paths: [String]) throws -> String? {
        var lastError = ""
        for attempt in 0..<40 {
            do {
                try updateIndex(paths)
                return nil
            } catch let error as GitError {
                lastError = error.message
                usleep(UInt32(5000 * min(attempt + 1, 10)))
            }
        }
        return
            "committed, but git's index could not be updated (\(lastError)); 'git status' may show \(paths.joined(separator: " ")) as changed until you run 'git reset -q -- \(paths.joined(separator: " "))'"
    }

    /// Picks a path for a new postmortem with id `base`, adding `-2`, `-3`, … while a file of that name exists
    /// at HEAD or in the working tree. Call inside `withWriteLock`, then write the file before releasing it.
    public func availablePath(forID base: String) throws -> (id: String, path: String) {
        let root = try requireWorkingDirectory(for: "creating a postmortem")
        let existing = Set(try files(at: .workingTree).map(\.id))
        let committed: Set<String>
        if (try? repository.head().commit) ?? nil != nil {
            committed = Set(try files(at: .revision("HEAD")).map(\.id))
        } else {
            committed = []
        }
        var suffix = 1
        while true {
            let id = suffix == 1 ? base : "\(base)-\(suffix)"
            let path = "\(configuration.directory)/\(id).md"
            if !existing.contains(id), !committed.contains(id), !FileManager.default.fileExists(atPath: root + "/" + path) {
                return (id, path)
            }
            suffix += 1
        }
    }
}
