extension ImportPlan {
    /// The most files one commit moves: git (`diff.renameLimit`) and libgit2 (`rename_limit`) look for renames among
    /// at most 1000 files by default, and a larger commit would lose the history of every file beyond.
    static let movesPerCommit = 1000

    /// Commits the plan: every file converted, and moved into the postmortem folder when it lives elsewhere, in one
    /// commit that git sees as renames (a new file beside the removal of the old one, close enough to it). Files too
    /// short for that (`movedFirst`) are moved, unchanged, in a commit of their own just before. A collection of more
    /// than `movesPerCommit` files takes a commit per that many. Returns the commits made, in order; none when there
    /// is nothing to convert.
    ///
    /// Refuses, committing nothing more, when a file changed since the plan was made.
    public func commit(to store: PostmortemStore) throws -> [CommitResult] {
        try commit(to: store, movesPerCommit: Self.movesPerCommit)
    }

    func commit(to store: PostmortemStore, movesPerCommit: Int) throws -> [CommitResult] {
        guard !entries.isEmpty else { return [] }
        return try store.withWriteLock {
            var results: [CommitResult] = []
            let early = entries.filter(\.movedFirst)
            let earlyParts = stride(from: 0, to: early.count, by: movesPerCommit).map {
                Array(early[$0..<min($0 + movesPerCommit, early.count)])
            }
            for (number, part) in earlyParts.enumerated() {
                var files: [FileCommit] = []
                for entry in part {
                    files.append(FileCommit(path: entry.to, content: .new(entry.original), base: .some(nil)))
                    files.append(FileCommit(path: entry.from, content: .removed, base: .some(entry.base)))
                }
                let them = part.count == 1 ? "it" : "them"
                let message = """
                    Move \(count(part.count)) into \(directory)/ before pm import converts \(them)\(of(number, earlyParts.count))

                    \(part.count == 1 ? "It is" : "They are") too short for git to see a move and a conversion in one commit as a \
                    rename; moved unchanged first, \(part.count == 1 ? "it keeps its" : "they keep their") history.
                    """
                if let result = try store.commitHoldingWriteLock(files, message: message) { results.append(result) }
            }
            let parts = stride(from: 0, to: entries.count, by: movesPerCommit).map {
                Array(entries[$0..<min($0 + movesPerCommit, entries.count)])
            }
            for (number, part) in parts.enumerated() {
                var files: [FileCommit] = []
                for entry in part {
                    if entry.movedFirst {
                        files.append(
                            FileCommit(
                                path: entry.to, content: .replacing(expected: entry.original, with: entry.conversion.bytes)))
                    } else if entry.isMoved {
                        files.append(FileCommit(path: entry.to, content: .new(entry.conversion.bytes), base: .some(nil)))
                        files.append(FileCommit(path: entry.from, content: .removed, base: .some(entry.base)))
                    } else {
                        files.append(
                            FileCommit(
                                path: entry.from, content: .replacing(expected: entry.original, with: entry.conversion.bytes),
                                base: .some(entry.base)))
                    }
                }
                let moved = part.filter(\.isMoved).count
                let message = """
                    Import \(count(part.count)) into pm's format\(of(number, parts.count))

                    pm import converted \(count(part.count))\(moved > 0 ? ", \(moved) of them moved into \(directory)/" : ""); \
                    every word and field value is kept, and git follows each file across the move.
                    """
                if let result = try store.commitHoldingWriteLock(files, message: message) { results.append(result) }
            }
            return results
        }
    }

    private func count(_ number: Int) -> String {
        number == 1 ? "1 postmortem" : "\(number) postmortems"
    }

    /// ` (part 2 of 3)`, when there is more than one part.
    private func of(_ index: Int, _ count: Int) -> String {
        count > 1 ? " (part \(index + 1) of \(count))" : ""
    }
}

extension ImportPlan: JSONRepresentable {
    public var jsonObject: [(String, JSONValue)] {
        [
            ("directory", .string(directory)),
            ("files", .array(entries.map(\.json))),
            ("postmortems", .strings(postmortems)),
            (
                "setAside",
                .array(setAside.map { .object([("path", .string($0.path)), ("reason", .string($0.reason))]) })
            ),
            (
                "problems",
                .array(
                    problems.map {
                        .object([
                            ("path", .string($0.path)), ("line", .int($0.line)), ("column", .int($0.column)),
                            ("message", .string($0.message)),
                        ])
                    })
            ),
        ]
    }
}

extension ImportPlan.Entry: JSONRepresentable {
    public var jsonObject: [(String, JSONValue)] {
        [
            ("from", .string(from)), ("to", .string(to)), ("title", .string(conversion.title)),
            ("date", .string(conversion.date.description)),
            (
                "dateSource",
                .object([
                    ("kind", .string(conversion.dateSource.kind)), ("description", .string(conversion.dateSource.description)),
                ])
            ),
            ("mapped", .strings(conversion.mapped)), ("added", .strings(conversion.added)),
            ("missing", .strings(conversion.missing)), ("notes", .strings(conversion.notes)),
            ("movedFirst", .bool(movedFirst)),
        ]
    }
}
