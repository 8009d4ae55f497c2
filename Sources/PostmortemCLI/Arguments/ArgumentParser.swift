import PostmortemKit

/// Turns a command line into an `Invocation`, following a `CommandSpec`, the way git and
/// swift-argument-parser do.
///
/// - Global options are accepted before and after the subcommand, anywhere before `--`.
/// - `--opt=value`, `--opt value`, `-C path`, `-Cpath` and combined short flags `-ab` all work.
/// - `--` ends options; a lone `-` is a value or a positional. A value that starts with `-`
///   must be attached (`--limit=-1`, `-C-dir`): a separate one is taken for an option.
/// - An option given more than once keeps every value in order; `value(_:)` returns the last.
/// - `-h`, `--help` (anywhere before `--`) and `help <command>` ask for help; `--version` asks
///   for the version. Both win over mistakes in options and positionals, though not over an
///   unknown command.
/// - The root alone asks for help; any other command with required subcommands and none given
///   is a usage error.
/// - Every value is checked with its option's or positional's type (`OptionSpec.check`), with one
///   message per type: `Invalid value '0' for '--limit <n>'; expected a positive whole number`.
/// - A flag that is an option's shorthand (`--json` for `--format json`) gives the option that value;
///   giving the option another value as well is a usage error that names both.
public enum ArgumentParser {
    public static func parse(
        _ arguments: [String], root: CommandSpec, globalOptions: [OptionSpec]
    ) throws(UsageError) -> Invocation {
        if arguments.isEmpty && root.requiresSubcommand {
            return .help(commandPath: [root.name])
        }
        var scan = CommandLineScan(root: root, globalOptions: globalOptions)
        return try scan.run(arguments)
    }
}

/// The state of one left-to-right pass over the arguments.
private struct CommandLineScan {
    let globalOptions: [OptionSpec]
    let hasBuiltInHelpCommand: Bool
    var command: CommandSpec
    var path: [String]
    var parsed: ParsedArguments
    var positionals: [String] = []
    var wantsHelp = false
    var wantsVersion = false
    var firstError: UsageError?

    init(root: CommandSpec, globalOptions: [OptionSpec]) {
        let withHelp = root.addingHelpCommand()
        self.globalOptions = globalOptions
        self.hasBuiltInHelpCommand = withHelp != root
        self.command = withHelp
        self.path = [root.name]
        self.parsed = ParsedArguments(commandPath: [root.name])
    }

    /// The options that apply now: the command's, the global ones, then `--help` and
    /// `--version` unless the caller declared them.
    var options: [OptionSpec] {
        var all = command.options + globalOptions
        if !all.contains(where: { $0.long == "help" }) {
            all.append(.flag("help", short: all.contains { $0.shortCharacter == "h" } ? nil : "h", help: ""))
        }
        if !all.contains(where: { $0.long == "version" }) {
            all.append(.flag("version", help: ""))
        }
        return all
    }

    mutating func run(_ arguments: [String]) throws(UsageError) -> Invocation {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded {
                positionals.append(argument)
            } else if argument == "--" {
                optionsEnded = true
            } else if argument.hasPrefix("--") {
                readLongOption(argument, arguments: arguments, index: &index)
            } else if argument.hasPrefix("-") && argument.count > 1 {
                readShortOptions(argument, arguments: arguments, index: &index)
            } else if positionals.isEmpty && !command.subcommands.isEmpty {
                if path.count == 1 && hasBuiltInHelpCommand && argument == CommandSpec.helpCommandName {
                    return try helpInvocation(for: arguments[index...])
                }
                try readSubcommand(argument)
            } else {
                positionals.append(argument)
            }
        }
        if wantsHelp { return .help(commandPath: path) }
        if wantsVersion { return .version }
        if let firstError { throw firstError }
        if command.requiresSubcommand {
            let names = command.visibleSubcommands.map(\.name).joined(separator: ", ")
            throw UsageError(message: "Missing subcommand; expected one of: \(names)", commandPath: path)
        }
        try applyShorthands()
        try assignPositionals()
        parsed.declared = Set(options.map(\.long) + command.positionals.map { "<\($0.name)>" })
        return .run(parsed)
    }

    /// `--json` with `--format` (and any other flag that stands for an option's value): the flag gives the option
    /// its value, and the option given another value as well is a mistake, whichever comes first.
    private mutating func applyShorthands() throws(UsageError) {
        for option in command.options {
            guard let shorthand = option.shorthand, parsed.flags.contains(shorthand.flag) else { continue }
            let given = parsed.optionValues[option.long] ?? []
            if let other = given.last, other != shorthand.value {
                throw UsageError(
                    message: "'--\(shorthand.flag)' and '\(option.displayName) \(other)' cannot be used together; "
                        + "'--\(shorthand.flag)' is short for '\(option.displayName) \(shorthand.value)'",
                    commandPath: path)
            }
            if given.isEmpty { parsed.addValue(shorthand.value, for: option.long) }
        }
    }

    // MARK: Options

    private mutating func readLongOption(_ argument: String, arguments: [String], index: inout Int) {
        let body = argument.dropFirst(2)
        let name: String
        let inlineValue: String?
        if let equals = body.firstIndex(of: "=") {
            name = String(body[..<equals])
            inlineValue = String(body[body.index(after: equals)...])
        } else {
            name = String(body)
            inlineValue = nil
        }
        guard let option = options.first(where: { !$0.isShortOnly && $0.long == name }) else {
            let candidates = options.filter { !$0.isShortOnly }.map(\.long)
            // Text with a space is a value that happens to start with dashes (a title): say how to pass it.
            let message =
                name.contains(" ")
                ? "Unknown option '--\(name)'; to pass a value that starts with '-', put it after '--'"
                : "Unknown option '--\(name)'"
            record(
                UsageError(
                    message: message, commandPath: path,
                    suggestion: EditDistance.nearest(to: name, among: candidates).map { "--\($0)" }))
            return
        }
        let spelling = "--\(name)"
        if !option.takesValue {
            if inlineValue != nil {
                record(UsageError(message: "Option '\(spelling)' does not take a value", commandPath: path))
            } else {
                setFlag(option)
            }
            return
        }
        if let inlineValue {
            addValue(inlineValue, for: option, spelling: spelling)
        } else {
            takeNextValue(for: option, spelling: spelling, arguments: arguments, index: &index)
        }
    }

    private mutating func readShortOptions(_ argument: String, arguments: [String], index: inout Int) {
        let characters = Array(argument.dropFirst())
        for (position, character) in characters.enumerated() {
            guard let option = options.first(where: { $0.shortCharacter == character }) else {
                if position == 0 && characters.count > 1 {
                    // `-severity`: the user probably meant a long option; `-pool`: a word to exclude from a search.
                    let candidates = options.filter { !$0.isShortOnly }.map(\.long)
                    let nearest = EditDistance.nearest(to: String(characters), among: candidates).map { "--\($0)" }
                    let hint = nearest == nil ? "; to pass a value that starts with '-', put it after '--'" : ""
                    record(
                        UsageError(message: "Unknown option '\(argument)'\(hint)", commandPath: path, suggestion: nearest))
                } else {
                    record(UsageError(message: "Unknown option '-\(character)'", commandPath: path))
                }
                return
            }
            let spelling = "-\(character)"
            guard option.takesValue else {
                setFlag(option)
                continue
            }
            let rest = characters[(position + 1)...]
            if rest.isEmpty {
                takeNextValue(for: option, spelling: spelling, arguments: arguments, index: &index)
            } else {
                addValue(String(rest), for: option, spelling: spelling)
            }
            return
        }
    }

    private mutating func takeNextValue(
        for option: OptionSpec, spelling: String, arguments: [String], index: inout Int
    ) {
        guard index < arguments.count, arguments[index] == "-" || !arguments[index].hasPrefix("-") else {
            record(
                UsageError(
                    message: "Missing value for '\(option.synopsis(spelling: spelling))'", commandPath: path))
            return
        }
        addValue(arguments[index], for: option, spelling: spelling)
        index += 1
    }

    private mutating func setFlag(_ option: OptionSpec) {
        switch option.long {
        case "help": wantsHelp = true
        case "version": wantsVersion = true
        default: parsed.setFlag(option.long)
        }
    }

    private mutating func addValue(_ value: String, for option: OptionSpec, spelling: String) {
        if let problem = option.check.problem(value) {
            record(problem.usageError(value: value, for: option.synopsis(spelling: spelling), commandPath: path))
            return
        }
        parsed.addValue(value, for: option.long)
    }

    private mutating func record(_ error: UsageError) {
        if firstError == nil { firstError = error }
    }

    // MARK: Commands and positionals

    private mutating func readSubcommand(_ name: String) throws(UsageError) {
        if let subcommand = command.subcommand(named: name) {
            command = subcommand
            path.append(name)
            parsed.commandPath = path
        } else if !command.requiresSubcommand && !command.positionals.isEmpty {
            positionals.append(name)
        } else {
            // An earlier mistake (such as an unknown option taken for a flag) explains this one.
            throw firstError ?? unknownCommand(name, in: command)
        }
    }

    private func unknownCommand(_ name: String, in command: CommandSpec) -> UsageError {
        UsageError(
            message: "Unknown command '\(name)'", commandPath: path,
            suggestion: EditDistance.nearest(to: name, among: command.visibleSubcommands.map(\.name)))
    }

    /// `pm help hooks install`: the words after `help` name the command; options are ignored.
    private mutating func helpInvocation(for words: ArraySlice<String>) throws(UsageError) -> Invocation {
        for word in words where !word.hasPrefix("-") || word == "-" {
            guard let subcommand = command.subcommand(named: word) else {
                throw unknownCommand(word, in: command)
            }
            command = subcommand
            path.append(word)
        }
        return .help(commandPath: path)
    }

    private mutating func assignPositionals() throws(UsageError) {
        var remaining = positionals[...]
        for spec in command.positionals {
            let values: [String]
            if spec.variadic {
                values = Array(remaining)
                remaining = []
            } else if let first = remaining.popFirst() {
                values = [first]
            } else {
                values = []
            }
            if values.isEmpty && !spec.optional {
                throw UsageError(message: "Missing expected argument '<\(spec.name)>'", commandPath: path)
            }
            for value in values {
                if let problem = spec.check.problem(value) {
                    throw problem.usageError(value: value, for: "<\(spec.name)>", commandPath: path)
                }
            }
            parsed.assign(values, toPositional: spec.name)
        }
        if let extra = remaining.first {
            throw UsageError(message: "Unexpected argument '\(extra)'", commandPath: path)
        }
        parsed.positionals = positionals
    }
}
