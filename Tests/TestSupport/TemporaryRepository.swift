import Foundation

/// A git repository in a fresh temporary folder, driven by the real `git` (and the built `pm`) for a test.
public final class TemporaryRepository {
    /// The folder that holds the repository, a fake HOME, and anything else the test makes.
    public let base: String
    /// The repository's root (the working tree, or the git folder when bare).
    public let root: String
    public let home: String
    public var extraEnvironment: [String: String] = [:]

    /// Makes an empty repository on branch `main` (`bare`: without a working tree).
    public init(bare: Bool = false, initialize: Bool = true) throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("pm-test-XXXXXX").path
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw TestFailure("mkdtemp failed") }
        base = String(cString: made)
        home = base + "/home"
        root = base + (bare ? "/repo.git" : "/repo")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if initialize {
            try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: base)
    }

    public var environment: [String: String] { Shell.environment(home: home, extra: extraEnvironment) }

    /// Runs git in the repository and returns its stdout; throws when git fails.
    @discardableResult
    public func git(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]) throws
        -> String
    {
        let output = try gitOutput(arguments, in: directory, environment: extra)
        guard output.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")) failed: \(output)") }
        return output.stdout
    }

    /// Runs git and returns everything, whatever the exit status.
    public func gitOutput(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]) throws
        -> ProcessOutput
    {
        guard let git = Shell.which("git") else { throw TestFailure("git is not on PATH") }
        return try Shell.run(git, arguments, in: directory ?? root, environment: environment.merging(extra) { $1 })
    }

    /// Runs the built `pm` in the repository (or `directory`).
    @discardableResult
    public func pm(
        _ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:], input: String? = nil
    ) throws -> ProcessOutput {
        try Shell.run(
            PMBinary.path, arguments, in: directory ?? root, environment: environment.merging(extra) { $1 }, input: input)
    }

    /// Writes a file (creating folders) relative to the root.
    public func write(_ relativePath: String, _ text: String) throws {
        try write(relativePath, bytes: Array(text.utf8))
    }

    public func write(_ relativePath: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: root + "/" + relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Reads a file relative to the root.
    public func read(_ relativePath: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: root + "/" + relativePath)), as: UTF8.self)
    }

    /// Commits everything in the working tree with `message`.
    public func commitAll(_ message: String) throws {
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message])
    }
}

/// Finds the `pm` binary built by `swift build`: `$PM_BINARY`, else next to the test bundle, else `.build/debug/pm`.
public enum PMBinary {
    public static var path: String {
        if let path = ProcessInfo.processInfo.environment["PM_BINARY"], FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent("pm").path,
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("pm").path,
            packageRoot + "/.build/debug/pm",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? packageRoot + "/.build/debug/pm"
    }

    /// The package's root folder, found from this source file's location.
    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}

/// A test precondition that did not hold.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
