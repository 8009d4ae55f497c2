import Foundation
import TestSupport
import Testing

@testable import PostmortemKit

/// Hostile inputs: deep nesting and huge documents must neither crash nor take long.
@Suite struct MarkdownDeepNestingTests {
    /// Generous bound: catches quadratic blow-ups, not a benchmark.
    static let limit = Duration.seconds(20)

    func timed<T>(_ body: () -> T) -> (T, Duration) {
        let clock = ContinuousClock()
        var result: T?
        let elapsed = clock.measure { result = body() }
        // `measure` always runs the closure, so `result` is set.
        return (result ?? body(), elapsed)
    }

    /// The deepest chain of nested blocks in the tree, counted iteratively.
    func depth(_ blocks: [Block]) -> Int {
        var deepest = 0
        var stack = blocks.map { ($0, 1) }
        while let (block, level) = stack.popLast() {
            deepest = max(deepest, level)
            stack += block.children.map { ($0, level + 1) }
        }
        return deepest
    }

    @Test func tenThousandNestedListsOnOneLine() {
        let text = String(repeating: "- ", count: 10_000) + "item\n"
        let (document, elapsed) = timed { MarkdownParser.parse(text) }
        #expect(elapsed < Self.limit)
        #expect(depth(document.blocks) <= 2 * MarkdownParser.maximumNestingDepth + 2)
        #expect(document.errors.count == 1)
        #expect(document.errors.first?.position == SourcePosition(line: 1, column: 2 * MarkdownParser.maximumNestingDepth + 1))
        #expect(document.errors.first?.message.contains("nesting deeper than 64 levels") == true)
    }

    @Test func tenThousandNestedQuotes() {
        let text = String(repeating: ">", count: 10_000) + " deep\n" + String(repeating: "> ", count: 10_000) + "again\n"
        let (document, elapsed) = timed { MarkdownParser.parse(text) }
        #expect(elapsed < Self.limit)
        #expect(depth(document.blocks) <= MarkdownParser.maximumNestingDepth + 2)
        #expect(document.errors.first?.position == SourcePosition(line: 1, column: MarkdownParser.maximumNestingDepth + 1))
    }

    @Test func tenThousandIndentedListLevels() {
        let text = (0..<10_000).map { String(repeating: " ", count: 2 * ($0 % 3_000)) + "- item \($0)" }
            .joined(separator: "\n")
        let (postmortem, elapsed) = timed { PostmortemParser.parse(text) }
        #expect(elapsed < Self.limit)
        #expect(depth(postmortem.markdown.blocks) <= 2 * MarkdownParser.maximumNestingDepth + 2)
    }

    @Test func tenThousandQuoteLinesOfGrowingDepth() {
        let text = (0..<10_000).map { String(repeating: "> ", count: $0 % 500) + "line \($0)" }.joined(separator: "\n")
        let (document, elapsed) = timed { MarkdownParser.parse(text) }
        #expect(elapsed < Self.limit)
        #expect(!document.blocks.isEmpty)
    }

    @Test func deepTreeDumpsAndComparesWithoutRecursionTrouble() {
        let text = String(repeating: "- ", count: 10_000) + "item\n"
        let first = MarkdownParser.parse(text)
        let second = MarkdownParser.parse(text)
        #expect(first == second)
        #expect(first.debugDump().split(separator: "\n").count > MarkdownParser.maximumNestingDepth)
    }

    @Test func aHundredThousandLineDocument() {
        var lines = ["---", "title: Huge", "date: 2026-11-20", "---"]
        for index in 0..<100_000 {
            switch index % 10 {
            case 0: lines.append("## Section \(index)")
            case 1: lines.append("## Timeline")
            case 2: lines.append("- 14:\(String(format: "%02d", index % 60)) Event `code` \(index)")
            case 3: lines.append("## Action items")
            case 4: lines.append("- [ ] Fix \(index) — owner: @x — due: 2026-12-01")
            case 5: lines.append("")
            case 6: lines.append("| a | b |")
            case 7: lines.append("|---|---|")
            case 8: lines.append("<!-- comment \(index) -->")
            default: lines.append("Paragraph text with **bold** and `code` on line \(index).")
            }
        }
        let text = lines.joined(separator: "\n")
        let (postmortem, elapsed) = timed { PostmortemParser.parse(text) }
        #expect(elapsed < Self.limit)
        #expect(postmortem.errors.count == 0)
        #expect(postmortem.sections.count == 30_000)
        #expect(postmortem.timeline.count == 10_000)
        #expect(postmortem.actionItems.count == 10_000)
    }

    @Test func aHugeSingleLine() {
        let text = "---\ntitle: x\n---\n" + String(repeating: "word `code` | ", count: 100_000)
        let (postmortem, elapsed) = timed { PostmortemParser.parse(text) }
        #expect(elapsed < Self.limit)
        #expect(postmortem.preamble.count == 1)
    }

    @Test func pathologicalFrontMatter() {
        let text =
            "---\n" + String(repeating: "tags: [a, \"b\", c]\n", count: 20_000) + String(repeating: "[", count: 100_000)
            + "\n---\n"
        let (postmortem, elapsed) = timed { PostmortemParser.parse(text) }
        #expect(elapsed < Self.limit)
        #expect(postmortem.errors.count == 20_000)
    }

    @Test func randomInputNeverCrashes() throws {
        var generator = SeededRandom(seed: 42)
        let alphabet = Array("-*+>#`~|[]x \t\n\r<!-:0123456789aé\"'{}&!\\;—–@,.".utf8) + [0xFF, 0xC3, 0x00, 0xE2]
        let fragments = [
            "---\n", "title: x\n", "date: 2026-11-20\n", "## Timeline\n", "## Action items\n", "- ", "  ", "> ",
            "- [ ] ", "- [x] ", "14:02 ", "2026-11-21 00:15 ", "owner: @a", " — ", "due: 2026-12-01", " | ", ";", "`",
            "```\n", "~~~\n", "<!--", "-->", "\n", "\n\n", "| a | b |\n", "|---|---|\n", "tags: [a, b]\n",
            "services:\n", "  - x\n", "\"", "'", "...\n", "1. ", "    ", "\t", "25:61", "+02:00", "Z", " UTC",
        ]
        for iteration in 0..<1_000 {
            var bytes: [UInt8] = []
            if iteration % 2 == 0 {
                let count = Int(generator.next() % 300)
                bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            } else {
                for _ in 0..<Int(generator.next() % 60) {
                    bytes += Array(fragments[Int(generator.next() % UInt64(fragments.count))].utf8)
                }
            }
            let postmortem = PostmortemParser.parse(bytes: bytes)
            _ = try JSONSerialization.jsonObject(with: Data(postmortem.json.serialized().utf8))
            _ = postmortem.markdown.debugDump()
            for item in postmortem.actionItems {
                _ = try? PostmortemEditor.settingActionItemDone(number: item.number, done: !item.isDone, in: bytes)
            }
            let edited = PostmortemEditor.settingFrontMatterValue("status", to: "in-review", in: bytes)
            if postmortem.errors.isEmpty {
                #expect(PostmortemParser.parse(bytes: edited).status == .inReview)
            }
        }
    }
}
