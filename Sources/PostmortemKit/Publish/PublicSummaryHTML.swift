/// Writes a `PublicSummary` as HTML: an `<article>` for feeds, or a complete standalone page.
///
/// The page has its style inline and loads nothing (a Content-Security-Policy says so to the browser too), so it can
/// be mailed, attached or served as one file. Everything is escaped and well-formed XML after the doctype line.
public struct PublicSummaryHTML: Sendable {
    /// What the page names as its generator (`<meta name="generator">`), e.g. `pm 0.1.0`.
    var generator: String?

    public init(generator: String? = nil) {
        self.generator = generator
    }

    /// The summary as one `<article>` element; `includingTitle: false` leaves out the `<h1>` (a feed entry has its
    /// own title).
    func article(_ summary: PublicSummary, includingTitle: Bool = true) -> String {
        let renderer = HTMLRenderer()
        var output = "<article class=\"postmortem\" id=\"" + HTMLEscaper.attribute(summary.id) + "\">\n<header>\n"
        if includingTitle { output += "<h1>" + HTMLEscaper.text(summary.title) + "</h1>\n" }
        output += facts(summary)
        output += "</header>\n"
        for section in summary.sections {
            output += "<section id=\"" + HTMLEscaper.attribute(section.anchor) + "\">\n"
            output += "<h2>" + renderer.render(inline: section.title) + "</h2>\n"
            output += body(of: section)
            output += "</section>\n"
        }
        output += "</article>\n"
        return output
    }

    /// The content of a section below its heading; action items as a task list of what is to be done.
    func body(of section: PublicSummary.PublicSection) -> String {
        let renderer = HTMLRenderer()
        guard let items = section.actionItems else { return renderer.render(section.blocks) }
        var output = "<ul class=\"tasks\">\n"
        for item in items {
            output +=
                "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\""
                + (item.isDone ? " checked=\"checked\"" : "") + "/> " + renderer.render(inline: item.action) + "</li>\n"
        }
        return output + "</ul>\n"
    }

    /// A complete HTML page: doctype, head with inline style, and the article.
    public func page(_ summary: PublicSummary) -> String {
        var output = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        output += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        output += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
        output += "<meta name=\"referrer\" content=\"no-referrer\"/>\n"
        if let generator { output += "<meta name=\"generator\" content=\"" + HTMLEscaper.attribute(generator) + "\"/>\n" }
        output += "<title>" + HTMLEscaper.text(summary.title) + "</title>\n"
        output += "<style>\n" + PublicSummaryHTML.style + "</style>\n</head>\n<body>\n<main>\n"
        output += article(summary)
        output += "</main>\n</body>\n</html>\n"
        return output
    }

    /// The facts as a definition list, dates and times in `<time>` elements.
    private func facts(_ summary: PublicSummary) -> String {
        var items: [(String, String)] = []
        if let date = summary.date {
            let text = HTMLEscaper.text(date.description)
            items.append(("Date", "<time datetime=\"\(text)\">\(text)</time>"))
        }
        if let severity = summary.severity {
            items.append(("Severity", "<span class=\"severity\">" + HTMLEscaper.text(severity) + "</span>"))
        }
        if !summary.services.isEmpty {
            items.append(
                ("Services", summary.services.map { "<code>" + HTMLEscaper.text($0) + "</code>" }.joined(separator: ", ")))
        }
        for (label, value) in [("Started", summary.started), ("Resolved", summary.resolved)] {
            guard let value else { continue }
            items.append(
                (
                    label,
                    "<time datetime=\"\(ReadableTime.rfc3339(value))\">"
                        + HTMLEscaper.text(ReadableTime.minute(value, in: summary.timeZone)) + "</time>"
                ))
        }
        for (label, value) in [
            ("Time to detect", summary.durations.timeToDetect), ("Time to mitigate", summary.durations.timeToMitigate),
            ("Time to resolve", summary.durations.timeToResolve),
        ] {
            if let value { items.append((label, HTMLEscaper.text(ReadableTime.duration(value)))) }
        }
        for field in summary.fields {
            items.append((HTMLEscaper.text(field.key), HTMLRenderer.render(fieldValue: field.value)))
        }
        guard !items.isEmpty else { return "" }
        return "<dl class=\"facts\">\n" + items.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>\n" }.joined() + "</dl>\n"
    }

    /// The page's style: readable type, light and dark, nothing loaded from elsewhere.
    static let style = """
        :root { color-scheme: light dark; --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --code: #f6f8fa; \
        --accent: #0969da; }
        @media (prefers-color-scheme: dark) { :root { --text: #e6edf3; --muted: #9198a1; --line: #3d444d; \
        --code: #151b23; --accent: #4493f8; } }
        body { margin: 0; color: var(--text); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
        h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 1rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
        h3, h4, h5, h6 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
        a { color: var(--accent); }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.25rem; margin: 0 0 1.5rem; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; }
        .severity { font-weight: 600; }
        code, pre { font: 0.9em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); \
        border-radius: 4px; }
        code { padding: 0.1em 0.3em; }
        pre { padding: 0.8rem 1rem; overflow-x: auto; }
        pre code { padding: 0; background: none; }
        blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: 3px solid var(--line); }
        table { border-collapse: collapse; display: block; overflow-x: auto; margin: 1rem 0; }
        th, td { border: 1px solid var(--line); padding: 0.3rem 0.7rem; vertical-align: top; }
        ul.tasks { list-style: none; padding-left: 0.3rem; }
        li.task input { margin: 0 0.5rem 0 0; }
        hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }

        """
}
