import Foundation
import Testing

@testable import PostmortemKit

/// Front-matter fields, sections and identity of a parsed postmortem.
@Suite struct PostmortemParserTests {
    static let utc = TimeZone(identifier: "UTC") ?? .gmt

    @Test func typedFields() throws {
        let text = """
            ---
            title: "Checkout: 500s"
            date: 2026-11-20
            severity: SEV2
            status: in-review
            services: [checkout-api, payments-db]
            tags:
              - database
            authors: [dana]
            related: [2026-10-02-payments-db-failover]
            supersedes: []
            visibility: public
            started: 2026-11-20T14:02:00Z
            detected: 2026-11-20T16:09:00+02:00
            acknowledged: 2026-11-20 14:11
            mitigated: 2026-11-20T15:05:00.500Z
            resolved:
            custom-key: kept
            ---
            """
        let postmortem = PostmortemParser.parse(text, path: "postmortems/2026-11-20-checkout-500s.md")
        #expect(postmortem.errors.isEmpty)
        #expect(postmortem.title == "Checkout: 500s")
        #expect(postmortem.date == LocalDate(year: 2026, month: 11, day: 20))
        #expect(postmortem.severity == "SEV2")
        #expect(postmortem.status == .inReview)
        #expect(postmortem.services == ["checkout-api", "payments-db"])
        #expect(postmortem.tags == ["database"])
        #expect(postmortem.authors == ["dana"])
        #expect(postmortem.related == ["2026-10-02-payments-db-failover"])
        #expect(postmortem.supersedes == [])
        #expect(postmortem.visibility == "public")
        #expect(postmortem.started.map(Timestamp.iso8601) == "2026-11-20T14:02:00Z")
        #expect(postmortem.detected.map(Timestamp.iso8601) == "2026-11-20T14:09:00Z")
        #expect(postmortem.acknowledged.map(Timestamp.iso8601) == "2026-11-20T14:11:00Z")
        #expect(postmortem.mitigated?.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) == 0.5)
        #expect(postmortem.resolved == nil)
        #expect(postmortem.durations.timeToDetect == 420)
        #expect(postmortem.durations.timeToAcknowledge == 540)
        #expect(postmortem.durations.timeToResolve == nil)
        #expect(postmortem.frontMatter?.string("custom-key") == "kept")
        #expect(postmortem.position(ofField: "severity") == SourcePosition(line: 4, column: 11))
        #expect(postmortem.id == "2026-11-20-checkout-500s")
        #expect(postmortem.postmortemID?.slug == "checkout-500s")

        // Durations are derived, so they follow the timestamps instead of going stale.
        var edited = postmortem
        edited.resolved = edited.started.map { $0.addingTimeInterval(3600) }
        #expect(edited.durations.timeToResolve == 3600)
        #expect(postmortem.openActionItemCount == postmortem.actionItems.filter { !$0.isDone }.count)
    }

    @Test func extremeInstantsFormatWithoutOverflow() {
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 9.3e18)) == "9999-12-31T23:59:59Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: -9.3e18)) == "0001-01-01T00:00:00Z")
        #expect(LocalDate(Date(timeIntervalSince1970: 9.3e18), in: .gmt).description == "9999-12-31")
    }

    @Test func timestampsWithoutAZoneUseTheGivenZone() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let text = "---\nstarted: 2026-11-20T14:02:00\ndetected: 2026-07-01 14:02\nmitigated: 2026-11-20T14:02:00Z\n---\n"
        let postmortem = PostmortemParser.parse(text, timeZone: zone)
        #expect(postmortem.started.map(Timestamp.iso8601) == "2026-11-20T13:02:00Z")
        #expect(postmortem.detected.map(Timestamp.iso8601) == "2026-07-01T12:02:00Z")
        #expect(postmortem.mitigated.map(Timestamp.iso8601) == "2026-11-20T14:02:00Z")
    }

    @Test func timestampFormats() {
        let accepted = [
            "2026-11-20T14:02:00Z", "2026-11-20T14:02Z", "2026-11-20t14:02:00z", "2026-11-20T16:02:00+02:00",
            "2026-11-20T16:02:00+0200", "2026-11-20T16:02+02", "2026-11-20T09:02:00-05:00", "2026-11-20 14:02",
            "2026-11-20 14:02:00 UTC", "2026-11-20T14:02:00.000Z",
        ]
        for text in accepted {
            #expect(Timestamp.parse(text, timeZone: Self.utc).map(Timestamp.iso8601) == "2026-11-20T14:02:00Z", "\(text)")
        }
        for text in [
            "2026-11-20", "14:02", "2026-11-20T14", "2026-11-20T14:02:00 +02", "2026-11-20T24:00:00Z",
            "2026-11-20T14:02:00+25:00", "2026-11-20T14:02:00Zulu", "yesterday",
        ] {
            #expect(Timestamp.parse(text, timeZone: Self.utc) == nil, "\(text)")
        }
    }

    @Test func sectionsWithKindsAndAliases() throws {
        let text = """
            ---
            title: x
            ---
            # Checkout outage
            Preamble text.

            ## TL;DR
            Short.
            ## Overview:
            ## Contributing Factors
            ### Details
            Deep.
            ## What didn’t go well
            ## what went wrong
            ## Root causes
            ## Causes
            ## Where we got lucky
            ## Supporting information
            ## Lessons   Learned
            ## Follow-up
            ## Action Items
            <!-- only a comment -->

            <!--
            another
            -->
            """
        let postmortem = PostmortemParser.parse(text)
        #expect(postmortem.errors.isEmpty)
        #expect(postmortem.preamble.count == 2)
        #expect(
            postmortem.sections.map(\.kind) == [
                .summary, .summary, .rootCause, .whatDidNotGoWell, .whatDidNotGoWell, .rootCause, .rootCause,
                .whereWeGotLucky, .supportingInformation, .lessonsLearned, nil, .actionItems,
            ])
        #expect(postmortem.sections.map(\.isEmpty) == [false, true, false, true, true, true, true, true, true, true, true, true])
        let factors = postmortem.sections[2]
        #expect(factors.title == "Contributing Factors")
        #expect(factors.headingPosition == SourcePosition(line: 10, column: 1))
        #expect(factors.titleRange == SourceRange(line: 10, column: 4, length: 20))
        #expect(factors.text == "Details\nDeep.")
        #expect(factors.range.end == SourcePosition(line: 12, column: 6))
        #expect(postmortem.section(.summary)?.text == "Short.")
        #expect(postmortem.sections.last?.text == "")
    }

    @Test func sectionKindMatching() {
        #expect(SectionKind(heading: "  ROOT   CAUSE ") == .rootCause)
        #expect(SectionKind(heading: "What didn't go well") == .whatDidNotGoWell)
        #expect(SectionKind(heading: "What didn‘t go well") == .whatDidNotGoWell)
        #expect(SectionKind(heading: "tl;dr") == .summary)
        #expect(SectionKind(heading: "root-cause") == .rootCause)
        #expect(SectionKind(heading: "Timeline:") == .timeline)
        #expect(SectionKind(heading: "Detection") == .detection)
        #expect(SectionKind(heading: "Response") == .response)
        #expect(SectionKind(heading: "Impact") == .impact)
        #expect(SectionKind(heading: "What went well") == .whatWentWell)
        // Other templates' headings are aliases (pm import keeps a collection's wording); a phrase is not.
        #expect(SectionKind(heading: "Root cause analysis") == .rootCause)
        #expect(SectionKind(heading: "Customer Impact") == .impact)
        #expect(SectionKind(heading: "Next steps") == .actionItems)
        #expect(SectionKind(heading: "Root cause of the outage") == nil)
        #expect(SectionKind.allCases.allSatisfy { SectionKind(heading: $0.title) == $0 })
    }

    @Test func sectionIsEmptyOnlyWithCommentsAndWhitespace() {
        let empty = PostmortemParser.parse("---\n---\n## Impact\n\n<!-- fill in -->\n   \n")
        #expect(empty.sections.first?.isEmpty == true)
        let code = PostmortemParser.parse("---\n---\n## Impact\n```\n```\n")
        #expect(code.sections.first?.isEmpty == false)
        let inline = PostmortemParser.parse("---\n---\n## Impact\nText <!-- note -->\n")
        #expect(inline.sections.first?.isEmpty == false)
        #expect(inline.sections.first?.text == "Text")
    }

    @Test func headingsInsideQuotesDoNotStartSections() {
        let postmortem = PostmortemParser.parse("---\n---\n## Summary\n> ## Not a section\n- ## Nor this\n")
        #expect(postmortem.sections.count == 1)
    }

    @Test func identityFromPathOrFields() {
        #expect(PostmortemParser.parse("---\n---\n", path: "a/b/2026-11-20-x.md").id == "2026-11-20-x")
        #expect(PostmortemParser.parse("---\n---\n", path: "notes.md").postmortemID == nil)
        let derived = PostmortemParser.parse("---\ntitle: Zürich outage\ndate: 2026-11-20\n---\n")
        #expect(derived.id == "2026-11-20-zurich-outage")
        #expect(PostmortemParser.parse("---\n---\n").id == "")
    }

    @Test func emptyValuesAreMissingNotErrors() {
        let postmortem = PostmortemParser.parse("---\ntitle:\ndate:\nstatus:\nservices:\nstarted:\n---\n")
        #expect(postmortem.errors.isEmpty)
        #expect(postmortem.title == nil && postmortem.date == nil && postmortem.status == nil)
        #expect(postmortem.services == [])
    }

    @Test func binaryFilesStopAfterTheEncodingError() {
        let postmortem = PostmortemParser.parse(bytes: [0x2D, 0x2D, 0x2D, 0x0A, 0x00, 0x01], path: "x.md")
        #expect(postmortem.errors.count == 1)
        #expect(postmortem.errors.first?.description == "x.md:2:1: binary file: NUL byte found; pm reads UTF-8 text files only")
    }

    @Test func statusOrderAndRawValues() {
        #expect(Status.allCases.map(\.rawValue) == ["draft", "in-review", "published"])
        #expect(Status.draft < Status.inReview && Status.inReview < Status.published)
    }

    @Test func localDates() throws {
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2026-1-5") == nil)
        #expect(LocalDate(iso: " 2026-01-05") == nil)
        #expect(LocalDate(year: 2026, month: 4, day: 31) == nil)
        let date = try #require(LocalDate(iso: "2026-12-31"))
        #expect(date.adding(days: 1).description == "2027-01-01")
        #expect(LocalDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(LocalDate(daysSinceEpoch: date.daysSinceEpoch) == date)
        #expect(LocalDate(Date(timeIntervalSince1970: 1_795_118_400), in: Self.utc).description == "2026-11-19")
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        #expect(LocalDate(Date(timeIntervalSince1970: 1_795_118_400), in: tokyo).description == "2026-11-20")
        #expect(date.startOfDay(in: Self.utc).timeIntervalSince1970 == TimeInterval(date.daysSinceEpoch * 86_400))
        if case .failure(let problem) = LocalDate.parse("2025-02-29") {
            #expect(problem.reason == "February 2025 has 28 days")
        } else {
            Issue.record("2025-02-29 parsed")
        }
        let encoded = try JSONEncoder().encode([date])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"2026-12-31\"]")
        #expect(try JSONDecoder().decode([LocalDate].self, from: encoded) == [date])
    }
}

@Suite("Merge conflict markers")
struct ConflictMarkerTests {
    @Test("conflict markers are reported as such, with their line")
    func markers() {
        let text =
            "---\ntitle: x\n<<<<<<< HEAD\ndate: 2026-01-01\n=======\ndate: 2026-01-02\n>>>>>>> feature\n---\n\n## Summary\nText\n"
        let errors = PostmortemParser.parse(text, path: "p.md").errors.filter { $0.message.contains("merge conflict marker") }
        #expect(errors.map(\.position.line) == [3, 7])
        #expect(errors.allSatisfy { $0.position.column == 1 && $0.path == "p.md" })
    }

    @Test("a setext heading underline (=======) is not a conflict marker")
    func setextHeading() {
        let text = "---\ntitle: x\ndate: 2026-01-01\n---\n\nHeading\n=======\n"
        #expect(!PostmortemParser.parse(text).errors.contains { $0.message.contains("merge conflict") })
    }
}
