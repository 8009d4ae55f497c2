import Foundation
import Git

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The drafts `pm new` has written and not yet committed (`<git-common-dir>/pm/drafts`), so that a pm killed with
/// its editor open does not leave an untouched template behind for `git add -A` to commit.
///
/// One line per draft: the writer's process id, the blob id of what it wrote, and the path. The writer removes its
/// line when it commits or gives up. A line whose process is gone is settled by the next pm writer: the file is
/// removed when it still holds exactly what pm wrote and the branch does not hold it, and kept (with a notice) when
/// someone edited it. Read and written only under pm's write lock.
struct DraftRegistry {
    let path: String

    private struct Line {
        let pid: pid_t
        let blob: OID
        let path: String
    }

    private func lines() -> [Line] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard fields.count == 3, let pid = pid_t(fields[0]), let blob = OID(hex: fields[1]) else { return nil }
            return Line(pid: pid, blob: blob, path: CommitJournal.unescape(fields[2]))
        }
    }

    /// Writes the registry; a registry that cannot be written fails the writer, since a line left behind (or
    /// missing) would have the next writer remove a draft the user kept (or keep one nobody wants).
    private func save(_ lines: [Line]) throws {
        guard !lines.isEmpty else {
            guard unlink(path) == 0 || errno == ENOENT else {
                throw StoreError(.failure, "cannot update \(path): \(String(cString: strerror(errno)))")
            }
            return
        }
        let text = lines.map { "\($0.pid) \($0.blob.hex) \(CommitJournal.escape($0.path))\n" }.joined()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw StoreError(.failure, "cannot update \(path): \(error.localizedDescription)")
        }
    }

    /// Notes a draft this process wrote.
    func add(path draft: String, blob: OID) throws {
        try save(lines() + [Line(pid: getpid(), blob: blob, path: draft)])
    }

    /// Forgets this process's draft at `draft`; with `deleteIfUnchanged`, removes the file when it still holds what
    /// pm wrote. Returns true when it removed the file.
    @discardableResult
    func remove(path draft: String, store: PostmortemStore, deleteIfUnchanged: Bool) throws -> Bool {
        let all = lines()
        guard let mine = all.first(where: { $0.pid == getpid() && $0.path == draft }) else { return false }
        try save(all.filter { !($0.pid == getpid() && $0.path == draft) })
        guard deleteIfUnchanged else { return false }
        return try Self.removeIfUntouched(mine, store: store)
    }

    /// Settles the drafts of writers that are gone; returns a notice for each.
    func recover(store: PostmortemStore) throws -> [String] {
        let all = lines()
        guard !all.isEmpty else { return [] }
        var notes: [String] = []
        var kept: [Line] = []
        for line in all {
            if kill(line.pid, 0) == 0 || errno != ESRCH {
                kept.append(line)
                continue
            }
            if try Self.removeIfUntouched(line, store: store) {
                notes.append("removed \(line.path), the untouched draft of a pm new that was stopped")
            } else if let root = store.repository.workingDirectory,
                FileManager.default.fileExists(atPath: root + "/" + line.path),
                try store.headBlob(of: line.path) == nil
            {
                notes.append(
                    "kept \(line.path), the edited draft of a pm new that was stopped; commit it with 'pm edit \(PostmortemFile.id(ofPath: line.path))'"
                )
            }
        }
        try save(kept)
        return notes
    }

    /// Removes the draft of `line` when it still holds what pm wrote and HEAD does not hold it; a HEAD that cannot
    /// be read is an error, not a draft that was never committed.
    private static func removeIfUntouched(_ line: Line, store: PostmortemStore) throws -> Bool {
        guard let root = store.repository.workingDirectory, try store.headBlob(of: line.path) == nil,
            let bytes = FileManager.default.contents(atPath: root + "/" + line.path),
            try Repository.blobID(of: [UInt8](bytes)) == line.blob
        else { return false }
        return unlink(root + "/" + line.path) == 0
    }
}
