import Foundation
import Testing

@testable import PostmortemKit

/// A full, realistic postmortem parsed end to end, and its JSON.
@Suite struct CompletePostmortemTests {
    static let document = """
        ---
        title: Checkout API returned 500s to 12% of requests
        date: 2026-11-20
        severity: SEV2
        status: draft            # draft | in-review | published
        services: [checkout-api, payments-db]
        tags: [database, failover]
        authors: [dana, lee]
        started: 2026-11-20T14:02:00Z
        detected: 2026-11-20T14:09:00Z
        acknowledged: 2026-11-20T14:11:00Z
        mitigated: 2026-11-20T15:05:00Z
        resolved: 2026-11-21T00:31:00Z
        related: [2026-10-02-payments-db-failover]
        x-team: payments
        ---

        ## Summary

        A planned failover of payments-db left the checkout API's connection pool pointing at the
        old primary. For 63 minutes 12% of checkout requests failed with HTTP 500.

        ## Impact

        - About 4,100 customers could not complete a purchase.
        - Estimated lost revenue: $38,000.

        ## Timeline

        <!-- All times UTC. -->
        - 14:02 payments-db primary fails over to the replica in zone b.
        - 14:09 — Alert: checkout error rate above 5%.
        - 14:11 The on-call engineer acknowledges the page.
        - 14:40 Connection pool identified as holding stale addresses; `kubectl rollout restart` started.
        - 15:05 Checkout pods restarted; error rate back to baseline.
        - 2026-11-21 00:15 Nightly reconciliation job finds 37 orders stuck in pending.
        - 00:31 Stuck orders replayed; incident resolved.

        ## Root cause

        The checkout API's connection pool resolved the database address once at start-up and
        cached it. The failover moved the primary; nothing told the pool to re-resolve.

        ## What went well

        - The error-rate alert fired within 7 minutes.

        ## What did not go well

        - The dashboard counted open connections, not successful queries.

        ## Where we got lucky

        - The failover happened outside the evening peak.

        ## Action items

        - [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-12-15 — ticket: OPS-142 — type: detect — priority: P1
        - [x] Roll back the pool-size change — owner: @lee — due: 2026-11-21 — type: mitigate
        - [ ] Re-resolve database addresses on failover | owner: @sam | due: 2027-01-31 | ticket: OPS-150 | type: prevent

        ## Lessons learned

        Failovers are only as good as every client's reconnect logic.
        """

    static let postmortem = PostmortemParser.parse(
        document, path: "postmortems/2026-11-20-checkout-api-returned-500s-to-12-of-requests.md")

    @Test func fieldsAndDurations() {
        let postmortem = Self.postmortem
        #expect(postmortem.errors.isEmpty)
        #expect(postmortem.id == "2026-11-20-checkout-api-returned-500s-to-12-of-requests")
        #expect(
            postmortem.postmortemID
                == PostmortemID.make(
                    date: LocalDate(year: 2026, month: 11, day: 20) ?? LocalDate(daysSinceEpoch: 0), title: postmortem.title ?? ""
                ))
        #expect(postmortem.title == "Checkout API returned 500s to 12% of requests")
        #expect(postmortem.status == .draft)
        #expect(postmortem.durations.timeToDetect == TimeInterval(7 * 60))
        #expect(postmortem.durations.timeToAcknowledge == TimeInterval(9 * 60))
        #expect(postmortem.durations.timeToMitigate == TimeInterval(63 * 60))
        #expect(postmortem.durations.timeToResolve == TimeInterval((10 * 60 + 29) * 60))
    }

    @Test func sections() {
        let sections = Self.postmortem.sections
        #expect(
            sections.map(\.title) == [
                "Summary", "Impact", "Timeline", "Root cause", "What went well", "What did not go well",
                "Where we got lucky", "Action items", "Lessons learned",
            ])
        #expect(
            sections.map(\.kind) == [
                .summary, .impact, .timeline, .rootCause, .whatWentWell, .whatDidNotGoWell, .whereWeGotLucky,
                .actionItems, .lessonsLearned,
            ])
        #expect(sections.allSatisfy { !$0.isEmpty })
        #expect(sections[0].line == 18)
        #expect(sections[0].text.hasPrefix("A planned failover of payments-db left"))
        #expect(!sections[2].text.contains("All times UTC"))
    }

    @Test func timelineResolvesAbsoluteTimestamps() {
        let timeline = Self.postmortem.timeline
        #expect(timeline.count == 7)
        #expect(timeline.allSatisfy { $0.beginsWithTime })
        #expect(
            timeline.map { $0.timestamp.map(Timestamp.iso8601) ?? "-" } == [
                "2026-11-20T14:02:00Z", "2026-11-20T14:09:00Z", "2026-11-20T14:11:00Z", "2026-11-20T14:40:00Z",
                "2026-11-20T15:05:00Z", "2026-11-21T00:15:00Z", "2026-11-21T00:31:00Z",
            ])
        #expect(timeline[1].text == "Alert: checkout error rate above 5%.")
        #expect(timeline[1].line == 32)
        #expect(timeline[5].timeText == "2026-11-21 00:15")
        #expect(timeline[6].text == "Stuck orders replayed; incident resolved.")
    }

    @Test func actionItemsWithAllFields() {
        let items = Self.postmortem.actionItems
        #expect(items.count == 3)
        #expect(items.map(\.number) == [1, 2, 3])
        #expect(items.map(\.isDone) == [false, true, false])
        #expect(
            items.map(\.action) == [
                "Alert on replication lag over 30 s", "Roll back the pool-size change",
                "Re-resolve database addresses on failover",
            ])
        #expect(items.map(\.owner) == ["dana", "lee", "sam"])
        #expect(items.map { $0.due?.description } == ["2026-12-15", "2026-11-21", "2027-01-31"])
        #expect(items.map(\.ticket) == ["OPS-142", nil, "OPS-150"])
        #expect(items.map(\.type) == [.detect, .mitigate, .prevent])
        #expect(items.map(\.priority) == ["P1", nil, nil])
        #expect(items.map(\.line) == [58, 59, 60])
        #expect(items[0].checkbox?.position == SourcePosition(line: 58, column: 3))
    }

    @Test func jsonHasEveryKey() throws {
        let data = Data(Self.postmortem.json.serialized().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "id", "path", "title", "displayTitle", "date", "severity", "status", "services", "tags", "authors", "related",
                "supersedes", "visibility", "timestamps", "frontMatter", "sections", "timeline", "actionItems",
                "durations", "errors",
            ])
        #expect(object["id"] as? String == "2026-11-20-checkout-api-returned-500s-to-12-of-requests")
        #expect(object["date"] as? String == "2026-11-20")
        #expect(object["status"] as? String == "draft")
        #expect(object["services"] as? [String] == ["checkout-api", "payments-db"])
        #expect(object["supersedes"] as? [String] == [])
        #expect(object["visibility"] is NSNull)
        let timestamps = try #require(object["timestamps"] as? [String: Any])
        #expect(timestamps["started"] as? String == "2026-11-20T14:02:00Z")
        #expect(timestamps["resolved"] as? String == "2026-11-21T00:31:00Z")
        let frontMatter = try #require(object["frontMatter"] as? [String: Any])
        #expect(frontMatter["x-team"] as? String == "payments")
        #expect(frontMatter["tags"] as? [String] == ["database", "failover"])
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(Set(sections[0].keys) == ["title", "kind", "line", "text", "isEmpty"])
        #expect(sections[3]["kind"] as? String == "root-cause")
        #expect(sections[0]["line"] as? Int == 18)
        #expect(sections[0]["isEmpty"] as? Bool == false)
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        #expect(Set(timeline[0].keys) == ["line", "time", "timestamp", "text"])
        #expect(timeline[5]["timestamp"] as? String == "2026-11-21T00:15:00Z")
        #expect(timeline[0]["time"] as? String == "14:02")
        let items = try #require(object["actionItems"] as? [[String: Any]])
        #expect(Set(items[0].keys) == ["number", "line", "done", "action", "owner", "due", "ticket", "type", "priority"])
        #expect(items[0]["owner"] as? String == "dana")
        #expect(items[0]["type"] as? String == "detect")
        #expect(items[1]["done"] as? Bool == true)
        #expect(items[1]["ticket"] is NSNull)
        let durations = try #require(object["durations"] as? [String: Any])
        #expect((durations["timeToDetect"] as? NSNumber)?.intValue == 420)
        #expect((durations["timeToMitigate"] as? NSNumber)?.intValue == 3780)
        #expect(object["errors"] as? [Any] != nil)
    }

    @Test func jsonNullsAndErrorsForASparseDocument() throws {
        let postmortem = PostmortemParser.parse("---\ntitle: x\ndate: 2026-02-30\n---\n## Timeline\n- no time\n")
        let data = Data(postmortem.json.serialized().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["path"] is NSNull)
        #expect(object["date"] is NSNull)
        #expect(object["severity"] is NSNull)
        let timestamps = try #require(object["timestamps"] as? [String: Any])
        #expect(timestamps.count == 5 && timestamps.values.allSatisfy { $0 is NSNull })
        let durations = try #require(object["durations"] as? [String: Any])
        #expect(durations.count == 4 && durations.values.allSatisfy { $0 is NSNull })
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        #expect(timeline[0]["time"] is NSNull && timeline[0]["timestamp"] is NSNull)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors[0]["line"] as? Int == 3)
        #expect(errors[0]["column"] as? Int == 7)
        #expect((errors[0]["message"] as? String)?.contains("February 2026 has 28 days") == true)
    }

    @Test func crlfBOMAndNoFinalNewlineParseIdentically() throws {
        let lf = Array(Self.document.utf8)
        let crlf = [0xEF, 0xBB, 0xBF] + Array(Self.document.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let a = PostmortemParser.parse(bytes: lf)
        let b = PostmortemParser.parse(bytes: crlf)
        let c = PostmortemParser.parse(bytes: lf + [0x0A])
        for other in [b, c] {
            #expect(other.frontMatter == a.frontMatter)
            #expect(other.sections == a.sections)
            #expect(other.timeline == a.timeline)
            #expect(other.actionItems == a.actionItems)
            #expect(other.errors == a.errors)
        }
        #expect(a.json.serialized() == b.json.serialized())
    }
}
