import Foundation
import TestSupport
import Testing

/// `.pmconfig` comes with a cloned repository: it may not make pm read files outside it, however an include is
/// spelled, nor cost unbounded memory.
@Suite("ConfigurationSafety")
struct ConfigurationSafetyTests {
    @Test("an include is refused however it is spelled: BOM, FF, VT, CR before it, CRLF lines, spaces in the header")
    func includeSpellings() throws {
        let repo = try Fixtures.repositoryWithCommit()
        // If pm read this file, its invalid value would be the error.
        let outside = repo.base + "/outside.cfg"
        try Data("[pm]\n\tseverities = \"!!\"\n".utf8).write(to: URL(fileURLWithPath: outside))
        let spellings = [
            "\u{FEFF}[include]\n\tpath = \(outside)\n", "\u{0C}[include]\n\tpath = \(outside)\n",
            "\u{0B}[include]\n\tpath = \(outside)\n", "\r[include]\n\tpath = \(outside)\n",
            "[pm]\r\n\tdirectory = postmortems\r\n[include]\r\n\tpath = \(outside)\r\n",
            "[ Include ]\n\tpath = \(outside)\n", "[includeIf \"gitdir:/\"]\n\tpath = \(outside)\n",
        ]
        for text in spellings {
            try repo.write(".pmconfig", text)
            let result = try repo.pm(["list"])
            #expect(result.status == 2, "\(text.debugDescription): \(result)")
            #expect(result.stderr.contains("includes ([include] or [includeIf]) are not allowed"), "\(text.debugDescription)")
            #expect(!result.stderr.contains("!!"), "\(text.debugDescription): the outside file was read")
        }
    }

    @Test("a .pmconfig over 1 MiB is refused with its size, in the working tree and at HEAD of a bare repository")
    func hugeConfiguration() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let huge = "[pm]\n\tdirectory = postmortems\n" + String(repeating: "# padding padding padding\n", count: 50_000)
        try repo.write(".pmconfig", huge)
        let result = try repo.pm(["list"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("pm reads at most 1048576 bytes"), "\(result)")
        try repo.commitAll("A huge configuration")
        let server = try TemporaryRepository(bare: true)
        try repo.git(["push", "-q", server.root, "main"])
        let bare = try server.pm(["check", "--rev", "HEAD~1..HEAD"])
        #expect(bare.status == 2, "\(bare)")
        #expect(bare.stderr.contains("pm reads at most 1048576 bytes"), "\(bare)")
    }

    /// Everything git and pm see, to check that a refused command changed nothing.
    private func state(_ repo: TemporaryRepository) throws -> String {
        try repo.git(["status", "--porcelain", "--untracked-files=all"]) + (try repo.git(["rev-parse", "HEAD"]))
            + (try repo.read(".git/config"))
    }

    @Test("pm.template naming the git folder is refused in any case and spelling, with the key and its line")
    func templateInGitFolder() throws {
        let repo = try Fixtures.repositoryWithCommit()
        for value in [".git/config", ".GIT/config", "docs/.Git/hooks/pre-commit", ".git./config"] {
            try repo.write(".pmconfig", "[pm]\n\tdirectory = postmortems\n\ttemplate = \(value)\n")
            let before = try state(repo)
            let result = try repo.pm(["new", "Checkout failed", "--no-edit", "--date", "2026-11-20"])
            #expect(result.status == 2, "\(value): \(result)")
            #expect(result.stderr.contains(".pmconfig:3: invalid value '\(value)' for pm.template"), "\(value): \(result)")
            #expect(result.stderr.contains("cannot be in the git folder"), "\(value): \(result)")
            #expect(try state(repo) == before)
        }
    }

    @Test("a committed link that takes pm.directory or pm.template into .git is refused with the key and its line")
    func linksIntoGitFolder() throws {
        let repo = try Fixtures.repositoryWithCommit()
        #expect(symlink(".git", repo.root + "/docs") == 0)
        try repo.write(".pmconfig", "[pm]\n\tseverities = SEV1 SEV2\n\tdirectory = docs\n")
        try repo.commitAll("Postmortems in docs")
        let before = try state(repo)
        for command in [["list"], ["new", "Checkout failed", "--no-edit", "--date", "2026-11-20"], ["check"]] {
            let result = try repo.pm(command)
            #expect(result.status == 2, "\(command): \(result)")
            #expect(
                result.stderr.contains(
                    ".pmconfig:3: pm.directory 'docs' leads into the git folder (.git) through a symbolic link"),
                "\(command): \(result)")
        }
        #expect(try state(repo) == before)
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/.git/2026-11-20-checkout-failed.md"))

        // A folder below the link that does not exist yet would be made inside .git.
        try repo.write(".pmconfig", "[pm]\n\tdirectory = docs/incidents\n")
        let below = try repo.pm(["new", "Checkout failed", "--no-edit", "--date", "2026-11-20"])
        #expect(below.status == 2, "\(below)")
        #expect(below.stderr.contains(".pmconfig:2: pm.directory 'docs/incidents' leads into the git folder"), "\(below)")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/.git/incidents"))

        // The default folder, linked: no .pmconfig line to name, but the key is named.
        try FileManager.default.removeItem(atPath: repo.root + "/.pmconfig")
        #expect(symlink(".git", repo.root + "/postmortems") == 0)
        let byDefault = try repo.pm(["list"])
        #expect(byDefault.status == 2, "\(byDefault)")
        #expect(
            byDefault.stderr.contains(
                "the postmortem folder 'postmortems' (the default of pm.directory) leads into the git folder"),
            "\(byDefault)")

        try FileManager.default.removeItem(atPath: repo.root + "/postmortems")
        try repo.write(".pmconfig", "[pm]\n\ttemplate = docs/config\n")
        let template = try repo.pm(["new", "Checkout failed", "--no-edit", "--date", "2026-11-20"])
        #expect(template.status == 2, "\(template)")
        #expect(
            template.stderr.contains(".pmconfig:2: pm.template 'docs/config' leads into the git folder (.git)"), "\(template)")
        #expect(!template.stderr.contains("repositoryformatversion"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems"))
    }

    @Test("a misspelt check.<rule-id> is a warning with the nearest rule id; a far-off one is named with its line")
    func misspeltRuleID() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(
            ".pmconfig", "[pm]\n\tdirectory = postmortems\n[check]\n\tblameless-langauge = off\n\tnot-a-rule-at-all = off\n")
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-checkout", text: Fixtures.postmortem(extraSummary: " It was human error."))
        let result = try repo.pm(["check"])
        #expect(
            result.stderr.contains(
                "warning: .pmconfig:4: unknown key 'check.blameless-langauge': no rule has the id 'blameless-langauge'; did you mean 'check.blameless-language'?"
            ), "\(result)")
        #expect(
            result.stderr.contains(
                "warning: .pmconfig:5: unknown key 'check.not-a-rule-at-all': no rule has the id 'not-a-rule-at-all'"),
            "\(result)")
        // The misspelt key did not turn the rule off.
        #expect(result.stdout.contains("[blameless-language]") || result.stderr.contains("[blameless-language]"), "\(result)")
    }

    @Test(".pmconfig may not include other files")
    func noIncludes() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(".pmconfig", "[pm]\n\tdirectory = postmortems\n[include]\n\tpath = /etc/gitconfig\n")
        let result = try repo.pm(["list"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(".pmconfig:3: includes"))
    }
}
