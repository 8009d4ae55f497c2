import PostmortemKit

/// `pm completion`: prints a shell completion script generated from the command specs.
enum CompletionCommand: Command {
    static let spec = CommandSpec(
        name: "completion",
        abstract: "Print a shell completion script for bash, zsh or fish.",
        discussion: """
            bash:  pm completion bash > /etc/bash_completion.d/pm   (or: source <(pm completion bash))
            zsh:   pm completion zsh > "${fpath[1]}/_pm"
            fish:  pm completion fish > ~/.config/fish/completions/pm.fish
            Postmortem ids complete too (the script asks pm for them).
            """,
        positionals: [PositionalSpec(name: "shell", help: "bash, zsh or fish.", completion: .list(["bash", "zsh", "fish"]))],
        examples: ["source <(pm completion bash)"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let shell = context.arguments.positional("shell") ?? ""
        switch shell {
        case "bash": context.stdout.write(CompletionScript.bash(root: PM.root, globalOptions: PM.globalOptions))
        case "zsh": context.stdout.write(CompletionScript.zsh(root: PM.root, globalOptions: PM.globalOptions))
        case "fish": context.stdout.write(CompletionScript.fish(root: PM.root, globalOptions: PM.globalOptions))
        default:
            throw UsageError(
                message: "Unknown shell '\(shell)'; use bash, zsh or fish", commandPath: context.arguments.commandPath,
                suggestion: EditDistance.nearest(to: shell, among: ["bash", "zsh", "fish"]))
        }
        return .success
    }
}

/// `pm __complete ids`: the postmortem ids, one a line, for completion scripts. Hidden; prints nothing on error.
enum CompleteCommand: Command {
    static let spec = CommandSpec(
        name: "__complete", abstract: "Values for shell completion.",
        positionals: [PositionalSpec(name: "kind", help: "What to list: ids.")], isHidden: true)

    static func run(_ context: CommandContext) throws -> ExitCode {
        guard context.arguments.positional("kind") == "ids", let store = try? PostmortemStore.open(at: context.currentDirectory),
            let files = try? store.files(at: .workingTree)
        else { return .success }
        for file in files { context.stdout.line(file.id.terminalSafe) }
        return .success
    }
}
