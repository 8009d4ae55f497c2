import CLibgit2
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// git's lock on the index (`<index>.lock`), taken the way git takes it, and held across a whole commit.
///
/// git writes the index by creating `index.lock` with `O_CREAT | O_EXCL`, writing the new index there and renaming
/// it over the index; whoever created the file holds the lock until it is renamed or removed. `git commit` holds it
/// from before it reads HEAD until after the branch has moved, and so does a writer that holds an `IndexLock`:
/// no `git add`, `git commit`, `git stash` or `git reset` can change the index in between, and the index and the
/// branch move together. libgit2 offers no way to hold the lock while doing other work, so this type creates the
/// file itself; the new index is written (by libgit2) to a file of its own beside the index (`staged`) and renamed
/// into place by `install`.
///
/// The lock file's `identity` (device, inode and a random token written into it) proves later that a lock file is
/// this one: a killed holder's journal names it, and only a file with that identity is ever removed on its behalf.
/// git never writes another process's token into its own lock file, whatever inode it gets.
public final class IndexLock {
    /// The index file the lock guards.
    public let indexPath: String
    /// `<index>.lock`.
    public let lockPath: String
    /// What identifies the lock file this object created.
    public let identity: FileIdentity
    /// Where the new index is prepared before it is renamed over the index; in the index's own folder, so the
    /// rename is atomic.
    public let stagedPath: String
    fileprivate var held = true

    private init(indexPath: String, lockPath: String, identity: FileIdentity) {
        self.indexPath = indexPath
        self.lockPath = lockPath
        self.identity = identity
        stagedPath = indexPath + ".pm-\(getpid())"
    }

    /// The result of one attempt to take the lock.
    public enum Attempt {
        case acquired(IndexLock)
        /// Another process holds it (the lock file exists).
        case busy
    }

    /// Tries once to take `<indexPath>.lock`; fails on anything but "another process holds it".
    ///
    /// The lock file is made under a name of pm's own first, with a random token as its content, and `record` gets
    /// the lock before `link` puts that file at `<index>.lock` (which, like `O_EXCL`, fails when the name exists):
    /// a holder killed at any instant has either noted the identity of the file that is git's lock, or has no lock.
    public static func tryAcquire(indexPath: String, record: (IndexLock) -> Void) throws -> Attempt {
        let lockPath = indexPath + ".lock"
        let candidate = indexPath + ".pm-\(getpid()).new"
        func failure(_ action: String, _ path: String) -> GitError {
            GitError(
                message: "cannot \(action) '\(path)': \(String(cString: strerror(errno)))", function: "index lock",
                code: GIT_ERROR.rawValue)
        }
        unlink(candidate)
        let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure("create", candidate) }
        defer { unlink(candidate) }
        let token = Array(
            String(format: "%016llx%016llx", UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max)).utf8)
        let written = token.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        var status = stat()
        let described = written == token.count && fstat(descriptor, &status) == 0
        close(descriptor)
        guard described else { throw failure("write", candidate) }
        let lock = IndexLock(
            indexPath: indexPath, lockPath: lockPath,
            identity: FileIdentity(
                device: UInt64(status.st_dev), inode: UInt64(status.st_ino), token: String(decoding: token, as: UTF8.self)))
        record(lock)
        guard link(candidate, lockPath) == 0 else {
            lock.held = false
            if errno == EEXIST { return .busy }
            throw failure("create", lockPath)
        }
        return .acquired(lock)
    }

    /// A copy of the index as it is on disk now (stable while the lock is held), at `stagedPath`, opened on its
    /// own: read it, change it, then `writeStaged` it for `install`. Entries, conflicts and the extensions libgit2
    /// knows are kept.
    public func openStaged() throws -> Index {
        unlink(stagedPath)
        unlink(stagedPath + ".lock")
        if let bytes = FileManager.default.contents(atPath: indexPath) {
            let descriptor = open(stagedPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw GitError(
                    message: "cannot write '\(stagedPath)': \(String(cString: strerror(errno)))", function: "index lock")
            }
            defer { close(descriptor) }
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == bytes.count else {
                throw GitError(
                    message: "cannot write '\(stagedPath)': \(String(cString: strerror(errno)))", function: "index lock")
            }
        }
        return try Index.open(at: stagedPath)
    }

    /// Writes `index` (from `openStaged`) to `stagedPath` and syncs it to disk.
    public func writeStaged(_ index: Index) throws {
        try index.write()
        let descriptor = open(stagedPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            if descriptor >= 0 { close(descriptor) }
            throw GitError(message: "cannot sync '\(stagedPath)': \(String(cString: strerror(errno)))", function: "index lock")
        }
        close(descriptor)
    }

    /// Where the index as it was is kept (a hard link) while the staged one is in place, until `release`.
    public var backupPath: String { stagedPath + ".old" }

    /// Puts the staged index in place of the index, keeping the lock and a link to the index as it was, so that
    /// `restore` can put that back. git's index and the branch then move together: the branch is updated while pm
    /// still holds the lock, and a holder killed in between leaves what recovery can undo or finish.
    public func putInPlace() throws {
        unlink(backupPath)
        guard link(indexPath, backupPath) == 0 || errno == ENOENT else {
            throw GitError(message: "cannot keep '\(indexPath)': \(String(cString: strerror(errno)))", function: "index lock")
        }
        guard rename(stagedPath, indexPath) == 0 else {
            throw GitError(
                message: "cannot replace '\(indexPath)': \(String(cString: strerror(errno)))", function: "index lock")
        }
        IndexLock.syncFolder(of: indexPath)
    }

    /// Undoes `putInPlace` (the branch did not move): the index as it was goes back.
    public func restore() {
        if rename(backupPath, indexPath) == 0 { IndexLock.syncFolder(of: indexPath) }
    }

    /// Puts the staged index in place and gives up the lock.
    public func install() throws {
        try putInPlace()
        release()
    }

    /// Gives up the lock; the index stays as it is.
    public func release() {
        guard held else { return }
        held = false
        IndexLock.removeFiles(of: stagedPath)
        if FileIdentity(path: lockPath) == identity { unlink(lockPath) }
    }

    deinit {
        release()
    }

    /// Finishes or undoes what a holder that died left, but only when the file at `lockPath` is still the lock it
    /// created (`identity`): when its commit `landed`, the staged index goes in place (if it was not yet); when it
    /// did not, the index as it was comes back (if the staged one was already in place). Then the lock goes.
    /// Returns true when a lock file was removed.
    public static func recover(lockPath: String, identity: FileIdentity, stagedPath: String, landed: Bool) -> Bool {
        defer { removeFiles(of: stagedPath) }
        guard FileIdentity(path: lockPath) == identity else { return false }
        let indexPath = String(lockPath.dropLast(".lock".count))
        let placed = access(stagedPath, F_OK) != 0
        if landed, !placed, rename(stagedPath, indexPath) == 0 { syncFolder(of: indexPath) }
        if !landed, placed, rename(stagedPath + ".old", indexPath) == 0 { syncFolder(of: indexPath) }
        return unlink(lockPath) == 0
    }

    /// The staged index, libgit2's lock on it, and the kept index.
    private static func removeFiles(of stagedPath: String) {
        for suffix in ["", ".lock", ".old"] { unlink(stagedPath + suffix) }
    }

    private static func syncFolder(of path: String) {
        let folder = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}

/// What tells pm's lock file apart from any other, even one made later at the same path with a reused inode: its
/// device, inode and the random token pm wrote into it.
public struct FileIdentity: Hashable, Sendable, CustomStringConvertible {
    public let device: UInt64
    public let inode: UInt64
    public let token: String

    init(device: UInt64, inode: UInt64, token: String) {
        self.device = device
        self.inode = inode
        self.token = token
    }

    /// The identity of the file at `path` (not following a link; at most 64 bytes of content read); nil when there
    /// is no regular file there.
    public init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        self.init(
            device: UInt64(status.st_dev), inode: UInt64(status.st_ino),
            token: String(decoding: buffer.prefix(max(0, count)), as: UTF8.self))
    }

    /// Parses `description`.
    public init?(_ text: Substring) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let device = UInt64(parts[0]), let inode = UInt64(parts[1]), !parts[2].isEmpty,
            parts[2].allSatisfy(\.isHexDigit)
        else { return nil }
        self.init(device: device, inode: inode, token: String(parts[2]))
    }

    /// `device:inode:token`.
    public var description: String { "\(device):\(inode):\(token)" }
}
