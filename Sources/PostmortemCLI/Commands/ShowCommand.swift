import Foundation
import PostmortemKit

/// `pm show`: one postmortem, parsed, with computed durations; at any revision.
enum ShowCommand: Command {
    static let revision = Option.value("rev", name: "revision", as: .text, help: "Show it as it was in this revision.")
    static let raw = Option.flag("raw", help: "Print the file exactly as stored.")
    static let reference = Argument.required(
        "ref", as: .text, completion: .postmortem, help: "The postmortem: id, path, or unique part of the id.")

    static let spec = CommandSpec(
        name: "show",
        abstract: "Show one postmortem: fields, durations, timeline, action items.",
        discussion: """
            <ref> is an id, a path, or any unique part of an id. With --rev, shows the postmortem as it was in \
            that revision (HEAD~1, a tag, a commit id). --json prints every front-matter field, each section, \
            the timeline with absolute timestamps, the action items and the computed durations.
            """,
        options: [revision.spec, raw.spec],
        positionals: [reference.spec],
        examples: ["pm show checkout", "pm show 2026-11-20-checkout-api-returned-500s --json", "pm show checkout --rev HEAD~1"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        if context[raw], context.json {
            throw UsageError(message: "'--raw' and '--json' cannot be used together", commandPath: context.arguments.commandPath)
        }
        let store = try context.store()
        let source: PostmortemStore.Source = context[revision].map { .revision($0) } ?? .workingTree
        let file = try store.resolveFile(try context[reference], at: source, currentDirectory: context.currentDirectory)
        if context[raw] {
            // Exactly as stored into a pipe or a file; on a terminal the escape sequences a file may hold would
            // run there, so it gets the text without them, like every other command.
            if context.stdout.isTerminal {
                context.stdout.write(String(decoding: file.bytes, as: UTF8.self).terminalSafe)
            } else {
                context.stdout.write(bytes: file.bytes)
            }
            return .success
        }
        let postmortem = store.parse(file)
        if context.json {
            context.stdout.line(JSONOutput.document(postmortem, version: jsonVersion))
            return postmortem.errors.isEmpty ? .success : .findings
        }
        PostmortemRenderer(out: context.stdout, timeZone: store.configuration.timeZone).render(postmortem)
        if !postmortem.errors.isEmpty {
            // What could be read is shown; the errors make it a finding, as everywhere else.
            throw DocumentProblems(errors: postmortem.errors, hint: "")
        }
        return .success
    }

    /// The version of `pm show --json`'s shape (docs/json/show.schema.json).
    static let jsonVersion = 1
}

/// Prints a parsed postmortem for a person: header, fields, durations, timeline, action items, sections.
struct PostmortemRenderer {
    let out: Terminal
    let timeZone: TimeZone

    func render(_ postmortem: Postmortem) {
        out.line(out.styled(postmortem.displayTitle.terminalSafe, .bold))
        out.line(out.styled("\(postmortem.id) · \(postmortem.path ?? "")".terminalSafe, .dim))
        out.line()
        var fields: [(String, String)] = [
            ("Date", postmortem.date?.description ?? "-"), ("Severity", postmortem.severity ?? "-"),
            ("Status", postmortem.status?.rawValue ?? "-"),
        ]
        for (name, values) in [
            ("Services", postmortem.services), ("Tags", postmortem.tags), ("Authors", postmortem.authors),
            ("Related", postmortem.related),
        ]
        where !values.isEmpty {
            fields.append((name, values.joined(separator: ", ")))
        }
        let width = fields.map(\.0.count).max() ?? 0
        for (name, value) in fields {
            out.line(
                "  " + out.styled(name.padding(toLength: width, withPad: " ", startingAt: 0), .dim) + "  " + value.terminalSafe)
        }

        let durations = [
            ("detect", postmortem.durations.timeToDetect), ("acknowledge", postmortem.durations.timeToAcknowledge),
            ("mitigate", postmortem.durations.timeToMitigate), ("resolve", postmortem.durations.timeToResolve),
        ]
        if durations.contains(where: { $0.1 != nil }) {
            out.line()
            out.line(
                out.styled("Time to", .bold)
                    + (postmortem.started.map { " (from \(DateText.minutesWithZone($0, in: timeZone)))" } ?? ""))
            for (name, value) in durations {
                out.line(
                    "  " + name.padding(toLength: 13, withPad: " ", startingAt: 0) + (value.map(DateText.duration) ?? "-"))
            }
        }

        if let summary = postmortem.sections.first(where: { $0.kind == .summary }), !summary.isEmpty {
            out.line()
            out.line(out.styled("Summary", .bold))
            for line in summary.text.split(separator: "\n", omittingEmptySubsequences: false) {
                out.line("  " + String(line).terminalSafe)
            }
        }

        if !postmortem.timeline.isEmpty {
            out.line()
            out.line(out.styled("Timeline", .bold))
            for entry in postmortem.timeline {
                let time = entry.timestamp.map { DateText.minutesWithZone($0, in: timeZone) } ?? entry.timeText
                out.line("  " + out.styled(time.terminalSafe, .cyan) + "  " + entry.text.terminalSafe)
            }
        }

        if !postmortem.actionItems.isEmpty {
            out.line()
            let open = postmortem.actionItems.filter { !$0.isDone }.count
            out.line(out.styled("Action items", .bold) + " (\(open) of \(postmortem.actionItems.count) open)")
            let rows = postmortem.actionItems.map { item in
                [
                    "#\(item.number)", item.isDone ? "[x]" : "[ ]", item.action.terminalSafe,
                    item.owner.map { "@" + $0.terminalSafe } ?? "no owner", item.due.map { "due \($0)" } ?? "no due date",
                    item.ticket?.terminalSafe ?? "",
                ]
            }
            let table = TableRenderer(headers: Array(repeating: "", count: 6), flexibleColumn: 2)
            let lines = table.render(
                rows, maxWidth: out.width.map { $0 - 2 },
                cellStyle: { _, column, text in
                    switch (column, text) {
                    case (1, "[x]"): return out.styled(text, .green)
                    case (3, "no owner"), (4, "no due date"): return out.styled(text, .red)
                    default: return text
                    }
                })
            for line in lines.dropFirst() { out.line("  " + line) }
        }

        if !postmortem.sections.isEmpty {
            out.line()
            out.line(out.styled("Sections", .bold))
            for section in postmortem.sections {
                let state = section.isEmpty ? out.styled("empty", .yellow) : Self.lines(section.text.split(separator: "\n").count)
                out.line(
                    "  " + "line \(section.headingPosition.line)".padding(toLength: 10, withPad: " ", startingAt: 0)
                        + section.title.terminalSafe + "  " + out.styled(state, .dim))
            }
        }
    }

    static func lines(_ count: Int) -> String { count == 1 ? "1 line" : "\(count) lines" }
}
