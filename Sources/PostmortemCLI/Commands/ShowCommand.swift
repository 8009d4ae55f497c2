import Foundation
import PostmortemKit

/// `pm show`: one postmortem, the whole document for a person, or parsed (`--json`), or as stored (`--raw`); at any
/// revision.
enum ShowCommand: Command {
    static let revision = Option.value("rev", name: "revision", as: .text, help: "Show it as it was in this revision.")
    static let raw = Option.flag("raw", help: "Print the file exactly as stored.")
    static let short = Option.flag(
        "short", help: "Print only the fields, durations, Summary, timeline, action items and the list of sections.")
    static let reference = Argument.required(
        "ref", as: .text, completion: .postmortem, help: "The postmortem: id, path, or unique part of the id.")

    static let spec = CommandSpec(
        name: "show",
        abstract: "Show one postmortem: its fields, durations and the whole text.",
        discussion: """
            <ref> is an id, a path, or any unique part of an id. pm show prints the title, the fields (pm's own, \
            then every other front-matter field as written), the durations computed from the timestamps, and then \
            the whole text in document order, every section with its heading, rendered for reading: on a terminal \
            long lines are wrapped to its width; into a pipe or a file every line stays as written. HTML comments, \
            which no Markdown viewer shows, are left out (--raw shows them). --short prints \
            the overview instead: the fields, the durations, the Summary, the timeline with absolute times, the \
            action items and the list of sections. With --rev, shows the postmortem as it was in that revision \
            (HEAD~1, a tag, a commit id). --raw prints the file as stored. --json prints every front-matter field, \
            each section, the timeline with absolute timestamps, the action items and the computed durations.
            """,
        options: [revision.spec, short.spec, raw.spec],
        positionals: [reference.spec],
        examples: [
            "pm show checkout", "pm show checkout --short", "pm show 2026-11-20-checkout-api-returned-500s --json",
            "pm show checkout --rev HEAD~1",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        for (first, second, given) in [
            ("--raw", "--json", context[raw] && context.json), ("--short", "--json", context[short] && context.json),
            ("--short", "--raw", context[short] && context[raw]),
        ] where given {
            throw UsageError(
                message: "'\(first)' and '\(second)' cannot be used together", commandPath: context.arguments.commandPath)
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
        let renderer = PostmortemRenderer(out: context.stdout, timeZone: store.configuration.timeZone)
        if context[short] {
            renderer.renderShort(postmortem)
        } else {
            renderer.render(postmortem)
        }
        if !postmortem.errors.isEmpty {
            // What could be read is shown; the errors make it a finding, as everywhere else.
            throw DocumentProblems(errors: postmortem.errors, hint: "")
        }
        return .success
    }

    /// The version of `pm show --json`'s shape (docs/json/show.schema.json).
    static let jsonVersion = 1
}

/// Prints a postmortem for a person: the whole document, or its overview (`--short`).
struct PostmortemRenderer {
    let out: Terminal
    let timeZone: TimeZone

    /// The whole document: title, fields (pm's, then the others as written), durations, and the body in document
    /// order, laid out for the terminal.
    func render(_ postmortem: Postmortem) {
        header(postmortem)
        var fields = knownFields(postmortem)
        // The title: field is the header unless the document's opening heading titles it; then the field says
        // something else, and shows.
        if let title = postmortem.title, title.trimmingCharacters(in: .whitespaces) != postmortem.displayTitle {
            fields.insert(("Title", title), at: 0)
        }
        if !postmortem.supersedes.isEmpty { fields.append(("Supersedes", postmortem.supersedes.joined(separator: ", "))) }
        if let visibility = postmortem.visibility { fields.append(("Visibility", visibility)) }
        let others = postmortem.otherFields.map { entry in
            (entry.key, entry.value.stringValue ?? entry.value.listValue?.joined(separator: ", ") ?? "")
        }
        printFields(fields + others)
        printDurations(postmortem)
        // A COLUMNS of 0 or 3 must not put every word on a line of its own.
        let width = out.width.map { max($0, TerminalMarkdown.minimumWidth) }
        let body = TerminalMarkdown(width: width, terminal: out).lines(postmortem.displayBlocks)
        if !body.isEmpty {
            out.line()
            for line in body { out.line(line) }
        }
    }

    /// The overview: title, fields, durations, Summary, timeline, action items, and the list of sections.
    func renderShort(_ postmortem: Postmortem) {
        header(postmortem)
        printFields(knownFields(postmortem))
        printDurations(postmortem)
        printOverview(postmortem)
    }

    private func header(_ postmortem: Postmortem) {
        out.line(out.styled(postmortem.displayTitle.terminalSafe, .bold))
        out.line(out.styled("\(postmortem.id) · \(postmortem.path ?? "")".terminalSafe, .dim))
        out.line()
    }

    /// The fields every postmortem has, and the lists it has.
    private func knownFields(_ postmortem: Postmortem) -> [(String, String)] {
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
        return fields
    }

    /// Names and values in two columns; a long value wraps under itself on a terminal, and a value that is a web
    /// address is underlined.
    private func printFields(_ fields: [(String, String)]) {
        let names = fields.map { $0.0.terminalSafe }
        let width = names.map(\.displayWidth).max() ?? 0
        let indent = String(repeating: " ", count: 2 + width + 2)
        for ((_, value), name) in zip(fields, names) {
            let style: DisplayStyle = LinkPolicy.webURL(value) != nil ? .link : []
            let layout = TerminalMarkdown(
                width: out.width.map { max($0 - indent.count, TerminalMarkdown.minimumWidth) }, terminal: out)
            let lines = layout.wrap([.text(value, style)], width: layout.width)
            guard let first = lines.first, !first.isEmpty else {
                out.line("  " + out.styled(name, .dim))
                continue
            }
            let padded = name + String(repeating: " ", count: width - name.displayWidth)
            out.line("  " + out.styled(padded, .dim) + "  " + first)
            for line in lines.dropFirst() { out.line(line.isEmpty ? "" : indent + line) }
        }
    }

    private func printDurations(_ postmortem: Postmortem) {
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
    }

    private func printOverview(_ postmortem: Postmortem) {
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
