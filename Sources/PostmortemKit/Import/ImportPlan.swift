import Foundation
import Git

/// What `pm import` will do to a collection: each file's conversion and new path, the files it leaves alone, and the
/// ones it cannot import. Made without writing anything.
public struct ImportPlan: Sendable {
    /// One file to convert.
    public struct Entry: Sendable {
        /// Where it is, and where it goes (the same path when it stays).
        public let from: String
        public let to: String
        /// Its bytes now, and what they become.
        public let original: [UInt8]
        public let conversion: ImportConversion
        /// Its blob at HEAD, which must still be there when pm commits.
        let base: OID?
        /// True when the file is moved in a commit of its own before it is converted: the conversion changes so much
        /// of a short file that git (or libgit2) would not see the move and the conversion together as a rename.
        public let movedFirst: Bool

        /// True when the file changes path.
        public var isMoved: Bool { from != to }
    }

    /// The postmortem folder.
    public let directory: String
    /// The files to convert, by their current path.
    public var entries: [Entry] = []
    /// Files that already are pm postmortems, named for their date: left alone.
    public var postmortems: [String] = []
    /// Markdown files pm does not import, with why: a README, an index, a hidden or set-aside name, a link.
    public var setAside: [(path: String, reason: String)] = []
    /// Files that cannot be imported, with where and why; they are left as they are.
    public var problems: [ImportProblem] = []

    /// True when there is nothing to convert.
    public var isEmpty: Bool { entries.isEmpty }

    /// The plan for the Markdown files at `paths` (relative to the repository root: files, or folders read
    /// recursively), converted with `options`.
    public static func make(store: PostmortemStore, paths: [String], options: ImportOptions) throws -> ImportPlan {
        let root = try store.requireWorkingDirectory(for: "pm import")
        var plan = ImportPlan(directory: store.configuration.directory)
        var candidates: [String] = []
        for path in paths {
            let listing = try MarkdownListing.files(at: path, root: root)
            candidates += listing.files
            plan.setAside += listing.setAside
        }
        candidates = Array(Set(candidates)).sorted()
        let converter = ImportConverter(options: options)
        var converted: [(path: String, bytes: [UInt8], base: OID?, conversion: ImportConversion)] = []
        for path in candidates {
            guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
                plan.problems.append(ImportProblem(path, "cannot be read (check its permissions)"))
                continue
            }
            let bytes = [UInt8](data)
            let base = try store.headBlob(of: path)
            if base == nil {
                plan.problems.append(
                    ImportProblem(
                        path,
                        "is not committed: commit the collection as it is first ('git add' and 'git commit'), so that its history keeps the original, then run pm import again"
                    ))
                continue
            }
            if try store.hasUncommittedChanges(path) || store.hasStagedChanges(path) {
                plan.problems.append(
                    ImportProblem(
                        path,
                        "has changes that are not committed: commit or stash them ('git stash'), then run pm import again"
                    ))
                continue
            }
            let inFolder = path.hasPrefix(plan.directory + "/")
            if inFolder, ImportConverter.isPostmortem(path: path, bytes: bytes, timeZone: options.timeZone) {
                plan.postmortems.append(path)
                continue
            }
            let result = converter.convert(path: path, bytes: bytes) {
                try? Self.firstCommit(of: path, store: store, timeZone: options.timeZone)
            }
            switch result {
            case .success(let conversion): converted.append((path, bytes, base, conversion))
            case .failure(let problem): plan.problems.append(problem)
            }
        }
        let targets = try Self.targets(
            for: converted.map { ($0.path, $0.conversion) }, directory: plan.directory, store: store, root: root)
        for (file, target) in zip(converted, targets) {
            let movedFirst = file.path != target && !RenameSimilarity.isRename(from: file.bytes, to: file.conversion.bytes)
            plan.entries.append(
                Entry(
                    from: file.path, to: target, original: file.bytes, conversion: file.conversion, base: file.base,
                    movedFirst: movedFirst))
        }
        return plan
    }

    /// The day (in pm's time zone) and short id of the commit that added `path`, following renames back.
    static func firstCommit(of path: String, store: PostmortemStore, timeZone: TimeZone) throws -> (
        date: LocalDate, commit: String
    )? {
        guard let oldest = try store.history(of: path).last else { return nil }
        return (LocalDate(oldest.commit.author.date, in: timeZone), oldest.commit.id.short)
    }

    /// The new path of each file: its own name when that is already an id starting with its date, else
    /// `YYYY-MM-DD-slug.md` from its date and title, with `-2`, `-3`… while another postmortem (at HEAD, in the
    /// working tree, or earlier in this import) has the id or anything is at the path. A file in the postmortem
    /// folder stays in its sub-folder; a file from elsewhere goes to the folder itself.
    static func targets(
        for files: [(path: String, conversion: ImportConversion)], directory: String, store: PostmortemStore, root: String
    ) throws -> [String] {
        let moving = Set(files.map(\.path))
        var existing = try store.paths(at: .workingTree)
        if try store.headCommit() != nil { existing += try store.paths(at: .revision("HEAD")) }
        // The ids of the files being converted are free: those files go.
        var taken = Set(existing.filter { !moving.contains($0) }.map(PostmortemFile.id(ofPath:)))
        var targets = [String?](repeating: nil, count: files.count)
        func folder(of path: String) -> String {
            guard path.hasPrefix(directory + "/") else { return directory }
            return (path as NSString).deletingLastPathComponent
        }
        // A path is free for a file when it is the file's own, or nothing is there (not even another file of the import,
        // which one commit could not both remove and add).
        func isFree(_ path: String, for file: String) -> Bool {
            path == file
                || (!targets.contains(path) && (try? FileManager.default.attributesOfItem(atPath: root + "/" + path)) == nil)
        }
        // Files already named after their id keep the name, and are placed first.
        for (index, file) in files.enumerated() {
            var name = PostmortemFile.id(ofPath: file.path)
            if name.lowercased().hasSuffix(".markdown") { name = String(name.dropLast(".markdown".count)) }
            guard let id = PostmortemID(validating: name), id.date == file.conversion.date, !taken.contains(name) else {
                continue
            }
            let path = folder(of: file.path) + "/" + name + ".md"
            guard isFree(path, for: file.path) else { continue }
            targets[index] = path
            taken.insert(name)
        }
        for (index, file) in files.enumerated() where targets[index] == nil {
            let base = slugID(date: file.conversion.date, title: file.conversion.title)
            var suffix = 1
            while true {
                let id = suffix == 1 ? base : "\(base)-\(suffix)"
                let path = folder(of: file.path) + "/" + id + ".md"
                if !taken.contains(id), isFree(path, for: file.path) {
                    targets[index] = path
                    taken.insert(id)
                    break
                }
                suffix += 1
            }
        }
        return targets.map { $0 ?? "" }
    }

    /// The id from `date` and `title`, without the date a second time when the title writes it
    /// (`Incident report: checkout 500s 2022-02-14` → `2022-02-14-incident-report-checkout-500s`); the title itself
    /// is kept as written. A title that is only the date keeps it.
    static func slugID(date: LocalDate, title: String) -> String {
        let rest = DateFinder.removing(date, from: title)
        let id = PostmortemID.make(date: date, title: rest)
        guard rest != title, !id.slug.isEmpty, id.slug != PostmortemID.make(date: date, title: "").slug else {
            return PostmortemID.make(date: date, title: title).rawValue
        }
        return id.rawValue
    }
}

/// The Markdown files `pm import` considers under a path, and those it sets aside.
enum MarkdownListing {
    /// The Markdown files (`.md`, `.markdown`) at `path` (relative to `root`): the file itself, or every one below the
    /// folder, except READMEs, indexes, names starting with `.` or `_` below it, files in an asset folder
    /// (`assetFolders`) below it, and links. Other files (images,
    /// assets) are not listed: pm leaves them where they are.
    static func files(at path: String, root: String) throws -> (files: [String], setAside: [(path: String, reason: String)]) {
        var status = stat()
        guard lstat(root + "/" + path, &status) == 0 else {
            throw StoreError(.notFound, "\(path) does not exist; name a folder or Markdown file of the collection")
        }
        var files: [String] = []
        var setAside: [(String, String)] = []
        if (status.st_mode & S_IFMT) != S_IFDIR {
            guard isMarkdown(path) else {
                throw StoreError(.refused, "\(path) is not a Markdown file (.md or .markdown); pm imports Markdown only")
            }
            guard (status.st_mode & S_IFMT) == S_IFREG else {
                throw StoreError(.refused, "\(path) is a symbolic link or not a regular file; pm does not import through links")
            }
            return ([path], [])
        }
        var pending = [(path, false)]
        while let (folder, inAssets) = pending.popLast() {
            let names = try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder).sorted()
            for name in names {
                let child = folder == "." ? name : folder + "/" + name
                if name == ".git" { continue }
                guard lstat(root + "/" + child, &status) == 0 else { continue }
                let type = status.st_mode & S_IFMT
                if type == S_IFDIR {
                    if name.hasPrefix(".") || name.hasPrefix("_") { continue }
                    pending.append((child, inAssets || assetFolders.contains(name.lowercased())))
                    continue
                }
                guard isMarkdown(name) else { continue }
                let lower = name.lowercased()
                if inAssets {
                    setAside.append((child, "in an asset folder"))
                } else if lower == "readme.md" || lower == "readme.markdown" {
                    setAside.append((child, "a README, not a postmortem"))
                } else if lower == "index.md" || lower == "index.markdown" {
                    setAside.append((child, "an index page, not a postmortem"))
                } else if name.hasPrefix(".") || name.hasPrefix("_") {
                    setAside.append((child, "set aside by its name (starting with '.' or '_')"))
                } else if type != S_IFREG {
                    setAside.append((child, "a symbolic link or not a regular file"))
                } else {
                    files.append(child)
                }
            }
        }
        return (files.sorted(), setAside.sorted { $0.0 < $1.0 })
    }

    /// Folders of a collection that hold what its documents show or link to (images, attachments): a Markdown file
    /// below one is a note about them, not a postmortem.
    static let assetFolders: Set<String> = ["images", "assets", "img", "static", "attachments"]

    static func isMarkdown(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
    }
}
