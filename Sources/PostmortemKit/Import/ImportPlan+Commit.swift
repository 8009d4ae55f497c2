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
            // The findings baseline follows the moves, in the commits that make them: refuse before the first commit
            // when its file cannot be rewritten (uncommitted changes), rather than after some are made.
            if let baseline = try store.baseline(at: .workingTree),
                entries.contains(where: { $0.isMoved && baseline.paths.contains($0.from) })
            {
                _ = try store.baselineToReplace(for: "pm import")
            }
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
                if let baseline = try store.baselineFollowingMoves(part.map { ($0.from, $0.to) }, command: "pm import") {
                    files.append(baseline)
                }
                let them = part.count == 1 ? "it" : "them"
                let message = """
                    \(moving(part)) before pm import converts \(them)\(of(number, earlyParts.count))

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
                // The files moved in this commit (not those moved unchanged before it): the baseline's entries for
                // them follow.
                let moves = part.filter { $0.isMoved && !$0.movedFirst }.map { ($0.from, $0.to) }
                if let baseline = try store.baselineFollowingMoves(moves, command: "pm import") {
                    files.append(baseline)
                }
                let message = """
                    Import \(count(part.count)) into pm's format\(of(number, parts.count))

                    pm import converted \(count(part.count))\(movedClause(part)); every word and field value is kept, and \
                    git follows each file across the move.
                    """
                if let result = try store.commitHoldingWriteLock(files, message: message) { results.append(result) }
            }
            return results
        }
    }

    /// The subject of the commit that moves `part` unchanged: "Rename" when every file is already in the postmortem
    /// folder, "Move … into" when none is, both when some are.
    private func moving(_ part: [Entry]) -> String {
        let inside = part.filter { $0.from.hasPrefix(directory + "/") }.count
        if inside == part.count { return "Rename \(count(part.count)) in \(directory)/" }
        if inside == 0 { return "Move \(count(part.count)) into \(directory)/" }
        return "Move \(count(part.count - inside)) into \(directory)/ and rename \(count(inside))"
    }

    /// ", 2 moved into postmortems/ and 1 renamed" for the files of `part` that change path (", of them …" when
    /// some stay).
    private func movedClause(_ part: [Entry]) -> String {
        let moved = part.filter(\.isMoved)
        guard !moved.isEmpty else { return "" }
        let renamed = moved.filter { $0.from.hasPrefix(directory + "/") }.count
        let into = moved.count - renamed
        var clauses: [String] = []
        if into > 0 { clauses.append("\(into) moved into \(directory)/") }
        if renamed > 0 { clauses.append("\(renamed) renamed") }
        return (moved.count == part.count ? ", " : ", of them ") + clauses.joined(separator: " and ")
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
