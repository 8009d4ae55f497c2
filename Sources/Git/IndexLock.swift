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
/// The lock file's `identity` (device, inode, change time) proves later that a lock file is this one: a killed
/// holder's journal names it, and only a file with that identity is ever removed on its behalf.
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
    private var held = true

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

    /// Tries once to create `<indexPath>.lock`; fails on anything but "it exists".
    public static func tryAcquire(indexPath: String) throws -> Attempt {
        let lockPath = indexPath + ".lock"
        let descriptor = open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            if errno == EEXIST { return .busy }
            throw GitError(
                message: "cannot create '\(lockPath)': \(String(cString: strerror(errno)))", function: "index lock",
                code: GIT_ERROR.rawValue)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            unlink(lockPath)
            throw GitError(message: "cannot read '\(lockPath)': \(String(cString: strerror(errno)))", function: "index lock")
        }
        return .acquired(IndexLock(indexPath: indexPath, lockPath: lockPath, identity: FileIdentity(status)))
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

    /// Renames the staged index over the index, then gives up the lock.
    public func install() throws {
        guard rename(stagedPath, indexPath) == 0 else {
            throw GitError(
                message: "cannot replace '\(indexPath)': \(String(cString: strerror(errno)))", function: "index lock")
        }
        IndexLock.syncFolder(of: indexPath)
        release()
    }

    /// Gives up the lock without changing the index.
    public func release() {
        guard held else { return }
        held = false
        unlink(stagedPath)
        unlink(stagedPath + ".lock")
        if FileIdentity(path: lockPath) == identity { unlink(lockPath) }
    }

    deinit {
        release()
    }

    /// Finishes or undoes what a holder that died left: with `install`, renames its staged index into place; then
    /// removes its lock file, but only when the file at `lockPath` is still the one it created (`identity`).
    /// Returns true when a lock file was removed.
    public static func recover(lockPath: String, identity: FileIdentity, stagedPath: String, install: Bool) -> Bool {
        let indexPath = String(lockPath.dropLast(".lock".count))
        guard FileIdentity(path: lockPath) == identity else {
            unlink(stagedPath)
            unlink(stagedPath + ".lock")
            return false
        }
        if install, rename(stagedPath, indexPath) == 0 { syncFolder(of: indexPath) }
        unlink(stagedPath)
        unlink(stagedPath + ".lock")
        return unlink(lockPath) == 0
    }

    private static func syncFolder(of path: String) {
        let folder = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}

/// What tells one file apart from any other, even one made later at the same path: device, inode and the
/// change time to the nanosecond (a reused inode gets a new change time).
public struct FileIdentity: Hashable, Sendable, CustomStringConvertible {
    public let device: UInt64
    public let inode: UInt64
    public let changeSeconds: Int64
    public let changeNanoseconds: Int64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        #if canImport(Darwin)
            changeSeconds = Int64(status.st_ctimespec.tv_sec)
            changeNanoseconds = Int64(status.st_ctimespec.tv_nsec)
        #else
            changeSeconds = Int64(status.st_ctim.tv_sec)
            changeNanoseconds = Int64(status.st_ctim.tv_nsec)
        #endif
    }

    /// The identity of the file at `path` (not following a link); nil when there is none.
    public init?(path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    /// Parses `description`.
    public init?(_ text: Substring) {
        let parts = text.split(separator: ":")
        guard parts.count == 4, let device = UInt64(parts[0]), let inode = UInt64(parts[1]),
            let seconds = Int64(parts[2]), let nanoseconds = Int64(parts[3])
        else { return nil }
        self.device = device
        self.inode = inode
        changeSeconds = seconds
        changeNanoseconds = nanoseconds
    }

    /// `device:inode:seconds:nanoseconds`.
    public var description: String { "\(device):\(inode):\(changeSeconds):\(changeNanoseconds)" }
}
