import Testing

@testable import PostmortemCLI
@testable import PostmortemKit

/// A command declared the way pm's are: typed keys as static members, the spec built from them.
private enum Sample {
    enum Format: String, OutputFormat {
        case text, json, csv
    }

    enum Shell: String, CaseIterable, Sendable {
        case bash, zsh
    }

    static let limit = Option.value("limit", short: "n", name: "n", as: .positiveInteger, default: 20, help: "At most n.")
    static let since = Option.value("since", name: "date", as: .date, help: "From this day.")
    static let tags = Option.values("tag", name: "tag", as: .text, help: "A tag.")
    static let reverse = Option.flag("reverse", help: "Reverse.")
    static let format = Option.format(default: Format.text, help: "The output format.")
    static let title = Option.value("title", name: "text", as: .nonBlankText, help: "A title.")
    static let shell = Argument.required("shell", as: ArgumentType<Shell>.choice(ignoringCase: true), help: "A shell.")
    static let paths = Argument.variadic("path", as: .text, optional: true, help: "Files.")

    static let command = CommandSpec(
        name: "run", abstract: "Run.",
        options: [limit.spec, since.spec, tags.spec, reverse.spec, format.spec, title.spec],
        positionals: [shell.spec, paths.spec])
    static let root = CommandSpec(name: "pm", abstract: "", subcommands: [command])

    static func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        let invocation = try ArgumentParser.parse(["run"] + arguments, root: root, globalOptions: [PM.json.spec])
        guard case .run(let parsed) = invocation else { return ParsedArguments(commandPath: []) }
        return parsed
    }

    static func error(_ arguments: [String]) -> UsageError? {
        do {
            _ = try parse(arguments)
            return nil
        } catch {
            return error
        }
    }
}

@Suite("Typed options and arguments")
struct TypedArgumentTests {
    @Test("a command reads typed values, and defaults for what was not given")
    func typedValues() throws {
        let given = try Sample.parse(["ZSH", "a.md", "b.md", "-n", "3", "--since", "2026-02-01", "--tag", "x", "--tag=y"])
        #expect(given[Sample.limit] == 3)
        #expect(given[Sample.since] == LocalDate(year: 2026, month: 2, day: 1))
        #expect(given[Sample.tags] == ["x", "y"])
        #expect(given[Sample.reverse] == false)
        #expect(given[Sample.format] == .text)
        #expect(try given[Sample.shell] == .zsh)
        #expect(try given[Sample.paths] == ["a.md", "b.md"])
        let defaults = try Sample.parse(["bash", "--reverse", "--title", "  Status  "])
        #expect(defaults[Sample.limit] == 20)
        #expect(defaults[Sample.since] == nil)
        #expect(defaults[Sample.tags] == [])
        #expect(defaults[Sample.reverse])
        #expect(defaults[Sample.title] == "Status")
        #expect(try defaults[Sample.paths] == [])
    }

    @Test("an invalid value is a usage error worded the same for every option of its type")
    func oneMessagePerType() {
        #expect(
            Sample.error(["bash", "--limit", "0"])?.message
                == "Invalid value '0' for '--limit <n>'; expected a positive whole number")
        #expect(
            Sample.error(["bash", "-n", "many"])?.message
                == "Invalid value 'many' for '-n <n>'; expected a positive whole number")
        #expect(
            Sample.error(["bash", "--since", "2026-02-30"])?.message
                == "Invalid value '2026-02-30' for '--since <date>'; expected a date as YYYY-MM-DD (February 2026 has 28 days)")
        #expect(
            Sample.error(["bash", "--since", "yesterday"])?.message
                == "Invalid value 'yesterday' for '--since <date>'; expected a date as YYYY-MM-DD")
        #expect(
            Sample.error(["bash", "--title", " "])?.message
                == "Invalid value ' ' for '--title <text>'; expected text that is not blank")
        let shell = Sample.error(["fsh"])
        #expect(shell?.message == "Invalid value 'fsh' for '<shell>'; expected one of: bash, zsh")
        #expect(shell?.suggestion == "bash" || shell?.suggestion == "zsh")
        #expect(Sample.error(["bash", "--format", "jsn"])?.suggestion == "json")
    }

    @Test("--json is short for --format json; with another format it is a usage error naming both")
    func jsonShorthand() throws {
        #expect(try Sample.parse(["bash", "--json"])[Sample.format] == .json)
        #expect(try Sample.parse(["bash", "--json", "--format", "json"])[Sample.format] == .json)
        #expect(try Sample.parse(["bash", "--format", "csv", "--format", "json", "--json"])[Sample.format] == .json)
        for arguments in [["bash", "--json", "--format", "csv"], ["bash", "--format=text", "--json"]] {
            let error = Sample.error(arguments)
            let format = arguments.contains("csv") ? "csv" : "text"
            #expect(
                error?.message
                    == "'--json' and '--format \(format)' cannot be used together; '--json' is short for '--format json'",
                "\(arguments)")
            #expect(error?.commandPath == ["pm", "run"])
        }
    }

    @Test("help and --help still win over a conflict")
    func helpWins() throws {
        let invocation = try ArgumentParser.parse(
            ["run", "bash", "--json", "--format", "csv", "--help"], root: Sample.root, globalOptions: [PM.json.spec])
        #expect(invocation == .help(commandPath: ["pm", "run"]))
    }
}
