import Testing

@testable import PostmortemCLI

/// Reading by name, for the parser's own tests; pm's commands read the typed keys they declare.
extension ParsedArguments {
    fileprivate func flag(_ long: String) -> Bool { flags.contains(long) }
    fileprivate func value(_ long: String) -> String? { optionValues[long]?.last }
    fileprivate func values(_ long: String) -> [String] { optionValues[long] ?? [] }
    fileprivate func positional(_ name: String) -> String? { positionalsByName[name]?.first }
    fileprivate func positionals(_ name: String) -> [String] { positionalsByName[name] ?? [] }
}

/// Parses `arguments` with the sample spec.
private func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
    try ArgumentParser.parse(arguments, root: SampleSpec.root, globalOptions: SampleSpec.globalOptions)
}

/// The parsed arguments of a command line that must run.
private func run(_ arguments: [String]) throws -> ParsedArguments {
    let invocation = try parse(arguments)
    guard case .run(let parsed) = invocation else {
        Issue.record("expected .run, got \(invocation)")
        return ParsedArguments(commandPath: [])
    }
    return parsed
}

/// The usage error of a command line that must fail.
private func usageError(_ arguments: [String]) -> UsageError? {
    do {
        let invocation = try parse(arguments)
        Issue.record("expected a usage error, got \(invocation)")
        return nil
    } catch {
        return error
    }
}

@Suite struct ArgumentParserTests {
    // MARK: Commands

    @Test func rootWithoutArgumentsAsksForHelp() throws {
        #expect(try parse([]) == .help(commandPath: ["pm"]))
    }

    @Test func subcommandWithPositional() throws {
        let parsed = try run(["new", "Checkout API returned 500s"])
        #expect(parsed.commandPath == ["pm", "new"])
        #expect(parsed.positional("title") == "Checkout API returned 500s")
        #expect(parsed.positionals == ["Checkout API returned 500s"])
        #expect(parsed.positional("nothing") == nil)
        #expect(parsed.values("tag") == [])
        #expect(parsed.value("date") == nil)
        #expect(!parsed.flag("no-edit"))
    }

    @Test func nestedSubcommand() throws {
        #expect(try run(["hooks", "install"]).commandPath == ["pm", "hooks", "install"])
    }

    @Test func hiddenCommandsStillParse() throws {
        let parsed = try run(["__complete", "ids"])
        #expect(parsed.commandPath == ["pm", "__complete"])
        #expect(parsed.positional("kind") == "ids")
    }

    @Test func commandWithOptionalSubcommandRunsOnItsOwn() throws {
        let alone = try run(["actions", "--open", "--owner", "ana"])
        #expect(alone.commandPath == ["pm", "actions"])
        #expect(alone.flag("open"))
        #expect(alone.value("owner") == "ana")
        let done = try run(["actions", "done", "2026-11-20-checkout-500s#2"])
        #expect(done.commandPath == ["pm", "actions", "done"])
        #expect(done.positional("item") == "2026-11-20-checkout-500s#2")
    }

    @Test func variadicPositional() throws {
        let parsed = try run(["check", "a.md", "b.md", "c.md"])
        #expect(parsed.positionals("path") == ["a.md", "b.md", "c.md"])
        #expect(parsed.positional("path") == "a.md")
        #expect(try run(["check"]).positionals("path") == [])
    }

    // MARK: Option syntax

    @Test func valueWithEqualsOrSeparate() throws {
        let joined = try run(["new", "T", "--date=2026-11-20", "--severity=SEV2"])
        let separate = try run(["new", "T", "--date", "2026-11-20", "--severity", "SEV2"])
        #expect(joined == separate)
        #expect(joined.value("date") == "2026-11-20")
        #expect(joined.value("severity") == "SEV2")
    }

    @Test func emptyValueAfterEquals() throws {
        #expect(try run(["new", "T", "--date="]).value("date") == "")
    }

    @Test func shortValueAttachedOrSeparate() throws {
        #expect(try run(["-C", "repo", "list"]).values("C") == ["repo"])
        #expect(try run(["-Crepo", "list"]).values("C") == ["repo"])
        #expect(try run(["new", "T", "-sSEV1"]).value("severity") == "SEV1")
    }

    @Test func combinedShortFlags() throws {
        let parsed = try run(["list", "-ro"])
        #expect(parsed.flag("reverse"))
        #expect(parsed.flag("open"))
        let withValue = try run(["list", "-rsSEV1"])
        #expect(withValue.flag("reverse"))
        #expect(withValue.value("severity") == "SEV1")
        #expect(try run(["list", "-rs", "SEV2"]).value("severity") == "SEV2")
    }

    @Test func globalOptionsBeforeAndAfterTheSubcommandAreCollectedInOrder() throws {
        let parsed = try run(["-C", "a", "--json", "new", "-C", "b", "T", "--no-color", "-Cc"])
        #expect(parsed.commandPath == ["pm", "new"])
        #expect(parsed.values("C") == ["a", "b", "c"])
        #expect(parsed.flag("json"))
        #expect(parsed.flag("no-color"))
        #expect(parsed.positional("title") == "T")
    }

    @Test func repeatableOptionKeepsEveryValue() throws {
        let parsed = try run(["new", "T", "--tag", "db", "--service", "api", "-t", "network", "--tag=pool"])
        #expect(parsed.values("tag") == ["db", "network", "pool"])
        #expect(parsed.values("service") == ["api"])
    }

    @Test func lastValueOfASingleOptionWins() throws {
        let parsed = try run(["list", "--sort", "date", "--sort", "id"])
        #expect(parsed.value("sort") == "id")
        #expect(parsed.values("sort") == ["date", "id"])
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try run(["new", "--", "--help"])
        #expect(parsed.positional("title") == "--help")
        #expect(try run(["check", "--", "-x.md", "--strict"]).positionals("path") == ["-x.md", "--strict"])
        #expect(try !run(["check", "--", "--strict"]).flag("strict"))
    }

    @Test func loneDashIsAValueOrAPositional() throws {
        #expect(try run(["new", "-"]).positional("title") == "-")
        #expect(try run(["new", "T", "--date", "-"]).value("date") == "-")
        #expect(try run(["check", "-"]).positionals("path") == ["-"])
    }

    @Test func choicesAreAccepted() throws {
        #expect(try run(["list", "--status", "in-review"]).value("status") == "in-review")
        #expect(try run(["completion", "zsh"]).positional("shell") == "zsh")
    }

    // MARK: Help and version

    @Test(arguments: [
        (["--help"], ["pm"]),
        (["-h"], ["pm"]),
        (["new", "--help"], ["pm", "new"]),
        (["new", "-h"], ["pm", "new"]),
        (["--help", "new"], ["pm", "new"]),
        (["hooks", "install", "--help"], ["pm", "hooks", "install"]),
        (["hooks", "-h"], ["pm", "hooks"]),
        (["list", "-rh"], ["pm", "list"]),
        (["-C", "repo", "list", "--json", "--help"], ["pm", "list"]),
        (["new", "T", "--sevrity", "x", "--help"], ["pm", "new"]),
        (["help"], ["pm"]),
        (["help", "new"], ["pm", "new"]),
        (["help", "hooks", "install"], ["pm", "hooks", "install"]),
        (["--json", "help", "--no-color", "list"], ["pm", "list"]),
        (["help", "help"], ["pm", "help"]),
    ])
    func helpIsRequested(arguments: [String], path: [String]) throws {
        #expect(try parse(arguments) == .help(commandPath: path))
    }

    @Test func helpAfterDoubleDashIsAPositional() throws {
        #expect(try run(["new", "--", "-h"]).positional("title") == "-h")
    }

    @Test func version() throws {
        #expect(try parse(["--version"]) == .version)
        #expect(try parse(["new", "T", "--version"]) == .version)
        #expect(try parse(["--version", "--help"]) == .help(commandPath: ["pm"]))
    }

    @Test func helpForAnUnknownCommand() {
        let error = usageError(["help", "lsit"])
        #expect(error == UsageError(message: "Unknown command 'lsit'", commandPath: ["pm"], suggestion: "list"))
        let nested = usageError(["help", "hooks", "instal"])
        #expect(
            nested == UsageError(message: "Unknown command 'instal'", commandPath: ["pm", "hooks"], suggestion: "install"))
    }

    // MARK: Mistakes

    @Test func unknownLongOptionSuggestsTheNearest() {
        #expect(
            usageError(["new", "T", "--sevrity", "SEV1"])
                == UsageError(message: "Unknown option '--sevrity'", commandPath: ["pm", "new"], suggestion: "--severity"))
        #expect(
            usageError(["list", "--jsno"])
                == UsageError(message: "Unknown option '--jsno'", commandPath: ["pm", "list"], suggestion: "--json"))
        #expect(
            usageError(["list", "--xyzzy"])
                == UsageError(message: "Unknown option '--xyzzy'", commandPath: ["pm", "list"], suggestion: nil))
    }

    @Test func optionsOfOtherCommandsAreUnknown() {
        #expect(usageError(["list", "--no-edit"])?.message == "Unknown option '--no-edit'")
        #expect(usageError(["--date", "2026-11-20", "new", "T"])?.message == "Unknown option '--date'")
    }

    @Test func unknownShortOption() {
        #expect(usageError(["list", "-x"]) == UsageError(message: "Unknown option '-x'", commandPath: ["pm", "list"]))
        #expect(usageError(["list", "-rx"]) == UsageError(message: "Unknown option '-x'", commandPath: ["pm", "list"]))
        #expect(
            usageError(["show", "ref", "-rev", "HEAD"])
                == UsageError(message: "Unknown option '-rev'", commandPath: ["pm", "show"], suggestion: "--rev"))
    }

    @Test func unknownCommandSuggestsTheNearest() {
        #expect(usageError(["lsit"]) == UsageError(message: "Unknown command 'lsit'", commandPath: ["pm"], suggestion: "list"))
        #expect(usageError(["frobnicate"]) == UsageError(message: "Unknown command 'frobnicate'", commandPath: ["pm"]))
        #expect(
            usageError(["-C", "repo", "hooks", "instal"])
                == UsageError(message: "Unknown command 'instal'", commandPath: ["pm", "hooks"], suggestion: "install"))
    }

    @Test func hiddenCommandsAreNotSuggested() {
        #expect(usageError(["__complet"])?.suggestion == nil)
    }

    @Test func missingValue() {
        #expect(
            usageError(["new", "T", "--severity"])
                == UsageError(message: "Missing value for '--severity <severity>'", commandPath: ["pm", "new"]))
        #expect(usageError(["new", "T", "-s"])?.message == "Missing value for '-s <severity>'")
        #expect(usageError(["new", "T", "--date", "--no-edit"])?.message == "Missing value for '--date <date>'")
        #expect(usageError(["list", "-C"])?.message == "Missing value for '-C <path>'")
        #expect(usageError(["new", "T", "--date", "--"])?.message == "Missing value for '--date <date>'")
    }

    @Test func flagGivenAValue() {
        #expect(
            usageError(["list", "--json=1"])
                == UsageError(message: "Option '--json' does not take a value", commandPath: ["pm", "list"]))
    }

    @Test func valueOutsideTheChoices() {
        #expect(
            usageError(["list", "--status", "publshed"])
                == UsageError(
                    message: "Invalid value 'publshed' for '--status <status>'; expected one of: draft, in-review, published",
                    commandPath: ["pm", "list"], suggestion: "published"))
        #expect(
            usageError(["new", "T", "-s", "SEV9"])
                == UsageError(
                    message: "Invalid value 'SEV9' for '-s <severity>'; expected one of: SEV1, SEV2, SEV3, SEV4",
                    commandPath: ["pm", "new"], suggestion: "SEV1"))
        #expect(
            usageError(["completion", "zhs"])
                == UsageError(
                    message: "Invalid value 'zhs' for '<shell>'; expected one of: bash, zsh, fish",
                    commandPath: ["pm", "completion"], suggestion: "zsh"))
        #expect(usageError(["completion", "powershell"])?.suggestion == nil)
    }

    @Test func missingPositional() {
        #expect(
            usageError(["new"])
                == UsageError(message: "Missing expected argument '<title>'", commandPath: ["pm", "new"]))
        #expect(usageError(["new", "--no-edit"])?.message == "Missing expected argument '<title>'")
    }

    @Test func tooManyPositionals() {
        #expect(usageError(["new", "a", "b"]) == UsageError(message: "Unexpected argument 'b'", commandPath: ["pm", "new"]))
        #expect(usageError(["list", "x"]) == UsageError(message: "Unexpected argument 'x'", commandPath: ["pm", "list"]))
        #expect(usageError(["hooks", "install", "now"])?.message == "Unexpected argument 'now'")
    }

    @Test func missingSubcommand() {
        #expect(
            usageError(["hooks"])
                == UsageError(
                    message: "Missing subcommand; expected one of: install, uninstall, status",
                    commandPath: ["pm", "hooks"]))
        #expect(
            usageError(["--json"])
                == UsageError(
                    message: "Missing subcommand; expected one of: new, list, show, hooks, actions, check, completion, help",
                    commandPath: ["pm"]))
    }

    @Test func theFirstMistakeIsReported() {
        #expect(usageError(["list", "--xyzzy", "--status", "bad"])?.message == "Unknown option '--xyzzy'")
        #expect(usageError(["list", "--status", "bad", "--xyzzy"])?.message.hasPrefix("Invalid value 'bad'") == true)
    }

    @Test func usageErrorsExitWith64() {
        #expect(UsageError.exitStatus == 64)
    }
}
