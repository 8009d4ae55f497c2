import Foundation
import TestSupport
import Testing

/// Every command that prints a postmortem's title prints what a reader calls it (`displayTitle`): the `#` heading
/// that opens a foreign file, not its missing or different `title:` field; an RFC's file name, not "Summary".
@Suite("Titles a reader sees")
struct DisplayTitleTests {
    static let id = "2026-11-20-storage"

    /// No `title:` field; the opening `#` heading is the title; published and public, so that every output has it.
    static func document(heading: String) -> String {
        """
        ---
        date: 2026-11-20
        severity: SEV2
        status: published
        visibility: public
        url: https://status.example.com/1
        ---
        # \(heading)

        ## Summary
        The storage cluster went read-only for an hour.

        ## Action items
        - [ ] Alert on disk usage — owner: @dana — due: 2026-12-01

        """
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("list, show, actions, remind, search, export, feed and the site all say the heading")
    func everyOutput() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: Self.id, text: Self.document(heading: "Storage went read-only"))
        try repo.write("postmortems/0007-reporting-replica.md", "# Summary\n\nA replica.\n\n# Motivation\n\nSpeed.\n")
        try repo.commitAll("Add an RFC")
        let title = "Storage went read-only"

        let list = try json(try repo.pm(["list", "--json"]).stdout)
        let titles = (list["postmortems"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
        #expect(Set(titles) == [title, "0007-reporting-replica"], "\(list)")
        #expect(try repo.pm(["show", "storage"]).stdout.hasPrefix(title + "\n"))
        let shown = try json(try repo.pm(["show", "storage", "--json"]).stdout)
        #expect(shown["displayTitle"] as? String == title)
        #expect(shown["title"] is NSNull, "the title field itself is still what is written: none")
        let actions = try json(try repo.pm(["actions", "--json", "--as-of", "2027-01-01"]).stdout)
        let item = (actions["actionItems"] as? [[String: Any]])?.first
        #expect((item?["postmortem"] as? [String: Any])?["title"] as? String == title, "\(actions)")
        #expect(try repo.pm(["remind", "--format", "markdown", "--as-of", "2027-01-01"]).stdout.contains(title))
        let search = try json(try repo.pm(["search", "read-only", "--json"]).stdout)
        #expect((search["hits"] as? [[String: Any]])?.first?["title"] as? String == title, "\(search)")
        #expect(try json(try repo.pm(["export", "storage", "--json"]).stdout)["title"] as? String == title)
        let feed = try json(try repo.pm(["feed", "--json"]).stdout)
        #expect((feed["entries"] as? [[String: Any]])?.first?["title"] as? String == title, "\(feed)")
        let site = repo.base + "/site"
        #expect(try repo.pm(["site", site]).status == 0)
        let page = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: site + "/postmortems/\(Self.id).html")), as: UTF8.self)
        #expect(page.contains("<h1>\(title)</h1>"))
        #expect(page.components(separatedBy: title).count - 1 == 2, "the page's <title> and its <h1>, the heading not repeated")
    }

    @Test("pm log says the title changed when the heading that is the title does")
    func logTitleChange() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: Self.id, text: Self.document(heading: "Storage went read-only"))
        try Fixtures.commitPostmortem(
            repo, id: Self.id, text: Self.document(heading: "Storage cluster went read-only"), message: "Retitle")
        let log = try json(try repo.pm(["log", "storage", "--json"]).stdout)
        let revisions = try #require(log["revisions"] as? [[String: Any]])
        #expect((revisions.first?["changes"] as? [String])?.contains("title changed") == true, "\(revisions)")
    }
}
