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
    private let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
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
        let path = PathBytes.text(of: raw.path)
        return IndexEntry(path: path.text, id: OID(raw.id), mode: raw.mode, stage: stage, isUTF8: path.isUTF8)
    }
}

extension Repository {
    /// Paths under `prefix` whose staged content differs from `tree` (nil: the empty tree), as
    /// `git diff --cached --name-only -- <prefix>` lists them; computed by libgit2, without reading blobs.
    public func pathsChanged(in index: Index, comparedTo treeID: OID?, under prefix: String) throws -> [String] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        let tree = try treeID.map { try self.tree($0) }
        var diff: OpaquePointer?
        let pattern = strdup(prefix.isEmpty ? "." : prefix)
        defer { free(pattern) }
        var strings = [pattern]
        let code: Int32 = strings.withUnsafeMutableBufferPointer { buffer in
            options.pathspec = git_strarray(strings: buffer.baseAddress, count: 1)
            return git_diff_tree_to_index(&diff, pointer, tree?.pointer, index.pointer, &options)
        }
        try check(code, "git_diff_tree_to_index")
        guard let diff else { return [] }
        defer { git_diff_free(diff) }
        return (0..<git_diff_num_deltas(diff)).compactMap { position in
            guard let delta = git_diff_get_delta(diff, position), delta.pointee.status != GIT_DELTA_DELETED else { return nil }
            return lenientString(delta.pointee.new_file.path)
        }
    }
}
