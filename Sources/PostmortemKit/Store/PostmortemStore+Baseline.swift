import Foundation
import Git

extension PostmortemStore {
    /// Where the findings baseline is read from: the same place as the postmortems it is matched against.
    public enum BaselineSource: Sendable, Equatable {
        /// The file on disk (HEAD's in a bare repository): `pm check` with paths or none.
        case workingTree
        /// What git's index holds (`GIT_INDEX_FILE` honoured): `pm check --staged`, the pre-commit hook.
        case index
        /// HEAD's tree; none while the branch has no commit (`pm check --all`, the checks before pm commits).
        case head
        /// The tree of a commit, by its id (`pm check --rev`, `--receive`).
        case commit(OID)
    }

    /// The path of the baseline file, from the repository root (`check.baseline`, or `.pm-baseline.json`).
    public var baselinePath: String { configuration.baselinePath }

    /// The findings baseline at `source`; nil when there is no file there. A file that cannot be read or is not a
    /// baseline is an error that says where, never a baseline of nothing.
    public func baseline(at source: BaselineSource) throws -> FindingsBaseline? {
        let path = baselinePath
        switch source {
        case .workingTree:
            guard let root = repository.workingDirectory else { return try baseline(at: .head) }
            guard let bytes = try workingTreeBaselineBytes(root: root) else { return nil }
            return try FindingsBaseline.decode(bytes, path: path)
        case .index:
            let index: Index
            do {
                index = try repository.index()
            } catch let error as GitError {
                throw StoreError(.failure, "cannot read git's index for \(path): \(error.message)")
            }
            guard let entry = index.entry(atPath: path) else { return nil }
            let shown = ":" + path
            try requireRegularBaseline(mode: entry.mode, shown: shown, at: "in git's index")
            return try FindingsBaseline.decode(try repository.blob(entry.id), path: shown)
        case .head:
            guard let head = try repository.head().commit else { return nil }
            return try baseline(in: head, shown: "HEAD:" + path)
        case .commit(let id):
            return try baseline(in: id, shown: id.short + ":" + path)
        }
    }

    /// The baseline in the tree of commit `id`, named `shown` in errors.
    private func baseline(in id: OID, shown: String) throws -> FindingsBaseline? {
        let entry: TreeEntry?
        do {
            entry = try repository.tree(try repository.commit(id).treeID).entry(atPath: baselinePath)
        } catch let error as GitError {
            throw StoreError(.failure, "cannot read \(shown): \(error.message)")
        }
        guard let entry else { return nil }
        if entry.kind == .tree {
            throw BaselineError(message: "is a folder; the findings baseline must be a file", path: shown)
        }
        try requireRegularBaseline(mode: entry.mode, shown: shown, at: "in that commit")
        return try FindingsBaseline.decode(try repository.blob(entry.id), path: shown)
    }

    /// Refuses a baseline that git stores as a symbolic link or a submodule: its blob is no baseline.
    private func requireRegularBaseline(mode: UInt32, shown: String, at place: String) throws {
        guard mode == FileMode.blob.rawValue || mode == FileMode.executable.rawValue else {
            throw BaselineError(
                message:
                    "is \(mode == FileMode.link.rawValue ? "a symbolic link" : "not a regular file") \(place); pm reads the findings baseline only from a regular file",
                path: shown)
        }
    }

    /// The baseline file's bytes in the working tree; nil when there is none. A link is followed only inside the
    /// repository, as for `.pmconfig`.
    private func workingTreeBaselineBytes(root: String) throws -> [UInt8]? {
        let path = baselinePath
        let full = root + "/" + path
        var status = stat()
        guard lstat(full, &status) == 0 else { return nil }
        if (status.st_mode & S_IFMT) == S_IFLNK {
            guard FileManager.default.fileExists(atPath: full) else {
                throw BaselineError(message: "is a symbolic link that leads nowhere; pm will not read it", path: path)
            }
            guard Self.isInside(root: root, path: full) else {
                throw BaselineError(
                    message: "is a symbolic link that leads outside the repository; pm will not read it", path: path)
            }
            guard stat(full, &status) == 0 else { return nil }
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw BaselineError(
                message: (status.st_mode & S_IFMT) == S_IFDIR
                    ? "is a folder; the findings baseline must be a file" : "is not a regular file; pm will not read it",
                path: path)
        }
        if Int(status.st_size) > FindingsBaseline.maximumSize {
            throw BaselineError(
                message: "is \(status.st_size) bytes; pm reads at most \(FindingsBaseline.maximumSize) bytes of baseline",
                path: path)
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            throw BaselineError(message: "cannot be read (check its permissions)", path: path)
        }
        return [UInt8](data)
    }

    // MARK: - Writing

    /// The baseline file as it is now, for `pm check --write-baseline` to replace: its bytes (nil when there is
    /// none) and its blob at HEAD. Refuses a file with changes that are not committed, in the working tree or the
    /// index: pm would overwrite them, or commit them unseen.
    public func baselineToReplace(for command: String) throws -> (bytes: [UInt8]?, base: OID?) {
        let root = try requireWorkingDirectory(for: command)
        let path = baselinePath
        var status = stat()
        let exists = lstat(root + "/" + path, &status) == 0
        if exists, (status.st_mode & S_IFMT) != S_IFREG {
            throw StoreError(
                .refused,
                "\(path) is a symbolic link or not a regular file; pm does not write through links. Remove it, or set check.baseline in .pmconfig to a file of the working tree"
            )
        }
        if try hasUncommittedChanges(path) {
            throw StoreError(
                .refused,
                "\(path) has changes that are not committed; pm will not overwrite them. Commit them, or drop them ('git checkout -- \(path)', or remove the file if git does not track it), then run '\(command)' again"
            )
        }
        if try hasStagedChanges(path) {
            throw StoreError(
                .refused,
                "\(path) has staged changes that are not committed; pm will not drop them. Commit them, or unstage them ('git restore --staged \(path)'), then run '\(command)' again"
            )
        }
        guard exists else { return (nil, try headBlob(of: path)) }
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
            throw StoreError(.failure, "cannot read \(path) (check its permissions)")
        }
        return ([UInt8](data), try headBlob(of: path))
    }

    /// The baseline file with the entries of each moved document (`from` → `to`) moved to its new path, as one more
    /// file of the commit that moves them all; nil when the baseline has no entry for any of them. The moves are
    /// applied together: a path that is one document's new path and another's old one is not moved twice. Refuses a
    /// baseline file with uncommitted changes, as `baselineToReplace` does.
    func baselineFollowingMoves(_ moves: [(from: String, to: String)], command: String) throws -> FileCommit? {
        let moves = moves.filter { $0.from != $0.to }
        guard let baseline = try baseline(at: .workingTree) else { return nil }
        let paths = baseline.paths
        guard moves.contains(where: { paths.contains($0.from) }) else { return nil }
        let current = try baselineToReplace(for: command)
        guard let bytes = current.bytes else { return nil }
        return FileCommit(
            path: baselinePath, content: .replacing(expected: bytes, with: baseline.moving(moves).encoded()),
            base: .some(current.base))
    }

    /// Writes `baseline` over `current` (what `baselineToReplace` returned) and, when `commit`, commits exactly that
    /// file as `message`. Returns the commit (nil without one, or when the file is as HEAD has it).
    public func writeBaseline(
        _ baseline: FindingsBaseline, replacing current: (bytes: [UInt8]?, base: OID?), commit: Bool, message: String
    ) throws -> CommitResult? {
        let path = baselinePath
        let bytes = baseline.encoded()
        guard commit else {
            try withWriteLock {
                if let existing = current.bytes {
                    guard existing != bytes else { return }
                    try replaceWorkingTreeFile(path, expected: existing, with: bytes)
                } else {
                    try writeNewWorkingTreeFile(path, bytes: bytes)
                }
            }
            return nil
        }
        let content: FileCommit.Content = current.bytes.map { .replacing(expected: $0, with: bytes) } ?? .new(bytes)
        return try self.commit([FileCommit(path: path, content: content, base: .some(current.base))], message: message)
    }
}
