import Foundation
import Git

/// Installs, removes and reports pm's git hooks, never overwriting a hook pm did not write.
///
/// A hook that someone else wrote is kept as `<name>.local` and pm's hook runs it first (its exit status
/// still counts); uninstalling puts it back. Hooks go where git looks for them: `core.hooksPath` (relative to
/// the working tree, or to the git folder when bare), else the `hooks` folder of the common git folder.
public struct HookInstaller {
    /// What is in place for one hook.
    public enum State: String, Sendable, Equatable {
        /// pm's hook, with no earlier hook to run.
        case installed
        /// pm's hook, running an earlier hook kept as `<name>.local` first.
        case chained
        /// A hook pm did not write.
        case foreign
        /// No hook.
        case missing
    }

    /// One hook and what `install` or `uninstall` did to it, in words for the user.
    public struct Outcome: Sendable, Equatable {
        public var name: String
        var path: String
        public var message: String
    }

    /// The folder git runs hooks from.
    public let folder: String
    /// The hooks pm manages here: `pre-receive` in a bare repository, `pre-commit` and `pre-push` otherwise.
    public let names: [String]

    init(repository: Repository) throws {
        let configured = try repository.configuration().string("core.hooksPath").flatMap { $0.isEmpty ? nil : $0 }
        if let configured {
            var path = configured
            if path.hasPrefix("~/") { path = NSHomeDirectory() + path.dropFirst(1) }
            if !path.hasPrefix("/") { path = (repository.workingDirectory ?? repository.gitDirectory) + "/" + path }
            folder = URL(fileURLWithPath: path).standardizedFileURL.path
        } else {
            folder = repository.commonDirectory + "/hooks"
        }
        names = repository.isBare ? ["pre-receive"] : ["pre-commit", "pre-push"]
    }

    /// The path of hook `name`.
    public func path(of name: String) -> String { folder + "/" + name }

    /// The state of hook `name`.
    public func state(of name: String) -> State {
        guard let text = contents(path(of: name)) else { return .missing }
        guard Self.isPM(text) else { return .foreign }
        return FileManager.default.fileExists(atPath: path(of: name) + ".local") ? .chained : .installed
    }

    /// Writes pm's hooks. A foreign hook is renamed to `<name>.local` and chained; when `<name>.local` exists
    /// too, install refuses for that hook, unless `force`, which moves the foreign hook to `<name>.pm-backup`
    /// (kept, not run) instead.
    public func install(force: Bool = false) throws -> [Outcome] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var outcomes: [Outcome] = []
        for name in names {
            guard let script = HookScripts.script(named: name) else { continue }
            let target = path(of: name)
            let local = target + ".local"
            var message = "installed"
            switch state(of: name) {
            case .installed, .chained:
                message = contents(target) == script + "\n" ? "already installed" : "updated"
            case .missing:
                break
            case .foreign:
                if FileManager.default.fileExists(atPath: local) {
                    guard force else {
                        throw StoreError(
                            .refused,
                            """
                            \(target) is not pm's, and \(name).local exists too, so pm cannot keep it as \(name).local.
                            Merge the two into \(name).local (pm's hook runs it first), remove \(target), and run \
                            'pm hooks install' again; or run 'pm hooks install --force' to move \(name) to \
                            \(name).pm-backup (kept, not run).
                            """)
                    }
                    try moveAside(target, to: target + ".pm-backup")
                    message = "installed; the previous hook is in \(name).pm-backup and does not run"
                } else {
                    try FileManager.default.moveItem(atPath: target, toPath: local)
                    message = "installed; the previous hook is now \(name).local and runs first"
                }
            }
            try write(script + "\n", to: target)
            outcomes.append(Outcome(name: name, path: target, message: message))
        }
        return outcomes
    }

    /// Removes pm's hooks and puts a chained `<name>.local` back in place; a foreign hook is left alone.
    public func uninstall() throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for name in names {
            let target = path(of: name)
            switch state(of: name) {
            case .missing:
                outcomes.append(Outcome(name: name, path: target, message: "not installed"))
            case .foreign:
                outcomes.append(Outcome(name: name, path: target, message: "not pm's hook; left as it is"))
            case .installed:
                try FileManager.default.removeItem(atPath: target)
                outcomes.append(Outcome(name: name, path: target, message: "removed"))
            case .chained:
                try FileManager.default.removeItem(atPath: target)
                try FileManager.default.moveItem(atPath: target + ".local", toPath: target)
                outcomes.append(Outcome(name: name, path: target, message: "removed; \(name).local is \(name) again"))
            }
        }
        return outcomes
    }

    /// True when `text` is a hook pm wrote (it carries the marker on one of its first lines).
    static func isPM(_ text: String) -> Bool {
        text.split(separator: "\n", maxSplits: 5).prefix(5).contains { $0.hasPrefix(HookScripts.marker) }
    }

    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private func write(_ text: String, to path: String) throws {
        let temporary = path + ".pm-tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw StoreError(.failure, "cannot write \(temporary) (check the folder's permissions)")
        }
        try makeExecutable(temporary)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)  // cleanup before the error that is reported
            throw StoreError(.failure, "cannot write \(path): \(reason)")
        }
    }

    private func makeExecutable(_ path: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    private func moveAside(_ path: String, to backup: String) throws {
        var destination = backup
        var number = 2
        while FileManager.default.fileExists(atPath: destination) {
            destination = backup + "-\(number)"
            number += 1
        }
        try FileManager.default.moveItem(atPath: path, toPath: destination)
    }
}
