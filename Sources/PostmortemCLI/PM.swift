import Foundation
import Git
import PostmortemKit

/// The `pm` command line: parses arguments, runs one command, and funnels every outcome to an exit status.
public enum PM {
    /// The version `pm --version` prints.
    public static let version = "0.1.0"

    static let commands: [any Command.Type] = [
        InitCommand.self, ImportCommand.self, NewCommand.self, ListCommand.self, ShowCommand.self, EditCommand.self,
        MoveCommand.self,
        StatusCommand.self,
        LogCommand.self, CheckCommand.self, RulesCommand.self, HooksCommand.self, SearchCommand.self, IndexCommand.self,
        ActionsCommand.self, RemindCommand.self, StatsCommand.self, ExportCommand.self, FeedCommand.self, SiteCommand.self,
        CompletionCommand.self, CompleteCommand.self,
    ]

    /// `-C <path>`: the folders to change to, in order, before running the command.
    static let directories = Option.values(
        "C", name: "path", as: .text, completion: .directory, help: "Run as if pm was started in <path> (like git -C).")
    /// `--json`: print machine-readable data; for a command with `--format`, short for `--format json`.
    static let json = Option.flag("json", help: "Print machine-readable JSON (for commands with --format: --format json).")
    /// `--no-color`; read from the raw command line before parsing, so that even a usage error is not coloured.
    static let noColor = Option.flag("no-color", help: "Do not use colours (also: NO_COLOR=1).")

    static let globalOptions: [OptionSpec] = [
        directories.spec, json.spec, noColor.spec,
        .flag("version", help: "Print pm's version."),
        .flag("help", short: "h", help: "Show help for pm or a command."),
    ]

    static let root = CommandSpec(
        name: "pm",
        abstract: "Incident postmortems in git: blameless, checked, searchable.",
        discussion: """
            pm keeps each postmortem as a Markdown file in this repository and commits every change it makes. \
            Run 'pm init' once, then 'pm new "What happened"'.
            """,
        subcommands: commands.map { $0.spec },
        examples: [
            "pm new \"Checkout API returned 500s\" --severity SEV2 --service checkout-api",
            "pm list --status draft",
            "pm show checkout --json",
        ])

    /// Runs pm with `arguments` (without the program name) and returns the exit status.
    public static func main(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Int32 {
        let wantsColor = environment["NO_COLOR"].map { $0.isEmpty } ?? true
        let colorAllowed =
            wantsColor && environment["TERM"] != "dumb" && !arguments.prefix { $0 != "--" }.contains(noColor.spec.displayName)
        let stdout = Terminal(descriptor: 1, colors: colorAllowed)
        let stderr = Terminal(descriptor: 2, colors: colorAllowed)
        return run(
            arguments, environment: environment, stdout: stdout, stderr: stderr, isInteractive: isatty(0) == 1 && isatty(1) == 1
        ).rawValue
    }

    /// The testable core of `main`.
    static func run(_ arguments: [String], environment: [String: String], stdout: Terminal, stderr: Terminal, isInteractive: Bool)
        -> ExitCode
    {
        let invocation: Invocation
        do {
            invocation = try ArgumentParser.parse(arguments, root: root, globalOptions: globalOptions)
        } catch {
            return report(error, to: stderr)
        }
        switch invocation {
        case .help(let path):
            stdout.write(HelpFormatter.help(root: root, globalOptions: globalOptions, commandPath: path))
            return .success
        case .version:
            stdout.line("pm \(version) (libgit2 \(Repository.libgit2Version))")
            return .success
        case .run(let parsed):
            do {
                return try dispatch(
                    parsed, environment: environment, stdout: stdout, stderr: stderr, isInteractive: isInteractive)
            } catch {
                return report(error, to: stderr)
            }
        }
    }

    private static func dispatch(
        _ parsed: ParsedArguments, environment: [String: String], stdout: Terminal, stderr: Terminal, isInteractive: Bool
    ) throws -> ExitCode {
        var directory = FileManager.default.currentDirectoryPath
        for path in parsed[directories] where !path.isEmpty {
            let target = path.hasPrefix("/") ? path : directory + "/" + path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) else {
                throw CLIError("cannot change to '\(path)': no such folder")
            }
            guard isFolder.boolValue else { throw CLIError("cannot change to '\(path)': it is a file, not a folder") }
            directory = URL(fileURLWithPath: target).standardizedFileURL.path
        }
        guard FileManager.default.changeCurrentDirectoryPath(directory) else {
            throw CLIError("cannot change to '\(directory)'")
        }
        let context = CommandContext(
            arguments: parsed, stdout: stdout, stderr: stderr, environment: environment, currentDirectory: directory,
            isInteractive: isInteractive)
        let name = parsed.commandPath.dropFirst().first ?? ""
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            stderr.write(HelpFormatter.help(root: root, globalOptions: globalOptions, commandPath: ["pm"]))
            return .usage
        }
        return try command.run(context)
    }

    /// The one funnel from an error that stopped pm to what stderr shows and the status pm exits with: both come
    /// from the error's type (see `ReportableError`).
    static func report(_ error: any Error, to stderr: Terminal) -> ExitCode {
        // The editor ended because pm was told to stop: pm stops the way the signal says, as it would have anyway.
        if let stopped = error as? EditorStopped { stopped.resend() }
        let reportable = error as? any ReportableError ?? UnexpectedError(error: error)
        reportable.write(to: stderr)
        return reportable.exitCode
    }

    /// Prints findings as `path:line:col: error [rule-id] message` (with the suggestion below) and parse errors as
    /// `path:line:col: error: message`, then the hint.
    static func report(_ problems: DocumentProblems, to stderr: Terminal) {
        for finding in problems.findings {
            let location = "\(finding.path ?? "<document>"):\(finding.position.line):\(finding.position.column):".singleLine
            let level =
                finding.severity == .error ? stderr.styled("error", .red, .bold) : stderr.styled("warning", .yellow, .bold)
            stderr.line("\(stderr.styled(location, .bold)) \(level) [\(finding.ruleID)] \(finding.message.terminalSafe)")
            if let suggestion = finding.suggestion {
                stderr.line("    " + stderr.styled("suggestion:", .dim) + " " + suggestion.terminalSafe)
            }
        }
        for error in problems.errors {
            let location = "\(error.path ?? "<document>"):\(error.position.line):\(error.position.column):".singleLine
            stderr.line("\(stderr.styled(location, .bold)) \(stderr.styled("error:", .red, .bold)) \(error.message.terminalSafe)")
        }
        if !problems.hint.isEmpty { stderr.line(problems.hint) }
    }
}
