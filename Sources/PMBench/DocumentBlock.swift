/// One block of a generated document (front matter, a heading, a paragraph, a list, a table, a fenced code block),
/// kept with its Markdown so that a new version joins the blocks' text and writes again only what an edit changed.
struct DocumentBlock {
    enum Content {
        /// `key: value` lines between `---` fences.
        case frontMatter([String])
        case heading(level: Int, text: String)
        /// Sentences, written one after the other.
        case paragraph([String])
        case list(ordered: Bool, items: [String])
        /// The header row first.
        case table([[String]])
        /// The lines between the fences.
        case code(language: String, lines: [String])
    }

    /// The column prose wraps at, or nil for a paragraph on one line (both kinds of writer exist).
    let width: Int?
    var content: Content {
        didSet { text = Self.render(content, width: width) }
    }
    /// The block's Markdown, without a trailing newline.
    private(set) var text: String

    init(_ content: Content, width: Int?) {
        self.width = width
        self.content = content
        text = Self.render(content, width: width)
    }

    /// The heading's level, nil for any other block.
    var headingLevel: Int? {
        if case .heading(let level, _) = content { return level }
        return nil
    }

    private static func render(_ content: Content, width: Int?) -> String {
        switch content {
        case .frontMatter(let lines):
            return "---\n" + lines.joined(separator: "\n") + "\n---"
        case .heading(let level, let text):
            return String(repeating: "#", count: level) + " " + text
        case .paragraph(let sentences):
            return wrap(sentences.joined(separator: " "), width: width, indent: "")
        case .list(let ordered, let items):
            return items.enumerated().map { index, item in
                let marker = ordered ? "\(index + 1). " : "- "
                return marker
                    + wrap(item, width: width.map { $0 - marker.count }, indent: String(repeating: " ", count: marker.count))
            }.joined(separator: "\n")
        case .table(let rows):
            guard let header = rows.first else { return "" }
            var lines = [
                "| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in "---" }.joined(separator: "|") + "|",
            ]
            for row in rows.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
            return lines.joined(separator: "\n")
        case .code(let language, let lines):
            return "```" + language + "\n" + lines.joined(separator: "\n") + "\n```"
        }
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word gets a line of its own), each
    /// line after the first starting with `indent`; one line when `width` is nil.
    private static func wrap(_ text: String, width: Int?, indent: String) -> String {
        guard let width, text.utf8.count > width else { return text }
        var result = ""
        var lineLength = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let length = word.utf8.count
            if lineLength == 0 {
                result += word
                lineLength = length
            } else if lineLength + 1 + length <= width {
                result += " "
                result += word
                lineLength += 1 + length
            } else {
                result += "\n" + indent
                result += word
                lineLength = length
            }
        }
        return result
    }
}
