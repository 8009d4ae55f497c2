import Foundation
import TestSupport
import Testing

/// `pm show` prints the whole document through the built binary: every field, pm's and the team's own, and every
/// word of the body in document order, into a pipe and on a terminal (`script` gives it one); `--short` the overview.
@Suite("pm show: the whole document")
struct ShowDocumentTests {
    /// A postmortem from a collection pm did not write: its own fields, prose without a single `##` heading,
    /// bold-paragraph labels, and nearly every Markdown construct a long real one uses.
    static let foreign = """
        ---
        uuid: 6c1f2a9e-8d4b-4c55-9a0e-3f7d2b1c0a11
        url: https://status.example.com/incidents/2017-02-28-storage-outage
        title: Object storage disruption in the eastern region
        categories: [cloud, storage]
        keywords:
          - object-store
          - east-1
          - billing
        company: Example Cloud
        product: Object Store
        start_time: 2017-02-28T17:37:00Z
        end_time: 2017-02-28T21:54:00Z
        summary: "A command meant to remove a few billing servers removed far more, and the index and placement subsystems had to restart."
        source_fetched_at: 2024-05-01T08:00:00Z
        ---

        We would like to give you some additional information about the disruption that occurred in the eastern \
        region on the morning of February 28th. The storage team was debugging an issue causing the billing \
        system to progress more slowly than expected.
        At 9:37 local time, an authorized team member using an established playbook executed a command which was
        intended to remove a small number of servers for one of the subsystems used by the billing process.

        **Impact:** other services in the region that rely on the object store, such as the console, new instance
        launches and the *status dashboard* itself, were also impacted while the store's APIs were unavailable.

        **Detection:** the first alerts fired within two minutes; see [the alert runbook][runbook] and the
        [public timeline](https://status.example.com/history "History") for what customers saw.

        Setext headings are headings too
        ================================

        The index subsystem manages the metadata and location information of all objects in the region. The
        placement subsystem manages allocation of new storage and requires the index to function correctly:

        1. Unfortunately, one of the inputs to the command was entered incorrectly.
        2. A larger set of servers was removed than intended.
        3. Both subsystems required a full restart:
           - the index subsystem first, which took 2 hours 53 minutes;
           - then the placement subsystem, which depended on it.

        - [x] Modify the tool to remove capacity more slowly
        - [x] Add safeguards against removing below minimum capacity
        - [ ] Partition the index into smaller cells — ticket STOR-4412

        > While removal of capacity is a key operational practice, in this instance the tool used allowed too much
        > capacity to be removed too quickly.

        ### Times

        | Time (local) | Event | Duration |
        |:-------------|:-----:|---------:|
        | 9:37 | Command executed | 0m |
        | 12:26 | Index able to serve GET requests | 2h 49m |
        | 13:54 | Placement fully recovered | 4h 17m |

        ```sh
        storectl capacity remove --region east-1 --count 12   # what was meant
        storectl capacity remove --region east-1 --count 120  # what ran
        ```

        Some of the wording used <kbd>Ctrl</kbd> and ~~obsolete~~ terms; a bare address https://example.com/a_b
        and an autolink <https://example.com/c> stay readable, as does an e-mail <oncall@example.com>.

        ***

        #### Closing

        Finally, we want to apologize for the impact this event caused for our customers.\\
        We will do everything we can to learn from this event.

        [runbook]: https://runbooks.example.com/storage/alerts "Storage alerts"

        """

    /// The words of `text`: runs of letters and digits.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// The body's words, without the lines that are only markup (code fences and their info string, a table's
    /// delimiter row).
    static func bodyWords(_ document: String) -> [String] {
        let body = document.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n")
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !line.hasPrefix("```") && !line.hasPrefix("|:--")
        }
        return words(lines.joined(separator: "\n"))
    }

    /// The first word of `expected` not found in `output` in order, with the words before it, or nil.
    static func missingWord(_ expected: [String], in output: String) -> String? {
        let shown = words(output)
        var position = shown.startIndex
        for (index, word) in expected.enumerated() {
            guard let found = shown[position...].firstIndex(of: word) else {
                return "'\(word)' after '\(expected[max(0, index - 5)..<index].joined(separator: " "))'"
            }
            position = found + 1
        }
        return nil
    }

    /// `pm` run on a terminal `columns` wide (a pseudo-terminal from util-linux's `script`), stdout and stderr
    /// together; nil when this machine cannot give one.
    static func onTerminal(
        _ repo: TemporaryRepository, _ arguments: [String], columns: Int, colors: Bool = false
    ) throws -> ProcessOutput? {
        guard let script = Shell.which("script") else { return nil }
        let environment = repo.environment.merging(
            ["COLUMNS": "\(columns)", "NO_COLOR": colors ? "" : "1", "TERM": colors ? "xterm-256color" : "dumb"]) { $1 }
        guard try Shell.run(script, ["-qec", "true", "/dev/null"], in: repo.root, environment: environment).status == 0 else {
            return nil
        }
        let command = ([PMBinary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let result = try Shell.run(script, ["-qec", command, "/dev/null"], in: repo.root, environment: environment)
        return ProcessOutput(
            status: result.status, stdout: result.stdout.replacingOccurrences(of: "\r\n", with: "\n"), stderr: result.stderr)
    }

    /// Removes pm's own colour codes (SGR sequences), to look at what is left.
    static func withoutStyles(_ text: String) -> String {
        text.replacing(/\u{1B}\[[0-9;]*m/, with: "")
    }

    @Test("a foreign file: its own fields as written, lists joined, the url plain, and every word of the body in order")
    func foreignFile() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2017-02-28-storage-outage", text: Self.foreign)
        let result = try repo.pm(["show", "storage"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first == "Object storage disruption in the eastern region")
        for field in [
            "uuid               6c1f2a9e-8d4b-4c55-9a0e-3f7d2b1c0a11",
            "url                https://status.example.com/incidents/2017-02-28-storage-outage",
            "categories         cloud, storage", "keywords           object-store, east-1, billing",
            "company            Example Cloud", "product            Object Store",
            "start_time         2017-02-28T17:37:00Z", "end_time           2017-02-28T21:54:00Z",
            "summary            A command meant to remove a few billing servers removed far more, and the index and placement subsystems had to restart.",
            "source_fetched_at  2024-05-01T08:00:00Z",
        ] {
            #expect(lines.contains("  " + field), "\(field)\n\(result.stdout)")
        }
        #expect(!lines.contains { $0.hasPrefix("  title ") }, "the title field is the title, not another field")
        #expect(Self.missingWord(Self.bodyWords(Self.foreign), in: result.stdout) == nil, "\(result.stdout)")
        // Into a pipe the document's own lines stay lines; its Markdown marks stay where no style can show.
        #expect(
            lines.contains(
                "At 9:37 local time, an authorized team member using an established playbook executed a command which was"))
        #expect(
            lines.contains(
                "**Impact:** other services in the region that rely on the object store, such as the console, new instance"))
        #expect(lines.contains("    storectl capacity remove --region east-1 --count 120  # what ran"))
        #expect(lines.contains("[runbook]: https://runbooks.example.com/storage/alerts \"Storage alerts\""))
        #expect(lines.contains("- [ ] Partition the index into smaller cells — ticket STOR-4412"))
        #expect(lines.contains("# Setext headings are headings too"))
        #expect(lines.contains("12:26         Index able to serve GET requests    2h 49m"), "columns aligned as the table says")
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test("on a terminal the body is filled to its width, every word still there; a long word is never cut")
    func terminalWidth() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2017-02-28-storage-outage", text: Self.foreign)
        guard let result = try Self.onTerminal(repo, ["show", "storage"], columns: 60) else { return }
        #expect(result.status == 0, "\(result)")
        #expect(Self.missingWord(Self.bodyWords(Self.foreign), in: result.stdout) == nil, "\(result.stdout)")
        let tooWide = result.stdout.components(separatedBy: "\n").filter { line in
            // Code is kept as written; a word wider than its column (a URL) overflows whole, at the end of its line.
            line.count > 60 && !line.hasPrefix("    storectl") && (line.split(separator: " ").last?.count ?? 0) < 38
        }
        #expect(tooWide.isEmpty, "\(tooWide)\n\(result.stdout)")
        #expect(result.stdout.contains("billing\n                     servers removed"), "a long field wraps under itself")
        #expect(!result.stdout.contains("\u{1B}"), "NO_COLOR is obeyed")
        // With colours, pm's own styles are the only escape sequences.
        guard let coloured = try Self.onTerminal(repo, ["show", "storage"], columns: 60, colors: true) else { return }
        #expect(coloured.stdout.contains("\u{1B}[1mImpact:\u{1B}[0m"), "\(coloured.stdout)")
        #expect(!Self.withoutStyles(coloured.stdout).contains("\u{1B}"))
        #expect(Self.missingWord(Self.bodyWords(Self.foreign), in: Self.withoutStyles(coloured.stdout)) == nil)
    }

    @Test("an RFC-shaped file (# sections, no front matter) is titled by its file name and shows every section")
    func rfcShaped() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let text = """
            # Summary

            Add a read-only replica for the reporting queries.

            # Motivation

            Reporting queries slow the primary down at the end of every month.

            ## Prior art

            The billing team did the same in 2024.

            # Drawbacks

            One more database to run.

            """
        try repo.write("postmortems/0007-reporting-replica.md", text)
        try repo.commitAll("Add an RFC")
        let result = try repo.pm(["show", "0007-reporting"])
        #expect(result.status == 1, "no front matter is a document error, and what could be read is shown")
        #expect(result.stderr.contains("postmortems/0007-reporting-replica.md:1:1: error: missing front matter"))
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first == "0007-reporting-replica")
        for heading in ["# Summary", "# Motivation", "## Prior art", "# Drawbacks"] {
            #expect(lines.contains(heading), "\(heading)\n\(result.stdout)")
        }
        #expect(Self.missingWord(Self.words(text), in: result.stdout) == nil, "\(result.stdout)")
        let list = try repo.pm(["list"])
        #expect(list.stdout.contains("0007-reporting-replica") && !list.stdout.contains("Summary"), "\(list.stdout)")
    }

    @Test("a pm file shows every section with its heading; --short the overview it showed before")
    func nativeAndShort() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let text = Fixtures.postmortem().replacingOccurrences(
            of: "related: [", with: "ticket_url: https://jira.example.com/OPS-1\nrelated: [")
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: text)
        let full = try repo.pm(["show", "checkout"])
        #expect(full.status == 0, "\(full)")
        for expected in [
            "  Related     2026-10-02-payments-db-failover", "  ticket_url  https://jira.example.com/OPS-1",
            "  resolve      1h 29m", "## Summary", "## What did not go well", "- 14:09 Alert: checkout error rate above 5%.",
            "- [x] Roll back the pool-size change — owner: @lee — due: 2026-11-21",
        ] {
            #expect(full.stdout.components(separatedBy: "\n").contains(expected), "\(expected)\n\(full.stdout)")
        }
        #expect(Self.missingWord(Self.bodyWords(text), in: full.stdout) == nil, "\(full.stdout)")
        #expect(!full.stdout.contains("Action items (1 of 2 open)"))

        let short = try repo.pm(["show", "checkout", "--short"])
        #expect(short.status == 0, "\(short)")
        #expect(short.stdout.contains("2026-11-20 14:09 UTC  Alert: checkout error rate above 5%."))
        #expect(short.stdout.contains("Action items (1 of 2 open)"))
        #expect(short.stdout.contains("Sections\n  line 18   Summary  1 line\n"), "\(short.stdout)")
        #expect(!short.stdout.contains("ticket_url") && !short.stdout.contains("## Summary"))
        #expect(!short.stdout.contains("The connection pool cached"), "--short leaves the other sections' text out")

        for flags in [["--short", "--json"], ["--short", "--raw"], ["--raw", "--json"]] {
            let refused = try repo.pm(["show", "checkout"] + flags)
            #expect(refused.status == 64, "\(flags): \(refused)")
            #expect(refused.stderr.contains("'\(flags[0])' and '\(flags[1])' cannot be used together"), "\(refused)")
        }
        let help = try repo.pm(["show", "--help"])
        #expect(help.stdout.contains("--short"))
    }

    @Test("a title: field that is not the title a reader sees (the opening # heading is) shows as a field")
    func titleFieldBesideHeading() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let text = "---\ntitle: Checkout 500s\ndate: 2026-11-20\n---\n# Checkout API returned 500s\n\nText.\n"
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: text)
        let result = try repo.pm(["show", "checkout"])
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first == "Checkout API returned 500s")
        #expect(lines.contains("  Title     Checkout 500s"), "\(result.stdout)")
        #expect(!lines.contains("# Checkout API returned 500s"), "the heading is the title, shown once")
        let same = try repo.pm(["show", "checkout", "--short"])
        #expect(!same.stdout.contains("Title"))
    }

    @Test("hostile fields and text: HTML stays text, escape sequences never reach the terminal, javascript: is text")
    func hostile() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let text = """
            ---
            title: "Evil \u{1B}]8;;https://evil.example\u{07}link\u{1B}]8;;\u{07} title"
            date: 2026-11-20
            severity: SEV2
            status: draft
            url: "javascript:alert(1)"
            owner_html: '<img src=x onerror=alert(1)>'
            escape: '\u{1B}[2J\u{1B}]0;owned\u{07}cleared \u{9B}31m'
            ---

            ## Summary
            Text with \u{1B}[31mred\u{1B}[0m and a [link](javascript:alert(2)) and \u{1B}]52;c;Y2xpcA==\u{07}clipboard.

            """
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-evil", text: text)
        let piped = try repo.pm(["show", "evil"])
        #expect(piped.status == 0, "\(piped)")
        let outputs =
            [piped.stdout] + [try Self.onTerminal(repo, ["show", "evil"], columns: 50, colors: true)?.stdout].compactMap { $0 }
        for output in outputs {
            let plain = Self.withoutStyles(output)
            #expect(
                !plain.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B },
                "\(output.debugDescription)")
            #expect(plain.contains("Evil link title"))
            #expect(plain.contains("javascript:alert(1)"))
            #expect(plain.contains("<img src=x onerror=alert(1)>"))
            #expect(plain.contains("cleared"))
            #expect(plain.contains("clipboard"))
        }
    }
}
