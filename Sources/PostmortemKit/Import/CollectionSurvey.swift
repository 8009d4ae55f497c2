import Foundation

/// What a folder of Markdown holds, for `pm init` to report before anything is converted: how many documents are not
/// in pm's format yet, their front-matter fields and their headings.
public struct CollectionSurvey: Sendable {
    /// The Markdown files that are not pm postmortems (READMEs and index pages left out).
    public var documents = 0
    /// The files already in pm's format.
    public var postmortems = 0
    /// Each front-matter field of the documents, with how many have it: most common first.
    public var fields: [(name: String, count: Int)] = []
    /// Each heading and bold label that opens a section (`## Impact`, `**Root cause:**`), with how many documents have
    /// it: most common first.
    public var headings: [(text: String, count: Int)] = []
    /// Documents without front matter, with TOML front matter, and with front matter pm cannot read.
    public var withoutFrontMatter = 0
    public var withTOML = 0
    public var unreadable = 0

    /// The survey of the Markdown files under `folder` (relative to `root`); nil when the folder does not exist.
    public static func survey(folder: String, root: String, timeZone: TimeZone) throws -> CollectionSurvey? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root + "/" + folder, isDirectory: &isFolder), isFolder.boolValue else {
            return nil
        }
        var survey = CollectionSurvey()
        var fieldCounts: [String: Int] = [:]
        var headingCounts: [String: Int] = [:]
        for path in try MarkdownListing.files(at: folder, root: root).files {
            guard let data = FileManager.default.contents(atPath: root + "/" + path) else { continue }
            let bytes = [UInt8](data)
            if ImportConverter.isPostmortem(path: path, bytes: bytes, timeZone: timeZone) {
                survey.postmortems += 1
                continue
            }
            survey.documents += 1
            let source = SourceText(bytes: bytes)
            if FrontMatterParser.isDelimiter(source.lineBytes(1), marker: SourceByte.plus) { survey.withTOML += 1 }
            let frontMatter = FrontMatterParser.parse(source, path: path)
            if let frontMatter {
                if !frontMatter.errors.isEmpty { survey.unreadable += 1 }
                for key in Set(frontMatter.keys) { fieldCounts[key, default: 0] += 1 }
            } else if !FrontMatterParser.isDelimiter(source.lineBytes(1), marker: SourceByte.plus) {
                survey.withoutFrontMatter += 1
            }
            var seen: Set<String> = []
            for block in MarkdownParser.parse(source, fromLine: frontMatter?.bodyStartLine ?? 1).blocks {
                if let heading = block.heading, heading.level > 1 || SectionKind(heading: heading.text) != nil {
                    seen.insert(String(repeating: "#", count: heading.level) + " " + heading.text)
                } else if let line = block.paragraphLines?.first, let label = ImportConverter.label(line.text),
                    SectionKind(heading: label.name) != nil
                {
                    seen.insert(label.marker)
                }
            }
            for heading in seen { headingCounts[heading, default: 0] += 1 }
        }
        func ranked(_ counts: [String: Int]) -> [(String, Int)] {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        survey.fields = ranked(fieldCounts)
        survey.headings = ranked(headingCounts)
        return survey
    }
}

extension CollectionSurvey: JSONRepresentable {
    public var jsonObject: [(String, JSONValue)] {
        [
            ("documents", .int(documents)), ("postmortems", .int(postmortems)),
            ("fields", .array(fields.map { .object([("name", .string($0.name)), ("count", .int($0.count))]) })),
            ("headings", .array(headings.map { .object([("text", .string($0.text)), ("count", .int($0.count))]) })),
            ("withoutFrontMatter", .int(withoutFrontMatter)), ("withTOML", .int(withTOML)),
            ("unreadableFrontMatter", .int(unreadable)),
        ]
    }
}
