import Foundation
import Testing

@testable import PostmortemKit

/// Action items: task items with fields, tables, numbering and positions.
@Suite struct PostmortemActionItemTests {
    func items(_ body: String) -> Postmortem {
        PostmortemParser.parse("---\ntitle: x\ndate: 2026-11-20\n---\n## Action items\n\(body)")
    }

    @Test func allFieldsWithPositions() throws {
        let postmortem = items(
            "- [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-12-15 — ticket: OPS-142 — type: detect — priority: P1\n"
        )
        #expect(postmortem.errors.isEmpty)
        let item = try #require(postmortem.actionItems.first)
        #expect(item.number == 1)
        #expect(item.form == .taskList)
        #expect(!item.isDone)
        #expect(item.action == "Alert on replication lag over 30 s")
        #expect(item.owner == "dana")
        #expect(item.due == LocalDate(iso: "2026-12-15"))
        #expect(item.dueText == "2026-12-15")
        #expect(item.ticket == "OPS-142")
        #expect(item.type == .detect)
        #expect(item.typeText == "detect")
        #expect(item.priority == "P1")
        #expect(item.position == SourcePosition(line: 6, column: 1))
        #expect(item.checkbox?.position == SourcePosition(line: 6, column: 3))
        #expect(item.actionPosition == SourcePosition(line: 6, column: 7))
        #expect(item.field("owner")?.keyPosition == SourcePosition(line: 6, column: 46))
        #expect(item.field("owner")?.valueRange == SourceRange(line: 6, column: 53, length: 5))
        #expect(item.field("due")?.valuePosition == SourcePosition(line: 6, column: 68))
        #expect(item.fields.map(\.key) == ["owner", "due", "ticket", "type", "priority"])
    }

    @Test func everySeparatorWorks() {
        let postmortem = items(
            "- [x] One | owner: a | due: 2026-12-01\n- [X] Two; owner: b; due: 2026-12-02\n- [ ] Three – owner: c – due: 2026-12-03\n- [ ] Four - owner: d - due: 2026-12-04\n"
        )
        #expect(postmortem.actionItems.map(\.action) == ["One", "Two", "Three", "Four"])
        #expect(postmortem.actionItems.map(\.owner) == ["a", "b", "c", "d"])
        #expect(postmortem.actionItems.map { $0.due?.description } == ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"])
        #expect(postmortem.actionItems.map(\.isDone) == [true, true, false, false])
        #expect(postmortem.actionItems.map(\.number) == [1, 2, 3, 4])
    }

    @Test func separatorsInsideTheActionAreKept() {
        let postmortem = items(
            "- [ ] Add alert; tune threshold — see runbook `a | b` — owner: @dana — due: 2026-12-15\n")
        let item = postmortem.actionItems.first
        #expect(item?.action == "Add alert; tune threshold — see runbook `a | b`")
        #expect(item?.owner == "dana")
    }

    @Test func nonFieldPiecesAfterAFieldContinueIt() {
        let postmortem = items("- [ ] Fix — owner: dana — and lee — due: 2026-12-15\n")
        #expect(postmortem.actionItems.first?.owner == "dana — and lee")
        #expect(postmortem.actionItems.first?.due != nil)
    }

    @Test func keysAreCaseInsensitiveAndUnknownKeysAreKept() {
        let postmortem = items("- [ ] Note: check pool — Owner: @Dana — Due : 2026-12-15 — eta: soon\n")
        let item = postmortem.actionItems.first
        #expect(item?.action == "Note: check pool")
        #expect(item?.owner == "Dana")
        #expect(item?.due?.description == "2026-12-15")
        #expect(item?.field("eta")?.value == "soon")
        #expect(postmortem.errors.isEmpty)
    }

    @Test func missingFieldsAreNil() {
        let postmortem = items("- [ ] Just do it\n- [ ] owner: dana\n- [ ] Empty — owner: — due:\n")
        #expect(postmortem.errors.isEmpty)
        #expect(postmortem.actionItems.map(\.action) == ["Just do it", "", "Empty"])
        #expect(postmortem.actionItems.map(\.owner) == [nil, "dana", nil])
        #expect(postmortem.actionItems.allSatisfy { $0.due == nil && $0.dueText == nil })
    }

    @Test func unknownTypeIsKeptAsText() {
        let postmortem = items("- [ ] Fix — type: Cleanup\n- [ ] Fix — type: PREVENT\n")
        #expect(postmortem.actionItems.map(\.type) == [nil, .prevent])
        #expect(postmortem.actionItems.first?.typeText == "Cleanup")
        #expect(postmortem.errors.isEmpty)
    }

    @Test func wrappedItemsAndNestedLists() throws {
        let postmortem = items(
            "- [ ] Add a guardrail for\n  pool size changes — owner: @lee\n  — due: 2026-12-01\n  - a sub-note is not an item\n")
        #expect(postmortem.actionItems.count == 1)
        let item = try #require(postmortem.actionItems.first)
        #expect(item.action == "Add a guardrail for pool size changes")
        #expect(item.owner == "lee")
        #expect(item.field("due")?.valuePosition == SourcePosition(line: 8, column: 12))
    }

    @Test func plainListItemsCountWithoutACheckbox() {
        let postmortem = items("- Fix it — owner: a\n1. Other — owner: b\n")
        #expect(postmortem.actionItems.map(\.form) == [.listItem, .listItem])
        #expect(postmortem.actionItems.map(\.number) == [1, 2])
        #expect(postmortem.actionItems.allSatisfy { $0.checkbox == nil && !$0.isDone })
    }

    @Test func tableForm() throws {
        let postmortem = items(
            """
            - [ ] First — owner: a — due: 2026-12-01

            | Action | Owner | Due | Ticket | Status |
            |--------|-------|-----|--------|--------|
            | Add alert | @dana | 2026-12-15 | OPS-1 | open |
            | Roll back | lee | 2026-11-21 | | Done |
            | Clean up | | | | ✅ |
            | Close | x | 2026-12-40 | | closed |
            """)
        #expect(postmortem.actionItems.map(\.number) == [1, 2, 3, 4, 5])
        #expect(postmortem.actionItems.map(\.isDone) == [false, false, true, true, true])
        let row = postmortem.actionItems[1]
        #expect(row.form == .tableRow)
        #expect(row.action == "Add alert")
        #expect(row.owner == "dana")
        #expect(row.due?.description == "2026-12-15")
        #expect(row.ticket == "OPS-1")
        #expect(row.position == SourcePosition(line: 10, column: 1))
        #expect(row.field("owner")?.valueRange == SourceRange(line: 10, column: 15, length: 5))
        #expect(postmortem.actionItems[3].owner == nil)
        #expect(
            postmortem.errors.map(\.message) == [
                "invalid due date '2026-12-40' in action item 5: December 2026 has 31 days; write it as YYYY-MM-DD"
            ])
        #expect(postmortem.errors.first?.position == SourcePosition(line: 13, column: 15))
    }

    @Test func tableWithoutAnActionHeaderUsesTheFirstColumn() {
        let postmortem = items("| What to change | Who |\n|---|---|\n| Add alert | dana |\n")
        #expect(postmortem.actionItems.first?.action == "Add alert")
        #expect(postmortem.actionItems.first?.owner == "dana")
    }

    @Test func itemsInGuidanceCommentsAreIgnored() {
        let postmortem = items("<!--\n- [ ] Example — owner: @x — due: 2026-01-01\n-->\n")
        #expect(postmortem.actionItems.isEmpty)
    }
}
