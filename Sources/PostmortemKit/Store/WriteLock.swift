import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a file inside the git folder, held by one pm writer at a time.
///
/// The kernel drops the lock when the holder exits, even on `kill -9`, so a dead process never leaves it stale. A
/// live holder makes the next pm wait (writes are short, and waiting is what `git` users expect of a lock that
/// really is held); `onWait` is called once first, so the wait is announced rather than looking like a hang.
final class WriteLock {
    private let descriptor: Int32

    /// Blocks until the lock at `path` is held; creates the file and its folder when missing.
    init(path: String, onWait: () -> Void = {}) throws {
        let folder = (path as NSString).deletingLastPathComponent
        // pm's folder in the git folder must be a folder of its own: through a link there, pm would lock, write
        // and clean up temporary files somewhere else.
        guard !WriteLock.isLink(folder) else {
            throw StoreError(.refused, "\(folder) is a symbolic link or not a folder; pm does not write through links")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.failure, "cannot create \(folder): \(error.localizedDescription)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError(.failure, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        var announced = false
        while flock(descriptor, announced ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK, !announced {
                announced = true
                onWait()
                continue
            }
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw StoreError(.failure, "cannot lock \(path): \(reason)")
        }
        self.descriptor = descriptor
    }

    /// True when something other than a folder is at `folder` (a symbolic link, even to a folder); false when
    /// nothing is there yet.
    static func isLink(_ folder: String) -> Bool {
        var status = stat()
        return lstat(folder, &status) == 0 && (status.st_mode & S_IFMT) != S_IFDIR
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
