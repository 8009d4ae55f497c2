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
/// file, fsynced and renamed over the old one; an update appends one fsynced segment. Readers never lock: they see
/// the old file or the new one, and ignore a segment still being appended.
public struct SearchIndexStore {
    public let store: PostmortemStore

    public init(store: PostmortemStore) {
        self.store = store
    }

    /// The index file.
    public var path: String { store.repository.commonDirectory + "/pm/search-index" }
    var lockPath: String { path + ".lock" }

    /// Merging into one segment happens when a full build writes; past this many appended ones, pm rebuilds.
    static let maximumSegments = 24

    /// What bringing the index up to date did.
    public enum Refresh: String, Sendable {
        case none, appended, rebuilt
    }

    /// Opens the index, bringing it up to date first; `rebuild` starts from nothing. `notify` gets one-line notices
    /// (a damaged index, a read-only repository, a first build).
    public func open(rebuild: Bool = false, notify: (String) -> Void = { _ in }) throws -> SearchIndex {
        let builder = SearchIndexBuilder(
            repository: store.repository, directory: store.configuration.directory, timeZone: store.configuration.timeZone)
        let unlocked = rebuild ? nil : try? read()
        if let unlocked,
            try SearchIndexBuilder.isCurrent(
                unlocked.state(includingLineages: false), repository: store.repository, directory: builder.directory)
        {
            return try SearchIndex(reader: unlocked, store: store, refresh: .none)
        }
        let lock: WriteLock
        do {
            lock = try WriteLock(path: lockPath)
        } catch {
            notify("pm cannot write in \(store.repository.commonDirectory)/pm (\(error)); the search index is built in memory")
            return try inMemory(try builder.build())
        }
        defer { withExtendedLifetime(lock) {} }
        // Another pm may have brought it up to date while this one waited for the lock.
        var existing: SearchIndexReader?
        if let unlocked, IndexStorage.identity(ofFileAt: path) == unlocked.storage.identity {
            existing = unlocked
        } else if !rebuild {
            do {
                existing = try read()
            } catch let error as SearchIndexError {
                notify("the search index is damaged (\(error.message)); rebuilding it")
            }
        }
        if let existing {
            if try SearchIndexBuilder.isCurrent(
                existing.state(includingLineages: false), repository: store.repository, directory: builder.directory)
            {
                return try SearchIndex(reader: existing, store: store, refresh: .none)
            }
            if existing.segments.count < SearchIndexStore.maximumSegments, let segment = try builder.update(from: existing) {
                do {
                    try append(segment, after: existing.validLength)
                } catch let error as StoreError {
                    notify("\(error.message); this search uses the index in memory")
                    return try inMemory([Array(existing.storage.bytes.prefix(existing.validLength))] + segment)
                }
                guard let reader = try read(trusting: existing.validLength) else {
                    throw SearchIndexError("the index vanished while it was written")
                }
                return try SearchIndex(reader: reader, store: store, refresh: .appended)
            }
        } else if !rebuild, !FileManager.default.fileExists(atPath: path) {
            notify("building the search index of the whole history (once; later searches update it)")
        }
        let built = try builder.build()
        do {
            try replace(with: built)
        } catch let error as StoreError {
            // A full disk, say: the search still answers, and the next one tries to write again.
            notify("\(error.message); this search uses the index in memory")
            return try inMemory(built)
        }
        guard let reader = try read() else { throw SearchIndexError("the index vanished while it was written") }
        return try SearchIndex(reader: reader, store: store, refresh: .rebuilt)
    }

    private func inMemory(_ chunks: [[UInt8]]) throws -> SearchIndex {
        let reader = try SearchIndexReader(storage: IndexStorage(copying: chunks))
        return try SearchIndex(reader: reader, store: store, refresh: .rebuilt, isInMemory: true)
    }

    /// The index as it is on disk, nil when there is none; a damaged or foreign file is an error.
    func read(trusting trustedLength: Int = 0) throws -> SearchIndexReader? {
        guard let storage = try IndexStorage(mapping: path) else { return nil }
        let reader = try SearchIndexReader(storage: storage, trustedLength: trustedLength)
        _ = try reader.state(includingLineages: false)
        return reader
    }

    /// Writes a whole new index: a temporary file, fsynced, renamed over the old one, the folder fsynced.
    private func replace(with chunks: [[UInt8]]) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        do {
            for chunk in chunks { try write(chunk, to: descriptor, path: temporary) }
            guard fsync(descriptor) == 0 else { throw failure("cannot flush \(temporary)") }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot move \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
        syncFolder()
    }

    /// Appends a segment in place, first cutting away a segment a crashed writer left half-written.
    private func append(_ segment: [[UInt8]], after validLength: Int) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open \(path)") }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(validLength)) == 0, lseek(descriptor, off_t(validLength), SEEK_SET) >= 0 else {
            throw failure("cannot prepare \(path) for an update")
        }
        for chunk in segment { try write(chunk, to: descriptor, path: path) }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush \(path)") }
    }

    private func write(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write \(path)")
                }
                offset += written
            }
        }
    }

    private func syncFolder() {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = Glibc.open(folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private func failure(_ message: String) -> StoreError {
        StoreError(.failure, "\(message): \(String(cString: strerror(errno)))")
    }
}
