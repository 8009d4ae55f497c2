import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which of git's lock files a pm writer is taking, noted in pm's write-lock file while it holds that lock, so that
/// the next writer can remove what a killed one left.
///
/// libgit2 holds `index.lock` and `refs/heads/<branch>.lock` for a moment while pm commits. A pm killed in that moment
/// (`kill -9`, a crash, a power cut) leaves the lock file behind, and from then on git and pm refuse to write ("Another
/// git process seems to be running") until someone deletes it by hand. A writer that finishes clears the journal,
/// and the kernel hands the write lock on only once its holder is gone, so a journal that is not empty when pm takes
/// the lock was left by a writer that died inside that step. Its lock file is removed only when it is provably that
/// writer's, never one a live `git` holds: a branch lock that holds nothing or the very commit the dead writer was
/// setting; an index lock made no earlier than the moment the dead writer noted the step.
struct CommitJournal {
    /// The write-lock file, whose content is the journal.
    let path: String

    enum Step {
        /// About to write the index through `lockPath`.
        case index(lockPath: String)
        /// About to move a branch to `commit` through `lockPath`.
        case reference(lockPath: String, commit: String)

        var line: String {
            switch self {
            case .index(let lockPath): return "index \(lockPath)\n"
            case .reference(let lockPath, let commit): return "ref \(commit) \(lockPath)\n"
            }
        }
    }

    /// Notes `step`, replacing what was noted before. Call while holding the write lock.
    func record(_ step: Step) {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(step.line.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Notes that no step is in progress.
    func clear() {
        truncate(path, 0)
    }

    /// Removes the git lock file a writer that died inside a step left, and clears the journal; returns what it
    /// removed. Call right after taking the write lock.
    func recover() -> [String] {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return [] }
        defer { clear() }
        var journal = stat()
        guard stat(path, &journal) == 0 else { return [] }
        let line = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        var removed: [String] = []
        if line.hasPrefix("index ") {
            let lockPath = String(line.dropFirst("index ".count))
            var lock = stat()
            if lstat(lockPath, &lock) == 0, !CommitJournal.isOlder(lock, than: journal),
                unlink(lockPath) == 0
            {
                removed.append(lockPath)
            }
        } else if line.hasPrefix("ref ") {
            let rest = line.dropFirst("ref ".count)
            guard let space = rest.firstIndex(of: " ") else { return [] }
            let commit = String(rest[..<space])
            let lockPath = String(rest[rest.index(after: space)...])
            // libgit2 writes the new id into the lock file only just before renaming it into place.
            if let content = FileManager.default.contents(atPath: lockPath),
                content.isEmpty || String(decoding: content, as: UTF8.self) == commit + "\n", unlink(lockPath) == 0
            {
                removed.append(lockPath)
            }
        }
        return removed
    }

    /// True when `file` was last modified before `other` (to the nanosecond the file system keeps).
    private static func isOlder(_ file: stat, than other: stat) -> Bool {
        #if canImport(Darwin)
            let (a, b) = (file.st_mtimespec, other.st_mtimespec)
        #else
            let (a, b) = (file.st_mtim, other.st_mtim)
        #endif
        return (a.tv_sec, a.tv_nsec) < (b.tv_sec, b.tv_nsec)
    }
}
