/// The frame around every page of a site: the document head, the header with the site's name and navigation, the
/// footer. Links are relative, so the site works from any folder, a web server or `file://`.
struct SiteLayout {
    /// The sections of the navigation.
    enum Section: CaseIterable {
        case postmortems, actions, stats

        var title: String {
            switch self {
            case .postmortems: return "Postmortems"
            case .actions: return "Action items"
            case .stats: return "Stats"
            }
        }

        var path: String {
            switch self {
            case .postmortems: return "index.html"
            case .actions: return "actions.html"
            case .stats: return "stats.html"
            }
        }
    }

    var siteTitle: String
    var audience: SiteAudience
    /// What made the site, e.g. `pm 0.1.0`.
    var generator: String
    /// The line at the foot of every page (already HTML).
    var footer: String

    /// A complete page: `depth` is how many folders below the site's root it is; `scripts` are site files the page
    /// loads at the end of its body.
    func page(title: String, depth: Int, section: Section?, body: String, scripts: [String] = []) -> String {
        let pageTitle = title == siteTitle ? siteTitle : title + " · " + siteTitle
        var output = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        output += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        // Nothing is loaded from elsewhere; scripts only from the site's own files.
        output += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self' 'unsafe-inline'; "
        output += "script-src 'self'; img-src 'self' data:\"/>\n"
        output += "<meta name=\"referrer\" content=\"no-referrer\"/>\n"
        if audience == .internal { output += "<meta name=\"robots\" content=\"noindex, nofollow\"/>\n" }
        output += "<meta name=\"generator\" content=\"" + HTMLEscaper.attribute(generator) + "\"/>\n"
        output += "<title>" + HTMLEscaper.text(pageTitle) + "</title>\n"
        output += "<link rel=\"stylesheet\" href=\"\(SiteMarkup.link("style.css", depth: depth))\"/>\n"
        output += "</head>\n<body class=\"audience-\(audience.rawValue)\">\n"
        output += "<a class=\"skip\" href=\"#content\">Skip to content</a>\n"
        output += "<header class=\"site-header\">\n<div class=\"wrap\">\n"
        output +=
            "<a class=\"brand\" href=\"\(SiteMarkup.link("index.html", depth: depth))\">" + HTMLEscaper.text(siteTitle) + "</a>\n"
        output +=
            audience == .internal
            ? "<span class=\"audience-tag\" title=\"Every postmortem and section: do not share outside the team\">Internal</span>\n"
            : "<span class=\"audience-tag\">Public</span>\n"
        output += "<nav aria-label=\"Site\">\n"
        for item in Section.allCases {
            let current = item == section ? " aria-current=\"page\"" : ""
            output += "<a href=\"\(SiteMarkup.link(item.path, depth: depth))\"\(current)>\(item.title)</a>\n"
        }
        output += "</nav>\n</div>\n</header>\n"
        output += "<main id=\"content\" class=\"wrap\">\n" + body + "</main>\n"
        output += "<footer class=\"site-footer\">\n<div class=\"wrap\">" + footer + "</div>\n</footer>\n"
        for script in scripts {
            output += "<script src=\"\(SiteMarkup.link(script, depth: depth))\"></script>\n"
        }
        output += "</body>\n</html>\n"
        return output
    }
}
