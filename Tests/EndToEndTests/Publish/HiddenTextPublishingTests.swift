import Foundation
import TestSupport
import Testing

/// Text Markdown hides — HTML comments over several lines (a block, one opened mid-paragraph, ones in list items)
/// and link reference definitions — never shows in `pm export`, `pm feed` or `pm site`, and `pm check` neither flags
/// what is inside a comment nor loses the positions of what follows it.
@Suite("Hidden text in published output")
struct HiddenTextPublishingTests {
    static let id = "2026-11-20-checkout-api-returned-500s-to-12-of-requests"

    /// The sections of a public postmortem, with hidden text in every shape; every hidden word has `secret` in it.
    static func postmortem() -> String {
        let summary = """
            Checkout failed after a failover. <!-- internal: ask the DBA team
            about secret-one, the TODO here is hidden
            --> More text after the comment.

            <!-- internal: secret-two
            spanning lines -->

            [runbook]: https://internal.example/wiki "secret-title"
            [pager]:
              https://internal.example/secret-pager
              'secret-three'

            See the [runbook] for details.
            """
        let impact = """
            About 4,100 customers could not pay.

            - Customers saw errors <!-- internal: secret-four
              still inside --> and retried.
            - Second item <!-- internal: secret-five
            continued at the margin --> done.
            - <!-- internal: secret-six
              the whole item -->
            - Last visible item.
            """
        var text = Fixtures.postmortem(status: "published")
        text = text.replacingOccurrences(of: "status: published\n", with: "status: published\nvisibility: public\n")
        text = text.replacingOccurrences(
            of: "Checkout failed for 12% of requests after a database failover.", with: summary)
        text = text.replacingOccurrences(of: "About 4,100 customers could not complete a purchase.", with: impact)
        return text
    }

    static let hidden = ["secret", "internal.example", "[runbook]:", "[pager]:", "<!--", "-->", "DBA team"]
    static let visible = [
        "Checkout failed after a failover.", "More text after the comment.", "See the", "for details",
        "Customers saw errors", "and retried.", "Second item", "done.", "Last visible item.",
    ]

    static func repository() throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: id, text: postmortem())
        #expect(try repo.git(["ls-files", "postmortems"]).trimmed == "postmortems/\(id).md")
        return repo
    }

    static func expectHidden(_ text: String, _ context: String, visible: [String] = visible) {
        for secret in hidden { #expect(!text.contains(secret), "\(context) shows '\(secret)'") }
        for expected in visible { #expect(text.contains(expected), "\(context) lacks '\(expected)'") }
    }

    @Test("pm export, as Markdown, HTML and JSON, shows neither comments nor definitions")
    func export() throws {
        let repo = try HiddenTextPublishingTests.repository()
        for format in ["markdown", "html", "json"] {
            let result = try repo.pm(["export", HiddenTextPublishingTests.id, "--format", format])
            #expect(result.status == 0, "\(format): \(result)")
            HiddenTextPublishingTests.expectHidden(result.stdout, "pm export --format \(format)")
        }
    }

    @Test("pm feed: the summary and the content show neither comments nor definitions")
    func feed() throws {
        let repo = try HiddenTextPublishingTests.repository()
        let result = try repo.pm(["feed"])
        #expect(result.status == 0, "\(result)")
        // The feed carries the summary, not the impact.
        HiddenTextPublishingTests.expectHidden(
            result.stdout, "pm feed", visible: ["Checkout failed after a failover.", "More text after the comment."])
    }

    @Test("pm site, public and internal: no page, and no search data, shows comments or definitions")
    func site() throws {
        let repo = try HiddenTextPublishingTests.repository()
        for arguments in [["--public"], []] {
            let folder = repo.base + "/site\(arguments.joined())"
            let result = try repo.pm(["site", folder] + arguments)
            #expect(result.status == 0, "\(result)")
            let files = SiteCommandTests.files(in: folder).filter { $0.hasSuffix(".html") || $0 == "search-index.js" }
            for file in files {
                let text = try SiteCommandTests.read(folder + "/" + file)
                for secret in HiddenTextPublishingTests.hidden {
                    #expect(!text.contains(secret), "pm site \(arguments) \(file) shows '\(secret)'")
                }
            }
            let page = try SiteCommandTests.read(folder + "/postmortems/\(HiddenTextPublishingTests.id).html")
            HiddenTextPublishingTests.expectHidden(page, "pm site \(arguments) page")
        }
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }

    @Test("pm check: a placeholder inside a comment is not flagged; one after it is, at its own line and column")
    func checkPositions() throws {
        let repo = try HiddenTextPublishingTests.repository()
        let path = "postmortems/\(HiddenTextPublishingTests.id).md"
        let clean = try repo.pm(["check", path])
        #expect(clean.status == 0, "\(clean)")
        #expect(!clean.stdout.contains("no-placeholders") && !clean.stderr.contains("no-placeholders"), "\(clean)")

        let text = try repo.read(path).replacingOccurrences(
            of: "--> More text after the comment.", with: "--> More text TODO after the comment.")
        try Fixtures.commitPostmortem(repo, id: HiddenTextPublishingTests.id, text: text, message: "A placeholder")
        let line = try #require(
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("--> More") })
        let flagged = try repo.pm(["check", path])
        #expect(flagged.status == 1, "\(flagged)")
        #expect((flagged.stdout + flagged.stderr).contains("\(path):\(line + 1):15: error [no-placeholders]"), "\(flagged)")
        #expect((flagged.stdout + flagged.stderr).components(separatedBy: "[no-placeholders]").count == 2, "\(flagged)")
    }
}
