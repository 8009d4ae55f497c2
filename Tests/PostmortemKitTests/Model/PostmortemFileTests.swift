import Testing

@testable import PostmortemKit

/// Which paths are postmortems and the ids their names give: decided on UTF-8 bytes, as git's paths are.
@Suite struct PostmortemFileTests {
    @Test func theIdIsTheNameWithoutItsMarkdownExtension() {
        #expect(PostmortemFile.id(ofPath: "postmortems/2026/2026-11-20-checkout.md") == "2026-11-20-checkout")
        #expect(PostmortemFile.id(ofPath: "postmortems/Outage.MD") == "Outage")
        #expect(PostmortemFile.id(ofPath: "2026-11-20-checkout.md") == "2026-11-20-checkout")
        #expect(PostmortemFile.id(ofPath: "postmortems/notes.txt") == "notes.txt")
        #expect(PostmortemFile.id(ofPath: "postmortems/md") == "md")
        #expect(PostmortemFile.id(ofPath: "postmortems/résumé-panne.md") == "résumé-panne")
        #expect(PostmortemFile.id(ofPath: "postmortems/.md") == "")
        #expect(PostmortemFile.id(ofPath: "") == "")
    }

    @Test func readmesIndexesHiddenAndSetAsideNamesAreNotPostmortems() {
        for name in ["a.md", "A.MD", "2026-11-20-checkout.Md", "panne-réseau.md", "readme.md.md"] {
            #expect(PostmortemFile.isPostmortemName(name), "\(name)")
        }
        for name in ["README.md", "readme.MD", "Index.md", "INDEX.MD", ".draft.md", "_draft.md", "notes.txt", "md", ".md", ""] {
            #expect(!PostmortemFile.isPostmortemName(name), "\(name)")
        }
    }

    @Test func aPathIsAPostmortemBelowTheFolderWithNoFolderSetAsideOnTheWay() {
        let folder = "postmortems"
        for path in ["postmortems/a.md", "postmortems/2026/a.md", "postmortems/team/2026/a.MD"] {
            #expect(PostmortemFile.isPostmortemPath(path, inFolder: folder), "\(path)")
        }
        for path in [
            "postmortems", "postmortems/", "postmortems/README.md", "postmortems/_drafts/a.md", "postmortems/.git/a.md",
            "postmortems/2026/.hidden/a.md", "postmortemsX/a.md", "other/postmortems/a.md", "a.md", "postmortems/a.txt",
            "postmortems/2026/",
        ] {
            #expect(!PostmortemFile.isPostmortemPath(path, inFolder: folder), "\(path)")
        }
        #expect(PostmortemFile.isPostmortemPath("docs/incidents/2026/a.md", inFolder: "docs/incidents"))
        #expect(!PostmortemFile.isPostmortemPath("docs/incidentsX/a.md", inFolder: "docs/incidents"))
    }
}
