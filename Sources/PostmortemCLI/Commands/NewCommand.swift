import Foundation
import PostmortemKit

/// `pm new`: creates a postmortem from the template, opens the editor on a terminal, checks, commits.
enum NewCommand: Command {
    static let date = Option.value(
        "date", name: "date", as: .date, help: "The incident's date, YYYY-MM-DD (default: today in pm.timezone).")
    static let severity = Option.value(
        "severity", name: "severity", as: .text, help: "Severity, one of pm.severities (default: the least severe).")
    static let services = Option.values(
        "service", name: "service", as: .text, help: "An affected service (repeat or comma-separate).")
    static let tags = Option.values("tag", name: "tag", as: .text, help: "A tag (repeat or comma-separate).")
    static let noEdit = Option.flag("no-edit", help: "Do not open the editor.")
    static let noCommit = Option.flag("no-commit", help: "Write the file but do not commit it.")
    static let title = Argument.required(
        "title", as: .text, help: "What happened, in one line (becomes the id's slug).")

    static let spec = CommandSpec(
        name: "new",
        abstract: "Start a postmortem from the blameless template and commit it.",
        discussion: """
            Creates <folder>/<date>-<slug>.md from the team's template (.pm/template.md, pm.template, or the \
            built-in one), opens $VISUAL or $EDITOR when run on a terminal, checks the result and commits that \
            one file. Other changes in the working tree and the index are left exactly as they were.
            """,
        options: [date.spec, severity.spec, services.spec, tags.spec, noEdit.spec, noCommit.spec, CommandContext.noVerify.spec],
        positionals: [title.spec],
        examples: [
            "pm new \"Checkout API returned 500s\" --severity SEV2 --service checkout-api --tag database",
            "pm new \"DNS resolution failures\" --date 2026-11-02 --no-edit",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let title = try context[Self.title].terminalSafe
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
            .trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else {
            throw UsageError(
                message: "The title is empty; say in one line what happened", commandPath: context.arguments.commandPath)
        }
        let store = try context.store()
        let configuration = store.configuration
        let date = context[Self.date] ?? LocalDate.today(in: configuration.timeZone)
        let severity =
            try context[Self.severity].map { try Filters.severity($0, option: Self.severity, in: context) }
            ?? configuration.fallbackSeverity
        let services = Filters.list(context[Self.services])
        let tags = Filters.list(context[Self.tags])
        let commit = !context[noCommit]
        if commit { _ = try store.checkWritable(for: "pm new") }
        // The author goes into the front matter; without a commit, a missing git identity only leaves it empty.
        let authors: [String]
        if commit {
            authors = [try store.identity(for: .author, environment: context.environment).name]
        } else {
            authors = try store.identityName(for: .author, environment: context.environment).map { [$0] } ?? []
        }
        let template = try store.templateText()

        let baseID = PostmortemID.make(date: date, title: title).rawValue
        let content = { (id: String, _: String) -> [UInt8] in
            let lists = [
                "date": date.description, "severity": severity, "id": id, "services": FrontMatterEncoder.flowList(services),
                "tags": FrontMatterEncoder.flowList(tags), "authors": FrontMatterEncoder.flowList(authors),
            ]
            return Array(Self.render(template, text: ["title": title, "author": authors.first ?? ""], values: lists).utf8)
        }
        let editor =
            context[noEdit] ? nil : Editor.command(environment: context.environment, interactive: context.isInteractive)
        var result: CommitResult?
        let id: String
        let path: String
        if commit, editor == nil {
            // Written, checked and committed under one hold of the locks: no git can sweep the file into another
            // commit meanwhile, and a failure leaves nothing behind.
            (id, path, result) = try store.createPostmortem(baseID: baseID, message: { "Add postmortem \($0)" }) { id, path in
                let bytes = content(id, path)
                try context.verify(
                    PostmortemFile(path: path, bytes: bytes), store: store,
                    hint: "Nothing was written or committed. Fix the template or the options, then run 'pm new' again.")
                return bytes
            }
            context.note("Created \(path)")
            context.report(result)
        } else {
            (id, path, _) = try store.createPostmortem(baseID: baseID, message: nil) { content($0, $1) }
            context.note("Created \(path)")
            if let editor {
                do {
                    try Editor.edit(store.workingDirectory.map { $0 + "/" + path } ?? path, command: editor)
                } catch let stopped as EditorStopped {
                    let removed = store.discardDraft(path)
                    context.note(
                        removed ? "Removed the untouched draft \(path)." : "Kept \(path); commit it with 'pm edit \(id)'.")
                    stopped.resend()
                } catch {
                    if store.discardDraft(path) { context.note("Removed the untouched draft \(path).") }
                    throw error
                }
            }
            // The editor may have replaced the file (with a link, say): check again before reading it.
            let file: PostmortemFile
            do {
                try store.requireRegularFile(path)
                file = try WorkingTreeDocument.read(path, store: store)
                try context.verify(
                    file, store: store,
                    hint: "Nothing was committed; \(path) is kept. Fix it, then run 'pm edit \(id)' to commit it.")
            } catch {
                // The first error is the one to report; failing to keep the draft too is said beside it.
                do {
                    try store.keepDraft(path)
                } catch let keeping {
                    context.warn("\(path) could not be kept out of pm's drafts (\(keeping)); the next pm may remove it")
                }
                throw error
            }
            if commit {
                result = try store.commitDraft(path, checked: file.bytes, message: "Add postmortem \(id)")
                context.report(result)
            } else {
                try store.keepDraft(path)
            }
        }
        if context.json {
            context.stdout.line(
                JSONOutput.document(WriteResult(id: id, path: path, commit: result?.commit), version: jsonVersion))
        } else {
            context.stdout.line(id)
        }
        return .success
    }

    /// Fills a template: `values` as given everywhere; `text` values (title, author) quoted for YAML inside the
    /// front matter, whether the template wrote `"{{title}}"` or a bare `{{title}}`, and as plain text in the body.
    static func render(_ template: String, text: [String: String], values: [String: String]) -> String {
        // Split on the byte: to Swift, "\r\n" is one Character, so a CRLF template has no "\n" Character at all.
        let lines = template.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let isMarker = { (line: String) in
            let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r \u{FEFF}"))
            return trimmed == "---" || trimmed == "..."
        }
        var frontMatterEnd = 0
        if let first = lines.first, isMarker(first), let close = lines.dropFirst().firstIndex(where: isMarker) {
            frontMatterEnd = close + 1
        }
        // One pass per part, so text inside a title ("{{date}}") is never expanded: a quoted placeholder
        // ("{{title}}") is renamed to a key of its own whose value is already quoted.
        var front = lines[..<frontMatterEnd].joined(separator: "\n")
        var frontValues = values
        var bodyValues = values
        for (key, value) in text {
            for quote in ["\"", "'"] {
                front = front.replacingOccurrences(of: "\(quote){{\(key)}}\(quote)", with: "{{pm-quoted-\(key)}}")
            }
            frontValues["pm-quoted-\(key)"] = FrontMatterEncoder.doubleQuoted(value)
            frontValues[key] = FrontMatterEncoder.scalar(value)
            bodyValues[key] = value
        }
        let body = lines[frontMatterEnd...].joined(separator: "\n")
        let renderedFront = TemplateRenderer.render(front, values: frontValues)
        let renderedBody = TemplateRenderer.render(body, values: bodyValues)
        return frontMatterEnd == 0 ? renderedBody : renderedFront + "\n" + renderedBody
    }

    /// The version of `pm new --json`'s shape (docs/json/new.schema.json).
    static let jsonVersion = 1
}
