import Foundation
import Git

/// Puts a site's files into its folder, touching nothing it did not write before.
///
/// The folder is created when missing. A folder that holds anything must have the marker file `.pm-site`, which
/// lists the files pm wrote there: only those are overwritten, and those a new build no longer has are removed.
/// Any other file in the way stops the write before anything is changed, and so does a symbolic link or a folder
/// where a file goes: pm never writes through a link, so nothing outside the folder is ever touched. Each file is
/// written to a temporary file beside it and renamed over the old one, so a web server never serves half a page.
public struct SiteWriter {
    /// What a write did, paths relative to the folder.
    public struct Result: Sendable {
        /// Files written because they were new or changed.
        public var written: [String]
        /// Files already as they should be, left alone.
        public var unchanged: [String]
        /// Files of an earlier build that this one no longer has.
        public var removed: [String]
    }

    /// The marker that says pm wrote the folder, and lists what it wrote.
    public static let markerName = ".pm-site"
    static let markerHeader = """
        pm site
        # This folder was written by 'pm site'. pm overwrites and removes only the files listed below; anything else
        # here is left alone. Without this file, pm refuses to write into the folder unless it is empty.

        """

    /// The folder, absolute.
    public let directory: String
    /// How to name the folder in messages (as the user wrote it).
    public let displayName: String

    public init(directory: String, displayName: String) {
        self.directory = directory
        self.displayName = displayName
    }

    // MARK: - Where

    /// Refuses a folder that is not a safe place for the site of `repository`: inside its git folder or its
    /// postmortem folder (always), or inside its working tree where git does not ignore it, unless
    /// `allowingTrackedLocation` (`--force`): the pages would show as untracked files, one `git add -A` from being
    /// committed.
    public func checkLocation(in repository: Repository, postmortemFolder: String, allowingTrackedLocation: Bool) throws {
        let target = SiteWriter.resolved(directory)
        func isInside(_ folder: String) -> Bool {
            let base = SiteWriter.resolved(folder)
            return target == base || target.hasPrefix(base.hasSuffix("/") ? base : base + "/")
        }
        for folder in Set([repository.gitDirectory, repository.commonDirectory]) where isInside(folder) {
            throw SiteError("\(displayName) is inside the repository's git folder (\(folder)); choose a folder outside it")
        }
        guard let root = repository.workingDirectory else { return }
        if isInside(root + "/" + postmortemFolder) {
            throw SiteError(
                "\(displayName) is inside the postmortem folder '\(postmortemFolder)/'; the site must not mix with the postmortems. "
                    + "Choose another folder, e.g. 'pm site ../postmortem-site'")
        }
        let realRoot = SiteWriter.resolved(root)
        guard isInside(root), !allowingTrackedLocation else { return }
        let relative = target == realRoot ? "" : String(target.dropFirst(realRoot.count + 1))
        if !relative.isEmpty, try repository.isIgnored(relative + "/") { return }
        let suggestion = relative.isEmpty ? "a folder outside the repository" : "'\(relative)/'"
        throw SiteError(
            """
            \(displayName) is inside this repository's working tree and git does not ignore it: the generated pages would \
            show up as untracked files, one 'git add' away from being committed.
            Add \(suggestion) to .gitignore, write the site outside the repository, or pass --force to write it there anyway.
            """)
    }

    /// `path` with `.` and `..` resolved and every symbolic link of its existing part followed; the part that does
    /// not exist yet is appended as written.
    static func resolved(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while !existing.isEmpty, existing != "/", access(existing, F_OK) != 0 {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        var base = existing
        if let real = realpath(existing, nil) {
            base = String(cString: real)
            free(real)
        }
        return rest.reduce(base) { $0.hasSuffix("/") ? $0 + $1 : $0 + "/" + $1 }
    }

    // MARK: - Writing

    /// Checks the folder, then writes `files` into it and removes what an earlier build wrote and this one has not.
    public func write(_ files: [SiteFile]) throws -> Result {
        let previous = try prepareFolder()
        let paths = files.map(\.path)
        for path in paths where !SiteWriter.isSafe(path) {
            throw SiteError("refusing to write '\(path)': not a plain path below the site's folder")
        }
        // Everything is checked before anything is written, so a refusal changes nothing.
        var existing: Set<String> = []
        for path in paths {
            if try checkTarget(path) { existing.insert(path) }
            if existing.contains(path), !previous.contains(path) {
                throw SiteError(
                    "\(displayName)/\(path) exists and was not written by pm site; nothing was written. "
                        + "Move it away, or choose another folder")
            }
        }
        // The marker lists old and new files while writing, so an interrupted build can be run again.
        try writeMarker(Set(previous).union(paths).sorted())
        var result = Result(written: [], unchanged: [], removed: [])
        for file in files {
            let bytes = Array(file.contents.utf8)
            if existing.contains(file.path), let data = FileManager.default.contents(atPath: full(file.path)),
                [UInt8](data) == bytes
            {
                result.unchanged.append(file.path)
                continue
            }
            try writeFile(file.path, bytes: bytes)
            result.written.append(file.path)
        }
        let wanted = Set(paths)
        for path in previous.sorted() where !wanted.contains(path) {
            var status = stat()
            guard lstat(full(path), &status) == 0 else { continue }
            // Only a regular file pm wrote is removed; whatever replaced it since is left alone.
            guard (status.st_mode & S_IFMT) == S_IFREG, unlink(full(path)) == 0 else { continue }
            result.removed.append(path)
        }
        try writeMarker(paths.sorted())
        return result
    }

    private func full(_ path: String) -> String { directory + "/" + path }

    /// Creates the folder when missing; else checks it is a folder pm may write into and returns the files its
    /// marker lists.
    private func prepareFolder() throws -> [String] {
        var status = stat()
        guard stat(directory, &status) == 0 else {
            guard errno == ENOENT else {
                throw SiteError("cannot use \(displayName): \(String(cString: strerror(errno)))")
            }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw SiteError("cannot create \(displayName): \(error.localizedDescription)")
            }
            return []
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw SiteError("\(displayName) is a file, not a folder; name a folder for the site (it is created when missing)")
        }
        let contents: [String]
        do {
            contents = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SiteError("cannot read the folder \(displayName): \(error.localizedDescription)")
        }
        guard !contents.isEmpty else { return [] }
        let marker = full(SiteWriter.markerName)
        guard lstat(marker, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw SiteError(
                """
                \(displayName) is not empty and has no \(SiteWriter.markerName) file, so it was not written by pm site; \
                nothing was written.
                pm site writes only into a new or empty folder, or one it wrote before: choose another folder, or empty \
                this one first.
                """)
        }
        guard let data = FileManager.default.contents(atPath: marker) else {
            throw SiteError("cannot read \(displayName)/\(SiteWriter.markerName) (check its permissions)")
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.hasPrefix("#") && $0 != "pm site" && SiteWriter.isSafe($0) }
    }

    /// Whether `path` exists; throws when it is anything but a regular file, or its folder anything but a folder.
    private func checkTarget(_ path: String) throws -> Bool {
        var status = stat()
        let components = path.split(separator: "/").map(String.init)
        var prefix = ""
        for folder in components.dropLast() {
            prefix += (prefix.isEmpty ? "" : "/") + folder
            guard lstat(full(prefix), &status) == 0 else { return false }
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw SiteError(
                    "\(displayName)/\(prefix) is \(SiteWriter.kind(status.st_mode)), not a folder; pm site does not write through it. "
                        + "Remove it, or choose another folder")
            }
        }
        guard lstat(full(path), &status) == 0 else { return false }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw SiteError(
                "\(displayName)/\(path) is \(SiteWriter.kind(status.st_mode)); pm site writes only regular files it made. "
                    + "Remove it, or choose another folder")
        }
        return true
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return "a folder"
        default: return "not a regular file"
        }
    }

    /// Writes `bytes` to a temporary file in the target's folder and renames it over the target (a rename
    /// replaces a link rather than following it).
    private func writeFile(_ path: String, bytes: [UInt8]) throws {
        let target = full(path)
        let folder = (target as NSString).deletingLastPathComponent
        var status = stat()
        if lstat(folder, &status) != 0 {
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                throw SiteError(
                    "cannot create \(displayName)/\((path as NSString).deletingLastPathComponent): \(String(cString: strerror(errno)))"
                )
            }
        }
        guard lstat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw SiteError("\(folder) is not a folder; pm site does not write through links")
        }
        var template = Array((folder + "/.pm-site-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw SiteError("cannot write \(displayName)/\(path): \(String(cString: strerror(errno)))")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: String?
        do {
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: Data(bytes))
        } catch {
            failure = error.localizedDescription
        }
        if failure == nil, fchmod(descriptor, 0o644) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, target) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw SiteError("cannot write \(displayName)/\(path): \(failure)")
        }
    }

    private func writeMarker(_ paths: [String]) throws {
        try writeFile(SiteWriter.markerName, bytes: Array((SiteWriter.markerHeader + paths.joined(separator: "\n") + "\n").utf8))
    }

    /// A path pm may write or remove: relative, `/`-separated names of letters, digits, `.`, `_` and `-`, none of
    /// them `.` or `..` or hidden, at most two deep. A marker that lists anything else is not obeyed.
    static func isSafe(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, components.count <= 2 else { return false }
        return components.allSatisfy { name in
            !name.isEmpty && !name.hasPrefix(".")
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        }
    }
}
