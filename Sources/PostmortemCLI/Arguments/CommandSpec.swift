/// A command, its options, positionals and subcommands; help, usage and completion come from it.
public struct CommandSpec: Sendable, Equatable {
    public var name: String
    /// One line: what the command does.
    public var abstract: String
    public var discussion: String?
    public var options: [OptionSpec]
    public var positionals: [PositionalSpec]
    public var subcommands: [CommandSpec]
    public var examples: [String]
    /// Whether a subcommand must be given. True by default when there are subcommands; false
    /// for a command that also runs on its own (`pm actions` beside `pm actions done`).
    public var requiresSubcommand: Bool
    /// Left out of help and completion scripts (such as `__complete`), yet still parsed.
    public var isHidden: Bool

    public init(
        name: String,
        abstract: String,
        discussion: String? = nil,
        options: [OptionSpec] = [],
        positionals: [PositionalSpec] = [],
        subcommands: [CommandSpec] = [],
        examples: [String] = [],
        requiresSubcommand: Bool? = nil,
        isHidden: Bool = false
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.positionals = positionals
        self.subcommands = subcommands
        self.examples = examples
        self.requiresSubcommand = requiresSubcommand ?? !subcommands.isEmpty
        self.isHidden = isHidden
    }

    /// The direct subcommand with this name, hidden ones included.
    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }

    /// Mistakes in the spec itself (duplicate names, a variadic positional that is not last, …),
    /// for a test to assert that there are none.
    public func consistencyProblems(globalOptions: [OptionSpec]) -> [String] {
        var problems: [String] = []
        collectProblems(path: [name], globalOptions: globalOptions, into: &problems)
        return problems
    }

    private func collectProblems(path: [String], globalOptions: [OptionSpec], into problems: inout [String]) {
        let here = path.joined(separator: " ")
        var seen: Set<String> = []
        for spelling in (globalOptions + options).flatMap(\.spellings) where !seen.insert(spelling).inserted {
            problems.append("'\(here)': option '\(spelling)' is declared twice")
        }
        var names: Set<String> = []
        for command in subcommands where !names.insert(command.name).inserted {
            problems.append("'\(here)': subcommand '\(command.name)' is declared twice")
        }
        for (index, positional) in positionals.enumerated() {
            if positional.variadic && index != positionals.count - 1 {
                problems.append("'\(here)': variadic positional '<\(positional.name)>' is not the last one")
            }
            if !positional.optional, positionals[..<index].contains(where: \.optional) {
                problems.append("'\(here)': required positional '<\(positional.name)>' follows an optional one")
            }
        }
        if requiresSubcommand && !positionals.isEmpty {
            problems.append("'\(here)': requires a subcommand yet has positionals")
        }
        for command in subcommands {
            command.collectProblems(path: path + [command.name], globalOptions: globalOptions, into: &problems)
        }
    }
}

extension CommandSpec {
    /// The commands along `path` (which starts with the root's name), as far as they exist.
    func commands(along path: [String]) -> [CommandSpec] {
        var chain = [self]
        for name in path.dropFirst() {
            guard let next = chain[chain.count - 1].subcommand(named: name) else { break }
            chain.append(next)
        }
        return chain
    }

    var visibleSubcommands: [CommandSpec] { subcommands.filter { !$0.isHidden } }

    /// This command and every visible command below it, each with its path, parents first.
    func visibleCommands(path: [String] = []) -> [(path: [String], command: CommandSpec)] {
        let here = path + [name]
        return [(here, self)] + visibleSubcommands.flatMap { $0.visibleCommands(path: here) }
    }

    /// The root with the built-in `help` subcommand added, unless the spec declares its own, so
    /// that help, usage and completion show it.
    func addingHelpCommand() -> CommandSpec {
        guard !subcommands.isEmpty, subcommand(named: CommandSpec.helpCommandName) == nil else { return self }
        var root = self
        let names = visibleSubcommands.map(\.name) + [CommandSpec.helpCommandName]
        root.subcommands.append(
            CommandSpec(
                name: CommandSpec.helpCommandName,
                abstract: "Show help for a command.",
                positionals: [
                    PositionalSpec(
                        name: "command", help: "The command to show help for.", optional: true, variadic: true,
                        completion: .list(names))
                ]))
        return root
    }

    static let helpCommandName = "help"
}
