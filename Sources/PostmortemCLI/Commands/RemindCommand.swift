import Foundation
import PostmortemKit

/// `pm remind`: the overdue action items grouped by owner, for a scheduled CI job to post.
enum RemindCommand: Command {
    enum Format: String, OutputFormat {
        case text, markdown, json
    }

    static let format = Option.format(default: Format.text, help: "The output format; markdown is ready to post.")

    static let spec = CommandSpec(
        name: "remind",
        abstract: "Print a digest of overdue action items, grouped by owner.",
        discussion: """
            Overdue: open, with a due date before today (pm.timezone) or --as-of. Owners with the most overdue \
            items come first, most overdue item first; items without an owner last. 'markdown' is ready to post \
            as an issue or a chat message (owners as @mentions). Exits 0 whether or not anything is overdue, so \
            a scheduled job posts the digest instead of failing; --json or --format json to decide in a script.
            """,
        options: SharedFilters.options + [format.spec, Filters.owner.spec, CommandContext.asOf.spec],
        examples: [
            "pm remind", "pm remind --format markdown > digest.md", "pm remind --service checkout-api --format json",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let filter = try Filters.parse(context)
        let today = try context.reportDay()
        let owners = Filters.owners(context)
        let items = try context.incidents(filter: filter).flatMap(\.actionItems).filter {
            Filters.matches(owner: $0.facts.owner, among: owners)
        }
        let digest = OverdueDigest(items: items, today: today)
        switch context[format] {
        case .json:
            context.stdout.line(JSONOutput.document(json(digest), version: jsonVersion))
        case .markdown:
            context.stdout.line(markdown(digest))
        case .text:
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
                let late = item.daysOverdue(on: digest.today) ?? 0
                line += ", \(late) day\(late == 1 ? "" : "s") late"
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
    /// `&` too: GitHub turns `&#64;team` into the text `@team` before it looks for mentions.
    private static let markdownSpecial = Set("\\`*_[]<>#|~@&".utf8)

    static func markdownInline(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !markdownSpecial.contains($0) }) { return text }
        var result = ""
        for character in text.singleLine {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&": result += "\\" + String(character)
            case "@": result += "@\u{200B}"
            default: result.append(character)
            }
        }
        return result
    }

    /// The version of `pm remind --format json`'s shape (docs/json/remind.schema.json).
    static let jsonVersion = 1

    /// `pm remind --format json`.
    static func json(_ digest: OverdueDigest) -> [(String, JSONValue)] {
        [
            ("date", .string(digest.today.description)), ("overdue", .int(digest.itemCount)),
            (
                "owners",
                .array(
                    digest.owners.map { owner in
                        .object([
                            ("items", .array(owner.items.map { ActionsCommand.json($0, today: digest.today) })),
                            ("owner", .string(owner.name)),
                        ])
                    })
            ),
        ]
    }
}
