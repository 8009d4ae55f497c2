import Foundation
import Testing

@testable import PostmortemCLI
@testable import PostmortemKit

/// The four `pm check` formats, on fabricated findings (no rule needed).
@Suite("Findings formatters")
struct FindingsFormatterTests {
    static let path = "postmortems/2026-11-20-checkout-500s.md"
    static let source =
        "---\ntitle: x\n---\n## Action items\n- [ ] Alert on lag — due: 2026-12-15\n- [ ] Alert on lag — due: 2026-12-15\n"

    static let report = FindingsReport(
        findings: [
            Finding(
                ruleID: "action-item-owner", severity: .error, message: "action item 1 names no owner",
                suggestion: "add '— owner: @name'", path: path, range: SourceRange(line: 5, column: 7, length: 12)),
            Finding(
                ruleID: "action-item-owner", severity: .error, message: "action item 2 names no owner", suggestion: nil,
                path: path, range: SourceRange(line: 6, column: 7, length: 12)),
            Finding(
                ruleID: "summary-length", severity: .warning, message: "the summary has 4 sentences", suggestion: nil,
                path: "postmortems/other.md", range: SourceRange(line: 2, column: 1, length: 0)),
        ], postmortemCount: 3, sources: [path: Array(source.utf8)])

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("text: path:line:col: severity [rule-id] message, an indented suggestion, and the summary")
    func text() {
        let lines = TextFindingsFormatter.lines(Self.report, terminal: Terminal(capturingWithColors: false))
        #expect(
            lines == [
                "\(Self.path):5:7: error [action-item-owner] action item 1 names no owner",
                "    suggestion: add '— owner: @name'",
                "\(Self.path):6:7: error [action-item-owner] action item 2 names no owner",
                "postmortems/other.md:2:1: warning [summary-length] the summary has 4 sentences",
            ])
        #expect(Self.report.summary == "2 errors, 1 warning in 2 postmortems")
        #expect(FindingsReport(findings: [], postmortemCount: 1).summary == "No problems in 1 postmortem")
    }

    @Test("text: colours on a terminal, and document text cannot inject escape sequences or lines")
    func textStylesAndSafety() {
        let coloured = TextFindingsFormatter.lines(Self.report, terminal: Terminal(capturingWithColors: true))
        #expect(coloured[0].contains("\u{1B}[31;1merror\u{1B}[0m"))
        let evil = FindingsReport(
            findings: [
                Finding(
                    ruleID: "x", severity: .error, message: "bad \u{1B}[2J\nfake:1:1: error", path: "a.md",
                    range: SourceRange(line: 1, column: 1, length: 1))
            ], postmortemCount: 1)
        let lines = TextFindingsFormatter.lines(evil, terminal: Terminal(capturingWithColors: false))
        #expect(lines == ["a.md:1:1: error [x] bad  fake:1:1: error"])
    }

    @Test("json: a versioned document with stable keys and a summary")
    func jsonDocument() throws {
        let object = try json(JSONFindingsFormatter.document(Self.report))
        #expect(object["version"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        #expect(
            Set(findings[0].keys)
                == ["ruleId", "severity", "message", "suggestion", "path", "line", "column", "endLine", "endColumn"])
        #expect(findings[0]["ruleId"] as? String == "action-item-owner")
        #expect(findings[0]["line"] as? Int == 5)
        #expect(findings[0]["endColumn"] as? Int == 19)
        #expect(findings[1]["suggestion"] is NSNull)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(
            summary == [
                "errors": 2, "warnings": 1, "postmortems": 3, "postmortemsWithFindings": 2, "baselined": 0, "baselineFixed": 0,
            ])
        #expect(object["baseline"] is NSNull, "no baseline was applied")
    }

    @Test("a baseline's counts: the text summary says what it left out and what is fixed; json and sarif count it")
    func baseline() throws {
        var report = Self.report
        report.baseline = .init(path: ".pm-baseline.json", baselined: 2224, fixed: 3)
        #expect(report.summary == "2 errors, 1 warning in 2 postmortems (2224 findings in the baseline not shown)")
        #expect(
            report.fixedNote
                == "3 findings in the baseline are fixed (no longer found); 'pm check --write-baseline' removes them from .pm-baseline.json"
        )
        let object = try json(JSONFindingsFormatter.document(report))
        #expect(object["baseline"] as? String == ".pm-baseline.json")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["baselined"] == 2224 && summary["baselineFixed"] == 3)
        let sarif = try json(SARIFFormatter.document(report, rules: [], version: "1.0.0"))
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let properties = try #require(run["properties"] as? [String: Any])
        #expect(properties["pmBaselined"] as? Int == 2224 && properties["pmBaselineFixed"] as? Int == 3)

        report.findings = []
        report.baseline = .init(path: "ci/baseline.json", baselined: 1, fixed: 1)
        #expect(report.summary == "No problems in 3 postmortems (1 finding in the baseline not shown)")
        #expect(report.fixedNote?.hasPrefix("1 finding in the baseline is fixed") == true)
        #expect(report.fixedNote?.hasSuffix("removes it from ci/baseline.json") == true)
        report.baseline = .init(path: "ci/baseline.json", baselined: 0, fixed: 0)
        #expect(report.summary == "No problems in 3 postmortems")
        #expect(report.fixedNote == nil)
    }

    @Test("github: workflow commands with properties and message escaped")
    func github() {
        let lines = GitHubFormatter.lines(Self.report)
        #expect(
            lines[0]
                == "::error file=\(Self.path),line=5,col=7,endColumn=19,title=pm [action-item-owner]::action item 1 names no owner%0ASuggestion: add '— owner: @name'"
        )
        #expect(lines[2].hasPrefix("::warning file=postmortems/other.md,line=2,col=1,title=pm [summary-length]::"))
        #expect(GitHubFormatter.escapeProperty("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf")
        #expect(GitHubFormatter.escapeData("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b")
        let tricky = FindingsReport(
            findings: [
                Finding(
                    ruleID: "r", severity: .error, message: "100%\nsure", path: "dir,with:odd%name.md",
                    range: SourceRange(line: 1, column: 1, length: 0))
            ], postmortemCount: 1)
        #expect(
            GitHubFormatter.lines(tricky) == ["::error file=dir%2Cwith%3Aodd%25name.md,line=1,col=1,title=pm [r]::100%25%0Asure"])
    }

    @Test("sarif: 2.1.0 structure, every registered rule, results pointing at rules by index")
    func sarifStructure() throws {
        let rules = RuleRegistry.all.map { $0.description }
        let log = try json(SARIFFormatter.document(Self.report, rules: rules, version: "9.9.9"))
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "pm")
        #expect(driver["version"] as? String == "9.9.9")
        let descriptors = try #require(driver["rules"] as? [[String: Any]])
        let ids = descriptors.compactMap { $0["id"] as? String }
        #expect(Array(ids.prefix(rules.count)) == rules.map(\.id))
        for descriptor in descriptors {
            #expect((descriptor["shortDescription"] as? [String: Any])?["text"] is String)
            #expect((descriptor["fullDescription"] as? [String: Any])?["text"] is String)
            #expect((descriptor["help"] as? [String: Any])?["text"] is String)
            let level = (descriptor["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level == "error" || level == "warning")
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ids[index] == result["ruleId"] as? String)
            #expect(["error", "warning"].contains(result["level"] as? String))
            #expect((result["message"] as? [String: Any])?["text"] is String)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(location["artifactLocation"] as? [String: Any])
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            #expect((artifact["uri"] as? String)?.hasPrefix("postmortems/") == true)
            let region = try #require(location["region"] as? [String: Int])
            #expect(Set(region.keys) == ["startLine", "startColumn", "endLine", "endColumn"])
            #expect(
                region["endColumn", default: 0] > region["startColumn", default: 0]
                    || region["endLine", default: 0] > region["startLine", default: 0])
        }
        let first = try #require(results.first)
        let region =
            (((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"])
            as? [String: Int]
        #expect(region == ["startLine": 5, "startColumn": 7, "endLine": 5, "endColumn": 19])
    }

    @Test("sarif fingerprints: stable when lines move, distinct for repeated identical lines")
    func sarifFingerprints() throws {
        func fingerprints(_ report: FindingsReport) throws -> [String] {
            let log = try json(SARIFFormatter.document(report, rules: [], version: "1"))
            let run = try #require((log["runs"] as? [[String: Any]])?.first)
            return (run["results"] as? [[String: Any]] ?? []).compactMap {
                ($0["partialFingerprints"] as? [String: String])?[SARIFFormatter.fingerprintKey]
            }
        }
        let before = try fingerprints(Self.report)
        #expect(before.count == 3)
        #expect(Set(before).count == 3, "two findings on identical lines still differ by occurrence")
        // Two lines inserted above: every finding moves down, the fingerprints stay.
        var moved = Self.report
        moved.sources[Self.path] = Array(("---\n\n\n" + Self.source.dropFirst(4)).utf8)
        moved.findings = moved.findings.map { finding in
            var copy = finding
            if copy.path == Self.path {
                copy.range = SourceRange(line: finding.range.start.line + 2, column: finding.range.start.column, length: 12)
            }
            return copy
        }
        #expect(try fingerprints(moved) == before)
        #expect(SARIFFormatter.fingerprint("a").count == 32)
        // Columns: pm counts UTF-8 bytes, SARIF (by default) UTF-16 code units.
        #expect(SARIFFormatter.utf16Column(7, in: "a \u{2014} b") == 5)
        #expect(SARIFFormatter.utf16Column(5, in: "\u{1F600}x") == 3)
        #expect(SARIFFormatter.utf16Column(1, in: nil) == 1)
        #expect(SARIFFormatter.utf16Column(9, in: "abc") == 9)
        #expect(SARIFFormatter.fingerprint("a") != SARIFFormatter.fingerprint("b"))
    }
}
