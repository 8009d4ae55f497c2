import Testing

@testable import PostmortemKit

/// Edit distance and the nearest name, behind every "Did you mean …?".
@Suite struct EditDistanceTests {
    @Test(arguments: [
        ("", "", 0),
        ("", "abc", 3),
        ("abc", "", 3),
        ("list", "list", 0),
        ("lsit", "list", 1),
        ("sevrity", "severity", 1),
        ("kitten", "sitting", 3),
        ("ab", "ba", 1),
        ("ca", "abc", 3),
        ("instal", "install", 1),
        ("publshed", "published", 1),
    ])
    func distance(a: String, b: String, expected: Int) {
        #expect(EditDistance.distance(a, b) == expected)
        #expect(EditDistance.distance(b, a) == expected)
    }

    @Test func nearestWithinTheLimit() {
        #expect(EditDistance.nearest(to: "lsit", among: ["new", "list", "show"]) == "list")
        #expect(EditDistance.nearest(to: "sevrity", among: ["date", "severity", "service"]) == "severity")
        #expect(EditDistance.nearest(to: "shwo", among: ["new", "list", "show"]) == "show")
    }

    @Test func nothingFarAway() {
        #expect(EditDistance.nearest(to: "xyz", among: ["new", "list"]) == nil)
        #expect(EditDistance.nearest(to: "frobnicate", among: ["new", "list", "hooks"]) == nil)
        #expect(EditDistance.nearest(to: "anything", among: []) == nil)
    }

    @Test func limitGrowsWithLength() {
        // 2 edits are always allowed; from 9 characters on, a third of the length.
        #expect(EditDistance.nearest(to: "abxy", among: ["abcd"]) == "abcd")
        #expect(EditDistance.nearest(to: "axyz", among: ["abcd"]) == nil)
        #expect(EditDistance.nearest(to: "no-commmitxx", among: ["no-commit"]) == "no-commit")
        #expect(EditDistance.nearest(to: "no-cmmitxxxx", among: ["no-commit"]) == nil)
    }

    @Test func earlierCandidateWinsATie() {
        #expect(EditDistance.nearest(to: "ls", among: ["list", "log"]) == "list")
        #expect(EditDistance.nearest(to: "ls", among: ["log", "list"]) == "log")
    }
}
