import Foundation
import TestSupport
import Testing

/// What `pm new` writes from the built-in template and from a team's own: every placeholder filled in, a title
/// taken literally and quoted where YAML needs it.
@Suite("Templates")
struct TemplateTests {
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

    @Test("a team template in .pm/template.md replaces the built-in one; pm new fills in every field")
    func teamTemplate() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            ".pm/template.md",
            "---\ntitle: \"{{title}}\"\ndate: {{date}}\nseverity: {{severity}}\nstatus: draft\nservices: {{services}}\ntags: {{tags}}\nauthors: {{authors}}\n---\n\n## Summary\nTeam template.\n"
                + Fixtures.requiredSections.replacingOccurrences(of: "\n## Summary\n", with: "")
        )
        let result = try repo.pm([
            "new", "Queue \"backlog\" grew", "--date", "2026-06-01", "--severity", "sev1", "--service", "queue, billing", "--tag",
            "capacity",
            "--no-edit",
        ])
        #expect(result.status == 0, "\(result)")
        let text = try repo.read("postmortems/2026-06-01-queue-backlog-grew.md")
        #expect(text.contains("Team template."))
        let show = try repo.pm(["show", "queue", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Queue \"backlog\" grew")
        #expect(object["severity"] as? String == "SEV1")
        #expect(object["services"] as? [String] == ["queue", "billing"])
        #expect(object["tags"] as? [String] == ["capacity"])
        #expect(object["authors"] as? [String] == ["Dana Reyes"])

        try repo.write(".pmconfig", "[pm]\n\ttemplate = docs/missing.md\n")
        let missing = try repo.pm(["new", "Other", "--no-edit"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("pm.template"))
    }

    @Test("the built-in template gives a draft that parses, with the author and today's date")
    func builtInTemplate() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let result = try repo.pm(["new", "Zürich café outage — Ærø", "--no-edit", "--json"])
        #expect(result.status == 0, "\(result)")
        let created = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let id = try #require(created["id"] as? String)
        #expect(id.hasSuffix("-zurich-cafe-outage-aero"))
        let show = try repo.pm(["show", id, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Zürich café outage — Ærø")
        #expect(object["status"] as? String == "draft")
        #expect(object["severity"] as? String == "SEV4")
        #expect((object["errors"] as? [Any])?.isEmpty == true)
    }

    @Test("a title is inserted literally, placeholders and all, also through a CRLF template")
    func literalTitle() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            ".pm/template.md",
            ("---\ntitle: {{title}}\ndate: {{date}}\nseverity: {{severity}}\nstatus: draft\n---\n\n# {{title}}\n"
                + Fixtures.requiredSections)
                .replacingOccurrences(of: "\n", with: "\r\n"))
        let title = "{{date}}: why {{id}} broke"
        let result = try repo.pm(["new", title, "--date", "2026-05-05", "--no-edit", "--json"])
        #expect(result.status == 0, "\(result)")
        let created = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let id = try #require(created["id"] as? String)
        let show = try repo.pm(["show", id, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == title)
        #expect(try repo.read("postmortems/\(id).md").contains("\r\n# \(title)\r\n"))
    }
}
