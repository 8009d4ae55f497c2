import Foundation
import TestSupport

/// Generated collections of postmortems in the shapes teams keep them before pm: realistic sizes, seeded so that a
/// failure replays. Each has a tiny file, and one with CRLF line endings and a byte-order mark.
enum ImportCollections {
    /// How a collection is written.
    enum Shape: String, CaseIterable, CustomStringConvertible {
        /// UUID file names; `uuid, url, title, categories, keywords, company, product, start_time, end_time, summary,
        /// source_fetched_at`; prose without headings.
        case uuid
        /// Jekyll posts in `_posts/YYYY-MM-DD-slug.md`: `layout, title, date` (a timestamp), `tags, categories, author`.
        case jekyll
        /// Hugo pages in `content/incidents/slug.md`: `title, date, draft, description, tags`, `###` sections.
        case hugo
        /// Google Docs or Confluence exports: no front matter, `**Impact:**` paragraphs, tables for the timeline.
        case export
        /// Plain Markdown: a `#` title, prose, no front matter.
        case plain

        var description: String { rawValue }

        /// Where the collection lives (what `pm import` is given; nil: the postmortem folder).
        var folder: String? {
            switch self {
            case .uuid, .export: return nil
            case .jekyll: return "_posts"
            case .hugo: return "content/incidents"
            case .plain: return "docs/incidents"
            }
        }
    }

    /// One generated file.
    struct File {
        var path: String
        var bytes: [UInt8]
        var text: String { String(decoding: bytes, as: UTF8.self) }
        /// The incident date the file says, in whatever way its shape says it.
        var date: String
        /// True when it has a start and an end time pm reads once imported.
        var hasTimestamps: Bool
    }

    static let services = ["checkout-api", "payments-db", "search", "auth", "cdn", "queue", "dns", "billing", "s3"]
    static let words = [
        "the", "connection", "pool", "kept", "sending", "writes", "to", "old", "primary", "after", "failover", "and",
        "requests", "failed", "with", "errors", "while", "cache", "was", "cold", "deploy", "rolled", "back", "alerts",
        "fired", "latency", "rose", "in", "region", "replica", "lag", "grew", "queue", "backed", "up", "retries",
        "amplified", "load", "certificate", "expired", "on", "edge", "nodes", "customers", "saw", "timeouts", "during",
        "peak", "traffic", "configuration", "change", "removed", "capacity", "from", "cluster",
    ]
    static let titles = [
        "Checkout API returned 500s", "Payments database failover", "Search latency doubled", "Login failures in the EU",
        "CDN certificate expired", "Queue backlog delayed emails", "DNS records deleted", "Billing run charged twice",
        "Storage outage in us-east-1", "Cache stampede after deploy", "Replica lag broke reports", "Webhooks dropped",
    ]

    struct Writer {
        var random: SeededRandom

        mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        mutating func number(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(random.next() % UInt64(range.count))
        }

        mutating func sentence() -> String {
            let text = (0..<number(8...18)).map { _ in pick(ImportCollections.words) }.joined(separator: " ")
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        }

        mutating func paragraph() -> String { (0..<number(2...5)).map { _ in sentence() }.joined(separator: " ") }

        mutating func date() -> (text: String, year: Int, month: Int, day: Int) {
            let (year, month, day) = (number(2016...2025), number(1...12), number(1...28))
            return (String(format: "%04d-%02d-%02d", year, month, day), year, month, day)
        }

        mutating func uuid() -> String {
            let hex = (0..<32).map { _ in String(Int(random.next() % 16), radix: 16) }.joined()
            let parts = [
                hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
                hex.dropFirst(20),
            ]
            return parts.joined(separator: "-")
        }
    }

    /// `count` files of `shape`: the first is tiny, the second has CRLF line endings and a byte-order mark.
    static func make(_ shape: Shape, count: Int = 36, seed: UInt64 = 7) -> [File] {
        var writer = Writer(random: SeededRandom(seed: seed &+ UInt64(Shape.allCases.firstIndex(of: shape) ?? 0) * 1_000))
        var files: [File] = []
        for index in 0..<count {
            var file = make(shape, index: index, tiny: index == 0, writer: &writer)
            if index == 1 {
                file.bytes = [0xEF, 0xBB, 0xBF] + Array(file.text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            }
            files.append(file)
        }
        return files
    }

    private static func make(_ shape: Shape, index: Int, tiny: Bool, writer: inout Writer) -> File {
        let date = writer.date()
        let title = writer.pick(titles) + " (\(index + 1))"
        let slug = title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        let start = String(format: "%02d:%02d", writer.number(0...20), writer.number(0...59))
        let end = String(format: "%02d:%02d", writer.number(21...23), writer.number(0...59))
        let paragraphs = tiny ? ["It failed."] : (0..<writer.number(3...7)).map { _ in writer.paragraph() }
        switch shape {
        case .uuid:
            let id = writer.uuid()
            let service = writer.pick(services)
            let keywords =
                index % 2 == 0
                ? "keywords: [\(writer.pick(words)), \(writer.pick(words))]"
                : "keywords:\n  - \(writer.pick(words))\n  - \(writer.pick(words))"
            let sentence = tiny ? "Down." : writer.sentence()
            // Every fourth summary is wrapped over lines as YAML libraries write long text; the others are quoted.
            let summary =
                index % 4 == 3
                ? sentence.split(separator: " ").enumerated().map {
                    $0.offset > 0 && $0.offset % 6 == 0 ? "\n  " + $0.element : String($0.element)
                }
                .joined(separator: " ").replacingOccurrences(of: " \n", with: "\n")
                : "\"" + sentence.replacingOccurrences(of: " pool ", with: " \\\"pool\\\" ") + "\""
            let text = """
                ---
                uuid: \(id)
                url: https://status.example.com/incidents/\(id)
                title: "\(title)"
                categories: [\(writer.pick(["cloud", "database", "network", "security"]))]
                \(keywords)
                company: Example Corp
                product: \(service)
                start_time: \(date.text)T\(start):00Z
                end_time: \(date.text)T\(end):00Z
                summary: \(summary)
                source_fetched_at: 2024-06-01T12:00:00Z
                ---
                \(paragraphs.joined(separator: "\n\n"))

                """
            return File(path: "postmortems/\(id).md", bytes: Array(text.utf8), date: date.text, hasTimestamps: true)
        case .jekyll:
            let sections =
                tiny
                ? paragraphs[0]
                : """
                ## Summary
                \(paragraphs[0])

                ## Impact
                \(paragraphs[1])

                ## Timeline
                - \(start) Alerts fired.
                - \(end) Resolved.

                ## Root Cause
                \(paragraphs.dropFirst(2).joined(separator: "\n\n"))

                ## Action Items
                - [ ] Alert on replica lag — owner: @dana — due: \(date.year + 1)-01-15
                """
            let text = """
                ---
                layout: post
                title: "\(title)"
                date: \(date.text) \(start):00 +0100
                tags: [\(writer.pick(services))]
                categories: [incidents]
                author: dana
                ---

                \(sections)

                """
            return File(path: "_posts/\(date.text)-\(slug).md", bytes: Array(text.utf8), date: date.text, hasTimestamps: false)
        case .hugo:
            let body =
                tiny
                ? paragraphs[0]
                : """
                ### Executive Summary
                \(paragraphs[0])

                ### Customer Impact
                \(paragraphs[1])

                ### Root Cause Analysis
                \(paragraphs.dropFirst(2).joined(separator: "\n\n"))

                ### Next Steps
                - [ ] Add a runbook — owner: @lee — due: \(date.year + 1)-02-01
                """
            let text = """
                ---
                title: "\(title)"
                date: \(date.text)T\(start):00Z
                draft: false
                description: "\(tiny ? "Short." : writer.sentence())"
                tags: [\(writer.pick(services)), postmortem]
                weight: \(index)
                ---
                \(body)

                """
            return File(path: "content/incidents/\(slug).md", bytes: Array(text.utf8), date: date.text, hasTimestamps: false)
        case .export:
            let months = [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
                "December",
            ]
            let written = "\(months[date.month - 1]) \(date.day), \(date.year)"
            let body =
                tiny
                ? "**Date:** \(written)\n"
                : """
                **Date:** \(written) · **Authors:** Dana, Lee

                **Summary:** \(paragraphs[0])

                **Impact:** \(paragraphs[1])

                **Timeline**

                | Time | Event |
                |------|-------|
                | \(start) | Alerts fired for \(writer.pick(services)). |
                | \(end) | Service recovered. |

                **Root Cause:**
                \(paragraphs.dropFirst(2).joined(separator: "\n\n"))

                **Action Items**

                | Action | Owner | Due |
                |--------|-------|-----|
                | Add capacity alerts | @dana | \(date.year + 1)-03-01 |

                """
            let text = "# \(title)\n\n\(body)"
            return File(
                path: "postmortems/Incident report - \(title).md", bytes: Array(text.utf8), date: date.text,
                hasTimestamps: false)
        case .plain:
            let withDate = index % 3 != 2
            let heading = withDate ? "\(date.text): \(title)" : title
            let text = "# \(heading)\n\n\(paragraphs.joined(separator: "\n\n"))\n"
            return File(
                path: "docs/incidents/\(slug).md", bytes: Array(text.utf8), date: withDate ? date.text : "", hasTimestamps: false)
        }
    }
}
