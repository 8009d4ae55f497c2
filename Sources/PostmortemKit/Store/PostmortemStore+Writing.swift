import Foundation
import Git

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    ///
    /// Another live pm holding it makes this one wait (with a notice through `notify`); one that died never does.
    /// What a writer killed in the middle of a commit left in git's lock files is removed first (see
    /// `CommitJournal`).
    public func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        let lock = try WriteLock(path: writeLockPath) {
            notify("waiting for another pm that is writing to this repository (\(writeLockPath))")
        }
        return try withExtendedLifetime(lock) {
            for removed in journal.recover() {
                notify("removed \(removed), left by a pm that was killed while it committed")
            }
            removeTemporaryFiles()
            return try body()
        }
    }

    var writeLockPath: String { repository.commonDirectory + "/pm/write.lock" }
    private var journal: CommitJournal { CommitJournal(path: writeLockPath) }

    /// Where working-tree files are written before being renamed into place: in the git folder, so that a pm killed
    /// in between leaves no stray file in the postmortem folder for `git status` to show and `git add -A` to commit.
    var temporaryFolder: String { repository.commonDirectory + "/pm/tmp" }

    /// Removes the temporary files of writers that died (each name carries its writer's process id).
    private func removeTemporaryFiles() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporaryFolder) else { return }
        for name in names {
            guard let pid = name.split(separator: ".").first.flatMap({ pid_t($0) }), pid != getpid(),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            unlink(temporaryFolder + "/" + name)
        }
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

    /// Refuses a postmortem that pm must not rewrite: a symbolic link (pm never writes through a link) or
    /// anything but a regular file.
    public func requireRegularFile(_ path: String) throws {
        let root = try requireWorkingDirectory(for: "changing \(path)")
        var status = stat()
        guard lstat(root + "/" + path, &status) == 0 else {
            throw StoreError(.notFound, "\(path) does not exist in the working tree")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError(
                .refused,
                "\(path) is a symbolic link or not a regular file; pm does not write through links. Change the file it points to and commit it with git"
            )
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

    /// Writes `bytes` to the working-tree file atomically: a temporary file in the same folder, fsync, rename,
    /// fsync of the folder. Keeps an existing file's permissions; refuses paths that leave the working tree
    /// and symbolic links (pm never writes through a link).
    public func writeWorkingTreeFile(_ path: String, bytes: [UInt8]) throws {
        let root = try requireWorkingDirectory(for: "writing a postmortem")
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !components.isEmpty,
            !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0 == ".git" }),
            !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw StoreError(.refused, "refusing to write '\(path)': not a plain path inside the working tree")
        }
        let target = root + "/" + path
        let folder = (target as NSString).deletingLastPathComponent
        // The nearest folder that exists is checked before any is made: making the missing ones first would
        // leave folders outside the repository when a link leads there, even though the write is then refused.
        var existing = folder
        while existing.count > root.count, !FileManager.default.fileExists(atPath: existing) {
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard PostmortemStore.isInside(root: root, path: existing) || existing == root else {
            throw StoreError(
                .refused, "refusing to write \(path): its folder leads outside the repository through a symbolic link")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.failure, "cannot create the folder for \(path): \(error.localizedDescription)")
        }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let realFolder = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard realFolder == realRoot || realFolder.hasPrefix(realRoot + "/") else {
            throw StoreError(
                .refused, "refusing to write \(path): its folder leads outside the repository through a symbolic link")
        }
        var status = stat()
        var mode: mode_t = 0o644
        if lstat(target, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFREG else {
                throw StoreError(.refused, "refusing to write \(path): it is a symbolic link or not a regular file")
            }
            mode = status.st_mode & 0o7777
        }
        // The temporary file goes to the git folder when it is on the same file system (rename cannot cross one);
        // next to the target otherwise.
        let name = "\(getpid()).\((path as NSString).lastPathComponent).tmp"
        if (try? FileManager.default.createDirectory(atPath: temporaryFolder, withIntermediateDirectories: true)) != nil,
            AtomicFile.sameFileSystem(temporaryFolder, folder)
        {
            try AtomicFile.replace(
                target, with: [bytes], temporary: temporaryFolder + "/" + name, mode: mode, displayPath: path)
        } else {
            try AtomicFile.replace(target, with: [bytes], temporary: folder + "/." + name, mode: mode, displayPath: path)
        }
    }

    /// Commits the working tree's version of `paths`, and nothing else, on the current branch, like
    /// `git commit -- <paths>`: the new tree is HEAD's tree with those files replaced, the branch moves by
    /// compare-and-swap (rebuilt on the new tip if another process moved it, unless that process changed
    /// the same files), and the index entries for the paths are set to the committed blobs while every other
    /// staged change stays as it was.
    ///
    /// - Parameter expecting: the blob each path had at HEAD when the caller read it (nil: absent); when HEAD
    ///   holds something else by now, another commit changed the file and nothing is committed.
    /// - Returns: nil when the files are unchanged from HEAD. Call inside `withWriteLock`.
    public func commitWorkingTreeFiles(_ paths: [String], message: String, expecting: [OID?]? = nil) throws -> CommitResult? {
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
        // Like `git commit -- <path>`: the executable bit comes from the file, unless core.filemode is false.
        let fileModeTracked = (try? repository.configuration().string("core.filemode"))??.lowercased() != "false"
        let workingModes: [FileMode?] = paths.map { path in
            var status = stat()
            guard fileModeTracked, lstat(root + "/" + path, &status) == 0 else { return nil }
            return status.st_mode & 0o111 != 0 ? .executable : .blob
        }
        let described = paths.joined(separator: " ")
        let summary = message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? message
        defer { journal.clear() }
        do {
            let blobs = try paths.map { try repository.writeBlob(fromWorkingTreePath: $0) }
            var expected = expecting
            // The index entries as they were before pm staged its version, restored if nothing is committed.
            var unstaged: [IndexEntry?]?
            var indexWarning: String?
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
                        guard let entry = try tree.entry(atPath: path) else { continue }
                        guard entry.isRegularFile else {
                            throw StoreError(
                                .refused,
                                "\(path) is not a regular file in HEAD (a link, folder or submodule); pm will not replace it")
                        }
                        current[position] = entry.id
                        modes[position] = FileMode(rawValue: entry.mode) ?? .blob
                    }
                }
                let headModes = modes
                for (position, mode) in workingModes.enumerated() { if let mode { modes[position] = mode } }
                if current == blobs.map({ Optional($0) }), modes == headModes {
                    _ = try updateIndex(paths, blobs: blobs, modes: modes)
                    return nil
                }
                if let expected, expected != current {
                    if let unstaged { restoreIndex(paths, to: unstaged) }
                    throw StoreError(
                        .conflict,
                        "\(described) changed in another commit while pm was working; your version is still in the working tree. Look at 'git log -- \(described)', then run pm again"
                    )
                }
                expected = current
                let updates = zip(paths, zip(blobs, modes)).map { Repository.TreeUpdate.upsert(path: $0, blob: $1.0, mode: $1.1) }
                let tree = try repository.writeTree(base: baseTree, applying: updates)
                let commit = try repository.writeCommit(
                    tree: tree, parents: parent.map { [$0] } ?? [], author: author, committer: committer,
                    message: message.hasSuffix("\n") ? message : message + "\n")
                // The index is written before the branch moves. A pm killed between the two then leaves the file
                // staged for a commit that did not happen (which 'git commit' or the next pm completes); the other
                // way round it left a committed postmortem staged for deletion, which the user's next 'git commit'
                // would have committed.
                if unstaged == nil {
                    let index = try? repository.index()
                    unstaged = paths.map { index?.entry(atPath: $0) }
                    journal.record(.index(lockPath: repository.gitDirectory + "/index.lock"))
                    indexWarning = try updateIndex(paths, blobs: blobs, modes: modes)
                }
                journal.record(.reference(lockPath: repository.commonDirectory + "/" + branch + ".lock", commit: commit.hex))
                do {
                    try repository.updateReference(
                        branch, to: commit, expecting: parent,
                        message: "\(parent == nil ? "commit (initial)" : "commit"): \(summary)")
                } catch let error as GitError where error.isConcurrentModification {
                    usleep(UInt32(1000 * min(50, 1 << min(attempt, 6))))
                    continue
                }
                return CommitResult(
                    commit: commit, branch: branch, paths: paths, message: summary, indexWarning: indexWarning)
            }
            if let unstaged { restoreIndex(paths, to: unstaged) }
            throw StoreError(
                .conflict,
                "the branch kept moving while pm tried to commit \(described); nothing was committed and your files are untouched. Try again"
            )
        } catch let error as GitError {
            throw StoreError(.failure, "cannot commit \(described): \(error.message)")
        }
    }

    /// Sets the index entries of `paths` to the committed blobs, with stat data when the working-tree file still
    /// holds exactly that blob (so `git status` is clean without re-reading it). Retries while another git
    /// process holds `index.lock`, and returns a warning if it never could.
    private func updateIndex(_ paths: [String], blobs: [OID], modes: [FileMode]) throws -> String? {
        var lastError = ""
        for attempt in 0..<40 {
            do {
                let index = try repository.index()
                for (path, (blob, mode)) in zip(paths, zip(blobs, modes)) {
                    try index.addFromWorkingTree(path)
                    if index.entry(atPath: path)?.id != blob || index.entry(atPath: path)?.mode != mode.rawValue {
                        try index.setEntry(path: path, blob: blob, mode: mode)
                    }
                }
                try index.write()
                return nil
            } catch let error as GitError where error.isLocked {
                lastError = error.message
                usleep(UInt32(5000 * min(attempt + 1, 10)))
            }
        }
        let list = paths.joined(separator: " ")
        return
            "committed, but git's index could not be updated (\(lastError)); 'git status' may show \(list) as changed until you run 'git reset -q -- \(list)'"
    }

    /// Puts back the index entries pm staged for a commit that did not happen (best effort: pm is failing anyway).
    private func restoreIndex(_ paths: [String], to entries: [IndexEntry?]) {
        guard let index = try? repository.index() else { return }
        for (path, entry) in zip(paths, entries) {
            if let entry, let mode = FileMode(rawValue: entry.mode) {
                try? index.setEntry(path: path, blob: entry.id, mode: mode)
            } else {
                try? index.remove(path)
            }
        }
        try? index.write()
    }

    /// Picks a path for a new postmortem with id `base`, adding `-2`, `-3`, … while a postmortem with that id
    /// exists at HEAD or in the working tree (in any sub-folder), or any file has that name.
    /// Call inside `withWriteLock`, then write the file before releasing it.
    public func availablePath(forID base: String) throws -> (id: String, path: String) {
        let root = try requireWorkingDirectory(for: "creating a postmortem")
        var taken = Set(try paths(at: .workingTree).map(PostmortemFile.id(ofPath:)))
        if try repository.head().commit != nil {
            taken.formUnion(try paths(at: .revision("HEAD")).map(PostmortemFile.id(ofPath:)))
        }
        var suffix = 1
        while true {
            let id = suffix == 1 ? base : "\(base)-\(suffix)"
            let path = "\(configuration.directory)/\(id).md"
            var status = stat()
            if !taken.contains(id), lstat(root + "/" + path, &status) != 0 {
                return (id, path)
            }
            suffix += 1
        }
    }
}
