import Testing

@testable import PostmortemKit

/// Slugs made from titles.
@Suite struct SlugTests {
    @Test(arguments: [
        ("Checkout API returned 500s", "checkout-api-returned-500s"),
        ("Zürich café outage — Ærø", "zurich-cafe-outage-aero"),
        ("Straße, Łódź, Øresund, Þingvellir, Œuvre", "strasse-lodz-oresund-thingvellir-oeuvre"),
        ("  --Leading & trailing!!--  ", "leading-trailing"),
        ("Didn't page: the on-call's phone", "didnt-page-the-on-calls-phone"),
        ("Typographic don’t", "typographic-dont"),
        ("ÀÉÎÕÜ çñ", "aeiou-cn"),
        ("multiple   spaces\tand\nlines", "multiple-spaces-and-lines"),
        ("Ünïcödé ﬁle", "unicode-file"),
        ("日本語 outage", "ri-ben-yu-outage"),
        ("Ошибка репликации базы данных", "osibka-replikacii-bazy-dannyh"),
        ("Αθήνα DNS", "athena-dns"),
        ("🔥🔥🔥", "untitled"),
        ("!!! ??? ...", "untitled"),
        ("", "untitled"),
        ("v2.3.1 rollout / 50% of pods", "v2-3-1-rollout-50-of-pods"),
    ])
    func slugs(title: String, slug: String) {
        #expect(Slug.make(title) == slug)
    }

    @Test func longTitlesAreCutAtAHyphen() {
        let title = String(repeating: "Database connection pool exhaustion ", count: 6)
        #expect(title.count > 200)
        let slug = Slug.make(title)
        #expect(slug.count <= 60)
        #expect(slug == "database-connection-pool-exhaustion-database-connection-pool")
        #expect(!slug.hasSuffix("-"))
    }

    @Test func aSingleLongWordIsCutAtSixty() {
        let slug = Slug.make(String(repeating: "a", count: 200))
        #expect(slug == String(repeating: "a", count: 60))
    }

    @Test func aCutRightBeforeAHyphenKeepsTheWholeWord() {
        let title = String(repeating: "b", count: 60) + " tail"
        #expect(Slug.make(title) == String(repeating: "b", count: 60))
    }

    @Test func slugsAreAlwaysSafe() {
        let titles = [
            "../../etc/passwd", "a/b\\c", "\u{0}\u{1}ctrl\u{7F}", "CON", "x\u{202E}y", String(repeating: "é-", count: 300),
        ]
        for title in titles {
            let slug = Slug.make(title)
            #expect(!slug.isEmpty && slug.count <= 60)
            #expect(slug.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
            #expect(!slug.contains("--") && !slug.hasPrefix("-") && !slug.hasSuffix("-"))
        }
    }
}
