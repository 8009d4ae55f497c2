import Foundation
import Git
import TestSupport
import Testing

@testable import PostmortemKit

/// `pm search` against an oracle: on a repository made by the project's generator, every query's results must be
/// exactly what a straightforward scan of the parsed documents finds under the same matching rules.
@Suite("Search oracle")
struct SearchOracleTests {
    /// One version of a postmortem, as the scan sees it: its path and the terms of each field.
    struct ScannedVersion {
        var blob: String
        var path: String
        var fields: [[String]]
        /// The words as written, per field, for making queries a person would type.
        var words: [[String]]
        /// Every front-matter key with its values (a list's items; a string alone), as the parser reads them.
        var frontMatter: [(key: String, values: [String])]
        var services: [String]
        var tags: [String]
        var date: LocalDate?
        var started: Date?

        /// Whether `key:value` holds, by the rule the README states: the whole value or a list item, case and
        /// accents folded; for `service:` and `tag:` the services and tags, or a foreign key of that name.
        func matches(key: String, value: String) -> Bool {
            func same(_ text: String) -> Bool {
                text.compare(value, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
            }
            let parsed: Set<String> = ["severity", "status", "services", "tags", "authors"]
            let foreign = frontMatter.contains { entry in
                entry.key.lowercased() == key && !parsed.contains(entry.key) && entry.values.contains(where: same)
            }
            switch key {
            case "date": return date != nil && date == LocalDate(iso: value)
            // The generated repository has no pm.timezone: days are UTC days.
            case "started": return started.map { LocalDate($0, in: .gmt) } == LocalDate(iso: value)
            case "service", "services": return services.contains(where: same) || (key == "service" && foreign)
            case "tag", "tags": return tags.contains(where: same) || (key == "tag" && foreign)
            default: return foreign
            }
        }

        /// True when the terms occur one after the other inside one field.
        func contains(_ terms: [String]) -> Bool {
            fields.contains { field in
                guard field.count >= terms.count else { return false }
                return (0...(field.count - terms.count)).contains { start in
                    terms.indices.allSatisfy { field[start + $0] == terms[$0] }
                }
            }
        }
    }

    static func scan(_ bytes: [UInt8], blob: String, path: String) -> ScannedVersion {
        let document = SearchDocument.make(bytes: bytes, path: path, timeZone: .gmt)
        let words = document.fields.map { field in
            field.lines.flatMap { line in
                let bytes = Array(line.utf8)
                return SearchTokenizer.tokens(in: line).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
            }
        }
        let postmortem = PostmortemParser.parse(bytes: bytes, path: path, timeZone: .gmt)
        let frontMatter = (postmortem.frontMatter?.entries ?? []).map { entry in
            (entry.key, entry.value.listValue ?? entry.value.stringValue.map { [$0] } ?? [])
        }
        return ScannedVersion(
            blob: blob, path: path, fields: document.fields.map { $0.lines.flatMap(SearchTokenizer.terms) }, words: words,
            frontMatter: frontMatter, services: postmortem.services, tags: postmortem.tags, date: postmortem.date,
            started: postmortem.started)
    }

    /// The front-matter fields of a foreign collection, the values the commits below give them.
    static let companies = ["Cloudflare", "GitHub", "Fastly", "Zürich Networks"]
    static let products = ["Workers KV", "Actions", "Compute@Edge", "Pages"]
    static let categories = ["cloud", "network", "storage", "data loss"]
    static let summaryWords = ["quokka", "zeppelin", "marmot", "aurora", "glacier", "lantern", "meadow", "harbor"]
    static let foreignKeys = ["company:", "product:", "categories:", "summary:", "uuid:", "url:"]

    /// Twelve commits on top of the generated history, in the shapes foreign collections have: each gives eight
    /// postmortems front-matter fields pm does not read (or changes the ones a previous commit gave, so that the
    /// history holds values edited out since), and some add an RFC-style file with `#` sections and headings.
    static func addForeignCommits(to repo: TemporaryRepository, random: inout SeededRandom) throws {
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        for round in 0..<12 {
            let paths = try repo.git(["ls-files", "postmortems"]).lines.filter { $0.hasSuffix(".md") }
            for _ in 0..<8 {
                let path = pick(paths)
                let lines = try repo.read(path).components(separatedBy: "\n")
                guard lines.first == "---" else { continue }
                var kept = lines.dropFirst().filter { line in !Self.foreignKeys.contains(where: { line.hasPrefix($0) }) }
                let words = (0..<4).map { _ in pick(Self.summaryWords) }.joined(separator: " ")
                let (high, low) = (random.next(), random.next())
                let uuid = String(
                    format: "%08llx-%04llx-%04llx-%04llx-%012llx", high >> 32, (high >> 16) & 0xFFFF, high & 0xFFFF, low >> 48,
                    low & 0xFFFF_FFFF_FFFF)
                let chosen = Set((0..<2).map { _ in pick(Self.categories) }).sorted().map { "\"\($0)\"" }
                kept.insert(
                    contentsOf: [
                        "company: \(pick(Self.companies))", "product: \"\(pick(Self.products))\"",
                        "categories: [\(chosen.joined(separator: ", "))]", "summary: The \(words) incident.",
                        "uuid: \(uuid)",
                        "url: https://status.example.com/\(round)",
                    ].shuffled(using: &random), at: 0)
                try repo.write(path, (["---"] + kept).joined(separator: "\n"))
            }
            if round % 3 == 0 {
                try repo.write(
                    "postmortems/rfc-\(round).md",
                    """
                    # Summary
                    The \(pick(Self.summaryWords)) proposal.

                    # Motivation
                    A \(pick(Self.summaryWords)) and a \(pick(Self.summaryWords)).

                    ### \(pick(Self.summaryWords).capitalized) \(pick(Self.summaryWords))
                    Text under a heading.

                    """)
            }
            try repo.git(["add", "-A", "postmortems"])
            try repo.git(["commit", "-q", "-m", "Foreign fields, round \(round)"])
        }
    }

    /// Reads blobs with one `git cat-file --batch`.
    static func contents(of blobs: [String], in repo: TemporaryRepository) throws -> [String: [UInt8]] {
        let git = try #require(Shell.which("git"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = ["cat-file", "--batch"]
        process.currentDirectoryURL = URL(fileURLWithPath: repo.root)
        process.environment = repo.environment
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let request = Data(blobs.map { $0 + "\n" }.joined().utf8)
        DispatchQueue.global().async {
            input.fileHandleForWriting.write(request)
            try? input.fileHandleForWriting.close()
        }
        let data = [UInt8](output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        var result: [String: [UInt8]] = [:]
        var offset = 0
        for blob in blobs {
            guard let newline = data[offset...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: data[offset..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]) else { throw TestFailure("cat-file: \(header)") }
            result[blob] = Array(data[(newline + 1)..<(newline + 1 + size)])
            offset = newline + 1 + size + 1
        }
        return result
    }

    @Test(
        "200 random words and phrases and 80 key:value filters: the postmortems at HEAD and the versions in history match the scan"
    )
    func randomQueriesMatchTheScan() throws {
        let repo = try TemporaryRepository(initialize: false)
        let bench = URL(fileURLWithPath: PMBinary.path).deletingLastPathComponent().appendingPathComponent("pm-bench").path
        let generated = try Shell.run(
            bench, ["generate", repo.root, "--postmortems", "150", "--commits", "600", "--seed", "20261201"], in: repo.base,
            environment: repo.environment)
        try #require(generated.status == 0, "\(generated)")

        var random = SeededRandom(seed: 20_261_201)
        try Self.addForeignCommits(to: repo, random: &random)

        // Every version on the branches, and which of them is at HEAD.
        let objects = try repo.git(["rev-list", "--objects", "--branches", "--", "postmortems"]).lines
        let blobsAndPaths = objects.compactMap { line -> (String, String)? in
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasSuffix(".md") else { return nil }
            return (parts[0], parts[1])
        }
        let headEntries = try repo.git(["ls-tree", "-r", "HEAD", "--", "postmortems"]).lines.compactMap {
            line -> (String, String)? in
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard fields.count == 2, fields[1].hasSuffix(".md"), let blob = fields[0].split(separator: " ").last else {
                return nil
            }
            return (String(blob), fields[1])
        }
        var firstPath: [String: String] = [:]
        for (blob, path) in blobsAndPaths where firstPath[blob] == nil { firstPath[blob] = path }
        let bytes = try Self.contents(of: Array(Set(firstPath.keys).union(headEntries.map(\.0))), in: repo)
        // In blob order, so that the seed picks the same queries in every run.
        let versions = firstPath.sorted { $0.key < $1.key }.map { blob, path in
            Self.scan(bytes[blob] ?? [], blob: blob, path: path)
        }
        let head = headEntries.map { blob, path in Self.scan(bytes[blob] ?? [], blob: blob, path: path) }
        try #require(head.count >= 100 && versions.count > head.count, "\(head.count) at HEAD, \(versions.count) versions")

        // Queries: words and two- or three-word phrases taken from random versions, and a few that match nothing;
        // then key:value filters on the foreign fields and on services and tags, alone, with a word, or excluded.
        var queries: [(text: String, matches: (ScannedVersion) -> Bool)] = []
        while queries.count < 200 {
            let version = versions[Int(random.next() % UInt64(versions.count))]
            guard let field = version.words.filter({ $0.count >= 3 }).randomElement(using: &random) else { continue }
            if queries.count % 20 == 19 {
                let word = "zzyzx\(queries.count)"
                queries.append((word, { $0.contains([word]) }))
                continue
            }
            let length = queries.count % 2 == 0 ? 1 : 2 + Int(random.next() % 2)
            let start = Int(random.next() % UInt64(field.count - length + 1))
            let words = field[start..<(start + length)].joined(separator: " ")
            let terms = SearchTokenizer.terms(in: words)
            queries.append((length == 1 ? words : "\"" + words + "\"", { $0.contains(terms) }))
        }
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        while queries.count < 280 {
            let (key, value): (String, String) =
                switch queries.count % 7 {
                case 0: ("company", pick(Self.companies + ["cloudflare", "ZURICH NETWORKS"]))
                case 1: ("product", pick(Self.products))
                case 2: ("categories", pick(Self.categories))
                case 3: ("service", pick(["checkout-api", "dns", "search", "ledger"]))
                case 4: ("tag", pick(["database", "network", "latency"]))
                case 5: ("date", pick(versions).date?.description ?? "2020-01-01")
                default: ("started", pick(versions).started.map { LocalDate($0, in: .gmt).description } ?? "2020-01-01")
                }
            let filter = value.contains(" ") || value.contains("@") ? "\(key):\"\(value)\"" : "\(key):\(value)"
            let word = pick(Self.summaryWords + ["connection", "failover", "queue"])
            let terms = SearchTokenizer.terms(in: word)
            switch queries.count % 3 {
            case 0: queries.append((filter, { $0.matches(key: key, value: value) }))
            case 1: queries.append(("\(word) \(filter)", { $0.contains(terms) && $0.matches(key: key, value: value) }))
            default: queries.append(("\(word) -\(filter)", { $0.contains(terms) && !$0.matches(key: key, value: value) }))
            }
        }
        queries.append(("nokey:x", { _ in false }))

        // The index is built 150 commits back and brought up to date in three appended segments, so the answers
        // below also check what updates write. The twelve commits of foreign fields are split between the last two.
        let tip = try repo.git(["rev-parse", "HEAD"]).trimmed
        try repo.git(["reset", "-q", "--hard", "HEAD~150"])
        #expect(try repo.pm(["index"]).status == 0)
        for step in ["HEAD~100", "HEAD~40", "HEAD~6", "HEAD"] {
            let target = try repo.git(["rev-parse", "\(tip)~\(step == "HEAD" ? "0" : String(step.dropFirst(5)))"]).trimmed
            try repo.git(["reset", "-q", "--hard", target])
            let updated = try repo.pm(["index"])
            #expect(updated.stdout.contains("updated"), "\(updated)")
        }
        let store = try PostmortemStore.open(at: repo.root)
        let index = try SearchIndexStore(store: store).open()
        #expect(index.statistics.segments == 5)
        var headMatches = 0
        var historyMatches = 0
        var filterMatches = (head: 0, history: 0)
        for (number, query) in queries.enumerated() {
            let parsed = try SearchQueryParser.parse(query.text)
            let expectedHead = Set(head.filter(query.matches).map(\.path))
            let atHead = try index.search(parsed, history: false, limit: .max, snippets: false)
            #expect(Set(atHead.hits.map(\.path)) == expectedHead, "\(query.text) at HEAD")
            let expectedHistory = Set(versions.filter(query.matches).map(\.blob))
            let inHistory = try index.search(parsed, history: true, limit: .max, snippets: false)
            let found = Set(inHistory.hits.flatMap { $0.revisions.map(\.blob.hex) })
            #expect(found == expectedHistory, "\(query.text) with --history")
            #expect(inHistory.matchedRevisions == expectedHistory.count)
            headMatches += expectedHead.count
            historyMatches += expectedHistory.count
            if number >= 200 {
                filterMatches = (filterMatches.head + expectedHead.count, filterMatches.history + expectedHistory.count)
            }
        }
        // The filters match something, and the history holds values edited out since.
        #expect(filterMatches.head > 100 && filterMatches.history > filterMatches.head, "\(filterMatches)")
        print(
            "search oracle: \(queries.count) queries over \(head.count) postmortems at HEAD and \(versions.count) versions; "
                + "\(headMatches) postmortem matches at HEAD and \(historyMatches) version matches in history agree with the scan "
                + "(key:value filters: \(filterMatches.head) and \(filterMatches.history))"
        )

        // The command line gives the same sets.
        for query in queries.prefix(8) + queries.suffix(8) {
            let result = try repo.pm(["search", query.text, "--json", "--limit", "100000"])
            #expect([0, 1].contains(result.status), "\(result)")
            let expected = Set(head.filter(query.matches).map(\.path))
            let paths =
                result.status == 0
                ? Set(
                    try #require(
                        (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["hits"]
                            as? [[String: Any]]
                    ).compactMap { $0["path"] as? String }) : []
            #expect(paths == expected, "pm search \(query.text)")
        }
    }
}
