import Foundation
import TestSupport
import Testing

/// One rule for `--json` beside `--format`, in every command that has both: `--json` is short for `--format json`,
/// and with another format it is a usage error (exit 64) that names both flags. The commands and their formats are
/// read from the built pm's own help, so a command that gains `--format` is held to the rule without a change here.
@Suite("--json and --format")
struct OutputFormatRuleTests {
    static let id = "2026-11-20-checkout"

    /// A repository with one published, public postmortem, which every command can show.
    static func repository() throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        let text = Fixtures.postmortem(status: "published")
            .replacingOccurrences(of: "status: published\n", with: "status: published\nvisibility: public\n")
        try Fixtures.commitPostmortem(repo, id: id, text: text)
        return repo
    }

    /// A command with `--format`: its name, its formats, and the arguments it needs to run.
    struct FormatCommand: CustomStringConvertible {
        let name: String
        let formats: [String]
        let arguments: [String]

        var description: String { name }
    }

    /// The commands whose help lists `--format <format>`, with the values it lists.
    static func formatCommands(_ repo: TemporaryRepository) throws -> [FormatCommand] {
        let overview = try repo.pm(["--help"]).stdout
        let subcommands =
            overview.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first?
            .components(separatedBy: "\n\n").first ?? ""
        let names = subcommands.lines.compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
        #expect(names.count > 10, "\(overview)")
        var commands: [FormatCommand] = []
        for name in names {
            let help = try repo.pm([name, "--help"]).stdout
            // The rows of the OPTIONS section, each with its wrapped lines joined.
            let options =
                help.components(separatedBy: "\nOPTIONS:\n").dropFirst().first?.components(separatedBy: "\n\n").first ?? ""
            var rows: [String] = []
            for line in options.lines {
                if line.hasPrefix("  -") || rows.isEmpty { rows.append("") }
                rows[rows.count - 1] += " " + line.split(separator: " ").joined(separator: " ")
            }
            guard let row = rows.first(where: { $0.contains("--format <format>") }) else { continue }
            guard let values = row.components(separatedBy: "values: ").dropFirst().first?.split(separator: ";").first else {
                Issue.record("\(name): --format lists no values: \(row)")
                continue
            }
            let formats = values.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            // What the usage line requires (what is not in brackets): a postmortem reference is the only required
            // argument of these commands.
            let usage = help.components(separatedBy: "USAGE: ").dropFirst().first?.components(separatedBy: "\n\n").first ?? ""
            var depth = 0
            let unbracketed = String(
                usage.filter { character in
                    if character == "[" { depth += 1 }
                    defer { if character == "]" { depth -= 1 } }
                    return depth == 0 && character != "]"
                })
            let required = unbracketed.split(whereSeparator: \.isWhitespace).filter {
                $0.hasPrefix("<") && $0 != "<subcommand>"
            }
            var arguments: [String] = []
            for argument in required {
                guard argument == "<ref>" else {
                    Issue.record("\(name): no value for \(argument) in this test")
                    continue
                }
                arguments.append(id)
            }
            commands.append(FormatCommand(name: name, formats: formats, arguments: arguments))
        }
        return commands
    }

    @Test("every command with --format: --json is --format json, and --json with another format is exit 64 naming both")
    func oneRule() throws {
        let repo = try Self.repository()
        let commands = try Self.formatCommands(repo)
        #expect(Set(commands.map(\.name)).isSuperset(of: ["check", "rules", "remind", "stats", "export"]), "\(commands)")
        for command in commands {
            let base = [command.name] + command.arguments
            #expect(command.formats.contains("json"), "\(command.name) offers no json: \(command.formats)")
            let json = try repo.pm(base + ["--json"])
            let format = try repo.pm(base + ["--format", "json"])
            let both = try repo.pm(base + ["--json", "--format", "json"])
            #expect(json.status != 64 && !json.stdout.isEmpty, "\(command.name) --json: \(json)")
            #expect(format.status == json.status && format.stdout == json.stdout, "\(command.name) --format json: \(format)")
            #expect(both.status == json.status && both.stdout == json.stdout, "\(command.name) --json --format json: \(both)")
            for other in command.formats where other != "json" {
                for arguments in [base + ["--json", "--format", other], base + ["--format=\(other)", "--json"]] {
                    let result = try repo.pm(arguments)
                    #expect(result.status == 64, "\(arguments): \(result)")
                    #expect(result.stdout.isEmpty, "\(arguments): \(result)")
                    #expect(
                        result.stderr.contains("Error: '--json' and '--format \(other)' cannot be used together"),
                        "\(arguments): \(result)")
                    #expect(result.stderr.contains("See 'pm \(command.name) --help'"), "\(arguments): \(result)")
                }
            }
        }
    }
}
