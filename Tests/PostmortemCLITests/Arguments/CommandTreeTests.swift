import Testing

@testable import PostmortemCLI

/// pm's own command tree: consistent, documented, and complete.
@Suite("pm's command tree")
struct CommandTreeTests {
    @Test("the spec has no duplicate options, misplaced positionals or other mistakes")
    func consistent() {
        #expect(PM.root.consistencyProblems(globalOptions: PM.globalOptions) == [])
    }

    @Test("every command has an abstract, a discussion or examples, and help for every option")
    func documented() {
        for command in PM.root.subcommands where !command.isHidden {
            #expect(!command.abstract.isEmpty, "\(command.name)")
            #expect(command.discussion != nil || !command.examples.isEmpty, "\(command.name)")
            for option in command.options { #expect(!option.help.isEmpty, "\(command.name) --\(option.long)") }
            for positional in command.positionals { #expect(!positional.help.isEmpty, "\(command.name) <\(positional.name)>") }
        }
    }

    @Test("the usage funnel: an unknown option exits 64 with a suggestion, help exits 0")
    func funnel() {
        let out = Terminal(capturingWithColors: false)
        let err = Terminal(capturingWithColors: false)
        let status = PM.run(["list", "--sevrity", "x"], environment: [:], stdout: out, stderr: err, isInteractive: false)
        #expect(status == .usage)
        #expect(err.captured.contains("Did you mean '--severity'?"))
        #expect(out.captured.isEmpty)
        let help = Terminal(capturingWithColors: false)
        #expect(PM.run(["help", "new"], environment: [:], stdout: help, stderr: err, isInteractive: false) == .success)
        #expect(help.captured.contains("USAGE: pm new"))
    }
}
