import Foundation
import Testing

@testable import PostmortemKit

/// The findings baseline: what an entry keeps of a finding, how findings match entries (not by line number), the
/// file's layout, and every way a file can be wrong, each at its place.
@Suite("Findings baseline")
struct FindingsBaselineTests {
    static let path = "postmortems/2026-01-01-outage.md"

    static func finding(_ rule: String, _ message: String, line: Int, column: Int = 1, path: String = path) -> Finding {
        Finding(
            ruleID: rule, severity: .error, message: message, path: path,
            range: SourceRange(line: line, column: column, length: 0))
    }

    static let document = Array(
        """
        ---
        title: Outage
        ---
        ## Action items
        - [ ] Fix it — due: 2026-02-01
        - [ ] TBD
        - [ ] TBD

        """.utf8)

    @Test("an entry keeps the rule, the path, the line's text folded and the message; not the line number")
    func entryContent() {
        let baseline = FindingsBaseline(
            findings: [Self.finding("action-item-owner", "action item 1 names no owner", line: 5)],
            sources: [Self.path: Self.document])
        #expect(
            baseline.entries == [
                .init(
                    ruleID: "action-item-owner", path: Self.path, line: "- [ ] Fix it — due: 2026-02-01",
                    message: "action item 1 names no owner", count: 1)
            ])
    }

    @Test("the line's text: byte-order mark, CR, outer white space dropped, inner runs folded, long lines cut")
    func lineText() {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("  a \t  b  \r\n\tc\n".utf8)
        #expect(FindingsBaseline.lineText(1, in: bytes) == "a b")
        #expect(FindingsBaseline.lineText(2, in: bytes) == "c")
        #expect(FindingsBaseline.lineText(3, in: bytes) == "")
        #expect(FindingsBaseline.lineText(4, in: bytes) == "", "past the end")
        #expect(FindingsBaseline.lineText(0, in: bytes) == "")
        let long = String(repeating: "é", count: 500)
        #expect(FindingsBaseline.lineText(1, in: Array(long.utf8)).unicodeScalars.count == FindingsBaseline.maximumLineLength)
        #expect(FindingsBaseline.lineText(1, in: [0x61, 0xFF, 0x62]) == "a\u{FFFD}b", "invalid UTF-8 is read leniently")
        // Only the first 64 KiB of a line are read: a huge line without a break costs the same for every finding.
        #expect(FindingsBaseline.lineText(1, in: [UInt8](repeating: 0x20, count: 1 << 17) + [0x78]) == "")
        // A thousand findings, one a line, each matched to its own line's text.
        let many = Array((1...1000).map { "- \($0 % 7) item" }.joined(separator: "\n").utf8)
        let findings = (1...1000).map { Self.finding("timeline-format", "line", line: $0) }
        let baseline = FindingsBaseline(findings: findings, sources: [Self.path: many])
        #expect(baseline.entries.count == 7)
        #expect(baseline.entries.map(\.count).reduce(0, +) == 1000)
    }

    @Test("findings match after lines are inserted above them, and numbers in messages do not count")
    func matchesWithoutLineNumbers() {
        let before = [
            Self.finding("action-item-owner", "action item 1 names no owner", line: 5),
            Self.finding("timeline-order", "'14:05' is earlier than the entry before it ('14:10' on line 6)", line: 7),
        ]
        let baseline = FindingsBaseline(findings: before, sources: [Self.path: Self.document])
        let moved = Array(
            """
            ---
            title: Outage
            ---
            A paragraph.

            ## Action items
            - [ ] New — owner: @a — due: 2026-02-01
            - [ ] Fix it — due: 2026-02-01
            - [ ] TBD
            - [ ] TBD

            """.utf8)
        let after = [
            Self.finding("action-item-owner", "action item 2 names no owner", line: 8),
            Self.finding("timeline-order", "'14:05' is earlier than the entry before it ('14:10' on line 9)", line: 10),
        ]
        let match = baseline.match(after, sources: [Self.path: moved], checkedPaths: nil)
        #expect(match.shown.isEmpty)
        #expect(match.baselined.count == 2)
        #expect(match.fixed.isEmpty)
    }

    @Test("identical findings are one entry with a count; a count of N accepts the first N and reports the rest")
    func counts() {
        let twice = [
            Self.finding("action-item-owner", "action item 2 names no owner", line: 6),
            Self.finding("action-item-owner", "action item 3 names no owner", line: 7),
        ]
        let baseline = FindingsBaseline(findings: twice, sources: [Self.path: Self.document])
        #expect(baseline.entries.count == 1)
        #expect(baseline.entries.first?.count == 2)
        #expect(baseline.entries.first?.message == "action item 2 names no owner", "the first message in byte order")
        #expect(baseline.findingCount == 2)

        let thrice = Array((String(decoding: Self.document, as: UTF8.self) + "- [ ] TBD\n").utf8)
        let three = twice + [Self.finding("action-item-owner", "action item 4 names no owner", line: 8)]
        let match = baseline.match(three, sources: [Self.path: thrice], checkedPaths: nil)
        #expect(match.baselined.map(\.range.start.line) == [6, 7])
        #expect(match.shown.map(\.range.start.line) == [8])

        let once = baseline.match([twice[0]], sources: [Self.path: Self.document], checkedPaths: nil)
        #expect(once.shown.isEmpty)
        #expect(once.fixedCount == 1)
    }

    @Test("a different rule, file, line text or message is not matched")
    func mismatches() {
        let original = Self.finding("action-item-owner", "action item 2 names no owner", line: 6)
        let baseline = FindingsBaseline(findings: [original], sources: [Self.path: Self.document])
        let other = "postmortems/2026-01-02-other.md"
        let candidates = [
            Self.finding("action-item-due", "action item 2 names no owner", line: 6),
            Self.finding("action-item-owner", "action item 2 names no owner", line: 6, path: other),
            Self.finding("action-item-owner", "action item 2 names no owner", line: 5),
            Self.finding("action-item-owner", "action item 2 has an empty owner", line: 6),
        ]
        for candidate in candidates {
            let match = baseline.match(
                [candidate], sources: [Self.path: Self.document, other: Self.document], checkedPaths: nil)
            #expect(match.shown == [candidate])
            #expect(match.fixedCount == 1)
        }
    }

    @Test("only entries of the documents checked can be fixed; with every document checked, all can")
    func fixedEntries() {
        let other = "postmortems/2026-01-02-other.md"
        let baseline = FindingsBaseline(
            findings: [
                Self.finding("action-item-owner", "action item 2 names no owner", line: 6),
                Self.finding("action-item-owner", "action item 2 names no owner", line: 6, path: other),
            ], sources: [Self.path: Self.document, other: Self.document])
        #expect(baseline.match([], sources: [:], checkedPaths: [Self.path]).fixed.map(\.path) == [Self.path])
        #expect(baseline.match([], sources: [:], checkedPaths: []).fixed.isEmpty)
        #expect(baseline.match([], sources: [:], checkedPaths: nil).fixedCount == 2)
    }

    @Test("replacing the entries of some files keeps the others; changes count what was added and removed")
    func replacingAndChanges() {
        let other = "postmortems/2026-01-02-other.md"
        let sources = [Self.path: Self.document, other: Self.document]
        let old = FindingsBaseline(
            findings: [
                Self.finding("action-item-owner", "action item 2 names no owner", line: 6),
                Self.finding("action-item-owner", "action item 1 names no owner", line: 5, path: other),
            ], sources: sources)
        let recorded = FindingsBaseline(
            findings: [Self.finding("action-item-due", "action item 2 has no due date", line: 6)], sources: sources)
        let new = old.replacing(paths: [Self.path], with: recorded)
        #expect(new.entries.map(\.ruleID) == ["action-item-due", "action-item-owner"])
        #expect(new.paths == [Self.path, other])
        #expect(new.changes(from: old) == (added: 1, removed: 1))
        #expect(old.changes(from: old) == (added: 0, removed: 0))
    }

    @Test("the file: version first, one entry a line, sorted whatever the order of the findings; it reads back")
    func fileLayout() throws {
        let findings = [
            Self.finding("no-placeholders", "placeholder 'TBD' left in a published postmortem", line: 6, column: 7),
            Self.finding("action-item-owner", "action item 1 names no owner \"quoted\"", line: 5),
            Self.finding("action-item-owner", "action item 1 names no owner", line: 5, path: "postmortems/2025-01-01-a.md"),
        ]
        let sources = [Self.path: Self.document, "postmortems/2025-01-01-a.md": Self.document]
        let baseline = FindingsBaseline(findings: findings, sources: sources)
        let text = String(decoding: baseline.encoded(), as: UTF8.self)
        #expect(
            text == String(decoding: FindingsBaseline(findings: findings.reversed(), sources: sources).encoded(), as: UTF8.self))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 9)
        #expect(lines[0] == "{")
        #expect(lines[1] == "  \"version\": 1,")
        #expect(lines[2].hasPrefix("  \"about\": "))
        #expect(lines[3] == "  \"entries\": [")
        #expect(
            lines[4]
                == #"    {"rule": "action-item-owner", "path": "postmortems/2025-01-01-a.md", "line": "- [ ] Fix it — due: 2026-02-01", "message": "action item 1 names no owner", "count": 1},"#
        )
        #expect(lines[5].contains(#""message": "action item 1 names no owner \"quoted\"""#))
        #expect(lines[6].contains(#""rule": "no-placeholders""#) && lines[6].hasSuffix("}"))
        #expect(lines[7] == "  ]")
        #expect(text.hasSuffix("}\n"))
        #expect(try FindingsBaseline.decode(baseline.encoded(), path: ".pm-baseline.json") == baseline)
        // Foundation reads it as JSON too.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(baseline.encoded())) as? [String: Any])
        #expect((object["entries"] as? [Any])?.count == 3)

        let empty = FindingsBaseline(findings: [], sources: [:])
        #expect(String(decoding: empty.encoded(), as: UTF8.self).contains("  \"entries\": []\n"))
        #expect(try FindingsBaseline.decode(empty.encoded(), path: ".pm-baseline.json") == empty)
    }

    @Test("a file written by hand is read in any order of keys and entries, and repeated entries add up")
    func handWritten() throws {
        let text = """
            {"entries": [
              {"count": 2, "message": "m", "line": "l", "path": "p.md", "rule": "r"},
              {"rule": "a", "path": "p.md", "line": "l", "message": "m", "count": 1},
              {"rule": "r", "path": "p.md", "line": "l", "message": "m", "count": 3}
            ], "version": 1}
            """
        let baseline = try FindingsBaseline.decode(Array(text.utf8), path: ".pm-baseline.json")
        #expect(baseline.entries.map(\.ruleID) == ["a", "r"])
        #expect(baseline.entries.map(\.count) == [1, 5])
    }

    @Test(
        "a file that is not a baseline is an error at its line and column",
        arguments: [
            ("[]", 1, 1, "is a JSON object"),
            ("{\"entries\": []}", 1, 1, "no \"version\""),
            ("{\"version\": \"1\", \"entries\": []}", 1, 13, "whole number"),
            ("{\"version\": 2, \"entries\": []}", 1, 13, "version 2 is not one this pm reads"),
            ("{\"version\": 1}", 1, 1, "no \"entries\""),
            ("{\"version\": 1, \"entries\": {}}", 1, 27, "must be an array"),
            ("{\"version\": 1, \"entries\": [], \"extra\": 1}", 1, 31, "unknown key \"extra\""),
            ("{\"version\": 1, \"about\": 3, \"entries\": []}", 1, 25, "\"about\" must be a string"),
            ("{\"version\": 1,\n\"entries\": [\n  7\n]}", 3, 3, "an entry is an object"),
            (
                "{\"version\": 1, \"entries\": [\n{\"rule\": \"r\", \"path\": \"p\", \"line\": \"l\", \"message\": \"m\"}\n]}", 2,
                1, "no \"count\""
            ),
            (
                "{\"version\": 1, \"entries\": [\n{\"rule\": \"r\", \"path\": \"p\", \"line\": \"l\", \"count\": 1}\n]}", 2, 1,
                "no \"message\""
            ),
            (
                "{\"version\": 1, \"entries\": [\n{\"rule\": \"r\", \"path\": \"p\", \"line\": \"l\", \"message\": \"m\", \"count\": 0}]}",
                2, 66, "from 1"
            ),
            (
                "{\"version\": 1, \"entries\": [\n{\"rule\": \"r\", \"path\": \"p\", \"line\": \"l\", \"message\": \"m\", \"count\": 1.5}]}",
                2, 66, "from 1"
            ),
            (
                "{\"version\": 1, \"entries\": [\n{\"rule\": \"\", \"path\": \"p\", \"line\": \"l\", \"message\": \"m\", \"count\": 1}]}",
                2, 10, "\"rule\" is empty"
            ),
            (
                "{\"version\": 1, \"entries\": [\n{\"rule\": \"r\", \"path\": 5, \"line\": \"l\", \"message\": \"m\", \"count\": 1}]}",
                2, 23, "\"path\" must be a string"
            ),
            (
                "{\"version\": 1, \"entries\": [\n{\"rule\": \"r\", \"path\": \"p\", \"lines\": \"l\", \"message\": \"m\", \"count\": 1}]}",
                2, 28, "unknown key \"lines\""
            ),
            ("{\"version\": 1, \"entries\": [\n  {\"rule\": \"r\",}\n]}", 2, 15, "not valid JSON: a trailing ','"),
            (
                "{\"version\": 1, \"entries\": [\n{\"rule\": \"r\", \"path\": \"p\", \"line\": \"l\", \"message\": \"m 1\", \"count\": 600000000},\n {\"rule\": \"r\", \"path\": \"p\", \"line\": \"l\", \"message\": \"m 2\", \"count\": 600000000}]}",
                3, 2, "add up to more than"
            ),
            (
                "{\"version\": 1, \"entries\": [\n{\"rule\": \"r\", \"path\": \"p\", \"line\": \"l\", \"message\": \"m\", \"count\": 9223372036854775807}]}",
                2, 66, "from 1 to 1000000000"
            ),
        ])
    func malformed(text: String, line: Int, column: Int, fragment: String) {
        do {
            _ = try FindingsBaseline.decode(Array(text.utf8), path: "HEAD:.pm-baseline.json")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.path == "HEAD:.pm-baseline.json")
            #expect((error.line, error.column) == (line, column), "\(text): \(error)")
            #expect(error.message.contains(fragment), "\(text): \(error.message)")
            #expect(error.description.hasPrefix("HEAD:.pm-baseline.json:\(line):\(column): "))
        }
    }

    @Test("a file over the size limit is refused before it is parsed")
    func tooLarge() {
        do {
            _ = try FindingsBaseline.decode([UInt8](repeating: 0x20, count: FindingsBaseline.maximumSize + 1), path: "b.json")
            Issue.record("accepted a huge file")
        } catch {
            #expect(error.message.contains("pm reads at most"))
            #expect(error.line == nil)
        }
    }

    /// Every rule's failing examples, checked again with a line inserted near the top (so every finding moves down
    /// a line): every finding is still matched by the baseline of the original, and nothing is left over. A rule whose
    /// message named its own line would fail here.
    @Test("every rule's findings stay baselined when a line is inserted above them")
    func everyRuleSurvivesLineMoves() throws {
        let path = "postmortems/2026-01-01-example.md"
        for rule in RuleRegistry.all {
            for example in rule.description.failingExamples {
                let text = example.replacingOccurrences(of: String(RuleDescription.marker), with: "")
                guard text.hasPrefix("---\n") else { continue }
                let moved = "---\n# a comment line added later\n" + text.dropFirst(4)
                func findings(_ text: String) -> [Finding] {
                    Checker.checkExample(text).map { finding in
                        var finding = finding
                        if finding.path == nil { finding.path = path }
                        return finding
                    }
                }
                let before = findings(text)
                let after = findings(moved)
                #expect(!before.isEmpty, "\(rule.description.id): an example that finds nothing")
                let sourcesBefore = Dictionary(
                    uniqueKeysWithValues: Set(before.compactMap(\.path)).map { ($0, Array(text.utf8)) })
                let sourcesAfter = Dictionary(
                    uniqueKeysWithValues: Set(after.compactMap(\.path)).map { ($0, Array(moved.utf8)) })
                let baseline = FindingsBaseline(findings: before, sources: sourcesBefore)
                let match = baseline.match(after, sources: sourcesAfter, checkedPaths: nil)
                #expect(
                    match.shown.isEmpty && match.fixed.isEmpty,
                    "\(rule.description.id): \(match.shown.map(\.message)) not matched; \(match.fixed.map(\.message)) left over in\n\(text)"
                )
            }
        }
    }
}
