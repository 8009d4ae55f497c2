import Git
import PostmortemKit

/// `pm hooks install|uninstall|status`: manages pm's git hooks, keeping any hook pm did not write.
enum HooksCommand: Command {
    static let force = Option.flag(
        "force", help: "When <hook>.local exists too, move the existing hook to <hook>.pm-backup.")

    static let spec = CommandSpec(
        name: "hooks",
        abstract: "Install, remove or show pm's git hooks (pre-commit, pre-push; pre-receive when bare).",
        discussion: """
            Hooks go where git runs them: core.hooksPath when set, else the repository's hooks folder. A hook \
            pm did not write is never overwritten: install renames it to <hook>.local and pm's hook runs it \
            first; uninstall puts it back. In a bare repository (a server) only pre-receive is installed.
            """,
        subcommands: [
            CommandSpec(
                name: "install", abstract: "Install pm's hooks (chaining any existing hook).",
                options: [force.spec]),
            CommandSpec(name: "uninstall", abstract: "Remove pm's hooks and restore chained ones."),
            CommandSpec(name: "status", abstract: "Show each hook: installed, chained, foreign or missing."),
        ],
        examples: ["pm hooks install", "pm hooks status --json"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        let installer = try store.hookInstaller()
        switch context.arguments.commandPath.dropFirst(2).first {
        case "install":
            let outcomes = try installer.install(force: context[force])
            report(outcomes, context: context)
        case "uninstall":
            report(try installer.uninstall(), context: context)
        default:
            let states = installer.names.map { (name: $0, state: installer.state(of: $0)) }
            if context.json {
                let hooks = states.map { hook -> JSONValue in
                    .object([
                        ("name", .string(hook.name)), ("state", .string(hook.state.rawValue)),
                        ("path", .string(installer.path(of: hook.name))),
                    ])
                }
                context.stdout.line(JSONOutput.document([("hooks", .array(hooks))], version: jsonVersion))
                return .success
            }
            let width = states.map(\.name.count).max() ?? 0
            for (name, state) in states {
                let padded = name.padding(toLength: width, withPad: " ", startingAt: 0)
                context.stdout.line("\(padded)  \(describe(state, name: name, terminal: context.stdout))")
            }
            context.note("Hooks folder: \(installer.folder.terminalSafe)")
        }
        return .success
    }

    private static func describe(_ state: HookInstaller.State, name: String, terminal: Terminal) -> String {
        switch state {
        case .installed: return terminal.styled("installed", .green) + " (pm)"
        case .chained: return terminal.styled("chained", .green) + " (pm, runs \(name).local first)"
        case .foreign: return terminal.styled("foreign", .yellow) + " (not pm's; 'pm hooks install' keeps it as \(name).local)"
        case .missing: return terminal.styled("missing", .dim) + " (run 'pm hooks install')"
        }
    }

    private static func report(_ outcomes: [HookInstaller.Outcome], context: CommandContext) {
        for outcome in outcomes {
            context.stdout.line("\(outcome.name): \(outcome.message)".terminalSafe)
        }
    }

    /// The version of `pm hooks status --json`'s shape (docs/json/hooks-status.schema.json).
    static let jsonVersion = 1
}
