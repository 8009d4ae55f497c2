import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replacing a file so that a reader or a crash sees the old content or the new, never a mix: the bytes go to a
/// temporary file beside it, which is fsynced and renamed over the target, and then the folder is fsynced.
enum AtomicFile {
    /// Writes `chunks` to `target` through `temporary`, with permissions `mode`; `displayPath` names the file in
    /// errors. The temporary file never outlives a failure.
    static func replace(_ target: String, with chunks: [[UInt8]], temporary: String, mode: mode_t, displayPath: String)
        throws
    {
        try replace(target, temporary: temporary, mode: mode, displayPath: displayPath) { descriptor in
            chunks.allSatisfy { chunk in chunk.withUnsafeBytes { write($0, to: descriptor) } }
        }
    }

    /// Replaces `target` with what `fill` writes to the descriptor of `temporary` (false when a write failed, with
    /// `errno` set), as `replace(_:with:…)` does.
    static func replace(
        _ target: String, temporary: String, mode: mode_t, displayPath: String, fill: (Int32) -> Bool
    ) throws {
        try writeTemporary(temporary, mode: mode, displayPath: displayPath, fill: fill)
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw StoreError(.failure, "cannot write \(displayPath) (rename): \(reason)")
        }
        syncFolder(of: target)
    }

    /// Writes `chunks` to `temporary` and syncs it, without renaming it; the temporary file never outlives a
    /// failure.
    static func writeTemporary(_ temporary: String, chunks: [[UInt8]], mode: mode_t, displayPath: String) throws {
        try writeTemporary(temporary, mode: mode, displayPath: displayPath) { descriptor in
            chunks.allSatisfy { chunk in chunk.withUnsafeBytes { write($0, to: descriptor) } }
        }
    }

    private static func writeTemporary(_ temporary: String, mode: mode_t, displayPath: String, fill: (Int32) -> Bool) throws {
        func failure(_ action: String) -> StoreError {
            let error = StoreError(.failure, "cannot write \(displayPath) (\(action)): \(String(cString: strerror(errno)))")
            unlink(temporary)
            return error
        }
        // The temporary file is made anew, never opened through a link: it may sit in a folder that a cloned
        // repository fills (the working tree), and a symbolic link committed under its name would otherwise make
        // pm write the file wherever the link points. A leftover of a crashed pm under that name goes first.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("create") }
        defer { close(descriptor) }
        guard fill(descriptor) else { throw failure("write") }
        guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else { throw failure("sync") }
    }

    /// Writes all of `bytes` to `descriptor`; false when a write failed (`errno` says why).
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = systemWrite(descriptor, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    /// Puts `temporary` at `target` only if nothing is there (a file made meanwhile is never replaced); false when
    /// something is. The temporary name is gone either way.
    static func placeNew(_ temporary: String, at target: String) throws -> Bool {
        defer { unlink(temporary) }
        if link(temporary, target) == 0 {
            syncFolder(of: target)
            return true
        }
        if errno == EEXIST { return false }
        throw StoreError(.failure, "cannot write \(target): \(String(cString: strerror(errno)))")
    }

    /// How `exchange` went.
    enum Exchange: Equatable {
        case exchanged
        /// The system or the file system cannot swap files; nothing changed.
        case unsupported
        /// It could but did not (`errno`), e.g. `ENOENT` when a file went away; nothing changed.
        case failed(Int32)
    }

    /// Swaps the files at `a` and `b` in one step (Linux `renameat2(RENAME_EXCHANGE)`).
    static func exchange(_ a: String, _ b: String) -> Exchange {
        guard let renameat2 = renameat2Function else { return .unsupported }
        if renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0 { return .exchanged }
        return [EINVAL, ENOSYS, ENOTSUP].contains(errno) ? .unsupported : .failed(errno)
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

    /// glibc's `renameat2`, looked up at run time: Swift's Glibc module does not declare it.
    private static let renameat2Function: Renameat2? = {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: Renameat2.self)
        #else
            return nil
        #endif
    }()

    static func syncFolder(of path: String) {
        let folder = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// True when the folders `a` and `b` are on the same file system, so a file renames from one into the other.
    static func sameFileSystem(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev
    }
}

/// The system's `write`, which `AtomicFile.write(_:to:)` hides inside the type.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
