import Foundation
import Git

/// The repository seen as a database of postmortems: configuration, reading at any revision, resolving references.
///
/// Writing lives in `PostmortemStore+Writing.swift`. Not `Sendable`: it owns a libgit2 handle.
public final class PostmortemStore {
    /// The repository's libgit2 handle: PostmortemKit's own, never handed out (see `PostmortemStore+Repository`).
    let repository: Repository
    public let configuration: Configuration
    /// Gets one-line notices about the store's own housekeeping (waiting for another writer, cleaning up after
    /// one that was killed); the CLI prints them on stderr.
    public var notify: (String) -> Void = { _ in }
    /// Gets warnings about files pm has to leave out (a name that is not UTF-8); the CLI prints them on stderr.
    public var warn: (String) -> Void = { _ in }
    /// Set once the notice that a shallow clone's history is cut has been given.
    private var shallowHistoryNoted = false
    /// The paths already warned about, so that each is named once.
    private var reportedNames: Set<String> = []

    init(repository: Repository, configuration: Configuration) {
        self.repository = repository
        self.configuration = configuration
    }

    /// Opens the repository containing `path` and reads its `.pmconfig` (from the working tree, or HEAD when bare).
    public static func open(at path: String) throws -> PostmortemStore {
        let repository: Repository
        do {
            repository = try Repository.discover(from: path)
        } catch let error as GitError {
            throw StoreError(
                .failure, error.message,
                hint: error.isNotFound ? "Run 'pm init' inside a git repository, or 'git init' first." : nil)
        }
        let configuration = try loadConfiguration(repository)
        try checkConfiguredPaths(configuration, in: repository)
        return PostmortemStore(repository: repository, configuration: configuration)
    }

    private static func loadConfiguration(_ repository: Repository) throws -> Configuration {
        if let root = repository.workingDirectory {
            let path = root + "/" + Configuration.fileName
            if FileManager.default.fileExists(atPath: path), !isInside(root: root, path: path) {
                throw ConfigurationError(
                    message: "is a symbolic link that leads outside the repository; pm will not read it",
                    path: Configuration.fileName)
            }
            return try Configuration.load(contentsOf: path)
        }
        // Only an unborn branch has no configuration to read: a HEAD that cannot be read must not check a push
        // against the built-in rules instead of the team's.
        let file: (id: OID, bytes: [UInt8])?
        do {
            guard let head = try repository.head().commit else { return Configuration() }
            file = try repository.file(at: Configuration.fileName, in: try repository.commit(head))
        } catch let error as GitError {
            throw StoreError(
                .failure, "cannot read \(Configuration.fileName) at HEAD: \(error.message)",
                hint: "Repair HEAD (git fsck shows what is wrong); pm will not check against the default rules instead.")
        }
        guard let file else { return Configuration() }
        return try Configuration.parse(String(decoding: file.bytes, as: UTF8.self), path: "HEAD:" + Configuration.fileName)
    }

    /// The working tree's root; throws a clear error for a bare repository.
    public func requireWorkingDirectory(for action: String) throws -> String {
        guard let root = repository.workingDirectory else {
            throw StoreError(
                .refused,
                "\(action) needs a working tree, and this repository is bare (\(repository.gitDirectory)). Clone it and run pm in the clone."
            )
        }
        return root
    }

    /// Says once, through `notify`, that this is a shallow clone and that history stops at its boundary: what a
    /// command reads from history then starts at the boundary commits, which count as the first ones.
    public func noteShallowHistory() {
        guard !shallowHistoryNoted else { return }
        shallowHistoryNoted = true
        let boundary = repository.shallowBoundary.count
        guard boundary > 0 else { return }
        notify(
            "this is a shallow clone: history stops at \(boundary == 1 ? "1 commit" : "\(boundary) commits") whose parents were not fetched; pm reads what is there ('git fetch --unshallow' fetches the rest)"
        )
    }

    /// Warns once about a file or folder whose name is not UTF-8: pm paths are text, and a name decoded leniently
    /// names no file, so it is left out and the rest carries on. `path` shows the bad bytes as `\xHH`.
    func reportNonUTF8Name(_ path: String, isFolder: Bool = false) {
        guard reportedNames.insert(path).inserted else { return }
        warn(
            "\(path)\(isFolder ? "/" : ""): the \(isFolder ? "folder" : "file") name is not valid UTF-8, so pm skips \(isFolder ? "the postmortems in it" : "it"); rename it with 'git mv'"
        )
    }

    // MARK: - Reading

    /// Where to read postmortems from.
    public enum Source: Sendable, Equatable {
        /// The files on disk (HEAD in a bare repository).
        case workingTree
        /// The tree of a commit, named as git would (`HEAD~1`, a tag, an id).
        case revision(String)
    }

    /// Every postmortem file in the configured folder, with its content, sorted by path.
    public func files(at source: Source = .workingTree) throws -> [PostmortemFile] {
        switch source {
        case .workingTree:
            guard let root = repository.workingDirectory else { return try files(at: .revision("HEAD")) }
            return try workingTreePaths(root: root).map { item in
                guard let data = FileManager.default.contents(atPath: item.readPath) else {
                    throw StoreError(.failure, "cannot read \(item.path) (check its permissions)")
                }
                return PostmortemFile(path: item.path, bytes: [UInt8](data))
            }
        case .revision(let revision):
            return try revisionEntries(revision).map { PostmortemFile(path: $0.path, bytes: try repository.blob($0.id)) }
        }
    }

    /// The paths of every postmortem file at `source`, without reading their content.
    public func paths(at source: Source = .workingTree) throws -> [String] {
        switch source {
        case .workingTree:
            guard let root = repository.workingDirectory else { return try paths(at: .revision("HEAD")) }
            return try workingTreePaths(root: root).map(\.path)
        case .revision(let revision):
            return try revisionEntries(revision).map(\.path)
        }
    }

    /// The postmortem blobs in the tree of `revision`: regular `*.md` files, no hidden folders below the folder.
    private func revisionEntries(_ revision: String) throws -> [TreeEntry] {
        let commit = try commit(revision)
        return try repository.tree(commit.treeID).files(under: configuration.directory).filter { entry in
            guard entry.isRegularFile && PostmortemFile.isPostmortemPath(entry.path, inFolder: configuration.directory) else {
                return false
            }
            if !entry.isUTF8 { reportNonUTF8Name(entry.path) }
            return entry.isUTF8
        }
    }

    /// Resolves a revision to a commit, with an error that names it; an unborn HEAD has no postmortems.
    public func commit(_ revision: String) throws -> Commit {
        do {
            return try repository.commit(revision: revision)
        } catch let error as GitError {
            // Only the wording depends on HEAD: an unreadable one gets libgit2's own message below.
            if revision == "HEAD", case .branch(let name, nil)? = try? repository.head() {
                throw StoreError(
                    .notFound, "the branch '\(name.replacingOccurrences(of: "refs/heads/", with: ""))' has no commits yet")
            }
            throw StoreError(.notFound, error.message)
        }
    }

    /// Postmortem files under the folder in the working tree: the path to report and the path to read (a
    /// symlink's target). Symlinks that lead outside the repository, or dangle, are never followed.
    /// Uses `readdir`'s file types and `lstat` directly: this listing is on the path of every command.
    private func workingTreePaths(root: String) throws -> [(path: String, readPath: String)] {
        var status = stat()
        guard stat(root + "/" + configuration.directory, &status) == 0 else { return [] }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw StoreError(
                .failure,
                "the postmortem folder '\(configuration.directory)' is a file; move it away or set pm.directory in .pmconfig")
        }
        let realRoot = Self.realPath(root) ?? root
        // `stat` and `opendir` follow links: a postmortem folder that is (or sits under) a symbolic link out of the
        // repository had every file behind the link listed, shown and searched. It is refused like a file link.
        guard let realFolder = Self.realPath(root + "/" + configuration.directory), realFolder.hasPrefix(realRoot + "/")
        else {
            throw StoreError(
                .refused,
                "the postmortem folder '\(configuration.directory)' is a symbolic link that leads outside the repository; pm will not read it. Replace it with a folder, or set pm.directory in .pmconfig"
            )
        }
        var result: [(path: String, readPath: String)] = []
        var pending = [configuration.directory]
        while let relative = pending.popLast() {
            guard let folder = opendir(root + "/" + relative) else {
                throw StoreError(.failure, "cannot read the folder \(relative): \(String(cString: strerror(errno)))")
            }
            defer { closedir(folder) }
            while let entry = readdir(folder) {
                let decoded = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                    PathBytes.text(of: buffer.prefix { $0 != 0 })
                }
                let name = decoded.text
                guard !name.hasPrefix("."), !name.hasPrefix("_") else { continue }
                let path = relative + "/" + name
                let full = root + "/" + path
                var type = entry.pointee.d_type
                guard decoded.isUTF8 else {
                    // Its path as text names no file (`full` is not the bytes on disk): reported, not read.
                    if type == UInt8(DT_DIR) {
                        reportNonUTF8Name(path, isFolder: true)
                    } else if PostmortemFile.isPostmortemName(name) {
                        reportNonUTF8Name(path)
                    }
                    continue
                }
                if type == UInt8(DT_UNKNOWN) {
                    guard lstat(full, &status) == 0 else { continue }
                    type = Self.direntType(status.st_mode)
                }
                switch type {
                case UInt8(DT_DIR):
                    pending.append(path)
                case UInt8(DT_REG):
                    if PostmortemFile.isPostmortemName(name) { result.append((path, full)) }
                case UInt8(DT_LNK):
                    // Followed only when it stays inside the repository; never into a folder (no cycles).
                    guard PostmortemFile.isPostmortemName(name), let target = Self.realPath(full),
                        target.hasPrefix(realRoot + "/"),
                        stat(target, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG
                    else { continue }
                    result.append((path, target))
                default:
                    continue
                }
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func direntType(_ mode: mode_t) -> UInt8 {
        switch mode & S_IFMT {
        case S_IFDIR: return UInt8(DT_DIR)
        case S_IFREG: return UInt8(DT_REG)
        case S_IFLNK: return UInt8(DT_LNK)
        default: return UInt8(DT_UNKNOWN)
        }
    }

    // MARK: - References

    /// Finds the one postmortem a user means: an id, a path (relative to `currentDirectory` or the root),
    /// or a unique substring of an id. Ambiguity is an error that lists the candidates.
    /// A reference with accents or spaces (`zürich café`) also matches through its slug (`zurich-cafe`).
    /// - Parameter source: where `files` came from, to name it in the error.
    public func resolve(
        _ reference: String, among files: [PostmortemFile], currentDirectory: String, at source: Source = .workingTree
    ) throws -> PostmortemFile {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw StoreError(.notFound, "an empty reference names no postmortem") }
        if trimmed.contains("/") || trimmed.hasSuffix(".md") {
            let candidates = [relativePath(of: trimmed, from: currentDirectory), trimmed]
            if let file = files.first(where: { candidates.contains($0.path) }) { return file }
        }
        let exact = files.filter { $0.id == trimmed }
        if exact.count == 1, let only = exact.first { return only }
        if exact.count > 1 {
            let list = exact.map { "  \($0.path)" }.joined(separator: "\n")
            throw StoreError(
                .notFound, "'\(reference)' is the id of \(exact.count) postmortems:\n\(list)", hint: "Use the path to pick one.")
        }
        let needle = trimmed.lowercased().hasSuffix(".md") ? String(trimmed.lowercased().dropLast(3)) : trimmed.lowercased()
        var matches = files.filter { $0.id.lowercased().contains(needle) }
        let slug = Slug.make(trimmed)
        if matches.isEmpty, slug != needle, slug != Slug.make("") {
            matches = files.filter { $0.id.contains(slug) }
        }
        if matches.count == 1, let only = matches.first { return only }
        if matches.count > 1 {
            let ids = matches.map(\.id)
            let showPaths = Set(ids).count != ids.count
            let list = matches.prefix(20).map { "  \(showPaths ? $0.path : $0.id)" }.joined(separator: "\n")
            let more = matches.count > 20 ? "\n  … and \(matches.count - 20) more" : ""
            throw StoreError(
                .notFound, "'\(reference)' matches \(matches.count) postmortems:\n\(list)\(more)",
                hint: "Use more of the id to pick one.")
        }
        var message = "no postmortem matches '\(reference)' in \(configuration.directory)/"
        if case .revision(let revision) = source { message += " at \(revision)" }
        let nearest = EditDistance.nearest(to: trimmed, among: files.map(\.id), limit: max(3, trimmed.count / 3))
        throw StoreError(
            .notFound, message, hint: nearest.map { "Did you mean '\($0)'?" } ?? "Run 'pm list' to see the ids.")
    }

    /// Resolves `reference` among the postmortems at `source` and reads only that one file.
    /// At a revision, a postmortem renamed since (`pm mv`, `pm import`, a `git mv`) is found by the name it has now
    /// too, under the path it had then, following renames back like `git log --follow`.
    public func resolveFile(_ reference: String, at source: Source = .workingTree, currentDirectory: String) throws
        -> PostmortemFile
    {
        let candidates = try paths(at: source).map { PostmortemFile(path: $0, bytes: []) }
        do {
            let path = try resolve(reference, among: candidates, currentDirectory: currentDirectory, at: source).path
            return try file(at: path, source: source)
        } catch let error as StoreError where error.kind == .notFound {
            guard case .revision(let revision) = source,
                let followed = try fileFollowingRenames(reference, at: revision, currentDirectory: currentDirectory)
            else { throw error }
            return followed
        }
    }

    /// The postmortem `reference` names now (in the working tree), as it was at `revision`, under the path it had
    /// then; nil when it names none now or did not exist then.
    private func fileFollowingRenames(_ reference: String, at revision: String, currentDirectory: String) throws
        -> PostmortemFile?
    {
        let now = try paths(at: .workingTree).map { PostmortemFile(path: $0, bytes: []) }
        // A reference that names no postmortem now (or several) leaves the error about the revision to be reported.
        guard let current = try? resolve(reference, among: now, currentDirectory: currentDirectory, at: .workingTree),
            try headCommit() != nil
        else { return nil }
        let target = try commit(revision).id
        for entry in try history(of: current.path) where entry.change != .deleted {
            if try entry.commit.id == target || repository.contains(entry.commit.id, in: target) {
                return try file(at: entry.path, source: .revision(revision))
            }
        }
        return nil
    }

    /// The postmortem file at `path` (relative to the root) at `source`.
    public func file(at path: String, source: Source = .workingTree) throws -> PostmortemFile {
        switch source {
        case .workingTree:
            guard let root = repository.workingDirectory else { return try file(at: path, source: .revision("HEAD")) }
            guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
                throw StoreError(.failure, "cannot read \(path) (check that it exists and its permissions)")
            }
            return PostmortemFile(path: path, bytes: [UInt8](data))
        case .revision(let revision):
            guard let stored = try repository.file(at: path, in: commit(revision)) else {
                throw StoreError(.notFound, "\(path) does not exist at \(revision)")
            }
            return PostmortemFile(path: path, bytes: stored.bytes)
        }
    }

    /// Turns a path typed by the user (relative to where they are) into a path relative to the repository root.
    public func relativePath(of path: String, from currentDirectory: String) -> String {
        let root = repository.workingDirectory ?? ""
        let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let realPath = URL(fileURLWithPath: standardized).resolvingSymlinksInPath().path
        for (base, full) in [(root, standardized), (realRoot, realPath), (realRoot, standardized)] where !base.isEmpty {
            if full.hasPrefix(base + "/") { return String(full.dropFirst(base.count + 1)) }
        }
        return path
    }
}
