import Foundation
import Git

/// Builds the Atom feed of a repository: every postmortem at HEAD that is `status: published` and
/// `visibility: public`, as its public summary, most recently published first.
public struct FeedBuilder {
    /// What the feed holds and what was left out.
    public struct Result {
        public var feed: AtomFeed
        /// The public summaries of the entries, in feed order, with their publication dates.
        public var items: [(summary: PublicSummary, path: String, dates: PublicationDates)]
        /// Published public postmortems left out because they do not parse; the checker says why.
        public var skipped: [Postmortem]
    }

    let store: PostmortemStore
    /// The URL the site of `pm site --public` is served from (`--base-url`, else `pm.baseURL`), without a trailing
    /// slash: entries link to its `postmortems/<id>.html` pages.
    var baseURL: String?
    /// The file name the feed is written to, for its `rel="self"` link under `baseURL`.
    var feedFileName: String?
    /// The program's version, for `atom:generator`.
    var generatorVersion: String?
    /// At most this many entries, the most recently published.
    var limit: Int?

    public init(
        store: PostmortemStore, baseURL: String?, feedFileName: String?, generatorVersion: String?, limit: Int? = nil
    ) {
        self.store = store
        self.baseURL = baseURL
        self.feedFileName = feedFileName
        self.generatorVersion = generatorVersion
        self.limit = limit
    }

    public func build() throws -> Result {
        let configuration = store.configuration
        let head = try store.commit("HEAD")
        var candidates: [Postmortem] = []
        var skipped: [Postmortem] = []
        for file in try store.files(at: .revision("HEAD")) {
            let postmortem = store.parse(file)
            guard postmortem.status == .published, postmortem.effectiveVisibility == .public else { continue }
            if postmortem.errors.isEmpty { candidates.append(postmortem) } else { skipped.append(postmortem) }
        }
        let dates = try PublicationHistory.dates(of: candidates.compactMap(\.path), at: head, in: store)
        var items: [(summary: PublicSummary, path: String, dates: PublicationDates)] = candidates.compactMap { postmortem in
            guard let path = postmortem.path, let when = dates[path] else { return nil }
            let summary = PublicSummary(
                postmortem, publicSections: configuration.publicSections, publicFields: configuration.publicFields,
                timeZone: configuration.timeZone)
            return (summary, path, when)
        }
        items.sort { a, b in
            a.dates.published != b.dates.published ? a.dates.published > b.dates.published : a.summary.id < b.summary.id
        }
        if let limit, items.count > limit { items = Array(items.prefix(max(0, limit))) }
        let entries = try items.map { item in try entry(item.summary, dates: item.dates) }
        let title = configuration.feedTitle
        let feed = AtomFeed(
            id: try baseURL.map { $0 + "/" } ?? AtomFeed.uuidURN(for: "pm:feed:" + title),
            title: title, author: configuration.feedAuthor ?? title,
            updated: entries.map(\.updated).max() ?? head.committer.date,
            link: baseURL.map { $0 + "/" },
            selfLink: baseURL.flatMap { base in feedFileName.map { base + "/" + FeedBuilder.pathComponent($0) } },
            generator: ("pm", generatorVersion), entries: entries)
        return Result(feed: feed, items: items, skipped: skipped)
    }

    /// The entry of one summary.
    func entry(_ summary: PublicSummary, dates: PublicationDates) throws -> AtomFeed.Entry {
        var categories: [AtomFeed.Category] = []
        if let severity = summary.severity { categories.append(AtomFeed.Category(term: "severity:" + severity, label: severity)) }
        for service in summary.services { categories.append(AtomFeed.Category(term: "service:" + service, label: service)) }
        return AtomFeed.Entry(
            id: try FeedBuilder.entryID(summary.id), title: summary.title, updated: dates.updated, published: dates.published,
            summary: summary.summaryText, contentHTML: PublicSummaryHTML().article(summary, includingTitle: false),
            // Where `pm site --public` puts the postmortem's page, under the site the base URL serves.
            link: baseURL.map { $0 + "/postmortems/" + FeedBuilder.pathComponent(summary.id + ".html") },
            categories: categories)
    }

    /// The permanent id of a postmortem's entry: a name-based UUID of its id, the same whatever the base URL, the
    /// feed's title or the machine, so readers never see an entry twice.
    static func entryID(_ postmortemID: String) throws -> String {
        try AtomFeed.uuidURN(for: "pm:postmortem:" + postmortemID)
    }

    /// `name` percent-encoded as one path component of a URL.
    static func pathComponent(_ name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }
}
