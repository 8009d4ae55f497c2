import Foundation
import PostmortemKit

/// `pm list`: every postmortem as an aligned table, filtered and sorted.
enum ListCommand: Command {
    /// The columns `--sort` orders by.
    enum SortKey: String, CaseIterable, Sendable {
        case date, severity, id, status, title, open
    }

    static let sort = Option.value(
        "sort", name: "key", as: .choice(), default: SortKey.date, help: "Sort by this column; date sorts newest first.")
    static let reverse = Option.flag("reverse", help: "Reverse the order.")
    static let revision = Option.value(
        "rev", name: "revision", as: .text, help: "Read the postmortems of this revision instead of the working tree.")

    static let spec = CommandSpec(
        name: "list",
        abstract: "List postmortems: id, date, severity, status, title, open action items.",
        discussion: """
            Reads the postmortem folder of the working tree (or of a revision with --rev). Newest first by \
            default. A document that does not parse is still listed, and its first error is printed on stderr.
            """,
        options: SharedFilters.options + [sort.spec, reverse.spec, revision.spec],
        examples: [
            "pm list", "pm list --status draft --sort severity", "pm list --service checkout-api --since 2026-01-01",
            "pm list --json",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        let filter = try Filters.parse(context)
        let source: PostmortemStore.Source = context[revision].map { .revision($0) } ?? .workingTree
        // Each document is parsed, filtered and reduced to its row at once: a parsed postmortem is many times its
        // text, and holding them all made pm list take gigabytes on 100,000 postmortems (make bench-scale).
        var postmortems = try store.files(at: source).compactMap { file -> Listed? in
            let postmortem = store.parse(file)
            return filter.matches(postmortem) ? Listed(postmortem) : nil
        }
        postmortems = sorted(postmortems, by: context[sort], severities: store.configuration.severities)
        if context[reverse] { postmortems.reverse() }

        if context.json {
            context.stdout.line(
                JSONOutput.document([("postmortems", .array(postmortems.map(\.entry.json)))], version: jsonVersion))
            return .success
        }
        for postmortem in postmortems {
            if let error = postmortem.errors.first {
                context.warn(
                    "\(error)".terminalSafe + (postmortem.errors.count > 1 ? " (and \(postmortem.errors.count - 1) more)" : ""))
            }
        }
        if postmortems.isEmpty {
            context.note(
                filter.isEmpty
                    ? "No postmortems yet in \(store.configuration.directory)/. Start one with: pm new \"What happened\""
                    : "No postmortem matches these filters.")
            return .success
        }
        // The title goes last: it is the only column of any length, so nothing is padded after it.
        let rows = postmortems.map { postmortem -> [String] in
            [
                postmortem.id.singleLine, postmortem.date?.description ?? "-", postmortem.severity?.singleLine ?? "-",
                postmortem.errors.isEmpty ? (postmortem.status?.rawValue ?? "-") : "invalid",
                String(postmortem.openActionItemCount),
                postmortem.title.singleLine,
            ]
        }
        let table = TableRenderer(
            headers: ["ID", "DATE", "SEV", "STATUS", "OPEN", "TITLE"], alignments: [.left, .left, .left, .left, .right, .left],
            flexibleColumn: 5)
        let out = context.stdout
        let severities = store.configuration.severities
        for line in table.render(
            rows, maxWidth: out.width, headerStyle: { out.styled($0, .bold) },
            cellStyle: { _, column, text in
                switch (column, text) {
                case (2, severities.first): return out.styled(text, .red, .bold)
                case (2, _) where severities.count > 1 && text == severities[1]: return out.styled(text, .yellow)
                case (3, "draft"): return out.styled(text, .dim)
                case (3, "in-review"): return out.styled(text, .yellow)
                case (3, "published"): return out.styled(text, .green)
                case (3, "invalid"): return out.styled(text, .red)
                case (4, let count) where count != "0": return out.styled(text, .bold)
                default: return text
                }
            })
        {
            out.line(line)
        }
        return .success
    }

    static func sorted(_ postmortems: [Listed], by key: SortKey, severities: [String]) -> [Listed] {
        func rank(_ severity: String?) -> Int { severity.flatMap { severities.firstIndex(of: $0) } ?? severities.count }
        func statusRank(_ status: Status?) -> Int { status.map { Status.allCases.firstIndex(of: $0) ?? 0 } ?? -1 }
        return postmortems.sorted { a, b in
            let newer = (a.date?.description ?? "", a.id) > (b.date?.description ?? "", b.id)
            switch key {
            case .severity: return rank(a.severity) != rank(b.severity) ? rank(a.severity) < rank(b.severity) : newer
            case .id: return a.id < b.id
            case .status:
                return statusRank(a.status) != statusRank(b.status) ? statusRank(a.status) < statusRank(b.status) : newer
            case .title:
                let order = a.title.localizedCaseInsensitiveCompare(b.title)
                return order != .orderedSame ? order == .orderedAscending : newer
            case .open:
                let (x, y) = (a.openActionItemCount, b.openActionItemCount)
                return x != y ? x > y : newer
            case .date: return newer
            }
        }
    }

    /// What pm list keeps of a postmortem: its row, its first errors, and what sorting compares.
    struct Listed {
        let entry: ListEntry
        let id: String
        let title: String
        let date: LocalDate?
        let severity: String?
        let status: Status?
        let openActionItemCount: Int
        let errors: [DocumentError]

        init(_ postmortem: Postmortem) {
            entry = ListEntry(postmortem)
            id = postmortem.id
            title = postmortem.displayTitle
            date = postmortem.date
            severity = postmortem.severity
            status = postmortem.status
            openActionItemCount = postmortem.openActionItemCount
            errors = postmortem.errors
        }
    }

    /// The version of `pm list --json`'s shape (docs/json/list.schema.json).
    static let jsonVersion = 1

    /// One row of `pm list --json`.
    struct ListEntry: JSONRepresentable {
        let id: String
        let path: String
        let title: String?
        let date: String?
        let severity: String?
        let status: String?
        let services: [String]
        let tags: [String]
        let authors: [String]
        let actionItems: Int
        let openActionItems: Int
        let errors: [String]

        init(_ postmortem: Postmortem) {
            id = postmortem.id
            path = postmortem.path ?? ""
            title = postmortem.displayTitle
            date = postmortem.date?.description
            severity = postmortem.severity
            status = postmortem.status?.rawValue
            services = postmortem.services
            tags = postmortem.tags
            authors = postmortem.authors
            actionItems = postmortem.actionItems.count
            openActionItems = postmortem.openActionItemCount
            errors = postmortem.errors.map(\.description)
        }

        var jsonObject: [(String, JSONValue)] {
            [
                ("id", .string(id)), ("path", .string(path)), ("title", .string(title)), ("date", .string(date)),
                ("severity", .string(severity)), ("status", .string(status)), ("services", .strings(services)),
                ("tags", .strings(tags)), ("authors", .strings(authors)), ("actionItems", .int(actionItems)),
                ("openActionItems", .int(openActionItems)), ("errors", .strings(errors)),
            ]
        }
    }
}
