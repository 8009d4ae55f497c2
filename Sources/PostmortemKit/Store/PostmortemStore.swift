import Foundation
import Git

/// The repository seen as a database of postmortems: configuration, reading at any revision, resolving references.
///
/// Writing lives in `PostmortemStore+Writing.swift`. Not `Sendable`: it owns a libgit2 handle.
public final class PostmortemStore {
    public let repository: Repository
    public let configuration: Configuration

    public init(repository: Repository, configuration: Configuration) {
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
                .failure,
                error.isNotFound ? "\(error.message)\nRun 'pm init' inside a git repository, or 'git init' first." : error.message
            )
        }
        return PostmortemStore(repository: repository, configuration: try loadConfiguration(repository))
    }

    private static func loadConfiguration(_ repository: Repository) throws -> Configuration {
        if let root = repository.workingDirectory {
            return try Configuration.load(contentsOf: root + "/" + Configuration.fileName)
        }
        guard let head = try? repository.head().commit, let commit = try? repository.commit(head),
            let file = try repository.file(at: Configuration.fileName, in: commit)
        else { return Configuration() }
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
        let prefix = configuration.directory + "/"
        return try repository.tree(commit.treeID).files(under: configuration.directory).filter { entry in
            let below = entry.path.hasPrefix(prefix) ? entry.path.dropFirst(prefix.count) : Substring(entry.path)
            return entry.isRegularFile && PostmortemFile.isPostmortemName((entry.path as NSString).lastPathComponent)
                && !below.split(separator: "/").contains { $0.hasPrefix(".") || $0.hasPrefix("_") }
        }
    }

    /// Resolves a revision to a commit, with an error that names it; an unborn HEAD has no postmortems.
    public func commit(_ revision: String) throws -> Commit {
        do {
            return try repository.commit(revision: revision)
        } catch let error as GitError {
            if revision == "HEAD", case .branch(let name, nil)? = try? repository.head() {
                throw StoreError(
                    .notFound, "the branch '\(name.replacingOccurrences(of: "refs/heads/", with: ""))' has no commits yet")
            }
            throw StoreError(.notFound, error.message)
        }
    }

    /// Postmortem files under the folder in the working tree: the path to report and the path to read (a
    /// symlink's target). Symlinks that lead outside the repository, or dangle, are never followed.
    private func workingTreePaths(root: String) throws -> [(path: String, readPath: String)] {
        let folder = root + "/" + configuration.directory
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else {
            throw StoreError(
                .failure,
                "the postmortem folder '\(configuration.directory)' is a file; move it away or set pm.directory in .pmconfig")
        }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var result: [(path: String, readPath: String)] = []
        var pending = [configuration.directory]
        while let relative = pending.popLast() {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: root + "/" + relative)
            } catch {
                throw StoreError(.failure, "cannot read the folder \(relative): \(error.localizedDescription)")
            }
            for name in names where !name.hasPrefix(".") && !name.hasPrefix("_") {
                let path = relative + "/" + name
                let full = root + "/" + path
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
                    let type = attributes[.type] as? FileAttributeType
                else { continue }
                var target = full
                var targetType = type
                if type == .typeSymbolicLink {
                    let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
                    guard resolved.hasPrefix(realRoot + "/"),
                        let resolvedType = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type]
                            as? FileAttributeType
                    else { continue }
                    target = resolved
                    targetType = resolvedType
                }
                if targetType == .typeDirectory {
                    if type != .typeSymbolicLink { pending.append(path) }
                } else if targetType == .typeRegular, PostmortemFile.isPostmortemName(name) {
                    result.append((path, target))
                }
            }
        }
        return result.sorted { $0.path < $1.path }
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
                .notFound, "'\(reference)' is the id of \(exact.count) postmortems:\n\(list)\nUse the path to pick one.")
        }
        let needle = trimmed.lowercased().hasSuffix(".md") ? String(trimmed.lowercased().dropLast(3)) : trimmed.lowercased()
        var matches = files.filter { $0.id.lowercased().contains(needle) }
        let slug = Slug.make(trimmed)
        if matches.isEmpty, slug != needle, slug != Slug.make("") {
            matches = files.filter { $0.id.contains(slug) }
        }
        if matches.count == 1, let only = matches.first { return only }
        if matches.count > 1 {
            let list = matches.prefix(20).map { "  \($0.id)" }.joined(separator: "\n")
            let more = matches.count > 20 ? "\n  … and \(matches.count - 20) more" : ""
            throw StoreError(
                .notFound, "'\(reference)' matches \(matches.count) postmortems:\n\(list)\(more)\nUse more of the id to pick one."
            )
        }
        var message = "no postmortem matches '\(reference)' in \(configuration.directory)/"
        if case .revision(let revision) = source { message += " at \(revision)" }
        if let nearest = EditDistance.nearest(to: trimmed, among: files.map(\.id), limit: max(3, trimmed.count / 3)) {
            message += "\nDid you mean '\(nearest)'?"
        } else {
            message += "\nRun 'pm list' to see the ids."
        }
        throw StoreError(.notFound, message)
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
