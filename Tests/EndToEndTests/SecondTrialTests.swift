import Foundation
import TestSupport
import Testing

/// Cases from a second first-use trial: links out of the repository, files pm did not write, literal titles.
@Suite("Second-trial regressions")
struct SecondTrialTests {
    @Test("an editor that replaces the postmortem with a symbolic link gets nothing committed")
    func editorReplacesFileWithLink() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try Fixtures.postmortem(title: "Outside").write(toFile: repo.base + "/outside.md", atomically: true, encoding: .utf8)
        let editor = repo.base + "/linker.sh"
        try "#!/bin/sh\nrm \"$1\" && ln -s '\(repo.base)/outside.md' \"$1\"\n".write(
            toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let result = try Shell.run(
            "/usr/bin/timeout", ["60", "/usr/bin/script", "-qec", "'\(PMBinary.path)' edit checkout", "/dev/null"], in: repo.root,
            environment: repo.environment.merging(["EDITOR": editor]) { $1 })
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.contains("symbolic link"))
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Add 2026-11-20-checkout")
    }

    @Test("a template or .pmconfig that links outside the repository is refused")
    func linksOutside() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try "secret: yes\n".write(toFile: repo.base + "/secret.md", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: repo.root + "/.pm", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/.pm/template.md", withDestinationPath: repo.base + "/secret.md")
        let template = try repo.pm(["new", "Linked template", "--no-edit"])
        #expect(template.status == 2)
        #expect(template.stderr.contains("outside the repository"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems"))

        try "[pm]\n\tdirectory = elsewhere\n".write(toFile: repo.base + "/outside.pmconfig", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/.pmconfig", withDestinationPath: repo.base + "/outside.pmconfig")
        let config = try repo.pm(["list"])
        #expect(config.status == 2)
        #expect(config.stderr.contains(".pmconfig: is a symbolic link that leads outside the repository"))
    }

    @Test("pm init never commits a README it did not write")
    func initLeavesForeignReadme() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("postmortems/README.md", "API_KEY=secret, not for a commit\n")
        let result = try repo.pm(["init"])
        #expect(result.status == 0, "\(result)")
        #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]).lines == [".pmconfig"])
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "?? postmortems/README.md\n")
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

    @Test("the executable bit of a postmortem is committed as git would")
    func executableBit() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        chmod(repo.root + "/postmortems/2026-11-20-checkout.md", 0o755)
        let result = try repo.pm(["edit", "checkout"])
        #expect(result.status == 0, "\(result)")
        #expect(try repo.git(["ls-tree", "HEAD", "postmortems/2026-11-20-checkout.md"]).hasPrefix("100755 "))
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }
}

@Suite("Small answers")
struct SmallAnswersTests {
    @Test("--author folds accents; -C on a file says so; init --json names its commit; log --json has every key")
    func smallAnswers() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let initialized = try repo.pm(["init", "--json", "--no-hooks"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(initialized.stdout.utf8)) as? [String: Any])
        #expect((object["commit"] as? String)?.count == 40)
        let text = Fixtures.postmortem().replacingOccurrences(of: "authors: [dana, lee]", with: "authors: [Zoë]")
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: text)
        #expect(try repo.pm(["list", "--author", "zoe", "--json"]).stdout.contains("2026-11-20-checkout"))
        let onFile = try repo.pm(["-C", "README.md", "list"])
        #expect(onFile.status == 2)
        #expect(onFile.stderr.contains("it is a file, not a folder"))
        let log = try repo.pm(["log", "checkout", "--json"])
        let history = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])
        let entries = try #require(history["revisions"] as? [[String: Any]])
        #expect(entries.first?["renamedFrom"] is NSNull)
    }
}
