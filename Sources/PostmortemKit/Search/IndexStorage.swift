import Foundation

/// The bytes of an index file: memory-mapped from disk, or owned (an index built in memory).
final class IndexStorage {
    let bytes: UnsafeRawBufferPointer
    /// The file's device, inode, size and change time when it was mapped: another writer's file differs.
    let identity: [Int]
    private let mapping: UnsafeMutableRawPointer?
    private let owned: UnsafeMutableRawBufferPointer?

    /// Maps the file at `path` read-only; nil when it does not exist.
    init?(mapping path: String) throws {
        // Not through a link (the index belongs to this git folder), and never blocking: a FIFO in its place
        // would otherwise hang every search. Anything but a regular file is refused below, and then rebuilt.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw SearchIndexError("\(path) is a symbolic link; pm does not follow it") }
            throw SearchIndexError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SearchIndexError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw SearchIndexError("\(path) is not a regular file") }
        let size = Int(status.st_size)
        identity = IndexStorage.identity(status)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapping = nil
            owned = nil
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw SearchIndexError("cannot map \(path): \(String(cString: strerror(errno)))")
        }
        mapping = address
        owned = nil
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Takes a copy of bytes built in memory, given in pieces.
    init(copying chunks: [[UInt8]]) {
        let count = chunks.reduce(0) { $0 + $1.count }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 8)
        var offset = 0
        for chunk in chunks {
            chunk.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<offset + chunk.count]).copyMemory(from: $0)
            }
            offset += chunk.count
        }
        owned = buffer
        mapping = nil
        bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)
        identity = []
    }

    static func identity(_ status: stat) -> [Int] {
        #if canImport(Darwin)
            let changed = status.st_ctimespec
        #else
            let changed = status.st_ctim
        #endif
        return [Int(status.st_dev), Int(status.st_ino), Int(status.st_size), Int(changed.tv_sec), Int(changed.tv_nsec)]
    }

    /// The identity of the file at `path` now, or nil when there is none.
    static func identity(ofFileAt path: String) -> [Int]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return identity(status)
    }

    deinit {
        if let mapping { munmap(mapping, bytes.count) }
        owned?.deallocate()
    }
}
