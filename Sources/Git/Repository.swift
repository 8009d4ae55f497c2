import CLibgit2
import Foundation

/// An open git repository: a working tree with its `.git`, a linked worktree, or a bare repository.
///
/// Not `Sendable`: a libgit2 repository handle must stay on one thread at a time.
public final class Repository {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_repository_free(pointer)
    }

    /// Opens the repository that contains `path`, searching parent folders like git does.
    /// Never creates a repository.
    public static func discover(from path: String) throws -> Repository {
        Libgit2.ensureInitialized()
        var raw: OpaquePointer?
        let code = git_repository_open_ext(&raw, path, 0, nil)
        if code < 0 {
            let error = GitError.last("git_repository_open_ext", code: code)
            // libgit2 1.5 reports a repository owned by another user as GIT_EOWNER, or, when no safe.directory is
            // configured at all, as GIT_ENOTFOUND for the missing setting: neither means "not a repository".
            if code == GIT_EOWNER.rawValue || error.message.contains("safe.directory")
                || error.message.contains("not owned by current user")
            {
                let location = ownedRepositoryFolder(above: path)
                throw GitError(
                    message: """
                        detected dubious ownership in repository at '\(location)'
                        It belongs to another user, and git and pm refuse to use it unless you trust it.
                        To add an exception for this directory, call:

                        \tgit config --global --add safe.directory \(location)
                        """,
                    function: "git_repository_open_ext", code: GIT_EOWNER.rawValue)
            }
            if code == GIT_ENOTFOUND.rawValue {
                throw GitError(
                    message: "not a git repository (or any of the parent directories): \(path)",
                    function: "git_repository_open_ext", code: code)
            }
            throw error
        }
        guard let raw else { throw GitError(message: "could not open \(path)", function: "git_repository_open_ext") }
        let repository = Repository(raw)
        if let indexFile = ProcessInfo.processInfo.environment["GIT_INDEX_FILE"], !indexFile.isEmpty {
            try repository.useIndexFile(indexFile)
        }
        try repository.applyShallowBoundary()
        return repository
    }

    /// The folder git names in its "dubious ownership" message: the nearest one above `path` with a `.git`, or that
    /// is a bare repository itself; `path` when there is none.
    private static func ownedRepositoryFolder(above path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var folder = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let manager = FileManager.default
        while true {
            if manager.fileExists(atPath: folder + "/.git") { return folder }
            if manager.fileExists(atPath: folder + "/HEAD"), manager.fileExists(atPath: folder + "/objects") { return folder }
            guard folder != "/", !folder.isEmpty else { return absolute }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// Creates a new repository (used by `pm`'s tests and demo, never implicitly).
    public static func create(at path: String, bare: Bool = false) throws -> Repository {
        Libgit2.ensureInitialized()
        var raw: OpaquePointer?
        try check(git_repository_init(&raw, path, bare ? 1 : 0), "git_repository_init")
        guard let raw else { throw GitError(message: "could not create \(path)", function: "git_repository_init") }
        return Repository(raw)
    }

    /// Honours `GIT_INDEX_FILE`, which git sets for hooks run by `git commit -a` or `git commit <path>`.
    private func useIndexFile(_ path: String) throws {
        let absolute = path.hasPrefix("/") ? path : (workingDirectory ?? FileManager.default.currentDirectoryPath) + "/" + path
        var index: OpaquePointer?
        try check(git_index_open(&index, absolute), "git_index_open(\(absolute))")
        guard let index else { throw GitError(message: "cannot open the index \(absolute)", function: "git_index_open") }
        defer { git_index_free(index) }
        try check(git_repository_set_index(pointer, index), "git_repository_set_index")
    }

    /// The version of the linked libgit2.
    public static var libgit2Version: String { Libgit2.version }

    // MARK: - Layout

    /// True for a repository without a working tree.
    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// The working tree's root, without a trailing slash; nil for a bare repository.
    public var workingDirectory: String? {
        guard let path = git_repository_workdir(pointer) else { return nil }
        return Repository.trimmingSlash(lenientString(path))
    }

    /// This worktree's git folder (`.git`, or `.git/worktrees/<name>` for a linked worktree).
    public var gitDirectory: String { Repository.trimmingSlash(lenientString(git_repository_path(pointer))) }

    /// The folder shared by all worktrees (objects, refs, config); where pm keeps its own files.
    public var commonDirectory: String { Repository.trimmingSlash(lenientString(git_repository_commondir(pointer))) }

    private static func trimmingSlash(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// An operation git has in progress that a commit must not interrupt.
    public enum State: String, Sendable {
        case none, merge, revert, cherryPick = "cherry-pick", bisect, rebase, applyMailbox = "am"
    }

    /// The operation in progress, if any.
    public var state: State {
        switch git_repository_state(pointer) {
        case Int32(GIT_REPOSITORY_STATE_NONE.rawValue): return .none
        case Int32(GIT_REPOSITORY_STATE_MERGE.rawValue): return .merge
        case Int32(GIT_REPOSITORY_STATE_REVERT.rawValue), Int32(GIT_REPOSITORY_STATE_REVERT_SEQUENCE.rawValue):
            return .revert
        case Int32(GIT_REPOSITORY_STATE_CHERRYPICK.rawValue), Int32(GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE.rawValue):
            return .cherryPick
        case Int32(GIT_REPOSITORY_STATE_BISECT.rawValue): return .bisect
        case Int32(GIT_REPOSITORY_STATE_APPLY_MAILBOX.rawValue): return .applyMailbox
        default: return .rebase
        }
    }

    // MARK: - HEAD and references

    /// Where HEAD points.
    public enum Head: Equatable, Sendable {
        /// On a branch; `commit` is nil while the branch is unborn (no commit yet).
        case branch(name: String, commit: OID?)
        /// Detached at a commit.
        case detached(OID)

        /// The commit HEAD resolves to, if any.
        public var commit: OID? {
            switch self {
            case .branch(_, let commit): return commit
            case .detached(let commit): return commit
            }
        }
    }

    /// Reads HEAD without failing on an unborn branch.
    public func head() throws -> Head {
        var reference: OpaquePointer?
        try check(git_reference_lookup(&reference, pointer, "HEAD"), "git_reference_lookup(HEAD)")
        guard let reference else { throw GitError(message: "HEAD is missing", function: "git_reference_lookup") }
        defer { git_reference_free(reference) }
        if git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC {
            let name = lenientString(git_reference_symbolic_target(reference))
            return .branch(name: name, commit: try referenceTarget(name))
        }
        guard let target = git_reference_target(reference) else {
            throw GitError(message: "HEAD points at nothing", function: "git_reference_target")
        }
        return .detached(OID(target.pointee))
    }

    /// The commit a reference points at (peeled), or nil when the reference does not exist.
    public func referenceTarget(_ name: String) throws -> OID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, pointer, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_reference_name_to_id(\(name))")
        return OID(oid)
    }

    /// Every reference whose name matches a glob (e.g. `refs/heads/*`), with the commit it points at.
    public func references(matching glob: String) throws -> [(name: String, target: OID)] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, pointer, glob), "git_reference_iterator_glob_new")
        guard let iterator else { return [] }
        defer { git_reference_iterator_free(iterator) }
        var result: [(name: String, target: OID)] = []
        while true {
            var reference: OpaquePointer?
            let code = git_reference_next(&reference, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "git_reference_next")
            guard let reference else { break }
            defer { git_reference_free(reference) }
            var peeled: OpaquePointer?
            guard git_reference_peel(&peeled, reference, GIT_OBJECT_COMMIT) == 0, let peeled else { continue }
            defer { git_object_free(peeled) }
            result.append((lenientString(git_reference_name(reference)), OID(git_object_id(peeled).pointee)))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Points `name` at `target` only if it still points at `expected` (nil: only if it does not exist yet).
    /// Throws a `GitError` with `isConcurrentModification` when another process moved it first.
    public func updateReference(_ name: String, to target: OID, expecting expected: OID?, message: String) throws {
        var reference: OpaquePointer?
        let code: Int32 = target.withRaw { targetID in
            if let expected {
                return expected.withRaw { expectedID in
                    git_reference_create_matching(&reference, pointer, name, targetID, 1, expectedID, message)
                }
            }
            return git_reference_create(&reference, pointer, name, targetID, 0, message)
        }
        if let reference { git_reference_free(reference) }
        try check(code, expected == nil ? "git_reference_create(\(name))" : "git_reference_create_matching(\(name))")
    }

    // MARK: - Objects

    /// Resolves any revision git understands (`HEAD~3`, a tag, a branch, an abbreviated id) to a commit.
    public func commit(revision: String) throws -> Commit {
        let revision = expandingShortID(revision)
        var object: OpaquePointer?
        let code = git_revparse_single(&object, pointer, revision)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EAMBIGUOUS.rawValue || code == GIT_EINVALIDSPEC.rawValue {
            throw GitError(
                message: "unknown revision '\(revision)': \(GitError.last("git_revparse_single", code: code).message)",
                function: "git_revparse_single", code: code)
        }
        try check(code, "git_revparse_single(\(revision))")
        guard let object else { throw GitError(message: "unknown revision '\(revision)'", function: "git_revparse_single") }
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        let peelCode = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT)
        if peelCode < 0 {
            throw GitError(message: "'\(revision)' does not name a commit", function: "git_object_peel", code: peelCode)
        }
        guard let peeled else { throw GitError(message: "'\(revision)' does not name a commit", function: "git_object_peel") }
        defer { git_object_free(peeled) }
        return Commit(peeled)
    }

    /// Reads one commit by id.
    public func commit(_ id: OID) throws -> Commit {
        var raw: OpaquePointer?
        try id.withRaw { try check(git_commit_lookup(&raw, pointer, $0), "git_commit_lookup(\(id.short))") }
        guard let raw else { throw GitError(message: "no commit \(id)", function: "git_commit_lookup") }
        defer { git_commit_free(raw) }
        return Commit(raw)
    }

    /// Opens a tree by id.
    public func tree(_ id: OID) throws -> Tree {
        var raw: OpaquePointer?
        try id.withRaw { try check(git_tree_lookup(&raw, pointer, $0), "git_tree_lookup(\(id.short))") }
        guard let raw else { throw GitError(message: "no tree \(id)", function: "git_tree_lookup") }
        return Tree(raw, repository: self)
    }

    /// The bytes of a blob.
    public func blob(_ id: OID) throws -> [UInt8] {
        var raw: OpaquePointer?
        try id.withRaw { try check(git_blob_lookup(&raw, pointer, $0), "git_blob_lookup(\(id.short))") }
        guard let raw else { throw GitError(message: "no blob \(id)", function: "git_blob_lookup") }
        defer { git_blob_free(raw) }
        let size = Int(git_blob_rawsize(raw))
        guard size > 0, let content = git_blob_rawcontent(raw) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// The bytes of the file at `path` in the tree of `commit`, or nil when there is no such file.
    public func file(at path: String, in commit: Commit) throws -> (id: OID, bytes: [UInt8])? {
        let tree = try self.tree(commit.treeID)
        guard let entry = try tree.entry(atPath: path), entry.kind == .blob else { return nil }
        return (entry.id, try blob(entry.id))
    }

    /// Writes bytes as a blob and returns its id.
    public func writeBlob(_ bytes: [UInt8]) throws -> OID {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try check(git_blob_create_from_buffer(&oid, pointer, buffer.baseAddress, buffer.count), "git_blob_create_from_buffer")
        }
        return OID(oid)
    }

    /// Writes a working-tree file as the blob `git add` would store: the `filter` attribute's driver (clean or the
    /// long-running process, `required` honoured), then `core.autocrlf`, `text`, `eol` and `ident`.
    /// Throws, naming the attribute and the driver, where git would refuse or the driver fails.
    public func writeBlob(fromWorkingTreePath path: String) throws -> OID {
        if isWorkingTreeLink(path) {
            var oid = git_oid()
            try check(git_blob_create_from_workdir(&oid, pointer, path), "git_blob_create_from_workdir(\(path))")
            return OID(oid)
        }
        return try writeBlob(cleanedWorkingTreeFile(path))
    }

    /// A change to apply to a tree.
    public enum TreeUpdate: Sendable {
        case upsert(path: String, blob: OID, mode: FileMode)
        case remove(path: String)
    }

    /// Writes a new tree: `base` (or the empty tree) with `updates` applied, and returns its id.
    public func writeTree(base: OID?, applying updates: [TreeUpdate]) throws -> OID {
        var baseTree: Tree?
        if let base { baseTree = try tree(base) }
        let paths = updates.map { update -> UnsafeMutablePointer<CChar>? in
            switch update {
            case .upsert(let path, _, _), .remove(let path): return strdup(path)
            }
        }
        defer { paths.forEach { free($0) } }
        var raw: [git_tree_update] = []
        for (update, path) in zip(updates, paths) {
            var item = git_tree_update()
            item.path = UnsafePointer(path)
            switch update {
            case .upsert(_, let blob, let mode):
                item.action = GIT_TREE_UPDATE_UPSERT
                item.id = blob.raw
                item.filemode = git_filemode_t(rawValue: mode.rawValue)
            case .remove:
                item.action = GIT_TREE_UPDATE_REMOVE
            }
            raw.append(item)
        }
        var oid = git_oid()
        if let baseTree {
            try check(git_tree_create_updated(&oid, pointer, baseTree.pointer, raw.count, raw), "git_tree_create_updated")
        } else {
            var builder: OpaquePointer?
            try check(git_treebuilder_new(&builder, pointer, nil), "git_treebuilder_new")
            guard let builder else { throw GitError(message: "no tree builder", function: "git_treebuilder_new") }
            var empty = git_oid()
            defer { git_treebuilder_free(builder) }
            try check(git_treebuilder_write(&empty, builder), "git_treebuilder_write")
            let emptyTree = try tree(OID(empty))
            try check(git_tree_create_updated(&oid, pointer, emptyTree.pointer, raw.count, raw), "git_tree_create_updated")
        }
        return OID(oid)
    }

    /// Writes a commit object (without moving any reference) and returns its id.
    public func writeCommit(
        tree treeID: OID, parents: [OID], author: Signature, committer: Signature, message: String
    ) throws -> OID {
        let tree = try self.tree(treeID)
        var parentHandles: [OpaquePointer?] = []
        defer { parentHandles.forEach { git_commit_free($0) } }
        for parent in parents {
            var raw: OpaquePointer?
            try parent.withRaw { try check(git_commit_lookup(&raw, pointer, $0), "git_commit_lookup(\(parent.short))") }
            parentHandles.append(raw)
        }
        var oid = git_oid()
        try author.withRaw { authorRaw in
            try committer.withRaw { committerRaw in
                try parentHandles.withUnsafeMutableBufferPointer { buffer in
                    try check(
                        git_commit_create(
                            &oid, pointer, nil, authorRaw, committerRaw, "UTF-8", message, tree.pointer,
                            buffer.count, buffer.baseAddress),
                        "git_commit_create")
                }
            }
        }
        return OID(oid)
    }

    // MARK: - Index and configuration

    /// The staging area, freshly read from disk.
    public func index() throws -> Index {
        var raw: OpaquePointer?
        try check(git_repository_index(&raw, pointer), "git_repository_index")
        guard let raw else { throw GitError(message: "no index", function: "git_repository_index") }
        let index = Index(raw, repository: self)
        try index.reload()
        return index
    }

    /// The configuration git itself would read here (system, global, repository).
    public func configuration() throws -> Config {
        var raw: OpaquePointer?
        try check(git_repository_config_snapshot(&raw, pointer), "git_repository_config_snapshot")
        guard let raw else { throw GitError(message: "no configuration", function: "git_repository_config") }
        return Config(raw)
    }

    /// The identity git would record for a new commit: `GIT_<ROLE>_NAME`/`_EMAIL`/`_DATE`, then
    /// `user.name`/`user.email` (and `EMAIL`), failing like git when there is none.
    public func signature(
        for role: SignatureRole, environment: [String: String] = ProcessInfo.processInfo.environment,
        now: Date = Date()
    ) throws -> Signature {
        let config = try configuration()
        func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        let name = try identityName(for: role, environment: environment, configuration: config)
        let email =
            try nonEmpty(environment["GIT_\(role.rawValue)_EMAIL"]) ?? config.string("user.email")
            ?? nonEmpty(environment["EMAIL"])
        guard let name, !name.isEmpty, let email, !email.isEmpty else {
            throw GitError(
                message: """
                    \(role == .author ? "Author" : "Committer") identity unknown

                    *** Please tell me who you are.

                    Run

                      git config --global user.email "you@example.com"
                      git config --global user.name "Your Name"

                    to set your account's default identity.
                    """,
                function: "signature")
        }
        var date = now
        var offset = TimeZone.current.secondsFromGMT(for: now) / 60
        if let text = environment["GIT_\(role.rawValue)_DATE"], !text.isEmpty {
            guard let parsed = Signature.parseGitDate(text) else {
                throw GitError(message: "invalid date format in GIT_\(role.rawValue)_DATE: \(text)", function: "signature")
            }
            date = parsed.date
            offset = parsed.offsetMinutes
        }
        return Signature(name: name, email: email, date: date, timeZoneOffsetMinutes: offset)
    }

    /// The name git would record for `role` (`GIT_<ROLE>_NAME`, then `user.name`), nil when none is set; unlike
    /// `signature`, it needs no e-mail address or date. Fails only when git's configuration cannot be read.
    public func identityName(
        for role: SignatureRole, environment: [String: String] = ProcessInfo.processInfo.environment,
        configuration config: Config? = nil
    ) throws -> String? {
        if let name = environment["GIT_\(role.rawValue)_NAME"], !name.isEmpty { return name }
        let configured = try (config ?? configuration()).string("user.name")
        return configured?.isEmpty == false ? configured : nil
    }
}

extension Repository {
    /// The id git gives these bytes as a blob (no filters applied, nothing written).
    public static func blobID(of bytes: [UInt8]) throws -> OID {
        Libgit2.ensureInitialized()
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try check(git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB), "git_odb_hash")
        }
        return OID(oid)
    }

    /// The id the working-tree file at `path` would get if staged (`git hash-object --path=<path>`: every filter
    /// `writeBlob(fromWorkingTreePath:)` applies), without writing an object; nil when the file does not exist.
    public func hashWorkingTreeFile(_ path: String) throws -> OID? {
        guard let root = workingDirectory else { return nil }
        var status = stat()
        guard lstat(root + "/" + path, &status) == 0 else { return nil }
        if (status.st_mode & S_IFMT) == S_IFLNK {
            guard FileManager.default.fileExists(atPath: root + "/" + path) else { return nil }
            var oid = git_oid()
            try check(
                git_repository_hashfile(&oid, pointer, root + "/" + path, GIT_OBJECT_BLOB, path),
                "git_repository_hashfile(\(path))")
            return OID(oid)
        }
        return try Repository.blobID(of: cleanedWorkingTreeFile(path))
    }
}
