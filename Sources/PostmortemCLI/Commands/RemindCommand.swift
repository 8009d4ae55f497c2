import Foundation
import PostmortemKit

/// `pm remind`: the overdue action items grouped by owner, for a scheduled CI job to post.
enum RemindCommand: Command {
    static let formats = ["text", "markdown", "json"]

    static let spec = CommandSpec(
        name: "remind",
        abstract: "Print a digest of overdue action items, grouped by owner.",
        discussion: """
            Overdue: open, with a due date before today (pm.timezone) or --as-of. Owners with the most overdue \
            items come first, most overdue item first; items without an owner last. 'markdown' is ready to post \
            as an issue or a chat message (owners as @mentions). Exits 0 whether or not anything is overdue, so \
            a scheduled job posts the digest instead of failing; --json or --format json to decide in a script.
            """,
        options: SharedFilters.options + [
            .value("format", name: "format", choices: formats, help: "text (default), markdown or json."),
            .value("owner", name: "owner", repeatable: true, help: "Only items of this owner (with or without @)."),
            CommandContext.asOfOption,
        ],
        examples: [
            "pm remind", "pm remind --format markdown > digest.md", "pm remind --service checkout-api --format json",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let filter = try Filters.parse(context)
        let today = try context.reportDay()
        let owners = Filters.list(context.arguments.values("owner")).map(ActionsCommand.ownerName)
        let items = try context.incidents(filter: filter).flatMap(\.actionItems).filter { item in
            owners.isEmpty
                || item.facts.owner.map { owner in
                    owners.contains { $0.compare(owner, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }
                } ?? false
        }
        let digest = OverdueDigest(items: items, today: today)
        let timeZone = try context.store().configuration.timeZone
        let format = context.json ? "json" : context.arguments.value("format") ?? "text"
        switch format {
        case "json":
            context.stdout.line(try JSONOutput.encode(JSONDigest(digest, timeZone: timeZone)))
        case "markdown":
            context.stdout.line(markdown(digest))
        default:
            text(digest, to: context.stdout)
        }
        return .success
    }

    static func headline(_ digest: OverdueDigest) -> String {
        let count = digest.itemCount
        guard count > 0 else { return "No action item is overdue on \(digest.today)." }
        let people = digest.owners.count(where: { $0.name != nil })
        var text = "\(count) action item\(count == 1 ? " is" : "s are") overdue on \(digest.today)"
        if people > 0 { text += ", for \(people) owner\(people == 1 ? "" : "s")" }
        return text + "."
    }

    static func text(_ digest: OverdueDigest, to out: Terminal) {
        out.line(out.styled(headline(digest), .bold))
        for owner in digest.owners {
            out.line("")
            let name = owner.name.map { "@" + $0.singleLine } ?? "(no owner)"
            out.line(out.styled(name, .bold) + "  \(owner.items.count) overdue")
            let rows = owner.items.map { item -> [String] in
                [
                    item.reference.singleLine, item.facts.due?.description ?? "-",
                    "\(item.daysOverdue(on: digest.today) ?? 0)d late", item.facts.ticket?.singleLine ?? "",
                    item.facts.action.singleLine,
                ]
            }
            let table = TableRenderer(
                headers: ["REF", "DUE", "LATE", "TICKET", "ACTION"], alignments: [.left, .left, .right, .left, .left],
                flexibleColumn: 4)
            for line in table.render(rows, maxWidth: out.width.map { $0 - 2 }).dropFirst() { out.line("  " + line) }
        }
    }

    /// The digest as GitHub-flavoured Markdown; text from the postmortems is escaped so that it cannot turn into
    /// markup, links or mentions of its own.
    static func markdown(_ digest: OverdueDigest) -> String {
        var lines = ["## Overdue action items — \(digest.today)", "", headline(digest)]
        for owner in digest.owners {
            lines.append("")
            let name = owner.name.map { "@" + markdownInline($0) } ?? "No owner"
            lines.append("### \(name) (\(owner.items.count))")
            lines.append("")
            for item in owner.items {
                var line = "- [ ] **\(markdownInline(item.facts.action))** — due \(item.facts.due?.description ?? "?")"
                line += ", \(item.daysOverdue(on: digest.today) ?? 0) days late"
                if let ticket = item.facts.ticket { line += " — \(markdownInline(ticket))" }
                line +=
                    " — `\(item.reference.replacingOccurrences(of: "`", with: "'"))` (\(markdownInline(item.postmortemTitle)))"
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One line of document text as literal Markdown: control characters dropped, markup characters escaped,
    /// `@` defused so a mention happens only where pm writes one.
    static func markdownInline(_ text: String) -> String {
        var result = ""
        for character in text.singleLine {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~": result += "\\" + String(character)
            case "@": result += "@\u{200B}"
            default: result.append(character)
            }
        }
        return result
    }

    /// `pm remind --format json`.
    struct JSONDigest: Encodable {
        let digest: OverdueDigest
        let timeZone: TimeZone

        init(_ digest: OverdueDigest, timeZone: TimeZone) {
            self.digest = digest
            self.timeZone = timeZone
        }

        struct Owner: Encodable {
            let owner: String?
            let items: [ActionsCommand.Entry]

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(owner, forKey: .owner)
                try container.encode(items, forKey: .items)
            }

            enum CodingKeys: String, CodingKey { case owner, items }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(digest.today.description, forKey: .date)
            try container.encode(digest.itemCount, forKey: .overdue)
            try container.encode(
                digest.owners.map { owner in
                    Owner(
                        owner: owner.name,
                        items: owner.items.map { ActionsCommand.Entry($0, today: digest.today, timeZone: timeZone) })
                },
                forKey: .owners)
        }

        enum CodingKeys: String, CodingKey { case date, overdue, owners }
    }
}
