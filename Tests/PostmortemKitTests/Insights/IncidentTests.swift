import Testing

@testable import PostmortemKit

/// An incident read from the index, as follow-through and the site see it.
@Suite struct IncidentTests {
    static func incident(visibility: String?) -> Incident {
        Incident(
            id: "2026-11-20-checkout", path: "postmortems/2026-11-20-checkout.md", title: "Checkout", date: nil,
            severity: nil, status: .published, services: [], tags: [], authors: [],
            facts: PostmortemFacts(visibility: visibility), actionItems: [])
    }

    @Test("public only when visibility is exactly 'public', as the checker and pm export read it")
    func isPublicMatchesVisibilityExactly() {
        #expect(Self.incident(visibility: "public").isPublic)
        for value in ["Public", "PUBLIC", "internal", "external", nil] as [String?] {
            #expect(!Self.incident(visibility: value).isPublic, "\(value ?? "nil")")
        }
        // The checker reports `Public` as a value pm does not know, and pm export does not publish it.
        let postmortem = PostmortemParser.parse(bytes: Array("---\ntitle: x\nvisibility: Public\n---\n".utf8))
        #expect(postmortem.effectiveVisibility == nil)
        let context = CheckContext(configuration: Configuration(), today: LocalDate(daysSinceEpoch: 20_000))
        #expect(VisibilityValueRule().check(postmortem, context: context).count == 1)
    }
}
