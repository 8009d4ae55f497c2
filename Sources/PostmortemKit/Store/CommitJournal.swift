import Foundation
import Git

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a pm writer is in the middle of, noted in a journal file beside pm's write lock, so that the next writer can finish or undo
/// what a killed one left — and touch nothing else.
///
/// The kernel hands the write lock on only once its holder is gone, and a writer that finishes clears the journal,
/// so a journal that is not empty when pm takes the lock was left by a writer that died. Its lines:
///
/// - `lock <identity> <lock path> <staged index>`: it created git's `index.lock` (the file with that identity,
///   see `FileIdentity`: device, inode and a random token in the file) and may have prepared a new index in `<staged index>`;
/// - `created <blob> <path>`: it wrote this new file into the working tree, with this content;
/// - `path <path>`: its new index stages this path;
/// - `ref <commit> <ref lock path>`: it was moving the branch to `<commit>` (libgit2 holds `<ref lock path>`
///   meanwhile).
///
/// Recovery removes git's `index.lock` only when it is the very file the dead writer created (same device, inode
/// and token), never one made by a live git; it finishes the dead writer's index when the branch points at
/// its commit, so the branch and the index agree; it removes a branch lock only when the file holds the dead
/// writer's own commit id; and it removes a created file only when the branch does not hold it and the file still
/// holds exactly what the writer put there.
struct CommitJournal {
    /// The journal file (`<git-common-dir>/pm/journal`, `journal-<worktree>` for a linked worktree), read and
    /// written only under pm's write lock.
    let path: String

    /// Appends `line`. Call while holding the write lock.
    func append(_ line: String) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array((line + "\n").utf8)
        // Not synced: the journal is for a writer that is killed, whose writes the kernel keeps; a power cut loses
        // git's own lock files too.
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Notes that pm holds git's index lock.
    func recordLock(_ lock: IndexLock) {
        append("lock \(lock.identity) \(Self.escape(lock.lockPath)) \(Self.escape(lock.stagedPath))")
    }

    /// Notes a new file written into the working tree.
    func recordCreated(path: String, blob: OID) {
        append("created \(blob.hex) \(Self.escape(path))")
    }

    /// Notes a path the commit in progress stages in the new index.
    func recordPath(_ path: String) {
        append("path \(Self.escape(path))")
    }

    /// Notes that the branch is about to move to `commit`.
    func recordReferenceUpdate(commit: OID, lockPath: String) {
        append("ref \(commit.hex) \(Self.escape(lockPath))")
    }

    /// Notes that no step is in progress.
    func clear() {
        truncate(path, 0)
    }

    /// What a dead writer was doing, parsed from the journal.
    struct Entries {
        var lock: (identity: FileIdentity, lockPath: String, stagedPath: String)?
        var created: [(blob: OID, path: String)] = []
        var reference: (commit: OID, lockPath: String)?
        var paths: [String] = []
    }

    func read() -> Entries {
        var entries = Entries()
        guard let data = FileManager.default.contents(atPath: path) else { return entries }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 3).map(String.init)
            switch fields.first {
            case "lock" where fields.count == 4:
                if let identity = FileIdentity(Substring(fields[1])) {
                    entries.lock = (identity, Self.unescape(fields[2]), Self.unescape(fields[3]))
                }
            case "created" where fields.count >= 3:
                if let blob = OID(hex: fields[1]) {
                    entries.created.append((blob, Self.unescape(fields[2...].joined(separator: " "))))
                }
            case "path" where fields.count >= 2:
                entries.paths.append(Self.unescape(fields[1...].joined(separator: " ")))
            case "ref" where fields.count >= 3:
                if let commit = OID(hex: fields[1]) {
                    entries.reference = (commit, Self.unescape(fields[2...].joined(separator: " ")))
                }
            default:
                continue
            }
        }
        return entries
    }

    /// Paths go into the journal with `%`, space and line breaks escaped, so every line parses back.
    static func escape(_ path: String) -> String {
        var bytes: [UInt8] = []
        for byte in path.utf8 {
            if byte == UInt8(ascii: "%") || byte == UInt8(ascii: " ") || byte < 0x20 || byte == 0x7F {
                bytes += Array(String(format: "%%%02X", byte).utf8)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func unescape(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
