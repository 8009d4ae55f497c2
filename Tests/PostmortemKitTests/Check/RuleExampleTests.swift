import Foundation
import Testing

@testable import PostmortemKit

/// Runs every registered rule's passing and failing examples, and variants of each failing example
/// that must not change what is found: inside a code block, behind a disable comment, after a
/// multibyte line, with CRLF line endings.
@Suite struct RuleExampleTests {
    /// A failing example with its `↓` markers removed and turned into positions.
    struct MarkedExample {
        /// The example without markers.
        var text: String
        /// Where each marker was: 1-based line, UTF-8 byte column.
        var markers: [SourcePosition]
        /// The line of the closing `---` of the front matter, nil without one.
        var frontMatterEnd: Int?

        init(_ example: String) {
            var text = ""
            var markers: [SourcePosition] = []
            var line = 1
            var column = 1
            for scalar in example.unicodeScalars {
                if Character(scalar) == RuleDescription.marker {
                    markers.append(SourcePosition(line: line, column: column))
                    continue
                }
                text.unicodeScalars.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += UTF8.width(scalar)
                }
            }
            self.text = text
            self.markers = markers.sorted()
            let lines = MarkedExample.lines(text)
            if lines.first == "---", let closing = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) {
                frontMatterEnd = closing + 1
            }
        }

        static func lines(_ text: String) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }

        /// Whether every marker is in the Markdown body (after the front matter).
        var allMarkersInBody: Bool {
            guard let frontMatterEnd else { return false }
            return markers.allSatisfy { $0.line > frontMatterEnd }
        }

        /// The text with `inserted` lines placed before 1-based line `line`.
        func inserting(_ inserted: [String], beforeLine line: Int) -> String {
            var lines = MarkedExample.lines(text)
            lines.insert(contentsOf: inserted, at: min(line - 1, lines.count))
            return lines.joined(separator: "\n")
        }
    }

    static let ruleIDs = RuleRegistry.all.map { $0.description.id }

    /// The positions of the findings of `ruleID` when `text` is checked with every registered rule.
    func positions(of ruleID: String, in text: String) -> (positions: [SourcePosition], findings: [Finding]) {
        let findings = Checker.checkExample(text)
        return (findings.filter { $0.ruleID == ruleID }.map(\.position).sorted(), findings)
    }

    func expect(
        _ ruleID: String, in text: String, at expected: [SourcePosition], _ variant: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (actual, findings) = positions(of: ruleID, in: text)
        #expect(
            actual == expected.sorted(),
            "\(ruleID), \(variant): expected findings at \(expected), got \(actual)\n\(text)\n\(findings.map { "\($0.position) [\($0.ruleID)] \($0.message)" }.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }

    @Test(arguments: ruleIDs)
    func examples(ruleID: String) throws {
        let description = try #require(RuleRegistry.rule(id: ruleID)).description
        #expect(!description.passingExamples.isEmpty, "\(ruleID) has no passing example")
        #expect(!description.failingExamples.isEmpty, "\(ruleID) has no failing example")
        let unused = UnusedSuppressionRule.description.id

        for example in description.passingExamples {
            expect(ruleID, in: example, at: [], "passing example")
            expect(ruleID, in: example.replacingOccurrences(of: "\n", with: "\r\n"), at: [], "passing example, CRLF")
        }

        for example in description.failingExamples {
            let marked = MarkedExample(example)
            #expect(!marked.markers.isEmpty, "\(ruleID): a failing example has no \(RuleDescription.marker) marker")
            expect(ruleID, in: marked.text, at: marked.markers, "failing example")

            // CRLF line endings: the same positions.
            expect(ruleID, in: marked.text.replacingOccurrences(of: "\n", with: "\r\n"), at: marked.markers, "CRLF")

            guard let frontMatterEnd = marked.frontMatterEnd else { continue }

            // A multibyte line after the front matter: body findings move down one line.
            let shifted = marked.markers.map {
                $0.line > frontMatterEnd ? SourcePosition(line: $0.line + 1, column: $0.column) : $0
            }
            expect(
                ruleID, in: marked.inserting(["<!-- é 東京 ☃ -->"], beforeLine: frontMatterEnd + 1), at: shifted,
                "multibyte line after the front matter")

            // Findings about the front matter stay whatever the body holds.
            guard marked.allMarkersInBody else { continue }

            // The whole body in a code block: nothing to find.
            let lines = MarkedExample.lines(marked.text)
            let head = lines[..<frontMatterEnd].joined(separator: "\n")
            let body = lines[frontMatterEnd...].joined(separator: "\n")
            expect(ruleID, in: head + "\n~~~~\n" + body + "\n~~~~\n", at: [], "body in a code block")

            // A disable comment before each marked line: silent, and the comments are all used.
            guard ruleID != unused else { continue }
            var disabled = marked
            for line in Set(marked.markers.map(\.line)).sorted(by: >) {
                disabled.text = disabled.inserting(["<!-- pm-disable-next-line \(ruleID) -->"], beforeLine: line)
            }
            expect(ruleID, in: disabled.text, at: [], "pm-disable-next-line before each marked line")
            expect(unused, in: disabled.text, at: [], "pm-disable-next-line before each marked line")
        }
    }
}
