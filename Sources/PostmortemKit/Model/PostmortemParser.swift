import Foundation

/// Turns the bytes of a postmortem file into a `Postmortem`; never throws, never crashes.
public enum PostmortemParser {
    /// Parses `bytes`. Every problem that makes the document malformed ends up in `errors`,
    /// each with `path`. Timestamps without a zone are read in `timeZone`.
    public static func parse(bytes: [UInt8], path: String? = nil, timeZone: TimeZone = .gmt) -> Postmortem {
        // A file this large is not a postmortem someone wrote (a pasted log, a dump): every command that read it
        // spent most of a minute on it. It is one positioned error instead, and is not parsed at all.
        guard bytes.count <= maximumByteCount else { return tooLarge(byteCount: bytes.count, path: path, timeZone: timeZone) }
        let source = SourceText(bytes: bytes)
        var errors = source.encodingErrors
        var postmortem = Postmortem(
            id: "", postmortemID: nil, path: path, source: source, timeZone: timeZone, frontMatter: nil,
            markdown: MarkdownDocument(blocks: [], errors: [], firstLine: 1), title: nil, date: nil, severity: nil,
            status: nil, services: [], tags: [], authors: [], related: [], supersedes: [], visibility: nil,
            started: nil, detected: nil, acknowledged: nil, mitigated: nil, resolved: nil, preamble: [],
            sections: [], timeline: [], actionItems: [], errors: [])
        if source.isBinary {
            postmortem.id = identifier(path: path, date: nil, title: nil)
            postmortem.postmortemID = PostmortemID(validating: postmortem.id)
            postmortem.errors = errors.map { $0.inFile(path) }
            return postmortem
        }

        errors += conflictMarkers(source)
        let frontMatter = FrontMatterParser.parse(source)
        postmortem.frontMatter = frontMatter
        if let frontMatter {
            errors += frontMatter.errors
            var fields = FieldReader(frontMatter: frontMatter, timeZone: timeZone)
            postmortem.title = fields.string("title")
            postmortem.date = fields.date("date")
            postmortem.severity = fields.string("severity")
            postmortem.status = fields.status()
            postmortem.services = fields.list("services")
            postmortem.tags = fields.list("tags")
            postmortem.authors = fields.list("authors")
            postmortem.related = fields.list("related")
            postmortem.supersedes = fields.list("supersedes")
            postmortem.visibility = fields.string("visibility")
            postmortem.started = fields.timestamp("started")
            postmortem.detected = fields.timestamp("detected")
            postmortem.acknowledged = fields.timestamp("acknowledged")
            postmortem.mitigated = fields.timestamp("mitigated")
            postmortem.resolved = fields.timestamp("resolved")
            errors += fields.errors
        } else {
            errors.append(missingFrontMatter(source))
        }

        let markdown = MarkdownParser.parse(source, fromLine: frontMatter?.bodyStartLine ?? 1)
        postmortem.markdown = markdown
        errors += markdown.errors

        let (preamble, sections) = makeSections(markdown.blocks)
        postmortem.preamble = preamble
        postmortem.sections = sections

        var timeline = TimelineParser(frontMatterDate: postmortem.date, timeZone: timeZone)
        for section in sections where section.kind == .timeline {
            timeline.read(section.blocks)
        }
        postmortem.timeline = timeline.entries
        errors += timeline.errors

        var actions = ActionItemParser()
        for section in sections where section.kind == .actionItems {
            actions.read(section.blocks)
        }
        postmortem.actionItems = actions.items
        errors += actions.errors

        postmortem.id = identifier(path: path, date: postmortem.date, title: postmortem.title)
        postmortem.postmortemID = PostmortemID(validating: postmortem.id)

        let ordered = errors.enumerated().sorted { lhs, rhs in
            lhs.element.position != rhs.element.position
                ? lhs.element.position < rhs.element.position : lhs.offset < rhs.offset
        }
        postmortem.errors = ordered.map { $0.element.inFile(path) }
        return postmortem
    }

    /// Parses `text` (see `parse(bytes:path:timeZone:)`).
    /// The largest file pm parses as a postmortem: 10 MiB, a hundred times the longest postmortem anyone writes.
    static let maximumByteCount = 10 * 1024 * 1024

    /// The postmortem of a file over `maximumByteCount`: no fields, no sections, one error at 1:1.
    private static func tooLarge(byteCount: Int, path: String?, timeZone: TimeZone) -> Postmortem {
        let id = identifier(path: path, date: nil, title: nil)
        let size = String(format: "%.1f", Double(byteCount) / 1_048_576)
        let error = DocumentError(
            "file too large (\(size) MiB): pm reads postmortems of at most \(maximumByteCount / 1_048_576) MiB; move logs and data into separate files and link to them",
            line: 1, column: 1, path: path)
        return Postmortem(
            id: id, postmortemID: PostmortemID(validating: id), path: path, source: SourceText(bytes: []),
            timeZone: timeZone, frontMatter: nil, markdown: MarkdownDocument(blocks: [], errors: [], firstLine: 1),
            title: nil, date: nil, severity: nil, status: nil, services: [], tags: [], authors: [], related: [],
            supersedes: [], visibility: nil, started: nil, detected: nil, acknowledged: nil, mitigated: nil,
            resolved: nil, preamble: [], sections: [], timeline: [], actionItems: [], errors: [error])
    }

    static func parse(_ text: String, path: String? = nil, timeZone: TimeZone = .gmt) -> Postmortem {
        parse(bytes: Array(text.utf8), path: path, timeZone: timeZone)
    }

    /// The file name without `.md`, else the id made from date and title, else "".
    static func identifier(path: String?, date: LocalDate?, title: String?) -> String {
        if let path {
            var name = Substring(path)
            if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
            if name.hasSuffix(".md") { name = name.dropLast(3) }
            if !name.isEmpty { return String(name) }
        }
        if let date { return PostmortemID.make(date: date, title: title ?? "").rawValue }
        return ""
    }

    static func missingFrontMatter(_ source: SourceText) -> DocumentError {
        var number = 1
        while number <= source.lineCount && SourceByte.isBlank(source.lineBytes(number)) { number += 1 }
        if number > 1 && number <= source.lineCount
            && FrontMatterParser.isDelimiter(source.lineBytes(number), marker: SourceByte.dash)
        {
            return DocumentError(
                "front matter must start on the first line: remove the blank lines before '---'", line: number, column: 1)
        }
        return DocumentError(
            "missing front matter: start the file with a '---' line, the fields (title, date, severity, status), and a closing '---'",
            line: 1, column: 1)
    }

    /// Groups top-level blocks under `##` headings.
    static func makeSections(_ blocks: [Block]) -> (preamble: [Block], sections: [Section]) {
        var preamble: [Block] = []
        var sections: [Section] = []
        var current: (heading: Block, info: Block.Heading, blocks: [Block])?
        func closeCurrent() {
            if let open = current {
                sections.append(
                    Section(
                        title: open.info.text, kind: SectionKind(heading: open.info.text), headingRange: open.heading.range,
                        titleRange: open.info.textRange, blocks: open.blocks))
            }
            current = nil
        }
        var inPreamble = true
        for block in blocks {
            if let heading = block.heading, heading.level <= 2 {
                closeCurrent()
                if heading.level == 2 {
                    current = (block, heading, [])
                    inPreamble = false
                } else {
                    preamble.append(block)
                    inPreamble = true
                }
                continue
            }
            if current != nil {
                current?.blocks.append(block)
            } else if inPreamble {
                preamble.append(block)
            }
        }
        closeCurrent()
        return (preamble, sections)
    }
}

extension PostmortemParser {
    /// Lines left by an unfinished merge (`<<<<<<< ours`, `>>>>>>> theirs`), reported as such rather than as
    /// whatever syntax error they happen to make. (`=======` alone is also a Markdown heading underline.)
    static func conflictMarkers(_ source: SourceText) -> [DocumentError] {
        var errors: [DocumentError] = []
        for (offset, line) in source.lines.enumerated() {
            // Nearly every line starts with something else: the check costs a byte, not a string, per line.
            guard let first = line.utf8.first, first == UInt8(ascii: "<") || first == UInt8(ascii: ">") else { continue }
            for marker in ["<<<<<<<", ">>>>>>>"] where line == marker || line.hasPrefix(marker + " ") {
                errors.append(
                    DocumentError(
                        "merge conflict marker '\(marker)': resolve the conflict (keep one side or combine them), then remove the markers",
                        line: offset + 1, column: 1))
            }
        }
        return errors
    }
}

/// Reads the typed fields out of the front matter, collecting type errors.
struct FieldReader {
    let frontMatter: FrontMatter
    let timeZone: TimeZone
    var errors: [DocumentError] = []

    init(frontMatter: FrontMatter, timeZone: TimeZone) {
        self.frontMatter = frontMatter
        self.timeZone = timeZone
    }

    /// A non-empty string value; a list is an error.
    mutating func string(_ key: String) -> String? {
        guard let entry = frontMatter[key] else { return nil }
        switch entry.value {
        case .string(let value):
            return value.isEmpty ? nil : value
        case .list:
            errors.append(
                DocumentError(
                    "'\(key)' must be a single value, not a list; write \(key): value", at: entry.valuePosition))
            return nil
        }
    }

    /// A list value; an empty value is an empty list, a non-empty string is an error.
    mutating func list(_ key: String) -> [String] {
        guard let entry = frontMatter[key] else { return [] }
        switch entry.value {
        case .list(let items):
            return items
        case .string(let value):
            if value.isEmpty { return [] }
            errors.append(
                DocumentError(
                    "'\(key)' must be a list; write \(key): [\(FrontMatterEncoder.scalar(value))]",
                    at: entry.valuePosition))
            return []
        }
    }

    mutating func date(_ key: String) -> LocalDate? {
        guard let entry = frontMatter[key], let text = string(key) else { return nil }
        switch LocalDate.parse(text) {
        case .success(let date):
            return date
        case .failure(let problem):
            errors.append(
                DocumentError(
                    problem.message("invalid date '\(text)'", advice: "write the date as YYYY-MM-DD"),
                    at: entry.valuePosition))
            return nil
        }
    }

    mutating func status() -> Status? {
        guard let entry = frontMatter["status"], let text = string("status") else { return nil }
        if let status = Status(rawValue: text) { return status }
        errors.append(
            DocumentError(
                "invalid status '\(text)'; use draft, in-review or published", at: entry.valuePosition))
        return nil
    }

    mutating func timestamp(_ key: String) -> Date? {
        guard let entry = frontMatter[key], let text = string(key) else { return nil }
        switch Timestamp.parseWithReason(text, timeZone: timeZone) {
        case .success(let date):
            return date
        case .failure(let problem):
            errors.append(
                DocumentError(
                    problem.message(
                        "invalid timestamp '\(text)' for '\(key)'",
                        advice: "use ISO 8601, e.g. 2026-11-20T14:02:00Z or 2026-11-20 14:02"),
                    at: entry.valuePosition))
            return nil
        }
    }
}
