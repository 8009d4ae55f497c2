import Foundation
import PostmortemKit

/// `pm site DIR`: a static HTML site of the postmortems at HEAD, for the team or, with `--public`, for everyone.
enum SiteCommand: Command {
    static let audience = Option.flag(
        "public", help: "Only published, public postmortems and their public sections, for everyone.")
    static let title = Option.value(
        "title", name: "text", as: .nonBlankText, help: "The site's name (default: pm.feedTitle, else 'Postmortems').")
    static let force = Option.flag("force", help: "Write into a folder inside the working tree that git does not ignore.")
    static let directory = Argument.required(
        "dir", as: .text, completion: .directory, help: "The folder to write the site into (created when missing).")

    static let spec = CommandSpec(
        name: "site",
        abstract: "Write a static HTML site of the postmortems: index with search, pages, action items, stats.",
        discussion: """
            Reads the postmortems committed at HEAD (never uncommitted edits) and writes into DIR: index.html (every \
            postmortem in a table, with filters by severity, status, service, tag and year and a free-text search \
            that run in the page), one page per postmortem under postmortems/ (its facts and the front-matter \
            fields of its own, a web address as a link, key times and durations, its text, the timeline, its action items with owner, due date, state and the day they were ticked), \
            actions.html (every action item, overdue first, by owner), stats.html (incidents per month, median \
            times to detect and resolve, action-item completion, drawn as SVG charts), style.css, site.js and \
            search-index.js. Nothing is loaded from elsewhere and every link is relative, so the site works from a \
            web server and from file:// alike; without JavaScript every page still reads in full.
            By default the site is the team's: every postmortem and every section. With --public it holds only the \
            postmortems that are 'status: published' and 'visibility: public', only their public sections \
            (pm.publicSections, as 'pm export' shows them), only the fields of their own that pm.publicFields names \
            (none by default), and action items as what is to be done and whether it is: no owners, due dates, \
            tickets, authors or tags. The shared filters narrow the postmortems further. \
            The site's name is pm.feedTitle unless --title is given.
            DIR is created when missing. pm writes a .pm-site file there listing what it wrote, and afterwards \
            overwrites or removes only those files: a folder that is not empty and has no .pm-site is refused, and \
            so is any other file, folder or symbolic link where a page goes. pm never writes or removes through a \
            symbolic link (DIR itself must not be one), and obeys only the lines of .pm-site that name files it \
            writes, warning about the others. A DIR inside the repository's working \
            tree must be ignored by git (add it to .gitignore), or --force must be given; the git folder and the \
            postmortem folder are always refused. --json prints what was written.
            """,
        options: SharedFilters.options + [audience.spec, title.spec, CommandContext.asOf.spec, force.spec],
        positionals: [directory.spec],
        examples: [
            "pm site ../postmortem-site", "pm site /srv/www/status --public",
            "pm site site --force --since 2026-01-01 --service checkout-api", "pm site build/site --as-of 2026-12-01 --json",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let filter = try Filters.parse(context)
        let today = try context.reportDay()
        let audience: SiteAudience = context[Self.audience] ? .public : .internal
        let given = try context[directory]
        guard !given.isEmpty else {
            throw UsageError(message: "Missing the folder to write the site into", commandPath: context.arguments.commandPath)
        }
        let store = try context.store()
        let title = context[Self.title] ?? store.configuration.feedTitle
        let absolute = given.hasPrefix("/") ? given : context.currentDirectory + "/" + given
        let writer = SiteWriter(directory: URL(fileURLWithPath: absolute).standardizedFileURL.path, displayName: given)
        try writer.checkLocation(
            in: store, postmortemFolder: store.configuration.directory, allowingTrackedLocation: context[force])

        let head = try store.commit("HEAD")
        let postmortems = try store.postmortems(at: .revision("HEAD")).filter(filter.matches)
        // The public site needs no history: its action items say only what and whether.
        let incidents = audience == .internal ? try context.incidents(filter: filter) : []
        let builder = SiteBuilder(
            audience: audience, title: title, configuration: store.configuration, today: today, generator: "pm \(PM.version)",
            commit: String(head.id.hex.prefix(7)))
        let site = try builder.build(postmortems: postmortems, incidents: incidents)
        let result = try writer.write(site.files)
        for refusal in result.refused { context.warn(refusal) }
        for postmortem in site.skipped {
            let path = postmortem.path ?? postmortem.id
            context.warn("\(path) does not parse at HEAD; left out of the site (see 'pm check \(path)')")
        }
        if site.postmortems.isEmpty {
            context.warn(
                audience == .public
                    ? "no postmortem at HEAD is published and public\(filter.isEmpty ? "" : " and matches these filters"); the site lists none"
                    : "no postmortem at HEAD\(filter.isEmpty ? "" : " matches these filters"); the site lists none")
        }
        let pages = site.files.count(where: { $0.kind == .page })
        var summary =
            "Wrote \(given): \(pages) page\(pages == 1 ? "" : "s") (\(site.postmortems.count) postmortem\(site.postmortems.count == 1 ? "" : "s"), \(audience.rawValue))"
        summary +=
            result.written.isEmpty
            ? ", all unchanged" : ", \(result.written.count) file\(result.written.count == 1 ? "" : "s") changed"
        if !result.removed.isEmpty { summary += ", \(result.removed.count) old removed" }
        context.note(summary + "; open \(given.hasSuffix("/") ? given : given + "/")index.html")
        if context.json {
            context.stdout.line(
                JSONOutput.document(
                    SiteJSON(
                        directory: writer.directory, audience: audience.rawValue, commit: head.id.hex, asOf: today.description,
                        postmortems: site.postmortems,
                        files: site.files.map { file in
                            SiteJSON.File(
                                path: file.path, kind: file.kind.rawValue,
                                state: result.unchanged.contains(file.path) ? "unchanged" : "written")
                        }, removed: result.removed, refused: result.refused), version: jsonVersion))
        }
        return .success
    }

    /// The version of `pm site --json`'s shape (docs/json/site.schema.json).
    static let jsonVersion = 1

    /// `pm site --json`.
    struct SiteJSON: JSONRepresentable {
        struct File: JSONRepresentable {
            let path: String
            let kind: String
            /// `written` or `unchanged`.
            let state: String

            var jsonObject: [(String, JSONValue)] {
                [("path", .string(path)), ("kind", .string(kind)), ("state", .string(state))]
            }
        }

        let directory: String
        let audience: String
        let commit: String
        let asOf: String
        let postmortems: [String]
        let files: [File]
        let removed: [String]
        /// What pm would not do: marker lines it did not obey, files it left alone.
        let refused: [String]

        var jsonObject: [(String, JSONValue)] {
            [
                ("directory", .string(directory)), ("audience", .string(audience)), ("commit", .string(commit)),
                ("asOf", .string(asOf)), ("postmortems", .strings(postmortems)), ("files", .array(files.map(\.json))),
                ("removed", .strings(removed)), ("refused", .strings(refused)),
            ]
        }
    }
}
