extension ImportPlan {
    /// Commits the plan: every file converted, and moved into the postmortem folder when it lives elsewhere, in one
    /// commit that git sees as renames (a new file beside the removal of the old one, close enough to it). Files too
    /// short for that (`movedFirst`) are moved, unchanged, in a commit of their own just before. Returns the commits
    /// made, in order; none when there is nothing to convert.
    ///
    /// Refuses, committing nothing, when a file changed since the plan was made.
    public func commit(to store: PostmortemStore) throws -> [CommitResult] {
        guard !entries.isEmpty else { return [] }
        return try store.withWriteLock {
            var results: [CommitResult] = []
            let early = entries.filter(\.movedFirst)
            if !early.isEmpty {
                var files: [FileCommit] = []
                for entry in early {
                    files.append(FileCommit(path: entry.to, content: .new(entry.original), base: .some(nil)))
                    files.append(FileCommit(path: entry.from, content: .removed, base: .some(entry.base)))
                }
                let message = """
                    Move \(count(early.count)) into \(directory)/ before pm import converts \(early.count == 1 ? "it" : "them")

                    \(early.count == 1 ? "It is" : "They are") too short for git to see a move and a conversion in one commit as a \
                    rename; moved unchanged first, \(early.count == 1 ? "it keeps its" : "they keep their") history.
                    """
                if let result = try store.commitHoldingWriteLock(files, message: message) { results.append(result) }
            }
            var files: [FileCommit] = []
            for entry in entries {
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
            let moved = entries.filter(\.isMoved).count
            let message = """
                Import \(count(entries.count)) into pm's format

                pm import converted \(count(entries.count))\(moved > 0 ? ", \(moved) of them moved into \(directory)/" : ""); \
                every word and field value is kept, and git follows each file across the move.
                """
            if let result = try store.commitHoldingWriteLock(files, message: message) { results.append(result) }
            return results
        }
    }

    private func count(_ number: Int) -> String {
        number == 1 ? "1 postmortem" : "\(number) postmortems"
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
