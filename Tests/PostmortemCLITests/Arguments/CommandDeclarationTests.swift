import Testing

@testable import PostmortemCLI

/// Every command's declared options and arguments reach help and the three completion scripts: they all come from
/// the one declaration.
@Suite("Command declarations")
struct CommandDeclarationTests {
    /// Every visible command below the root, with its path (`["pm", "hooks", "install"]`).
    static let commands = PM.root.visibleCommands().filter { $0.path.count > 1 }

    static let bash = CompletionScript.bash(root: PM.root, globalOptions: PM.globalOptions)
    static let zsh = CompletionScript.zsh(root: PM.root, globalOptions: PM.globalOptions)
    static let fish = CompletionScript.fish(root: PM.root, globalOptions: PM.globalOptions)

    /// Text with every run of blanks and line breaks made one space, so that wrapping does not matter.
    static func flattened(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test("help shows every option with its value, choices, default and shorthand, and every argument")
    func help() {
        for (path, command) in Self.commands {
            let help = Self.flattened(HelpFormatter.help(root: PM.root, globalOptions: PM.globalOptions, commandPath: path))
            let name = path.joined(separator: " ")
            for option in command.options + PM.globalOptions {
                let label = option.spellings.joined(separator: ", ") + (option.valueName.map { " <\($0)>" } ?? "")
                #expect(help.contains(label), "\(name): \(label)")
                #expect(help.contains(Self.flattened(option.help)), "\(name): help of \(label)")
                if let choices = option.choices {
                    #expect(help.contains("values: " + choices.joined(separator: ", ")), "\(name): choices of \(label)")
                }
                if let value = option.defaultValue { #expect(help.contains("default: \(value)"), "\(name): default of \(label)") }
                if let shorthand = option.shorthand {
                    #expect(
                        help.contains("--\(shorthand.flag) is short for \(option.displayName) \(shorthand.value)"),
                        "\(name): shorthand of \(label)")
                }
            }
            for positional in command.positionals {
                #expect(help.contains(positional.synopsis), "\(name): \(positional.synopsis)")
                #expect(help.contains(Self.flattened(positional.help)), "\(name): help of \(positional.synopsis)")
            }
        }
    }

    @Test("bash offers every option of every command, and completes their values")
    func bash() throws {
        let lines = Self.bash.split(separator: "\n").map(String.init)
        for (path, command) in Self.commands {
            let key = CompletionScript.shellQuote(path.joined(separator: " "))
            let start = try #require(lines.firstIndex(of: "        \(key))"), "\(key) has no case in bash")
            let offered = try #require(lines[start...].first { $0.hasPrefix("            options=") })
            let words = Set(offered.dropFirst("            options='".count).dropLast().split(separator: " ").map(String.init))
            for spelling in (command.options + PM.globalOptions).flatMap(\.spellings) {
                #expect(words.contains(spelling), "bash: \(path) \(spelling)")
            }
            for option in command.options {
                guard let choices = option.choices else { continue }
                #expect(
                    Self.bash.contains("_pm_add_words " + CompletionScript.shellQuote(choices.joined(separator: " "))),
                    "bash: choices of \(path) \(option.displayName)")
            }
        }
    }

    @Test("zsh describes every option of every command, with its help and choices")
    func zsh() throws {
        for (path, command) in Self.commands {
            let function = "_" + path.map(CompletionScript.identifier).joined(separator: "_") + "() {"
            let body = try #require(
                Self.zsh.components(separatedBy: function).dropFirst().first?.components(separatedBy: "\n}\n").first,
                "zsh: no \(function)")
            for option in command.options {
                for spelling in option.spellings { #expect(body.contains(spelling), "zsh: \(path) \(spelling)") }
                if let choices = option.choices {
                    #expect(body.contains("(" + choices.joined(separator: " ") + ")"), "zsh: choices of \(path) \(option.long)")
                }
            }
        }
    }

    @Test("fish completes every option of every command, with its help and choices")
    func fish() {
        let lines = Self.fish.split(separator: "\n").map(String.init)
        for (path, command) in Self.commands {
            let condition = CompletionScript.fishQuote("__pm_using_command \"\(path.joined(separator: " "))\"")
            let own = lines.filter { $0.contains(" -n \(condition)") }
            for option in command.options {
                let flag = option.isShortOnly ? " -s \(option.long)" : " -l \(option.long)"
                let line = own.first { $0.contains(flag + " ") }
                #expect(line != nil, "fish: \(path) \(option.displayName)")
                #expect(line?.contains(" -d " + CompletionScript.fishQuote(option.help)) == true, "fish: help of \(option.long)")
                if let choices = option.choices {
                    #expect(
                        line?.contains(" -a " + CompletionScript.fishQuote(choices.joined(separator: " "))) == true,
                        "fish: choices of \(path) \(option.long)")
                }
            }
        }
    }

    @Test("every command with --format offers json, and --json is its shorthand")
    func formatsOfferJSON() {
        let formats = Self.commands.compactMap { path, command in
            command.options.first { $0.long == "format" }.map { (path, $0) }
        }
        #expect(formats.count >= 5)
        for (path, option) in formats {
            #expect(option.choices?.contains("json") == true, "\(path)")
            #expect(option.shorthand == OptionSpec.Shorthand(flag: "json", value: "json"), "\(path)")
        }
    }
}
