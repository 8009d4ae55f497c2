import Foundation
import Git
import PostmortemKit

/// `pm log`: a postmortem's revision history, following renames.
enum LogCommand: Command {
    static let limit = Option.value(
        "limit", short: "n", name: "count", as: .positiveInteger, help: "Show at most this many revisions.")
    static let reference = Argument.required(
        "ref", as: .text, completion: .postmortem, help: "The postmortem: id, path, or unique part of the id.")

    static let spec = CommandSpec(
        name: "log",
        abstract: "Show a postmortem's history: commit, date, author and what changed.",
        discussion: """
            Lists every commit that changed the postmortem, newest first, following renames like \
            'git log --follow'. For each: lines added and removed, and what changed in its terms (status, \
            title, sections, action items).
            """,
        options: [limit.spec],
        positionals: [reference.spec],
        examples: ["pm log checkout", "pm log checkout -n 5 --json"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        // A postmortem deleted from the working tree still has a history: fall back to HEAD's files.
        var candidates = try store.paths(at: .workingTree)
        if store.workingDirectory != nil, try store.headCommit() != nil {
            candidates = Array(Set(candidates).union(try store.paths(at: .revision("HEAD")))).sorted()
        }
        let path = try store.resolve(
            try context[reference], among: candidates.map { PostmortemFile(path: $0, bytes: []) },
            currentDirectory: context.currentDirectory
        ).path
        guard try store.headCommit() != nil else {
            context.note("\(path) has no history yet: the branch has no commits.")
            return .success
        }
        store.noteShallowHistory()
        let revisions = try store.history(of: path, limit: context[limit] ?? .max)
        var parsed: [OID: Postmortem] = [:]
        let entries = try revisions.map { try LogEntry(revision: $0, store: store, parsed: &parsed) }
        if context.json {
            context.stdout.line(JSONOutput.document([("revisions", .array(entries.map(\.json)))], version: jsonVersion))
            return .success
        }
        if entries.isEmpty {
            context.note("\(path) is not committed yet.")
            return .success
        }
        let out = context.stdout
        for entry in entries {
            let date = DateText.minutes(entry.date, in: .current)
            out.line(
                "\(out.styled(String(entry.commit.prefix(7)), .yellow))  \(date)  \(entry.author.terminalSafe)  \(entry.message.terminalSafe)"
            )
            out.line("         " + out.styled(entry.changes.joined(separator: " · ").terminalSafe, .dim))
        }
        return .success
    }

    /// The version of `pm log --json`'s shape (docs/json/log.schema.json).
    static let jsonVersion = 1

    /// One revision in `pm log`, for text and JSON.
    struct LogEntry: JSONRepresentable {
        let commit: String
        let date: Date
        let author: String
        let email: String
        let message: String
        let path: String
        let change: String
        let renamedFrom: String?
        let linesAdded: Int
        let linesRemoved: Int
        let changes: [String]

        /// Every key always present (`renamedFrom` is null unless renamed), like pm's other JSON.
        var jsonObject: [(String, JSONValue)] {
            [
                ("commit", .string(commit)), ("date", .string(Timestamp.iso8601(date))), ("author", .string(author)),
                ("email", .string(email)), ("message", .string(message)), ("path", .string(path)), ("change", .string(change)),
                ("renamedFrom", .string(renamedFrom)), ("linesAdded", .int(linesAdded)), ("linesRemoved", .int(linesRemoved)),
                ("changes", .strings(changes)),
            ]
        }

        /// `parsed` caches documents by blob, since each version is the "after" of one entry and the "before" of the next.
        init(revision: FileRevision, store: PostmortemStore, parsed: inout [OID: Postmortem]) throws {
            commit = revision.commit.id.hex
            date = revision.commit.author.date
            author = revision.commit.author.name
            email = revision.commit.author.email
            message = revision.commit.summary
            path = revision.path
            var renamed: String?
            switch revision.change {
            case .added: change = "added"
            case .modified: change = "modified"
            case .deleted: change = "deleted"
            case .renamed(let from):
                change = "renamed"
                renamed = from
            }
            renamedFrom = renamed
            let lines = try store.lineChanges(from: revision.previousBlob, to: revision.blob)
            linesAdded = lines.added
            linesRemoved = lines.removed
            func parse(_ blob: OID?, path: String) throws -> Postmortem? {
                guard let blob else { return nil }
                if let cached = parsed[blob] { return cached }
                let postmortem = store.parse(PostmortemFile(path: path, bytes: try store.blob(blob)))
                parsed[blob] = postmortem
                return postmortem
            }
            let before = try parse(revision.previousBlob, path: renamed ?? revision.path)
            let after = try parse(revision.blob, path: revision.path)
            var changes: [String] = []
            switch revision.change {
            case .added: changes.append("created")
            case .deleted: changes.append("deleted")
            case .renamed(let from): changes.append("renamed from \(from)")
            case .modified: break
            }
            changes.append("+\(linesAdded) −\(linesRemoved)")
            if let before, let after {
                changes += Self.describe(from: before, to: after)
            } else if let after {
                changes.append(after.status.map { "status \($0.rawValue)" } ?? "no status")
            }
            self.changes = changes
        }

        /// What changed between two versions, in a postmortem's terms.
        static func describe(from before: Postmortem, to after: Postmortem) -> [String] {
            var changes: [String] = []
            if before.status != after.status {
                changes.append("status \(before.status?.rawValue ?? "-") → \(after.status?.rawValue ?? "-")")
            }
            if before.displayTitle != after.displayTitle { changes.append("title changed") }
            if before.severity != after.severity {
                changes.append("severity \(before.severity ?? "-") → \(after.severity ?? "-")")
            }
            let old = Dictionary(before.sections.map { ($0.title.lowercased(), $0.text) }, uniquingKeysWith: { $1 })
            let new = Dictionary(after.sections.map { ($0.title.lowercased(), $0.text) }, uniquingKeysWith: { $1 })
            let edited = after.sections.filter { old[$0.title.lowercased()] != nil && old[$0.title.lowercased()] != $0.text }.map(
                \.title)
            let added = after.sections.filter { old[$0.title.lowercased()] == nil }.map(\.title)
            let removed = before.sections.filter { new[$0.title.lowercased()] == nil }.map(\.title)
            if !edited.isEmpty { changes.append("edited " + edited.joined(separator: ", ")) }
            if !added.isEmpty { changes.append("added " + added.joined(separator: ", ")) }
            if !removed.isEmpty { changes.append("removed " + removed.joined(separator: ", ")) }
            let opened = after.actionItems.count - before.actionItems.count
            if opened > 0 { changes.append("\(opened) action item\(opened == 1 ? "" : "s") added") }
            if opened < 0 { changes.append("\(-opened) action item\(opened == -1 ? "" : "s") removed") }
            let closed = after.actionItems.filter(\.isDone).count - before.actionItems.filter(\.isDone).count
            if closed > 0 { changes.append("\(closed) action item\(closed == 1 ? "" : "s") done") }
            if closed < 0 { changes.append("\(-closed) action item\(closed == -1 ? "" : "s") reopened") }
            return changes
        }
    }
}
