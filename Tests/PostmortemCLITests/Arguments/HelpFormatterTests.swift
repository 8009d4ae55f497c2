import Testing

@testable import PostmortemCLI

private func help(_ path: [String]) -> String {
    HelpFormatter.help(root: SampleSpec.root, globalOptions: SampleSpec.globalOptions, commandPath: path)
}

private func usage(_ path: [String]) -> String {
    HelpFormatter.usageLine(root: SampleSpec.root, commandPath: path)
}

private let globalOptionsSection = """
    GLOBAL OPTIONS:
      -C <path>               Run as if pm was started in <path> instead of the
                              current folder.
      --json                  Print machine-readable JSON.
      --no-color              Do not color the output.
      --version               Show the version.
      -h, --help              Show help information.
    """

@Suite struct HelpFormatterTests {
    // MARK: Usage lines

    @Test(arguments: [
        (["pm"], "pm <subcommand>"),
        (
            ["pm", "new"],
            "pm new <title> [--date <date>] [--severity <severity>] [--service <service> ...] [--tag <tag> ...] [--no-edit] [--no-commit]"
        ),
        (["pm", "list"], "pm list [--severity <severity>] [--status <status>] [--sort <sort>] [--reverse] [--open]"),
        (["pm", "show"], "pm show <ref> [--rev <rev>]"),
        (["pm", "hooks"], "pm hooks <subcommand>"),
        (["pm", "hooks", "install"], "pm hooks install"),
        (["pm", "actions"], "pm actions [--open] [--owner <owner>] [<subcommand>]"),
        (["pm", "check"], "pm check [<path> ...] [--strict]"),
        (["pm", "completion"], "pm completion <shell>"),
        (["pm", "help"], "pm help [<command> ...]"),
        (["pm", "hooks", "nonsense"], "pm hooks <subcommand>"),
    ])
    func usageLine(path: [String], expected: String) {
        #expect(usage(path) == expected)
    }

    @Test func manyOptionsCollapseToOptionsPlaceholder() {
        let options = (1...7).map { OptionSpec.flag("flag\($0)", help: "Flag \($0).") }
        let root = CommandSpec(
            name: "pm", abstract: "",
            subcommands: [
                CommandSpec(
                    name: "busy", abstract: "", options: options,
                    positionals: [PositionalSpec(name: "ref", help: "", optional: true)])
            ])
        #expect(HelpFormatter.usageLine(root: root, commandPath: ["pm", "busy"]) == "pm busy [<ref>] [<options>]")
    }

    // MARK: Help pages

    @Test func helpOfNew() {
        #expect(
            help(["pm", "new"]) == """
                OVERVIEW: Create a postmortem draft from the template.

                Opens $VISUAL or $EDITOR on a terminal, checks the draft and commits it.

                USAGE: pm new <title> [--date <date>] [--severity <severity>]
                              [--service <service> ...] [--tag <tag> ...] [--no-edit]
                              [--no-commit]

                ARGUMENTS:
                  <title>                 The incident title.

                OPTIONS:
                  --date <date>           The incident date (YYYY-MM-DD); today by default.
                  -s, --severity <severity>
                                          The severity. (values: SEV1, SEV2, SEV3, SEV4)
                  --service <service>     An affected service.
                  -t, --tag <tag>         A tag.
                  --no-edit               Do not open the editor.
                  --no-commit             Write the file without committing it.

                \(globalOptionsSection)

                EXAMPLES:
                  pm new "Checkout API returned 500s" --severity SEV2 --service checkout

                """)
    }

    @Test func helpOfTheRoot() {
        #expect(
            help(["pm"]) == """
                OVERVIEW: Keep incident postmortems as Markdown files in a git repository.

                USAGE: pm <subcommand>

                \(globalOptionsSection)

                SUBCOMMANDS:
                  new                     Create a postmortem draft from the template.
                  list                    List postmortems.
                  show                    Show one postmortem.
                  hooks                   Manage the git hooks.
                  actions                 List follow-up action items.
                  check                   Check postmortems.
                  completion              Print a shell completion script.
                  help                    Show help for a command.

                  See 'pm help <subcommand>' for detailed help.

                EXAMPLES:
                  pm new "Checkout API returned 500s"
                  pm list --status published

                """)
    }

    @Test func helpOfACommandWithSubcommands() {
        #expect(
            help(["pm", "hooks"]) == """
                OVERVIEW: Manage the git hooks.

                USAGE: pm hooks <subcommand>

                \(globalOptionsSection)

                SUBCOMMANDS:
                  install                 Install the pre-commit and pre-push hooks.
                  uninstall               Remove the hooks.
                  status                  Show which hooks are installed.

                  See 'pm help hooks <subcommand>' for detailed help.

                """)
    }

    @Test func helpOfListShowsAndWrapsChoices() {
        #expect(
            help(["pm", "list"]) == """
                OVERVIEW: List postmortems.

                USAGE: pm list [--severity <severity>] [--status <status>] [--sort <sort>]
                               [--reverse] [--open]

                OPTIONS:
                  -s, --severity <severity>
                                          Only this severity.
                  --status <status>       Only postmortems in this state. (values: draft,
                                          in-review, published)
                  --sort <sort>           The sort order. (values: date, severity, id, status)
                  -r, --reverse           Reverse the order.
                  -o, --open              Only postmortems with open action items.

                \(globalOptionsSection)

                """)
    }

    @Test func helpOfTheHelpCommandAndOfVariadicArguments() {
        #expect(help(["pm", "help"]).contains("USAGE: pm help [<command> ...]\n\nARGUMENTS:\n  [<command> ...]  "))
        #expect(help(["pm", "check"]).contains("  [<path> ...]            Files to check.\n"))
        #expect(help(["pm", "completion"]).contains("  <shell>                 The shell. (values: bash, zsh, fish)\n"))
    }

    @Test func hiddenCommandsAreLeftOut() {
        #expect(!help(["pm"]).contains("__complete"))
        #expect(help(["pm", "__complete"]).hasPrefix("OVERVIEW: Words for completion scripts.\n"))
    }

    @Test func everyLineFitsIn80Columns() {
        let long = String(repeating: "word ", count: 40)
        let root = CommandSpec(
            name: "pm", abstract: long, discussion: long + "\n\n" + long,
            options: [.value("a-very-long-option-name", name: "value", help: long)],
            positionals: [PositionalSpec(name: "thing", help: long)])
        let pages = [
            help(["pm"]), help(["pm", "new"]), help(["pm", "list"]),
            HelpFormatter.help(root: root, globalOptions: [], commandPath: ["pm"]),
        ]
        for page in pages {
            for line in page.split(separator: "\n") {
                #expect(line.count <= 80, "too long: \(line)")
                #expect(!line.hasSuffix(" "), "trailing space: \(line)")
            }
        }
    }

    @Test func discussionKeepsItsParagraphs() {
        let root = CommandSpec(name: "pm", abstract: "Tool.", discussion: "First paragraph.\n\nSecond one.")
        #expect(
            HelpFormatter.help(root: root, globalOptions: [], commandPath: ["pm"])
                == "OVERVIEW: Tool.\n\nFirst paragraph.\n\nSecond one.\n\nUSAGE: pm\n")
    }

    // MARK: Error messages

    @Test func errorMessageWithSuggestion() {
        let error = UsageError(message: "Unknown option '--sevrity'", commandPath: ["pm", "new"], suggestion: "--severity")
        #expect(
            HelpFormatter.errorMessage(error, root: SampleSpec.root) == """
                Error: Unknown option '--sevrity'
                Did you mean '--severity'?
                Usage: pm new <title> [--date <date>] [--severity <severity>]
                              [--service <service> ...] [--tag <tag> ...] [--no-edit]
                              [--no-commit]
                  See 'pm new --help'.

                """)
    }

    @Test func errorMessageWithoutSuggestion() {
        let error = UsageError(
            message: "Missing subcommand; expected one of: install, uninstall, status", commandPath: ["pm", "hooks"])
        #expect(
            HelpFormatter.errorMessage(error, root: SampleSpec.root) == """
                Error: Missing subcommand; expected one of: install, uninstall, status
                Usage: pm hooks <subcommand>
                  See 'pm hooks --help'.

                """)
    }

    @Test func errorMessageOfAParsedCommandLine() throws {
        do {
            _ = try ArgumentParser.parse(["lsit"], root: SampleSpec.root, globalOptions: SampleSpec.globalOptions)
            Issue.record("expected a usage error")
        } catch {
            #expect(
                HelpFormatter.errorMessage(error, root: SampleSpec.root)
                    == "Error: Unknown command 'lsit'\nDid you mean 'list'?\nUsage: pm <subcommand>\n  See 'pm --help'.\n")
        }
    }
}
