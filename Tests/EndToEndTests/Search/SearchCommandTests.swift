import Foundation
import TestSupport
import Testing

/// `pm search` and `pm index` through the built binary on real repositories, checked against git.
@Suite("Search")
struct SearchCommandTests {
    func json(_ result: ProcessOutput) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
    }

    func hits(_ result: ProcessOutput) throws -> [[String: Any]] {
        try #require(try json(result)["hits"] as? [[String: Any]])
    }

    func ids(_ result: ProcessOutput) throws -> [String] {
        try hits(result).compactMap { $0["id"] as? String }
    }

    func stats(_ repo: TemporaryRepository) throws -> [String: Any] {
        let result = try repo.pm(["index", "--stats", "--json"])
        #expect(result.status == 0, "\(result)")
        return try json(result)
    }

    /// A repository with one postmortem whose root cause names "stale addresses", then a commit that rewords it.
    func repositoryWithRewordedRootCause() throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        let text = Fixtures.postmortem().replacingOccurrences(
            of: "cached the old primary's address.", with: "kept stale addresses of the old primary.")
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: text, message: "Add the checkout postmortem")
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-checkout", text: text.replacingOccurrences(of: "stale addresses", with: "outdated entries"),
            message: "Reword the root cause")
        return repo
    }

    @Test("text removed in a later commit is found with --history, with the commit that still had it, and not without")
    func removedText() throws {
        let repo = try repositoryWithRewordedRootCause()
        let current = try repo.pm(["search", "stale addresses"])
        #expect(current.status == 1, "\(current)")
        #expect(current.stdout.isEmpty)
        #expect(current.stderr.contains("No postmortem matches 'stale addresses'"))
        #expect(current.stderr.contains("--history"))

        let history = try repo.pm(["search", "--history", "stale addresses", "--json"])
        #expect(history.status == 0, "\(history)")
        let hit = try #require(try hits(history).first)
        #expect(hit["id"] as? String == "2026-11-20-checkout")
        #expect(hit["live"] as? Bool == true)
        let revisions = try #require(hit["revisions"] as? [[String: Any]])
        #expect(revisions.count == 1)
        let introduced = try #require((revisions.first?["introduced"] as? [[String: Any]])?.first)
        let removed = try #require((revisions.first?["removed"] as? [[String: Any]])?.first)
        #expect(introduced["commit"] as? String == (try repo.git(["rev-parse", "HEAD~1"]).trimmed))
        #expect(introduced["author"] as? String == "Dana Reyes")
        let committed = try repo.git(["log", "-1", "--format=%aI", "HEAD~1"]).trimmed
        let date = try #require(introduced["date"] as? String)
        #expect(
            ISO8601DateFormatter().date(from: date) == ISO8601DateFormatter().date(from: committed),
            "\(date) is the author date of the commit, \(committed)")
        #expect(introduced["summary"] as? String == "Add the checkout postmortem")
        #expect(removed["commit"] as? String == (try repo.git(["rev-parse", "HEAD"]).trimmed))
        #expect(revisions.first?["current"] as? Bool == false)
        #expect((hit["snippet"] as? String)?.contains("stale addresses") == true)

        let text = try repo.pm(["search", "--history", "stale addresses"])
        #expect(text.status == 0, "\(text)")
        let short = String(try repo.git(["rev-parse", "HEAD~1"]).prefix(7))
        #expect(text.stdout.contains("2026-11-20-checkout"))
        #expect(text.stdout.contains("\(short) "))
        #expect(text.stdout.contains("Dana Reyes: Add the checkout postmortem"))
        #expect(text.stdout.contains("(until \(try repo.git(["rev-parse", "--short=7", "HEAD"]).trimmed)"))

        let reworded = try repo.pm(["search", "outdated entries", "--json"])
        #expect(try ids(reworded) == ["2026-11-20-checkout"])
    }

    /// A repository with one committed postmortem whose root cause says "kept stale addresses".
    func repositoryWithStaleAddresses() throws -> (repo: TemporaryRepository, path: String) {
        let repo = try Fixtures.repositoryWithCommit()
        let text = Fixtures.postmortem().replacingOccurrences(
            of: "cached the old primary's address.", with: "kept stale addresses of the old primary.")
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: text)
        return (repo, "postmortems/2026-11-20-checkout.md")
    }

    func snippet(_ repo: TemporaryRepository, _ query: String) throws -> String? {
        let result = try repo.pm(["search", query, "--json"])
        #expect(result.status == 0, "\(result)")
        return try hits(result).first?["snippet"] as? String
    }

    @Test("a postmortem edited in the working tree but not committed: the snippet shows the committed version")
    func snippetOfEditedWorkingTree() throws {
        let (repo, path) = try repositoryWithStaleAddresses()
        #expect(try snippet(repo, "stale addresses") == "The connection pool kept stale addresses of the old primary.")
        try repo.write(path, try repo.read(path).replacingOccurrences(of: "kept stale addresses", with: "kept bogus entries"))
        #expect(try repo.git(["status", "--porcelain"]).trimmed == "M \(path)")
        // What is searched is what is committed: the hit and its snippet are HEAD's, as git shows them.
        #expect(try repo.git(["show", "HEAD:\(path)"]).contains("kept stale addresses"))
        #expect(try snippet(repo, "stale addresses") == "The connection pool kept stale addresses of the old primary.")
        #expect(try repo.pm(["search", "bogus"]).status == 1)
        // Gone from the working tree altogether: still HEAD's.
        try FileManager.default.removeItem(atPath: repo.root + "/" + path)
        #expect(try snippet(repo, "stale addresses") == "The connection pool kept stale addresses of the old primary.")
    }

    @Test("an edit in the same second, of the same size, in place: the snippet still shows the committed version")
    func snippetOfRacyEdit() throws {
        let (repo, path) = try repositoryWithStaleAddresses()
        let file = repo.root + "/" + path
        // A first search records the file as holding the committed version, with its stat data.
        #expect(try snippet(repo, "addresses") == "The connection pool kept stale addresses of the old primary.")
        var before = stat()
        #expect(stat(file, &before) == 0)
        // "stale" and "fresh" have the same length: size, inode and (restored below) mtime stay as git's index has
        // them, so only the content tells the two versions apart (git's "racily clean" entry).
        let edited = Array(
            try repo.read(path).replacingOccurrences(of: "kept stale addresses", with: "kept fresh addresses").utf8)
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.write(contentsOf: edited)
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        var after = stat()
        #expect(stat(file, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        #expect(try repo.read(path).contains("kept fresh addresses"))
        #expect(try repo.git(["show", "HEAD:\(path)"]).contains("kept stale addresses"))

        #expect(try snippet(repo, "addresses") == "The connection pool kept stale addresses of the old primary.")
        #expect(try repo.pm(["search", "fresh addresses"]).status == 1)
    }

    @Test("a deleted postmortem is found only with --history, marked deleted")
    func deletedPostmortem() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try Fixtures.commitPostmortem(
            repo, id: "2026-10-02-quokka-outage",
            text: Fixtures.postmortem(title: "Quokka cluster outage", date: "2026-10-02"))
        try repo.git(["rm", "-q", "postmortems/2026-10-02-quokka-outage.md"])
        try repo.git(["commit", "-q", "-m", "Remove the quokka postmortem"])

        #expect(try repo.pm(["search", "quokka"]).status == 1)
        let history = try repo.pm(["search", "--history", "quokka", "--json"])
        #expect(try ids(history) == ["2026-10-02-quokka-outage"])
        #expect(try hits(history).first?["live"] as? Bool == false)
        let text = try repo.pm(["search", "--history", "quokka"])
        #expect(text.stdout.contains("(deleted)"), "\(text)")
        // A word both share: the live one without --history, both with it.
        #expect(try ids(try repo.pm(["search", "connection", "--json"])) == ["2026-11-20-checkout"])
        #expect(Set(try ids(try repo.pm(["search", "--history", "connection", "--json"]))).count == 2)
    }

    @Test("after git commit --amend or a reset, the dropped revisions are gone from the results")
    func rewrittenHistory() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-20-checkout", text: Fixtures.postmortem(extraSummary: " A zeppelin-shaped graph."))
        #expect(try ids(try repo.pm(["search", "--history", "zeppelin", "--json"])) == ["2026-11-20-checkout"])
        try repo.write("postmortems/2026-11-20-checkout.md", Fixtures.postmortem(extraSummary: " A flat graph."))
        try repo.git(["commit", "-q", "-a", "--amend", "-m", "Add the checkout postmortem"])
        let amended = try repo.pm(["search", "--history", "zeppelin"])
        #expect(amended.status == 1, "\(amended)")

        try Fixtures.commitPostmortem(
            repo, id: "2026-11-21-quokka", text: Fixtures.postmortem(title: "Quokka cluster outage", date: "2026-11-21"))
        #expect(try ids(try repo.pm(["search", "quokka", "--json"])) == ["2026-11-21-quokka"])
        try repo.git(["reset", "-q", "--hard", "HEAD~1"])
        #expect(try repo.pm(["search", "--history", "quokka"]).status == 1)
        #expect(try ids(try repo.pm(["search", "flat graph", "--json"])) == ["2026-11-20-checkout"])
    }

    @Test("a new commit is appended to the index as one segment; --rebuild writes one")
    func incrementalUpdate() throws {
        let repo = try repositoryWithRewordedRootCause()
        let built = try repo.pm(["index"])
        #expect(built.status == 0, "\(built)")
        #expect(built.stdout.contains("Search index built"), "\(built)")
        #expect(try stats(repo)["segments"] as? Int == 1)
        try Fixtures.commitPostmortem(
            repo, id: "2026-11-22-dns", text: Fixtures.postmortem(title: "DNS resolver dropped queries", date: "2026-11-22"))
        let updated = try repo.pm(["index"])
        #expect(updated.stdout.contains("Search index updated"), "\(updated)")
        let after = try stats(repo)
        #expect(after["segments"] as? Int == 2)
        #expect(after["documents"] as? Int == 2)
        #expect(after["revisions"] as? Int == 3)
        #expect(try ids(try repo.pm(["search", "resolver", "--json"])) == ["2026-11-22-dns"])
        #expect(try repo.pm(["index"]).stdout.contains("up to date"))
        #expect(try repo.pm(["index", "--rebuild"]).status == 0)
        #expect(try stats(repo)["segments"] as? Int == 1)
        let text = try repo.pm(["index", "--stats"])
        for label in ["File", "Size", "Postmortems", "Revisions", "Commits", "Terms", "Built", "HEAD"] {
            #expect(text.stdout.contains("\n" + label + " ") || text.stdout.hasPrefix(label + " "), "\(label): \(text)")
        }
        #expect(text.stdout.contains("2 at HEAD"), "\(text)")
        #expect(text.stdout.contains(String(try repo.git(["rev-parse", "HEAD"]).prefix(7)) + " refs/heads/main"))
        let refs = try #require(try stats(repo)["refs"] as? [[String: Any]])
        #expect(refs.first?["name"] as? String == "refs/heads/main")
        #expect(refs.first?["target"] as? String == (try repo.git(["rev-parse", "HEAD"]).trimmed))
    }

    @Test("a damaged, truncated or foreign index is rebuilt with a one-line notice and the search still answers")
    func damagedIndex() throws {
        let repo = try repositoryWithRewordedRootCause()
        #expect(try repo.pm(["search", "connection"]).status == 0)
        let path = repo.root + "/.git/pm/search-index"
        let original = try #require(FileManager.default.contents(atPath: path))
        var flipped = original
        flipped[40] ^= 0xFF
        let damages: [(String, Data)] = [
            ("truncated", original.prefix(original.count / 2)), ("a flipped byte", flipped),
            ("foreign", Data("# not an index\n".utf8)), ("empty", Data()),
        ]
        for (name, bytes) in damages {
            try bytes.write(to: URL(fileURLWithPath: path))
            let result = try repo.pm(["search", "outdated entries", "--json"])
            #expect(result.status == 0, "\(name): \(result)")
            #expect(try ids(result) == ["2026-11-20-checkout"], "\(name)")
            let notices = result.stderr.lines
            #expect(notices.count == 1, "\(name): \(result.stderr)")
            #expect(notices.first?.contains("search index is damaged") == true, "\(name): \(result.stderr)")
            #expect(notices.first?.contains("rebuilding it") == true, "\(name): \(result.stderr)")
            let again = try repo.pm(["search", "outdated entries"])
            #expect(again.stderr.isEmpty, "\(name): the rebuilt index is trusted: \(again)")
        }
    }

    @Test("two pm search processes racing on a stale index both answer and leave one valid index")
    func racingSearches() throws {
        let repo = try repositoryWithRewordedRootCause()
        #expect(try repo.pm(["index"]).status == 0)
        for round in 0..<3 {
            try Fixtures.commitPostmortem(
                repo, id: "2026-11-2\(round)-race",
                text: Fixtures.postmortem(title: "Race \(round) lost", date: "2026-11-2\(round)"))
            let processes = (0..<2).map { _ -> (Process, Pipe) in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: PMBinary.path)
                process.arguments = ["search", "race", "--json"]
                process.currentDirectoryURL = URL(fileURLWithPath: repo.root)
                process.environment = repo.environment
                let output = Pipe()
                process.standardOutput = output
                process.standardError = FileHandle.nullDevice
                return (process, output)
            }
            for (process, _) in processes { try process.run() }
            for (process, output) in processes {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
                let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                #expect((object["hits"] as? [Any])?.count == round + 1)
            }
            let after = try stats(repo)
            #expect(after["segments"] as? Int == round + 2, "one appended segment per new commit, not one per process")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repo.root + "/.git/pm").filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers.isEmpty)
    }

    @Test("pm index fails when the index cannot be saved, though searches still answer")
    func indexCannotBeSaved() throws {
        let repo = try repositoryWithRewordedRootCause()
        try repo.write(".git/pm", "not a folder\n")
        let result = try repo.pm(["index"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("could not be saved"), "\(result)")
        #expect(try repo.pm(["index", "--json"]).status == 2, "the same with --json")
        #expect(try repo.pm(["index", "--stats"]).status == 0, "--stats reports, even from memory")
    }

    @Test("a repository pm cannot write to is searched with an index built in memory")
    func readOnlyRepository() throws {
        let repo = try repositoryWithRewordedRootCause()
        // Running as root ignores permissions, so the folder pm writes into is made a file instead.
        try repo.write(".git/pm", "not a folder\n")
        let result = try repo.pm(["search", "connection", "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(try ids(result) == ["2026-11-20-checkout"])
        #expect(result.stderr.contains("built in memory"), "\(result)")
        #expect(try repo.read(".git/pm") == "not a folder\n")
        let stats = try repo.pm(["index", "--stats"])
        #expect(stats.stdout.contains("(in memory)"), "\(stats)")
    }

    @Test("when the index cannot be written (here: a folder is in its place), the search still answers from memory")
    func unwritableIndex() throws {
        let repo = try repositoryWithRewordedRootCause()
        try FileManager.default.createDirectory(
            atPath: repo.root + "/.git/pm/search-index", withIntermediateDirectories: true)
        let result = try repo.pm(["search", "outdated entries", "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(try ids(result) == ["2026-11-20-checkout"])
        #expect(result.stderr.contains("this search uses the index in memory"), "\(result)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repo.root + "/.git/pm").filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers.isEmpty, "the temporary file is removed")
    }

    @Test("any folder of Markdown is searchable: documents without front matter are titled by their first heading")
    func foreignMarkdown() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write(".pmconfig", "[pm]\n\tdirectory = docs/rfcs\n")
        try repo.write("docs/rfcs/0001-streaming.md", "# Streaming ingestion\n\nWe propose a queue in front of the ingestors.\n")
        try repo.write("docs/rfcs/0002-retention.md", "Retention notes without a heading.\n")
        try repo.commitAll("Add RFCs")
        let result = try repo.pm(["search", "ingestors", "--json"])
        #expect(result.status == 0, "\(result)")
        let hit = try #require(try hits(result).first)
        #expect(hit["title"] as? String == "Streaming ingestion")
        #expect(hit["path"] as? String == "docs/rfcs/0001-streaming.md")
        #expect(try ids(try repo.pm(["search", "retention", "--json"])) == ["0002-retention"])
    }

    @Test("fields, sections and the shared filters narrow the results")
    func fieldsAndFilters() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem(severity: "SEV1"))
        try Fixtures.commitPostmortem(
            repo, id: "2026-09-01-search-latency",
            text: Fixtures.postmortem(
                title: "Search latency doubled", date: "2026-09-01", status: "published", severity: "SEV3",
                services: "[search]"))
        func search(_ arguments: String...) throws -> [String] {
            let result = try repo.pm(["search"] + arguments + ["--json"])
            #expect([0, 1].contains(result.status), "\(result)")
            return result.status == 0 ? try ids(result).sorted() : []
        }
        #expect(try search("connection") == ["2026-09-01-search-latency", "2026-11-20-checkout"])
        #expect(try search("severity:sev1 connection") == ["2026-11-20-checkout"])
        #expect(try search("connection", "--severity", "SEV3") == ["2026-09-01-search-latency"])
        #expect(try search("status:published") == ["2026-09-01-search-latency"])
        #expect(try search("service:search") == ["2026-09-01-search-latency"])
        #expect(try search("owner:@dana after:2026-10-01") == ["2026-11-20-checkout"])
        #expect(try search("before:2026-10-01") == ["2026-09-01-search-latency"])
        #expect(try search("connection", "--since", "2026-10-01") == ["2026-11-20-checkout"])
        #expect(try search("id:latency") == ["2026-09-01-search-latency"])
        #expect(try search("author:LEE connection").count == 2)
        #expect(try search("author:nobody") == [])
        #expect(try search("connection", "--author", "dana") == ["2026-09-01-search-latency", "2026-11-20-checkout"])
        #expect(try search("tag:failover -latency") == ["2026-11-20-checkout"])
        #expect(try search("tag:failover NOT latency") == ["2026-11-20-checkout"])
        #expect(try search("connection AND latency") == ["2026-09-01-search-latency"])
        #expect(try search("section:\"root cause\" pool") == ["2026-09-01-search-latency", "2026-11-20-checkout"])
        #expect(try search("section:impact pool") == [])
        #expect(try search("\"primary fails over\"") == ["2026-09-01-search-latency", "2026-11-20-checkout"])
        #expect(try search("\"fails primary\"") == [])
        // Silent e and -ed meet: the fixture says "cached".
        #expect(try search("cache") == ["2026-09-01-search-latency", "2026-11-20-checkout"])
        #expect(try search("latenc*") == ["2026-09-01-search-latency"])
        #expect(try search("quokka OR latency") == ["2026-09-01-search-latency"])
        // A word in the summary ranks above the same word in the body of an otherwise alike postmortem.
        try Fixtures.commitPostmortem(
            repo, id: "2026-08-01-quokka-summary",
            text: Fixtures.postmortem(title: "Queue stalled", date: "2026-08-01", extraSummary: " A quokka was involved."))
        try Fixtures.commitPostmortem(
            repo, id: "2026-08-02-quokka-body",
            text: Fixtures.postmortem(title: "Queue stalled", date: "2026-08-02").replacingOccurrences(
                of: "About 4,100 customers", with: "A quokka and about 4,100 customers"))
        let ranked = try ids(try repo.pm(["search", "quokka", "--json"]))
        #expect(ranked == ["2026-08-01-quokka-summary", "2026-08-02-quokka-body"], "newer, yet below: \(ranked)")
    }

    @Test("the date, the timestamps and the visibility compare what pm reads; other known keys what is written")
    func parsedAndWrittenFields() throws {
        let repo = try Fixtures.repositoryWithCommit()
        // In Auckland (UTC+13 in November), the checkout incident started on the 21st.
        try repo.write(".pmconfig", "[pm]\n\ttimezone = Pacific/Auckland\n")
        try repo.commitAll("Set the time zone")
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try Fixtures.commitPostmortem(
            repo, id: "2026-09-01-search-latency",
            text: Fixtures.postmortem(title: "Search latency doubled", date: "2026-09-01").replacingOccurrences(
                of: "related:", with: "visibility: public\nrelated:"))
        func search(_ query: String) throws -> [String] {
            let result = try repo.pm(["search", query, "--json"])
            #expect([0, 1].contains(result.status), "\(result)")
            return result.status == 0 ? try ids(result).sorted() : []
        }
        #expect(try search("date:2026-09-01") == ["2026-09-01-search-latency"])
        #expect(try search("started:2026-11-21") == ["2026-11-20-checkout"], "the day in pm.timezone")
        #expect(try search("started:2026-11-20") == [])
        #expect(try search("resolved:2026-11-20T15:31:00Z") == ["2026-11-20-checkout"])
        #expect(try search("resolved:2026-11-21T04:31:00") == ["2026-11-20-checkout"], "no zone: pm.timezone")
        #expect(try search("resolved:2026-11-20T15:31:01Z") == [])
        #expect(try search("visibility:PUBLIC") == ["2026-09-01-search-latency"])
        #expect(try search("related:2026-10-02-payments-db-failover").count == 2)
        #expect(try search("title:\"search latency doubled\"") == ["2026-09-01-search-latency"])
        let malformed = try repo.pm(["search", "started:yesterday"])
        #expect(malformed.status == 64, "\(malformed)")
        #expect(malformed.stderr.contains("'yesterday' is neither a date nor a timestamp"), "\(malformed)")
        #expect(try repo.pm(["search", "date:2026-02-30"]).stderr.contains("'2026-02-30' is not a date"))
    }

    @Test("ranking: title and summary above the body, then newest first")
    func ranking() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let body = Fixtures.postmortem(title: "Disk filled up", date: "2026-03-01").replacingOccurrences(
            of: "About 4,100 customers", with: "About 4,100 customers and the gateway")
        try Fixtures.commitPostmortem(repo, id: "2026-03-01-disk", text: body)
        try Fixtures.commitPostmortem(
            repo, id: "2026-01-01-gateway", text: Fixtures.postmortem(title: "Gateway returned 502s", date: "2026-01-01"))
        try Fixtures.commitPostmortem(
            repo, id: "2026-02-01-gateway", text: Fixtures.postmortem(title: "Gateway returned 502s", date: "2026-02-01"))
        let result = try repo.pm(["search", "gateway", "--json"])
        #expect(try ids(result) == ["2026-02-01-gateway", "2026-01-01-gateway", "2026-03-01-disk"])
        let limited = try repo.pm(["search", "gateway", "--limit", "1"])
        #expect(limited.stdout.lines.count == 2, "\(limited)")
        #expect(limited.stderr.contains("Showing 1 of 3"))
    }

    @Test("a postmortem keeps its identity across a rename: one hit with both versions")
    func rename() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        try repo.git(["mv", "postmortems/2026-11-20-checkout.md", "postmortems/2026-11-20-checkout-500s.md"])
        try repo.write("postmortems/2026-11-20-checkout-500s.md", Fixtures.postmortem(extraSummary: " Renamed."))
        try repo.git(["commit", "-q", "-a", "-m", "Rename the checkout postmortem"])
        let result = try repo.pm(["search", "--history", "connection", "--json"])
        let all = try hits(result)
        #expect(all.count == 1, "\(result)")
        #expect(all.first?["id"] as? String == "2026-11-20-checkout-500s")
        #expect((all.first?["revisions"] as? [Any])?.count == 2)
    }

    @Test("a malformed query is a usage error that points at the column")
    func malformedQuery() throws {
        let repo = try repositoryWithRewordedRootCause()
        let result = try repo.pm(["search", "pool sevrity:"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("Error: Invalid query at column 6: 'sevrity:' needs a value"), "\(result)")
        #expect(result.stderr.contains("  pool sevrity:\n       ^"), "\(result)")
        #expect(result.stderr.contains("See 'pm search --help'"))
        let severity = try repo.pm(["search", "severity:SEV9"])
        #expect(severity.status == 64, "\(severity)")
        #expect(severity.stderr.contains("Unknown severity 'SEV9' in the query; use one of SEV1, SEV2, SEV3, SEV4"))
        let wide = try repo.pm(["search", "日本 pool)"])
        #expect(wide.stderr.contains("  日本 pool)\n           ^"), "the caret counts wide characters twice: \(wide)")
        let dashed = try repo.pm(["search", "-pool"])
        #expect(dashed.status == 64)
        #expect(dashed.stderr.contains("put it after '--'"), "\(dashed)")
        let empty = try repo.pm(["search"])
        #expect(empty.status == 64, "\(empty)")
        let limit = try repo.pm(["search", "pool", "--limit", "0"])
        #expect(limit.status == 64, "\(limit)")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/.git/pm/search-index"), "nothing is built for a bad query")
        #expect(try repo.pm(["search", "--", "-connection", "outdated"]).status == 1, "nothing has outdated without connection")
        // Any other key names a front-matter field: a misspelt one matches nothing, and a note says what was meant.
        let typo = try repo.pm(["search", "pool sevrity:SEV1"])
        #expect(typo.status == 1, "\(typo)")
        #expect(typo.stderr.contains("note: no postmortem has a front-matter field 'sevrity'; did you mean 'severity:'?"))
    }

    @Test("a bare repository is searchable; the index lives in its git folder")
    func bareRepository() throws {
        let repo = try repositoryWithRewordedRootCause()
        try repo.git(["clone", "-q", "--bare", repo.root, repo.base + "/bare.git"])
        let result = try repo.pm(["-C", repo.base + "/bare.git", "search", "outdated", "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(try ids(result) == ["2026-11-20-checkout"])
        #expect(FileManager.default.fileExists(atPath: repo.base + "/bare.git/pm/search-index"))
        #expect(try repo.git(["status", "--porcelain"]).isEmpty, "the index is never in the working tree")
    }

    @Test("terminal output: aligned columns, the snippet below, matched words highlighted only on a terminal")
    func textOutput() throws {
        let repo = try repositoryWithRewordedRootCause()
        let result = try repo.pm(["search", "outdated"])
        #expect(result.status == 0)
        let lines = result.stdout.lines
        #expect(lines.first == "2026-11-20-checkout  2026-11-20  SEV2  Checkout API returned 500s to 12% of requests")
        #expect(lines.dropFirst().first?.hasPrefix("    The connection pool kept outdated entries") == true, "\(result)")
        #expect(!result.stdout.contains("\u{1B}["))
    }
}
