import Foundation
import Git

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The search index of a repository: found in the git folder, checked, and brought up to date when refs moved.
///
/// The file is `<git common dir>/pm/search-index`. Writers take `search-index.lock` (an advisory lock the kernel
/// releases when its holder dies, so a killed pm never leaves it stale). A full build is written to a temporary
/// file, fsynced and renamed over the old one; an update appends one fsynced segment. When updates have appended
/// enough segments (`IndexMergePolicy`), the newest are merged into one from the file's own bytes, and the file is
/// written anew as a full build is. Readers never lock: they see the old file or the new one, and ignore a segment
/// still being appended.
public struct SearchIndexStore {
    let store: PostmortemStore

    public init(store: PostmortemStore) {
        self.store = store
    }

    /// The index file.
    var path: String { store.repository.commonDirectory + "/pm/search-index" }
    var lockPath: String { path + ".lock" }
    /// Where a new file is written before it is renamed over the index (a dead writer's is removed under the lock).
    private var temporaryPath: String { path + ".tmp-\(getpid())" }

    /// What bringing the index up to date did.
    public enum Refresh: String, Sendable {
        case none, appended, rebuilt
    }

    /// Runs `body` on the index, brought up to date. Postings, commits and events are checked when first read, so
    /// damage can show only then: the index is rebuilt once, with a notice, and `body` runs again. `progress` is told
    /// how far a full build has read the history (commits read, commits in all).
    public func withIndex<T>(
        rebuild: Bool = false, notify: (String) -> Void = { _ in }, progress: ((Int, Int) -> Void)? = nil,
        _ body: (SearchIndex) throws -> T
    ) throws -> T {
        let index = try open(rebuild: rebuild, notify: notify, progress: progress)
        do {
            return try body(index)
        } catch let error as SearchIndexError {
            notify("the search index is damaged (\(error.message)); rebuilding it")
            return try body(try open(rebuild: true, notify: notify, progress: progress))
        }
    }

    /// Opens the index, bringing it up to date first; `rebuild` starts from nothing. `notify` gets one-line notices
    /// (a damaged index, a read-only repository, a first build, why a rebuild is needed).
    func open(
        rebuild: Bool = false, notify: (String) -> Void = { _ in }, progress: ((Int, Int) -> Void)? = nil
    ) throws -> SearchIndex {
        store.noteShallowHistory()
        let store = self.store
        let builder = SearchIndexBuilder(
            repository: store.repository, directory: store.configuration.directory, timeZone: store.configuration.timeZone,
            reportNonUTF8Name: { store.reportNonUTF8Name($0) })
        var fullBuilder = builder
        fullBuilder.reportProgress = progress
        // A first look without the lock: when it fails, the file is read again under the lock below, where a damaged
        // one is reported and rebuilt.
        let unlocked = rebuild ? nil : try? read()
        if let unlocked,
            try SearchIndexBuilder.isCurrent(
                unlocked.state(), repository: store.repository, directory: builder.directory)
        {
            return try SearchIndex(reader: unlocked, store: store, refresh: .none)
        }
        let lock: WriteLock
        do {
            lock = try WriteLock(path: lockPath) {
                notify("waiting for another pm that is writing the search index (\(lockPath))")
            }
        } catch {
            notify("pm cannot write in \(store.repository.commonDirectory)/pm (\(error)); the search index is built in memory")
            // The index on disk, when there is one, only needs what is new.
            if let unlocked {
                switch try builder.update(from: unlocked) {
                case .append(let segment):
                    return try inMemory([Array(unlocked.storage.bytes.prefix(unlocked.validLength))] + segment)
                case .rebuild(let reason):
                    notify("\(reason); rebuilding the search index")
                }
            }
            return try inMemory(try fullBuilder.build())
        }
        defer { withExtendedLifetime(lock) {} }
        removeTemporaryFiles()
        // Another pm may have brought it up to date while this one waited for the lock.
        var existing: SearchIndexReader?
        if let unlocked, IndexStorage.identity(ofFileAt: path) == unlocked.storage.identity {
            existing = unlocked
        } else if !rebuild {
            do {
                existing = try read()
            } catch let error as SearchIndexError {
                notify(
                    error.isOtherVersion
                        ? "the search index was written by another version of pm (\(error.message)); rebuilding it"
                        : "the search index is damaged (\(error.message)); rebuilding it")
            }
        }
        if let existing {
            if try SearchIndexBuilder.isCurrent(
                existing.state(), repository: store.repository, directory: builder.directory)
            {
                return try SearchIndex(reader: existing, store: store, refresh: .none)
            }
            switch try builder.update(from: existing) {
            case .append(let segment):
                // What is valid of the file, copied only when it must be rewritten or kept in memory.
                func valid() -> [[UInt8]] { [Array(existing.storage.bytes.prefix(existing.validLength))] }
                do {
                    if existing.validLength < existing.storage.bytes.count {
                        // A crashed writer left part of a segment. Searches may have this file mapped, and cutting it
                        // in place could pull pages from under them: the file is written anew instead.
                        try replace(with: valid() + segment)
                    } else {
                        try append(segment)
                    }
                } catch let error as StoreError {
                    notify("\(error.message); this search uses the index in memory")
                    return try inMemory(valid() + segment)
                }
                guard let reader = try read(trusting: existing.validLength) else { throw vanished() }
                do {
                    return try SearchIndex(reader: try merged(reader, notify: notify) ?? reader, store: store, refresh: .appended)
                } catch let error as SearchIndexError {
                    // A merge reads every part of the segments it merges, and found damage there.
                    notify("the search index is damaged (\(error.message)); rebuilding it")
                }
            case .rebuild(let reason):
                notify("\(reason); rebuilding the search index")
            }
        } else if !rebuild, !FileManager.default.fileExists(atPath: path) {
            notify("building the search index of the whole history (once; later searches update it)")
        }
        let built = try fullBuilder.build()
        do {
            try replace(with: built)
        } catch let error as StoreError {
            // A full disk, say: the search still answers, and the next one tries to write again.
            notify("\(error.message); this search uses the index in memory")
            return try inMemory(built)
        }
        guard let reader = try read() else { throw vanished() }
        return try SearchIndex(reader: reader, store: store, refresh: .rebuilt)
    }

    /// The index with the segments `IndexMergePolicy` picks merged into one, written as a full build is (a new file,
    /// fsynced, renamed over the old one), or nil when no merge is due. When the new file cannot be written (a full
    /// disk), the index stays as it was, with a notice, and a later update merges.
    private func merged(_ reader: SearchIndexReader, notify: (String) -> Void) throws -> SearchIndexReader? {
        guard let first = IndexMergePolicy.mergeStart(reader.segments.map(\.length)) else { return nil }
        var merger = try IndexSegmentMerger(reader: reader, from: first)
        let segment = try merger.merged()
        let kept = UnsafeRawBufferPointer(rebasing: reader.storage.bytes[..<reader.segments[first].start])
        // The segments kept are copied by the kernel from the file this process read, when it can: no page of them
        // is mapped into this process, and a file system that shares extents copies nothing.
        let source = openFile(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0)
        defer { if source >= 0 { close(source) } }
        var status = stat()
        let sameFile = source >= 0 && fstat(source, &status) == 0 && IndexStorage.identity(status) == reader.storage.identity
        do {
            try AtomicFile.replace(path, temporary: temporaryPath, mode: 0o644, displayPath: path) { descriptor in
                (sameFile && copyPrefix(of: source, count: kept.count, to: descriptor) || AtomicFile.write(kept, to: descriptor))
                    && segment.allSatisfy { chunk in chunk.withUnsafeBytes { AtomicFile.write($0, to: descriptor) } }
            }
        } catch let error as StoreError {
            notify("\(error.message); the search index's segments were not merged")
            return nil
        }
        guard let merged = try read(trusting: kept.count) else { throw vanished() }
        return merged
    }

    private func inMemory(_ chunks: [[UInt8]]) throws -> SearchIndex {
        let reader = try SearchIndexReader(storage: IndexStorage(copying: chunks))
        return try SearchIndex(reader: reader, store: store, refresh: .rebuilt, isInMemory: true)
    }

    private func vanished() -> StoreError {
        StoreError(.failure, "\(path) was removed while pm wrote it; run 'pm index' again")
    }

    /// Removes what writers that died left behind: only writers make these files, and this one holds the lock.
    private func removeTemporaryFiles() {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }  // housekeeping
        for name in names where name.hasPrefix(prefix) { unlink(folder + "/" + name) }
    }

    /// The index as it is on disk, nil when there is none; a damaged or foreign file is an error.
    func read(trusting trustedLength: Int = 0) throws -> SearchIndexReader? {
        // An index reached through a linked pm folder is not this repository's: none is read, and as the lock
        // is refused there too, the search builds its index in memory.
        guard !WriteLock.isLink((path as NSString).deletingLastPathComponent) else { return nil }
        guard let storage = try IndexStorage(mapping: path) else { return nil }
        let reader = try SearchIndexReader(storage: storage, trustedLength: trustedLength)
        _ = try reader.state()
        return reader
    }

    /// Writes a whole new index: a temporary file, fsynced, renamed over the old one, the folder fsynced.
    private func replace(with chunks: [[UInt8]]) throws {
        try AtomicFile.replace(path, with: chunks, temporary: temporaryPath, mode: 0o644, displayPath: path)
    }

    /// Appends a segment in place (readers ignore it until it is whole).
    private func append(_ segment: [[UInt8]]) throws {
        let descriptor = openFile(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0)
        guard descriptor >= 0 else { throw failure("cannot open \(path)") }
        defer { close(descriptor) }
        for chunk in segment { try write(chunk, to: descriptor, path: path) }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush \(path)") }
    }

    private func write(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = writeFile(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write \(path)")
                }
                offset += written
            }
        }
    }

    private func failure(_ message: String) -> StoreError {
        StoreError(.failure, "\(message): \(String(cString: strerror(errno)))")
    }
}

/// The system's `open` and `write`, which the store's own `open` would hide inside it.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

private func writeFile(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Copies the first `count` bytes of `source` to the start of the empty file `destination` with Linux's
/// `copy_file_range`; false when the system cannot (then `destination` is empty again, for the caller to write).
private func copyPrefix(of source: Int32, count: Int, to destination: Int32) -> Bool {
    guard let copyFileRange else { return false }
    var offset: Int64 = 0
    while offset < Int64(count) {
        let copied = copyFileRange(source, &offset, destination, nil, count - Int(offset), 0)
        if copied < 0, errno == EINTR { continue }
        guard copied > 0 else {
            // Not supported here (another kernel, file system or sandbox), or the file is shorter than it was read.
            _ = ftruncate(destination, 0)
            _ = lseek(destination, 0, SEEK_SET)
            return false
        }
    }
    return true
}

private typealias CopyFileRange =
    @convention(c) (
        Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32
    ) -> Int

/// glibc's `copy_file_range`, looked up at run time: Swift's Glibc module does not declare it, and other systems
/// have none.
private let copyFileRange: CopyFileRange? = {
    #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "copy_file_range") else { return nil }
        return unsafeBitCast(symbol, to: CopyFileRange.self)
    #else
        return nil
    #endif
}()
