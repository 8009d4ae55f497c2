import Foundation
import Git
import TestSupport
import Testing

@testable import PostmortemKit

/// Updates without a rebuild cliff: the segments updates append are merged from the index file's own bytes, and
/// every answer stays what it was.
@Suite("Search index merges")
struct SearchIndexMergeTests {
    /// Words, phrases and filters over what `GeneratedHistory` and `change(_:round:random:)` write.
    static let queries = [
        "pool", "replica failover", "\"cache queue\"", "quokka", "generated incident", "revision", "kafka OR redis",
        "pool -replica", "shard*", "service:service-3", "tag:generated", "severity:SEV3", "status:draft", "author:dana",
        "section:impact cache", "id:generated-incident-4", "alert", "owner:dana", "renamed", "merged wording",
        "company:Cloudflare", "section:motivation", "id:renamed", "zzyzx",
    ]

    /// One change of the history, by round: an edit, a rename, a deletion, a merge of a branch, a new file with
    /// foreign fields, a deleted version brought back. Each ends in a commit on main.
    static func change(_ repo: TemporaryRepository, round: Int, random: inout SeededRandom) throws {
        let paths = try repo.git(["ls-files", "postmortems"]).lines.filter { $0.hasSuffix(".md") }.sorted()
        func pick() -> String { paths[Int(random.next() % UInt64(paths.count))] }
        let number = Int(random.next() % 1000)
        switch round % 6 {
        case 0:
            let path = pick()
            try repo.write(path, try repo.read(path) + "\nRevision \(round): the replica lagged; quokka \(number).\n")
            try repo.commitAll("Edit \(path), round \(round)")
        case 1:
            let path = pick()
            let renamed = "postmortems/2025-03-\(String(format: "%02d", round % 28 + 1))-renamed-\(round).md"
            try repo.git(["mv", path, renamed])
            try repo.commitAll("Rename \(path), round \(round)")
        case 2:
            try repo.git(["rm", "-q", pick()])
            try repo.commitAll("Delete, round \(round)")
        case 3:
            // A branch edits one postmortem while main edits another; the merge commit joins them.
            let (mine, theirs) = (pick(), pick())
            try repo.git(["checkout", "-q", "-b", "side-\(round)"])
            try repo.write(theirs, try repo.read(theirs) + "\nMerged wording \(round) from the side branch.\n")
            try repo.commitAll("Side edit, round \(round)")
            try repo.git(["checkout", "-q", "main"])
            if mine != theirs {
                try repo.write(mine, try repo.read(mine) + "\nMainline wording \(round).\n")
                try repo.commitAll("Main edit, round \(round)")
            }
            try repo.git(["merge", "-q", "--no-ff", "--no-edit", "side-\(round)"])
        case 4:
            try repo.write(
                "postmortems/rfc-\(round).md",
                """
                ---
                company: Cloudflare
                summary: The \(number) proposal.
                ---

                # Motivation
                A cache and a queue, round \(round).

                ## Action items
                - [ ] Write it down — owner: @dana — due: 2026-01-0\(round % 9 + 1)

                """)
            try repo.commitAll("Add an RFC, round \(round)")
        default:
            // The version a deletion removed comes back as it was.
            let removed = try repo.git(["log", "--diff-filter=D", "--format=%H", "-1", "--", "postmortems"]).trimmed
            let files =
                removed.isEmpty ? [] : try repo.git(["show", "--format=", "--name-only", "--diff-filter=D", removed]).lines
            if let file = files.first(where: {
                $0.hasSuffix(".md") && !FileManager.default.fileExists(atPath: repo.root + "/" + $0)
            }) {
                try repo.git(["checkout", "-q", "\(removed)~1", "--", file])
                try repo.commitAll("Bring back \(file), round \(round)")
            } else {
                let path = pick()
                try repo.write(path, try repo.read(path) + "\nRound \(round).\n")
                try repo.commitAll("Edit, round \(round)")
            }
        }
    }

    /// Every answer of the index to `queries`, at HEAD and in the history, and its postmortems with their action
    /// items' history, as text: two indexes that give the same text answer alike.
    static func answers(_ index: SearchIndex, exactly: Bool) throws -> [String] {
        var lines: [String] = []
        for query in queries {
            let parsed = try SearchQueryParser.parse(query)
            for history in [false, true] {
                let results = try index.search(parsed, history: history, limit: .max, snippets: false)
                if exactly {
                    lines.append("\(query) \(history): \(results)")
                    continue
                }
                // Two indexes of the same history built in another order number their versions otherwise: ties of
                // rank may come in another order, so the hits are compared as sets.
                let hits = results.hits.map { hit in
                    let revisions = hit.revisions.map { revision in
                        "\(revision.blob.hex) \(revision.path) \(revision.isCurrent) "
                            + "\(revision.introduced.map(\.id.hex).sorted()) \(revision.removed.map(\.id.hex).sorted())"
                    }
                    return "\(hit.path) \(hit.id) \(hit.title) \(String(describing: hit.date)) \(hit.severity ?? "-") "
                        + "\(String(describing: hit.status)) \((hit.score * 1e6).rounded()) \(hit.isLive) \(revisions.sorted())"
                }
                lines.append(
                    "\(query) \(history): \(results.total) \(results.matchedRevisions) \(results.absentKeys) \(hits.sorted())")
            }
        }
        let incidents = try index.incidents().map { String(describing: $0) }
        lines += exactly ? incidents : incidents.sorted()
        let statistics = index.statistics
        lines.append(
            "\(statistics.documents) \(statistics.revisions) \(statistics.commits) \(statistics.head) \(statistics.refs.map(\.name))"
        )
        return lines
    }

    static func searchIndex(_ chunks: [[UInt8]], store: PostmortemStore) throws -> SearchIndex {
        try SearchIndex(reader: try SearchIndexReader(storage: IndexStorage(copying: chunks)), store: store, refresh: .none)
    }

    /// The file `chunks` with segments `first` to the last merged into one.
    static func merging(_ chunks: [[UInt8]], from first: Int) throws -> [[UInt8]] {
        let reader = try SearchIndexReader(storage: IndexStorage(copying: chunks))
        var merger = try IndexSegmentMerger(reader: reader, from: first)
        return [Array(reader.storage.bytes[..<reader.segments[first].start])] + (try merger.merged())
    }

    @Test(
        "segments merged from the file's bytes answer every query exactly as the 31 they replace, through renames, deletions and merges"
    )
    func mergedAnswersAsBefore() throws {
        let repo = try TemporaryRepository()
        try GeneratedHistory.fastImport(into: repo, postmortems: 24, commits: 60, seed: 15)
        var random = SeededRandom(seed: 0x15)
        func builder() throws -> (SearchIndexBuilder, PostmortemStore) {
            // Opened anew after each change, as each pm is.
            let store = try PostmortemStore.open(at: repo.root)
            return (SearchIndexBuilder(repository: store.repository, directory: "postmortems", timeZone: .gmt), store)
        }
        var chunks = try builder().0.build()
        func update() throws {
            let (builder, _) = try builder()
            let reader = try SearchIndexReader(storage: IndexStorage(copying: chunks))
            guard case .append(let segment) = try builder.update(from: reader) else {
                throw TestFailure("an update of a history that only grew asked for a rebuild")
            }
            chunks += segment
        }
        for round in 0..<30 {
            try Self.change(repo, round: round, random: &random)
            try update()
        }
        let store = try builder().1
        let unmerged = try Self.searchIndex(chunks, store: store)
        #expect(unmerged.statistics.segments == 31)
        let before = try Self.answers(unmerged, exactly: true)
        #expect(before.filter { $0.contains("hits: [PostmortemKit.SearchHit") }.count >= Self.queries.count, "\(before)")
        for first in [0, 1, 9, 24, 30] {
            let merged = try Self.merging(chunks, from: first)
            let index = try Self.searchIndex(merged, store: store)
            #expect(index.statistics.segments == first + 1)
            #expect(try Self.answers(index, exactly: true) == before, "merged from segment \(first)")
            try index.check()
            // An update appended to the merged file answers as one appended to the unmerged file.
            if first == 9 {
                try Self.change(repo, round: 31, random: &random)
                let (builder, store) = try builder()
                guard case .append(let onMerged) = try builder.update(from: index.reader),
                    case .append(let onUnmerged) = try builder.update(from: unmerged.reader)
                else { throw TestFailure("an update asked for a rebuild") }
                #expect(
                    try Self.answers(try Self.searchIndex(merged + onMerged, store: store), exactly: true)
                        == (try Self.answers(try Self.searchIndex(chunks + onUnmerged, store: store), exactly: true)))
                try repo.git(["reset", "-q", "--hard", "HEAD~1"])
            }
        }
    }

    func segments(_ repo: TemporaryRepository) throws -> Int {
        let result = try repo.pm(["index", "--stats", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(object?["segments"] as? Int, "\(result)")
    }

    @Test("100 updates through pm index: segments merge instead of a rebuild, stay few, and answer as a fresh build")
    func manyUpdatesThroughPM() throws {
        let repo = try TemporaryRepository()
        try GeneratedHistory.fastImport(into: repo, postmortems: 24, commits: 60, seed: 16)
        var random = SeededRandom(seed: 0x16)
        #expect(try repo.pm(["index"]).status == 0)
        var counts: [Int] = []
        for round in 0..<100 {
            try Self.change(repo, round: round, random: &random)
            let result = try repo.pm(["index"])
            #expect(result.status == 0 && result.stdout.hasPrefix("Search index updated"), "round \(round): \(result)")
            #expect(result.stderr.isEmpty, "round \(round): \(result)")
            counts.append(try segments(repo))
        }
        // Merged every few updates: never more than fanOut appended segments, and far fewer than a segment each.
        let merges = zip(counts, counts.dropFirst()).filter { $0.1 < $0.0 }.count
        #expect(merges >= 8, "\(counts)")
        #expect(counts.max() ?? 0 <= 1 + 2 * IndexMergePolicy.fanOut, "\(counts)")
        let check = try repo.pm(["index", "--check"])
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: repo.root + "/.git/pm").filter { $0.contains(".tmp-") } == [])

        // The same answers as an index built from nothing, in memory, of the same history.
        let store = try PostmortemStore.open(at: repo.root)
        let merged = try SearchIndexStore(store: store).open()
        let builder = SearchIndexBuilder(repository: store.repository, directory: "postmortems", timeZone: .gmt)
        let fresh = try Self.searchIndex(try builder.build(), store: store)
        #expect(try Self.answers(merged, exactly: false) == (try Self.answers(fresh, exactly: false)))
    }

    @Test("pm killed at any moment of an update that merges: the index stays valid, and the next pm cleans up")
    func killedWhileMerging() throws {
        let repo = try TemporaryRepository()
        try GeneratedHistory.fastImport(into: repo, postmortems: 150, commits: 1200, seed: 17)
        var random = SeededRandom(seed: 0x17)
        #expect(try repo.pm(["index"]).status == 0)
        var killed = 0
        var killedInTheMerge = 0
        let folder = repo.root + "/.git/pm"
        func temporaryFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        }
        for round in 0..<12 {
            // Enough updates that the next one merges, each after a commit.
            var duration = 0.0
            for step in 0..<IndexMergePolicy.fanOut {
                let number = Int(random.next() % 150)
                try repo.write(
                    "postmortems/\(GeneratedHistory.id(number)).md",
                    GeneratedHistory.text(number, revision: 1000 + round * 10 + step, random: &random))
                try repo.commitAll("Round \(round), step \(step)")
                if step < IndexMergePolicy.fanOut - 1 {
                    let start = Date()
                    let update = try repo.pm(["index"])
                    duration = max(duration, Date().timeIntervalSince(start))
                    #expect(update.status == 0 && update.stderr.isEmpty, "round \(round): \(update)")
                    // The first writer after a killed merge removed its temporary file.
                    if step == 0 { #expect(try temporaryFiles() == [], "round \(round)") }
                }
            }
            let victim = try BackgroundProcess(["index"], in: repo, name: "round-\(round)")
            if round % 2 == 0 {
                // Killed as soon as it writes the merged file (when this process sees it in time).
                while victim.process.isRunning, try temporaryFiles().isEmpty { usleep(100) }
            } else {
                usleep(UInt32(Double(random.next() % 1000) / 1000 * duration * 1.5 * 1_000_000))
            }
            if victim.kill9() { killed += 1 }
            if try !temporaryFiles().isEmpty { killedInTheMerge += 1 }
            let context = "round \(round)"
            // Whatever the moment: a file that reads (a segment cut short is ignored), never a damaged one.
            let check = try repo.pm(["index", "--check"])
            #expect(check.status == 0, "\(context): \(check)")
            #expect(!check.stderr.contains("damaged"), "\(context): \(check)")
            let (ids, output) = try RepositoryChecks.search(repo, "quokka")
            #expect(output.status == 0 && output.stderr.isEmpty, "\(context): \(output)")
            #expect(ids == (try RepositoryChecks.grep(repo, "quokka")), "\(context)")
        }
        try repo.write("postmortems/2025-02-01-last.md", GeneratedHistory.text(1, revision: 1, random: &random))
        try repo.commitAll("After the rounds")
        #expect(try repo.pm(["index"]).status == 0)
        #expect(try temporaryFiles() == [])
        #expect(killed > 0, "no round was killed before its end")
        print(
            "killed while merging: \(killed) of 12 rounds killed before the end, \(killedInTheMerge) while writing the merged file"
        )
    }

    @Test("a temporary file a killed merge left is removed, and the index it did not replace is used")
    func leftoverOfAKilledMerge() throws {
        let repo = try TemporaryRepository()
        try GeneratedHistory.fastImport(into: repo, postmortems: 12, commits: 30, seed: 18)
        var random = SeededRandom(seed: 0x18)
        #expect(try repo.pm(["index"]).status == 0)
        for round in 0..<(IndexMergePolicy.fanOut - 1) {
            try Self.change(repo, round: round * 6, random: &random)
            #expect(try repo.pm(["index"]).status == 0)
        }
        // What a merge killed before its rename leaves: the whole old file beside half a new one.
        let index = repo.root + "/.git/pm/search-index"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: index))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: index + ".tmp-999999"))
        try Self.change(repo, round: 0, random: &random)
        let result = try repo.pm(["index"])
        #expect(result.status == 0 && result.stdout.hasPrefix("Search index updated") && result.stderr.isEmpty, "\(result)")
        #expect(try segments(repo) < IndexMergePolicy.fanOut, "the update merged")
        #expect(!FileManager.default.fileExists(atPath: index + ".tmp-999999"))
        let (ids, _) = try RepositoryChecks.search(repo, "quokka")
        #expect(ids == (try RepositoryChecks.grep(repo, "quokka")))
    }
}
