import Foundation
import Git
import TestSupport
import Testing

@testable import PostmortemKit

/// The index is built on every core with lines reused across versions, and its bytes must not show it: a build
/// with one thread, two or many writes the same file, and the same as versions added one by one to an encoder.
@Suite("Index build determinism")
struct IndexBuildDeterminismTests {
    /// A history of long documents edited a little at a time, some sharing paragraphs, one renamed, one deleted,
    /// and a branch merged back, so versions of one postmortem and the words they share land on different threads.
    static func history() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        var random = SeededRandom(seed: 15)
        let words = (0..<400).map { "w\($0)" } + ["connection", "pool", "retries", "Ünïcode", "東京", "didn't", "checkout-api"]
        func paragraph() -> String {
            (0..<Int.random(in: 8...40, using: &random)).map { _ in words.randomElement(using: &random) ?? "" }
                .joined(separator: " ")
        }
        let shared = paragraph()
        var documents: [[String]] = (0..<12).map { number in
            ["## Summary", paragraph(), shared, "```swift\nlet x\(number) = pool.get()\n```", "## Root cause", paragraph()]
        }
        func text(_ number: Int) -> String {
            """
            ---
            title: Incident \(number)
            date: 2026-11-\(10 + number)
            severity: SEV\(number % 4 + 1)
            status: draft
            services: [checkout-api]
            ---

            \(documents[number].joined(separator: "\n\n"))

            """
        }
        var paths = (0..<12).map { "postmortems/2026-11-\(10 + $0)-incident-\($0).md" }
        for number in 0..<12 { try repo.write(paths[number], text(number)) }
        try repo.commitAll("Add twelve postmortems")
        for step in 0..<60 {
            let number = Int.random(in: 0..<12, using: &random)
            let block = Int.random(in: 1..<documents[number].count, using: &random)
            if step % 3 == 0 {
                documents[number].insert(paragraph(), at: block)
            } else {
                documents[number][block] += " " + (words.randomElement(using: &random) ?? "")
            }
            if step == 20 {
                try repo.git(["mv", paths[3], "postmortems/2026-11-13-renamed.md"])
                paths[3] = "postmortems/2026-11-13-renamed.md"
            }
            try repo.write(paths[number], text(number))
            try repo.commitAll("Edit \(number)")
        }
        try repo.git(["checkout", "-q", "-b", "side", "HEAD~5"])
        try repo.write("postmortems/2026-11-30-branch.md", text(0) + "\nA line written on a branch.\n")
        try repo.commitAll("Edit on a branch")
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["rm", "-q", paths[7]])
        try repo.git(["commit", "-q", "-m", "Delete 7"])
        try repo.git(["merge", "-q", "--no-edit", "side"])
        return repo
    }

    /// The sections of the file's only segment by kind, but the state (it holds the build's time) and the
    /// segment's table (it holds the state's checksum).
    static func sections(_ file: [UInt8]) throws -> [UInt32: ArraySlice<UInt8>] {
        func u32(_ at: Int) -> Int { Int(file[at]) | Int(file[at + 1]) << 8 | Int(file[at + 2]) << 16 | Int(file[at + 3]) << 24 }
        func u64(_ at: Int) -> Int { u32(at) | u32(at + 4) << 32 }
        let segment = IndexLayout.fileHeader.count
        try #require(file.count > segment + 24)
        #expect(u64(segment + 8) == file.count - segment, "one segment")
        var sections: [UInt32: ArraySlice<UInt8>] = [:]
        for entry in 0..<u32(segment + 4) {
            let at = segment + 24 + entry * 32
            let kind = UInt32(u32(at))
            let start = segment + u64(at + 8)
            guard kind != IndexLayout.Section.state.rawValue else { continue }
            sections[kind] = file[start..<start + u64(at + 16)]
        }
        return sections
    }

    @Test("one thread, two or eight write the same index")
    func threadCountDoesNotShow() throws {
        let repo = try IndexBuildDeterminismTests.history()
        let repository = try Repository.discover(from: repo.root)
        func build(threads: Int) throws -> (sections: [UInt32: ArraySlice<UInt8>], state: IndexState) {
            var builder = SearchIndexBuilder(repository: repository, directory: "postmortems", timeZone: .gmt)
            builder.threads = threads
            let file = Array(try builder.build().joined())
            var state = try SearchIndexReader(storage: IndexStorage(copying: [file])).state()
            state.buildMilliseconds = 0
            state.createdAt = 0
            return (try IndexBuildDeterminismTests.sections(file), state)
        }
        let one = try build(threads: 1)
        #expect(one.state.documentTotal > 60)
        #expect(one.sections.count == 7)
        for threads in [2, 3, 8] {
            let many = try build(threads: threads)
            #expect(many.state == one.state, "\(threads) threads")
            for (kind, bytes) in one.sections {
                let same = many.sections[kind] == bytes
                #expect(same, "section \(kind) differs with \(threads) threads")
            }
        }
    }

    @Test("lines reused across versions give the terms a fresh tokenizer gives")
    func reusedLinesMatchFreshTokenizing() throws {
        var reusing = VersionTokenizer(identity: 0)
        var vocabulary: [String] = []
        let base = "---\ntitle: Pool\ndate: 2026-11-20\n---\n\n## Summary\nThe connection pool kept stale addresses.\n\n"
        let versions = [
            base + "## Root cause\nRetries failed twice.\n",
            base + "## Root cause\nRetries failed twice. Then three times.\n",
            base + "## Root cause\nRetries failed twice.\n\n## Timeline\nThe connection pool kept stale addresses.\n",
        ]
        for (number, text) in versions.enumerated() {
            let blob = try #require(OID(rawBytes: Array(repeating: UInt8(number), count: 20)))
            let version = reusing.tokenize(
                bytes: Array(text.utf8), path: "postmortems/2026-11-20-pool.md", blob: blob, lineage: 0, timeZone: .gmt)
            vocabulary += version.newTerms
            var fresh = VersionTokenizer(identity: 1)
            let expected = fresh.tokenize(
                bytes: Array(text.utf8), path: "postmortems/2026-11-20-pool.md", blob: blob, lineage: 0, timeZone: .gmt)
            let gap = VersionTokenizer.gap
            #expect(
                version.terms.map { $0 == gap ? "" : vocabulary[Int($0)] }
                    == expected.terms.map { $0 == gap ? "" : expected.newTerms[Int($0)] })
            #expect(version.ranges.map(\.field) == expected.ranges.map(\.field))
        }
    }
}
