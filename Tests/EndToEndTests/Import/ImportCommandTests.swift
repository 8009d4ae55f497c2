import Foundation
import TestSupport
import Testing

/// `pm import` on a hand-written messy collection, its refusals and options, and `pm init` on a folder that already
/// holds Markdown.
@Suite("pm import and pm init on an existing collection")
struct ImportCommandTests {
    static let broken = """
        ---
        title: Broken front matter
        date: 2022-02-02
        tags: [dns, outage
        ---
        The front matter above never closes its list.

        """

    /// Mixed shapes, duplicate titles, non-ASCII titles, invalid front matter, TOML, a README, an asset folder, a
    /// postmortem already in pm's format, a sub-folder, and a file outside the postmortem folder.
    static func messyRepository() throws -> (TemporaryRepository, [String: [UInt8]]) {
        let repo = try Fixtures.repositoryWithCommit()
        let files: [String: String] = [
            "postmortems/9b2e4f8a-1c3d-4e5f-8a9b-0c1d2e3f4a5b.md": """
            ---
            uuid: 9b2e4f8a-1c3d-4e5f-8a9b-0c1d2e3f4a5b
            title: "DNS outage"
            keywords: [dns]
            start_time: 2021-01-01T08:00:00Z
            end_time: 2021-01-01T09:30:00Z
            summary: "Resolvers returned SERVFAIL for ninety minutes."
            ---
            A zone transfer failed and the resolvers served nothing for the zone. Engineers restored the
            previous zone file from backup and the resolvers recovered.

            """,
            "postmortems/dns-outage-again.md": """
            # DNS outage

            On January 1, 2021 the secondary resolvers failed too, for other reasons: their cache was flushed by
            a configuration push, and the primary could not serve the load alone.

            """,
            "postmortems/zurich.md": """
            ---
            title: Zürich café payment terminals offline
            date: 2023-05-06
            categories:
              - payments
              - retail
            ---
            ## Summary
            Terminals in the Zürich café could not reach the payment gateway for two hours on a Saturday.

            ## Impact
            About 300 payments were taken by hand.

            """,
            "postmortems/tokyo.md": """
            # 東京 region latency on 2024-07-08

            **Summary:** Requests routed to the 東京 region were slow after a network change.

            **Impact:** p99 latency tripled for customers in Japan for three hours.

            """,
            "postmortems/aero.md": """
            ---
            title: "Ærø ferry bookings failed"
            date: 2020-09-10 07:15:00 +0200
            layout: post
            ---

            Bookings for the Ærø ferry failed after the certificate of the booking API expired overnight.

            """,
            "postmortems/broken.md": broken,
            "postmortems/hugo.md": "+++\ntitle = \"Hugo page\"\ndate = 2020-01-01\n+++\nBody.\n",
            "postmortems/README.md": "# Our postmortems\n\nOne file per incident.\n",
            "postmortems/2020-02-02-already-in-pm.md": """
            ---
            title: Already in pm
            date: 2020-02-02
            severity: SEV3
            status: published
            ---

            ## Summary
            Nothing to convert.

            """,
            "postmortems/2019/old-outage.md": "# Old outage\n\nOn 2019-03-04 the old system failed for an hour.\n",
            "postmortems/images/diagram.md.png": "not really a PNG\n",
            "postmortems/assets/notes.txt": "asset\n",
            "docs/incidents/Billing run charged twice.md": """
            # Billing run charged twice

            On 2022-11-30 the billing run was started twice by the scheduler after a failover, and 1,200
            customers were charged twice until refunds went out the next morning.

            """,
        ]
        var bytes: [String: [UInt8]] = [:]
        for (path, text) in files {
            try repo.write(path, text)
            bytes[path] = Array(text.utf8)
        }
        try repo.write("postmortems/images/diagram.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])
        bytes["postmortems/images/diagram.png"] = [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]
        try repo.commitAll("Add the collection")
        return (repo, bytes)
    }

    @Test("a messy collection: each file imported or reported, the rest left alone byte for byte")
    func messyCollection() throws {
        let (repo, bytes) = try Self.messyRepository()
        let result = try repo.pm(["import", "postmortems", "docs/incidents"])
        #expect(result.status == 1, "\(result)")
        let moves = ImportTests.moves(result.stdout)
        #expect(
            moves == [
                "postmortems/9b2e4f8a-1c3d-4e5f-8a9b-0c1d2e3f4a5b.md": "postmortems/2021-01-01-dns-outage.md",
                "postmortems/dns-outage-again.md": "postmortems/2021-01-01-dns-outage-2.md",
                "postmortems/zurich.md": "postmortems/2023-05-06-zurich-cafe-payment-terminals-offline.md",
                "postmortems/tokyo.md": "postmortems/2024-07-08-dong-jing-region-latency.md",
                "postmortems/aero.md": "postmortems/2020-09-10-aero-ferry-bookings-failed.md",
                "postmortems/2019/old-outage.md": "postmortems/2019/2019-03-04-old-outage.md",
                "docs/incidents/Billing run charged twice.md": "postmortems/2022-11-30-billing-run-charged-twice.md",
            ], "\(result.stdout)")
        // The invalid front matter and the TOML are reported where they are, and not touched.
        #expect(
            result.stderr.contains(
                "postmortems/broken.md:4:7: error: front matter pm cannot read: unclosed flow list: add ']' at the end of the list"
            ) || result.stderr.contains("postmortems/broken.md:4:"), "\(result.stderr)")
        #expect(result.stderr.contains("postmortems/hugo.md:1:1: error: TOML front matter ('+++') is not supported"))
        #expect(result.stdout.contains("postmortems/README.md: left alone, a README, not a postmortem"))
        #expect(result.stderr.contains("Imported 7 files into postmortems/"))
        #expect(result.stderr.contains("1 file already in pm's format, left alone"))
        #expect(result.stderr.contains("2 files not imported (above)"))
        for path in [
            "postmortems/broken.md", "postmortems/hugo.md", "postmortems/README.md", "postmortems/2020-02-02-already-in-pm.md",
            "postmortems/images/diagram.png", "postmortems/images/diagram.md.png", "postmortems/assets/notes.txt",
        ] {
            let now = [UInt8](try Data(contentsOf: URL(fileURLWithPath: repo.root + "/" + path)))
            #expect(now == bytes[path], "\(path) changed")
        }
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
        // Every imported file: a rename in git's eyes, every line kept.
        // The short one is moved, unchanged, in a commit of its own first.
        #expect(result.stdout.contains("postmortems/2019/old-outage.md → postmortems/2019/2019-03-04-old-outage.md · "))
        #expect(result.stdout.split(separator: "\n").filter { $0.contains("moved unchanged") }.count == 1)
        #expect(
            try repo.git(["diff", "-M", "--name-status", "HEAD~2", "HEAD~1"]).lines == [
                "R100\tpostmortems/2019/old-outage.md\tpostmortems/2019/2019-03-04-old-outage.md"
            ])
        let changes = try repo.git(["diff", "-M", "--name-status", "HEAD~1", "HEAD"]).lines
        for (from, to) in moves {
            let expected = from.hasSuffix("old-outage.md") ? ["M\t\(to)"] : []
            #expect(
                changes.contains { $0.hasPrefix("R") && $0.hasSuffix("\t\(from)\t\(to)") }
                    || changes.contains(expected.first ?? "-"),
                "\(from): \(changes)")
            let history = try repo.git(["log", "--follow", "--format=%s", "--", to]).lines
            #expect(history.last == "Add the collection", "\(to): \(history)")
            let converted = try repo.read(to)
            let original = String(decoding: bytes[from] ?? [], as: UTF8.self)
            #expect(ImportTests.lostLines(original, in: converted) == [], "\(from)")
        }
        // Duplicate titles on the same day get -2; accents fold; a title in another script keeps its Latin words.
        let list = try repo.pm(["list"])
        #expect(list.stdout.contains("2021-01-01-dns-outage-2"))
        #expect(list.stdout.contains("Zürich café payment terminals offline"))
        #expect(list.stdout.contains("東京 region latency on 2024-07-08"))
        // pm check reads every imported file's front matter (what it still lacks is reported, not a parse error).
        let check = try repo.pm(["check"])
        let findings = (check.stdout + check.stderr).lines
        for to in moves.values {
            #expect(!findings.contains { $0.hasPrefix(to + ":") && $0.contains("[front-matter]") }, "\(to): \(findings)")
        }
        // The fixed file imports on the next run; the rest is left alone.
        try repo.write("postmortems/broken.md", Self.broken.replacingOccurrences(of: "[dns, outage", with: "[dns, outage]"))
        try repo.commitAll("Fix the front matter")
        let again = try repo.pm(["import"])
        #expect(again.status == 1, "\(again)")
        #expect(again.stdout.contains("postmortems/broken.md → postmortems/2022-02-02-broken-front-matter.md"))
        #expect(again.stderr.contains("Imported 1 file into postmortems/"), "\(again)")
        #expect(again.stderr.contains("8 files already in pm's format"), "\(again)")
    }

    @Test("files that are not committed, or have uncommitted changes, are refused and left as they are")
    func uncommittedFiles() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/committed.md", "# Committed outage\n\nOn 2021-02-03 it broke.\n")
        try repo.commitAll("Add one")
        try repo.write("postmortems/committed.md", "# Committed outage\n\nOn 2021-02-03 it broke. Edited.\n")
        try repo.write("postmortems/new.md", "# New outage\n\nOn 2021-02-04 it broke.\n")
        let result = try repo.pm(["import"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("postmortems/committed.md:1:1: error: has changes that are not committed"))
        #expect(result.stderr.contains("postmortems/new.md:1:1: error: is not committed: commit the collection as it is first"))
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "2")
        #expect(try repo.read("postmortems/new.md") == "# New outage\n\nOn 2021-02-04 it broke.\n")
    }

    @Test("--map, --status, --severity and .pmconfig's [import] section; a bad --map is a usage error naming it")
    func options() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(".pmconfig", "[pm]\n\tdirectory = incidents\n[import]\n\tmap = tags=labels\n\tseverity = SEV4\n")
        try repo.write(
            "incidents/queue.md", "---\ntitle: Queue backlog\nbegan: 2022-08-09T10:00:00Z\nlabels: [queue]\n---\nText.\n")
        try repo.write("incidents/cache.md", "---\ntitle: Cache outage\ndate: 2022-08-10\nseverity: SEV1\n---\nText.\n")
        try repo.commitAll("Add the collection")

        let bad = try repo.pm(["import", "--map", "begun=began"])
        #expect(bad.status == 64, "\(bad)")
        #expect(bad.stderr.contains("Invalid value 'begun=began' for '--map <pm-field=their-field>'"), "\(bad.stderr)")
        #expect(bad.stderr.contains("'begun' is not a field pm imports"))

        let result = try repo.pm(["import", "--map", "started=began", "--status", "in-review", "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"dryRun\" : false"))
        let queue = try repo.read("incidents/2022-08-09-queue-backlog.md")
        #expect(
            queue
                == "---\ntitle: Queue backlog\nstarted: 2022-08-09T10:00:00Z\ntags: [queue]\ndate: 2022-08-09\nseverity: SEV4\nstatus: in-review\n---\n## Summary\nText.\n"
        )
        #expect(try repo.read("incidents/2022-08-10-cache-outage.md").contains("severity: SEV1\nstatus: in-review\n"))

        try repo.write(".pmconfig", "[pm]\n\tdirectory = incidents\n[import]\n\tstatus = done\n")
        let config = try repo.pm(["import", "--dry-run"])
        #expect(config.status == 2, "\(config)")
        #expect(config.stderr.contains(".pmconfig:4: invalid value 'done' for import.status: use draft, in-review or published"))
        let severity = try repo.pm(["import", "--dry-run", "--status", "draft", "--severity", "P1"])
        #expect(severity.status == 64, "\(severity)")
        #expect(severity.stderr.contains("Unknown severity 'P1' for '--severity'"), "\(severity.stderr)")
    }

    @Test("paths outside the repository, and a missing postmortem folder, are clear errors")
    func paths() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let missing = try repo.pm(["import"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the postmortem folder postmortems/ does not exist"), "\(missing)")
        let outside = try repo.pm(["import", "../elsewhere"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("../elsewhere is outside the repository's working tree"), "\(outside)")
        let absent = try repo.pm(["import", "docs/none"])
        #expect(absent.status == 2)
        #expect(absent.stderr.contains("docs/none does not exist"), "\(absent)")
        try repo.write("notes.txt", "text\n")
        let notMarkdown = try repo.pm(["import", "notes.txt"])
        #expect(notMarkdown.status == 2)
        #expect(notMarkdown.stderr.contains("notes.txt is not a Markdown file"), "\(notMarkdown)")
    }

    @Test("pm init on a folder that holds a collection reports it, proposes pm import, and writes no README there")
    func initOnCollection() throws {
        let repo = try Fixtures.repositoryWithCommit()
        for file in ImportCollections.make(.uuid, count: 5) { try repo.write(file.path, bytes: file.bytes) }
        try repo.write("postmortems/plain.md", "# Plain\n\n**Impact:** none.\n")
        try repo.commitAll("Add the collection")
        let result = try repo.pm(["init", "--no-hooks"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("postmortems/ already holds 6 Markdown documents not in pm's format yet."))
        #expect(result.stdout.contains("front matter: categories (5, → tags), company (5), end_time (5, → resolved)"))
        #expect(result.stdout.contains("summary (5, → ## Summary)"))
        #expect(result.stdout.contains("1 without front matter"))
        #expect(result.stdout.contains("headings: **Impact:** (1)"))
        #expect(result.stdout.contains("See the plan with: pm import --dry-run"))
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).lines == [".pmconfig"])
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems/README.md"))

        let json = try repo.pm(["init", "--no-hooks", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["found"] as? [String: Any])?["documents"] as? Int == 6)
        #expect(object?["importCommand"] as? String == "pm import")

        #expect(try repo.pm(["import"]).status == 0)
        let after = try repo.pm(["init", "--no-hooks"])
        #expect(!after.stdout.contains("already holds"), "\(after)")
    }
}
