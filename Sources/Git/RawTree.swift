import CLibgit2
import Foundation

/// A tree object read straight from the object database, its entries parsed in place.
///
/// `Tree` goes through libgit2 one call per entry; walking the history of a folder of thousands of files
/// compares two such trees per commit, so this type keeps the raw bytes and the offsets of each entry instead.
public final class RawTree {
    /// One entry: where its name and id are in the raw bytes.
    public struct Entry: Sendable {
        /// The byte offset of the name and its length.
        let nameStart: Int
        let nameLength: Int
        /// The byte offset of the 20-byte id.
        let idStart: Int
        public let mode: UInt32

        public var isTree: Bool { mode == FileMode.tree.rawValue }
        /// A regular or executable file: not a symbolic link, folder or submodule.
        public var isRegularFile: Bool { mode == FileMode.blob.rawValue || mode == FileMode.executable.rawValue }
    }

    private let object: OpaquePointer
    private let bytes: UnsafeRawBufferPointer
    public let id: OID
    /// The entries in git's order.
    public let entries: [Entry]

    /// Takes ownership of `object`, whose entries `parse` has read already (so that nothing can fail here).
    private init(object: OpaquePointer, id: OID, bytes: UnsafeRawBufferPointer, entries: [Entry]) {
        self.object = object
        self.id = id
        self.bytes = bytes
        self.entries = entries
    }

    /// Wraps a tree object read from the object database, or frees it and throws when it is malformed.
    static func wrapping(_ object: OpaquePointer, id: OID) throws -> RawTree {
        let size = git_odb_object_size(object)
        var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
        if let data = git_odb_object_data(object), size > 0 { bytes = UnsafeRawBufferPointer(start: data, count: size) }
        do {
            return RawTree(object: object, id: id, bytes: bytes, entries: try parse(bytes, id: id))
        } catch {
            git_odb_object_free(object)
            throw error
        }
    }

    deinit {
        git_odb_object_free(object)
    }

    /// The name of an entry, decoded leniently.
    public func name(_ entry: Entry) -> String {
        String(
            decoding: UnsafeRawBufferPointer(rebasing: bytes[entry.nameStart..<entry.nameStart + entry.nameLength]), as: UTF8.self
        )
    }

    /// The name of an entry, with bad bytes escaped as `\xHH` when it is not UTF-8 (see `PathBytes`).
    public func strictName(_ entry: Entry) -> (text: String, isUTF8: Bool) {
        PathBytes.text(of: UnsafeRawBufferPointer(rebasing: bytes[entry.nameStart..<entry.nameStart + entry.nameLength]))
    }

    /// The id of an entry.
    public func id(_ entry: Entry) -> OID {
        OID(bytes: Array(bytes[entry.idStart..<entry.idStart + 20]))
    }

    /// The entry called `name`, found by binary search.
    ///
    /// Git sorts a folder's name as if it ended with `/`, so `postmortems/` comes after `postmortems.md`: the name
    /// is looked for once as a file and once as a folder.
    public func entry(named name: String) -> Entry? {
        var name = name
        return name.withUTF8 { wanted -> Entry? in
            for asFolder in [false, true] {
                var low = 0
                var high = entries.count
                while low < high {
                    let middle = (low + high) / 2
                    let order = RawTree.compare(self, entries[middle], UnsafeRawBufferPointer(wanted), isTree: asFolder)
                    if order == 0 { return entries[middle].isTree == asFolder ? entries[middle] : nil }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
            }
            return nil
        }
    }

    /// Git's order of two entries: by name, a folder's name compared as if it ended with `/`.
    static func order(_ a: RawTree, _ x: Entry, _ b: RawTree, _ y: Entry) -> Int {
        compare(a, x, UnsafeRawBufferPointer(rebasing: b.bytes[y.nameStart..<y.nameStart + y.nameLength]), isTree: y.isTree)
    }

    private static func compare(_ tree: RawTree, _ entry: Entry, _ other: UnsafeRawBufferPointer, isTree otherIsTree: Bool) -> Int
    {
        let length = min(entry.nameLength, other.count)
        if length > 0, let base = tree.bytes.baseAddress, let otherBase = other.baseAddress {
            let order = memcmp(base + entry.nameStart, otherBase, length)
            if order != 0 { return Int(order) }
        }
        // One name is a prefix of the other: the next character is `/` for a folder and the end for a file.
        let next = entry.nameLength > length ? Int(tree.bytes[entry.nameStart + length]) : (entry.isTree ? 0x2F : 0)
        let otherNext = other.count > length ? Int(other[length]) : (otherIsTree ? 0x2F : 0)
        return next - otherNext
    }

    /// True when two entries have the same id and mode.
    static func same(_ a: RawTree, _ x: Entry, _ b: RawTree, _ y: Entry) -> Bool {
        guard x.mode == y.mode, let first = a.bytes.baseAddress, let second = b.bytes.baseAddress else { return false }
        return memcmp(first + x.idStart, second + y.idStart, 20) == 0
    }

    /// Splits the tree format (`<octal mode> <name>\0<20-byte id>`, repeated) into entries; a malformed tree is an error.
    private static func parse(_ bytes: UnsafeRawBufferPointer, id: OID) throws -> [Entry] {
        var entries: [Entry] = []
        var offset = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return [] }
        while offset < count {
            var mode: UInt32 = 0
            while offset < count, bytes[offset] != 0x20 {
                let digit = bytes[offset] &- 0x30
                guard digit < 8 else { throw malformed(id) }
                mode = mode &* 8 &+ UInt32(digit)
                offset += 1
            }
            offset += 1
            guard offset < count, let end = memchr(base + offset, 0, count - offset) else { throw malformed(id) }
            let nameEnd = base.distance(to: UnsafeRawPointer(end))
            guard nameEnd + 21 <= count else { throw malformed(id) }
            entries.append(Entry(nameStart: offset, nameLength: nameEnd - offset, idStart: nameEnd + 1, mode: mode))
            offset = nameEnd + 21
        }
        return entries
    }

    private static func malformed(_ id: OID) -> GitError {
        GitError(message: "the tree \(id.short) is malformed; run 'git fsck'", function: "RawTree.parse")
    }
}

/// One file that differs between two trees.
public struct TreeChange: Sendable, Equatable {
    /// The path from the root of the compared trees.
    public let path: String
    /// The blob before (nil: added) and after (nil: deleted).
    public let old: OID?
    public let new: OID?
    /// False when a name on the path is not valid UTF-8: `path` then shows its bad bytes escaped as `\xHH`.
    public var isUTF8: Bool = true

    public init(path: String, old: OID?, new: OID?, isUTF8: Bool = true) {
        self.path = path
        self.old = old
        self.new = new
        self.isUTF8 = isUTF8
    }
}

extension Repository {
    /// Reads a tree object's raw bytes.
    public func rawTree(_ id: OID) throws -> RawTree {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        guard let odb else {
            throw GitError(message: "the repository has no object database; run 'git fsck'", function: "git_repository_odb")
        }
        defer { git_odb_free(odb) }
        var object: OpaquePointer?
        try id.withRaw { try check(git_odb_read(&object, odb, $0), "git_odb_read(\(id.short))") }
        guard let object else {
            throw GitError(message: "the object \(id.short) is missing; run 'git fsck'", function: "git_odb_read")
        }
        guard git_odb_object_type(object) == GIT_OBJECT_TREE else {
            git_odb_object_free(object)
            throw GitError(message: "\(id.short) should be a tree and is not; run 'git fsck'", function: "git_odb_read")
        }
        return try RawTree.wrapping(object, id: id)
    }

    /// True when the object database holds `id`.
    public func hasObject(_ id: OID) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0, let odb else { return false }
        defer { git_odb_free(odb) }
        return id.withRaw { git_odb_exists(odb, $0) == 1 }
    }

    /// The regular files that differ between two trees (nil: the empty tree), recursively, in path order;
    /// `prefix` is put before every path. `load` reads a tree, so that a caller can keep the ones it will see again.
    public func changes(
        from old: OID?, to new: OID?, prefix: String = "", load: (OID) throws -> RawTree
    ) throws -> [TreeChange] {
        var result: [TreeChange] = []
        try collectChanges(from: old.map(load), to: new.map(load), prefix: (prefix, true), load: load, into: &result)
        return result
    }

    private func collectChanges(
        from old: RawTree?, to new: RawTree?, prefix: (path: String, isUTF8: Bool), load: (OID) throws -> RawTree,
        into result: inout [TreeChange]
    ) throws {
        func path(_ tree: RawTree, _ entry: RawTree.Entry) -> (path: String, isUTF8: Bool) {
            let name = tree.strictName(entry)
            return (prefix.path + name.text, prefix.isUTF8 && name.isUTF8)
        }
        let oldEntries = old?.entries ?? []
        let newEntries = new?.entries ?? []
        var i = 0
        var j = 0
        func side(_ tree: RawTree, _ entry: RawTree.Entry, isOld: Bool) throws {
            let path = path(tree, entry)
            if entry.isTree {
                let subtree = try load(tree.id(entry))
                try collectChanges(
                    from: isOld ? subtree : nil, to: isOld ? nil : subtree, prefix: (path.path + "/", path.isUTF8), load: load,
                    into: &result)
            } else if entry.isRegularFile {
                result.append(
                    TreeChange(
                        path: path.path, old: isOld ? tree.id(entry) : nil, new: isOld ? nil : tree.id(entry), isUTF8: path.isUTF8
                    ))
            }
        }
        while i < oldEntries.count || j < newEntries.count {
            guard let old, i < oldEntries.count else {
                if let new { try side(new, newEntries[j], isOld: false) }
                j += 1
                continue
            }
            guard let new, j < newEntries.count else {
                try side(old, oldEntries[i], isOld: true)
                i += 1
                continue
            }
            let x = oldEntries[i]
            let y = newEntries[j]
            let order = RawTree.order(old, x, new, y)
            if order < 0 {
                try side(old, x, isOld: true)
                i += 1
            } else if order > 0 {
                try side(new, y, isOld: false)
                j += 1
            } else {
                if !RawTree.same(old, x, new, y) {
                    let both = path(old, x)
                    if x.isTree && y.isTree {
                        try collectChanges(
                            from: try load(old.id(x)), to: try load(new.id(y)), prefix: (both.path + "/", both.isUTF8),
                            load: load,
                            into: &result)
                    } else if x.isRegularFile && y.isRegularFile {
                        result.append(TreeChange(path: both.path, old: old.id(x), new: new.id(y), isUTF8: both.isUTF8))
                    } else {
                        try side(old, x, isOld: true)
                        try side(new, y, isOld: false)
                    }
                }
                i += 1
                j += 1
            }
        }
    }
}
