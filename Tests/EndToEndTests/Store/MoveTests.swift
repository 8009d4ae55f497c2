import Foundation
import TestSupport
import Testing

/// `pm mv`, and moves made by hand with `git mv` or `mv` then committed by `pm edit`: one commit that git itself
/// sees as a rename, so `git log --follow` and `pm log` keep the history.
@Suite("Renaming postmortems")
struct MoveTests {
    private static let checkout = "2026-11-20-checkout-api-returned-500s-to-12-of-requests"
    private static let payments = "2026-10-02-payments-db-failover"

    /// Two committed postmortems, the checkout one related to the payments one.
    private func repository() throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: Self.checkout, text: Fixtures.postmortem())
        try Fixtures.commitPostmortem(
            repo, id: Self.payments,
            text: Fixtures.postmortem(title: "Payments DB failover", date: "2026-10-02")
                .replacingOccurrences(of: "related: [2026-10-02-payments-db-failover]", with: "related: [\(Self.checkout)]"))
        try repo.write("notes.txt", "my notes\n")
        try repo.commitAll("Notes")
        return repo
    }

    /// The status letter and paths git's own rename detection gives the last commit.
    private func lastCommitChanges(_ repo: TemporaryRepository) throws -> [String] {
        try repo.git(["diff", "-M", "--name-status", "HEAD~1", "HEAD"]).lines.map {
            $0.replacingOccurrences(of: #"^R\d+"#, with: "R", options: .regularExpression)
        }
    }

    @Test("pm mv --date --title: front matter, file name and id change in one commit git sees as a rename")
    func moveWithDateAndTitle() throws {
        let repo = try repository()
        try repo.write("notes.txt", "my notes, edited\n")
        let result = try repo.pm(["mv", "checkout", "--date", "2026-11-21", "--title", "Checkout API 500s in the EU"])
        #expect(result.status == 0, "\(result)")
        let new = "2026-11-21-checkout-api-500s-in-the-eu"
        #expect(result.stdout.contains("postmortems/\(Self.checkout).md → postmortems/\(new).md"))
        #expect(
            Set(try lastCommitChanges(repo)) == [
                "R\tpostmortems/\(Self.checkout).md\tpostmortems/\(new).md",
                "M\tpostmortems/\(Self.payments).md",
            ])
        let moved = try repo.read("postmortems/\(new).md")
        #expect(moved.contains("title: Checkout API 500s in the EU\ndate: 2026-11-21\n"))
        // Only the two front-matter lines changed.
        #expect(
            try repo.git([
                "diff", "-M", "--numstat", "HEAD~1", "HEAD", "--", "postmortems/\(Self.checkout).md", "postmortems/\(new).md",
            ])
            .hasPrefix("2\t2\t"))
        #expect(try repo.read("postmortems/\(Self.payments).md").contains("related: [\(new)]"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems/\(Self.checkout).md"))
        #expect(try repo.git(["status", "--porcelain"]) == " M notes.txt\n")
        #expect(
            try repo.git(["log", "--follow", "--format=%s", "--", "postmortems/\(new).md"]).lines == [
                "Rename postmortem \(Self.checkout) to \(new)", "Add \(Self.checkout)",
            ])
        // The name it has now reaches the version from before the move, under the path it had then.
        let before = try repo.pm(["show", new, "--rev", "HEAD~1", "--raw"])
        #expect(before.status == 0, "\(before)")
        #expect(before.stdout.contains("date: 2026-11-20\n") && before.stdout.contains("returned 500s"), "\(before)")
        let log = try repo.pm(["log", new, "--json"])
        #expect(log.status == 0)
        #expect(log.stdout.contains("Add \(Self.checkout)"))
        #expect(try repo.pm(["check", "--all"]).status == 0)
    }

    @Test("pm mv without options renames the file to match a title edited by hand; nothing to do is said so")
    func moveToMatchTitle() throws {
        let repo = try repository()
        let unchanged = try repo.pm(["mv", "payments"])
        #expect(unchanged.status == 0)
        #expect(unchanged.stderr.contains("already named"))
        #expect(try repo.git(["rev-list", "--count", "HEAD"]) == "4\n")
        try repo.write(
            "postmortems/\(Self.payments).md",
            try repo.read("postmortems/\(Self.payments).md").replacingOccurrences(
                of: "title: \"Payments DB failover\"", with: "title: \"Payments DB failed over twice\""))
        try repo.git(["commit", "-qam", "Retitle"])
        let result = try repo.pm(["mv", "payments", "--json"])
        #expect(result.status == 0, "\(result)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["id"] as? String == "2026-10-02-payments-db-failed-over-twice", "\(result.stdout)")
        #expect(json?["previousId"] as? String == Self.payments)
        #expect(json?["references"] as? [String] == ["postmortems/\(Self.checkout).md"])
        #expect(try lastCommitChanges(repo).first?.hasPrefix("R\tpostmortems/\(Self.payments).md") == true)
    }

    @Test("pm mv onto a taken id gets -2; a bad date, an empty title or uncommitted edits change nothing")
    func moveRefusals() throws {
        let repo = try repository()
        let clash = try repo.pm(["mv", "checkout", "--date", "2026-10-02", "--title", "Payments DB failover"])
        #expect(clash.status == 0, "\(clash)")
        #expect(FileManager.default.fileExists(atPath: repo.root + "/postmortems/\(Self.payments)-2.md"))
        let head = try repo.git(["rev-parse", "HEAD"])
        let badDate = try repo.pm(["mv", "payments-db-failover-2", "--date", "2026-02-30"])
        #expect(badDate.status == 64)
        #expect(badDate.stderr.contains("--date"))
        let emptyTitle = try repo.pm(["mv", "payments-db-failover-2", "--title", " "])
        #expect(emptyTitle.status == 64)
        try repo.write("postmortems/\(Self.payments)-2.md", "edited by hand\n")
        let dirty = try repo.pm(["mv", "payments-db-failover-2", "--title", "Another"])
        #expect(dirty.status != 0)
        #expect(dirty.stderr.contains("uncommitted") || dirty.stderr.contains("not committed"), "\(dirty)")
        #expect(try repo.read("postmortems/\(Self.payments)-2.md") == "edited by hand\n")
        #expect(try repo.git(["rev-parse", "HEAD"]) == head)
    }

    @Test("a postmortem naming the old id with uncommitted edits stops the move; nothing changes")
    func moveWithDirtyReference() throws {
        let repo = try repository()
        let path = "postmortems/\(Self.payments).md"
        try repo.write(path, try repo.read(path) + "\nMy unsaved paragraph.\n")
        let result = try repo.pm(["mv", "checkout", "--title", "Renamed"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains(path))
        #expect(try repo.read(path).hasSuffix("My unsaved paragraph.\n"))
        #expect(FileManager.default.fileExists(atPath: repo.root + "/postmortems/\(Self.checkout).md"))
        #expect(try repo.git(["status", "--porcelain"]) == " M \(path)\n")
    }

    @Test("a hand 'git mv' committed with git: the hooks and pm check carry the baseline's entries along")
    func baselineFollowsGitMove() throws {
        let repo = try repository()
        repo.extraEnvironment["PATH"] = CheckFixtures.pathWithPM
        let old = "postmortems/\(Self.payments).md"
        try repo.write(old, try repo.read(old).replacingOccurrences(of: "severity: SEV2", with: "severity: SEV9"))
        try repo.commitAll("A severity pm does not know")
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        #expect(try repo.pm(["hooks", "install"]).status == 0)
        let new = "postmortems/2026-10-02-payments-failover.md"
        try repo.git(["mv", old, new])
        #expect(try repo.pm(["check", "--staged"]).status == 0)
        let commit = try repo.gitOutput(["commit", "-q", "-m", "Shorter name"])
        #expect(commit.status == 0, "\(commit)")
        // The baseline still names the old path; the range check follows the move too (pre-push).
        #expect(try repo.git(["show", "HEAD:.pm-baseline.json"]).contains(old))
        let range = try repo.pm(["check", "--rev", "HEAD~1..HEAD"])
        #expect(range.status == 0, "\(range)")
        // A new finding in the moved file is still refused.
        try repo.write(new, try repo.read(new).replacingOccurrences(of: "status: draft", with: "status: done"))
        let refused = try repo.gitOutput(["commit", "-q", "-a", "-m", "A status pm does not know"])
        #expect(refused.status != 0, "\(refused)")
    }

    @Test("the findings baseline follows a move: pm mv and a hand 'git mv' carry its entries to the new path")
    func baselineFollowsMove() throws {
        let repo = try repository()
        let old = "postmortems/\(Self.payments).md"
        try repo.write(old, try repo.read(old).replacingOccurrences(of: "severity: SEV2", with: "severity: SEV9"))
        try repo.commitAll("A severity pm does not know")
        #expect(try repo.pm(["check", "--all"]).status == 1)
        #expect(try repo.pm(["check", "--write-baseline"]).status == 0)
        #expect(try repo.git(["show", "HEAD:.pm-baseline.json"]).contains(old))

        let moved = try repo.pm(["mv", "payments", "--title", "Payments DB failed over"])
        #expect(moved.status == 0, "\(moved)")
        let new = "postmortems/2026-10-02-payments-db-failed-over.md"
        let changes = try lastCommitChanges(repo)
        #expect(Set(changes).contains("M\t.pm-baseline.json"), "\(changes)")
        let baseline = try repo.git(["show", "HEAD:.pm-baseline.json"])
        #expect(baseline.contains(new) && !baseline.contains(old), "\(baseline)")
        #expect(try repo.pm(["check", "--all"]).status == 0)

        let byHand = "postmortems/2026-10-02-payments-failover.md"
        try repo.git(["mv", new, byHand])
        let edited = try repo.pm(["edit", "payments-failover"])
        #expect(edited.status == 0, "\(edited)")
        #expect(try repo.git(["show", "HEAD:.pm-baseline.json"]).contains(byHand))
        #expect(try repo.pm(["check", "--all"]).status == 0)
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test(
        "pm edit after a hand move ('git mv' or 'mv') commits the rename, not a new file and a staged deletion",
        arguments: [true, false])
    func editAfterHandMove(withGit: Bool) throws {
        let repo = try repository()
        let old = "postmortems/\(Self.checkout).md"
        let new = "postmortems/2026-11-20-checkout-outage.md"
        if withGit {
            try repo.git(["mv", old, new])
        } else {
            try FileManager.default.moveItem(atPath: repo.root + "/" + old, toPath: repo.root + "/" + new)
        }
        try repo.write(
            new,
            try repo.read(new).replacingOccurrences(of: "Checkout API returned 500s to 12% of requests", with: "Checkout outage"))
        let result = try repo.pm(["edit", "checkout-outage"])
        #expect(result.status == 0, "\(result)")
        #expect(try lastCommitChanges(repo) == ["R\t\(old)\t\(new)"])
        #expect(try repo.git(["status", "--porcelain"]) == "")
        #expect(try repo.git(["log", "--follow", "--format=%s", "--", new]).lines.count == 2)
        let log = try repo.pm(["log", "checkout-outage"])
        #expect(log.stdout.contains("Add \(Self.checkout)"), "\(log)")
    }
}
