import Foundation
import PostmortemKit

/// `pm import`: converts a collection of postmortems kept in another format to pm's, in one commit git sees as renames.
enum ImportCommand: Command {
    static let paths = Argument.variadic(
        "path", as: .text, optional: true, completion: .file,
        help: "Markdown files or folders of the collection (default: the postmortem folder).")
    static let dryRun = Option.flag("dry-run", short: "n", help: "Print the plan, one line per file, and change nothing.")
    static let map = Option.values(
        "map", name: "pm-field=their-field", as: .fieldMapping,
        help: "Read one of the collection's fields as one of pm's (repeatable), e.g. --map started=began_at.")
    static let status = Option.value(
        "status", name: "status", as: ArgumentType<Status>.choice(),
        help: "The status of files that have none (default: import.status, else draft).")
    static let severity = Option.value(
        "severity", name: "severity", as: .text,
        help: "The severity of files that have none (default: import.severity, else none: pm check reports it).")

    static let spec = CommandSpec(
        name: "import",
        abstract: "Convert a collection of postmortems in another format to pm's, in one commit.",
        discussion: """
            Reads the Markdown files at the paths (by default the postmortem folder, pm.directory) and converts \
            each with the smallest change that makes pm read it: fields pm knows under other names are renamed \
            (start_time → started, end_time → resolved, categories and keywords → tags, product and service → \
            services, author → authors; more with --map or import.map), a 'summary' field becomes the Summary \
            section, headings and bold labels such as '**Impact:**' that name a section become '##' sections, and \
            title, date and status are added when missing. The date comes from the front matter, else a date in the \
            title or first paragraph, the file name, or the commit that added the file. Fields pm does not know \
            stay as written, and every word is kept: a file whose conversion would lose any is refused. Files are \
            named YYYY-MM-DD-slug.md and moved into the postmortem folder in one commit that git sees as renames, \
            so 'git log --follow' and 'pm log' reach back before the import. READMEs, index pages, files already \
            in pm's format and everything that is not Markdown are left alone; running it again changes nothing. \
            See docs/import.md.
            """,
        options: [dryRun.spec, map.spec, status.spec, severity.spec],
        positionals: [paths.spec],
        examples: [
            "pm import --dry-run", "pm import docs/incidents", "pm import --map started=began_at --map tags=labels",
            "pm import --severity SEV3 --status in-review",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        let root = try store.requireWorkingDirectory(for: "pm import")
        let dryRun = context[Self.dryRun]
        if !dryRun {
            _ = try store.checkWritable(for: "pm import")
            // Fail before reading anything when git has no identity, as the commit would.
            _ = try store.identity(for: .author, environment: context.environment)
            _ = try store.identity(for: .committer, environment: context.environment)
        }
        let severity = try context[Self.severity].map { try Filters.severity($0, option: Self.severity, in: context) }
        let options = try ImportOptions(
            configuration: store.configuration, status: context[Self.status], severity: severity,
            mappings: context[Self.map])
        let given = try context[Self.paths]
        let paths =
            try given.isEmpty ? [defaultFolder(store, root: root)] : given.map { try relativePath($0, store, root, context) }
        let plan = try ImportPlan.make(store: store, paths: paths, options: options)
        var commits: [CommitResult] = []
        if !dryRun { commits = try plan.commit(to: store) }
        if context.json {
            var members = plan.jsonObject
            members.append(("dryRun", .bool(dryRun)))
            members.append(("commits", .strings(commits.map(\.commit.hex))))
            context.stdout.line(JSONOutput.document(members, version: jsonVersion))
        } else {
            for entry in plan.entries { context.stdout.line(line(for: entry)) }
            for (path, reason) in plan.setAside { context.stdout.line("\(path): left alone, \(reason)".terminalSafe) }
        }
        for problem in plan.problems {
            let location = context.stderr.styled("\(problem.path):\(problem.line):\(problem.column):".singleLine, .bold)
            context.stderr.line(
                "\(location) \(context.stderr.styled("error:", .red, .bold)) \(problem.message.terminalSafe)")
        }
        for commit in commits { context.report(commit) }
        if !context.json { context.note(summary(plan, dryRun: dryRun)) }
        return plan.problems.isEmpty ? .success : .findings
    }

    /// The version of `pm import --json`'s shape (docs/json/import.schema.json).
    static let jsonVersion = 1

    /// `old → new · date … from … · mapped … · added … · missing …`, the plan's line for one file.
    static func line(for entry: ImportPlan.Entry) -> String {
        let conversion = entry.conversion
        var parts = ["\(entry.from) → \(entry.to)"]
        parts.append("date \(conversion.date) from \(conversion.dateSource)")
        if !conversion.mapped.isEmpty { parts.append("mapped " + conversion.mapped.joined(separator: ", ")) }
        if !conversion.added.isEmpty { parts.append("added " + conversion.added.joined(separator: ", ")) }
        if !conversion.missing.isEmpty { parts.append("no " + conversion.missing.joined(separator: ", ")) }
        parts += conversion.notes
        if entry.movedFirst { parts.append("moved unchanged in a commit of its own first (too short for one)") }
        return parts.joined(separator: " · ").terminalSafe
    }

    /// The closing note: what was (or would be) done.
    static func summary(_ plan: ImportPlan, dryRun: Bool) -> String {
        func files(_ count: Int) -> String { count == 1 ? "1 file" : "\(count) files" }
        var parts: [String] = []
        if plan.entries.isEmpty {
            parts.append("Nothing to import")
        } else {
            let early = plan.entries.filter(\.movedFirst).count
            var text = "\(dryRun ? "Would import" : "Imported") \(files(plan.entries.count)) into \(plan.directory)/"
            if early > 0 { text += " (\(files(early)) moved unchanged in a commit of \(early == 1 ? "its" : "their") own first)" }
            parts.append(text)
        }
        if !plan.postmortems.isEmpty {
            parts.append("\(files(plan.postmortems.count)) already in pm's format, left alone")
        }
        if !plan.setAside.isEmpty { parts.append("\(files(plan.setAside.count)) set aside") }
        if !plan.problems.isEmpty {
            parts.append(
                "\(files(plan.problems.count)) not imported (above): fix \(plan.problems.count == 1 ? "it" : "them") and run pm import again"
            )
        }
        var summary = parts.joined(separator: "; ") + "."
        if dryRun && !plan.entries.isEmpty { summary += " Nothing was changed; run 'pm import' without --dry-run to commit." }
        let missingSeverity = plan.entries.filter { $0.conversion.missing.contains("severity") }.count
        if missingSeverity > 0 {
            summary +=
                "\n\(files(missingSeverity)) \(missingSeverity == 1 ? "has" : "have") no severity: pm check reports \(missingSeverity == 1 ? "it" : "them"); set one\(missingSeverity == 1 ? "" : " in each"), or give --severity to set one where none is written (or accept what pm check reports with 'pm check --write-baseline')."
        }
        return summary
    }

    /// The postmortem folder, which must exist when no path is given.
    static func defaultFolder(_ store: PostmortemStore, root: String) throws -> String {
        let folder = store.configuration.directory
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root + "/" + folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError(
                "the postmortem folder \(folder)/ does not exist; name the folder that holds the collection, e.g. 'pm import docs/incidents'"
            )
        }
        return folder
    }

    /// A path given on the command line, relative to the repository root; refused outside the working tree.
    static func relativePath(_ path: String, _ store: PostmortemStore, _ root: String, _ context: CommandContext) throws
        -> String
    {
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: context.currentDirectory + "/"))
            .standardizedFileURL.path
        if absolute == root
            || URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
                == URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        {
            return "."
        }
        let relative = store.relativePath(of: path, from: context.currentDirectory)
        let components = relative.split(separator: "/")
        guard !relative.hasPrefix("/"), !components.contains(".."), components.first != ".git" else {
            throw CLIError("\(path) is outside the repository's working tree; pm imports files of this repository only")
        }
        return components.joined(separator: "/")
    }
}

extension ArgumentType where Value == FieldMapping {
    /// `pm-field=their-field`.
    static var fieldMapping: ArgumentType {
        ArgumentType(name: "field mapping", spelling: { "\($0.field.rawValue)=\($0.theirs)" }) { text in
            FieldMapping.parse(text).mapError { problem in
                ValueProblem(expected: "pm-field=their-field, pm-field one of \(ImportField.names)", reason: problem.reason)
            }
        }
    }
}
