import Foundation
import Testing

@testable import PostmortemKit

/// One file of a collection converted to pm's format: what changes, what is kept byte for byte, and what is refused.
@Suite struct ImportConverterTests {
    static func options(
        _ config: String = "", status: Status? = nil, severity: String? = nil, mappings: [FieldMapping] = []
    ) throws -> ImportOptions {
        try ImportOptions(
            configuration: try Configuration.parse(config), status: status, severity: severity, mappings: mappings)
    }

    static func convert(
        _ text: String, path: String = "postmortems/incident.md", options: ImportOptions? = nil,
        firstCommit: (date: LocalDate, commit: String)? = nil
    ) throws -> Result<ImportConversion, ImportProblem> {
        ImportConverter(options: try options ?? Self.options()).convert(path: path, bytes: Array(text.utf8)) { firstCommit }
    }

    static func converted(
        _ text: String, path: String = "postmortems/incident.md", options: ImportOptions? = nil,
        firstCommit: (date: LocalDate, commit: String)? = nil
    ) throws -> (text: String, conversion: ImportConversion) {
        let conversion = try convert(text, path: path, options: options, firstCommit: firstCommit).get()
        return (String(decoding: conversion.bytes, as: UTF8.self), conversion)
    }

    @Test("a UUID-named export: fields renamed in place, the summary moved to its section, the rest kept as written")
    func uuidShape() throws {
        let original = """
            ---
            uuid: 3f2c1a9e-0b7d-4c1e-9a55-2d4f9b1c7e10
            url: https://example.com/s3
            title: "Amazon S3 outage in us-east-1"
            categories: [cloud, storage]
            keywords:
              - s3
              - typo
            company: Amazon
            product: S3
            start_time: 2017-02-28T17:37:00Z
            end_time: 2017-02-28T21:54:00Z
            summary: "A command meant to remove a few servers removed more: 'one input was wrong'."
            source_fetched_at: 2023-01-04T10:00:00Z   # when the page was read
            ---
            The S3 team was debugging the billing system.

            At 9:37AM PST, a team member ran a playbook command.

            """
        let (text, conversion) = try Self.converted(original)
        #expect(
            text == """
                ---
                uuid: 3f2c1a9e-0b7d-4c1e-9a55-2d4f9b1c7e10
                url: https://example.com/s3
                title: "Amazon S3 outage in us-east-1"
                tags: [cloud, storage, s3, typo]
                company: Amazon
                services: [S3]
                started: 2017-02-28T17:37:00Z
                resolved: 2017-02-28T21:54:00Z
                source_fetched_at: 2023-01-04T10:00:00Z   # when the page was read
                date: 2017-02-28
                status: draft
                ---
                ## Summary
                A command meant to remove a few servers removed more: 'one input was wrong'.

                The S3 team was debugging the billing system.

                At 9:37AM PST, a team member ran a playbook command.

                """)
        #expect(conversion.date == LocalDate(iso: "2017-02-28"))
        #expect(conversion.dateSource == .timestamp("start_time"))
        #expect(conversion.title == "Amazon S3 outage in us-east-1")
        #expect(
            conversion.mapped == [
                "product → services", "categories + keywords → tags", "start_time → started", "end_time → resolved",
                "summary → ## Summary",
            ])
        #expect(conversion.added == ["date", "status: draft"])
        #expect(conversion.missing == ["severity"])
        let postmortem = PostmortemParser.parse(bytes: conversion.bytes, path: "postmortems/2017-02-28-x.md")
        #expect(postmortem.errors.isEmpty)
        #expect(postmortem.services == ["S3"])
        #expect(postmortem.section(.summary) != nil)
        #expect(postmortem.durations.timeToResolve == TimeInterval(4 * 3600 + 17 * 60))
    }

    @Test(
        "values written over several lines (a YAML library's wrapping, block scalars) are read; a wrapped summary keeps its lines"
    )
    func multiLineValues() throws {
        let (text, conversion) = try Self.converted(
            """
            ---
            title: Amazon S3 Service Disruption in the Northern Virginia (US-EAST-1) Region
            categories:
            - cloud
            keywords:
            - s3
            start_time: 2017-02-28 17:37:00+00:00
            summary: The Amazon Simple Storage Service (S3) team was debugging an issue causing
              the S3 billing system to progress more slowly than expected.
            description: >-
              A folded
              description.

              Second paragraph.
            quoted: "a quoted value
              that continues"
            ---
            We'd like to give you some additional information about the service disruption.

            """)
        #expect(
            text == """
                ---
                title: Amazon S3 Service Disruption in the Northern Virginia (US-EAST-1) Region
                tags:
                - cloud
                - s3
                started: 2017-02-28 17:37:00+00:00
                description: "A folded description.\\nSecond paragraph."
                quoted: "a quoted value that continues"
                date: 2017-02-28
                status: draft
                ---
                ## Summary
                The Amazon Simple Storage Service (S3) team was debugging an issue causing
                  the S3 billing system to progress more slowly than expected.

                We'd like to give you some additional information about the service disruption.

                """)
        #expect(
            conversion.notes == [
                "description: its value, written over several lines, now on one",
                "quoted: its value, written over several lines, now on one",
            ])
        let parsed = PostmortemParser.parse(bytes: conversion.bytes)
        #expect(parsed.tags == ["cloud", "s3"])
        #expect(parsed.frontMatter?.string("description") == "A folded description.\nSecond paragraph.")
    }

    @Test("a Jekyll post: the timestamp in date is kept as original-date, its day becomes the date")
    func jekyllDate() throws {
        let (text, conversion) = try Self.converted(
            """
            ---
            layout: post
            title: Database failover left the pool on the old primary
            date: 2021-03-04 23:22:00 -0800
            tags: [database]
            categories: [incidents]
            ---

            ## What happened
            The pool kept the old primary.

            """)
        #expect(
            text.hasPrefix(
                """
                ---
                layout: post
                title: Database failover left the pool on the old primary
                original-date: 2021-03-04 23:22:00 -0800
                tags: [database, incidents]
                date: 2021-03-04
                status: draft
                ---

                ## What happened
                """))
        #expect(conversion.dateSource == .timestamp("date"))
    }

    @Test("bold labels become sections: a label alone on its line is replaced, one that opens a paragraph gets a heading")
    func boldLabels() throws {
        let (text, conversion) = try Self.converted(
            """
            # Checkout outage

            **Date:** 2024-05-06 · **Authors:** dana

            **Impact:** 12% of checkout requests failed.

            **Root cause**
            The pool cached the old primary's address.

            __Action items__:
            - [ ] Alert on lag — owner: @dana — due: 2024-06-01

            **Impact** was limited to one region.

            """)
        #expect(
            text == """
                ---
                title: Checkout outage
                date: 2024-05-06
                status: draft
                ---
                # Checkout outage

                ## Summary
                **Date:** 2024-05-06 · **Authors:** dana

                ## Impact
                **Impact:** 12% of checkout requests failed.

                ## Root cause
                The pool cached the old primary's address.

                ## Action items
                - [ ] Alert on lag — owner: @dana — due: 2024-06-01

                **Impact** was limited to one region.

                """)
        #expect(conversion.dateSource == .text(line: 3))
        #expect(
            conversion.mapped == [
                "**Impact:** → ## Impact (line 5)", "**Root cause** → ## Root cause (line 7)",
                "__Action items__: → ## Action items (line 10)", "prose before the first section → ## Summary",
            ])
        let postmortem = PostmortemParser.parse(bytes: conversion.bytes)
        #expect(postmortem.sections.compactMap(\.kind) == [.summary, .impact, .rootCause, .actionItems])
        #expect(postmortem.actionItems.count == 1)
    }

    @Test("headings of other levels that name a section become ## sections; the title heading stays")
    func headingLevels() throws {
        let (text, _) = try Self.converted(
            """
            # Cache stampede on 2025-01-09
            # Executive Summary
            Caches expired together.
            ### Root Cause:
            One TTL for every key.

            Timeline of events
            ==================
            - 10:00 Expiry.
            #### Notes
            Kept.

            """)
        #expect(
            text == """
                ---
                title: Cache stampede on 2025-01-09
                date: 2025-01-09
                status: draft
                ---
                # Cache stampede on 2025-01-09
                ## Executive Summary
                Caches expired together.
                ## Root Cause:
                One TTL for every key.

                ## Timeline of events
                - 10:00 Expiry.
                #### Notes
                Kept.

                """)
    }

    @Test("the date comes from the title, then the first paragraph, the file name, then the first commit")
    func dateSources() throws {
        #expect(try Self.converted("# Outage of March 3rd, 2022\n\nText on 2020-01-01.\n").conversion.dateSource == .title)
        #expect(try Self.converted("# Outage\n\nOn 5 Sept 2022 at noon.\n").conversion.date == LocalDate(iso: "2022-09-05"))
        let named = try Self.converted("# Outage\n\nNo date here.\n", path: "_posts/2019-07-08-outage.md").conversion
        #expect(named.dateSource == .fileName)
        #expect(named.date == LocalDate(iso: "2019-07-08"))
        let committed = try Self.converted(
            "# Outage\n\nNo date here.\n", firstCommit: (LocalDate(iso: "2018-02-03") ?? LocalDate(daysSinceEpoch: 0), "abc1234")
        ).conversion
        #expect(committed.dateSource == .firstCommit("abc1234"))
        #expect(committed.dateSource.description == "the commit that added the file (abc1234)")
        guard case .failure(let problem) = try Self.convert("# Outage\n\nNo date here.\n") else {
            Issue.record("a file without any date was converted")
            return
        }
        #expect(problem.message.hasPrefix("no incident date found"))
        // An impossible date is no date.
        #expect(try Self.converted("# Outage on 2022-02-30\n", path: "x/2021-01-02-a.md").conversion.dateSource == .fileName)
    }

    @Test("the summary field goes to the top of a Summary section the document has; its escapes read as text")
    func summaryIntoExistingSection() throws {
        let (text, _) = try Self.converted(
            """
            ---
            title: Pool exhaustion
            date: 2022-10-11
            summary: "The pool ran dry.\\nIt was \\"sized\\" for last year."
            ---
            Intro kept where it is.

            Summary
            -------
            Existing text.

            """)
        #expect(
            text == """
                ---
                title: Pool exhaustion
                date: 2022-10-11
                status: draft
                ---
                Intro kept where it is.

                Summary
                -------
                The pool ran dry.
                It was "sized" for last year.

                Existing text.

                """)
    }

    @Test("an empty file gets front matter from its name and first commit")
    func emptyFile() throws {
        let (text, conversion) = try Self.converted(
            "", path: "notes/db_outage.md", firstCommit: (LocalDate(iso: "2020-05-06") ?? LocalDate(daysSinceEpoch: 0), "1234567")
        )
        #expect(text == "---\ntitle: db outage\ndate: 2020-05-06\nstatus: draft\n---\n")
        #expect(conversion.added == ["title (from the file name)", "date", "status: draft"])
    }

    @Test("CRLF line endings, a byte-order mark and a missing final newline are kept")
    func lineEndings() throws {
        let original: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("# Outage\r\n\r\nOn 2022-03-03 it broke.\r\n\r\n## Impact\r\nAll.".utf8)
        let conversion = try ImportConverter(options: try Self.options()).convert(
            path: "postmortems/x.md", bytes: original
        ) { nil }.get()
        let expected: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array(
                "---\r\ntitle: Outage\r\ndate: 2022-03-03\r\nstatus: draft\r\n---\r\n# Outage\r\n\r\n## Summary\r\nOn 2022-03-03 it broke.\r\n\r\n## Impact\r\nAll."
                    .utf8)
        #expect(conversion.bytes == expected)
    }

    @Test("pm's own fields with values pm cannot read are set aside as original-<key>; lists from single values")
    func unreadableOwnFields() throws {
        let (text, conversion) = try Self.converted(
            """
            ---
            title: Queue backlog
            date: 2023-04-05
            status: resolved
            tags: queue
            started: yesterday
            original-started: taken
            severity: high
            ---
            Text.

            """)
        #expect(
            text.hasPrefix(
                """
                ---
                title: Queue backlog
                date: 2023-04-05
                original-status: resolved
                tags: [queue]
                original-started-2: yesterday
                original-started: taken
                severity: high
                status: draft
                ---
                """))
        #expect(conversion.notes.contains("status kept as original-status: not draft, in-review or published"))
        #expect(conversion.notes.contains { $0.hasPrefix("severity 'high' is not one of pm.severities") })
    }

    @Test("--map and import.map name the collection's fields; the built-in names give way to a mapping")
    func mappings() throws {
        let mapped = try Self.options(
            "[import]\n\tmap = tags=labels\n\tstatus = in-review\n\tseverity = SEV3\n",
            mappings: [try FieldMapping.parse("started=began").get(), try FieldMapping.parse("severity=sev").get()])
        let (text, conversion) = try Self.converted(
            """
            ---
            title: Mapped
            began: 2023-01-02T03:04:05Z
            labels: [a]
            categories: [b]
            sev: SEV1
            ---

            """, options: mapped)
        #expect(
            text == """
                ---
                title: Mapped
                started: 2023-01-02T03:04:05Z
                tags: [a, b]
                severity: SEV1
                date: 2023-01-02
                status: in-review
                ---

                """)
        #expect(conversion.mapped.contains("labels + categories → tags"))
        #expect(throws: ConfigurationError.self) { try Self.options("[import]\n\tstatus = done\n") }
        #expect(throws: ConfigurationError.self) { try Self.options("[import]\n\tseverity = P1\n") }
        #expect(throws: ConfigurationError.self) { try Self.options("[import]\n\tmap = started\n") }
    }

    @Test("a --map that cannot be used says why")
    func mappingProblems() {
        func reason(_ text: String) -> String? {
            if case .failure(let problem) = FieldMapping.parse(text) { return problem.reason }
            return nil
        }
        #expect(reason("started=start_at") == nil)
        #expect(reason("started") == "write it as pm-field=their-field")
        #expect(reason("begun=start_at")?.hasPrefix("'begun' is not a field pm imports") == true)
        #expect(reason("started=") == "'' is not a front-matter key (letters, digits, '-' and '_')")
        #expect(reason("tags=services") == "'services' is a field of pm's own; map one of the collection's fields")
    }

    @Test("TOML and front matter pm cannot read are refused with their position; the file is not touched")
    func refusals() throws {
        guard case .failure(let toml) = try Self.convert("+++\ntitle = \"Hugo\"\n+++\nBody\n") else {
            Issue.record("TOML was converted")
            return
        }
        #expect(toml.line == 1)
        #expect(toml.message.contains("hugo convert toYAML"))
        guard case .failure(let yaml) = try Self.convert("---\ntitle: ok\nowner:\n  name: dana\n---\n") else {
            Issue.record("a nested map was converted")
            return
        }
        #expect(yaml.line == 4)
        #expect(yaml.message.hasPrefix("front matter pm cannot read"), "\(yaml)")
        guard case .failure(let late) = try Self.convert("\n---\ntitle: x\n---\n") else {
            Issue.record("front matter after a blank line was converted")
            return
        }
        #expect(late.line == 2)
    }

    @Test("a conversion that would lose words is refused: a comment on a list merged into another")
    func selfCheckRefusesLoss() throws {
        guard
            case .failure(let problem) = try Self.convert(
                "---\ntitle: Lossy\ndate: 2020-01-01\ncategories: [a] # from the old wiki\nkeywords: [b]\n---\n")
        else {
            Issue.record("a lossy conversion was accepted")
            return
        }
        #expect(problem.message.hasPrefix("pm import would lose text converting this file"))
        #expect(problem.message.contains("'old'"))
    }

    @Test("already a pm postmortem: front matter pm reads, title, date, status, and a name that starts with the date")
    func recognisesPostmortems() {
        let text = Array("---\ntitle: A\ndate: 2026-01-02\nstatus: draft\n---\n".utf8)
        #expect(ImportConverter.isPostmortem(path: "postmortems/2026-01-02-a.md", bytes: text, timeZone: .gmt))
        #expect(!ImportConverter.isPostmortem(path: "postmortems/2026-01-03-a.md", bytes: text, timeZone: .gmt))
        #expect(!ImportConverter.isPostmortem(path: "postmortems/a.md", bytes: text, timeZone: .gmt))
        let withoutStatus = Array("---\ntitle: A\ndate: 2026-01-02\n---\n".utf8)
        #expect(!ImportConverter.isPostmortem(path: "postmortems/2026-01-02-a.md", bytes: withoutStatus, timeZone: .gmt))
    }

    @Test(
        "dates written in text",
        arguments: [
            ("on 2026-11-20 at noon", "2026-11-20"), ("2026/1/5", "2026-01-05"), ("November 20, 2026", "2026-11-20"),
            ("Nov 20th 2026", "2026-11-20"), ("20 nov. 2026", "2026-11-20"), ("3rd March 2021 then 2020-01-01", "2021-03-03"),
            ("2026-02-30", nil), ("12026-01-01", nil), ("Smarch 3, 2020", nil), ("version 2026-11-20x", "2026-11-20"),
        ])
    func dates(text: String, expected: String?) {
        #expect(DateFinder.firstDate(in: text)?.description == expected)
    }
}
