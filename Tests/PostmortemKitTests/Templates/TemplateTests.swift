import Foundation
import TestSupport
import Testing

@testable import PostmortemKit

/// The shipped template: embedded copy, rendering, and that a rendered draft parses.
@Suite struct TemplateTests {
    /// `templates/default.md`, in the package's root folder.
    static func templateFile() throws -> String {
        let url = URL(fileURLWithPath: PMBinary.packageRoot).appendingPathComponent("templates/default.md")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static let values = [
        "title": FrontMatterEncoder.doubleQuotedContent("Checkout \"API\" returned 500s: 12% of requests"),
        "date": "2026-11-20", "severity": "SEV2",
        "services": FrontMatterEncoder.flowList(["checkout-api", "payments-db"]),
        "tags": FrontMatterEncoder.flowList([]), "authors": FrontMatterEncoder.flowList(["Dana Reyes"]),
    ]

    @Test func embeddedCopyMatchesTheFile() throws {
        #expect(
            DefaultTemplate.text == (try Self.templateFile()),
            "Sources/PostmortemKit/Templates/DefaultTemplate.swift drifted from templates/default.md; copy the file into the raw string"
        )
    }

    @Test func renderedTemplateParsesWithoutErrors() throws {
        let text = TemplateRenderer.render(DefaultTemplate.text, values: Self.values)
        #expect(!text.contains("{{"))
        let postmortem = PostmortemParser.parse(text, path: "postmortems/2026-11-20-checkout-api-returned-500s.md")
        #expect(postmortem.errors.isEmpty, "\(postmortem.errors)")
        #expect(postmortem.title == "Checkout \"API\" returned 500s: 12% of requests")
        #expect(postmortem.date?.description == "2026-11-20")
        #expect(postmortem.severity == "SEV2")
        #expect(postmortem.status == .draft)
        #expect(postmortem.services == ["checkout-api", "payments-db"])
        #expect(postmortem.tags == [])
        #expect(postmortem.authors == ["Dana Reyes"])
        for key in Postmortem.timestampFields {
            #expect(postmortem.frontMatter?[key]?.style == .empty, "\(key)")
        }
        #expect(
            postmortem.sections.map(\.kind) == [
                .summary, .impact, .timeline, .rootCause, .whatWentWell, .whatDidNotGoWell, .whereWeGotLucky,
                .actionItems, .lessonsLearned,
            ])
        #expect(postmortem.sections.allSatisfy { $0.isEmpty })
        #expect(postmortem.timeline.isEmpty && postmortem.actionItems.isEmpty)
    }

    @Test func guidanceIsBlamelessAndHasExamples() {
        let text = DefaultTemplate.text
        #expect(text.contains("reasonable at the time"))
        #expect(text.contains("- 14:02 "))
        #expect(text.contains("- [ ] ") && text.contains("owner: @") && text.contains("due: "))
        let sections = PostmortemParser.parse(TemplateRenderer.render(text, values: Self.values)).sections
        for section in sections {
            #expect(section.blocks.first?.isHTMLComment == true, "\(section.title) starts with guidance")
        }
    }

    @Test func examplesInTheGuidanceParseAsTheyShould() throws {
        // The commented examples, uncommented, are a valid timeline entry and action item.
        let text = DefaultTemplate.text
        let entry = try #require(text.split(separator: "\n").first { $0.hasPrefix("- 14:02 ") })
        let item = try #require(text.split(separator: "\n").first { $0.hasPrefix("- [ ] ") })
        let postmortem = PostmortemParser.parse("---\ndate: 2026-11-20\n---\n## Timeline\n\(entry)\n## Action items\n\(item)\n")
        #expect(postmortem.errors.isEmpty)
        #expect(postmortem.timeline.first?.timestamp != nil)
        #expect(postmortem.actionItems.first?.owner != nil)
        #expect(postmortem.actionItems.first?.due != nil)
    }

    @Test func rendererReplacesKnownKeysOnly() {
        let rendered = TemplateRenderer.render(
            "a {{title}} b {{ date }} c {{unknown}} d {{title}} {{ {{x}} }}e{{",
            values: ["title": "T {{date}}", "date": "D", "x": "X"])
        #expect(rendered == "a T {{date}} b D c {{unknown}} d T {{date}} {{ X }}e{{")
    }

    @Test func rendererKeepsUnicodeAndLineBreaks() {
        #expect(TemplateRenderer.render("é{{k}}\r\n{{k}}", values: ["k": "😀"]) == "é😀\r\n😀")
        #expect(TemplateRenderer.render("{{multi\nline}}", values: ["multi\nline": "x"]) == "{{multi\nline}}")
        #expect(TemplateRenderer.render("", values: [:]) == "")
    }
}
