import CLibgit2
import Foundation

/// An error reported by libgit2, or by this layer on its behalf, with the message a user can act on.
public struct GitError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, in libgit2's words when it had any.
    public let message: String
    /// The libgit2 function that failed, or a short name of the operation.
    public let function: String
    /// libgit2's error code (`GIT_ENOTFOUND`, `GIT_EMODIFIED`, …) as a raw value; 0 when not from libgit2.
    public let code: Int32

    public init(message: String, function: String, code: Int32 = 0) {
        self.message = message
        self.function = function
        self.code = code
    }

    public var description: String { message }

    /// The object or reference that was asked for does not exist.
    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
    /// Another process holds the lock file (e.g. `index.lock`).
    public var isLocked: Bool { code == GIT_ELOCKED.rawValue }
    /// A compare-and-swap on a reference lost the race, or a lock is held by another process.
    public var isConcurrentModification: Bool {
        code == GIT_EMODIFIED.rawValue || code == GIT_ELOCKED.rawValue || code == GIT_EEXISTS.rawValue
    }

    /// Builds the error for a failed libgit2 call, reading `git_error_last()` on this thread right away.
    static func last(_ function: String, code: Int32) -> GitError {
        var message = "\(function) failed (code \(code))"
        if let error = git_error_last(), let text = error.pointee.message {
            message = lenientString(text)  // libgit2 quotes paths and ref names, which need not be UTF-8
        }
        return GitError(message: message, function: function, code: code)
    }
}

/// Checks a libgit2 return code: only negative values are errors.
@inline(__always)
func check(_ code: Int32, _ function: @autoclosure () -> String) throws {
    if code < 0 { throw GitError.last(function(), code: code) }
}

/// Makes sure libgit2's global state is set up once per process, before any call.
enum Libgit2 {
    private static let initialized: Bool = {
        git_libgit2_init()
        // libgit2 hashes every object it reads again to check its id; git does not, and on a long history that
        // check is a third of the time pm takes to read it. Objects pm writes are still hashed to get their ids.
        pm_git_set_strict_hash_verification(0)
        // pm's commands answer within the 200 MiB docs/performance.md allows on a history of 30,000 commits: pack windows of
        // 8 MiB, at most 16 MiB mapped at once, and 8 MiB of cached objects (libgit2's defaults: 1 GiB, 8 GiB
        // and 256 MiB).
        pm_git_set_memory_limits(8 << 20, 16 << 20, 8 << 20)
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }

    /// The version of the linked libgit2, e.g. "1.5.1".
    static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}

/// Decodes C text that may not be valid UTF-8 (commit messages, paths), replacing bad bytes.
func lenientString(_ pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    let length = strlen(pointer)
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
}
