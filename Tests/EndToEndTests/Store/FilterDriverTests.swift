import Foundation
import TestSupport
import Testing

/// pm stores exactly the blob `git add` would: the `filter` attribute's driver (git-crypt, a redacting clean
/// filter, a long-running process) and then git's end-of-line conversion; where git would refuse, or a driver
/// fails, pm refuses and commits nothing.
@Suite("Filter drivers")
struct FilterDriverTests {
    private let path = "postmortems/2026-11-20-checkout-api-returned-500s.md"

    /// A repository whose postmortems go through `driver`, with `.gitattributes` committed.
    private func repository(driver: String, config: [String: String]) throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        for (key, value) in config { try repo.git(["config", key, value]) }
        try repo.write(".gitattributes", "postmortems/** filter=\(driver)\n")
        try repo.commitAll("Filter postmortems through \(driver)")
        return repo
    }

    /// Asserts that HEAD's blob for `path` is what git itself stores for the working-tree file, and that git sees
    /// no change.
    private func expectGitAgrees(_ repo: TemporaryRepository, _ path: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let committed = try repo.git(["rev-parse", "HEAD:\(path)"]).trimmed
        #expect(try repo.git(["hash-object", "--path=\(path)", path]).trimmed == committed, sourceLocation: sourceLocation)
        #expect(try repo.git(["ls-files", "-s", path]).contains(committed), sourceLocation: sourceLocation)
        #expect(try repo.git(["status", "--porcelain"]) == "", sourceLocation: sourceLocation)
        #expect(try repo.gitOutput(["fsck", "--strict", "--no-progress"]).status == 0, sourceLocation: sourceLocation)
    }

    @Test("git-crypt: pm new, pm edit and pm status commit ciphertext; lock and unlock give pm's text back")
    func gitCrypt() throws {
        try #require(Shell.which("git-crypt") != nil, "git-crypt is not installed: run 'make test-deps'")
        let repo = try Fixtures.repositoryWithCommit()
        try repo.git(["crypt", "init"])
        try repo.git(["crypt", "export-key", repo.base + "/key"])
        try repo.write(".gitattributes", "postmortems/** filter=git-crypt diff=git-crypt\n")
        try repo.commitAll("Encrypt postmortems")

        let created = try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--no-edit"])
        #expect(created.status == 0, "\(created)")
        let blob = try repo.gitOutput(["cat-file", "blob", "HEAD:\(path)"])
        #expect(blob.stdout.hasPrefix("\0GITCRYPT\0"), "\(blob.stdout.prefix(40).debugDescription)")
        try expectGitAgrees(repo, path)

        try repo.write(path, Fixtures.postmortem(title: "Checkout API returned 500s"))
        let edited = try repo.pm(["edit", "checkout"])
        #expect(edited.status == 0, "\(edited)")
        try expectGitAgrees(repo, path)
        // The plaintext never reached the object database, not even as a loose object no commit names.
        let plaintext = try repo.git(["hash-object", "--no-filters", path]).trimmed
        #expect(try repo.gitOutput(["cat-file", "-e", plaintext]).status != 0, "pm stored the plaintext blob \(plaintext)")

        // pm status compares the working tree with HEAD through the same filter: unchanged, so it may rewrite.
        let marked = try repo.pm(["status", "checkout", "in-review"])
        #expect(marked.status == 0, "\(marked)")
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed.hasPrefix("Mark "))
        try expectGitAgrees(repo, path)
        let text = try repo.read(path)

        try repo.git(["crypt", "lock"])
        #expect(try repo.read(path).hasPrefix("\0GITCRYPT\0"))
        try repo.git(["crypt", "unlock", repo.base + "/key"])
        #expect(try repo.read(path) == text)
        #expect(text.contains("status: in-review"))
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test("a required redacting clean filter: pm commits the redacted text git would, with %f expanded to the path")
    func requiredRedactingFilter() throws {
        let repo = try repository(
            driver: "redact",
            config: [
                "filter.redact.clean": "echo %f >> ../filtered-paths; sed -e 's/secret-[0-9]*/[REDACTED]/g'",
                "filter.redact.smudge": "cat", "filter.redact.required": "true",
            ])
        #expect(try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--no-edit"]).status == 0)
        try repo.write(path, Fixtures.postmortem(extraSummary: " The token secret-4242 leaked into the logs."))
        let result = try repo.pm(["edit", "checkout"])
        #expect(result.status == 0, "\(result)")
        let committed = try repo.git(["show", "HEAD:\(path)"])
        #expect(committed.contains("The token [REDACTED] leaked"))
        #expect(!committed.contains("secret-4242"))
        #expect(try repo.read(path).contains("secret-4242"))
        try expectGitAgrees(repo, path)
        let paths = try String(contentsOfFile: repo.base + "/filtered-paths", encoding: .utf8)
        #expect(paths.lines.contains(path))
    }

    @Test("a failing required filter: pm refuses, names the attribute and driver, commits nothing, leaves no draft")
    func failingRequiredFilter() throws {
        let repo = try repository(
            driver: "redact",
            config: [
                "filter.redact.clean": "echo 'redactor: cannot reach the vault' >&2; exit 3",
                "filter.redact.required": "true",
            ])
        let head = try repo.git(["rev-parse", "HEAD"]).trimmed
        let result = try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--no-edit"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("\(path) has 'filter=redact' (.gitattributes) but its clean command filter.redact.clean"))
        #expect(result.stderr.contains("failed with exit status 3: redactor: cannot reach the vault"), "\(result)")
        #expect(try repo.git(["rev-parse", "HEAD"]).trimmed == head)
        // pm new removes the file it wrote and could not commit.
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/" + path))
        #expect(try repo.git(["status", "--porcelain"]) == "")
        // git agrees that such a file cannot be added, and pm edit keeps the user's file.
        try repo.write(path, Fixtures.postmortem())
        #expect(try repo.gitOutput(["add", path]).status != 0)
        let edit = try repo.pm(["edit", path])
        #expect(edit.status == 2, "\(edit)")
        #expect(try repo.git(["rev-parse", "HEAD"]).trimmed == head)
        #expect(try repo.read(path) == Fixtures.postmortem())
    }

    @Test("a driver that is not required: no command passes through as in git; a failing command is refused")
    func optionalDriver() throws {
        let repo = try repository(driver: "nothing", config: [:])
        #expect(try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--no-edit"]).status == 0)
        try expectGitAgrees(repo, path)

        try repo.git(["config", "filter.nothing.clean", "exit 1"])
        try repo.write(path, Fixtures.postmortem(title: "Checkout API returned 500s"))
        let head = try repo.git(["rev-parse", "HEAD"]).trimmed
        let result = try repo.pm(["edit", "checkout"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("has 'filter=nothing' (.gitattributes) but its clean command"), "\(result)")
        #expect(result.stderr.contains("filter.nothing.required is not set, so git would store the file unfiltered"))
        #expect(try repo.git(["rev-parse", "HEAD"]).trimmed == head)
    }

    @Test("a required driver with no command configured is refused, as git refuses it")
    func requiredDriverWithoutCommand() throws {
        let repo = try repository(driver: "vault", config: ["filter.vault.required": "true"])
        try repo.write(".git/info/attributes", "postmortems/** filter=vault\n")
        let result = try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--no-edit"])
        #expect(result.status == 2, "\(result)")
        #expect(
            result.stderr.contains(
                "has 'filter=vault' (.git/info/attributes) but filter.vault.required is true and neither filter.vault.clean nor filter.vault.process is configured"
            ), "\(result)")
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "2")
    }

    /// A long-running filter (pkt-line protocol version 2) that upper-cases on clean and answers `status=error`
    /// for paths containing "broken".
    private static let processFilter = #"""
        import sys
        rd, wr = sys.stdin.buffer, sys.stdout.buffer
        def read():
            n = int(rd.read(4), 16)
            return None if n == 0 else rd.read(n - 4)
        def lines():
            out = []
            while (p := read()) is not None: out.append(p.decode().rstrip("\n"))
            return out
        def send(data): wr.write(b"%04x" % (len(data) + 4) + data)
        def text(items):
            for item in items: send((item + "\n").encode())
            wr.write(b"0000"); wr.flush()
        assert lines() == ["git-filter-client", "version=2"]
        text(["git-filter-server", "version=2"])
        lines()
        text(["capability=clean", "capability=smudge"])
        while True:
            header = read()
            if header is None: break
            request = [header.decode().rstrip("\n")] + lines()
            content = b""
            while (p := read()) is not None: content += p
            if any("broken" in r for r in request):
                text(["status=error"]); continue
            text(["status=success"])
            command = request[0].split("=", 1)[1]
            result = content.upper() if command == "clean" else content.lower()
            for i in range(0, len(result), 65516): send(result[i:i + 65516])
            wr.write(b"0000"); text([])
        """#

    @Test("a process-only driver: pm speaks the long-running protocol and stores what git stores; status=error refuses")
    func processOnlyDriver() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Data(Self.processFilter.utf8).write(to: URL(fileURLWithPath: repo.base + "/upper.py"))
        try repo.git(["config", "filter.upper.process", "python3 ../upper.py"])
        try repo.git(["config", "filter.upper.required", "true"])
        try repo.write(".gitattributes", "postmortems/** filter=upper\n")
        try repo.commitAll("Upper-case postmortems")
        let created = try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--no-edit"])
        #expect(created.status == 0, "\(created)")
        #expect(try repo.git(["show", "HEAD:\(path)"]).contains("## SUMMARY"))
        try expectGitAgrees(repo, path)

        // Larger than one pkt-line: the content is split and joined again.
        try repo.write(
            path,
            Fixtures.postmortem(title: "Checkout API returned 500s", extraSummary: String(repeating: " more", count: 40_000)))
        #expect(try repo.pm(["edit", "checkout"]).status == 0)
        try expectGitAgrees(repo, path)

        let refused = try repo.pm(["new", "Broken filter", "--date", "2026-11-21", "--no-edit"])
        #expect(refused.status == 2, "\(refused)")
        #expect(
            refused.stderr.contains(
                "postmortems/2026-11-21-broken-filter.md has 'filter=upper' (.gitattributes) but its long-running filter filter.upper.process ('python3 ../upper.py') failed: it answered 'status=error'"
            ), "\(refused)")
    }

    @Test("core.autocrlf with a clean filter: the driver runs first, then CRLF becomes LF, as git add does")
    func autocrlfAfterDriver() throws {
        let repo = try repository(
            driver: "redact",
            config: ["core.autocrlf": "true", "filter.redact.clean": "sed -e 's/secret-[0-9]*/[REDACTED]/g'"])
        #expect(try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--no-edit"]).status == 0)
        let crlf = Fixtures.postmortem(extraSummary: " Token secret-7.").replacingOccurrences(of: "\n", with: "\r\n")
        try repo.write(path, crlf)
        let result = try repo.pm(["edit", "checkout"])
        #expect(result.status == 0, "\(result)")
        let committed = try repo.git(["show", "HEAD:\(path)"])
        #expect(!committed.contains("\r"))
        #expect(committed.contains("Token [REDACTED]."))
        try expectGitAgrees(repo, path)
    }

    @Test("autocrlf alone: pm status sees a CRLF checkout as unchanged and commits LF")
    func autocrlfAlone() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.git(["config", "core.autocrlf", "true"])
        #expect(try repo.pm(["new", "Checkout API returned 500s", "--date", "2026-11-20", "--no-edit"]).status == 0)
        try repo.write(
            path, Fixtures.postmortem(title: "Checkout API returned 500s").replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try repo.pm(["edit", "checkout"]).status == 0)
        #expect(!(try repo.git(["show", "HEAD:\(path)"]).contains("\r")))
        try expectGitAgrees(repo, path)
        let marked = try repo.pm(["status", "checkout", "in-review"])
        #expect(marked.status == 0, "\(marked)")
        try expectGitAgrees(repo, path)
    }
}
