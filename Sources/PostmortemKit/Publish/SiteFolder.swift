import Foundation

/// A site's folder, open as a directory descriptor: every file below it is reached from that descriptor one name at
/// a time (`openat`, `mkdirat`, `renameat`, `unlinkat`) and never through a symbolic link.
///
/// A path that ran through a link would let a planted `assets -> ~/.ssh` turn a write or a removal below the folder
/// into one outside it; opening each folder with `O_NOFOLLOW | O_DIRECTORY` makes that impossible, even when the
/// link appears between a check and the change.
final class SiteFolder {
    /// What is at a path below the folder, seen without following a link.
    enum Entry: Equatable {
        case missing
        case regularFile
        /// Something else at the path: its kind, as a message says it ("a symbolic link").
        case other(String)
        /// A folder on the way is not one (a link, a file): its path below the folder and its kind.
        case blocked(String, String)
    }

    /// The largest file pm reads back from the folder (the marker, a page to compare).
    static let maximumReadSize = 64 << 20

    let descriptor: Int32
    /// How to name the folder in messages (as the user wrote it).
    let displayName: String

    /// Opens the folder at `path`, creating it (and the folders above it) when missing; refuses a link or a file.
    init(path: String, displayName: String) throws {
        self.displayName = displayName
        var status = stat()
        if lstat(path, &status) != 0 {
            guard errno == ENOENT else {
                throw SiteError("cannot use \(displayName): \(String(cString: strerror(errno)))")
            }
            let parent = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw SiteError("cannot create \(displayName): \(error.localizedDescription)")
            }
            guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
                throw SiteError("cannot create \(displayName): \(String(cString: strerror(errno)))")
            }
        }
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno
            if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
                // Only the message names the target, when it can be read.
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " (to \($0))" } ?? ""
                throw SiteError(
                    "\(displayName) is a symbolic link\(target); pm site does not write through links, so nothing was "
                        + "written. Name the folder itself")
            }
            if reason == ENOTDIR {
                throw SiteError(
                    "\(displayName) is a file, not a folder; name a folder for the site (it is created when missing)")
            }
            throw SiteError("cannot open \(displayName): \(String(cString: strerror(reason)))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The names in the folder itself (not below it), `.` and `..` left out.
    func names() throws -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw SiteError("cannot read the folder \(displayName): \(String(cString: strerror(errno)))")
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    // MARK: - Walking

    /// Opens the folder that holds `path` (relative, `/`-separated), walking from the site's folder one name at a
    /// time without following a link; with `creating`, makes the folders that are missing. Returns the descriptor
    /// (which the caller closes, unless it is the site's own) and the file's name, or what stopped the walk.
    private func parent(of path: String, creating: Bool) throws -> (folder: Int32, name: String)? {
        let components = path.split(separator: "/").map(String.init)
        guard let name = components.last else { return nil }
        var current = descriptor
        var walked = ""
        for component in components.dropLast() {
            walked += (walked.isEmpty ? "" : "/") + component
            var next = openat(current, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT, creating {
                guard mkdirat(current, component, 0o755) == 0 || errno == EEXIST else {
                    let reason = String(cString: strerror(errno))
                    if current != descriptor { close(current) }
                    throw SiteError("cannot create \(displayName)/\(walked): \(reason)")
                }
                next = openat(current, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let reason = errno
            let kind = next < 0 ? SiteFolder.kind(of: component, in: current) : nil
            if current != descriptor { close(current) }
            guard next >= 0 else {
                if let kind { throw Blocked(path: walked, kind: kind) }
                if reason == ENOENT { return nil }
                throw SiteError("cannot open \(displayName)/\(walked): \(String(cString: strerror(reason)))")
            }
            current = next
        }
        return (current, name)
    }

    /// Why a walk stopped: a folder on the way is a link or not a folder.
    private struct Blocked: Error {
        let path: String
        let kind: String
    }

    /// "a symbolic link" or "not a folder" for a name that exists but could not be opened as a folder; nil when it
    /// does not exist.
    private static func kind(of name: String, in folder: Int32) -> String? {
        var status = stat()
        guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return nil
        default: return "not a folder"
        }
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return "a folder"
        default: return "not a regular file"
        }
    }

    /// Runs `body` with the folder that holds `path` and the file's name; nil when a folder on the way is missing.
    private func withParent<T>(of path: String, creating: Bool = false, _ body: (Int32, String) throws -> T) throws -> T? {
        guard let (folder, name) = try parent(of: path, creating: creating) else { return nil }
        defer { if folder != descriptor { close(folder) } }
        return try body(folder, name)
    }

    // MARK: - Files

    /// What is at `path`, links not followed.
    func entry(_ path: String) throws -> Entry {
        do {
            return try withParent(of: path) { folder, name in
                var status = stat()
                guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                    guard errno == ENOENT else {
                        throw SiteError("cannot read \(displayName)/\(path): \(String(cString: strerror(errno)))")
                    }
                    return Entry.missing
                }
                return (status.st_mode & S_IFMT) == S_IFREG ? .regularFile : .other(SiteFolder.kind(status.st_mode))
            } ?? .missing
        } catch let blocked as Blocked {
            return .blocked(blocked.path, blocked.kind)
        }
    }

    /// The bytes of the regular file at `path`; nil when it is missing, a link, not a regular file, or too big.
    func read(_ path: String) throws -> [UInt8]? {
        do {
            return try withParent(of: path) { folder, name -> [UInt8]? in
                let file = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                guard file >= 0 else { return nil }
                defer { close(file) }
                var status = stat()
                guard fstat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
                    status.st_size <= SiteFolder.maximumReadSize
                else { return nil }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while true {
                    let count = buffer.withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress, $0.count) }
                    if count < 0, errno == EINTR { continue }
                    guard count >= 0 else {
                        throw SiteError("cannot read \(displayName)/\(path): \(String(cString: strerror(errno)))")
                    }
                    if count == 0 { return bytes }
                    bytes += buffer[0..<count]
                    if bytes.count > SiteFolder.maximumReadSize { return nil }
                }
            } ?? nil
        } catch is Blocked {
            return nil
        }
    }

    /// Writes `bytes` to a new temporary file beside `path` (`O_EXCL | O_NOFOLLOW`) and renames it over `path`: a
    /// rename replaces a link rather than following it, and a web server never serves half a page.
    func write(_ path: String, bytes: [UInt8]) throws {
        do {
            _ = try withParent(of: path, creating: true) { folder, name in
                var temporary = ""
                var file: Int32 = -1
                for _ in 0..<16 {
                    temporary = ".pm-site-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
                    file = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
                    if file >= 0 || errno != EEXIST { break }
                }
                guard file >= 0 else {
                    throw SiteError("cannot write \(displayName)/\(path): \(String(cString: strerror(errno)))")
                }
                var failure: String?
                var offset = 0
                while offset < bytes.count, failure == nil {
                    let count = bytes[offset...].withUnsafeBytes { Foundation.write(file, $0.baseAddress, $0.count) }
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 { failure = String(cString: strerror(errno)) } else { offset += count }
                }
                if failure == nil, fchmod(file, 0o644) != 0 { failure = String(cString: strerror(errno)) }
                if close(file) != 0, failure == nil { failure = String(cString: strerror(errno)) }
                if failure == nil, renameat(folder, temporary, folder, name) != 0 { failure = String(cString: strerror(errno)) }
                if let failure {
                    unlinkat(folder, temporary, 0)
                    throw SiteError("cannot write \(displayName)/\(path): \(failure)")
                }
            }
        } catch let blocked as Blocked {
            throw SiteError(
                "\(displayName)/\(blocked.path) is \(blocked.kind), not a folder; pm site does not write through it. "
                    + "Remove it, or choose another folder")
        }
    }

    /// Removes the regular file at `path`. Returns nil when it is gone (or was never there), else why it was left
    /// alone: a link on the way or at the path, or something that is not a regular file.
    func remove(_ path: String) throws -> String? {
        do {
            return try withParent(of: path) { folder, name -> String? in
                var status = stat()
                guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
                guard (status.st_mode & S_IFMT) == S_IFREG else {
                    return "\(displayName)/\(path) is \(SiteFolder.kind(status.st_mode))"
                }
                // unlinkat never follows a link: if one replaced the file since, the link goes, not its target.
                guard unlinkat(folder, name, 0) == 0 || errno == ENOENT else {
                    return "cannot remove \(displayName)/\(path): \(String(cString: strerror(errno)))"
                }
                return nil
            } ?? nil
        } catch let blocked as Blocked {
            return "\(displayName)/\(blocked.path) is \(blocked.kind)"
        }
    }
}
