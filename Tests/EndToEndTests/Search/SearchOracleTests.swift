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
        return ScannedVersion(
            blob: blob, path: path, fields: document.fields.map { $0.lines.flatMap(SearchTokenizer.terms) }, words: words)
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

    @Test("200 random words and phrases: the postmortems at HEAD and the versions in history match the scan")
    func randomQueriesMatchTheScan() throws {
        let repo = try TemporaryRepository(initialize: false)
        let bench = URL(fileURLWithPath: PMBinary.path).deletingLastPathComponent().appendingPathComponent("pm-bench").path
        let generated = try Shell.run(
            bench, ["generate", repo.root, "--postmortems", "150", "--commits", "600", "--seed", "20261201"], in: repo.base,
            environment: repo.environment)
        try #require(generated.status == 0, "\(generated)")

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
        let versions = firstPath.map { blob, path in Self.scan(bytes[blob] ?? [], blob: blob, path: path) }
        let head = headEntries.map { blob, path in Self.scan(bytes[blob] ?? [], blob: blob, path: path) }
        try #require(head.count >= 100 && versions.count > head.count, "\(head.count) at HEAD, \(versions.count) versions")

        // Queries: words and two- or three-word phrases taken from random versions, and a few that match nothing.
        var random = SeededRandom(seed: 20_261_201)
        var queries: [(text: String, terms: [String])] = []
        while queries.count < 200 {
            let version = versions[Int(random.next() % UInt64(versions.count))]
            guard let field = version.words.filter({ $0.count >= 3 }).randomElement(using: &random) else { continue }
            if queries.count % 20 == 19 {
                queries.append(("zzyzx\(queries.count)", ["zzyzx\(queries.count)"]))
                continue
            }
            let length = queries.count % 2 == 0 ? 1 : 2 + Int(random.next() % 2)
            let start = Int(random.next() % UInt64(field.count - length + 1))
            let words = field[start..<(start + length)].joined(separator: " ")
            queries.append((length == 1 ? words : "\"" + words + "\"", SearchTokenizer.terms(in: words)))
        }

        // The index is built 150 commits back and brought up to date in three appended segments, so the answers
        // below also check what updates write.
        let tip = try repo.git(["rev-parse", "HEAD"]).trimmed
        try repo.git(["reset", "-q", "--hard", "HEAD~150"])
        #expect(try repo.pm(["index"]).status == 0)
        for step in ["HEAD~100", "HEAD~40", "HEAD"] {
            let target = try repo.git(["rev-parse", "\(tip)~\(step == "HEAD" ? "0" : String(step.dropFirst(5)))"]).trimmed
            try repo.git(["reset", "-q", "--hard", target])
            let updated = try repo.pm(["index"])
            #expect(updated.stdout.contains("updated"), "\(updated)")
        }
        let store = try PostmortemStore.open(at: repo.root)
        let index = try SearchIndexStore(store: store).open()
        #expect(index.statistics.segments == 4)
        var headMatches = 0
        var historyMatches = 0
        for query in queries {
            let parsed = try SearchQueryParser.parse(query.text)
            let expectedHead = Set(head.filter { $0.contains(query.terms) }.map(\.path))
            let atHead = try index.search(parsed, history: false, limit: .max, snippets: false)
            #expect(Set(atHead.hits.map(\.path)) == expectedHead, "\(query.text) at HEAD")
            let expectedHistory = Set(versions.filter { $0.contains(query.terms) }.map(\.blob))
            let inHistory = try index.search(parsed, history: true, limit: .max, snippets: false)
            let found = Set(inHistory.hits.flatMap { $0.revisions.map(\.blob.hex) })
            #expect(found == expectedHistory, "\(query.text) with --history")
            #expect(inHistory.matchedRevisions == expectedHistory.count)
            headMatches += expectedHead.count
            historyMatches += expectedHistory.count
        }
        print(
            "search oracle: \(queries.count) queries over \(head.count) postmortems at HEAD and \(versions.count) versions; "
                + "\(headMatches) postmortem matches at HEAD and \(historyMatches) version matches in history agree with the scan"
        )

        // The command line gives the same sets.
        for query in queries.prefix(12) {
            let result = try repo.pm(["search", query.text, "--json", "--limit", "100000"])
            #expect([0, 1].contains(result.status), "\(result)")
            let expected = Set(head.filter { $0.contains(query.terms) }.map(\.path))
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
