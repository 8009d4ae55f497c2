/// The action items of every postmortem on the site, on one page.
///
/// Internal: the counts, what is overdue, then every item by owner with its due date, state, completion day and
/// ticket. Public: per postmortem, what is to be done and whether it is (no owners, dates or tickets).
struct SiteActionsPage {
    var entries: [SiteEntry]
    var audience: SiteAudience
    var markup: SiteMarkup
    var layout: SiteLayout

    func render() -> String {
        var body = "<h1>Action items</h1>\n"
        let items = entries.flatMap(\.items)
        body += summary(items)
        if items.isEmpty {
            body += "<p class=\"empty\">No action items.</p>\n"
        } else if audience == .internal {
            body += internalBody(items)
        } else {
            body += publicBody()
        }
        return layout.page(title: "Action items", depth: 0, section: .actions, body: body)
    }

    private func summary(_ items: [TrackedActionItem]) -> String {
        let done = items.count(where: \.isDone)
        var figures = [("Action items", "\(items.count)"), ("Open", "\(items.count - done)"), ("Done", "\(done)")]
        if audience == .internal {
            let overdue = items.count(where: { $0.isOverdue(on: markup.today) })
            figures.insert(("Overdue", "\(overdue)"), at: 2)
        }
        if !items.isEmpty { figures.append(("Completion", "\(Int((Double(done) / Double(items.count) * 100).rounded()))%")) }
        var output = "<ul class=\"metrics\">\n"
        for (label, value) in figures {
            let alert = label == "Overdue" && value != "0" ? " alert" : ""
            output += "<li class=\"metric\(alert)\"><span class=\"metric-label\">\(label)</span>"
            output += "<span class=\"metric-value\">\(value)</span></li>\n"
        }
        output += "</ul>\n"
        if audience == .internal { output += "<p class=\"muted\">Overdue is measured on \(markup.date(markup.today)).</p>\n" }
        return output
    }

    // MARK: - Internal

    /// One owner's items.
    private struct Owner {
        var name: String?
        var anchor: String
        var items: [TrackedActionItem]
    }

    private func internalBody(_ items: [TrackedActionItem]) -> String {
        let owners = self.owners(items)
        let pages = Dictionary(entries.map { ($0.id, $0.page) }, uniquingKeysWith: { first, _ in first })
        var output = "<h2 id=\"owners\">By owner</h2>\n<div class=\"table-wrap\">\n<table class=\"list owners\">\n<thead>\n<tr>"
        output += "<th scope=\"col\">Owner</th><th scope=\"col\" class=\"number\">Open</th><th scope=\"col\" class=\"number\">"
        output +=
            "Overdue</th><th scope=\"col\" class=\"number\">Done</th><th scope=\"col\">Next due</th></tr>\n</thead>\n<tbody>\n"
        for owner in owners {
            let open = owner.items.filter { !$0.isDone }
            let overdue = open.count(where: { $0.isOverdue(on: markup.today) })
            let next = open.compactMap(\.facts.due).min()
            output += "<tr><td><a href=\"#\(owner.anchor)\">" + markup.owner(owner.name) + "</a></td>"
            output += "<td class=\"number\">\(open.count)</td><td class=\"number\">"
            output += overdue > 0 ? "<span class=\"badge state-overdue\">\(overdue)</span>" : "0"
            output += "</td><td class=\"number\">\(owner.items.count - open.count)</td><td class=\"date\">" + markup.date(next)
            output += "</td></tr>\n"
        }
        output += "</tbody>\n</table>\n</div>\n"

        let overdue = sorted(items.filter { $0.isOverdue(on: markup.today) })
        output += "<h2 id=\"overdue\">Overdue</h2>\n"
        output +=
            overdue.isEmpty
            ? "<p class=\"muted\">Nothing is overdue.</p>\n" : table(overdue, showingOwner: true, pages: pages)

        for owner in owners {
            output += "<h2 id=\"\(owner.anchor)\">" + (owner.name == nil ? "No owner" : markup.owner(owner.name)) + "</h2>\n"
            output += table(sorted(owner.items), showingOwner: false, pages: pages)
        }
        return output
    }

    /// Owners with overdue items first, then by open items, then by name; items without an owner last. Owners
    /// compare without case, as `pm actions --owner` does; the first spelling met is shown.
    private func owners(_ items: [TrackedActionItem]) -> [Owner] {
        var groups: [String: [TrackedActionItem]] = [:]
        var spelling: [String: String] = [:]
        var unowned: [TrackedActionItem] = []
        for item in items {
            guard let owner = item.facts.owner.map({ $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }), !owner.isEmpty else {
                unowned.append(item)
                continue
            }
            let key = owner.lowercased()
            spelling[key] = spelling[key] ?? owner
            groups[key, default: []].append(item)
        }
        let today = markup.today
        let counts = groups.mapValues { items in
            (late: items.count(where: { $0.isOverdue(on: today) }), open: items.count(where: { !$0.isDone }))
        }
        let keys = groups.keys.sorted { a, b in
            let (x, y) = (counts[a] ?? (0, 0), counts[b] ?? (0, 0))
            if x.late != y.late { return x.late > y.late }
            return x.open != y.open ? x.open > y.open : a < b
        }
        var anchors: Set<String> = ["owners", "overdue"]
        var result = keys.map { key in
            Owner(
                name: spelling[key], anchor: SiteMarkup.anchor(spelling[key] ?? key, prefix: "owner-", used: &anchors),
                items: groups[key] ?? [])
        }
        if !unowned.isEmpty {
            result.append(
                Owner(name: nil, anchor: SiteMarkup.anchor("none", prefix: "no-owner-", used: &anchors), items: unowned))
        }
        return result
    }

    /// Overdue first (most overdue first), then open by due date, then done (most recently ticked first).
    private func sorted(_ items: [TrackedActionItem]) -> [TrackedActionItem] {
        items.sorted { a, b in
            let (x, y) = (markup.stateRank(a), markup.stateRank(b))
            if x != y { return x < y }
            if a.isDone {
                let (p, q) = (a.completed?.date.timeIntervalSince1970 ?? 0, b.completed?.date.timeIntervalSince1970 ?? 0)
                if p != q { return p > q }
            } else {
                let (p, q) = (a.facts.due?.daysSinceEpoch ?? Int.max, b.facts.due?.daysSinceEpoch ?? Int.max)
                if p != q { return p < q }
            }
            return (a.postmortemID, a.facts.number) < (b.postmortemID, b.facts.number)
        }
    }

    private func table(_ items: [TrackedActionItem], showingOwner: Bool, pages: [String: String]) -> String {
        var output = "<div class=\"table-wrap\">\n<table class=\"list items\">\n<thead>\n<tr><th scope=\"col\">State</th>"
        output += "<th scope=\"col\">Action</th><th scope=\"col\">Postmortem</th>"
        if showingOwner { output += "<th scope=\"col\">Owner</th>" }
        output += "<th scope=\"col\">Due</th><th scope=\"col\">Ticket</th></tr>\n</thead>\n<tbody>\n"
        for item in items {
            let facts = item.facts
            output += "<tr><td>" + markup.itemState(item) + "</td><td>" + markup.inline(facts.action) + "</td><td>"
            let title = HTMLEscaper.text(HTMLEscaper.removingControlCharacters(item.postmortemTitle))
            let reference = HTMLEscaper.text(HTMLEscaper.removingControlCharacters(item.reference))
            if let page = pages[item.postmortemID] {
                output += "<a href=\"" + HTMLEscaper.attribute(page + "#item-\(facts.number)") + "\">\(title)</a>"
            } else {
                output += title
            }
            output += "<div class=\"row-meta\"><code>\(reference)</code></div></td>"
            if showingOwner { output += "<td>" + markup.owner(facts.owner) + "</td>" }
            output += "<td class=\"date\">" + markup.date(facts.due) + "</td><td class=\"ticket\">"
            output +=
                facts.ticket.map { "<code>" + HTMLEscaper.text(HTMLEscaper.removingControlCharacters($0)) + "</code>" } ?? ""
            output += "</td></tr>\n"
        }
        return output + "</tbody>\n</table>\n</div>\n"
    }

    // MARK: - Public

    private func publicBody() -> String {
        var output = ""
        for entry in entries where !entry.items.isEmpty {
            let done = entry.items.count(where: \.isDone)
            output += "<section class=\"item-group\">\n<h2><a href=\"" + HTMLEscaper.attribute(entry.page) + "\">"
            output += HTMLEscaper.text(entry.title) + "</a></h2>\n<p class=\"muted\">" + markup.date(entry.date)
            output += " · \(done) of \(entry.items.count) done</p>\n<ul class=\"tasks\">\n"
            for item in entry.items {
                output += "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\""
                output += (item.isDone ? " checked=\"checked\"" : "") + "/> " + markup.inline(item.facts.action) + "</li>\n"
            }
            output += "</ul>\n</section>\n"
        }
        return output
    }
}
