import Foundation
import TestSupport
import Testing

/// Every JSON output of the built pm, on a real repository, validated by Python's `jsonschema` against its
/// committed schema in docs/json/ (`make test-deps` installs it). The outputs are exercised with values and with
/// nulls: a first commit and nothing to commit, a document that parses and one that does not, a query with hits
/// and one without.
@Suite("JSON outputs against their schemas")
struct JSONSchemaTests {
    struct Sample {
        var schema: String
        var arguments: [String]
        var stdout: String
    }

    static let checkout = "postmortems/2026-11-20-checkout-api-returned-500s.md"

    /// Runs the commands and keeps what they print; a command must exit 0 or 1 (findings) and print something.
    final class Recorder {
        let repo: TemporaryRepository
        var samples: [Sample] = []

        init(_ repo: TemporaryRepository) { self.repo = repo }

        func record(_ schema: String, _ arguments: [String]) throws {
            let result = try repo.pm(arguments)
            #expect([0, 1].contains(result.status), "pm \(arguments.joined(separator: " ")): \(result)")
            #expect(!result.stdout.isEmpty, "pm \(arguments.joined(separator: " ")): \(result)")
            samples.append(Sample(schema: schema, arguments: arguments, stdout: result.stdout))
        }
    }

    static func samples() throws -> (TemporaryRepository, [Sample]) {
        let repo = try Fixtures.repositoryWithCommit()
        let run = Recorder(repo)
        // A collection kept another way: pm init reports it, pm import plans and converts it.
        try repo.write(
            "postmortems/outage.md", "# Legacy sample\n\nOn 2025-01-02 the legacy job failed.\n\n**Impact:** slow pages.\n")
        try repo.write("postmortems/broken.md", "---\ntags: [a\n---\n")
        try repo.commitAll("Add a collection")
        try run.record("init", ["init", "--no-hooks", "--json"])
        try run.record("init", ["init", "--no-hooks", "--json"])
        try run.record("import", ["import", "--dry-run", "--json"])
        try run.record("import", ["import", "--json"])
        try repo.git(["rm", "-q", "postmortems/broken.md"])
        try repo.git(["commit", "-q", "-m", "Remove the broken file"])
        try run.record("import", ["import", "--json"])
        try run.record(
            "new", ["new", "Checkout API returned 500s", "--date", "2026-11-20", "--severity", "SEV2", "--no-edit", "--json"])
        try run.record("new", ["new", "Cache outage", "--date", "2026-10-02", "--no-edit", "--no-commit", "--json"])
        try repo.write(
            checkout,
            Fixtures.postmortem(title: "Checkout API returned 500s").replacingOccurrences(
                of: "status: draft", with: "status: draft\nvisibility: public"))
        try run.record("edit", ["edit", "checkout", "--json"])
        try run.record("edit", ["edit", "cache", "--json"])
        try run.record("edit", ["edit", "cache", "--json"])
        try run.record("status", ["status", "checkout", "in-review", "--json"])
        try run.record("status", ["status", "checkout", "in-review", "--json"])
        // A document that does not parse, renamed once so that its history has a rename.
        try repo.write("postmortems/2026-09-01-broken.md", "---\ntitle: Broken\ndate: 2026-13-01\n---\n\n## Summary\nIt broke.\n")
        try repo.commitAll("Add a broken postmortem")
        try repo.git(["mv", "postmortems/2026-09-01-broken.md", "postmortems/2026-09-02-broken.md"])
        try repo.git(["commit", "-q", "-m", "Rename the broken postmortem"])

        try run.record("list", ["list", "--json"])
        try run.record("list", ["list", "--json", "--severity", "SEV1"])
        try run.record("show", ["show", "checkout", "--json"])
        try run.record("show", ["show", "broken", "--json"])
        try run.record("log", ["log", "checkout", "--json"])
        try run.record("log", ["log", "broken", "--json"])
        try run.record("check", ["check", "--format", "json"])
        try run.record("check", ["check", checkout, "--json"])
        // The findings baseline: recorded (a commit), unchanged (none), then checked against (a baseline summary).
        try run.record("check-baseline", ["check", "--write-baseline", "--json"])
        try run.record("check-baseline", ["check", "--write-baseline", "--format", "json"])
        try run.record("check", ["check", "--json"])
        try run.record("check", ["check", "--all", "--json", "--no-baseline"])
        try run.record("rules", ["rules", "--format", "json"])
        try run.record("rules", ["rules", "front-matter", "--json"])
        try run.record("search", ["search", "checkout", "--json"])
        try run.record("search", ["search", "--history", "checkout", "--json"])
        try run.record("search", ["search", "nothing-matches-this", "--json"])
        try run.record("index", ["index", "--json"])
        try run.record("index", ["index", "--stats", "--json"])
        try run.record("actions-done", ["actions", "done", "checkout#1", "--json"])
        try run.record("actions-done", ["actions", "done", "checkout#1", "--json"])
        try run.record("actions", ["actions", "--json", "--as-of", "2027-01-01"])
        try run.record("actions", ["actions", "--json", "--owner", "nobody"])
        try run.record("remind", ["remind", "--format", "json", "--as-of", "2027-01-01"])
        try run.record("remind", ["remind", "--json", "--as-of", "2026-01-01"])
        try run.record("stats", ["stats", "--json", "--as-of", "2027-01-01"])
        try run.record("stats", ["stats", "--by", "month", "--format", "json", "--since", "2026-01-01"])
        try run.record("status", ["status", "checkout", "published", "--json"])
        try run.record("mv", ["mv", "cache", "--title", "Cache outage in the EU", "--json"])
        try run.record("mv", ["mv", "cache", "--json"])
        try run.record("export", ["export", "checkout", "--json"])
        try run.record("export", ["export", "cache", "--format", "json", "--allow-internal"])
        try run.record("feed", ["feed", "--json", "--base-url", "https://status.example.com"])
        try run.record("feed", ["feed", "--json", "--limit", "1"])
        try run.record("site", ["site", repo.base + "/site", "--json", "--as-of", "2027-01-01"])
        try run.record("site", ["site", repo.base + "/site", "--json", "--public"])
        // Fields of a postmortem's own that pm.publicFields publishes: a string and a list.
        try repo.write(".pmconfig", try repo.read(".pmconfig") + "[pm]\n\tpublicFields = url, keywords\n")
        try repo.write(
            "postmortems/2026-08-01-foreign.md",
            Fixtures.postmortem(title: "Foreign", date: "2026-08-01").replacingOccurrences(
                of: "related: [", with: "url: https://status.example.com/1\nkeywords: [db, failover]\nrelated: ["))
        try repo.commitAll("A postmortem with fields of its own")
        try run.record("export", ["export", "foreign", "--json", "--allow-internal"])
        try run.record("show", ["show", "foreign", "--json"])
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        try run.record("hooks-status", ["hooks", "status", "--json"])
        return (repo, run.samples)
    }

    @Test("every JSON output of every command validates against its schema in docs/json/")
    func validates() throws {
        let python = try #require(Shell.which("python3"), "python3 is needed to validate the JSON outputs")
        let probe = try Shell.run(
            python, ["-c", "import jsonschema"], in: "/", environment: ProcessInfo.processInfo.environment)
        try #require(probe.status == 0, "install the validator with 'make test-deps' (pip: jsonschema)\n\(probe)")
        let (repo, samples) = try Self.samples()
        var manifest: [[String: String]] = []
        for (index, sample) in samples.enumerated() {
            let file = "\(repo.base)/sample-\(index).json"
            try sample.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            manifest.append(["schema": sample.schema, "file": file, "command": "pm " + sample.arguments.joined(separator: " ")])
        }
        let manifestPath = repo.base + "/samples.json"
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: manifestPath))
        let script = """
            import glob, json, os, sys
            from jsonschema import Draft202012Validator, FormatChecker
            folder, manifest = sys.argv[1], sys.argv[2]
            schemas, problems, used = {}, [], set()
            for path in sorted(glob.glob(os.path.join(folder, "*.schema.json"))):
                schema = json.load(open(path))
                Draft202012Validator.check_schema(schema)
                schemas[os.path.basename(path)[:-len(".schema.json")]] = schema
            samples = json.load(open(manifest))
            for sample in samples:
                used.add(sample["schema"])
                if sample["schema"] not in schemas:
                    problems.append("%s: no schema %s.schema.json" % (sample["command"], sample["schema"]))
                    continue
                validator = Draft202012Validator(schemas[sample["schema"]], format_checker=FormatChecker())
                for error in validator.iter_errors(json.load(open(sample["file"]))):
                    where = "/".join(str(part) for part in error.absolute_path)
                    problems.append("%s: at /%s: %s" % (sample["command"], where, error.message))
            for name in sorted(set(schemas) - used):
                problems.append("%s.schema.json: no command here prints it" % name)
            print("\\n".join(problems) if problems else "valid: %d outputs, %d schemas" % (len(samples), len(schemas)))
            """
        let result = try Shell.run(
            python, ["-c", script, PMBinary.packageRoot + "/docs/json", manifestPath], in: repo.base,
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result)")
        let schemas = try FileManager.default.contentsOfDirectory(atPath: PMBinary.packageRoot + "/docs/json").filter {
            $0.hasSuffix(".schema.json")
        }
        #expect(result.stdout == "valid: \(samples.count) outputs, \(schemas.count) schemas\n", "\(result)")
    }
}
