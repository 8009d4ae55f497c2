import Foundation
import PostmortemKit

/// `pm export`: the public summary of one postmortem, as Markdown, a standalone HTML page, or JSON.
enum ExportCommand: Command {
    enum Format: String, OutputFormat {
        case markdown, html, json
    }

    static let format = Option.format(short: "f", default: Format.markdown, help: "The output format.")
    static let output = Option.value(
        "output", short: "o", name: "file", as: .text, completion: .file, help: "Write to this file instead of stdout.")
    static let revision = Option.value(
        "rev", name: "revision", as: .text, help: "Export it as it was in this revision (default: HEAD).")
    static let allowInternal = Option.flag("allow-internal", help: "Export it even though it is not 'visibility: public'.")
    static let reference = Argument.required(
        "ref", as: .text, completion: .postmortem, help: "The postmortem: id, path, or unique part of the id.")

    static let spec = CommandSpec(
        name: "export",
        abstract: "Export the public summary of a postmortem as Markdown, HTML or JSON.",
        discussion: """
            Writes only what may leave the repository: the title, date, severity, services, start and resolution \
            times, time to detect, mitigate and resolve, the sections named by pm.publicSections (default: \
            Summary, Impact, Timeline, Root cause, Action items), and the postmortem's own front-matter fields that \
            pm.publicFields names (none by default). Action items show what is to be done and whether \
            it is; owners, tickets, due dates, authors, tags, every other section and every HTML comment stay \
            internal. Everything from the document is escaped, and links other than http, https, mailto and \
            relative ones are dropped.
            It reads the committed version at HEAD (or at --rev), never uncommitted edits. Only a postmortem with \
            'visibility: public' in its front matter is exported; any other is refused (exit 2) unless \
            --allow-internal is given, which exports the same public view, e.g. to review it before making it \
            public. --format html writes a complete page with its style inline that loads nothing from elsewhere; \
            --format json (or --json) gives each section as Markdown, HTML and text.
            """,
        options: [format.spec, output.spec, revision.spec, allowInternal.spec],
        positionals: [reference.spec],
        examples: [
            "pm export checkout", "pm export checkout --format html -o public/2026-11-20-checkout-api-returned-500s.html",
            "pm export checkout --json", "pm export checkout --rev v2.1 --allow-internal",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let format = context[Self.format]
        let store = try context.store()
        let file = try store.resolveFile(
            try context[reference], at: .revision(context[revision] ?? "HEAD"), currentDirectory: context.currentDirectory)
        let postmortem = store.parse(file)
        guard postmortem.errors.isEmpty else {
            throw DocumentProblems(
                errors: postmortem.errors,
                hint: "Nothing was exported: fix \(file.path), commit it, and export again ('pm check \(file.path)').")
        }
        try checkVisibility(postmortem, context: context)
        if context[revision] == nil { warnAboutUncommittedEdits(file, store: store, context: context) }
        if postmortem.status != .published {
            context.warn("\(postmortem.id) is \(postmortem.status?.rawValue ?? "without a status"), not published yet")
        }

        let configuration = store.configuration
        let summary = PublicSummary(
            postmortem, publicSections: configuration.publicSections, publicFields: configuration.publicFields,
            timeZone: configuration.timeZone)
        let text: String
        switch format {
        case .html: text = PublicSummaryHTML(generator: "pm \(PM.version)").page(summary)
        case .json: text = JSONOutput.document(summary, version: jsonVersion) + "\n"
        case .markdown: text = PublicSummaryMarkdown().document(summary)
        }
        guard let path = context[output] else {
            context.stdout.write(text)
            return .success
        }
        let output = OutputFile(path, currentDirectory: context.currentDirectory)
        try output.write(text)
        context.note("Exported \(postmortem.id) (\(format.rawValue), \(summary.sections.count) public sections) to \(path)")
        return .success
    }

    /// The version of `pm export --format json`'s shape (docs/json/export.schema.json).
    static let jsonVersion = 1

    /// Refuses a postmortem that is not public, unless `--allow-internal`, saying how to make it public.
    private static func checkVisibility(_ postmortem: Postmortem, context: CommandContext) throws {
        let visibility = postmortem.effectiveVisibility
        guard visibility != .public else { return }
        let state =
            visibility == nil
            ? "has 'visibility: \(postmortem.visibility ?? "")', which pm does not know (use internal or public)"
            : postmortem.visibility == nil ? "is internal (its front matter has no 'visibility: public')" : "is internal"
        if context[allowInternal] {
            context.warn("\(postmortem.id) \(state); exporting its public summary anyway (--allow-internal)")
            return
        }
        throw CLIError(
            """
            \(postmortem.id) \(state); pm export publishes only public postmortems.
            To publish it, set 'visibility: public' in its front matter and commit that ('pm edit \(postmortem.id)'); \
            to export its public summary anyway, add --allow-internal.
            """)
    }

    /// Warns when the working tree holds edits to the file that the export (from HEAD) leaves out.
    private static func warnAboutUncommittedEdits(_ file: PostmortemFile, store: PostmortemStore, context: CommandContext) {
        guard let root = store.workingDirectory,
            let data = FileManager.default.contents(atPath: root + "/" + file.path), [UInt8](data) != file.bytes
        else { return }
        context.warn("\(file.path) has uncommitted changes; exporting the version committed at HEAD")
    }
}
