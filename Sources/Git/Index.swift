import CLibgit2
import Foundation

/// One staged entry of the index.
public struct IndexEntry: Hashable, Sendable {
    public let path: String
    public let id: OID
    public let mode: UInt32
    /// 0 for a normal entry; 1–3 for the sides of a conflict.
    public let stage: Int
    /// False when the path is not valid UTF-8: `path` then shows its bad bytes escaped as `\xHH`.
    public var isUTF8: Bool = true
}

/// Git's staging area; keeps its repository alive.
public final class Index {
    let pointer: OpaquePointer
    private let repository: Repository?

    init(_ pointer: OpaquePointer, repository: Repository?) {
        self.pointer = pointer
        self.repository = repository
    }

    /// Opens the index file at `path` on its own, bound to no repository (an empty index when there is no file);
    /// `write` writes it back there.
    public static func open(at path: String) throws -> Index {
        Libgit2.ensureInitialized()
        var raw: OpaquePointer?
        try check(git_index_open(&raw, path), "git_index_open(\(path))")
        guard let raw else { throw GitError(message: "cannot open the index \(path)", function: "git_index_open") }
        return Index(raw, repository: nil)
    }

    deinit {
        git_index_free(pointer)
    }

    /// Re-reads the index from disk when the file changed since it was read (libgit2 compares its stamp), dropping
    /// anything not written. (Forcing the read would parse a freshly opened index twice.)
    public func reload() throws {
        try check(git_index_read(pointer, 0), "git_index_read")
    }

    /// The stage-0 entry for `path`, if staged.
    public func entry(atPath path: String) -> IndexEntry? {
        guard let raw = git_index_get_bypath(pointer, path, 0) else { return nil }
        return Index.entry(raw.pointee)
    }

    /// Every entry, in index order.
    public var entries: [IndexEntry] {
        (0..<git_index_entrycount(pointer)).compactMap { position in
            git_index_get_byindex(pointer, position).map { Index.entry($0.pointee) }
        }
    }

    /// True while a merge left conflicts in the index.
    public var hasConflicts: Bool { git_index_has_conflicts(pointer) == 1 }

    /// Stages the working-tree file at `path` (hashing it and recording its stat data, like `git add`).
    ///
    /// A file with an external filter driver is stored through the driver (libgit2's own `git_index_add_bypath`
    /// would skip it, and leave the unfiltered content, plaintext for git-crypt, in the object database).
    public func addFromWorkingTree(_ path: String) throws {
        guard let repository else {
            throw GitError(
                message: "an index opened on its own has no working tree to stage from", function: "addFromWorkingTree")
        }
        guard let root = repository.workingDirectory, !repository.isWorkingTreeLink(path),
            try repository.filterDriver(forPath: path) != nil
        else {
            try check(git_index_add_bypath(pointer, path), "git_index_add_bypath(\(path))")
            return
        }
        let blob = try repository.writeBlob(fromWorkingTreePath: path)
        guard let status = FileStatus(path: root + "/" + path) else {
            throw GitError(message: "\(path) disappeared while pm staged it", function: "lstat")
        }
        let mode: FileMode
        if try repository.configuration().bool("core.filemode") ?? true {
            mode = status.mode & 0o111 != 0 ? .executable : .blob
        } else {
            mode = entry(atPath: path).flatMap { FileMode(rawValue: $0.mode) } ?? .blob
        }
        // git records the working-tree file's stat data (its size, not the stored blob's).
        try setEntry(path: path, blob: blob, mode: mode, status: status)
    }

    /// Stages `blob` with `mode` at `path`, with the stat data of the working-tree file as `status` saw it, so
    /// that git takes the file as unchanged while its stat data stays the same (nil: none, git re-reads the file).
    public func setEntry(path: String, blob: OID, mode: FileMode, status: FileStatus?) throws {
        var entry = git_index_entry()
        entry.mode = mode.rawValue
        entry.id = blob.raw
        if let status {
            entry.ctime = git_index_time(
                seconds: Int32(truncatingIfNeeded: status.changeSeconds), nanoseconds: UInt32(status.changeNanoseconds))
            entry.mtime = git_index_time(
                seconds: Int32(truncatingIfNeeded: status.modificationSeconds),
                nanoseconds: UInt32(status.modificationNanoseconds))
            entry.dev = UInt32(truncatingIfNeeded: status.device)
            entry.ino = UInt32(truncatingIfNeeded: status.inode)
            entry.uid = status.user
            entry.gid = status.group
            entry.file_size = UInt32(truncatingIfNeeded: status.size)
        }
        try path.withCString { pointer in
            entry.path = pointer
            try check(git_index_add(self.pointer, &entry), "git_index_add(\(path))")
        }
    }

    /// Unstages `path`.
    public func remove(_ path: String) throws {
        try check(git_index_remove_bypath(pointer, path), "git_index_remove_bypath(\(path))")
    }

    /// Writes the index to disk atomically (through `index.lock`).
    public func write() throws {
        try check(git_index_write(pointer), "git_index_write")
    }

    private static func entry(_ raw: git_index_entry) -> IndexEntry {
        let stage = Int((raw.flags >> 12) & 0x3)
        let path = PathBytes.text(of: raw.path)
        return IndexEntry(path: path.text, id: OID(raw.id), mode: raw.mode, stage: stage, isUTF8: path.isUTF8)
    }
}

/// The stat data git keeps in an index entry, read from a working-tree file.
public struct FileStatus: Equatable, Sendable {
    public let device: UInt64
    public let inode: UInt64
    public let mode: UInt32
    public let user: UInt32
    public let group: UInt32
    public let size: Int64
    public let changeSeconds: Int64
    public let changeNanoseconds: Int64
    public let modificationSeconds: Int64
    public let modificationNanoseconds: Int64

    public init(
        device: UInt64, inode: UInt64, mode: UInt32, user: UInt32, group: UInt32, size: Int64, changeSeconds: Int64,
        changeNanoseconds: Int64, modificationSeconds: Int64, modificationNanoseconds: Int64
    ) {
        (self.device, self.inode, self.mode, self.user, self.group, self.size) = (device, inode, mode, user, group, size)
        (self.changeSeconds, self.changeNanoseconds) = (changeSeconds, changeNanoseconds)
        (self.modificationSeconds, self.modificationNanoseconds) = (modificationSeconds, modificationNanoseconds)
    }

    /// The status of the file at `path`, not following a link; nil when there is none.
    public init?(path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        mode = UInt32(status.st_mode)
        user = UInt32(status.st_uid)
        group = UInt32(status.st_gid)
        size = Int64(status.st_size)
        #if canImport(Darwin)
            (changeSeconds, changeNanoseconds) = (Int64(status.st_ctimespec.tv_sec), Int64(status.st_ctimespec.tv_nsec))
            (modificationSeconds, modificationNanoseconds) = (
                Int64(status.st_mtimespec.tv_sec), Int64(status.st_mtimespec.tv_nsec)
            )
        #else
            (changeSeconds, changeNanoseconds) = (Int64(status.st_ctim.tv_sec), Int64(status.st_ctim.tv_nsec))
            (modificationSeconds, modificationNanoseconds) = (Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec))
        #endif
    }
}

extension Repository {
    /// The index file git uses here (`GIT_INDEX_FILE` when set).
    public func indexPath() throws -> String {
        var raw: OpaquePointer?
        try check(git_repository_index(&raw, pointer), "git_repository_index")
        guard let raw else { throw GitError(message: "no index", function: "git_repository_index") }
        defer { git_index_free(raw) }
        return lenientString(git_index_path(raw))
    }

    /// Paths under `prefix` whose staged content differs from `tree` (nil: the empty tree), as
    /// `git diff --cached --name-only -- <prefix>` lists them; computed by libgit2, without reading blobs.
    public func pathsChanged(in index: Index, comparedTo treeID: OID?, under prefix: String) throws -> [String] {
        try stagedChanges(in: index, comparedTo: treeID, under: prefix).changed
    }

    /// `pathsChanged`, and the files moved among them by git's similarity detection (new path → old path), as
    /// `git status` shows them ("renamed:"): one diff for both.
    public func stagedChanges(in index: Index, comparedTo treeID: OID?, under prefix: String) throws
        -> (changed: [String], renames: [String: String])
    {
        let tree = try treeID.map { try self.tree($0) }
        guard
            let diff = try Diff.make(
                under: prefix, function: "git_diff_tree_to_index",
                { diff, options in
                    git_diff_tree_to_index(diff, pointer, tree?.pointer, index.pointer, options)
                })
        else { return ([], [:]) }
        // Only deleted and added files are paired: with nothing deleted (most commits), looking costs nothing.
        let changed = diff.changedPaths
        try diff.findRenames()
        return (changed, diff.renames)
    }
}
