import PostmortemKit

/// `pm completion`: prints a shell completion script generated from the command specs.
enum CompletionCommand: Command {
    /// The shells pm writes completion scripts for.
    enum Shell: String, CaseIterable, Sendable {
        case bash, zsh, fish
    }

    static let shell = Argument.required("shell", as: ArgumentType<Shell>.choice(), help: "bash, zsh or fish.")

    static let spec = CommandSpec(
        name: "completion",
        abstract: "Print a shell completion script for bash, zsh or fish.",
        discussion: """
            bash:  pm completion bash > /etc/bash_completion.d/pm   (or: source <(pm completion bash))
            zsh:   pm completion zsh > "${fpath[1]}/_pm"
            fish:  pm completion fish > ~/.config/fish/completions/pm.fish
            Postmortem ids complete too (the script asks pm for them).
            """,
        positionals: [shell.spec],
        examples: ["source <(pm completion bash)"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        switch try context[shell] {
        case .bash: context.stdout.write(CompletionScript.bash(root: PM.root, globalOptions: PM.globalOptions))
        case .zsh: context.stdout.write(CompletionScript.zsh(root: PM.root, globalOptions: PM.globalOptions))
        case .fish: context.stdout.write(CompletionScript.fish(root: PM.root, globalOptions: PM.globalOptions))
        }
        return .success
    }
}

/// `pm __complete ids`: the postmortem ids, one a line, for completion scripts. Hidden; prints nothing on error.
enum CompleteCommand: Command {
    static let kind = Argument.required("kind", as: .text, help: "What to list: ids.")

    static let spec = CommandSpec(
        name: "__complete", abstract: "Values for shell completion.", positionals: [kind.spec], isHidden: true)

    static func run(_ context: CommandContext) throws -> ExitCode {
        // A shell is completing a word: an error printed here would land on the user's command line, and offering
        // nothing is the answer when there is nothing to offer. So failures end quietly with no candidates.
        guard try context[kind] == "ids", let store = try? PostmortemStore.open(at: context.currentDirectory),
            let files = try? store.files(at: .workingTree)
        else { return .success }
        for file in files { context.stdout.line(file.id.terminalSafe) }
        return .success
    }
}
