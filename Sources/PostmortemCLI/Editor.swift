import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens the user's editor on a file, the way git does: `$VISUAL`, then `$EDITOR`, then `vi`, through `/bin/sh`
/// so that `EDITOR="code --wait"` works; the file path is passed as an argument, never spliced into the command.
enum Editor {
    /// The editor command, or nil when pm must not open one (not on a terminal).
    static func command(environment: [String: String], interactive: Bool) -> String? {
        guard interactive else { return nil }
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    /// Runs `command` on `path` and waits; fails with the editor's status when it does not exit 0.
    static func edit(_ path: String, command: String) throws {
        if command == ":" { return }  // git's convention for "no editor"
        // posix_spawn, not Foundation's Process: Process puts the child in a process group of its own, which
        // is not the terminal's foreground group, so an editor that touches the terminal would be stopped
        // (SIGTTOU/SIGTTIN) and pm would hang. Like git, pm ignores SIGINT and SIGQUIT while the editor runs
        // and the editor gets them with their default action.
        // A plain command (no shell syntax) is exec'd by the shell, so that signals pm passes on reach the editor
        // itself rather than a shell waiting for it.
        let plain = !command.unicodeScalars.contains { ";&|()<>`$\\\"'\n*?[]{}~#".unicodeScalars.contains($0) }
        let arguments = ["sh", "-c", (plain ? "exec " : "") + command + " \"$@\"", command, path]
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        // SIGTERM and SIGHUP (the terminal closed) are passed on to the editor, and pm stops once it has exited, so
        // that it can clean up the draft first (see `EditorStopped`).
        EditorSignals.received = 0
        EditorSignals.child = 0
        let previousTerminate = signal(SIGTERM, EditorSignals.forward)
        let previousHangUp = signal(SIGHUP, EditorSignals.forward)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
            signal(SIGTERM, previousTerminate)
            signal(SIGHUP, previousHangUp)
            EditorSignals.child = 0
        }
        var pid = pid_t()
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGHUP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, cArguments, environ)
        EditorSignals.child = pid
        // A signal that came before the child's id was known is passed on now.
        if EditorSignals.received != 0 { kill(pid, EditorSignals.received) }
        guard spawned == 0 else {
            throw CLIError("cannot start the editor '\(command)': \(String(cString: strerror(spawned))). Set VISUAL or EDITOR")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw CLIError("lost track of the editor '\(command)': \(String(cString: strerror(errno)))")
            }
        }
        if EditorSignals.received != 0 { throw EditorStopped(signal: EditorSignals.received) }
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            let how = exited ? "exited with status \(code)" : "was stopped by signal \(status & 0x7f)"
            throw CLIError("the editor '\(command)' \(how); nothing was committed")
        }
    }
}

/// The editor ended because pm got SIGTERM or SIGHUP while it ran; the caller cleans up, then `resend()`s it.
struct EditorStopped: Error {
    let signal: Int32

    /// Ends pm the way the signal would have.
    func resend() -> Never {
        #if canImport(Glibc)
            Glibc.signal(self.signal, SIG_DFL)
        #elseif canImport(Darwin)
            Darwin.signal(self.signal, SIG_DFL)
        #endif
        raise(self.signal)
        exit(128 + self.signal)
    }
}

/// What the signal handler of `Editor.edit` shares with it; only async-signal-safe work happens in the handler.
enum EditorSignals {
    nonisolated(unsafe) static var child: pid_t = 0
    nonisolated(unsafe) static var received: Int32 = 0

    static let forward: @convention(c) (Int32) -> Void = { signal in
        EditorSignals.received = signal
        if EditorSignals.child > 0 { kill(EditorSignals.child, signal) }
    }
}
