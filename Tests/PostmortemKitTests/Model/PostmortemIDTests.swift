import Foundation
import Testing

@testable import PostmortemKit

/// Postmortem ids: validation and construction.
@Suite struct PostmortemIDTests {
    @Test func validIDs() throws {
        let id = try #require(PostmortemID(validating: "2026-11-20-checkout-500s"))
        #expect(id.date == LocalDate(year: 2026, month: 11, day: 20))
        #expect(id.slug == "checkout-500s")
        #expect(id.description == "2026-11-20-checkout-500s")
        #expect(PostmortemID(validating: "2026-11-20-x") != nil)
        #expect(PostmortemID(validating: "2026-11-20-checkout-500s-2") != nil)
    }

    @Test(arguments: [
        "2026-11-20", "2026-11-20-", "2026-11-20-Checkout", "2026-11-20-check--out", "2026-11-20-checkout-",
        "2026-11-20--checkout", "2026-11-20-check/out", "2026-11-20-..", "../2026-11-20-x", "2026-11-20-a..b",
        "2026-02-30-impossible-date", "26-11-20-short-year", "2026-11-20-tab\there", "2026-11-20-nul\u{0}",
        "2026-11-20-café", "2026-11-20-with space", "2026-11-20_underscore", " 2026-11-20-x",
        "2026-11-20-" + String(repeating: "a", count: 80),
    ])
    func invalidIDs(text: String) {
        #expect(PostmortemID(validating: text) == nil)
    }

    @Test func madeFromDateAndTitle() throws {
        let date = try #require(LocalDate(iso: "2026-11-20"))
        let id = PostmortemID.make(date: date, title: "Zürich café outage — Ærø")
        #expect(id.rawValue == "2026-11-20-zurich-cafe-outage-aero")
        #expect(PostmortemID(validating: id.rawValue) == id)
        #expect(id.withSuffix(2).rawValue == "2026-11-20-zurich-cafe-outage-aero-2")
        #expect(PostmortemID.make(date: date, title: "🔥").rawValue == "2026-11-20-untitled")
        let long = PostmortemID.make(date: date, title: String(repeating: "word ", count: 60))
        #expect(PostmortemID(validating: long.withSuffix(12).rawValue) != nil)
    }

    @Test func codableAsAString() throws {
        let id = try #require(PostmortemID(validating: "2026-11-20-x"))
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-11-20-x\"]")
        #expect(try JSONDecoder().decode([PostmortemID].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PostmortemID].self, from: Data("[\"../x\"]".utf8))
        }
    }
}
