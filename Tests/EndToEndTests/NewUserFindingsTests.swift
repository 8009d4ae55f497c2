import Foundation
import TestSupport
import Testing

/// Cases a first-time user ran into, kept so they stay fixed.
@Suite("First-use regressions")
struct NewUserFindingsTests {
    @Test("pm init without a git identity writes nothing; after --no-commit, pm init commits the files")
    func initIdentityAndResume() throws {
        let repo = try Fixtures.repositoryWithCommit()
        var anonymous = repo.environment
        for key in ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"] { anonymous[key] = "" }
        let refused = try Shell.run(PMBinary.path, ["init"], in: repo.root, environment: anonymous)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("Please tell me who you are"))
        #expect(try repo.git(["status", "--porcelain"]) == "")

        #expect(try repo.pm(["init", "--no-commit"]).status == 0)
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "1")
        let resumed = try repo.pm(["init"])
        #expect(resumed.status == 0, "\(resumed)")
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).lines == [".pmconfig", "postmortems/README.md"])
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test("a team template with a bare {{title}} gets a quoted YAML value, and the heading the plain title")
    func bareTitlePlaceholder() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            ".pm/template.md",
            "---\ntitle: {{title}}\ndate: {{date}}\nseverity: {{severity}}\nstatus: draft\n---\n\n# {{title}}\n"
                + Fixtures.requiredSections)
        let title = "Quote \"q\" & colon: yes #hash"
        let result = try repo.pm(["new", title, "--date", "2026-03-03", "--no-edit", "--json"])
        #expect(result.status == 0, "\(result)")
        let text = try repo.read("postmortems/2026-03-03-quote-q-colon-yes-hash.md")
        #expect(text.contains("\n# \(title)\n"))
        let show = try repo.pm(["show", "quote", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == title)
    }

    @Test("an id shared by two files in sub-folders is ambiguous, and the paths are listed")
    func duplicateIDs() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/a/2026-01-01-dup.md", Fixtures.postmortem(date: "2026-01-01"))
        try repo.write("postmortems/b/2026-01-01-dup.md", Fixtures.postmortem(date: "2026-01-01"))
        let result = try repo.pm(["show", "2026-01-01-dup"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("postmortems/a/2026-01-01-dup.md"))
        #expect(result.stderr.contains("postmortems/b/2026-01-01-dup.md"))
        #expect(try repo.pm(["show", "postmortems/b/2026-01-01-dup.md"]).status == 0)
    }

    @Test("folders and files starting with _ or . are set aside, not postmortems")
    func setAside() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/_drafts/2026-01-01-idea.md", Fixtures.postmortem())
        try repo.write("postmortems/.archive/2026-01-01-old.md", Fixtures.postmortem())
        try repo.write("postmortems/_notes.md", "notes\n")
        try repo.write("postmortems/2026-01-02-real.md", Fixtures.postmortem(date: "2026-01-02"))
        try repo.commitAll("Files")
        for arguments in [["list", "--json"], ["list", "--json", "--rev", "HEAD"]] {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(repo.pm(arguments).stdout.utf8)) as? [String: Any])
            let ids = try #require(object["postmortems"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(ids == ["2026-01-02-real"], "\(arguments)")
        }
    }

    @Test(".pmconfig may not include other files")
    func noIncludes() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(".pmconfig", "[pm]\n\tdirectory = postmortems\n[include]\n\tpath = /etc/gitconfig\n")
        let result = try repo.pm(["list"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(".pmconfig:3: includes"))
    }

    @Test("pm show exits 1 for a document with errors, and still shows what it could read")
    func showErrors() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            "postmortems/2026-11-20-bad.md",
            Fixtures.postmortem().replacingOccurrences(of: "date: 2026-11-20", with: "date: 2026-13-01"))
        let result = try repo.pm(["show", "bad"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Checkout API returned 500s"))
        #expect(result.stderr.contains("postmortems/2026-11-20-bad.md:3:7:"))
        #expect(try repo.pm(["show", "bad", "--json"]).status == 1)
    }

    @Test("pm edit of a postmortem that was never committed says Add, not Update")
    func editFirstCommit() throws {
        let repo = try Fixtures.repositoryWithCommit()
        #expect(try repo.pm(["new", "Late commit", "--date", "2026-04-04", "--no-commit", "--no-edit"]).status == 0)
        #expect(try repo.pm(["edit", "late"]).status == 0)
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add postmortem 2026-04-04-late-commit")
    }

    @Test("references fold accents and spaces; a miss at a revision names the revision")
    func referenceFolding() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-zurich-cafe-outage", text: Fixtures.postmortem(title: "Zürich café outage"))
        #expect(try repo.pm(["show", "Zürich Café", "--json"]).status == 0)
        let miss = try repo.pm(["show", "nothing-like-this", "--rev", "HEAD~1"])
        #expect(miss.status == 2)
        #expect(miss.stderr.contains("at HEAD~1"))
    }

    @Test("clearer usage errors: prefixes of choices, impossible dates, --raw with --json, titles with dashes")
    func usageMessages() throws {
        let repo = try Fixtures.repositoryWithCommit()
        #expect(try repo.pm(["list", "--sort", "sev"]).stderr.contains("Did you mean 'severity'?"))
        #expect(try repo.pm(["list", "--since", "2026-02-30"]).stderr.contains("February 2026 has 28 days"))
        #expect(try repo.pm(["show", "x", "--raw", "--json"]).status == 64)
        let dashed = try repo.pm(["new", "--force push wiped main", "--no-edit"])
        #expect(dashed.status == 64)
        #expect(dashed.stderr.contains("put it after '--'"))
    }
}
