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
        /// What pm would not do, each a message: lines of the marker it did not obey, files it left alone.
        public var refused: [String] = []
    }

    /// The marker that says pm wrote the folder, and lists what it wrote.
    static let markerName = ".pm-site"
    static let markerHeader = """
        pm site
        # This folder was written by 'pm site'. pm overwrites and removes only the files listed below; anything else
        # here is left alone. Without this file, pm refuses to write into the folder unless it is empty.

        """

    /// The folder, absolute.
    public let directory: String
    /// How to name the folder in messages (as the user wrote it).
    let displayName: String

    public init(directory: String, displayName: String) {
        self.directory = directory
        self.displayName = displayName
    }

    // MARK: - Where

    /// Refuses a folder that is not a safe place for the site of `repository`: inside its git folder or its
    /// postmortem folder (always), or inside its working tree where git does not ignore it, unless
    /// `allowingTrackedLocation` (`--force`): the pages would show as untracked files, one `git add -A` from being
    /// committed.
    public func checkLocation(in store: PostmortemStore, postmortemFolder: String, allowingTrackedLocation: Bool) throws {
        let repository = store.repository
        let target = SiteWriter.resolved(directory)
        func isInside(_ folder: String) -> Bool {
            let base = SiteWriter.resolved(folder)
            return target == base || target.hasPrefix(base.hasSuffix("/") ? base : base + "/")
        }
        for folder in Set([repository.gitDirectory, repository.commonDirectory]) where isInside(folder) {
            throw SiteError("\(displayName) is inside the repository's git folder (\(folder)); choose a folder outside it")
        }
        guard let root = repository.workingDirectory else { return }
        // A link committed to the repository (`docs -> ~`) must not carry a folder named inside it somewhere else.
        let lexicalRoot = URL(fileURLWithPath: root).standardizedFileURL.path
        let lexical = URL(fileURLWithPath: directory).standardizedFileURL.path
        if lexical == lexicalRoot || lexical.hasPrefix(lexicalRoot.hasSuffix("/") ? lexicalRoot : lexicalRoot + "/"),
            !isInside(root)
        {
            throw SiteError(
                "\(displayName) is inside the repository's working tree but a symbolic link takes it to \(target); "
                    + "pm site does not follow links there. Name a folder outside the repository")
        }
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
    ///
    /// The folder is opened once, refusing a symbolic link, and every file below it is reached from that descriptor
    /// without following a link (`SiteFolder`). The marker is untrusted input: only lines that name a file pm site
    /// writes are obeyed, the others are reported in `refused` and left alone.
    public func write(_ files: [SiteFile]) throws -> Result {
        let paths = files.map(\.path)
        for path in paths where !SiteWriter.isSafe(path) {
            throw SiteError("refusing to write '\(path)': not a plain path below the site's folder")
        }
        let folder = try SiteFolder(path: directory, displayName: displayName)
        let marker = try readMarker(folder)
        let previous = marker.paths
        var result = Result(written: [], unchanged: [], removed: [], refused: marker.refused)
        // Everything is checked before anything is written, so a refusal changes nothing.
        var existing: Set<String> = []
        for path in paths {
            switch try folder.entry(path) {
            case .missing: continue
            case .regularFile: existing.insert(path)
            case .other(let kind):
                throw SiteError(
                    "\(displayName)/\(path) is \(kind); pm site writes only regular files it made. "
                        + "Remove it, or choose another folder")
            case .blocked(let prefix, let kind):
                throw SiteError(
                    "\(displayName)/\(prefix) is \(kind), not a folder; pm site does not write through it. "
                        + "Remove it, or choose another folder")
            }
            if !previous.contains(path) {
                throw SiteError(
                    "\(displayName)/\(path) exists and was not written by pm site; nothing was written. "
                        + "Move it away, or choose another folder")
            }
        }
        // The marker lists old and new files while writing, so an interrupted build can be run again.
        try writeMarker(Set(previous).union(paths).sorted(), in: folder)
        for file in files {
            let bytes = Array(file.contents.utf8)
            if existing.contains(file.path), try folder.read(file.path) == bytes {
                result.unchanged.append(file.path)
                continue
            }
            try folder.write(file.path, bytes: bytes)
            result.written.append(file.path)
        }
        let wanted = Set(paths)
        for path in previous.sorted() where !wanted.contains(path) {
            if try folder.entry(path) == .missing { continue }
            // Only a regular file pm wrote is removed; whatever replaced it since is left alone, and said so.
            if let reason = try folder.remove(path) {
                result.refused.append("left \(displayName)/\(path) alone: \(reason)")
            } else {
                result.removed.append(path)
            }
        }
        try writeMarker(paths.sorted(), in: folder)
        return result
    }

    /// The files the marker lists, and a message for each line it holds that pm does not obey. Without a marker
    /// the folder must be empty.
    private func readMarker(_ folder: SiteFolder) throws -> (paths: [String], refused: [String]) {
        guard !(try folder.names().isEmpty) else { return ([], []) }
        let name = SiteWriter.markerName
        guard try folder.entry(name) == .regularFile else {
            throw SiteError(
                """
                \(displayName) is not empty and has no \(name) file, so it was not written by pm site; \
                nothing was written.
                pm site writes only into a new or empty folder, or one it wrote before: choose another folder, or empty \
                this one first.
                """)
        }
        guard let bytes = try folder.read(name) else {
            throw SiteError("cannot read \(displayName)/\(name) (check its permissions and size)")
        }
        var paths: [String] = []
        var refused: [String] = []
        for (index, line) in String(decoding: bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated() {
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if text.isEmpty || text.hasPrefix("#") || (index == 0 && text == "pm site") { continue }
            if SiteWriter.isSitePath(text) {
                paths.append(text)
            } else {
                refused.append(
                    "ignored line \(index + 1) of \(displayName)/\(name), '\(SiteWriter.visible(text))': "
                        + "not a file pm site writes, so it is neither overwritten nor removed")
            }
        }
        return (paths, refused)
    }

    private func writeMarker(_ paths: [String], in folder: SiteFolder) throws {
        try folder.write(
            SiteWriter.markerName,
            bytes: Array((SiteWriter.markerHeader + paths.joined(separator: "\n") + "\n").utf8))
    }

    /// `text` with control characters shown as `?`, cut to 120 characters, for a message.
    static func visible(_ text: String) -> String {
        let shown = String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
        return shown.count > 120 ? shown.prefix(120) + "…" : shown
    }

    /// A path pm site writes, so one its marker may list: `index.html`, `style.css`, `site.js` and the like at the
    /// top, or a page `postmortems/<name>.html`, and `isSafe`.
    static func isSitePath(_ path: String) -> Bool {
        guard isSafe(path) else { return false }
        let components = path.split(separator: "/")
        if components.count == 1 {
            return [".html", ".css", ".js"].contains { path.hasSuffix($0) }
        }
        return components.count == 2 && components[0] == SiteBuilder.pageFolder && path.hasSuffix(".html")
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
