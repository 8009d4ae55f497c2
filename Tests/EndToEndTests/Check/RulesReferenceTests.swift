import Foundation
import TestSupport
import Testing

/// The README's rules reference is generated; this keeps it in step with the rules (`make docs` regenerates it).
@Suite("Rules reference")
struct RulesReferenceTests {
    @Test("README.md's rules reference is exactly what pm rules --format markdown prints")
    func inSync() throws {
        let readme = try String(contentsOfFile: PMBinary.packageRoot + "/README.md", encoding: .utf8)
        let begin = "<!-- rules-reference:begin -->\n"
        let end = "<!-- rules-reference:end -->"
        let start = try #require(readme.range(of: begin), "README.md has no rules-reference markers")
        let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex))
        let embedded = String(readme[start.upperBound..<stop.lowerBound])
        let repo = try TemporaryRepository()
        let generated = try repo.pm(["rules", "--format", "markdown"])
        #expect(generated.status == 0)
        #expect(embedded == generated.stdout, "README.md's rules reference is out of date: run 'make docs'")
    }
}
