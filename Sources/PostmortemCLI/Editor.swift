import Foundation

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$@\"", command, path]
        process.standardInput = FileHandle.standardInput
        process.standardOutput = FileHandle.standardOutput
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw CLIError("cannot start the editor '\(command)': \(error.localizedDescription). Set VISUAL or EDITOR")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError(
                "the editor '\(command)' exited with status \(process.terminationStatus); nothing was committed and \(path) is kept as it is"
            )
        }
    }
}
