import Foundation
import TestSupport
import Testing

/// `pm site` through the built binary on real repositories: the pages it writes, parsed with Python's XML parser;
/// what the internal and the public site show; relative links; and the folders it refuses to write into.
@Suite("pm site")
struct SiteCommandTests {
    static let hostileTitle = "Checkout <script>alert(1)</script> & \"friends\""
    static let alpha = "2026-01-05-checkout-script-alert-1-script-friends"
    static let beta = "2026-02-01-queue-backlog"
    static let gamma = "2026-02-20-dns-failure"

    /// A postmortem with two action items (owners, due dates, a ticket) and a section that is never public.
    static func postmortem(
        title: String, date: String, severity: String, status: String, visibility: String?, services: String,
        items: [String]
    ) -> String {
        """
        ---
        title: "\(title.replacingOccurrences(of: "\"", with: "\\\""))"
        date: \(date)
        severity: \(severity)
        status: \(status)
        \(visibility.map { "visibility: \($0)\n" } ?? "")services: \(services)
        tags: [database, secret-tag]
        authors: [zoe-author]
        started: \(date)T10:00:00Z
        detected: \(date)T10:07:00Z
        acknowledged: \(date)T10:09:00Z
        mitigated: \(date)T11:00:00Z
        resolved: \(date)T12:30:00Z
        related: [\(alpha)]
        ---

        ## Summary
        Requests failed after the replication lag grew. <!-- internal: ask the DBA team -->

        ## Impact
        Some customers saw errors.

        ## Timeline
        - 10:00 Errors begin.
        - 10:07 The alert fires.
        - 12:30 Resolved.

        ## Root cause
        A cache held a stale address.

        ## What went well
        - The pager worked instantly (internal only).

        ## Action items
        \(items.joined(separator: "\n"))

        """
    }

    /// Commits every change at `date`, author and committer, like a person working on that day.
    static func commit(_ repo: TemporaryRepository, _ message: String, at date: String) throws {
        let stamp = "\(date)T12:00:00Z"
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "-m", message], environment: ["GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp])
    }

    /// Three postmortems: alpha (published, public, the hostile title; item 2 ticked on 2026-01-15), beta (draft,
    /// internal, SEV1), gamma (published, internal).
    static func repository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "# Service\n")
        try commit(repo, "Initial commit", at: "2026-01-01")
        func alphaText(ticked: Bool) -> String {
            postmortem(
                title: hostileTitle, date: "2026-01-05", severity: "SEV2", status: "published", visibility: "public",
                services: "[checkout-api]",
                items: [
                    "- [ ] Alert on replication lag — owner: @dana — due: 2026-01-20 — ticket: OPS-142",
                    "- [\(ticked ? "x" : " ")] Pin the cache version — owner: @lee — due: 2026-02-01",
                ])
        }
        try repo.write("postmortems/\(alpha).md", alphaText(ticked: false))
        try commit(repo, "Add alpha", at: "2026-01-05")
        try repo.write("postmortems/\(alpha).md", alphaText(ticked: true))
        try commit(repo, "Tick alpha 2", at: "2026-01-15")
        try repo.write(
            "postmortems/\(beta).md",
            postmortem(
                title: "Queue backlog", date: "2026-02-01", severity: "SEV1", status: "draft", visibility: nil,
                services: "[queue]", items: ["- [ ] Drain the queue faster — owner: @lee — due: 2026-04-01 — ticket: OPS-7"]))
        try commit(repo, "Add beta", at: "2026-02-01")
        try repo.write(
            "postmortems/\(gamma).md",
            postmortem(
                title: "DNS failure", date: "2026-02-20", severity: "SEV3", status: "published", visibility: "internal",
                services: "[dns]", items: ["- [ ] Cache lookups — owner: @sam — due: 2026-03-01"]))
        try commit(repo, "Add gamma", at: "2026-02-20")
        return repo
    }

    /// The files below `folder`, relative, sorted (hidden ones included).
    static func files(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var result: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                result.append(path)
            }
        }
        return result.sorted()
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// Parses every `.html` file below `folder` with xml.etree after its doctype line, and checks that every
    /// `href` and `src` is relative and names a file of the site (and, with a fragment, an id in that file).
    /// Prints JSON: per page its doctype, `<title>`, the links it has, and the problems found.
    static let checkScript = """
        import json, os, sys, xml.etree.ElementTree as ET
        from urllib.parse import urlsplit, unquote
        folder = sys.argv[1]
        pages, ids = {}, {}
        for base, _, names in os.walk(folder):
            for name in names:
                if name.endswith(".html"):
                    path = os.path.relpath(os.path.join(base, name), folder)
                    text = open(os.path.join(base, name), encoding="utf-8").read()
                    doctype, rest = text.split("\\n", 1)
                    try:
                        root = ET.fromstring(rest)
                    except ET.ParseError as error:
                        pages[path] = {"doctype": doctype, "problems": ["not XML: %s" % error]}
                        continue
                    pages[path] = {"doctype": doctype, "root": root, "problems": []}
                    ids[path] = {e.get("id") for e in root.iter() if e.get("id")}
        report = {}
        for path, page in sorted(pages.items()):
            problems = page["problems"]
            links = []
            root = page.get("root")
            if root is not None:
                for element in root.iter():
                    for attribute in ("href", "src"):
                        value = element.get(attribute)
                        if value is None:
                            continue
                        links.append(value)
                        parts = urlsplit(value)
                        if parts.scheme in ("http", "https", "mailto"):
                            problems.append("absolute link " + value)
                            continue
                        if parts.scheme or parts.netloc or value.startswith("/"):
                            problems.append("not relative: " + value)
                            continue
                        target = path if not parts.path else os.path.normpath(
                            os.path.join(os.path.dirname(path), unquote(parts.path)))
                        if target.startswith(".."):
                            problems.append("leaves the site: " + value)
                        elif not os.path.isfile(os.path.join(folder, target)):
                            problems.append("no such file: " + value)
                        elif parts.fragment and target.endswith(".html") and parts.fragment not in ids.get(target, set()):
                            problems.append("no id %s in %s" % (parts.fragment, target))
            title = root.find("head/title") if root is not None else None
            report[path] = {"doctype": page["doctype"], "title": title.text if title is not None else None,
                            "links": links, "problems": problems}
        print(json.dumps(report))
        """

    struct PageReport: Decodable {
        let doctype: String
        let title: String?
        let links: [String]
        let problems: [String]
    }

    static func check(_ folder: String, in repo: TemporaryRepository) throws -> [String: PageReport] {
        let python = try #require(Shell.which("python3"), "python3 is needed to parse the pages as XML")
        let result = try Shell.run(python, ["-c", checkScript, folder], in: repo.base, environment: repo.environment)
        guard result.status == 0 else { throw TestFailure("python failed: \(result)") }
        return try JSONDecoder().decode([String: PageReport].self, from: Data(result.stdout.utf8))
    }

    /// The search data of a site: `search-index.js` without its assignment, decoded.
    struct SearchData: Decodable {
        struct Record: Decodable {
            let id: String
            let title: String
            let url: String
            let severity: String?
            let status: String?
            let services: [String]
            let tags: [String]
            let authors: [String]
            let text: String
        }
        let audience: String
        let postmortems: [Record]
    }

    static func searchData(_ folder: String) throws -> (raw: String, data: SearchData) {
        let raw = try read(folder + "/search-index.js")
        let prefix = "window.PM_SITE_INDEX = "
        #expect(raw.hasPrefix(prefix) && raw.hasSuffix(";\n"))
        let json = raw.dropFirst(prefix.count).dropLast(2)
        return (raw, try JSONDecoder().decode(SearchData.self, from: Data(json.utf8)))
    }

    // MARK: - The internal site

    @Test("the internal site: every page, well-formed, escaped, with relative links that resolve")
    func internalSite() throws {
        let repo = try SiteCommandTests.repository()
        let site = repo.base + "/site"
        let result = try repo.pm(["site", site, "--as-of", "2026-03-15"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        let summary = result.stderr.lines.filter { !$0.hasPrefix("note:") }
        #expect(summary.count == 1, "\(result.stderr)")
        #expect(summary.first?.hasPrefix("Wrote \(site): 6 pages (3 postmortems, internal)") == true, "\(result.stderr)")

        let files = SiteCommandTests.files(in: site)
        let pages = [SiteCommandTests.alpha, SiteCommandTests.beta, SiteCommandTests.gamma].map { "postmortems/\($0).html" }
        #expect(
            files
                == ([".pm-site", "actions.html", "index.html", "search-index.js", "site.js", "stats.html", "style.css"] + pages)
                .sorted())

        let report = try SiteCommandTests.check(site, in: repo)
        #expect(report.count == 6)
        for (path, page) in report {
            #expect(page.doctype == "<!DOCTYPE html>", "\(path)")
            #expect(page.problems.isEmpty, "\(path): \(page.problems)")
            #expect(page.links.contains { $0.hasSuffix("style.css") }, "\(path) has no stylesheet")
        }
        #expect(report["index.html"]?.title == "Postmortems")
        #expect(report["postmortems/\(SiteCommandTests.alpha).html"]?.title == SiteCommandTests.hostileTitle + " · Postmortems")

        // The hostile title is text everywhere: escaped in every page that names it, never markup.
        for path in ["index.html", "actions.html", "postmortems/\(SiteCommandTests.alpha).html"] {
            let text = try SiteCommandTests.read(site + "/" + path)
            #expect(text.contains("Checkout &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"friends\""), "\(path)")
        }
        for path in files where path.hasSuffix(".html") {
            let text = try SiteCommandTests.read(site + "/" + path)
            #expect(!text.contains("<script>alert"), "\(path)")
            // The SVG namespace is a name, not a link.
            let links = text.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!links.contains("http://") && !links.contains("https://"), "\(path) loads or links elsewhere")
            #expect(!text.contains("<!--") && !text.contains("ask the DBA team"), "\(path) shows an HTML comment")
        }
        let (raw, data) = try SiteCommandTests.searchData(site)
        #expect(!raw.contains("<") && !raw.contains(">"))
        #expect(raw.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026"))
        #expect(data.audience == "internal")
        #expect(data.postmortems.map(\.id) == [SiteCommandTests.gamma, SiteCommandTests.beta, SiteCommandTests.alpha])
        #expect(data.postmortems.last?.title == SiteCommandTests.hostileTitle)
        #expect(data.postmortems.last?.url == "postmortems/\(SiteCommandTests.alpha).html")
        #expect(data.postmortems.first?.tags == ["database", "secret-tag"])
        #expect(data.postmortems.allSatisfy { $0.text.contains("The pager worked instantly") })

        // Every section, and the action items with owner, due date, ticket, overdue marker and completion day.
        let alphaPage = try SiteCommandTests.read(site + "/postmortems/\(SiteCommandTests.alpha).html")
        for expected in [
            "What went well", "The pager worked instantly", "@dana", "OPS-142", "<time datetime=\"2026-01-20\">",
            "overdue 54 days", "done 2026-01-15", "secret-tag", "zoe-author", "Time to acknowledge", "9m",
            "<td class=\"time\"><time datetime=\"2026-01-05T10:07:00Z\">10:07</time></td>",
        ] {
            #expect(alphaPage.contains(expected), "the alpha page lacks \(expected)")
        }
        let index = try SiteCommandTests.read(site + "/index.html")
        #expect(index.contains("<form id=\"filters\" class=\"filters\" role=\"search\" hidden=\"hidden\">"))
        #expect(index.contains("<option value=\"SEV1\">SEV1</option>"))
        #expect(index.contains("<option value=\"draft\">draft</option>"))
        #expect(index.contains("<script src=\"search-index.js\"></script>"))
        let actions = try SiteCommandTests.read(site + "/actions.html")
        #expect(actions.contains("<h2 id=\"overdue\">Overdue</h2>"))
        for owner in ["@dana", "@lee", "@sam"] { #expect(actions.contains(owner)) }
        let stats = try SiteCommandTests.read(site + "/stats.html")
        #expect(stats.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""))
        #expect(stats.contains("<title id=\"chart-incidents-title\">Incidents per month</title>"))
        #expect(stats.contains("<title>2026-02 · SEV1: 1</title>"))
        #expect(stats.contains("Median time to detect and to resolve, per month"))

        // The marker lists what pm wrote; git sees nothing new in the repository.
        let marker = try SiteCommandTests.read(site + "/.pm-site")
        #expect(marker.hasPrefix("pm site\n"))
        #expect(marker.contains("\npostmortems/\(SiteCommandTests.beta).html\n"))
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }

    @Test("--json lists what was written; a second run rewrites nothing; the filters select postmortems")
    func jsonAndRerun() throws {
        let repo = try SiteCommandTests.repository()
        let site = repo.base + "/out/site"
        struct Output: Decodable {
            struct File: Decodable {
                let path: String
                let kind: String
                let state: String
            }
            let directory: String
            let audience: String
            let postmortems: [String]
            let files: [File]
            let removed: [String]
        }
        let first = try repo.pm(["site", site, "--json", "--as-of", "2026-03-15"])
        #expect(first.status == 0, "\(first)")
        let output = try JSONDecoder().decode(Output.self, from: Data(first.stdout.utf8))
        #expect(output.directory == site)
        #expect(output.audience == "internal")
        #expect(output.files.count == 9)
        #expect(output.files.allSatisfy { $0.state == "written" })
        #expect(Set(output.files.map(\.kind)) == ["page", "stylesheet", "script", "data"])

        let again = try repo.pm(["site", site, "--json", "--as-of", "2026-03-15"])
        #expect(again.status == 0, "\(again)")
        let second = try JSONDecoder().decode(Output.self, from: Data(again.stdout.utf8))
        #expect(second.files.allSatisfy { $0.state == "unchanged" })
        #expect(again.stderr.contains("all unchanged"))

        // A filtered build removes the pages it no longer has, and leaves a file of the user's alone.
        try Data("status.example.com\n".utf8).write(to: URL(fileURLWithPath: site + "/CNAME"))
        let filtered = try repo.pm(["site", site, "--json", "--severity", "sev1"])
        #expect(filtered.status == 0, "\(filtered)")
        let third = try JSONDecoder().decode(Output.self, from: Data(filtered.stdout.utf8))
        #expect(third.postmortems == [SiteCommandTests.beta])
        #expect(
            Set(third.removed)
                == ["postmortems/\(SiteCommandTests.alpha).html", "postmortems/\(SiteCommandTests.gamma).html"])
        #expect(
            SiteCommandTests.files(in: site).filter { $0.hasPrefix("postmortems/") } == [
                "postmortems/\(SiteCommandTests.beta).html"
            ])
        #expect(try SiteCommandTests.read(site + "/CNAME") == "status.example.com\n")
        #expect(!(try SiteCommandTests.read(site + "/.pm-site")).contains(SiteCommandTests.alpha))
    }

    // MARK: - The public site

    @Test("--public: only published, public postmortems, their public sections, items as text and done")
    func publicSite() throws {
        let repo = try SiteCommandTests.repository()
        let site = repo.base + "/public"
        let result = try repo.pm(["site", site, "--public", "--title", "Status <b>history</b>"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("1 postmortem, public"), "\(result.stderr)")
        let files = SiteCommandTests.files(in: site)
        #expect(files.filter { $0.hasPrefix("postmortems/") } == ["postmortems/\(SiteCommandTests.alpha).html"])
        let report = try SiteCommandTests.check(site, in: repo)
        #expect(report.count == 4)
        for (path, page) in report {
            #expect(page.problems.isEmpty, "\(path): \(page.problems)")
            #expect(page.title?.hasSuffix("Status <b>history</b>") == true, "\(path): \(page.title ?? "")")
        }
        // Nothing internal in any file: owners, tickets, due dates, authors, tags, other sections, comments,
        // the other postmortems, time to acknowledge.
        let internalText = [
            "@dana", "@lee", "@sam", "OPS-142", "OPS-7", "2026-01-20", "2026-02-01\"", "zoe-author", "secret-tag",
            "What went well", "The pager worked instantly", "ask the DBA team", "Queue backlog", "DNS failure",
            SiteCommandTests.beta, SiteCommandTests.gamma, "Time to acknowledge", "Acknowledged", "owner", "draft",
        ]
        for path in files where path != "site.js" && path != "style.css" && path != ".pm-site" {
            let text = try SiteCommandTests.read(site + "/" + path)
            for secret in internalText { #expect(!text.contains(secret), "\(path) shows \(secret)") }
            #expect(!text.contains("<script>alert") && !text.contains("<b>history"), "\(path)")
        }
        let page = try SiteCommandTests.read(site + "/postmortems/\(SiteCommandTests.alpha).html")
        for expected in [
            "Summary", "Impact", "Timeline", "Root cause", "Action items", "Alert on replication lag", "Pin the cache version",
            "checked=\"checked\"", "Time to detect", "7m", "Time to resolve", "2h 30m",
            "<span class=\"audience-tag\">Public</span>",
        ] {
            #expect(page.contains(expected), "the public page lacks \(expected)")
        }
        let (_, data) = try SiteCommandTests.searchData(site)
        #expect(data.audience == "public")
        #expect(data.postmortems.map(\.id) == [SiteCommandTests.alpha])
        #expect(data.postmortems.first?.tags == [] && data.postmortems.first?.authors == [])
        #expect(data.postmortems.first?.status == nil)
        #expect(data.postmortems.first?.text.contains("Pin the cache version") == true)
        let actions = try SiteCommandTests.read(site + "/actions.html")
        #expect(actions.contains("1 of 2 done"))
        let index = try SiteCommandTests.read(site + "/index.html")
        #expect(!index.contains("name=\"status\"") && !index.contains("name=\"tag\""))
    }

    // MARK: - Where it writes

    @Test("refuses a file, a folder it did not write, and a page path it did not make, changing nothing")
    func refusals() throws {
        let repo = try SiteCommandTests.repository()
        let file = repo.base + "/notes.txt"
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: file))
        let onFile = try repo.pm(["site", file])
        #expect(onFile.status == 2, "\(onFile)")
        #expect(onFile.stderr.contains("is a file, not a folder"), "\(onFile.stderr)")
        #expect(try SiteCommandTests.read(file) == "keep me\n")

        let foreign = repo.base + "/foreign"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: foreign + "/index.html"))
        let onForeign = try repo.pm(["site", foreign])
        #expect(onForeign.status == 2, "\(onForeign)")
        #expect(onForeign.stderr.contains("is not empty and has no .pm-site file"), "\(onForeign.stderr)")
        #expect(onForeign.stderr.contains("choose another folder, or empty"), "\(onForeign.stderr)")
        #expect(SiteCommandTests.files(in: foreign) == ["index.html"])
        #expect(try SiteCommandTests.read(foreign + "/index.html") == "mine\n")

        // A site pm wrote, where someone put a file of their own at a page's path.
        let site = repo.base + "/site"
        #expect(try repo.pm(["site", site]).status == 0)
        try Data("hand-made\n".utf8).write(to: URL(fileURLWithPath: site + "/index.html.bak"))
        try FileManager.default.removeItem(atPath: site + "/stats.html")
        try Data("hand-made\n".utf8).write(to: URL(fileURLWithPath: site + "/stats.html"))
        var marker = try SiteCommandTests.read(site + "/.pm-site")
        marker = marker.replacingOccurrences(of: "stats.html\n", with: "")
        try Data(marker.utf8).write(to: URL(fileURLWithPath: site + "/.pm-site"))
        let before = try SiteCommandTests.read(site + "/index.html")
        let onForeignPage = try repo.pm(["site", site])
        #expect(onForeignPage.status == 2, "\(onForeignPage)")
        #expect(onForeignPage.stderr.contains("stats.html exists and was not written by pm site"), "\(onForeignPage.stderr)")
        #expect(try SiteCommandTests.read(site + "/stats.html") == "hand-made\n")
        #expect(try SiteCommandTests.read(site + "/index.html") == before)
    }

    @Test("never writes through a symbolic link, and never outside the folder")
    func symbolicLinks() throws {
        let repo = try SiteCommandTests.repository()
        let site = repo.base + "/site"
        #expect(try repo.pm(["site", site]).status == 0)
        let outside = repo.base + "/outside.html"
        try Data("outside\n".utf8).write(to: URL(fileURLWithPath: outside))
        let page = site + "/postmortems/\(SiteCommandTests.alpha).html"
        try FileManager.default.removeItem(atPath: page)
        try FileManager.default.createSymbolicLink(atPath: page, withDestinationPath: outside)
        let result = try repo.pm(["site", site])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("is a symbolic link"), "\(result.stderr)")
        #expect(try SiteCommandTests.read(outside) == "outside\n")

        // The pages' folder replaced by a link to a folder outside.
        let elsewhere = repo.base + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.removeItem(atPath: site + "/postmortems")
        try FileManager.default.createSymbolicLink(atPath: site + "/postmortems", withDestinationPath: elsewhere)
        let folder = try repo.pm(["site", site])
        #expect(folder.status == 2, "\(folder)")
        #expect(folder.stderr.contains("postmortems is a symbolic link, not a folder"), "\(folder.stderr)")
        #expect(SiteCommandTests.files(in: elsewhere).isEmpty)

        // A marker that names paths outside the folder is not obeyed.
        try FileManager.default.removeItem(atPath: site + "/postmortems")
        let victim = repo.base + "/victim.txt"
        try Data("victim\n".utf8).write(to: URL(fileURLWithPath: victim))
        var marker = try SiteCommandTests.read(site + "/.pm-site")
        marker += "../victim.txt\n/etc/hostname\n"
        try Data(marker.utf8).write(to: URL(fileURLWithPath: site + "/.pm-site"))
        let rebuilt = try repo.pm(["site", site])
        #expect(rebuilt.status == 0, "\(rebuilt)")
        #expect(try SiteCommandTests.read(victim) == "victim\n")
        #expect(FileManager.default.fileExists(atPath: page))
    }

    /// A folder outside the site with files a planted marker line or link aims at, and what each held.
    static func sentinel(in repo: TemporaryRepository) throws -> (folder: String, files: [String: String]) {
        let folder = repo.base + "/sentinel"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let files = [
            "id_ed25519": "private key\n", "secret": "secret\n", "index.html": "not the site's\n",
            "\(SiteCommandTests.alpha).html": "not the site's page\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        return (folder, files)
    }

    static func expectIntact(_ sentinel: (folder: String, files: [String: String]), _ context: String) throws {
        #expect(SiteCommandTests.files(in: sentinel.folder) == sentinel.files.keys.sorted(), "\(context)")
        for (name, text) in sentinel.files {
            #expect(try SiteCommandTests.read(sentinel.folder + "/" + name) == text, "\(context): \(name)")
        }
    }

    @Test("--force with a planted .pm-site and linked sub-folders removes and writes nothing outside the folder")
    func plantedMarkerAndLinkedFolders() throws {
        let repo = try SiteCommandTests.repository()
        let sentinel = try SiteCommandTests.sentinel(in: repo)
        let outside = repo.base + "/x"
        try Data("outside\n".utf8).write(to: URL(fileURLWithPath: outside))
        // A clone that commits the site's folder with a planted marker and a link, built with --force.
        try repo.write(".gitignore", "")
        #expect(try repo.pm(["site", "site", "--force"]).status == 0)
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/site/assets", withDestinationPath: sentinel.folder)
        var marker = try repo.read("site/.pm-site")
        marker += "../x\n/abs\n\(outside)\nassets/secret\nassets/id_ed25519\nassets/index.html\n./assets/secret\n"
        marker += "assets/../../x\nsite.js/../../x\nred\u{1B}[31m.html\n"
        try Data(marker.utf8).write(to: URL(fileURLWithPath: repo.root + "/site/.pm-site"))
        try repo.commitAll("A site with a planted marker")

        let planted = try repo.pm(["site", "site", "--force", "--json"])
        #expect(planted.status == 0, "\(planted)")
        try SiteCommandTests.expectIntact(sentinel, "planted marker")
        #expect(try SiteCommandTests.read(outside) == "outside\n")
        for line in ["../x", "/abs", outside, "assets/secret", "assets/id_ed25519", "assets/index.html", "assets/../../x"] {
            #expect(
                planted.stderr.contains("warning: ignored line")
                    && planted.stderr.contains("'\(line)': not a file pm site writes"),
                "\(line): \(planted.stderr)")
        }
        #expect(planted.stderr.contains("'red?[31m.html'") && !planted.stderr.contains("\u{1B}"), "\(planted.stderr)")
        struct Output: Decodable {
            let removed: [String]
            let refused: [String]
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(planted.stdout.utf8))
        #expect(output.removed.isEmpty && output.refused.count == 10, "\(output)")
        // pm's marker now lists only what it wrote; the link is still the user's problem, never followed.
        #expect(!(try repo.read("site/.pm-site")).contains("assets"))

        // The pages' folder replaced by a link to the sentinel, and a build that no longer has the pages: the
        // removal of postmortems/*.html must not go through the link.
        try FileManager.default.removeItem(atPath: repo.root + "/site/postmortems")
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/site/postmortems", withDestinationPath: sentinel.folder)
        let linkedPages = try repo.pm(["site", "site", "--force", "--severity", "SEV4"])
        #expect(linkedPages.status == 0, "\(linkedPages)")
        #expect(
            linkedPages.stderr.contains(
                "warning: left site/postmortems/\(SiteCommandTests.alpha).html alone: site/postmortems is a symbolic link"),
            "\(linkedPages.stderr)")
        try SiteCommandTests.expectIntact(sentinel, "linked pages folder")

        // The same with a page the build still has: refused before anything is written.
        let writeThrough = try repo.pm(["site", "site", "--force"])
        #expect(writeThrough.status == 2, "\(writeThrough)")
        #expect(writeThrough.stderr.contains("site/postmortems is a symbolic link, not a folder"), "\(writeThrough.stderr)")
        try SiteCommandTests.expectIntact(sentinel, "write through a linked pages folder")
        #expect(try repo.git(["fsck", "--no-progress"]).isEmpty)
    }

    @Test("a site folder that is a symbolic link, or reached through one in the repository, is refused")
    func linkedSiteFolder() throws {
        let repo = try SiteCommandTests.repository()
        let sentinel = try SiteCommandTests.sentinel(in: repo)
        // A marker in the sentinel, as if pm had written there: a link to it must still not be obeyed.
        try Data("pm site\nindex.html\nsecret.html\n".utf8).write(
            to: URL(fileURLWithPath: sentinel.folder + "/.pm-site"))
        var files = sentinel.files
        files[".pm-site"] = "pm site\nindex.html\nsecret.html\n"
        let guarded = (folder: sentinel.folder, files: files)
        let linked = repo.base + "/linked-site"
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: sentinel.folder)
        let result = try repo.pm(["site", linked])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("is a symbolic link (to \(sentinel.folder)); pm site does not write through links"))
        try SiteCommandTests.expectIntact(guarded, "linked site folder")

        // A link committed to the repository carries 'docs/site' outside it.
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/docs", withDestinationPath: sentinel.folder)
        try repo.commitAll("Add a link")
        let through = try repo.pm(["site", "docs/site", "--force"])
        #expect(through.status == 2, "\(through)")
        #expect(through.stderr.contains("a symbolic link takes it to"), "\(through.stderr)")
        try SiteCommandTests.expectIntact(guarded, "site folder through a link in the repository")
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }

    @Test("inside the working tree: refused unless git ignores the folder or --force; never in .git or the postmortems")
    func insideTheRepository() throws {
        let repo = try SiteCommandTests.repository()
        let unignored = try repo.pm(["site", "site"])
        #expect(unignored.status == 2, "\(unignored)")
        #expect(unignored.stderr.contains("inside this repository's working tree and git does not ignore it"))
        #expect(unignored.stderr.contains("Add 'site/' to .gitignore"), "\(unignored.stderr)")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/site"))

        try repo.write(".gitignore", "/public/\n")
        try SiteCommandTests.commit(repo, "Ignore the site", at: "2026-03-01")
        let ignored = try repo.pm(["site", "public/internal"])
        #expect(ignored.status == 0, "\(ignored)")
        #expect(FileManager.default.fileExists(atPath: repo.root + "/public/internal/index.html"))
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)

        let forced = try repo.pm(["site", "docs/site", "--force", "--public"])
        #expect(forced.status == 0, "\(forced)")
        #expect(try repo.git(["status", "--porcelain"]).contains("?? docs/"))

        for folder in ["postmortems/site", ".git/site", "postmortems"] {
            let refused = try repo.pm(["site", folder, "--force"])
            #expect(refused.status == 2, "\(folder): \(refused)")
            #expect(refused.stderr.contains("inside the"), "\(folder): \(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/postmortems/site"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/.git/site"))
        #expect(try repo.git(["fsck", "--no-progress"]).isEmpty)
    }

    @Test("usage: a missing folder is a usage error; an empty repository gives a clear error")
    func usage() throws {
        let repo = try SiteCommandTests.repository()
        let missing = try repo.pm(["site"])
        #expect(missing.status == 64, "\(missing)")
        #expect(missing.stderr.contains("See 'pm site --help'"), "\(missing.stderr)")
        let help = try repo.pm(["site", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--public") && help.stdout.contains("pm site ../postmortem-site"))

        let empty = try TemporaryRepository()
        let unborn = try empty.pm(["site", empty.base + "/site"])
        #expect(unborn.status == 2, "\(unborn)")
        #expect(unborn.stderr.contains("has no commits yet"), "\(unborn.stderr)")
    }
}
