import Foundation
import Testing

@testable import PostmortemKit

/// Malformed documents: each must yield an error with an exact position and an actionable
/// message, and never crash.
@Suite struct MalformedDocumentTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    /// A document whose front matter holds `field` lines after a valid title and date.
    static func withField(_ field: String, body: String = "## Summary\nText.\n") -> String {
        "---\ntitle: Checkout outage\ndate: 2026-11-20\n\(field)\n---\n\n\(body)"
    }

    /// A valid document whose body is `body`.
    static func withBody(_ body: String) -> String {
        "---\ntitle: Checkout outage\ndate: 2026-11-20\n---\n\n\(body)"
    }

    static let cases: [Case] = [
        Case(
            name: "tab indentation", text: withField("\tseverity: SEV2"), line: 4, column: 1,
            message: "tab used for indentation; indent with spaces"),
        Case(
            name: "tab after spaces", text: withField("services:\n  \t- a"), line: 5, column: 3,
            message: "tab used for indentation"),
        Case(
            name: "nested map", text: withField("owner:\n  name: dana"), line: 5, column: 3,
            message: "nested maps are not supported: 'name' is indented under 'owner'"),
        Case(
            name: "indented key at the top", text: "---\n  title: x\n---\n", line: 2, column: 3,
            message: "indented key 'title': nested maps are not supported"),
        Case(
            name: "multi-line plain value", text: withField("summary: first\n  continued"), line: 5, column: 3,
            message: "unexpected indented line: multi-line values are not supported"),
        Case(
            name: "anchor", text: withField("base: &anchor x"), line: 4, column: 7,
            message: "anchors ('&') are not supported"),
        Case(
            name: "alias", text: withField("other: *anchor"), line: 4, column: 8,
            message: "aliases ('*') are not supported"),
        Case(
            name: "tag", text: withField("when: !!timestamp 2026-11-20"), line: 4, column: 7,
            message: "tags ('!') are not supported"),
        Case(
            name: "literal block scalar", text: withField("summary: |\n  text"), line: 4, column: 10,
            message: "block scalars ('|') are not supported"),
        Case(
            name: "folded block scalar", text: withField("summary: >-"), line: 4, column: 10,
            message: "block scalars ('>') are not supported"),
        Case(
            name: "document marker inside", text: withField("--- second"), line: 4, column: 1,
            message: "a second YAML document marker '---' inside the front matter"),
        Case(
            name: "second document after '...'", text: "---\ntitle: x\n...\n---\ndate: 2026-11-20\n---\n",
            line: 4, column: 1, message: "a second YAML document starts here"),
        Case(
            name: "second document after '---'", text: "---\ntitle: x\n---\ndate: 2026-11-20\n---\n## Summary\n",
            line: 4, column: 1, message: "a second YAML document starts here"),
        Case(
            name: "unclosed double quote", text: withField("severity: \"SEV2"), line: 4, column: 11,
            message: "unclosed double quote; end the value with '\"' on the same line"),
        Case(
            name: "unclosed single quote", text: withField("severity: 'SEV2"), line: 4, column: 11,
            message: "unclosed single quote"),
        Case(
            name: "unclosed flow list", text: withField("tags: [database, failover"), line: 4, column: 7,
            message: "unclosed list: close it with ']' on the same line"),
        Case(
            name: "flow list cut by a comment", text: withField("tags: [a, b # c]"), line: 4, column: 7,
            message: "unclosed list"),
        Case(
            name: "garbage after closing quote", text: withField("severity: \"SEV2\" high"), line: 4, column: 18,
            message: "unexpected text 'high' after the closing quote"),
        Case(
            name: "garbage after flow list", text: withField("tags: [a] b"), line: 4, column: 11,
            message: "unexpected text 'b' after ']'"),
        Case(
            name: "duplicate key", text: withField("severity: SEV2\ntitle: Again"), line: 5, column: 1,
            message: "duplicate key 'title': already set on line 2"),
        Case(
            name: "key with a space", text: withField("due date: 2026-12-01"), line: 4, column: 4,
            message: "invalid key 'due date': it contains a space"),
        Case(
            name: "key with a dot", text: withField("pm.owner: dana"), line: 4, column: 3,
            message: "invalid key 'pm.owner': it contains '.'"),
        Case(
            name: "key with non-ASCII", text: withField("sévérité: SEV2"), line: 4, column: 2,
            message: "invalid key 'sévérité': it contains 'é'"),
        Case(
            name: "quoted key", text: withField("\"severity\": SEV2"), line: 4, column: 1,
            message: "quoted keys are not supported"),
        Case(
            name: "complex key", text: withField("? severity"), line: 4, column: 1,
            message: "complex keys ('?') are not supported"),
        Case(
            name: "directive", text: withField("%YAML 1.2"), line: 4, column: 1,
            message: "YAML directives ('%') are not supported"),
        Case(
            name: "line without a colon", text: withField("just some text"), line: 4, column: 1,
            message: "expected 'key: value' but found 'just some text'"),
        Case(
            name: "missing space after colon", text: withField("severity:SEV2"), line: 4, column: 10,
            message: "missing space after ':' in 'severity:SEV2'; write 'severity: SEV2'"),
        Case(
            name: "colon-space inside a plain value", text: withField("summary: Root cause: the pool"), line: 4,
            column: 20, message: "an unquoted value cannot contain ': '"),
        Case(
            name: "plain value ending with a colon", text: withField("summary: Causes:"), line: 4, column: 16,
            message: "an unquoted value cannot contain ': ' (or end with ':')"),
        Case(
            name: "flow map value", text: withField("owner: {name: dana}"), line: 4, column: 8,
            message: "flow maps ('{…}') are not supported"),
        Case(
            name: "flow map line", text: withField("{a: b}"), line: 4, column: 1,
            message: "flow maps ('{…}') are not supported"),
        Case(
            name: "map inside a flow list", text: withField("tags: [a: b]"), line: 4, column: 9,
            message: "flow maps are not supported"),
        Case(
            name: "nested flow list", text: withField("tags: [a, [b]]"), line: 4, column: 11,
            message: "nested lists are not supported"),
        Case(
            name: "empty flow list item", text: withField("tags: [a, , b]"), line: 4, column: 11,
            message: "empty list item; remove the extra ','"),
        Case(
            name: "missing comma in flow list", text: withField("tags: [\"a\" \"b\"]"), line: 4, column: 12,
            message: "expected ',' or ']' after a list item"),
        Case(
            name: "list item without a key", text: withField("severity: SEV2\n- stray"), line: 5, column: 1,
            message: "list item without a key"),
        Case(
            name: "misaligned block list", text: withField("services:\n  - a\n    - b"), line: 6, column: 5,
            message: "list item indented by 4 spaces but the first item of 'services' by 2"),
        Case(
            name: "map inside a block list", text: withField("services:\n  - name: api"), line: 5, column: 9,
            message: "nested maps are not supported in a list item"),
        Case(
            name: "dash after a key", text: withField("services: - api"), line: 4, column: 11,
            message: "'- ' cannot follow a key on the same line"),
        Case(
            name: "unsupported escape", text: withField(#"summary: "a\qb""#), line: 4, column: 12,
            message: #"unsupported escape '\q'"#),
        Case(
            name: "value starting with @", text: withField("owner: @dana"), line: 4, column: 8,
            message: "an unquoted value cannot start with '@'; put it in quotes"),
        Case(
            name: "front matter never closed", text: "---\ntitle: x\ndate: 2026-11-20\n\n## Summary\n", line: 1,
            column: 1, message: "front matter is never closed: add a line '---' after the last field"),
        Case(
            name: "missing front matter", text: "## Summary\nText.\n", line: 1, column: 1,
            message: "missing front matter: start the file with a '---' line"),
        Case(
            name: "front matter after blank lines", text: "\n\n---\ntitle: x\n---\n", line: 3, column: 1,
            message: "front matter must start on the first line"),
        Case(
            name: "impossible date", text: "---\ntitle: x\ndate: 2026-02-30\n---\n", line: 3, column: 7,
            message: "invalid date '2026-02-30': February 2026 has 28 days; write the date as YYYY-MM-DD"),
        Case(
            name: "date in another format", text: "---\ntitle: x\ndate: Nov 20, 2026\n---\n", line: 3, column: 7,
            message: "invalid date 'Nov 20, 2026': write the date as YYYY-MM-DD"),
        Case(
            name: "month 13", text: "---\ntitle: x\ndate: \"2026-13-01\"\n---\n", line: 3, column: 7,
            message: "there is no month 13"),
        Case(
            name: "unknown status", text: withField("status: done"), line: 4, column: 9,
            message: "invalid status 'done'; use draft, in-review or published"),
        Case(
            name: "timestamp in words", text: withField("started: yesterday afternoon"), line: 4, column: 10,
            message: "invalid timestamp 'yesterday afternoon' for 'started'"),
        Case(
            name: "timestamp hour 25", text: withField("detected: 2026-11-20T25:00:00Z"), line: 4, column: 11,
            message: "hour 25 does not exist"),
        Case(
            name: "timestamp on February 30", text: withField("resolved: 2026-02-30T10:00:00Z"), line: 4,
            column: 11, message: "February 2026 has 28 days"),
        Case(
            name: "list field given a string", text: withField("services: checkout-api"), line: 4, column: 11,
            message: "'services' must be a list; write services: [checkout-api]"),
        Case(
            name: "single field given a list", text: withField("severity: [SEV1, SEV2]"), line: 4, column: 11,
            message: "'severity' must be a single value, not a list"),
        Case(
            name: "timestamp given a list", text: withField("started:\n  - 2026-11-20T14:02:00Z"), line: 4,
            column: 9, message: "'started' must be a single value, not a list"),
        Case(
            name: "unclosed code fence", text: withBody("## Summary\n\n```sh\nrestart\n\n## Impact\n"), line: 8,
            column: 1, message: "code block opened with ``` is never closed: add a line ``` after its last line"),
        Case(
            name: "unclosed tilde fence in a list", text: withBody("## Summary\n- step\n  ~~~~\n  code\n"), line: 8,
            column: 3, message: "code block opened with ~~~~ is never closed"),
        Case(
            name: "unclosed HTML comment", text: withBody("## Summary\nText.\n<!-- draft notes\n\n## Impact\n"),
            line: 8, column: 1, message: "HTML comment is never closed: add '-->' where it ends"),
        Case(
            name: "invalid action item due date",
            text: withBody("## Action items\n- [ ] Add an alert — owner: @dana — due: 2026-13-01\n"), line: 7,
            column: 46, message: "invalid due date '2026-13-01' in action item 1: there is no month 13"),
        Case(
            name: "action item due date in words",
            text: withBody(
                "## Action items\n- [x] Done — owner: lee — due: 2026-11-21\n- [ ] Fix — owner: lee — due: next week\n"),
            line: 8, column: 35, message: "invalid due date 'next week' in action item 2: write it as YYYY-MM-DD"),
        Case(
            name: "impossible timeline time",
            text: withBody("## Timeline\n- 14:02 Alert fires.\n- 25:61 Something impossible.\n"), line: 8,
            column: 3, message: "impossible time '25:61' in the timeline: hour 25 does not exist"),
        Case(
            name: "impossible timeline minute", text: withBody("## Timeline\n- **14:60** — Alert.\n"), line: 7,
            column: 5, message: "impossible time '14:60' in the timeline: minute 60 does not exist"),
        Case(
            name: "invalid timeline date", text: withBody("## Timeline\n- 2026-02-30 10:00 Alert.\n"), line: 7,
            column: 3, message: "invalid date '2026-02-30' in the timeline: February 2026 has 28 days"),
        Case(
            name: "impossible time in a timeline table",
            text: withBody("## Timeline\n| Time | Event |\n|---|---|\n| 24:10 | Alert |\n"), line: 9, column: 3,
            message: "impossible time '24:10'"),
        Case(
            name: "nesting too deep", text: withBody(String(repeating: ">", count: 70) + " deep\n"), line: 6,
            column: 65, message: "nesting deeper than 64 levels"),
        Case(name: "invalid UTF-8", text: "", line: 3, column: 8, message: "invalid UTF-8 (byte 0xFE)"),
        Case(name: "binary file", text: "", line: 2, column: 3, message: "binary file: NUL byte found"),
    ]

    /// The bytes of a case (two cases need bytes a Swift string cannot hold).
    static func bytes(of testCase: Case) -> [UInt8] {
        switch testCase.name {
        case "invalid UTF-8":
            return Array("---\ntitle: x\ndate: 2".utf8) + [0xFE] + Array("026-11-20\n---\n".utf8)
        case "binary file":
            return Array("---\nti".utf8) + [0, 1, 2] + Array("\n---\n".utf8)
        default:
            return Array(testCase.text.utf8)
        }
    }

    @Test func thereAreAtLeastThirtyCases() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases) func reportsTheProblemAtItsPosition(_ testCase: Case) {
        let postmortem = PostmortemParser.parse(bytes: Self.bytes(of: testCase), path: "postmortems/x.md")
        let match = postmortem.errors.first { $0.message.contains(testCase.message) }
        #expect(match != nil, "no error contains \"\(testCase.message)\"; got \(postmortem.errors.map(\.description))")
        #expect(
            match?.position == SourcePosition(line: testCase.line, column: testCase.column),
            "\(postmortem.errors.map(\.description))")
        #expect(match?.path == "postmortems/x.md")
    }

    @Test(arguments: cases) func positionsAreTheSameWithCRLFAndBOM(_ testCase: Case) {
        let lf = Self.bytes(of: testCase)
        var crlf: [UInt8] = [0xEF, 0xBB, 0xBF]
        for byte in lf {
            if byte == 0x0A { crlf.append(0x0D) }
            crlf.append(byte)
        }
        let expected = PostmortemParser.parse(bytes: lf).errors
        let actual = PostmortemParser.parse(bytes: crlf).errors
        #expect(actual == expected)
    }

    @Test func severalProblemsAreAllReportedInOrder() {
        let text = "---\ntitle: x\n\tbad: 1\nstatus: done\ntags: [a, , b]\ndate: 2026-02-30\n---\n## Timeline\n- 99:99 x\n"
        let errors = PostmortemParser.parse(text).errors
        #expect(errors.map(\.position.line) == [3, 4, 5, 6, 9])
    }
}
