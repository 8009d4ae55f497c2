import Foundation
import TestSupport
import Testing

@testable import PostmortemCLI

/// Every command is known to print JSON or not, and every JSON output has its schema in docs/json/, at the version
/// the code prints. `JSONSchemaTests` validates what the built pm prints against those schemas.
@Suite("JSON schemas for every command")
struct JSONSchemaCoverageTests {
    /// What each command and subcommand prints as JSON (`--json`, `--format json`): the schema's name
    /// (docs/json/<name>.schema.json) and the version the code writes. A new command must be added here.
    static let outputs: [String: [(schema: String, version: Int)]] = [
        "init": [("init", InitCommand.jsonVersion)],
        "import": [("import", ImportCommand.jsonVersion)],
        "new": [("new", NewCommand.jsonVersion)],
        "list": [("list", ListCommand.jsonVersion)],
        "show": [("show", ShowCommand.jsonVersion)],
        "edit": [("edit", EditCommand.jsonVersion)],
        "mv": [("mv", MoveCommand.jsonVersion)],
        "status": [("status", StatusCommand.jsonVersion)],
        "log": [("log", LogCommand.jsonVersion)],
        "check": [("check", JSONFindingsFormatter.version), ("check-baseline", CheckCommand.baselineJSONVersion)],
        "rules": [("rules", RulesCommand.jsonVersion)],
        "hooks": [],
        "hooks install": [],
        "hooks uninstall": [],
        "hooks status": [("hooks-status", HooksCommand.jsonVersion)],
        "search": [("search", SearchCommand.jsonVersion)],
        "index": [("index", IndexCommand.jsonVersion)],
        "actions": [("actions", ActionsCommand.jsonVersion)],
        "actions done": [("actions-done", ActionsCommand.doneJSONVersion)],
        "remind": [("remind", RemindCommand.jsonVersion)],
        "stats": [("stats", StatsCommand.jsonVersion)],
        "export": [("export", ExportCommand.jsonVersion)],
        "feed": [("feed", FeedCommand.jsonVersion)],
        "site": [("site", SiteCommand.jsonVersion)],
        "completion": [],
        "__complete": [],
    ]

    static let folder = PMBinary.packageRoot + "/docs/json"

    /// Every command path below `spec`, hidden ones included: `hooks`, `hooks install`, ….
    static func commandPaths(_ spec: CommandSpec, prefix: [String] = []) -> [String] {
        spec.subcommands.flatMap { command -> [String] in
            let path = prefix + [command.name]
            return [path.joined(separator: " ")] + commandPaths(command, prefix: path)
        }
    }

    @Test("every command of pm is listed here, with the JSON outputs it has")
    func everyCommandIsListed() {
        let paths = Set(Self.commandPaths(PM.root))
        #expect(paths.subtracting(Self.outputs.keys).sorted() == [], "add these commands to JSONSchemaCoverageTests.outputs")
        #expect(Set(Self.outputs.keys).subtracting(paths).sorted() == [], "these commands no longer exist")
    }

    @Test("every JSON output has a schema in docs/json/ whose version is the one pm prints, and every schema an output")
    func everyOutputHasItsSchema() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".schema.json") }
        let outputs = Self.outputs.values.flatMap { $0 }
        #expect(Set(files) == Set(outputs.map { $0.schema + ".schema.json" }))
        for output in outputs {
            let path = Self.folder + "/" + output.schema + ".schema.json"
            let data = try #require(FileManager.default.contents(atPath: path), "\(path) is missing")
            let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path)")
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema", "\(path)")
            let properties = try #require(schema["properties"] as? [String: Any], "\(path)")
            let version = try #require(properties["version"] as? [String: Any], "\(path) has no version")
            #expect(version["const"] as? Int == output.version, "\(path): the code prints version \(output.version)")
            #expect((schema["required"] as? [String])?.contains("version") == true, "\(path)")
        }
    }
}
