import Foundation
import TestSupport
import Testing

@testable import Git

/// `Repository.clean`/`smudge` and the staging path give the bytes git itself stores and checks out.
@Suite("Filters")
struct FilterTests {
    /// A repository whose `*.md` files go through a driver that upper-cases on clean and lower-cases on smudge,
    /// with `core.autocrlf=true`.
    private func repository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try repo.git(["config", "core.autocrlf", "true"])
        try repo.git(["config", "filter.case.clean", "tr a-z A-Z"])
        try repo.git(["config", "filter.case.smudge", "tr A-Z a-z"])
        try repo.write(".gitattributes", "*.md filter=case\n")
        return repo
    }

    @Test("smudge gives the bytes git checkout writes: built-in conversions, then the driver's smudge")
    func smudgeMatchesCheckout() throws {
        let repo = try repository()
        try repo.write("notes/a.md", "One\nTwo\n")
        try repo.commitAll("notes")
        try FileManager.default.removeItem(atPath: repo.root + "/notes/a.md")
        try repo.git(["checkout", "--", "notes/a.md"])
        let checkedOut = try repo.read("notes/a.md")
        #expect(checkedOut == "one\r\ntwo\r\n")
        let opened = try Repository.discover(from: repo.root)
        let blob = try opened.blob(try #require(try repo.git(["rev-parse", "HEAD:notes/a.md"]).oid))
        #expect(blob == Array("ONE\nTWO\n".utf8))
        #expect(try opened.smudge(blob, forPath: "notes/a.md") == Array(checkedOut.utf8))
        #expect(try opened.clean(Array(checkedOut.utf8), forPath: "notes/a.md") == blob)
    }

    @Test("hashWorkingTreeFile and writeBlob agree with git hash-object --path; staging stores no unfiltered blob")
    func hashAndStage() throws {
        let repo = try repository()
        try repo.write("b.md", "Mixed Case\r\nline\r\n")
        let opened = try Repository.discover(from: repo.root)
        let expected = try repo.git(["hash-object", "--path=b.md", "b.md"]).oid
        #expect(try opened.hashWorkingTreeFile("b.md") == expected)
        #expect(try opened.writeBlob(fromWorkingTreePath: "b.md") == expected)
        let index = try opened.index()
        try index.addFromWorkingTree("b.md")
        try index.write()
        #expect(try repo.git(["ls-files", "-s", "b.md"]).contains(try #require(expected).hex))
        #expect(try repo.git(["status", "--porcelain", "b.md"]) == "A  b.md\n")
        let unfiltered = try repo.git(["hash-object", "--no-filters", "b.md"]).trimmed
        #expect(try repo.gitOutput(["cat-file", "-e", unfiltered]).status != 0)
    }

    @Test("%f is the shell-quoted path, %% a percent sign, other placeholders stay as written")
    func commandExpansion() {
        #expect(FilterDriver.expand("f %f %% %x", path: "it's a!.md") == #"f 'it'\''s a'\!'.md' % %x"#)
    }

    @Test("attributes: set, unset, value and unspecified, with the file that set a value")
    func attributes() throws {
        let repo = try TemporaryRepository()
        try repo.write("docs/.gitattributes", "*.md text -diff filter=lfs\n")
        let opened = try Repository.discover(from: repo.root)
        #expect(try opened.attribute("text", forPath: "docs/a.md") == .set)
        #expect(try opened.attribute("diff", forPath: "docs/a.md") == .unset)
        #expect(try opened.attribute("filter", forPath: "docs/a.md") == .value("lfs"))
        #expect(try opened.attribute("eol", forPath: "docs/a.md") == .unspecified)
        #expect(try opened.filterDriver(forPath: "docs/a.md")?.attributeSource == "docs/.gitattributes")
        #expect(try opened.filterDriver(forPath: "a.md") == nil)
    }
}
