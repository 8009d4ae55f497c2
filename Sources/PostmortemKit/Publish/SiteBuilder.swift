import Foundation

/// Builds the files of a static site of postmortems: an index with filters and search, a page per postmortem, an
/// action-items page, a stats page with SVG charts, one stylesheet, the search script and its data.
///
/// Every page is a complete HTML document that is well-formed XML after its doctype, escapes everything that comes
/// from a document, loads nothing from elsewhere and links only relatively, so the site works from a web server and
/// from `file://` alike. Building writes nothing: `SiteWriter` puts the files in place.
public struct SiteBuilder {
    /// What was built.
    public struct Result {
        /// The files, pages first; paths are relative to the site's folder.
        public var files: [SiteFile]
        /// The ids of the postmortems that have a page, newest first.
        public var postmortems: [String]
        /// Postmortems the audience would see that were left out because they do not parse (`pm check` says why).
        public var skipped: [Postmortem]
    }

    static let stylePath = "style.css"
    static let scriptPath = "site.js"
    static let searchDataPath = "search-index.js"
    /// The folder of the postmortems' pages.
    static let pageFolder = "postmortems"

    var audience: SiteAudience
    /// The site's name, in every page's header and title.
    var title: String
    var configuration: Configuration
    /// The day overdue is measured on.
    var today: LocalDate
    /// What made the site, e.g. `pm 0.1.0`.
    var generator: String
    /// The commit the postmortems were read from, named in the footer.
    var commit: String?

    public init(
        audience: SiteAudience, title: String, configuration: Configuration, today: LocalDate, generator: String,
        commit: String?
    ) {
        self.audience = audience
        self.title = title
        self.configuration = configuration
        self.today = today
        self.generator = generator
        self.commit = commit
    }

    /// The site of `postmortems` (parsed at one revision, already filtered); `incidents` give the action items'
    /// history on an internal site, matched by path (a postmortem without one shows its items as written). A public
    /// site shows only the postmortems that are `status: published` and `visibility: public`.
    public func build(postmortems: [Postmortem], incidents: [Incident]) throws -> Result {
        var shown: [Postmortem] = []
        var skipped: [Postmortem] = []
        for postmortem in postmortems {
            if audience == .public, postmortem.status != .published || postmortem.effectiveVisibility != .public { continue }
            if postmortem.errors.isEmpty { shown.append(postmortem) } else { skipped.append(postmortem) }
        }
        shown.sort { ($0.date?.description ?? "", $1.id) > ($1.date?.description ?? "", $0.id) }
        let pages = SiteBuilder.pagePaths(for: shown.map(\.id))
        let byPath = Dictionary(incidents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let entries = zip(shown, pages).map { postmortem, page -> SiteEntry in
            switch audience {
            case .internal:
                return SiteEntry.internalEntry(postmortem, incident: postmortem.path.flatMap { byPath[$0] }, page: page)
            case .public:
                let summary = PublicSummary(
                    postmortem, publicSections: configuration.publicSections, publicFields: configuration.publicFields,
                    timeZone: configuration.timeZone)
                return SiteEntry.publicEntry(postmortem, summary: summary, page: page)
            }
        }

        let markup = SiteMarkup(severities: configuration.severities, timeZone: configuration.timeZone, today: today)
        let layout = SiteLayout(siteTitle: title, audience: audience, generator: generator, footer: footer)
        var files: [SiteFile] = [
            SiteFile(
                path: "index.html", kind: .page,
                contents: SiteIndexPage(entries: entries, audience: audience, markup: markup, layout: layout).render()),
            SiteFile(
                path: "actions.html", kind: .page,
                contents: SiteActionsPage(entries: entries, audience: audience, markup: markup, layout: layout).render()),
            SiteFile(
                path: "stats.html", kind: .page,
                contents: SiteStatsPage(entries: entries, audience: audience, markup: markup, layout: layout).render()),
        ]
        let byID = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in entries {
            let page = SitePostmortemPage(entry: entry, entriesByID: byID, markup: markup, layout: layout)
            files.append(SiteFile(path: entry.page, kind: .page, contents: page.render()))
        }
        let searchData = SiteSearchIndex(entries: entries, audience: audience).script()
        files += [
            SiteFile(path: SiteBuilder.stylePath, kind: .stylesheet, contents: SiteStyle.css),
            SiteFile(path: SiteBuilder.scriptPath, kind: .script, contents: SiteScript.source),
            SiteFile(path: SiteBuilder.searchDataPath, kind: .data, contents: searchData),
        ]
        return Result(files: files, postmortems: entries.map(\.id), skipped: skipped)
    }

    /// The line at the foot of every page.
    private var footer: String {
        var parts = ["Generated by " + HTMLEscaper.text(generator)]
        if let commit { parts[0] += " from commit <code>" + HTMLEscaper.text(commit) + "</code>" }
        switch audience {
        case .internal:
            parts.append("action items as of <time datetime=\"\(today)\">\(today)</time>")
            parts.append("internal: every postmortem and section")
        case .public:
            parts.append("published postmortems only")
        }
        return parts.joined(separator: " · ")
    }

    /// A page path for each id, in order: `postmortems/<id>.html` for an id made of letters, digits, `.`, `_` and
    /// `-` (every id pm makes), else for its slug; a clash (also one that differs only in case, which some file
    /// systems do not tell apart) gets `-2`, `-3`, …
    static func pagePaths(for ids: [String]) -> [String] {
        var used: Set<String> = []
        return ids.map { id in
            let safe =
                id.count <= 120 && id.first.map({ $0.isASCII && ($0.isLetter || $0.isNumber) }) == true
                && id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
            var base = safe ? id : Slug.make(id)
            if base.isEmpty { base = "postmortem" }
            var name = base
            var counter = 2
            while used.contains(name.lowercased()) {
                name = "\(base)-\(counter)"
                counter += 1
            }
            used.insert(name.lowercased())
            return pageFolder + "/" + name + ".html"
        }
    }
}
