import Foundation
import TestSupport
import Testing

/// `pm import` after the first run: the findings baseline follows the files it moves, the commit messages say what
/// happened, names do not repeat a date, Jekyll fields merge the same way every time, and asset folders are left
/// alone. Through the built pm on real repositories.
@Suite("pm import keeps the baseline and names consistent")
struct ImportFollowUpTests {
    /// A document in pm's format but for its name, with an action item that has no owner: its findings survive the
    /// conversion, which changes only its path.
    static let checkout = """
        ---
        title: Checkout 500s
        date: 2022-02-14
        severity: SEV2
        status: draft
        ---
        ## Summary
        Checkout returned 500s for an hour after a deploy.

        ## Action items
        - [ ] Add a canary for checkout

        """

    @Test("the baseline's entries for an imported file move to its new path, in the import commit")
    func baselineFollowsImport() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/checkout.md", Self.checkout)
        try repo.commitAll("Our checkout report")
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        let recorded = try repo.read(".pm-baseline.json")
        #expect(recorded.contains("\"path\": \"postmortems/checkout.md\""), "\(recorded)")

        let imported = try repo.pm(["import"])
        #expect(imported.status == 0, "\(imported)")
        let target = "postmortems/2022-02-14-checkout-500s.md"
        #expect(imported.stdout.contains("postmortems/checkout.md → \(target)"), "\(imported)")
        #expect(try repo.git(["status", "--porcelain"]) == "")
        // One commit: the rename, and the baseline with it.
        #expect(
            try repo.git(["show", "--no-renames", "--name-only", "--format=", "HEAD"]).lines.sorted()
                == [".pm-baseline.json", target, "postmortems/checkout.md"].sorted())
        let baseline = try repo.git(["show", "HEAD:.pm-baseline.json"])
        #expect(baseline.contains("\"path\": \"\(target)\""), "\(baseline)")
        #expect(!baseline.contains("postmortems/checkout.md"), "\(baseline)")
        #expect(baseline.contains("action-item-owner"))
        let check = try repo.pm(["check", "--all"])
        #expect(check.status == 0, "\(check)")
        #expect(!check.stdout.contains("action-item-owner"), "\(check)")
        #expect(try repo.git(["log", "--follow", "--format=%s", "--", target]).lines.count == 2)
    }

    @Test("a file moved unchanged first takes its baseline entries in that commit; the message says rename")
    func baselineFollowsEarlyMove() throws {
        let repo = try Fixtures.repositoryWithCommit()
        // Long enough to be moved and converted in one commit.
        try repo.write("postmortems/db.md", "# DB down\n\nOn 2022-03-01 it broke.\n\n## Action items\n- [ ] Add a replica\n")
        // Too short: moved unchanged first.
        try repo.write("postmortems/cache.md", "# Cache down\n\nOn 2022-03-02 it broke.\n")
        try repo.commitAll("Two short notes")
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        let before = try repo.git(["rev-parse", "HEAD"]).trimmed

        let imported = try repo.pm(["import"])
        #expect(imported.status == 0, "\(imported)")
        #expect(try repo.git(["rev-list", "--count", "\(before)..HEAD"]).trimmed == "2", "\(imported)")
        let db = "postmortems/2022-03-01-db-down.md"
        let cache = "postmortems/2022-03-02-cache-down.md"
        let early = try repo.git(["show", "--no-renames", "--name-only", "--format=%s", "HEAD~1"]).lines
        #expect(early.first == "Rename 1 postmortem in postmortems/ before pm import converts it", "\(early)")
        #expect(early.contains(".pm-baseline.json"), "\(early)")
        let moved = try repo.git(["show", "HEAD~1:.pm-baseline.json"])
        #expect(moved.contains("\"path\": \"\(cache)\""), "\(moved)")
        #expect(!moved.contains("postmortems/cache.md") && moved.contains("postmortems/db.md"), "\(moved)")
        let last = try repo.git(["show", "HEAD:.pm-baseline.json"])
        #expect(last.contains("\"path\": \"\(db)\""), "\(last)")
        #expect(!last.contains("postmortems/db.md") && !last.contains("postmortems/cache.md"), "\(last)")
        let body = try repo.git(["log", "-1", "--format=%B", "HEAD"])
        #expect(body.contains("pm import converted 2 postmortems, 2 renamed;"), "\(body)")
        // The action item's findings are still accepted; what the conversion changed is reported.
        let check = try repo.pm(["check", "--all"])
        #expect(!check.stdout.contains("action-item-owner"), "\(check)")
    }

    @Test("files moved from outside the folder: the early commit says move into")
    func earlyMoveMessageFromOutside() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/.keep", "")
        try repo.write("notes/db.md", "# DB down\n\nOn 2022-03-01 it broke.\n")
        try repo.commitAll("A short note")
        let imported = try repo.pm(["import", "notes"])
        #expect(imported.status == 0, "\(imported)")
        #expect(
            try repo.git(["log", "-1", "--format=%s", "HEAD~1"]).trimmed
                == "Move 1 postmortem into postmortems/ before pm import converts it")
        #expect(try repo.git(["log", "-1", "--format=%B", "HEAD"]).contains("1 moved into postmortems/;"))
    }

    @Test("a baseline with uncommitted changes stops the import before any commit")
    func dirtyBaseline() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/checkout.md", Self.checkout)
        try repo.commitAll("Our checkout report")
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        let before = try repo.git(["rev-parse", "HEAD"]).trimmed
        try repo.write(".pm-baseline.json", try repo.read(".pm-baseline.json") + "\n")
        let imported = try repo.pm(["import"])
        #expect(imported.status != 0, "\(imported)")
        #expect(imported.stderr.contains(".pm-baseline.json has changes that are not committed"), "\(imported)")
        #expect(try repo.git(["rev-parse", "HEAD"]).trimmed == before)
        #expect(try repo.read("postmortems/checkout.md") == Self.checkout)
    }
}

extension ImportFollowUpTests {
    @Test("a title that writes the incident's date does not put it in the id twice; the title stays as written")
    func dateNotTwiceInID() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let titles = [
            "iso.md": "Incident report: checkout 500s 2022-02-14",
            "slashes.md": "2022/02/15 login errors",
            "long.md": "Search down on February 16, 2022 after a deploy",
            "short.md": "Queue backlog (17 Feb 2022)",
            "other.md": "Replay of the 2021-01-01 outage",
            "only.md": "2022-02-19",
        ]
        let dates = [
            "iso.md": "2022-02-14", "slashes.md": "2022-02-15", "long.md": "2022-02-16", "short.md": "2022-02-17",
            "other.md": "2022-02-18", "only.md": "2022-02-19",
        ]
        for (name, title) in titles {
            try repo.write(
                "postmortems/" + name,
                "---\ntitle: \"\(title)\"\ndate: \(dates[name]!)\nseverity: SEV2\nstatus: draft\n---\n## Summary\nIt broke for an hour, and then it was fixed by a rollback of the deploy.\n"
            )
        }
        try repo.commitAll("Reports with dates in their titles")
        let result = try repo.pm(["import"])
        #expect(result.status == 0, "\(result)")
        let moves = ImportTests.moves(result.stdout)
        #expect(moves["postmortems/iso.md"] == "postmortems/2022-02-14-incident-report-checkout-500s.md", "\(moves)")
        #expect(moves["postmortems/slashes.md"] == "postmortems/2022-02-15-login-errors.md", "\(moves)")
        #expect(moves["postmortems/long.md"] == "postmortems/2022-02-16-search-down-after-a-deploy.md", "\(moves)")
        #expect(moves["postmortems/short.md"] == "postmortems/2022-02-17-queue-backlog.md", "\(moves)")
        // Another day than the incident's is part of what the title says.
        #expect(moves["postmortems/other.md"] == "postmortems/2022-02-18-replay-of-the-2021-01-01-outage.md", "\(moves)")
        #expect(moves["postmortems/only.md"] == "postmortems/2022-02-19-2022-02-19.md", "\(moves)")
        #expect(
            try repo.read("postmortems/2022-02-14-incident-report-checkout-500s.md").contains(
                "title: \"Incident report: checkout 500s 2022-02-14\""))
    }
}

extension ImportFollowUpTests {
    @Test("categories and keywords merge into tags whether or not tags exists, in order, each item once")
    func categoriesMergeIntoTags() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            "postmortems/jekyll.md",
            "---\nlayout: post\ntitle: Checkout 500s\ndate: 2022-02-14 10:00:00 +0000\ntags: [checkout, sev2]\ncategories: [incidents, sev2]\n---\n\nCheckout failed for an hour after the deploy of the payment service.\n"
        )
        try repo.write(
            "postmortems/blocks.md",
            "---\ntitle: Search down\ndate: 2022-02-15\ntags:\n  - search\ncategories:\n  - incidents\n  - search\n---\n\nSearch failed for an hour after the deploy of the index service.\n"
        )
        try repo.write(
            "postmortems/export.md",
            "---\ntitle: Queue backlog\ndate: 2022-02-16\ncategories: [incidents]\nkeywords: [queue, incidents]\n---\n\nThe queue backed up for an hour after the deploy of the worker service.\n"
        )
        try repo.commitAll("Three shapes of tags")
        let result = try repo.pm(["import"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("categories merged into tags"), "\(result)")
        let jekyll = try repo.read("postmortems/2022-02-14-checkout-500s.md")
        #expect(jekyll.contains("tags: [checkout, sev2, incidents]\n"), "\(jekyll)")
        #expect(!jekyll.contains("categories"), "\(jekyll)")
        let blocks = try repo.read("postmortems/2022-02-15-search-down.md")
        #expect(blocks.contains("tags:\n  - search\n  - incidents\n"), "\(blocks)")
        #expect(!blocks.contains("categories"), "\(blocks)")
        let export = try repo.read("postmortems/2022-02-16-queue-backlog.md")
        #expect(export.contains("tags: [incidents, queue]\n"), "\(export)")
        let list = try repo.pm(["list", "--tag", "incidents"])
        #expect(list.stdout.components(separatedBy: "\n").filter { $0.contains("2022-02-1") }.count == 3, "\(list)")
    }

    @Test("Markdown in an asset folder of the collection is left alone and listed as such")
    func assetFolders() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/dns.md", "# DNS outage\n\nOn 2022-02-14 the resolvers failed for an hour after a push.\n")
        for folder in ["images", "assets", "img", "static", "attachments", "Images/diagrams"] {
            try repo.write("postmortems/\(folder)/notes.md", "# About these pictures\n\nTaken on 2022-02-14.\n")
        }
        try repo.commitAll("A report and notes about its pictures")
        let result = try repo.pm(["import"])
        #expect(result.status == 0, "\(result)")
        #expect(ImportTests.moves(result.stdout).keys.sorted() == ["postmortems/dns.md"], "\(result)")
        for folder in ["images", "assets", "img", "static", "attachments", "Images/diagrams"] {
            #expect(result.stdout.contains("postmortems/\(folder)/notes.md: left alone, in an asset folder"), "\(result)")
            #expect(try repo.read("postmortems/\(folder)/notes.md") == "# About these pictures\n\nTaken on 2022-02-14.\n")
        }
    }
}
