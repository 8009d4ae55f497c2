import Foundation
import Git

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The working-tree files a search found to hold the very version it shows, with their stat data, so that the next
/// search reads such a file as it is instead of hashing it again (git's index does the same for `git status`).
///
/// A snippet shows the committed version of a hit. Read from the working tree when the file there holds that
/// version, it costs a read; from git, an inflate of the object and of every delta it is stored as. Proving that
/// the file holds the version takes hashing it whole, the first time; after that its stat data is compared with
/// what was recorded, as git compares a file with its index entry: size, modification and change times to the
/// nanosecond, inode, device and mode.
///
/// An edit within the clock tick a file was hashed in can keep all of that: git calls such an entry racily clean.
/// As git does with its index, an entry whose file was modified at or after the time the record was written (the
/// record file's own modification time) is not trusted, and the file is hashed again. The record is written only
/// after every file in it was hashed, so an edit made while it was written is caught by the same rule.
///
/// The record is a cache: `<git folder>/pm/working-tree-files`, per working tree (a linked worktree has its own git
/// folder), rewritten whole through a temporary file; one that is missing, foreign, damaged or cannot be written
/// only costs hashing again.
struct WorkingTreeFiles {
    /// What was recorded of a file found to hold `blob`.
    struct Entry: Equatable {
        var blob: OID
        var status: FileStatus
    }

    static let header = "pm working-tree files 1"
    /// The most files kept: a few searches' hits.
    static let capacity = 512

    let root: String?
    let recordPath: String
    private(set) var entries: [String: Entry] = [:]
    /// The record file's modification time as read: entries modified at or after it are racily clean.
    private var written: (seconds: Int64, nanoseconds: Int64)?
    /// Paths verified by this search, most recent last; nonempty when the record must be written.
    private var verified: [String] = []
    private var dropped = false
    /// The record is read at the first file asked for: a search without snippets never opens it.
    private var loaded = false
    /// How many files this search hashed (for tests: a trusted file is not hashed).
    private(set) var hashed = 0

    init(repository: Repository) {
        root = repository.workingDirectory.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        recordPath = repository.gitDirectory + "/pm/working-tree-files"
    }

    /// The bytes of the working-tree file at `path` when they are `blob`'s; nil when the file is not that version,
    /// not a regular file, or cannot be read.
    mutating func bytes(atPath path: String, ifBlob blob: OID) -> [UInt8]? {
        guard let root, !path.contains("\n") else { return nil }
        if !loaded {
            loaded = true
            load()
        }
        let file = root + "/" + path
        guard let before = FileStatus(path: file), before.mode & UInt32(S_IFMT) == UInt32(S_IFREG),
            let bytes = Self.contents(of: file)
        else { return nil }
        if let entry = entries[path], entry.blob == blob, entry.status == before, !isRacilyClean(entry.status) {
            return bytes
        }
        // Hashed as it is: a file that git filters (line endings, an encryption driver) differs from its blob, and
        // is then read from git.
        hashed += 1
        guard (try? Repository.blobID(of: bytes)) == blob else {
            if entries.removeValue(forKey: path) != nil { dropped = true }
            return nil
        }
        // Recorded only when nothing changed the file while it was read.
        if FileStatus(path: file) == before {
            entries[path] = Entry(blob: blob, status: before)
            verified.removeAll { $0 == path }
            verified.append(path)
        }
        return bytes
    }

    /// Writes the record when this search verified a file or found one changed. Entries left racily clean are
    /// dropped: writing the record anew would make them look trustworthy without hashing them again.
    mutating func save() {
        guard root != nil, !verified.isEmpty || dropped else { return }
        let fresh = Set(verified)
        var kept = verified.reversed().compactMap { path in entries[path].map { (path, $0) } }
        for (path, entry) in entries.sorted(by: { $0.key < $1.key })
        where kept.count < Self.capacity && !fresh.contains(path) && !isRacilyClean(entry.status) {
            kept.append((path, entry))
        }
        var text = Self.header + "\n"
        for (path, entry) in kept.prefix(Self.capacity) {
            let status = entry.status
            // Every number as an unsigned one (times before 1970 are negative), as `parse` reads them.
            let numbers: [UInt64] = [
                UInt64(bitPattern: status.size), UInt64(bitPattern: status.modificationSeconds),
                UInt64(bitPattern: status.modificationNanoseconds), UInt64(bitPattern: status.changeSeconds),
                UInt64(bitPattern: status.changeNanoseconds), status.inode, status.device, UInt64(status.mode),
                UInt64(status.user), UInt64(status.group),
            ]
            let fields = [entry.blob.hex] + numbers.map { String($0) } + [path]
            text += fields.joined(separator: " ") + "\n"
        }
        text += "end\n"
        store(text)
        verified = []
        dropped = false
    }

    /// True when the file was modified at or after the record was written: an edit in the same clock tick as the
    /// hashing could have kept every stat field.
    private func isRacilyClean(_ status: FileStatus) -> Bool {
        guard let written else { return true }
        return (status.modificationSeconds, status.modificationNanoseconds) >= written
    }

    private mutating func load() {
        let folder = (recordPath as NSString).deletingLastPathComponent
        guard !WriteLock.isLink(folder) else { return }
        let descriptor = open(recordPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size < 1 << 20 else { return }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { read(descriptor, $0 + count, buffer.count - count) } ?? 0
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return }
            count += got
        }
        guard let parsed = Self.parse(String(decoding: bytes, as: UTF8.self)) else { return }
        entries = parsed
        #if canImport(Darwin)
            written = (Int64(status.st_mtimespec.tv_sec), Int64(status.st_mtimespec.tv_nsec))
        #else
            written = (Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec))
        #endif
    }

    /// The entries of a record; nil for one that is foreign or cut short (it ends with `end`). Read on bytes: it is
    /// read by every search that shows snippets.
    static func parse(_ text: String) -> [String: Entry]? {
        var text = text
        return text.withUTF8 { bytes -> [String: Entry]? in
            var lines: [Range<Int>] = []
            var start = 0
            for position in 0..<bytes.count where bytes[position] == 0x0A {
                lines.append(start..<position)
                start = position + 1
            }
            func text(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            guard start == bytes.count, lines.count >= 2, text(lines[0]) == header, text(lines[lines.count - 1]) == "end"
            else { return nil }
            var entries: [String: Entry] = [:]
            entries.reserveCapacity(lines.count - 2)
            for line in lines[1..<(lines.count - 1)] {
                // Eleven fields separated by single spaces, then the path (which may hold spaces).
                var fields: [Range<Int>] = []
                var fieldStart = line.lowerBound
                var position = line.lowerBound
                while position < line.upperBound, fields.count < 11 {
                    if bytes[position] == 0x20 {
                        fields.append(fieldStart..<position)
                        fieldStart = position + 1
                    }
                    position += 1
                }
                guard fields.count == 11, fieldStart < line.upperBound, let blob = OID(hex: text(fields[0])) else { return nil }
                var numbers: [UInt64] = []
                for field in fields[1...] {
                    guard !field.isEmpty, field.count <= 20 else { return nil }
                    var value: UInt64 = 0
                    for index in field {
                        let digit = bytes[index] &- 0x30
                        guard digit < 10 else { return nil }
                        let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                        let (sum, carry) = times.addingReportingOverflow(UInt64(digit))
                        guard !overflow, !carry else { return nil }
                        value = sum
                    }
                    numbers.append(value)
                }
                func signed(_ value: UInt64) -> Int64 { Int64(bitPattern: value) }
                let status = FileStatus(
                    device: numbers[6], inode: numbers[5], mode: UInt32(truncatingIfNeeded: numbers[7]),
                    user: UInt32(truncatingIfNeeded: numbers[8]), group: UInt32(truncatingIfNeeded: numbers[9]),
                    size: signed(numbers[0]), changeSeconds: signed(numbers[3]), changeNanoseconds: signed(numbers[4]),
                    modificationSeconds: signed(numbers[1]), modificationNanoseconds: signed(numbers[2]))
                entries[text(fieldStart..<line.upperBound)] = Entry(blob: blob, status: status)
            }
            return entries
        }
    }

    /// Replaces the record through a temporary file; a failure leaves the old one (or none), which costs only hashing.
    private func store(_ text: String) {
        let folder = (recordPath as NSString).deletingLastPathComponent
        if mkdir(folder, 0o755) != 0, errno != EEXIST { return }
        guard !WriteLock.isLink(folder) else { return }
        let temporary = recordPath + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let bytes = Array(text.utf8)
        var offset = 0
        var failed = false
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { write(descriptor, $0 + offset, buffer.count - offset) } ?? 0
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                failed = true
                break
            }
            offset += written
        }
        close(descriptor)
        if failed || rename(temporary, recordPath) != 0 { unlink(temporary) }
    }

    /// The whole file, nil when it cannot be read.
    private static func contents(of path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
