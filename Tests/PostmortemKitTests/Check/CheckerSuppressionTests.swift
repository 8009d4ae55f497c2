import Foundation
import Testing

@testable import PostmortemKit

/// Suppression comments: next line, ranges, all rules, unused and unknown ones.
@Suite struct CheckerSuppressionTests {
    /// An in-review postmortem whose Timeline section is `timeline` (6 lines of front matter and heading
    /// come first, so the first timeline line is line 7).
    func check(_ timeline: String, status: String = "in-review", levels: [String: String] = [:]) -> [Finding] {
        var configuration = Configuration()
        configuration.ruleLevels = levels
        configuration.requiredSections = ["Timeline"]
        let text = "---\ntitle: x\ndate: 2026-11-20\nseverity: SEV2\nstatus: \(status)\n---\n## Timeline\n\(timeline)"
        let postmortem = PostmortemParser.parse(text, path: "postmortems/2026-11-20-x.md")
        let context = Checker.context(for: [postmortem], configuration: configuration, today: LocalDate(daysSinceEpoch: 0))
        return Checker(configuration: configuration).check(postmortem, context: context)
    }

    func lines(_ findings: [Finding], _ ruleID: String) -> [Int] {
        findings.filter { $0.ruleID == ruleID }.map(\.range.start.line)
    }

    @Test func withoutSuppressionsEveryEntryIsReported() {
        let found = check("- one\n- two\n- three\n")
        #expect(lines(found, "timeline-format") == [8, 9, 10])
        #expect(lines(found, "unused-suppression").isEmpty)
    }

    @Test func disableNextLineSilencesTheNextLineOnly() {
        let found = check("- one\n<!-- pm-disable-next-line timeline-format -->\n- two\n- three\n")
        #expect(lines(found, "timeline-format") == [8, 11])
        #expect(lines(found, "unused-suppression").isEmpty)
    }

    @Test func consecutiveDirectivesAllApplyToTheFirstOtherLine() {
        let found = check(
            "<!-- pm-disable-next-line timeline-format -->\n<!-- pm-disable-next-line timeline-order -->\n- a\n- 14:00 b\n- 13:00 c\n"
        )
        #expect(lines(found, "timeline-format").isEmpty)
        #expect(lines(found, "timeline-order") == [12])
        // timeline-order has nothing on line 10: that directive is unused, at its rule id.
        let unused = found.filter { $0.ruleID == "unused-suppression" }
        #expect(unused.map(\.range.start) == [SourcePosition(line: 9, column: 27)])
        #expect(unused.first?.severity == .warning)
        #expect(unused.first?.message.contains("timeline-order") == true)
    }

    @Test func oneDirectiveMayNameSeveralRules() {
        let found = check(
            "- 14:00 a\n<!-- pm-disable-next-line timeline-order, timeline-format -->\n- b\n- 13:00 c\n")
        #expect(lines(found, "timeline-format").isEmpty)
        #expect(lines(found, "timeline-order") == [11])
        #expect(found.filter { $0.ruleID == "unused-suppression" }.map(\.range.start) == [SourcePosition(line: 9, column: 27)])
    }

    @Test func disableAndEnableMakeARange() {
        let found = check(
            "- one\n<!-- pm-disable timeline-format -->\n- two\n- three\n<!-- pm-enable timeline-format -->\n- four\n")
        #expect(lines(found, "timeline-format") == [8, 13])
        #expect(lines(found, "unused-suppression").isEmpty)
    }

    @Test func aDisableWithoutEnableRunsToTheEnd() {
        let found = check("- one\n<!-- pm-disable timeline-format -->\n- two\n\n- three\n")
        #expect(lines(found, "timeline-format") == [8])
    }

    @Test func withoutARuleTheDirectivesMeanEveryRule() {
        let found = check("<!-- pm-disable -->\n- 14:00 a\n- 13:00 b\n- c\n<!-- pm-enable -->\n- d\n")
        #expect(lines(found, "timeline-format") == [13])
        #expect(lines(found, "timeline-order").isEmpty)
        #expect(lines(found, "unused-suppression").isEmpty)
        let next = check("- 14:00 a\n<!-- pm-disable-next-line -->\n- 13:00 b\n")
        #expect(lines(next, "timeline-order").isEmpty)
        #expect(lines(next, "unused-suppression").isEmpty)
    }

    @Test func enablingOneRuleInsideADisableAll() {
        let found = check("<!-- pm-disable -->\n- 14:00 a\n<!-- pm-enable timeline-format -->\n- 13:00 b\n- c\n")
        #expect(lines(found, "timeline-format") == [12])
        #expect(lines(found, "timeline-order").isEmpty)
    }

    @Test func inlineAndMultiLineComments() {
        let found = check(
            "- one <!-- pm-disable-next-line timeline-format -->\n- two\n<!--\npm-disable-next-line\ntimeline-format\n-->\n- three\n"
        )
        #expect(lines(found, "timeline-format") == [8])
        #expect(lines(found, "unused-suppression").isEmpty)
    }

    @Test func aDirectiveInAHeading() {
        let found = check("- 14:00 a\n### Later <!-- pm-disable-next-line timeline-order -->\n- 13:00 b\n")
        #expect(lines(found, "timeline-order").isEmpty)
        #expect(lines(found, "unused-suppression").isEmpty)
    }

    @Test func commentsInCodeAreNotDirectives() {
        let found = check(
            "```\n<!-- pm-disable timeline-format -->\n```\n- one\n- two `<!-- pm-disable-next-line timeline-format -->`\n- three\n"
        )
        #expect(lines(found, "timeline-format") == [11, 12, 13])
        #expect(lines(found, "unused-suppression").isEmpty)
    }

    @Test func unusedSuppressionsAreReported() {
        let found = check("- 14:00 a\n<!-- pm-disable timeline-order -->\n- 15:00 b\n<!-- pm-disable-next-line -->\n- 16:00 c\n")
        let unused = found.filter { $0.ruleID == "unused-suppression" }
        #expect(unused.map(\.range.start) == [SourcePosition(line: 9, column: 17), SourcePosition(line: 11, column: 6)])
        #expect(unused.allSatisfy { $0.severity == .warning && $0.suggestion != nil })
        #expect(unused.allSatisfy { $0.path == "postmortems/2026-11-20-x.md" })
    }

    @Test func suppressionsOfRulesThatDidNotRunAreNotJudged() {
        let timeline = "- 14:00 a\n<!-- pm-disable-next-line timeline-order -->\n- 15:00 b\n"
        #expect(lines(check(timeline, levels: ["timeline-order": "off"]), "unused-suppression").isEmpty)
        let placeholders = "- 14:00 a\n<!-- pm-disable-next-line no-placeholders -->\n- 15:00 TBD\n"
        #expect(lines(check(placeholders, status: "draft"), "unused-suppression").isEmpty)
        #expect(lines(check(placeholders, status: "published"), "no-placeholders").isEmpty)
        #expect(lines(check(placeholders, status: "published"), "unused-suppression").isEmpty)
        #expect(lines(check(timeline), "unused-suppression") == [9])
    }

    @Test func unusedSuppressionCanBeTurnedOffOrUp() {
        let timeline = "- 14:00 a\n<!-- pm-disable-next-line timeline-order -->\n- 15:00 b\n"
        #expect(lines(check(timeline, levels: ["unused-suppression": "off"]), "unused-suppression").isEmpty)
        let found = check(timeline, levels: ["unused-suppression": "error"])
        #expect(found.filter { $0.ruleID == "unused-suppression" }.map(\.severity) == [.error])
    }

    @Test func unknownRuleIDsAreReportedWithTheNearestOne() {
        let found = check("<!-- pm-disable-next-line timeline-fromat -->\n- 14:00 a\n<!-- pm-enable nonsense-rule-name -->\n")
        let unknown = found.filter { $0.ruleID == "unused-suppression" }
        #expect(unknown.map(\.range.start) == [SourcePosition(line: 8, column: 27), SourcePosition(line: 10, column: 16)])
        #expect(
            unknown.first?.message
                == "unknown rule id 'timeline-fromat' in 'pm-disable-next-line'; did you mean 'timeline-format'?")
        #expect(unknown.last?.message == "unknown rule id 'nonsense-rule-name' in 'pm-enable'")
        #expect(unknown.first?.range.end == SourcePosition(line: 8, column: 42))
    }

    @Test func directivesAreParsedWithPositions() {
        let postmortem = PostmortemParser.parse(
            "---\ntitle: x\n---\n<!-- pm-disable-next-line a,b  c -->\nText <!--pm-enable-->\n<!-- just a comment -->\n")
        let directives = SuppressionDirective.all(in: postmortem)
        #expect(directives.map(\.kind) == [.disableNextLine, .enable])
        #expect(directives.first?.rules.map(\.id) == ["a", "b", "c"])
        #expect(directives.first?.rules.map(\.range.start.column) == [27, 29, 32])
        #expect(directives.first?.keywordRange.start == SourcePosition(line: 4, column: 6))
        #expect(directives.last?.rules.isEmpty == true)
        #expect(directives.last?.keywordRange.start == SourcePosition(line: 5, column: 10))
        #expect(directives.last?.isBlock == false)
    }
}
