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
    let paths: [String]
    public let message: String
}

/// One file of a commit pm makes, and how it gets its new content.
public struct FileCommit: Sendable {
    public enum Content: Sendable {
        /// The file as it is in the working tree (`pm init`).
        case workingTree
        /// The file as it is in the working tree, which must still hold exactly these bytes: the ones the checks
        /// passed (`pm edit`, `pm new` after the editor). A save after the check is refused, never committed unseen.
        case checked([UInt8])
        /// New content for a file that must still hold `expected` when pm replaces it (`pm status`).
        case replacing(expected: [UInt8], with: [UInt8])
        /// A new file; nothing may be at the path (`pm init`).
        case new([UInt8])
        /// No file: the path leaves the tree and git's index, and the working-tree file, when it is still there
        /// holding what HEAD holds, is deleted once the branch has moved (`pm mv`, `pm import`: a removal beside a
        /// `.new` is a rename). A file with changes of its own, staged or not, is refused, never deleted; one already
        /// gone (`git mv`, `git rm`) is fine.
        case removed

        /// What the working-tree file holds once pm has done its part, when pm knows it (nil: the file as it is, or
        /// none).
        var bytes: [UInt8]? {
            switch self {
            case .workingTree, .removed: return nil
            case .checked(let bytes), .new(let bytes), .replacing(_, let bytes): return bytes
            }
        }
    }

    public let path: String
    let content: Content
    /// The blob HEAD must hold at the path for the commit to go ahead (nil inside: no file); nil: any.
    let base: OID??

    public init(path: String, content: Content, base: OID?? = nil) {
        self.path = path
        self.content = content
        self.base = base
    }
}

extension PostmortemStore {
    // MARK: - The write path
    //
    // Every change pm makes to a repository goes through `commit(_:message:)` (or `createPostmortem`, which uses it),
    // in this order:
    //   1. pm's write lock (`<git-common-dir>/pm/write.lock`, flock): one pm writer at a time; the journal of a writer
    //      that died is replayed first (see `CommitJournal`);
    //   2. git's `index.lock`, created the way git does and held to the end, as `git commit` holds it: no git
    //      command changes the index meanwhile (pm waits for a git that holds it, then refuses, changing nothing);
    //   3. checks against the index and HEAD: no conflicts, no staged change pm would drop, HEAD still holding what
    //      the caller read;
    //   4. the working-tree files (compare-and-swap on their content), the blobs (git's filters applied), the new
    //      index in a file of its own, the commit;
    //   5. the new index renamed into place (a link keeps the old one), still under `index.lock`;
    //   6. the branch, by compare-and-swap (rebuilt on a new tip when another process moved it), then `index.lock`
    //      removed.
    // A failure before the branch moves puts the old index back, undoes step 4's working-tree writes, and leaves
    // the branch as it was.

    /// Runs `body` while holding pm's write lock (`<git-common-dir>/pm/write.lock`), serialising pm writers.
    ///
    /// Another live pm holding it makes this one wait (with a notice through `notify`); one that died never does.
    /// What a writer that was killed left is finished or undone first (see `CommitJournal`), and so are the drafts
    /// of `pm new`s that died with their editor open.
    public func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        let lock = try WriteLock(path: writeLockPath) {
            notify("waiting for another pm that is writing to this repository (\(writeLockPath))")
        }
        return try withExtendedLifetime(lock) {
            recoverJournal()
            for note in try drafts.recover(store: self) { notify(note) }
            removeTemporaryFiles()
            return try body()
        }
    }

    var writeLockPath: String { pmFolder + "/write.lock" }
    /// This worktree's journal and drafts: their paths and branches are a worktree's own, so only a writer in the
    /// same worktree may settle them.
    var journal: CommitJournal { CommitJournal(path: pmFolder + "/journal" + worktreeSuffix) }
    var drafts: DraftRegistry { DraftRegistry(path: pmFolder + "/drafts" + worktreeSuffix) }

    /// Empty for the main worktree; `-<name>` for a linked one (`.git/worktrees/<name>`).
    private var worktreeSuffix: String {
        repository.gitDirectory == repository.commonDirectory
            ? "" : "-" + (repository.gitDirectory as NSString).lastPathComponent
    }

    /// Where working-tree files are written before being renamed into place: in the git folder, so that a pm killed
    /// in between leaves no stray file in the postmortem folder for `git status` to show and `git add -A` to commit.
    var temporaryFolder: String { pmFolder + "/tmp" }

    /// How long pm waits for a git that holds the index lock before it gives up (`PM_LOCK_TIMEOUT`, seconds;
    /// 10 when unset); a value that is not a number of seconds is an error, never silently the default.
    static func indexLockTimeout() throws -> Double {
        guard let text = ProcessInfo.processInfo.environment["PM_LOCK_TIMEOUT"], !text.isEmpty else { return 10 }
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
            throw StoreError(
                .refused,
                "PM_LOCK_TIMEOUT='\(text)' is not a number of seconds; set it to one (e.g. PM_LOCK_TIMEOUT=30) or unset it for 10"
            )
        }
        return seconds
    }

    /// Removes the temporary files of writers that died (each name carries its writer's process id): working-tree
    /// files in `.git/pm/tmp`, and the lock candidates and staged indexes (`index.pm-<pid>…`) beside git's index.
    /// Housekeeping: a folder that cannot be listed leaves its litter for the next writer, and changes nothing else.
    private func removeTemporaryFiles() {
        func isDead(_ pid: pid_t?) -> Bool {
            guard let pid, pid != getpid() else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: temporaryFolder) {
            for name in names where isDead(name.split(separator: ".").first.flatMap { pid_t($0) }) {
                unlink(temporaryFolder + "/" + name)
            }
        }
        guard let indexPath = try? repository.indexPath() else { return }
        let folder = (indexPath as NSString).deletingLastPathComponent
        let prefix = (indexPath as NSString).lastPathComponent + ".pm-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            let pid = name.dropFirst(prefix.count).split(separator: ".").first.flatMap { pid_t($0) }
            if isDead(pid) { unlink(folder + "/" + name) }
        }
    }

    /// Finishes or undoes what the journal says a killed writer was doing (see `CommitJournal`).
    ///
    /// Best effort, with `try?` where it reads the branch or HEAD: recovery must not stop every later write, and a
    /// read that fails (a damaged reference) counts as "not landed, not committed", which only puts git's index back
    /// and removes working-tree files that still hold exactly what the dead writer wrote (kept in its commit when it
    /// landed): nobody's edit is lost. The write that follows reads the same references and fails on them clearly.
    private func recoverJournal() {
        let entries = journal.read()
        defer { journal.clear() }
        guard entries.lock != nil || !entries.created.isEmpty || entries.reference != nil else { return }
        var landed = false
        var branchTip: OID?
        if let reference = entries.reference {
            // The branch is named by its lock file: `<common dir>/<ref>.lock`.
            let prefix = repository.commonDirectory + "/"
            if reference.lockPath.hasPrefix(prefix), reference.lockPath.hasSuffix(".lock") {
                let branch = String(reference.lockPath.dropFirst(prefix.count).dropLast(".lock".count))
                branchTip = try? repository.referenceTarget(branch)
            }
            // Landed: the branch holds the commit, even if it has moved on since.
            if let tip = branchTip {
                landed = tip == reference.commit || ((try? repository.contains(reference.commit, in: tip)) ?? false)
            }
            if isDeadWritersBranchLock(reference.lockPath, commit: reference.commit), unlink(reference.lockPath) == 0 {
                notify("removed \(reference.lockPath), left by a pm that was killed while it committed")
            }
        }
        if let lock = entries.lock {
            if FileIdentity(path: lock.lockPath) == lock.identity {
                if IndexLock.recover(
                    lockPath: lock.lockPath, identity: lock.identity, stagedPath: lock.stagedPath, landed: landed)
                {
                    notify(
                        landed
                            ? "finished updating git's index for the commit of a pm that was killed, and removed \(lock.lockPath)"
                            : "removed \(lock.lockPath), left by a pm that was killed while it committed")
                }
            } else {
                _ = IndexLock.recover(
                    lockPath: lock.lockPath, identity: lock.identity, stagedPath: lock.stagedPath, landed: landed)
                // Someone removed the dead writer's lock by hand: its index was never installed. The committed
                // files are staged again, so git's index agrees with the branch that holds them.
                if landed, let commit = entries.reference?.commit, !entries.paths.isEmpty {
                    restage(entries.paths, from: commit)
                }
            }
        }
        guard let root = repository.workingDirectory else { return }
        let headTree = (try? repository.head().commit).flatMap { $0 }.flatMap {
            try? repository.tree(repository.commit($0).treeID)
        }
        for created in entries.created {
            let committed = (try? headTree?.entry(atPath: created.path))??.id
            guard committed == nil,
                let bytes = FileManager.default.contents(atPath: root + "/" + created.path),
                (try? Repository.blobID(of: [UInt8](bytes))) == created.blob
            else { continue }
            if unlink(root + "/" + created.path) == 0 {
                notify("removed \(created.path), written by a pm that was killed before it could commit it")
            }
        }
    }

    /// True when the branch lock at `path` is the one libgit2 took for a writer that died inside its branch update
    /// (the journal's last line), never a live git's. libgit2 creates the file, writes the new id into it and renames
    /// it into place within a moment: a lock holding exactly the dead writer's new (unique) commit is its own; an
    /// empty one is, when it was made after the journal noted the update and stays empty and the same file for a
    /// tenth of a second (a git writes the id right after creating its lock).
    private func isDeadWritersBranchLock(_ path: String, commit: OID) -> Bool {
        guard let content = FileManager.default.contents(atPath: path) else { return false }
        if String(decoding: content, as: UTF8.self) == commit.hex + "\n" { return true }
        guard content.isEmpty, let lock = FileStatus(path: path), let noted = FileStatus(path: journal.path),
            (lock.modificationSeconds, lock.modificationNanoseconds) >= (noted.modificationSeconds, noted.modificationNanoseconds)
        else { return false }
        usleep(100_000)
        return FileStatus(path: path) == lock && FileManager.default.contents(atPath: path)?.isEmpty == true
    }

    /// Sets the index entries of `paths` to their blobs in `commit` (without stat data: git re-reads the files),
    /// under git's index lock; when a git holds it, says what to run instead.
    private func restage(_ paths: [String], from commit: OID) {
        let list = paths.joined(separator: " ")
        do {
            guard case .acquired(let lock) = try IndexLock.tryAcquire(indexPath: try repository.indexPath(), record: { _ in })
            else {
                notify(
                    "a pm that was killed committed \(list) in \(commit.short) but could not update git's index; run 'git reset -q -- \(list)' once the running git has finished"
                )
                return
            }
            let index = try lock.openStaged()
            let tree = try repository.tree(try repository.commit(commit).treeID)
            for path in paths {
                guard let entry = try tree.entry(atPath: path), let mode = FileMode(rawValue: entry.mode) else {
                    // A path the commit removed.
                    try index.remove(path)
                    continue
                }
                try index.setEntry(path: path, blob: entry.id, mode: mode, status: nil)
            }
            try lock.writeStaged(index)
            for path in paths { journal.recordPath(path) }
            try lock.install()
            notify("staged \(list) as committed in \(commit.short) by a pm that was killed before it could update git's index")
        } catch {
            notify(
                "a pm that was killed committed \(list) in \(commit.short) but could not update git's index; run 'git reset -q -- \(list)'"
            )
        }
    }

    /// Takes git's index lock, waiting (with one notice) while another git holds it, and refusing after
    /// `indexLockTimeout` seconds. Call inside `withWriteLock`; the journal notes the lock.
    func acquireIndexLock() throws -> IndexLock {
        let indexPath: String
        do {
            indexPath = try repository.indexPath()
        } catch let error as GitError {
            throw StoreError(.failure, "cannot find git's index: \(error.message)")
        }
        let timeout = try Self.indexLockTimeout()
        let deadline = Date().addingTimeInterval(timeout)
        var announced = false
        while true {
            let attempt: IndexLock.Attempt
            do {
                attempt = try IndexLock.tryAcquire(indexPath: indexPath) { journal.recordLock($0) }
            } catch let error as GitError {
                throw StoreError(.failure, "cannot lock git's index: \(error.message)")
            }
            switch attempt {
            case .acquired(let lock):
                return lock
            case .busy:
                // Nothing else is in the journal yet: the lock it noted is not pm's.
                journal.clear()
                guard Date() < deadline else {
                    throw StoreError(
                        .refused,
                        "git's index is locked by another git process (\(indexPath).lock exists), so pm changed nothing. Run pm again once that git has finished (a 'git commit' may be waiting for its editor). If no git is running, a git that crashed left the lock: remove it ('rm \(indexPath).lock') and run pm again"
                    )
                }
                if !announced {
                    announced = true
                    notify(
                        "waiting for another git process that holds \(indexPath).lock (a 'git commit' waiting for its editor?); giving up after \(String(format: "%g", timeout)) s"
                    )
                }
                usleep(20_000)
            }
        }
    }

    /// Commits `files`, and nothing else, on the current branch, like `git commit -- <paths>` with git's own locks:
    /// the new tree is HEAD's tree with those files replaced; the branch moves by compare-and-swap; the index entries
    /// of the paths are set to the committed blobs while every other staged change stays as it was. See the write
    /// path's steps above.
    ///
    /// Refuses (and changes nothing) when HEAD no longer holds a file's `base`, when the index holds a staged
    /// version of a file that is neither HEAD's nor the one being committed (pm would drop it), when the index has
    /// conflicts, and when a file to replace changed on disk. Returns nil when the files are as HEAD has them.
    public func commit(_ files: [FileCommit], message: String) throws -> CommitResult? {
        try withWriteLock { try commitHoldingWriteLock(files, message: message) }
    }

    /// `commit`, for a caller that holds the write lock.
    func commitHoldingWriteLock(_ files: [FileCommit], message: String) throws -> CommitResult? {
        // Fail early, before waiting for git's lock, when the commit cannot happen anyway.
        _ = try checkWritable(for: "committing a postmortem")
        let author: Signature
        let committer: Signature
        do {
            author = try repository.signature(for: .author)
            committer = try repository.signature(for: .committer)
        } catch let error as GitError {
            throw StoreError(.refused, error.message)
        }
        let paths = files.map(\.path)
        let described = paths.joined(separator: " ")
        let lock = try acquireIndexLock()
        defer {
            lock.release()
            journal.clear()
        }
        // Once git's index is pm's, HEAD and the repository's state cannot change under a git that needs the index
        // (a switch, a rebase starting): read them again, as `git commit` reads them only once it holds the lock.
        let (root, branch) = try checkWritable(for: "committing a postmortem")
        // Working-tree writes to undo when the commit does not happen.
        var undo: [() -> Void] = []
        var committed = false
        defer { if !committed { undo.reversed().forEach { $0() } } }
        do {
            let index = try lock.openStaged()
            if index.hasConflicts {
                throw StoreError(
                    .refused,
                    "git's index has unmerged paths (a merge, 'git stash pop' or cherry-pick left conflicts); resolve them and 'git add' the result, then run pm again"
                )
            }
            let parent = try repository.referenceTarget(branch)
            let headEntries = try entries(of: paths, at: parent)
            // What git stores for the bytes pm knows, through the filters once (a git-crypt or redacting driver is a
            // process per run): the working-tree version otherwise.
            let stored = try files.map { file in try file.content.bytes.map { try repository.clean($0, forPath: file.path) } }
            // A file moved by hand ('git mv old new', then pm commits new and removes old) has the old version
            // staged at its new path: that version is HEAD's at the old path, and nothing of it is lost.
            let removedVersions = Set(
                zip(files, headEntries).compactMap { file, head -> OID? in
                    if case .removed = file.content { return head?.id }
                    return nil
                })
            for (file, (head, cleaned)) in zip(files, zip(headEntries, stored)) {
                if let base = file.base, base != head?.id { throw changedMeanwhile(file.path) }
                if case .removed = file.content { try checkRemovable(file.path, head: head?.id) }
                let staged = index.entry(atPath: file.path)
                guard staged.map({ !removedVersions.contains($0.id) }) ?? true else { continue }
                try checkStaged(file, staged: staged, head: head?.id, committing: try cleaned.map(Repository.blobID(of:)))
            }
            // The working tree.
            for file in files {
                switch file.content {
                case .workingTree:
                    guard FileManager.default.fileExists(atPath: root + "/" + file.path) else {
                        throw StoreError(.notFound, "\(file.path) does not exist in the working tree")
                    }
                case .checked(let bytes):
                    guard FileManager.default.contents(atPath: root + "/" + file.path).map({ [UInt8]($0) }) == bytes else {
                        throw StoreError(
                            .conflict,
                            "\(file.path) changed on disk after pm checked it; nothing was committed and the file is as you left it. Run pm again to check and commit it"
                        )
                    }
                case .replacing(let expected, let replacement):
                    try replaceWorkingTreeFile(file.path, expected: expected, with: replacement)
                    // Undoing runs after a failure, which is what is reported; a file changed since is left as it is.
                    undo.append { [self] in _ = try? replaceWorkingTreeFile(file.path, expected: replacement, with: expected) }
                case .new(let bytes):
                    journal.recordCreated(path: file.path, blob: try Repository.blobID(of: bytes))
                    let blob = try writeNewWorkingTreeFile(file.path, bytes: bytes)
                    undo.append { [self] in removeIfUnchanged(file.path, blob: blob) }
                case .removed:
                    // Deleted only once the branch has moved: a pm killed before that leaves the file where it was.
                    break
                }
            }
            // Blobs, modes, and the index to install once the branch has moved.
            // From the bytes pm wrote, not from the disk: a save that lands after pm's write stays the user's edit,
            // uncommitted, instead of slipping into pm's commit.
            // nil for a path the commit removes.
            let blobs = try zip(files, stored).map { file, cleaned -> OID? in
                if case .removed = file.content { return nil }
                return try cleaned.map(repository.writeBlob) ?? repository.writeBlob(fromWorkingTreePath: file.path)
            }
            let tracksFileMode = try repository.configuration().bool("core.filemode") ?? true
            let modes = zip(zip(paths, blobs), headEntries).map { pathAndBlob, head -> FileMode? in
                pathAndBlob.1 == nil
                    ? nil : workingTreeMode(pathAndBlob.0, root: root, head: head?.mode, tracksFileMode: tracksFileMode)
            }
            for (file, (blob, mode)) in zip(files, zip(blobs, modes)) {
                guard let blob, let mode else {
                    try index.remove(file.path)
                    continue
                }
                let status = statusIfUnchanged(file.path, root: root, blob: blob, written: file.content.bytes)
                try index.setEntry(path: file.path, blob: blob, mode: mode, status: status)
            }
            // What a pm killed from here on stages again from its commit (see `recoverJournal`).
            for path in paths { journal.recordPath(path) }
            try lock.writeStaged(index)
            if headEntries.map({ $0?.id }) == blobs,
                headEntries.map({ $0.flatMap { FileMode(rawValue: $0.mode) } }) == modes
            {
                try lock.install()
                committed = true
                return nil
            }
            let summary = message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? message
            // The new index goes in place now, and the branch moves while pm still holds git's lock: nobody sees one
            // without the other, and a pm killed in between leaves what the next writer undoes or finishes.
            try lock.putInPlace()
            undo.append { lock.restore() }
            var tip = parent
            for attempt in 0..<50 {
                var baseTree: OID?
                if let tip {
                    baseTree = try repository.commit(tip).treeID
                    if tip != parent {
                        // Another process moved the branch (not through the index: `git update-ref`, a fetch into
                        // it): rebuild on the new tip unless it changed the same files.
                        for (position, head) in try entries(of: paths, at: tip).enumerated()
                        where head?.id != headEntries[position]?.id {
                            throw changedMeanwhile(paths[position])
                        }
                    }
                }
                let updates = zip(paths, zip(blobs, modes)).map { path, entry in
                    entry.0.flatMap { blob in entry.1.map { Repository.TreeUpdate.upsert(path: path, blob: blob, mode: $0) } }
                        ?? .remove(path: path)
                }
                let tree = try repository.writeTree(base: baseTree, applying: updates)
                let commit = try repository.writeCommit(
                    tree: tree, parents: tip.map { [$0] } ?? [], author: author, committer: committer,
                    message: message.hasSuffix("\n") ? message : message + "\n")
                journal.recordReferenceUpdate(commit: commit, lockPath: repository.commonDirectory + "/" + branch + ".lock")
                do {
                    try repository.updateReference(
                        branch, to: commit, expecting: tip, message: "\(tip == nil ? "commit (initial)" : "commit"): \(summary)")
                } catch let error as GitError where error.isConcurrentModification {
                    usleep(UInt32(1000 * min(50, 1 << min(attempt, 6))))
                    tip = try repository.referenceTarget(branch)
                    continue
                }
                committed = true
                lock.release()
                for (file, head) in zip(files, headEntries) {
                    if case .removed = file.content, let head { removeIfCommitted(file.path, blob: head.id) }
                }
                return CommitResult(commit: commit, branch: branch, paths: paths, message: summary)
            }
            let branchLock = repository.commonDirectory + "/" + branch + ".lock"
            if FileManager.default.fileExists(atPath: branchLock) {
                throw StoreError(
                    .refused,
                    "\(branchLock) exists: another git is updating the branch, or one that crashed left the lock. Nothing was committed and your files are untouched; if no git is running, remove it ('rm \(branchLock)') and run pm again"
                )
            }
            throw StoreError(
                .conflict,
                "the branch kept moving while pm tried to commit \(described); nothing was committed and your files are untouched. Try again"
            )
        } catch let error as GitError {
            throw StoreError(.failure, "cannot commit \(described): \(error.message)")
        }
    }

    private func changedMeanwhile(_ path: String) -> StoreError {
        StoreError(
            .conflict,
            "\(path) changed in another commit while pm was working; nothing was committed and your version is still in the working tree. Look at 'git log -- \(path)', then run pm again"
        )
    }

    /// The tree entries of `paths` in `commit` (nil: none there); refuses a path that is not a regular file there.
    private func entries(of paths: [String], at commit: OID?) throws -> [TreeEntry?] {
        guard let commit else { return paths.map { _ in nil } }
        let tree = try repository.tree(try repository.commit(commit).treeID)
        return try paths.map { path in
            guard let entry = try tree.entry(atPath: path) else { return nil }
            guard entry.isRegularFile else {
                throw StoreError(
                    .refused, "\(path) is not a regular file in HEAD (a link, folder or submodule); pm will not replace it")
            }
            return entry
        }
    }

    /// Refuses when the index holds a version of the file that the commit would silently drop: staged, and neither
    /// HEAD's nor what pm commits.
    /// `committing`: the blob pm will commit, when it knows it already (nil: the working-tree file's).
    private func checkStaged(_ file: FileCommit, staged: IndexEntry?, head: OID?, committing: OID?) throws {
        guard let staged, staged.id != head else { return }
        switch file.content {
        case .workingTree:
            if try repository.hashWorkingTreeFile(file.path) == staged.id { return }
        case .checked:
            if committing == staged.id { return }
        case .replacing, .new, .removed:
            break
        }
        throw StoreError(
            .refused,
            "\(file.path) has staged changes that are not in the working tree, and pm would drop them; nothing was changed. Commit them with git, or unstage them ('git restore --staged \(file.path)'), then run pm again"
        )
    }

    /// Like `git commit -- <path>`: the executable bit comes from the file, unless `core.filemode` is false.
    private func workingTreeMode(_ path: String, root: String, head: UInt32?, tracksFileMode: Bool) -> FileMode {
        let headMode = head.flatMap { FileMode(rawValue: $0) } ?? .blob
        var status = stat()
        guard tracksFileMode, lstat(root + "/" + path, &status) == 0 else { return headMode }
        return status.st_mode & 0o111 != 0 ? .executable : .blob
    }

    /// The stat data to stage with `blob`, when the working-tree file holds exactly that blob (checked between two
    /// looks at its stat data, so a write in between is not taken for clean); nil otherwise, and git re-reads it.
    /// `written`: the bytes the file must hold for that (pm wrote or checked them), compared without running the
    /// filters again; nil: the file is hashed.
    private func statusIfUnchanged(_ path: String, root: String, blob: OID, written: [UInt8]?) -> FileStatus? {
        guard let before = FileStatus(path: root + "/" + path) else { return nil }
        let holdsBlob: Bool
        if let written {
            holdsBlob = FileManager.default.contents(atPath: root + "/" + path).map { [UInt8]($0) } == written
        } else {
            // A file that cannot be hashed is staged without stat data, and git reads it again: the same answer.
            holdsBlob = (try? repository.hashWorkingTreeFile(path)) == blob
        }
        guard holdsBlob, FileStatus(path: root + "/" + path) == before else { return nil }
        return before
    }

    /// Refuses to remove `path` when the working tree holds something HEAD does not (`head`: HEAD's blob there):
    /// its changes would be lost. A path already gone from the working tree is fine.
    private func checkRemovable(_ path: String, head: OID?) throws {
        guard let current = try repository.hashWorkingTreeFile(path) else { return }
        guard let head else {
            throw StoreError(
                .refused,
                "\(path) is not committed, and pm would delete it; nothing was changed. Commit it or move it away, then run pm again"
            )
        }
        guard current == head else {
            throw StoreError(
                .refused,
                "\(path) has changes that are not committed, and pm would lose them; nothing was changed. Commit or stash them ('git stash'), then run pm again"
            )
        }
    }

    /// Deletes the working-tree file of a path a commit removed, when it still holds the committed `blob` (an edit
    /// saved meanwhile is kept, as an untracked file).
    private func removeIfCommitted(_ path: String, blob: OID) {
        guard let root = repository.workingDirectory, (try? repository.hashWorkingTreeFile(path)) == blob else { return }
        unlink(root + "/" + path)
    }

    /// Removes a working-tree file pm wrote, when it still holds exactly what pm wrote (after a failure: a file that
    /// cannot be read or hashed is kept, which loses nothing).
    func removeIfUnchanged(_ path: String, blob: OID) {
        guard let root = repository.workingDirectory,
            let bytes = FileManager.default.contents(atPath: root + "/" + path),
            (try? Repository.blobID(of: [UInt8](bytes))) == blob
        else { return }
        unlink(root + "/" + path)
    }

    // MARK: - Creating postmortems

    /// Writes a new postmortem and, given `message`, commits it, all under one hold of the locks: the file appears
    /// in the working tree only once its id is settled, and a failed commit removes it again.
    ///
    /// `render` gets the id and path picked for `baseID` (with `-2`, `-3`, … on a clash) and returns the content.
    /// Without `message`, the file is written and registered as a draft (see `DraftRegistry`) until
    /// `finishDraft`.
    public func createPostmortem(
        baseID: String, message: ((String) -> String)?, render: (_ id: String, _ path: String) throws -> [UInt8]
    ) throws -> (id: String, path: String, result: CommitResult?) {
        if message != nil { _ = try checkWritable(for: "pm new") }
        return try withWriteLock {
            let (id, path) = try availablePath(forID: baseID)
            let bytes = try render(id, path)
            guard let message else {
                let blob = try writeNewWorkingTreeFile(path, bytes: bytes)
                do {
                    try drafts.add(path: path, blob: blob)
                } catch {
                    // An unregistered draft would outlive a pm killed with its editor open: none is left instead.
                    removeIfUnchanged(path, blob: blob)
                    throw error
                }
                return (id, path, nil)
            }
            let result = try commitHoldingWriteLock(
                [FileCommit(path: path, content: .new(bytes), base: .some(nil))], message: message(id))
            return (id, path, result)
        }
    }

    /// Commits a draft `createPostmortem` wrote (and the user edited and pm checked: `bytes`), then forgets it. When the commit fails the
    /// draft is removed if nobody changed it, and kept otherwise.
    public func commitDraft(_ path: String, checked bytes: [UInt8], message: String) throws -> CommitResult? {
        try withWriteLock {
            do {
                let result = try commitHoldingWriteLock(
                    [FileCommit(path: path, content: .checked(bytes), base: .some(nil))], message: message)
                // The commit is made: a registry line left behind names a file HEAD holds, which the next writer
                // neither removes nor reports, only forgets.
                _ = try? drafts.remove(path: path, store: self, deleteIfUnchanged: false)
                return result
            } catch {
                // The commit's own error is the one to report; a line left behind is settled by the next writer
                // once this pm is gone, as this would have: the draft removed if untouched, else kept.
                _ = try? drafts.remove(path: path, store: self, deleteIfUnchanged: true)
                throw error
            }
        }
    }

    /// Forgets a draft without committing it: removes the file when it still holds what pm wrote. Returns true
    /// when it removed the file.
    /// Best effort, on the way out of a `pm new` that failed or was stopped: when the lock cannot be taken, the
    /// draft stays registered and the next writer removes it (if untouched) once this pm is gone, as this would have.
    @discardableResult
    public func discardDraft(_ path: String) -> Bool {
        (try? withWriteLock { try drafts.remove(path: path, store: self, deleteIfUnchanged: true) }) ?? false
    }

    /// Forgets a draft and keeps its file (`pm new --no-commit`). Fails when the registry cannot be updated: left
    /// registered, the kept file would be removed by the next writer once this pm is gone.
    public func keepDraft(_ path: String) throws {
        _ = try withWriteLock { try drafts.remove(path: path, store: self, deleteIfUnchanged: false) }
    }

    // MARK: - Checks and reads for writers

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

    /// True when git's index holds a version of `path` other than HEAD's (a staged change).
    func hasStagedChanges(_ path: String) throws -> Bool {
        try repository.index().entry(atPath: path)?.id != headBlob(of: path)
    }

    // MARK: - Working-tree files

    /// Checks that `path` is a plain path inside the working tree whose folders do not lead out of it through a
    /// link, makes the missing folders, and returns the target's full path and where its temporary file goes.
    private func prepareWrite(_ path: String) throws -> (target: String, temporary: String) {
        let root = try requireWorkingDirectory(for: "writing a postmortem")
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !components.isEmpty,
            !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.lowercased() == ".git" }),
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
        let realGitFolder = URL(fileURLWithPath: repository.commonDirectory).resolvingSymlinksInPath().path
        guard realFolder == realRoot || realFolder.hasPrefix(realRoot + "/"),
            realFolder != realGitFolder, !realFolder.hasPrefix(realGitFolder + "/")
        else {
            throw StoreError(
                .refused, "refusing to write \(path): its folder leads outside the working tree through a symbolic link")
        }
        // The temporary file goes to the git folder when it is on the same file system (rename cannot cross one);
        // next to the target otherwise.
        let name = "\(getpid()).\((path as NSString).lastPathComponent).tmp"
        // A git folder where the temporary folder cannot be made gets the temporary file next to the target instead.
        if (try? FileManager.default.createDirectory(atPath: temporaryFolder, withIntermediateDirectories: true)) != nil,
            AtomicFile.sameFileSystem(temporaryFolder, folder)
        {
            return (target, temporaryFolder + "/" + name)
        }
        return (target, folder + "/." + name)
    }

    /// Writes `bytes` as a new working-tree file, never over anything already at the path; returns its blob id
    /// (unfiltered), which says later whether the file is still what pm wrote.
    @discardableResult
    func writeNewWorkingTreeFile(_ path: String, bytes: [UInt8]) throws -> OID {
        let (target, temporary) = try prepareWrite(path)
        try AtomicFile.writeTemporary(temporary, chunks: [bytes], mode: 0o644, displayPath: path)
        guard try AtomicFile.placeNew(temporary, at: target) else {
            throw StoreError(.conflict, "\(path) appeared while pm was writing it; pm left it as it is. Run pm again")
        }
        return try Repository.blobID(of: bytes)
    }

    /// Replaces a working-tree file's content by compare-and-swap: only when it still holds `expected`, and
    /// atomically (on Linux: `renameat2(RENAME_EXCHANGE)`), so a save by an editor (or any writer) in between is
    /// not overwritten; it is reported instead.
    func replaceWorkingTreeFile(_ path: String, expected: [UInt8], with bytes: [UInt8]) throws {
        let (target, temporary) = try prepareWrite(path)
        var status = stat()
        guard lstat(target, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError(.refused, "refusing to write \(path): it is missing, a symbolic link or not a regular file")
        }
        let changed = StoreError(
            .conflict, "\(path) changed on disk while pm was working; pm kept that change and wrote nothing. Run pm again")
        try AtomicFile.writeTemporary(temporary, chunks: [bytes], mode: status.st_mode & 0o7777, displayPath: path)
        defer { unlink(temporary) }
        guard FileManager.default.contents(atPath: target).map({ [UInt8]($0) }) == expected else { throw changed }
        switch AtomicFile.exchange(temporary, target) {
        case .exchanged:
            // What was at the path an instant ago is now at the temporary name: if a writer slipped in between the
            // check and the swap, its version goes back.
            guard FileManager.default.contents(atPath: temporary).map({ [UInt8]($0) }) == expected else {
                _ = AtomicFile.exchange(temporary, target)
                throw changed
            }
        case .failed:
            throw changed
        case .unsupported:
            // Without an atomic swap (another system, a file system that cannot), the check above is the last
            // look: a save in the instant between it and the rename is not seen.
            if rename(temporary, target) != 0 {
                throw StoreError(.failure, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
        }
        AtomicFile.syncFolder(of: target)
    }

    /// Writes `bytes` to a working-tree file that is not tracked by pm's transaction (`pm init --no-commit`).
    public func writeWorkingTreeFile(_ path: String, bytes: [UInt8]) throws {
        let (target, temporary) = try prepareWrite(path)
        var status = stat()
        var mode: mode_t = 0o644
        if lstat(target, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFREG else {
                throw StoreError(.refused, "refusing to write \(path): it is a symbolic link or not a regular file")
            }
            mode = status.st_mode & 0o7777
        }
        try AtomicFile.replace(target, with: [bytes], temporary: temporary, mode: mode, displayPath: path)
    }

    /// Picks a path for a new postmortem with id `base`, adding `-2`, `-3`, … while a postmortem with that id
    /// exists at HEAD or in the working tree (in any sub-folder), or any file has that name.
    /// Call inside `withWriteLock`, then write the file before releasing it.
    /// `folder`: where the file goes (default: `pm.directory`); `owner`: a path whose id does not count as taken
    /// (the postmortem being renamed).
    func availablePath(forID base: String, in folder: String? = nil, owner: String? = nil) throws -> (id: String, path: String) {
        let root = try requireWorkingDirectory(for: "creating a postmortem")
        var taken = Set(try paths(at: .workingTree).filter { $0 != owner }.map(PostmortemFile.id(ofPath:)))
        if try repository.head().commit != nil {
            taken.formUnion(try paths(at: .revision("HEAD")).filter { $0 != owner }.map(PostmortemFile.id(ofPath:)))
        }
        var suffix = 1
        while true {
            let id = suffix == 1 ? base : "\(base)-\(suffix)"
            let path = "\(folder ?? configuration.directory)/\(id).md"
            if path == owner { return (id, path) }
            var status = stat()
            if !taken.contains(id), lstat(root + "/" + path, &status) != 0 {
                return (id, path)
            }
            suffix += 1
        }
    }
}

/// A committed postmortem read for a change in place (`pm status`, `pm actions done`): the file must be in the
/// working tree exactly as HEAD and the index have it.
public struct CommittedPostmortem: Sendable {
    public let file: PostmortemFile
    /// Its blob at HEAD.
    let base: OID?
}

extension PostmortemStore {
    /// Resolves `reference` in the working tree for `command` to change it in place, refusing a link, and a file
    /// with uncommitted edits in the working tree or the index (pm would commit them unseen, or drop them).
    public func committedPostmortem(_ reference: String, currentDirectory: String, command: String) throws
        -> CommittedPostmortem
    {
        _ = try checkWritable(for: command)
        let file = try resolveFile(reference, at: .workingTree, currentDirectory: currentDirectory)
        try requireRegularFile(file.path)
        let base = try headBlob(of: file.path)
        guard try repository.hashWorkingTreeFile(file.path) == base else {
            throw StoreError(
                .refused,
                "\(file.path) has uncommitted changes; pm will not overwrite them or commit them unseen. Commit them with 'pm edit \(file.id)' (or stash them), then run '\(command)' again"
            )
        }
        guard try !hasStagedChanges(file.path) else {
            throw StoreError(
                .refused,
                "\(file.path) has staged changes that are not in the working tree; pm will not drop them. Commit them with git, or unstage them ('git restore --staged \(file.path)'), then run '\(command)' again"
            )
        }
        return CommittedPostmortem(file: file, base: base)
    }

    /// Replaces a committed postmortem's content with `bytes` and commits it as `message`, only if neither the file
    /// nor HEAD changed since `committed` was read.
    public func rewrite(_ committed: CommittedPostmortem, to bytes: [UInt8], message: String) throws -> CommitResult? {
        try commit(
            [
                FileCommit(
                    path: committed.file.path, content: .replacing(expected: committed.file.bytes, with: bytes),
                    base: .some(committed.base))
            ], message: message)
    }
}
