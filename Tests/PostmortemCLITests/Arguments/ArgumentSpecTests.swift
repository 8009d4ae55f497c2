import Testing

@testable import PostmortemCLI

/// A spec shaped like pm's, shared by the argument, help and completion tests.
enum SampleSpec {
    static let globalOptions: [OptionSpec] = [
        .value(
            "C", name: "path", repeatable: true, completion: .directory,
            help: "Run as if pm was started in <path> instead of the current folder."),
        .flag("json", help: "Print machine-readable JSON."),
        .flag("no-color", help: "Do not color the output."),
        .flag("version", help: "Show the version."),
        .flag("help", short: "h", help: "Show help information."),
    ]

    static let new = CommandSpec(
        name: "new",
        abstract: "Create a postmortem draft from the template.",
        discussion: "Opens $VISUAL or $EDITOR on a terminal, checks the draft and commits it.",
        options: [
            .value("date", name: "date", help: "The incident date (YYYY-MM-DD); today by default."),
            .value(
                "severity", short: "s", name: "severity", choices: ["SEV1", "SEV2", "SEV3", "SEV4"],
                help: "The severity."),
            .value("service", name: "service", repeatable: true, help: "An affected service."),
            .value("tag", short: "t", name: "tag", repeatable: true, help: "A tag."),
            .flag("no-edit", help: "Do not open the editor."),
            .flag("no-commit", help: "Write the file without committing it."),
        ],
        positionals: [PositionalSpec(name: "title", help: "The incident title.")],
        examples: [#"pm new "Checkout API returned 500s" --severity SEV2 --service checkout"#])

    static let list = CommandSpec(
        name: "list",
        abstract: "List postmortems.",
        options: [
            .value("severity", short: "s", name: "severity", help: "Only this severity."),
            .value(
                "status", name: "status", choices: ["draft", "in-review", "published"],
                help: "Only postmortems in this state."),
            .value("sort", name: "sort", choices: ["date", "severity", "id", "status"], help: "The sort order."),
            .flag("reverse", short: "r", help: "Reverse the order."),
            .flag("open", short: "o", help: "Only postmortems with open action items."),
        ])

    static let show = CommandSpec(
        name: "show",
        abstract: "Show one postmortem.",
        options: [.value("rev", name: "rev", help: "The revision to read it at.")],
        positionals: [PositionalSpec(name: "ref", help: "An id, a path or a unique part of an id.", completion: .postmortem)])

    static let hooks = CommandSpec(
        name: "hooks",
        abstract: "Manage the git hooks.",
        subcommands: [
            CommandSpec(name: "install", abstract: "Install the pre-commit and pre-push hooks."),
            CommandSpec(name: "uninstall", abstract: "Remove the hooks."),
            CommandSpec(name: "status", abstract: "Show which hooks are installed."),
        ])

    static let actions = CommandSpec(
        name: "actions",
        abstract: "List follow-up action items.",
        options: [
            .flag("open", help: "Only open items."),
            .value("owner", name: "owner", help: "Only items of this owner."),
        ],
        subcommands: [
            CommandSpec(
                name: "done", abstract: "Tick an action item.",
                positionals: [PositionalSpec(name: "item", help: "The item, as <id>#<n>.")])
        ],
        requiresSubcommand: false)

    static let check = CommandSpec(
        name: "check",
        abstract: "Check postmortems.",
        options: [.flag("strict", help: "Fail on warnings too.")],
        positionals: [PositionalSpec(name: "path", help: "Files to check.", optional: true, variadic: true, completion: .file)])

    static let completion = CommandSpec(
        name: "completion",
        abstract: "Print a shell completion script.",
        positionals: [PositionalSpec(name: "shell", help: "The shell.", choices: ["bash", "zsh", "fish"])])

    static let complete = CommandSpec(
        name: "__complete", abstract: "Words for completion scripts.",
        positionals: [PositionalSpec(name: "kind", help: "What to list.")], isHidden: true)

    static let root = CommandSpec(
        name: "pm",
        abstract: "Keep incident postmortems as Markdown files in a git repository.",
        subcommands: [new, list, show, hooks, actions, check, completion, complete],
        examples: ["pm new \"Checkout API returned 500s\"", "pm list --status published"])
}

@Suite struct ArgumentSpecTests {
    @Test func sampleSpecIsConsistent() {
        #expect(SampleSpec.root.consistencyProblems(globalOptions: SampleSpec.globalOptions) == [])
    }

    @Test func inconsistentSpecsAreReported() {
        let spec = CommandSpec(
            name: "pm", abstract: "",
            subcommands: [
                CommandSpec(
                    name: "bad", abstract: "",
                    options: [.flag("json", help: ""), .flag("xx", short: "s", help: ""), .flag("yy", short: "s", help: "")],
                    positionals: [
                        PositionalSpec(name: "a", help: "", optional: true, variadic: true),
                        PositionalSpec(name: "b", help: ""),
                    ]),
                CommandSpec(name: "bad", abstract: ""),
            ])
        #expect(
            spec.consistencyProblems(globalOptions: SampleSpec.globalOptions) == [
                "'pm': subcommand 'bad' is declared twice",
                "'pm bad': option '--json' is declared twice",
                "'pm bad': option '-s' is declared twice",
                "'pm bad': variadic positional '<a>' is not the last one",
                "'pm bad': required positional '<b>' follows an optional one",
            ])
    }

    @Test func commandsRequireSubcommandsOnlyWhenTheyHaveSome() {
        #expect(SampleSpec.hooks.requiresSubcommand)
        #expect(!SampleSpec.new.requiresSubcommand)
        #expect(!SampleSpec.actions.requiresSubcommand)
    }

    @Test func optionSpellings() {
        #expect(SampleSpec.globalOptions[0].spellings == ["-C"])
        #expect(SampleSpec.new.options[1].spellings == ["-s", "--severity"])
        #expect(SampleSpec.new.options[0].spellings == ["--date"])
    }
}
