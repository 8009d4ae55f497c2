/// Renders help pages, usage lines and usage-error messages from a `CommandSpec`.
public enum HelpFormatter {
    /// Text is wrapped at this many columns.
    static let width = 80
    /// The column where the help of an option, argument or subcommand starts.
    static let helpColumn = 26
    /// With more options than this, a usage line shows `[<options>]` instead of each one.
    static let maxOptionsInUsage = 6

    /// The help page of the command at `commandPath` (which starts with the root's name).
    public static func help(root: CommandSpec, globalOptions: [OptionSpec], commandPath: [String]) -> String {
        let chain = root.addingHelpCommand().commands(along: commandPath)
        let command = chain[chain.count - 1]
        let path = chain.map(\.name)
        var sections = [wrap("OVERVIEW: \(command.abstract)", indent: 0).joined(separator: "\n")]
        if let discussion = command.discussion {
            sections.append(wrapParagraphs(discussion))
        }
        sections.append(wrappedUsage(prefix: "USAGE: ", command: command, path: path))
        if !command.positionals.isEmpty {
            sections.append(
                section("ARGUMENTS:", rows: command.positionals.map { ($0.synopsis, describe($0.help, $0.choices)) }))
        }
        if !command.options.isEmpty {
            sections.append(section("OPTIONS:", rows: command.options.map(optionRow)))
        }
        if !globalOptions.isEmpty {
            sections.append(section("GLOBAL OPTIONS:", rows: globalOptions.map(optionRow)))
        }
        let subcommands = command.visibleSubcommands
        if !subcommands.isEmpty {
            let helpPath = ([path[0], CommandSpec.helpCommandName] + path.dropFirst()).joined(separator: " ")
            sections.append(
                section("SUBCOMMANDS:", rows: subcommands.map { ($0.name, $0.abstract) })
                    + "\n\n  See '\(helpPath) <subcommand>' for detailed help.")
        }
        if !command.examples.isEmpty {
            sections.append((["EXAMPLES:"] + command.examples.map { "  \($0)" }).joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The usage of the command at `commandPath` on one line, without a prefix:
    /// `pm new <title> [--date <date>] [--tag <tag> ...]`.
    public static func usageLine(root: CommandSpec, commandPath: [String]) -> String {
        let chain = root.addingHelpCommand().commands(along: commandPath)
        return usageElements(command: chain[chain.count - 1], path: chain.map(\.name)).joined(separator: " ")
    }

    /// The message for a usage error, to print on stderr:
    /// `Error: …`, `Did you mean '…'?` when there is a suggestion, the usage line and
    /// `  See 'pm new --help'.`
    public static func errorMessage(_ error: UsageError, root: CommandSpec) -> String {
        let chain = root.addingHelpCommand().commands(along: error.commandPath)
        let path = chain.map(\.name)
        var lines = ["Error: \(error.message)"]
        if let suggestion = error.suggestion {
            lines.append("Did you mean '\(suggestion)'?")
        }
        lines.append(wrappedUsage(prefix: "Usage: ", command: chain[chain.count - 1], path: path))
        lines.append("  See '\(path.joined(separator: " ")) --help'.")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Pieces

    private static func usageElements(command: CommandSpec, path: [String]) -> [String] {
        var elements = [path.joined(separator: " ")]
        elements += command.positionals.map(\.synopsis)
        if command.options.count > maxOptionsInUsage {
            elements.append("[<options>]")
        } else {
            elements += command.options.map { "[\($0.synopsis())\($0.repeatable ? " ..." : "")]" }
        }
        if !command.visibleSubcommands.isEmpty {
            elements.append(command.requiresSubcommand ? "<subcommand>" : "[<subcommand>]")
        }
        return elements
    }

    /// The usage line wrapped at `width`, continuation lines aligned after the command's name.
    private static func wrappedUsage(prefix: String, command: CommandSpec, path: [String]) -> String {
        let elements = usageElements(command: command, path: path)
        let hanging = prefix.count + elements[0].count + 1
        let indent = hanging <= width / 2 ? hanging : prefix.count
        var lines: [String] = []
        var line = prefix + elements[0]
        for element in elements.dropFirst() {
            if line.count + 1 + element.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent) + element
            } else {
                line += " " + element
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    private static func optionRow(_ option: OptionSpec) -> (String, String) {
        let label = option.spellings.joined(separator: ", ") + (option.valueName.map { " <\($0)>" } ?? "")
        var notes = option.defaultValue.map { ["default: \($0)"] } ?? []
        if let shorthand = option.shorthand {
            notes.append("--\(shorthand.flag) is short for \(option.displayName) \(shorthand.value)")
        }
        return (label, describe(option.help, option.choices, notes: notes))
    }

    /// The help, then in parentheses the values there are and any `notes`: `(values: a, b; default: a)`.
    private static func describe(_ help: String, _ choices: [String]?, notes: [String] = []) -> String {
        let details = (choices.map { ["values: " + $0.joined(separator: ", ")] } ?? []) + notes
        guard !details.isEmpty else { return help }
        let parenthesis = "(\(details.joined(separator: "; ")))"
        return help.isEmpty ? parenthesis : "\(help) \(parenthesis)"
    }

    /// A titled list of two columns: labels from column 2, their help from `helpColumn`.
    private static func section(_ title: String, rows: [(label: String, help: String)]) -> String {
        var lines = [title]
        for row in rows {
            let label = "  " + row.label
            if row.help.isEmpty {
                lines.append(label)
                continue
            }
            let help = wrap(row.help, indent: helpColumn)
            if label.count <= helpColumn - 2, let first = help.first {
                let padding = String(repeating: " ", count: helpColumn - label.count)
                lines.append(label + padding + first.dropFirst(helpColumn))
                lines += help.dropFirst()
            } else {
                lines.append(label)
                lines += help
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Paragraphs wrapped one by one; line breaks in the text are kept.
    private static func wrapParagraphs(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { $0.isEmpty ? [""] : wrap(String($0), indent: 0) }
            .joined(separator: "\n")
    }

    /// `text` broken into lines of at most `width` columns, each starting with `indent` spaces;
    /// a word longer than a line gets a line of its own.
    static func wrap(_ text: String, indent: Int) -> [String] {
        let margin = String(repeating: " ", count: indent)
        let leading = String(text.prefix { $0 == " " })
        var lines: [String] = []
        var line = margin + leading
        var lineHasWord = false
        for word in text.split(separator: " ") {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = margin + word
            } else {
                line += (lineHasWord ? " " : "") + word
            }
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}
