import Foundation
import TestSupport
import Testing

@testable import PostmortemCLI

/// Runs a program and returns its exit status and standard output.
private func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The path of a shell, as `which` finds it; nil when it is not installed.
private func shellPath(_ name: String) -> String? {
    guard let result = try? runProgram("/usr/bin/env", ["which", name]), result.status == 0 else { return nil }
    let path = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    return path.isEmpty ? nil : path
}

/// Writes a script to a fresh temporary file and returns its path.
private func temporaryScript(_ text: String, name: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pm-completion-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

/// The path of a shell the tests need; a missing one fails the test rather than skipping it, as Debian has all three.
private func installed(_ path: String?, _ name: String) throws -> String {
    guard let path else { throw TestFailure("\(name) is not installed: run 'make test-deps' (apt-get install \(name))") }
    return path
}

private let bashPath = shellPath("bash")
private let zshPath = shellPath("zsh")
private let fishPath = shellPath("fish")

private let bashScript = CompletionScript.bash(root: SampleSpec.root, globalOptions: SampleSpec.globalOptions)
private let zshScript = CompletionScript.zsh(root: SampleSpec.root, globalOptions: SampleSpec.globalOptions)
private let fishScript = CompletionScript.fish(root: SampleSpec.root, globalOptions: SampleSpec.globalOptions)

/// A stand-in for `pm __complete ids`, so completion of postmortem ids can be checked.
private let bashFakeIDs =
    #"pm() { [[ "$1 $2" == "__complete ids" ]] && printf '%s\n' 2026-11-20-checkout-500s 2026-12-01-dns-outage; }"#

@Suite struct CompletionScriptTests {
    // MARK: Syntax

    @Test
    func bashScriptParses() throws {
        let script = try temporaryScript(bashScript, name: "pm.bash")
        #expect(try runProgram(try installed(bashPath, "bash"), ["-n", script]).status == 0)
    }

    @Test
    func zshScriptParses() throws {
        let script = try temporaryScript(zshScript, name: "_pm")
        #expect(try runProgram(try installed(zshPath, "zsh"), ["-n", script]).status == 0)
    }

    @Test
    func fishScriptParses() throws {
        let script = try temporaryScript(fishScript, name: "pm.fish")
        #expect(try runProgram(try installed(fishPath, "fish"), ["-n", script]).status == 0)
    }

    // MARK: bash, for real

    /// What `_pm` puts in COMPREPLY for these words, the last one being completed.
    private func bashCompletions(_ words: [String]) throws -> [String] {
        let script = try temporaryScript(bashScript, name: "pm.bash")
        let program = """
            source "$1"; shift
            \(bashFakeIDs)
            COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()
            _pm
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try runProgram(try installed(bashPath, "bash"), ["-c", program, "bash", script] + words)
        #expect(result.status == 0)
        return result.output.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    @Test(
        arguments: [
            (["pm", "ne"], ["new"]),
            (["pm", "list", "--sev"], ["--severity"]),
            (["pm", ""], ["new", "list", "show", "hooks", "actions", "check", "completion", "help"]),
            (["pm", "hooks", ""], ["install", "uninstall", "status"]),
            (["pm", "-C", "/tmp", "hooks", "in"], ["install"]),
            (["pm", "--json", "hooks", "un"], ["uninstall"]),
            (["pm", "list", "--status", ""], ["draft", "in-review", "published"]),
            (["pm", "list", "--status", "=", "p"], ["published"]),
            (["pm", "new", "Title", "-s", "SEV"], ["SEV1", "SEV2", "SEV3", "SEV4"]),
            (["pm", "list", "--sort", "s"], ["severity", "status"]),
            (["pm", "show", ""], ["2026-11-20-checkout-500s", "2026-12-01-dns-outage"]),
            (["pm", "show", "--rev", "HEAD", "2026-12"], ["2026-12-01-dns-outage"]),
            (["pm", "completion", ""], ["bash", "zsh", "fish"]),
            (["pm", "help", "ho"], ["hooks"]),
            (["pm", "actions", ""], ["done"]),
            (["pm", "actions", "--o"], ["--open", "--owner"]),
            (["pm", "hooks", "install", "--he"], ["--help"]),
            (["pm", "new", "Title", "--rev"], []),
            (["pm", "__compl"], []),
        ])
    func bashCompletes(words: [String], expected: [String]) throws {
        #expect(try bashCompletions(words) == expected)
    }

    @Test
    func bashCompletesFilesAndFolders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pm-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try "x".write(to: folder.appendingPathComponent("nothing.md"), atomically: true, encoding: .utf8)
        let prefix = folder.path + "/no"
        #expect(try bashCompletions(["pm", "check", prefix]).sorted() == [prefix + "tes", prefix + "thing.md"])
        #expect(try bashCompletions(["pm", "-C", prefix]) == [prefix + "tes"])
    }

    @Test func bashScriptRegistersItself() {
        #expect(bashScript.contains("\ncomplete -F _pm pm\n"))
        #expect(bashScript.contains("_pm_add_lines 'pm' __complete ids"))
        #expect(!bashScript.contains("compgen -W"), "compgen -W expands its words: a candidate must stay data")
    }

    // MARK: zsh and fish

    @Test func zshScriptDescribesEveryVisibleCommand() {
        #expect(zshScript.hasPrefix("#compdef pm\n"))
        #expect(zshScript.contains("'new:Create a postmortem draft from the template.'"))
        #expect(zshScript.contains("'install:Install the pre-commit and pre-push hooks.'"))
        #expect(zshScript.contains("'(-s --severity)'{-s,--severity}'[The severity.]:severity:(SEV1 SEV2 SEV3 SEV4)'"))
        #expect(zshScript.contains("'*'{-t,--tag}'[A tag.]:tag: '"))
        #expect(zshScript.contains("'*'-C'[Run as if pm was started in <path> instead of the current folder.]:path:_files -/'"))
        #expect(zshScript.contains("--no-edit'[Do not open the editor.]'"))
        #expect(zshScript.contains("'(- *)'{-h,--help}'[Show help information.]'"))
        #expect(zshScript.contains("':ref:_pm_postmortems'"))
        #expect(zshScript.contains("'*:path:_files'"))
        #expect(zshScript.contains("_pm_hooks_install()"))
        #expect(!zshScript.contains("__complete:"))
    }

    @Test func fishScriptDescribesEveryVisibleCommand() {
        #expect(
            fishScript.contains(
                #"complete -c pm -n '__pm_using_command "pm"' -a 'new' -d 'Create a postmortem draft from the template.'"#))
        #expect(fishScript.contains("complete -c pm -s C -x -a '(__fish_complete_directories)'"))
        #expect(fishScript.contains("-l status -x -a 'draft in-review published'"))
        #expect(fishScript.contains("-a '(pm __complete ids 2>/dev/null)'"))
        #expect(!fishScript.contains("__complete'"))
    }

    @Test(
        arguments: [
            ("pm ne", ["new"]),
            ("pm list --sev", ["--severity"]),
            ("pm -C /tmp hooks in", ["install"]),
            ("pm list --status ", ["draft", "in-review", "published"]),
            ("pm show ", ["2026-11-20-checkout-500s", "2026-12-01-dns-outage"]),
            ("pm completion ", ["bash", "fish", "zsh"]),
        ])
    func fishCompletes(line: String, expected: [String]) throws {
        let script = try temporaryScript(fishScript, name: "pm.fish")
        let program = """
            function pm; if test "$argv[1]" = __complete; printf '%s\\n' 2026-11-20-checkout-500s 2026-12-01-dns-outage; end; end
            source $argv[1]
            complete -C $argv[2]
            """
        let result = try runProgram(try installed(fishPath, "fish"), ["-N", "-c", program, script, line])
        #expect(result.status == 0)
        let words = result.output.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        #expect(words == expected)
    }
}
