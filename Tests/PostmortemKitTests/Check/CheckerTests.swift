import Foundation
import Testing

@testable import PostmortemKit

/// The checker: severities from the configuration and the lifecycle, sorting, and the context.
@Suite struct CheckerTests {
    static let today = LocalDate(daysSinceEpoch: 20_000)

    func document(status: String?, body: String = "## Impact\n", path: String? = nil) -> Postmortem {
        let statusLine = status.map { "status: \($0)\n" } ?? ""
        return PostmortemParser.parse(
            "---\ntitle: Checkout API returned 500s\ndate: 2026-11-20\nseverity: SEV2\n\(statusLine)---\n\(body)",
            path: path)
    }

    func findings(
        _ postmortem: Postmortem, levels: [String: String] = [:], rules: [any Rule.Type] = RuleRegistry.all
    ) -> [Finding] {
        var configuration = Configuration()
        configuration.ruleLevels = levels
        let context = Checker.context(for: [postmortem], configuration: configuration, today: CheckerTests.today)
        return Checker(configuration: configuration, rules: rules).check(postmortem, context: context)
    }

    func severities(_ findings: [Finding], _ ruleID: String) -> [FindingSeverity] {
        findings.filter { $0.ruleID == ruleID }.map(\.severity)
    }

    @Test func contentRulesAreWarningsInDraftsAndErrorsFromInReview() {
        #expect(severities(findings(document(status: "draft")), "section-not-empty") == [.warning])
        #expect(severities(findings(document(status: nil)), "section-not-empty") == [.warning])
        #expect(severities(findings(document(status: "in-review")), "section-not-empty") == [.error])
        #expect(severities(findings(document(status: "published")), "section-not-empty") == [.error])
    }

    @Test func publishedOnlyRulesAreSkippedBelowPublished() {
        let body = "## Impact\nTBD\n"
        #expect(severities(findings(document(status: "draft", body: body)), "no-placeholders").isEmpty)
        #expect(severities(findings(document(status: "in-review", body: body)), "no-placeholders").isEmpty)
        #expect(severities(findings(document(status: "published", body: body)), "no-placeholders") == [.error])
        #expect(severities(findings(document(status: "draft", body: body)), "action-items-present").isEmpty)
        #expect(severities(findings(document(status: "published", body: body)), "action-items-present") == [.error])
    }

    @Test func structuralRulesAreErrorsInDrafts() {
        let postmortem = document(status: "draft", body: "## Timeline\n- lunch time\n")
        #expect(severities(findings(postmortem), "timeline-format") == [.error])
        #expect(severities(findings(postmortem), "required-sections").allSatisfy { $0 == .error })
    }

    @Test func configuredLevelsOverrideTheDefault() {
        let reviewed = document(status: "in-review")
        #expect(severities(findings(reviewed, levels: ["section-not-empty": "warning"]), "section-not-empty") == [.warning])
        #expect(severities(findings(reviewed, levels: ["section-not-empty": "off"]), "section-not-empty").isEmpty)
        let related = document(status: "draft", body: "## Impact\n")
        #expect(findings(related).allSatisfy { $0.ruleID != "related-exists" })
        let dangling = PostmortemParser.parse("---\ntitle: x\ndate: 2026-11-20\nrelated: [2026-01-01-gone]\n---\n")
        #expect(severities(findings(dangling), "related-exists") == [.warning])
        #expect(severities(findings(dangling, levels: ["related-exists": "error"]), "related-exists") == [.error])
    }

    @Test func belowItsLevelAConfiguredErrorIsStillAWarning() {
        let draft = document(status: "draft")
        #expect(severities(findings(draft, levels: ["section-not-empty": "error"]), "section-not-empty") == [.warning])
        #expect(severities(findings(draft, levels: ["section-not-empty": "off"]), "section-not-empty").isEmpty)
    }

    @Test func severityOfADescription() {
        var configuration = Configuration()
        configuration.ruleLevels = ["no-placeholders": "warning"]
        let checker = Checker(configuration: configuration)
        #expect(checker.severity(of: NoPlaceholdersRule.description, status: .published) == .warning)
        #expect(checker.severity(of: NoPlaceholdersRule.description, status: .inReview) == nil)
        #expect(checker.severity(of: SummaryLengthRule.description, status: nil) == .warning)
        #expect(checker.severity(of: SummaryLengthRule.description, status: .inReview) == .error)
        #expect(checker.severity(of: FrontMatterRule.description, status: .draft) == .error)
    }

    @Test func onlyTheGivenRulesRun() {
        let postmortem = document(status: "in-review", body: "## Timeline\n- lunch time\n")
        let found = findings(postmortem, rules: [TimelineFormatRule.self])
        #expect(found.map(\.ruleID) == ["timeline-format"])
        #expect(found.first?.position == SourcePosition(line: 8, column: 3))
        #expect(found.first?.suggestion != nil)
    }

    @Test func findingsAreSortedByPathLineColumnAndRule() {
        let first = document(status: "in-review", body: "## Timeline\n- lunch\n", path: "postmortems/b.md")
        let second = document(status: "in-review", body: "## Timeline\n- lunch\n", path: "postmortems/a.md")
        let configuration = Configuration()
        let context = Checker.context(for: [first, second], configuration: configuration, today: CheckerTests.today)
        let found = Checker(configuration: configuration).check([first, second], context: context)
        #expect(!found.isEmpty)
        let keys = found.map { ($0.path ?? "", $0.range.start.line, $0.range.start.column, $0.ruleID) }
        for (lhs, rhs) in zip(keys, keys.dropFirst()) {
            #expect(lhs <= rhs)
        }
        #expect(found.first?.path == "postmortems/a.md")
        #expect(found.last?.path == "postmortems/b.md")
    }

    @Test func theContextMapsIDsToPaths() {
        let one = PostmortemParser.parse("---\ntitle: x\n---\n", path: "postmortems/2026-11-20-db.md")
        let two = PostmortemParser.parse("---\ntitle: x\n---\n", path: "postmortems/old/2026-11-20-db.md")
        let three = PostmortemParser.parse("---\ntitle: Pathless\ndate: 2026-11-21\n---\n")
        let context = Checker.context(for: [two, one, three], configuration: Configuration(), today: CheckerTests.today)
        #expect(
            context.pathsByID == [
                "2026-11-20-db": ["postmortems/2026-11-20-db.md", "postmortems/old/2026-11-20-db.md"],
                "2026-11-21-pathless": ["2026-11-21-pathless"],
            ])
        #expect(context.today == CheckerTests.today)
        let found = Checker(configuration: Configuration()).check([one, two], context: context)
        #expect(found.filter { $0.ruleID == "unique-id" }.compactMap(\.path) == [one.path, two.path].compactMap { $0 })
    }

    @Test func findingsCarryThePathAndRange() {
        let postmortem = document(status: "in-review", body: "## Impact\n", path: "postmortems/2026-11-20-x.md")
        let found = findings(postmortem).filter { $0.ruleID == "section-not-empty" }
        #expect(found.count == 1)
        #expect(found.first?.path == "postmortems/2026-11-20-x.md")
        #expect(found.first?.range.start == SourcePosition(line: 7, column: 1))
        #expect(found.first?.message == "section 'Impact' is empty")
    }

    @Test func documentErrorsAreFoundOnceEach() {
        let text =
            "---\ntitle: x\ndate: 2026-13-01\nstatus: in-review\n---\n## Timeline\n- 25:00 a\n## Action items\n- [ ] b — owner: @c — due: soon\n"
        let postmortem = PostmortemParser.parse(text)
        let found = findings(postmortem)
        let fromErrors = found.filter {
            ["front-matter", "required-fields", "timeline-format", "action-item-due"].contains($0.ruleID)
        }
        for error in postmortem.errors {
            #expect(
                fromErrors.filter { $0.position == error.position && $0.message == error.message }.count == 1,
                "\(error) is not reported exactly once")
        }
        #expect(found.contains { $0.ruleID == "required-fields" && $0.position == SourcePosition(line: 3, column: 7) })
        #expect(found.contains { $0.ruleID == "timeline-format" && $0.position == SourcePosition(line: 7, column: 3) })
        #expect(found.contains { $0.ruleID == "action-item-due" && $0.position == SourcePosition(line: 9, column: 32) })
        #expect(!found.contains { $0.ruleID == "front-matter" })
    }
}
