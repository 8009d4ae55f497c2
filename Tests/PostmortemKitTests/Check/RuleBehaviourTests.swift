import Foundation
import Testing

@testable import PostmortemKit

/// Cases the rules' own examples do not show: configuration, missing context, other forms.
@Suite struct RuleBehaviourTests {
    func violations(
        _ rule: any Rule.Type, _ text: String, path: String? = nil, configuration: Configuration = Configuration(),
        pathsByID: [String: [String]] = [:]
    ) -> [RuleViolation] {
        let postmortem = PostmortemParser.parse(text, path: path)
        let context = CheckContext(
            configuration: configuration, pathsByID: pathsByID, today: LocalDate(daysSinceEpoch: 0))
        return rule.init().check(postmortem, context: context)
    }

    @Test func requiredSectionsFollowTheConfiguration() {
        var configuration = Configuration()
        configuration.requiredSections = ["Overview", "Customer communication"]
        let text = "---\ntitle: x\n---\n## Summary\n## customer  communication:\n"
        #expect(violations(RequiredSectionsRule.self, text, configuration: configuration).isEmpty)
        let missing = violations(RequiredSectionsRule.self, "---\ntitle: x\n---\n## Summary\n", configuration: configuration)
        #expect(missing.map(\.message) == ["missing required section 'Customer communication'"])
        #expect(missing.first?.range.start == SourcePosition(line: 3, column: 1))
    }

    @Test func sectionsAreRequiredAtTheStartWithoutFrontMatter() {
        let found = violations(RequiredSectionsRule.self, "## Summary\n")
        #expect(found.count == 4)
        #expect(found.allSatisfy { $0.range.start == SourcePosition(line: 1, column: 1) })
    }

    @Test func anEmptyActionItemsSectionIsPointedAt() {
        let text = "---\ntitle: x\nstatus: published\n---\n## Summary\nText.\n## Action items\n<!-- none yet -->\n"
        let found = violations(ActionItemsPresentRule.self, text)
        #expect(found.map(\.range.start) == [SourcePosition(line: 7, column: 1)])
    }

    @Test func actionItemTablesAreChecked() {
        let text = """
            ---
            title: x
            date: 2026-11-20
            ---
            ## Action items
            | Action | Owner | Due |
            |--------|-------|-----|
            | Add an alert |  | 2026-11-01 |
            """
        #expect(violations(ActionItemOwnerRule.self, text).map(\.range.start.line) == [8])
        #expect(violations(ActionItemDueRule.self, text).map(\.range.start) == [SourcePosition(line: 8, column: 21)])
    }

    @Test func relatedExistsNeedsToKnowTheRepository() {
        let text = "---\ntitle: x\nrelated: [2026-01-01-gone]\n---\n"
        #expect(violations(RelatedExistsRule.self, text).isEmpty)
        #expect(violations(RelatedExistsRule.self, text, pathsByID: ["2026-01-01-here": ["p.md"]]).count == 1)
    }

    @Test func theFileNameIsOnlyCheckedWithAPath() {
        let text = "---\ntitle: x\ndate: 2026-11-20\n---\n"
        #expect(violations(IDMatchesFilenameRule.self, text).isEmpty)
        #expect(violations(IDMatchesFilenameRule.self, text, path: "postmortems/2026-11-20-anything-else.md").isEmpty)
        #expect(violations(IDMatchesFilenameRule.self, text, path: "postmortems/2026-11-20-x.txt").count == 1)
        #expect(violations(IDMatchesFilenameRule.self, text, path: "postmortems/2026-11-20-Upper.md").count == 1)
    }

    @Test func severitiesComeFromTheConfiguration() {
        var configuration = Configuration()
        configuration.severities = ["P1", "P2"]
        let text = "---\ntitle: x\ndate: 2026-11-20\nseverity: p2\nstatus: draft\n---\n"
        let found = violations(RequiredFieldsRule.self, text, configuration: configuration)
        #expect(
            found.map(\.message) == ["unknown severity 'p2'; use one of P1, P2 (pm.severities in .pmconfig); did you mean 'P2'?"])
        #expect(found.first?.range.start == SourcePosition(line: 4, column: 11))
        #expect(
            violations(RequiredFieldsRule.self, text.replacingOccurrences(of: "p2", with: "P2"), configuration: configuration)
                .isEmpty)
    }

    @Test func requiredFieldsLeaveAMissingFrontMatterToFrontMatter() {
        #expect(violations(RequiredFieldsRule.self, "## Summary\n").isEmpty)
        #expect(violations(FrontMatterRule.self, "## Summary\n").count == 1)
    }

    @Test func placeholdersInHeadingsAndTablesButNotInLinks() {
        let text = """
            ---
            title: x
            ---
            ## Impact TBD
            | What | How much |
            |------|----------|
            | Orders | [NUMBER] |

            See [the dashboard](https://example.com/{{id}}) and ![chart][CHART]. Ask [Insert name] or [DB].
            [DB]: https://example.com/db
            [CHART]: https://example.com/chart.png
            """
        let found = violations(NoPlaceholdersRule.self, text)
        #expect(
            found.map(\.range.start) == [
                SourcePosition(line: 4, column: 11), SourcePosition(line: 7, column: 12), SourcePosition(line: 9, column: 41),
                SourcePosition(line: 9, column: 74),
            ])
    }

    @Test func sentencesEndAtTerminatorsAndBlocks() {
        func starts(_ text: String) -> [Int] {
            let postmortem = PostmortemParser.parse("---\ntitle: x\n---\n## Summary\n\(text)\n")
            return (postmortem.section(.summary)?.blocks ?? []).flatMap(\.descendantsAndSelf)
                .filter { $0.paragraphLines != nil }.flatMap {
                    SummaryLengthRule.sentenceStarts(in: ProseText.of($0).first ?? ProseText(lines: []))
                }.map(\.column)
        }
        #expect(starts("One. Two? Three! Four.") == [1, 6, 11, 18])
        #expect(starts("Dr. Who met J. Smith at 3.5 s, i.e. quickly (really.) Then left.") == [1, 55])
        #expect(starts("Use `a. b. c.` now. Done") == [1, 21])
        #expect(starts("\"Quoted.\" Next.") == [1, 11])
    }
}
