import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `pm` started without waiting for it, to run beside others or to be killed; its output goes to files (a pipe
/// nobody reads could block it).
final class BackgroundProcess {
    let process = Process()
    private let outputPath: String
    private let errorPath: String

    init(_ arguments: [String], in repo: TemporaryRepository, name: String) throws {
        outputPath = repo.base + "/\(name).out"
        errorPath = repo.base + "/\(name).err"
        for path in [outputPath, errorPath] where !FileManager.default.createFile(atPath: path, contents: nil) {
            throw TestFailure("cannot create \(path)")
        }
        process.executableURL = URL(fileURLWithPath: PMBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repo.root)
        process.environment = repo.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
    }

    /// Sends SIGKILL (nothing happens when it already ended) and reaps it; true when it was still running.
    @discardableResult
    func kill9() -> Bool {
        let running = process.isRunning
        if running { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return running && process.terminationReason == .uncaughtSignal
    }

    /// Waits until it ends, at most `timeout` seconds (then kills it); its exit status, nil on a timeout.
    func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(5000) }
        if process.isRunning {
            kill9()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var stdout: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
}

/// An flock on a file, taken from the test process: what a live pm holding that lock looks like to another pm.
final class HeldLock {
    private let descriptor: Int32

    init?(_ path: String) {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
    }

    /// True when some process holds an flock on `path` (this one, briefly, tries to take it).
    static func isHeld(_ path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        return HeldLock(path) == nil
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Repository checks shared by the concurrency and crash tests, made with the real git.
enum RepositoryChecks {
    /// git's own lock files anywhere in the git folder (pm's flock files in `.git/pm` are not locks git knows).
    static func gitLockFiles(_ repo: TemporaryRepository) -> [String] {
        let gitFolder = repo.root + "/.git"
        guard let walker = FileManager.default.enumerator(atPath: gitFolder) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            // pm's own files (its staged index `index.pm-<pid>`, whose lock libgit2 takes) are not git's locks.
            if path.hasSuffix(".lock"), !path.hasPrefix("pm/"), !path.contains(".pm-") { found.append(path) }
        }
        return found.sorted()
    }

    /// The ids `pm search QUERY --json` finds, its exit status and its stderr.
    static func search(_ repo: TemporaryRepository, _ query: String) throws -> (ids: Set<String>, output: ProcessOutput) {
        let output = try repo.pm(["search", query, "--json", "--limit", "100000"])
        guard output.status == 0,
            let object = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any],
            let hits = object["hits"] as? [[String: Any]]
        else { return ([], output) }
        return (Set(hits.compactMap { $0["id"] as? String }), output)
    }

    /// The postmortems at HEAD whose text holds `word` (case-insensitive, whole word), as git grep finds them.
    static func grep(_ repo: TemporaryRepository, _ word: String) throws -> Set<String> {
        let output = try repo.gitOutput(["grep", "-l", "-i", "-w", word, "HEAD", "--", "postmortems"])
        return Set(
            output.stdout.lines.map { line in
                ((line.split(separator: "/").last.map(String.init) ?? line) as NSString).deletingPathExtension
            })
    }
}
