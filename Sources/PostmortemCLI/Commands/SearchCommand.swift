import Foundation
import PostmortemKit

/// `pm search`: ranked full-text search over every postmortem, and with `--history` over every version ever committed.
enum SearchCommand: Command {
    static let history = Option.flag(
        "history", help: "Also match earlier versions and deleted postmortems; show the commits that held the text.")
    static let limit = Option.value(
        "limit", name: "n", as: .positiveInteger, default: 20, help: "Show at most this many results.")
    static let query = Argument.variadic("query", as: .text, help: "What to search for (quote it for the shell).")

    static let spec = CommandSpec(
        name: "search",
        abstract: "Search every postmortem, ranked; with --history also earlier versions and deleted ones.",
        discussion: """
            Words must all match (AND may be written); "an exact phrase" must match as written; prefix* matches the \
            start of a word; -word or NOT word excludes (a query that starts with '-' goes after '--'); OR matches \
            either side (it binds tighter than the space: 'timeout db OR cache' is 'timeout (db OR cache)'); \
            parentheses group. Fields: severity: status: service: tag: author: owner: id: (part of the id), \
            date:YYYY-MM-DD, started: detected: acknowledged: mitigated: resolved: (a day in pm.timezone, or an \
            instant), visibility:, after:YYYY-MM-DD (on or after), before:YYYY-MM-DD (strictly before), \
            section:"root cause" (the words of the same group match only in that section), and any other \
            front-matter key: company:Cloudflare, product:"Workers KV", categories:cloud (the whole value or a list \
            item, case and accents folded; a key no postmortem has matches nothing, with a note). The text is the \
            title, the headings (not the section names pm knows, which every postmortem has), the sections (## or #, \
            as RFCs write them) and the prose of the front-matter fields pm does not read (not links, ids or \
            timestamps). Matching folds case and accents and light English endings, so 'condition' finds \
            "Conditions". Results are ranked by BM25 with the title, the headings and the summary (a section, or a \
            summary:, description: or abstract: field) above the body, newest first on ties. What is searched is \
            what is committed: the index lives in the git folder and is brought up to date whenever branches moved. \
            Exits 1 when nothing matches.
            """,
        options: SharedFilters.options + [history.spec, limit.spec],
        positionals: [query.spec],
        examples: [
            "pm search \"connection pool\"", "pm search 'timeout severity:SEV1 after:2026-01-01'",
            "pm search 'section:\"root cause\" dns OR resolver'", "pm search 'company:Cloudflare product:\"Workers KV\"'",
            "pm search --history 'retry storm'",
            "pm search failover --json",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let text = try context[Self.query].joined(separator: " ")
        let query = try parse(text, filters: try Filters.parse(context), context: context)
        let limit = context[Self.limit]
        let history = context[Self.history]
        let store = try context.store()
        let results = try context.withSearchIndex { index in try index.search(query, history: history, limit: limit) }
        // A key no postmortem has is no error (each collection has its own), but most likely a typo.
        for absent in results.absentKeys {
            context.note(
                "note: no \(history ? "version of any postmortem" : "postmortem") has a front-matter field '\(absent.key)'"
                    + (absent.suggestion.map { "; did you mean '\($0):'?" } ?? ""))
        }
        if context.json {
            context.stdout.line(
                JSONOutput.document(SearchOutput(query: text, history: history, results: results), version: jsonVersion))
            return results.hits.isEmpty ? .findings : .success
        }
        guard !results.hits.isEmpty else {
            context.note(
                "No postmortem matches '\(text)'"
                    + (history ? "." : ". Add --history to search earlier versions and deleted postmortems."))
            return .findings
        }
        render(results, history: history, to: context.stdout, timeZone: store.configuration.timeZone)
        if results.total > results.hits.count {
            context.note("Showing \(results.hits.count) of \(results.total) matches; use --limit to see more.")
        }
        return .success
    }

    /// The query joined with the shared filters; a malformed query is a usage error that points at the column.
    static func parse(_ text: String, filters: PostmortemFilter, context: CommandContext) throws -> SearchQuery {
        var clauses: [SearchQuery] = []
        if !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let query = try SearchQueryParser.parse(text)
                // As with --severity, a severity the repository does not use is a mistake, not an empty answer.
                let severities = try context.store().configuration.severities
                for severity in query.values(of: .severity)
                where !severities.contains(where: { $0.caseInsensitiveCompare(severity) == .orderedSame }) {
                    throw UsageError(
                        message: "Unknown severity '\(severity)' in the query; use one of \(severities.joined(separator: ", "))",
                        commandPath: context.arguments.commandPath)
                }
                clauses.append(query)
            } catch let error as SearchQueryError {
                // The caret sits under the column as the terminal draws it: wide characters take two cells.
                let before = String(text.singleLine.prefix(max(0, error.column - 1)))
                let caret = String(repeating: " ", count: before.displayWidth) + "^"
                throw UsageError(
                    message: "Invalid query at column \(error.column): \(error.message)\n  \(text.singleLine)\n  \(caret)",
                    commandPath: context.arguments.commandPath)
            }
        }
        func any(_ field: SearchField, _ values: [String]) {
            guard !values.isEmpty else { return }
            let options = values.map { SearchQuery.field(field, $0) }
            clauses.append(options.count == 1 ? options[0] : .or(options))
        }
        any(.severity, filters.severities)
        any(.status, filters.statuses.map(\.rawValue))
        any(.service, filters.services)
        any(.tag, filters.tags)
        any(.author, filters.authors)
        if let since = filters.since { clauses.append(.after(since)) }
        if let until = filters.until { clauses.append(.before(until.adding(days: 1))) }
        guard !clauses.isEmpty else {
            throw UsageError(
                message: "Give something to search for: words, a \"phrase\", or a field such as severity:SEV1",
                commandPath: context.arguments.commandPath)
        }
        return clauses.count == 1 ? clauses[0] : .and(clauses)
    }

    /// Aligned lines: id, date, severity, title; then the snippet; with --history the revisions that held it.
    static func render(_ results: SearchResults, history: Bool, to out: Terminal, timeZone: TimeZone) {
        let ids = results.hits.map { $0.id.singleLine }
        let idWidth = min(60, ids.map(\.displayWidth).max() ?? 0)
        let severityWidth = results.hits.map { ($0.severity ?? "-").singleLine.displayWidth }.max() ?? 1
        for (hit, id) in zip(results.hits, ids) {
            let severity = (hit.severity ?? "-").singleLine
            var line = out.styled(pad(id.truncated(toWidth: idWidth), idWidth), .bold) + "  "
            line += pad(hit.date?.description ?? "-", 10) + "  " + pad(severity, severityWidth) + "  " + hit.title.singleLine
            if !hit.isLive {
                // Deleted from every branch that had it, or living on a branch other than HEAD's.
                let deleted = !hit.revisions.isEmpty && hit.revisions.allSatisfy { !$0.removed.isEmpty }
                line += "  " + out.styled(deleted ? "(deleted)" : "(not on this branch)", .red)
            }
            out.line(line)
            if let snippet = hit.snippet { out.line("    " + highlighted(snippet, out: out)) }
            guard history else { continue }
            for revision in hit.revisions.prefix(5) {
                out.line("    " + out.styled(describe(revision, timeZone: timeZone), .dim))
            }
            if hit.revisions.count > 5 {
                out.line("    " + out.styled("… and \(hit.revisions.count - 5) more revisions (--json lists them all)", .dim))
            }
        }
    }

    /// `a1b2c3d 2026-03-02 Dana: Update postmortem … (current)` or `… (until e4f5a6b 2026-04-01)`.
    static func describe(_ revision: SearchRevision, timeZone: TimeZone) -> String {
        func commit(_ commit: IndexedCommit) -> String {
            "\(commit.id.short) \(LocalDate(Date(timeIntervalSince1970: TimeInterval(commit.time)), in: timeZone))"
        }
        var text: String
        if let introduced = revision.introduced.last {
            text = "\(commit(introduced)) \(introduced.author.singleLine): \(introduced.summary.singleLine)"
        } else {
            text = String(revision.blob.short)
        }
        if revision.isCurrent {
            text += " (current)"
        } else if let removed = revision.removed.first {
            text += " (until \(commit(removed)))"
        }
        return text.terminalSafe
    }

    static func highlighted(_ snippet: SearchSnippet, out: Terminal) -> String {
        let bytes = Array(snippet.text.utf8)
        var result = ""
        var cursor = 0
        for range in snippet.highlights.sorted(by: { $0.lowerBound < $1.lowerBound })
        where range.lowerBound >= cursor && range.upperBound <= bytes.count {
            result += String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self).singleLine
            result += out.styled(String(decoding: bytes[range], as: UTF8.self).singleLine, .bold, .yellow)
            cursor = range.upperBound
        }
        result += String(decoding: bytes[cursor...], as: UTF8.self).singleLine
        return result
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.displayWidth))
    }

    /// The version of `pm search --json`'s shape (docs/json/search.schema.json).
    static let jsonVersion = 1

    /// `pm search --json`.
    struct SearchOutput: JSONRepresentable {
        let query: String
        let history: Bool
        let total: Int
        let matchedRevisions: Int
        let hits: [Hit]

        init(query: String, history: Bool, results: SearchResults) {
            self.query = query
            self.history = history
            total = results.total
            matchedRevisions = results.matchedRevisions
            hits = results.hits.map(Hit.init)
        }

        var jsonObject: [(String, JSONValue)] {
            [
                ("query", .string(query)), ("history", .bool(history)), ("total", .int(total)),
                ("matchedRevisions", .int(matchedRevisions)), ("hits", .array(hits.map(\.json))),
            ]
        }

        struct Hit: JSONRepresentable {
            let id: String
            let path: String
            let title: String
            let date: String?
            let severity: String?
            let status: String?
            let score: Double
            let live: Bool
            let snippet: String?
            let highlights: [[Int]]
            let revisions: [Revision]?

            init(_ hit: SearchHit) {
                id = hit.id
                path = hit.path
                title = hit.title
                date = hit.date?.description
                severity = hit.severity
                status = hit.status?.rawValue
                score = (hit.score * 1000).rounded() / 1000
                live = hit.isLive
                snippet = hit.snippet?.text
                highlights = hit.snippet?.highlights.map { [$0.lowerBound, $0.upperBound] } ?? []
                revisions = hit.revisions.isEmpty ? nil : hit.revisions.map(Revision.init)
            }

            /// `revisions` only with `--history`.
            var jsonObject: [(String, JSONValue)] {
                var members: [(String, JSONValue)] = [
                    ("id", .string(id)), ("path", .string(path)), ("title", .string(title)), ("date", .string(date)),
                    ("severity", .string(severity)), ("status", .string(status)), ("score", .double(score)),
                    ("live", .bool(live)), ("snippet", .string(snippet)),
                    ("highlights", .array(highlights.map { .array($0.map { .int($0) }) })),
                ]
                if let revisions { members.append(("revisions", .array(revisions.map(\.json)))) }
                return members
            }
        }

        struct Revision: JSONRepresentable {
            let blob: String
            let path: String
            let current: Bool
            let introduced: [CommitInfo]
            let removed: [CommitInfo]

            init(_ revision: SearchRevision) {
                blob = revision.blob.hex
                path = revision.path
                current = revision.isCurrent
                introduced = revision.introduced.map(CommitInfo.init)
                removed = revision.removed.map(CommitInfo.init)
            }

            var jsonObject: [(String, JSONValue)] {
                [
                    ("blob", .string(blob)), ("path", .string(path)), ("current", .bool(current)),
                    ("introduced", .array(introduced.map(\.json))), ("removed", .array(removed.map(\.json))),
                ]
            }
        }

        struct CommitInfo: JSONRepresentable {
            let commit: String
            let date: Date
            let author: String
            let summary: String

            init(_ commit: IndexedCommit) {
                self.commit = commit.id.hex
                date = Date(timeIntervalSince1970: TimeInterval(commit.time))
                author = commit.author
                summary = commit.summary
            }

            var jsonObject: [(String, JSONValue)] {
                [
                    ("commit", .string(commit)), ("date", .string(Timestamp.iso8601(date))), ("author", .string(author)),
                    ("summary", .string(summary)),
                ]
            }
        }
    }
}
