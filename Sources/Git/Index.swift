import CLibgit2

/// One staged entry of the index.
public struct IndexEntry: Hashable, Sendable {
    public let path: String
    public let id: OID
    public let mode: UInt32
    /// 0 for a normal entry; 1–3 for the sides of a conflict.
    public let stage: Int
}

/// Git's staging area; keeps its repository alive.
public final class Index {
    let pointer: OpaquePointer
    private let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit {
        git_index_free(pointer)
    }

    /// Re-reads the index from disk, dropping anything not written.
    public func reload() throws {
        try check(git_index_read(pointer, 1), "git_index_read")
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
    public func addFromWorkingTree(_ path: String) throws {
        try check(git_index_add_bypath(pointer, path), "git_index_add_bypath(\(path))")
    }

    /// Stages `blob` with `mode` at `path` without stat data, so git re-reads the working-tree file to compare.
    public func setEntry(path: String, blob: OID, mode: FileMode) throws {
        var entry = git_index_entry()
        entry.mode = mode.rawValue
        entry.id = blob.raw
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
        return IndexEntry(path: lenientString(raw.path), id: OID(raw.id), mode: raw.mode, stage: stage)
    }
}
