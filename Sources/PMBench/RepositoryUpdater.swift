import Foundation

/// Commits to a generated repository the way its writers do between two searches, one `git commit` at a time: mostly
/// a small edit to a document (a word, a new paragraph, a line of code), sometimes a new document or a rename.
struct RepositoryUpdater {
    let repository: String
    let folder: String
    /// The documents at the current commit.
    private var paths: [String]
    private var writer = ProseWriter(random: SeededGenerator(seed: 15))
    private var edits = 0
    private var added = 0
    private var renamed = 0

    init(repository: String, folder: String, paths: [String]) {
        self.repository = repository
        self.folder = folder
        self.paths = paths.filter { $0.hasSuffix(".md") }
    }

    /// What the commits made so far were.
    var summary: String { "\(edits) edits, \(added) new documents, \(renamed) renames" }

    /// Makes one commit.
    mutating func commitOneChange() throws {
        guard !paths.isEmpty else { throw BenchError("no documents in \(repository)/\(folder)") }
        let draw = writer.random.int(in: 0...99)
        if draw < 8 {
            try addDocument()
        } else if draw < 16 {
            try renameDocument()
        } else {
            let path = writer.random.pick(paths)
            try edit(path)
            try commit([path], message: "Revise \(Self.name(of: path))")
            edits += 1
        }
    }

    private mutating func addDocument() throws {
        added += 1
        let number = 9_000 + added
        let date = UTCMinute.historyStart.adding(minutes: 3_000_000 + added * 60)
        var document = GeneratedDocument.design(number: number, date: date, targetBytes: 16 * 1_024, writer: &writer)
        let path = unusedPath("\(folder)/rfcs/\(number)-\(PostmortemGenerator.slug(document.title))")
        document.path = path
        try write(document.markdown, to: path)
        paths.append(path)
        try commit([path], message: "Add \(Self.name(of: path))")
    }

    /// Renames a document to a new slug (its number or date kept), with a small edit, as one commit.
    private mutating func renameDocument() throws {
        let index = writer.random.int(in: 0...(paths.count - 1))
        let source = paths[index]
        let directory = source.split(separator: "/").dropLast().joined(separator: "/")
        let name = Self.name(of: source)
        let kept = source.contains("/rfcs/") ? String(name.prefix { $0 != "-" }) : String(name.prefix(10))
        let destination = unusedPath("\(directory)/\(kept)-\(PostmortemGenerator.slug(writer.designTitle()))")
        try ChildProcess.run("git", ["mv", "--", source, destination], in: repository)
        paths[index] = destination
        try edit(destination)
        try commit([destination], message: "Rename \(name) to \(Self.name(of: destination))")
        renamed += 1
    }

    /// One small edit to the file at `path`: a word of a prose line, a new paragraph, or a line of a code block.
    private mutating func edit(_ path: String) throws {
        let text = try String(contentsOfFile: repository + "/" + path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var prose: [Int] = []
        var code: [(line: Int, language: String)] = []
        var blank: [Int] = []
        var fence: String?
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                fence = fence == nil ? String(line.dropFirst(3)) : nil
            } else if let language = fence {
                code.append((index, language.isEmpty ? "text" : language))
            } else if line.isEmpty {
                blank.append(index)
            } else if line.utf8.count >= 40, let first = line.first, first.isLetter {
                prose.append(index)
            }
        }
        let draw = writer.random.int(in: 0...9)
        if draw < 6, let line = writer.random.pickIfAny(prose) {
            var words = lines[line].split(separator: " ").map(String.init)
            let plain = words.indices.dropFirst().filter { words[$0].allSatisfy(\.isLetter) }
            if let word = writer.random.pickIfAny(plain) {
                var replacement = writer.word()
                while replacement == words[word] { replacement = writer.word() }
                words[word] = replacement
                lines[line] = words.joined(separator: " ")
            } else {
                lines[line] += " " + writer.sentence()
            }
        } else if draw < 8, let line = writer.random.pickIfAny(code) {
            lines[line.line] = writer.codeLine(line.language)
        } else if let line = writer.random.pickIfAny(blank) {
            lines.insert(contentsOf: [writer.sentences(2...5).joined(separator: " "), ""], at: line + 1)
        } else {
            lines.append(writer.sentence())
        }
        try write(lines.joined(separator: "\n"), to: path)
    }

    private func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: repository + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    private func commit(_ paths: [String], message: String) throws {
        try ChildProcess.run("git", ["add", "--"] + paths, in: repository)
        try ChildProcess.run(
            "git", ["-c", "user.name=pm-bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", message],
            in: repository)
    }

    /// `<stem>.md`, or `<stem>-2.md`, … when a file has that name.
    private func unusedPath(_ stem: String) -> String {
        var candidate = stem + ".md"
        var suffix = 2
        while paths.contains(candidate) || FileManager.default.fileExists(atPath: repository + "/" + candidate) {
            candidate = "\(stem)-\(suffix).md"
            suffix += 1
        }
        return candidate
    }

    private static func name(of path: String) -> String {
        String((path.split(separator: "/").last ?? Substring(path)).dropLast(3))
    }
}
