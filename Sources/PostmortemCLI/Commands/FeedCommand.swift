import Foundation
import PostmortemKit

/// `pm feed`: an Atom feed of the postmortems that are published and public at HEAD.
enum FeedCommand: Command {
    static let output = Option.value(
        "output", short: "o", name: "file", as: .text, completion: .file, help: "Write the feed to this file instead of stdout.")
    static let baseURL = Option.value(
        "base-url", name: "url", as: .webAddress,
        help: "The URL the public site (pm site --public) is served from (default: pm.baseURL).")
    static let limit = Option.value(
        "limit", short: "n", name: "count", as: .positiveInteger, help: "Keep only the most recently published entries.")

    static let spec = CommandSpec(
        name: "feed",
        abstract: "Write an Atom feed of the published, public postmortems.",
        discussion: """
            Lists every postmortem that is 'status: published' and 'visibility: public' at HEAD, most recently \
            published first, each with its public summary (what 'pm export' shows) as HTML content, the Summary \
            section as its summary, and its severity and services as categories (severity:SEV2, \
            service:checkout-api). An entry's updated time is when the commit that last changed the file was made, \
            its published time when the commit that set 'status: published' was: both come from git, so the feed \
            is the same every time it is built from the same HEAD.
            Entry ids are name-based urn:uuid ids of the postmortem ids: they never change, whatever the base URL. \
            With --base-url (or pm.baseURL in .pmconfig), the URL the site of 'pm site --public' is served from, each \
            entry links to its page <base-url>/postmortems/<id>.html, the feed to \
            <base-url>/, and with --output to itself at <base-url>/<file name>. pm.feedTitle and pm.feedAuthor \
            name the feed (default: Postmortems). --json prints the entries as JSON instead.
            """,
        options: [output.spec, baseURL.spec, limit.spec],
        examples: [
            "pm feed", "pm feed -o public/feed.atom --base-url https://status.example.com",
            "pm feed --limit 20 --json",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        let output = context[Self.output].map { OutputFile($0, currentDirectory: context.currentDirectory) }
        let result = try FeedBuilder(
            store: store, baseURL: context[baseURL] ?? store.configuration.baseURL, feedFileName: output?.name,
            generatorVersion: PM.version, limit: context[limit]
        ).build()
        for postmortem in result.skipped {
            let path = postmortem.path ?? postmortem.id
            context.warn("\(path) is published and public but does not parse; left out of the feed (see 'pm check \(path)')")
        }
        let text = context.json ? JSONOutput.document(FeedJSON(result), version: jsonVersion) + "\n" : result.feed.xml()
        guard let output else {
            context.stdout.write(text)
            return .success
        }
        try output.write(text)
        let count = result.feed.entries.count
        context.note("Wrote \(output.displayPath): \(count) entr\(count == 1 ? "y" : "ies")")
        return .success
    }

    /// The version of `pm feed --json`'s shape (docs/json/feed.schema.json).
    static let jsonVersion = 1

    /// `pm feed --json`: the feed's fields and its entries.
    struct FeedJSON: JSONRepresentable {
        let id: String
        let title: String
        let author: String
        let updated: String
        let link: String?
        let selfLink: String?
        let entries: [EntryJSON]

        init(_ result: FeedBuilder.Result) {
            let feed = result.feed
            id = feed.id
            title = feed.title
            author = feed.author
            updated = Timestamp.iso8601(feed.updated)
            link = feed.link
            selfLink = feed.selfLink
            entries = zip(feed.entries, result.items).map { entry, item in EntryJSON(entry, item.summary, path: item.path) }
        }

        var jsonObject: [(String, JSONValue)] {
            [
                ("id", .string(id)), ("title", .string(title)), ("author", .string(author)), ("updated", .string(updated)),
                ("link", .string(link)), ("selfLink", .string(selfLink)), ("entries", .array(entries.map(\.json))),
            ]
        }
    }

    /// One entry of `pm feed --json`.
    struct EntryJSON: JSONRepresentable {
        let id: String
        let postmortem: String
        let path: String
        let title: String
        let updated: String
        let published: String?
        let link: String?
        let summary: String?
        let categories: [String]

        init(_ entry: AtomFeed.Entry, _ summary: PublicSummary, path: String) {
            id = entry.id
            postmortem = summary.id
            self.path = path
            title = HTMLEscaper.removingControlCharacters(entry.title)
            updated = Timestamp.iso8601(entry.updated)
            published = entry.published.map(Timestamp.iso8601)
            link = entry.link
            self.summary = entry.summary
            categories = entry.categories.map(\.term)
        }

        var jsonObject: [(String, JSONValue)] {
            [
                ("id", .string(id)), ("postmortem", .string(postmortem)), ("path", .string(path)), ("title", .string(title)),
                ("updated", .string(updated)), ("published", .string(published)), ("link", .string(link)),
                ("summary", .string(summary)), ("categories", .strings(categories)),
            ]
        }
    }
}
