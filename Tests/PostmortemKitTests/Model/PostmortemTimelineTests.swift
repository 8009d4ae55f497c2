import Foundation
import Testing

@testable import PostmortemKit

/// Timeline entries: times, dates, zones, separators and positions.
@Suite struct PostmortemTimelineTests {
    func timeline(_ body: String, date: String = "2026-11-20", timeZone: TimeZone = .gmt) -> Postmortem {
        PostmortemParser.parse("---\ntitle: x\ndate: \(date)\n---\n## Timeline\n\(body)", timeZone: timeZone)
    }

    @Test func bareTimesTakeTheFrontMatterDateThenThePreviousEntry() {
        let postmortem = timeline(
            "- 23:50 Alert.\n- 2026-11-21 00:15 Failover.\n- 00:20 Recovered.\n- 2026-11-22T01:00:30 Closed.\n- 01:05 After.\n")
        #expect(postmortem.errors.isEmpty)
        #expect(
            postmortem.timeline.map { $0.timestamp.map(Timestamp.iso8601) } == [
                "2026-11-20T23:50:00Z", "2026-11-21T00:15:00Z", "2026-11-21T00:20:00Z", "2026-11-22T01:00:30Z",
                "2026-11-22T01:05:00Z",
            ])
        #expect(postmortem.timeline.map(\.hasExplicitDate) == [false, true, false, true, false])
        #expect(
            postmortem.timeline.map { $0.date?.description } == [
                "2026-11-20", "2026-11-21", "2026-11-21", "2026-11-22", "2026-11-22",
            ])
    }

    @Test func separatorsAndText() {
        let postmortem = timeline(
            "- 14:02 Plain.\n- 14:03 — Em dash.\n- 14:04 – En dash.\n- 14:05 - Hyphen.\n- 14:06: Colon.\n- 14:07 | Pipe.\n- 14:08:30 Seconds.\n- 9:05 Single digit.\n"
        )
        #expect(
            postmortem.timeline.map(\.text) == [
                "Plain.", "Em dash.", "En dash.", "Hyphen.", "Colon.", "Pipe.", "Seconds.", "Single digit.",
            ])
        #expect(
            postmortem.timeline.map(\.timeText) == ["14:02", "14:03", "14:04", "14:05", "14:06", "14:07", "14:08:30", "9:05"])
        #expect(postmortem.timeline.allSatisfy { $0.beginsWithTime })
    }

    @Test func zones() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let postmortem = timeline(
            "- 14:02 UTC Alert.\n- 14:03Z Paged.\n- 16:04 +02:00 Offset.\n- 09:05 -0500 Compact.\n- 15:06 Local.\n- 14:07 GMT Old name.\n",
            timeZone: berlin)
        #expect(
            postmortem.timeline.map { $0.timestamp.map(Timestamp.iso8601) } == [
                "2026-11-20T14:02:00Z", "2026-11-20T14:03:00Z", "2026-11-20T14:04:00Z", "2026-11-20T14:05:00Z",
                "2026-11-20T14:06:00Z", "2026-11-20T14:07:00Z",
            ])
        #expect(postmortem.timeline.map(\.text) == ["Alert.", "Paged.", "Offset.", "Compact.", "Local.", "Old name."])
        #expect(postmortem.timeline[2].timeText == "16:04 +02:00")
    }

    @Test func aNumberAfterTheTimeIsNotAZone() {
        let postmortem = timeline("- 14:02 -5 pods restarted.\n- 14:03 +15 nodes.\n")
        #expect(postmortem.timeline.map(\.timeText) == ["14:02", "14:03"])
        #expect(postmortem.timeline.map(\.text) == ["-5 pods restarted.", "+15 nodes."])
    }

    @Test func boldAndCodeTimes() {
        let postmortem = timeline("- **14:02** Alert.\n- `14:03` Paged.\n- **2026-11-21 00:15 UTC** — Late.\n")
        #expect(postmortem.timeline.map(\.timeText) == ["14:02", "14:03", "2026-11-21 00:15 UTC"])
        #expect(postmortem.timeline.map(\.text) == ["Alert.", "Paged.", "Late."])
        #expect(postmortem.timeline[0].timeRange == SourceRange(line: 6, column: 5, length: 5))
    }

    @Test func entriesWithoutATimeAreKeptAndMarked() {
        let postmortem = timeline("- Around two, alerts fired.\n- 2pm paged.\n- 14:02pm odd.\n- \n- 14:10 ok\n")
        #expect(postmortem.timeline.map(\.beginsWithTime) == [false, false, false, false, true])
        #expect(postmortem.timeline[0].text == "Around two, alerts fired.")
        #expect(postmortem.timeline[0].timeText == "")
        #expect(postmortem.timeline[0].timestamp == nil)
        #expect(postmortem.errors.isEmpty)
    }

    @Test func positions() throws {
        let postmortem = timeline("Intro paragraph.\n\n- 14:02 — First alert,\n  wrapped line.\n  - a nested detail\n")
        let entry = try #require(postmortem.timeline.first)
        #expect(postmortem.timeline.count == 1)
        #expect(entry.position == SourcePosition(line: 8, column: 1))
        #expect(entry.line == 8)
        #expect(entry.timeRange == SourceRange(line: 8, column: 3, length: 5))
        #expect(entry.textPosition == SourcePosition(line: 8, column: 13))
        #expect(entry.text == "First alert, wrapped line.")
        #expect(entry.range.end == SourcePosition(line: 10, column: 20))
    }

    @Test func tableRows() {
        let postmortem = timeline(
            "| Time (UTC) | Event | Who |\n|---|---|---|\n| 14:02 | Alert fires | pager |\n| 2026-11-21 00:10 | Late | |\n| soon | No time | |\n"
        )
        #expect(postmortem.timeline.count == 3)
        #expect(postmortem.timeline.map(\.text) == ["Alert fires | pager", "Late", "soon No time"])
        #expect(
            postmortem.timeline.map { $0.timestamp.map(Timestamp.iso8601) } == [
                "2026-11-20T14:02:00Z", "2026-11-21T00:10:00Z", nil,
            ])
        #expect(postmortem.timeline[0].textPosition == SourcePosition(line: 8, column: 11))
        #expect(postmortem.timeline[2].beginsWithTime == false)
    }

    @Test func withoutAnyDateThereIsNoTimestamp() {
        let postmortem = PostmortemParser.parse("---\ntitle: x\n---\n## Timeline\n- 14:02 Alert.\n")
        #expect(postmortem.timeline.first?.beginsWithTime == true)
        #expect(postmortem.timeline.first?.timestamp == nil)
        #expect(postmortem.errors.isEmpty)
    }

    @Test func impossibleTimesAreErrorsButStillEntries() {
        let postmortem = timeline("- 25:61 Impossible.\n- 14:02 Fine.\n")
        #expect(postmortem.timeline.count == 2)
        #expect(postmortem.timeline[0].beginsWithTime)
        #expect(postmortem.timeline[0].timestamp == nil)
        #expect(postmortem.timeline[1].timestamp != nil)
        #expect(postmortem.errors.map(\.position) == [SourcePosition(line: 6, column: 3)])
    }

    @Test func onlyTheTimelineSectionIsRead() {
        let postmortem = PostmortemParser.parse(
            "---\ndate: 2026-11-20\n---\n## Impact\n- 14:02 Not an entry.\n## Timeline\n- 14:03 Entry.\n")
        #expect(postmortem.timeline.map(\.text) == ["Entry."])
    }
}
