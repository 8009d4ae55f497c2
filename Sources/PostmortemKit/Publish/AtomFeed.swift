import Foundation
import Git

/// An Atom 1.0 feed (RFC 4287), written as XML.
///
/// Every value is escaped for XML and stripped of the characters XML forbids; entry content is HTML, escaped as
/// `type="html"` asks. The same feed always gives the same bytes.
public struct AtomFeed: Sendable {
    /// An `atom:category`: the term and a label for people.
    public struct Category: Hashable, Sendable {
        public var term: String
        var label: String

        init(term: String, label: String) {
            self.term = term
            self.label = label
        }
    }

    /// One `atom:entry`.
    public struct Entry: Sendable {
        /// The entry's permanent IRI.
        public var id: String
        public var title: String
        public var updated: Date
        public var published: Date?
        /// Plain text.
        public var summary: String?
        /// An HTML fragment, the entry's content.
        var contentHTML: String
        /// Where the entry can be read (`rel="alternate"`).
        public var link: String?
        public var categories: [Category]

        init(
            id: String, title: String, updated: Date, published: Date?, summary: String?, contentHTML: String, link: String?,
            categories: [Category]
        ) {
            self.id = id
            self.title = title
            self.updated = updated
            self.published = published
            self.summary = summary
            self.contentHTML = contentHTML
            self.link = link
            self.categories = categories
        }
    }

    /// The Atom namespace.
    static let namespace = "http://www.w3.org/2005/Atom"

    public var id: String
    public var title: String
    public var author: String
    public var updated: Date
    /// The site the feed belongs to (`rel="alternate"`).
    public var link: String?
    /// Where the feed itself is served (`rel="self"`).
    public var selfLink: String?
    /// The program that wrote it and its version, for `atom:generator`.
    var generator: (name: String, version: String?)?
    public var entries: [Entry]

    init(
        id: String, title: String, author: String, updated: Date, link: String?, selfLink: String?,
        generator: (name: String, version: String?)?, entries: [Entry]
    ) {
        self.id = id
        self.title = title
        self.author = author
        self.updated = updated
        self.link = link
        self.selfLink = selfLink
        self.generator = generator
        self.entries = entries
    }

    /// The feed as an XML document, ending with a newline.
    public func xml() -> String {
        var output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"\(AtomFeed.namespace)\">\n"
        output += "  <id>" + HTMLEscaper.text(id) + "</id>\n"
        output += "  <title type=\"text\">" + AtomFeed.line(title) + "</title>\n"
        output += "  <updated>" + ReadableTime.rfc3339(updated) + "</updated>\n"
        output += "  <author><name>" + AtomFeed.line(author) + "</name></author>\n"
        if let link { output += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + HTMLEscaper.attribute(link) + "\"/>\n" }
        if let selfLink {
            output += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + HTMLEscaper.attribute(selfLink) + "\"/>\n"
        }
        if let generator {
            output += "  <generator"
            if let version = generator.version { output += " version=\"" + HTMLEscaper.attribute(version) + "\"" }
            output += ">" + HTMLEscaper.text(generator.name) + "</generator>\n"
        }
        for entry in entries {
            output += "  <entry>\n"
            output += "    <id>" + HTMLEscaper.text(entry.id) + "</id>\n"
            output += "    <title type=\"text\">" + AtomFeed.line(entry.title) + "</title>\n"
            output += "    <updated>" + ReadableTime.rfc3339(entry.updated) + "</updated>\n"
            if let published = entry.published {
                output += "    <published>" + ReadableTime.rfc3339(published) + "</published>\n"
            }
            if let link = entry.link {
                output += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + HTMLEscaper.attribute(link) + "\"/>\n"
            }
            for category in entry.categories {
                output +=
                    "    <category term=\"" + HTMLEscaper.attribute(category.term) + "\" label=\""
                    + HTMLEscaper.attribute(category.label) + "\"/>\n"
            }
            if let summary = entry.summary, !summary.isEmpty {
                output += "    <summary type=\"text\">" + HTMLEscaper.text(summary) + "</summary>\n"
            }
            output += "    <content type=\"html\">" + HTMLEscaper.text(entry.contentHTML) + "</content>\n"
            output += "  </entry>\n"
        }
        output += "</feed>\n"
        return output
    }

    /// Text for a one-line element: escaped, line breaks and runs of blanks made single spaces.
    private static func line(_ text: String) -> String {
        HTMLEscaper.text(text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    }

    /// A name-based `urn:uuid:` for `name`: the first 128 bits of its SHA-1 (as git hashes a blob), marked as a
    /// version 8 UUID (RFC 9562), so the same name always gives the same id.
    static func uuidURN(for name: String) throws -> String {
        let hex = Array(try Repository.blobID(of: Array(name.utf8)).hex.prefix(32))
        var digits = hex
        digits[12] = "8"
        let variant = Int(String(hex[16]), radix: 16) ?? 0
        digits[16] = Character(String((variant & 0x3) | 0x8, radix: 16))
        let text = String(digits)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(text.dropFirst(range.lowerBound).prefix(range.count))
        }
        return "urn:uuid:" + parts.joined(separator: "-")
    }
}
