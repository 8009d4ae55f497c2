import CLibgit2

/// One entry of a tree, copied out into a value.
public struct TreeEntry: Hashable, Sendable {
    /// What an entry holds.
    public enum Kind: Sendable { case blob, tree, submodule, other }

    /// The full path from the root of the tree, with `/` separators; when a name on it is not UTF-8, its bad bytes
    /// are escaped as `\xHH` (see `PathBytes`).
    public let path: String
    public let id: OID
    public let kind: Kind
    public let mode: UInt32
    /// False when a name on the path is not valid UTF-8: `path` is then for showing, not for reading.
    public var isUTF8: Bool = true

    /// True for a regular or executable file (not a symlink, folder or submodule).
    public var isRegularFile: Bool { kind == .blob && (mode == FileMode.blob.rawValue || mode == FileMode.executable.rawValue) }
}

/// A tree object; keeps its repository alive.
public final class Tree {
    let pointer: OpaquePointer
    private let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit {
        git_tree_free(pointer)
    }

    public var id: OID { OID(git_tree_id(pointer).pointee) }

    /// The entry at a slash-separated path, or nil when there is none.
    public func entry(atPath path: String) throws -> TreeEntry? {
        var raw: OpaquePointer?
        let code = git_tree_entry_bypath(&raw, pointer, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_tree_entry_bypath(\(path))")
        guard let raw else { return nil }
        defer { git_tree_entry_free(raw) }
        return Tree.entry(raw, path: path)
    }

    /// Every file (blob) under `folder` (empty: the whole tree), recursively, in path order.
    public func files(under folder: String = "") throws -> [TreeEntry] {
        var start: Tree = self
        var prefix = ""
        let trimmed = folder.split(separator: "/").joined(separator: "/")
        if !trimmed.isEmpty {
            guard let entry = try entry(atPath: trimmed), entry.kind == .tree else { return [] }
            start = try repository.tree(entry.id)
            prefix = trimmed + "/"
        }
        var result: [TreeEntry] = []
        var pending: [(Tree, (path: String, isUTF8: Bool))] = [(start, (prefix, true))]
        while let (tree, base) = pending.popLast() {
            let count = git_tree_entrycount(tree.pointer)
            for index in 0..<count {
                guard let raw = git_tree_entry_byindex(tree.pointer, index) else { continue }
                let name = PathBytes.text(of: git_tree_entry_name(raw))
                var entry = Tree.entry(raw, path: base.path + name.text)
                entry.isUTF8 = base.isUTF8 && name.isUTF8
                if entry.kind == .tree {
                    pending.append((try repository.tree(entry.id), (entry.path + "/", entry.isUTF8)))
                } else {
                    result.append(entry)
                }
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    private static func entry(_ raw: OpaquePointer, path: String) -> TreeEntry {
        let kind: TreeEntry.Kind
        switch git_tree_entry_type(raw) {
        case GIT_OBJECT_BLOB: kind = .blob
        case GIT_OBJECT_TREE: kind = .tree
        case GIT_OBJECT_COMMIT: kind = .submodule
        default: kind = .other
        }
        return TreeEntry(
            path: path, id: OID(git_tree_entry_id(raw).pointee), kind: kind,
            mode: UInt32(git_tree_entry_filemode(raw).rawValue))
    }
}
