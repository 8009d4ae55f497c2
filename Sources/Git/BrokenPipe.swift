import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private typealias SignalHandler = sighandler_t
#else
    private typealias SignalHandler = sig_t
#endif

/// Runs work with `SIGPIPE` ignored, so that a filter which exits early makes `write` fail with `EPIPE` instead of
/// killing pm (git does the same around its filters).
enum BrokenPipe {
    private static let lock = NSLock()
    private nonisolated(unsafe) static var depth = 0
    private nonisolated(unsafe) static var previous: SignalHandler?

    static func ignored<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        if depth == 0 { previous = signal(SIGPIPE, SIG_IGN) }
        depth += 1
        lock.unlock()
        defer {
            lock.lock()
            depth -= 1
            if depth == 0 { signal(SIGPIPE, previous) }
            lock.unlock()
        }
        return try body()
    }
}
