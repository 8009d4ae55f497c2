import Foundation

/// The commits of a real-shaped history, oldest first: design documents (RFCs) and long postmortems of 10 to 60 KiB
/// added over time, each revised about ten times with a few small edits per version, a few renamed (git sees the
/// renames) and a few deleted; a commit touches one document, now and then two or three. Shaped after a real public
/// history of 647 documents of about 19 KB and 7,262 versions (139.5 MiB of text). The same parameters give the same
/// commits.
struct DocumentHistory: Sequence, IteratorProtocol {
    /// The folder every document is in: pm's default, so the repository needs no `.pmconfig`.
    static let folder = "postmortems"
    /// The word the `--history` query looks for. One document has it until a later commit rewrites that sentence (only
    /// a search over history finds it there); another keeps it to the end.
    static let rareWord = "zeppelin"
    /// A word in nearly every document, for a search with a full page of hits.
    static let commonWord = "latency"
    /// Versions per document, on average, as in the real history.
    static let versionsPerDocument = 11.2

    /// What one commit of the plan does.
    private enum Step: Equatable {
        case add
        case edit(documents: Int)
        case rename
        case delete
    }

    private var writer: ProseWriter
    private let steps: [Step]
    /// The step the next commit makes.
    private var stepIndex = 0
    /// The author and committer date of the latest commit.
    private var time = UTCMinute.historyStart
    /// Every document ever added, by number, deleted ones included.
    private var documents: [GeneratedDocument] = []
    /// The numbers of the documents at the current commit, in no particular order.
    private var live: [Int] = []
    /// For each document number, its index in `live`, or nil once deleted.
    private var livePosition: [Int?] = []
    /// The numbers of the last `recentCount` documents added: most edits go to documents under discussion.
    private var recent: [Int] = []
    private static let recentCount = 25
    /// Every path a document has had, so that no two documents ever share one.
    private var usedPaths: Set<String> = []
    /// How many design documents were added (their RFC number).
    private var designCount = 0
    /// The documents that get the rare word: the one whose sentence is rewritten later, and the one that keeps it.
    private let rareWordHolders: (rewritten: Int, kept: Int)
    /// When the rewrite of the rare word's sentence is due: at the first edit from this step on.
    private var rareWordRewrite: (document: Int, notBefore: Int)?

    /// The plan for `count` documents (at least 3), about `versionsPerDocument` versions each.
    init(documents count: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        // A commit edits one document, sometimes two or three: 1.26 on average.
        let editCommits = Int((Double(count) * (Self.versionsPerDocument - 1) / 1.26).rounded())
        let renames = Swift.max(2, (count * 7 + 50) / 100)
        let deletes = Swift.max(1, (count * 3 + 50) / 100)
        let commits = count + editCommits + renames + deletes
        var steps: [Step] = []
        var added = 0
        for index in 0..<commits {
            // Adds keep pace with the commits, so that documents are added and discussed all along the history.
            if added < count && (added == 0 || added < count * (index + 1) / commits || index == commits - (count - added)) {
                steps.append(.add)
                added += 1
            } else {
                let draw = random.int(in: 0...99)
                steps.append(.edit(documents: draw < 80 ? 1 : draw < 94 ? 2 : 3))
            }
        }
        // Renames and deletes replace edits after the first tenth of the history, when there are documents to move.
        let edits = steps.indices.filter { $0 >= commits / 10 && steps[$0] != .add }
        let chosen = random.pick(Swift.min(renames + deletes, edits.count), of: edits)
        for (order, index) in chosen.enumerated() { steps[index] = order < renames ? .rename : .delete }
        self.steps = steps
        writer = ProseWriter(random: random)
        rareWordHolders = (count / 3, 2 * count / 3)
    }

    mutating func next() -> GeneratedCommit? {
        guard stepIndex < steps.count else { return nil }
        defer { stepIndex += 1 }
        time = time.adding(minutes: writer.random.int(in: 10...600))
        switch steps[stepIndex] {
        case .add: return add()
        case .edit(let count): return edit(count)
        case .rename: return rename()
        case .delete: return delete() ?? edit(1)
        }
    }

    /// Adds one new document: a design document or a postmortem.
    private mutating func add() -> GeneratedCommit {
        let number = documents.count
        // Sizes skewed to the small end, as real documents are: 11 to 58 KiB, about 19 on average.
        let targetBytes = 11 * 1_024 + Int(Double(47 * 1_024) * pow(writer.random.unit(), 6))
        let authors = writer.random.pick(writer.random.int(in: 1...2), of: Person.team)
        var document: GeneratedDocument
        if writer.random.chance(60) {
            designCount += 1
            document = .design(number: designCount, date: time, targetBytes: targetBytes, writer: &writer)
        } else {
            let date = time.adding(minutes: -writer.random.int(in: 1_440...7_200))
            document = .postmortem(date: date, authors: authors, targetBytes: targetBytes, writer: &writer)
        }
        document.path = claimPath(for: document, date: time)
        if number == rareWordHolders.rewritten {
            insertSentence("The \(Self.rareWord) scheduler kept its old lease after the failover.", into: &document)
            rareWordRewrite = (number, stepIndex + 25)
        }
        if number == rareWordHolders.kept {
            insertSentence("The \(Self.rareWord) runbook had the exact recovery steps.", into: &document)
        }
        documents.append(document)
        livePosition.append(live.count)
        live.append(number)
        recent.append(number)
        if recent.count > Self.recentCount { recent.removeFirst() }
        return GeneratedCommit(
            author: authors[0], time: time, message: "Add \(Self.name(of: document.path))",
            changes: [.write(path: document.path, text: document.markdown)])
    }

    /// Revises `count` documents in one commit, with one to four small edits each.
    private mutating func edit(_ count: Int) -> GeneratedCommit {
        var numbers: [Int] = []
        if let rewrite = rareWordRewrite, stepIndex >= rewrite.notBefore, livePosition[rewrite.document] != nil {
            rareWordRewrite = nil
            numbers.append(rewrite.document)
        }
        for _ in 0..<(count * 3) where numbers.count < Swift.min(count, live.count) {
            let number = target()
            if !numbers.contains(number) { numbers.append(number) }
        }
        var changes: [FileChange] = []
        var descriptions: [String] = []
        for number in numbers {
            let before = documents[number].markdown
            var description = ""
            if number == rareWordHolders.rewritten && documents[number].markdown.contains(Self.rareWord) {
                removeRareWord(from: number)
                description = "reword the scheduler's failover"
            }
            for index in 0..<writer.random.pick([1, 1, 1, 1, 2, 2, 2, 3, 3, 4]) {
                let made = documents[number].edit(writer: &writer, protecting: protectedWord(of: number))
                if index == 0 && description.isEmpty { description = made }
            }
            var text = documents[number].markdown
            while text == before {
                _ = documents[number].edit(writer: &writer, protecting: protectedWord(of: number))
                text = documents[number].markdown
            }
            changes.append(.write(path: documents[number].path, text: text))
            descriptions.append("\(Self.name(of: documents[number].path)): \(description)")
        }
        let message =
            descriptions.count == 1
            ? descriptions[0]
            : "Revise \(descriptions.count) documents\n\n" + descriptions.map { "- " + $0 }.joined(separator: "\n")
        return GeneratedCommit(author: writer.random.pick(Person.team), time: time, message: message, changes: changes)
    }

    /// Moves a document to a new name (a new title's slug), half the time with an edit in the same commit: git
    /// sees a rename either way, the text being almost the same.
    private mutating func rename() -> GeneratedCommit {
        let number = target()
        let source = documents[number].path
        var document = documents[number]
        if document.kind == .design {
            document.title = writer.designTitle()
        } else {
            document.title = writer.incidentTitle(service: writer.random.pick(PostmortemGenerator.services))
            if case .frontMatter(var lines) = document.blocks[0].content,
                let line = lines.firstIndex(where: { $0.hasPrefix("title: ") })
            {
                lines[line] = "title: \"\(document.title)\""
                document.blocks[0].content = .frontMatter(lines)
            }
        }
        document.path = claimPath(for: document, date: time)
        if writer.random.chance(50) { _ = document.edit(writer: &writer, protecting: protectedWord(of: number)) }
        documents[number] = document
        return GeneratedCommit(
            author: writer.random.pick(Person.team), time: time,
            message: "Rename \(Self.name(of: source)) to \(Self.name(of: document.path))",
            changes: [.delete(path: source), .write(path: document.path, text: document.markdown)])
    }

    /// Deletes a document (withdrawn, a duplicate); nil when the one drawn must stay.
    private mutating func delete() -> GeneratedCommit? {
        let number = target()
        guard live.count > 1, number != rareWordHolders.kept, number != rareWordHolders.rewritten,
            let position = livePosition[number]
        else { return nil }
        let moved = live.removeLast()
        if moved != number {
            live[position] = moved
            livePosition[moved] = position
        }
        livePosition[number] = nil
        return GeneratedCommit(
            author: writer.random.pick(Person.team), time: time, message: "Withdraw \(Self.name(of: documents[number].path))",
            changes: [.delete(path: documents[number].path)])
    }

    /// A live document to change: usually one of the most recent, sometimes any.
    private mutating func target() -> Int {
        if writer.random.chance(65) {
            let candidate = writer.random.pick(recent)
            if livePosition[candidate] != nil { return candidate }
        }
        return writer.random.pick(live)
    }

    /// The word no edit may take out of document `number`: the rare word where it must stay.
    private func protectedWord(of number: Int) -> String {
        number == rareWordHolders.kept || number == rareWordHolders.rewritten ? Self.rareWord : "\u{0}"
    }

    /// Puts `sentence` at the start of the document's first paragraph.
    private func insertSentence(_ sentence: String, into document: inout GeneratedDocument) {
        guard let index = document.blocks.firstIndex(where: { if case .paragraph = $0.content { true } else { false } }),
            case .paragraph(let sentences) = document.blocks[index].content
        else { return }
        document.blocks[index].content = .paragraph([sentence] + sentences)
    }

    /// Rewrites the sentence that holds the rare word.
    private mutating func removeRareWord(from number: Int) {
        for index in documents[number].blocks.indices {
            guard case .paragraph(var sentences) = documents[number].blocks[index].content,
                let position = sentences.firstIndex(where: { $0.contains(Self.rareWord) })
            else { continue }
            sentences[position] = writer.sentence()
            documents[number].blocks[index].content = .paragraph(sentences)
        }
    }

    /// A path no document has had: `rfcs/NNNN-slug.md` for a design document (its number stays when it is
    /// renamed), `<year>/<date>-slug.md` for a postmortem.
    private mutating func claimPath(for document: GeneratedDocument, date: UTCMinute) -> String {
        let slug = PostmortemGenerator.slug(document.title)
        let stem: String
        if document.kind == .design {
            let number =
                document.blocks.first.flatMap { block -> String? in
                    guard case .list(_, let items) = block.content, let pr = items.first(where: { $0.hasPrefix("RFC PR: [#") })
                    else {
                        return nil
                    }
                    return String(pr.dropFirst("RFC PR: [#".count).prefix { $0.isNumber })
                } ?? "0"
            stem = "rfcs/" + String(repeating: "0", count: Swift.max(0, 4 - number.count)) + number + "-" + slug
        } else {
            let dateLine =
                document.blocks.first.flatMap { block -> String? in
                    guard case .frontMatter(let lines) = block.content else { return nil }
                    return lines.first { $0.hasPrefix("date: ") }.map { String($0.dropFirst("date: ".count)) }
                } ?? date.dateText
            stem = "\(dateLine.prefix(4))/\(dateLine)-\(slug)"
        }
        var candidate = "\(Self.folder)/\(stem).md"
        var suffix = 2
        while !usedPaths.insert(candidate).inserted {
            candidate = "\(Self.folder)/\(stem)-\(suffix).md"
            suffix += 1
        }
        return candidate
    }

    /// A document's file name without `.md`, for commit messages.
    private static func name(of path: String) -> String {
        String((path.split(separator: "/").last ?? Substring(path)).dropLast(3))
    }
}
