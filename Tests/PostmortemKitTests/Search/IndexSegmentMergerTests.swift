import Foundation
import Git
import TestSupport
import Testing

@_spi(Fuzzing) @testable import PostmortemKit

/// Merging segments from the file's own bytes: the merged index reads exactly as the segments it replaced, damage
/// is never sealed under new checksums, and the merge policy keeps segments few and merges bounded.
@Suite struct IndexSegmentMergerTests {
    /// Everything a reader gives of an index, with strings decoded and documents by their global numbers: two files
    /// that give the same description answer every query alike, however they are cut into segments.
    static func contents(_ reader: SearchIndexReader) throws -> [String] {
        var lines: [String] = []
        lines.append("documents \(reader.documentCount) commits \(reader.commitCount) average \(reader.averageDocumentLength)")
        for number in 0..<UInt32(reader.documentCount) {
            let document = try reader.document(number)
            let segment = document.segment
            let ranges = try document.fieldRanges.map { "\(try segment.string($0.name)) \($0.start)-\($0.end)" }
            let lists = try IndexedList.allCases.map { list in try document.listStrings(list).map { try segment.string($0) } }
            let values = try document.fieldValues.map {
                "\(try segment.string($0.key))=\(try segment.optionalString($0.value) ?? "-")"
            }
            let facts = try document.facts
            let items = facts.actionItems.map {
                "\($0.number) \($0.line) \($0.action) \($0.owner ?? "-") \($0.due?.description ?? "-") \($0.ticket ?? "-") "
                    + "\($0.type ?? "-") \($0.priority ?? "-") \($0.isDone) \($0.identityKey)"
            }
            lines.append(
                "document \(number): \(try document.blob.hex) lineage \(try document.lineage) id \(try document.id) "
                    + "title \(try document.title) date \(try document.date?.description ?? "-") "
                    + "severity \(try document.severity ?? "-") status \(String(describing: try document.status)) "
                    + "postmortem \(try document.isPostmortem) length \(try document.length) ranges \(ranges) lists \(lists) "
                    + "values \(values) visibility \(facts.visibility ?? "-") "
                    + "times \([facts.started, facts.detected, facts.acknowledged, facts.mitigated, facts.resolved]) "
                    + "items \(items)")
        }
        for number in 0..<UInt32(reader.commitCount) {
            let commit = try reader.commit(number)
            lines.append(
                "commit \(number): \(commit.id.hex) \(commit.time) \(commit.timeZoneOffsetMinutes) \(commit.author) \(commit.summary)"
            )
        }
        let events = try reader.events(of: Set(0..<UInt32(reader.documentCount)))
        for event in events {
            lines.append("event \(event.document) \(event.commit) \(event.path) \(event.kind)")
        }
        let state = try reader.state()
        lines.append(
            "state \(state.head) \(state.headTarget?.hex ?? "-") \(state.directory) \(state.refs.map { "\($0.name)=\($0.target.hex)" }) "
                + "next lineage \(state.nextLineage) totals \(state.documentTotal) \(state.commitTotal) "
                + "built \(state.buildMilliseconds) \(state.createdAt)")
        for live in state.live { lines.append("live \(live.document) \(try reader.livePath(live))") }
        for path in Set(events.map(\.path)).sorted() {
            lines.append("lineage \(path) \(try reader.lineage(of: path).map(String.init) ?? "-")")
        }
        for term in try reader.terms(withPrefix: "", limit: .max) {
            var positions: [String] = []
            var weights: [String] = []
            for part in try reader.postings(term) {
                try part.forEach { document, found in positions.append("\(document):\(found)") }
                try part.forEachWeight { document, weight in weights.append("\(document)*\(weight)") }
            }
            lines.append("term \(term) \(positions.joined(separator: " ")) \(weights.joined(separator: " "))")
        }
        return lines
    }

    static func reader(_ bytes: [UInt8]) throws -> SearchIndexReader {
        try SearchIndexReader(storage: IndexStorage(copying: [bytes]))
    }

    /// The file with segments `first` to the last merged into one.
    static func merging(_ bytes: [UInt8], from first: Int) throws -> [UInt8] {
        let reader = try reader(bytes)
        var merger = try IndexSegmentMerger(reader: reader, from: first)
        let kept = Array(bytes[..<reader.segments[first].start])
        return kept + Array(try merger.merged().joined())
    }

    @Test("the sample index merged into one segment, or its last segment rewritten alone, reads exactly as before")
    func sampleMerges() throws {
        let sample = try SearchIndexFuzzing.sampleIndex()
        let before = try Self.contents(try Self.reader(sample))
        for first in [0, 1] {
            let merged = try Self.merging(sample, from: first)
            let reader = try Self.reader(merged)
            #expect(reader.segments.count == first + 1)
            #expect(try Self.contents(reader) == before, "merged from segment \(first)")
            try reader.checkAllPostings()
            // Every term once, its two segments' postings joined.
            let terms = try reader.terms(withPrefix: "", limit: .max)
            #expect(first == 1 || reader.termCount == terms.count)
        }
        // A merged file merges again to the same.
        let twice = try Self.merging(try Self.merging(sample, from: 0), from: 0)
        #expect(try Self.contents(try Self.reader(twice)) == before)
        #expect(try SearchIndexFuzzing.readEverything(twice) > 0)
    }

    @Test(
        "damage in any section a merge copies is found, even in segments this process trusts, not sealed under new checksums"
    )
    func damageIsFound() throws {
        let sample = try SearchIndexFuzzing.sampleIndex()
        let reader = try Self.reader(sample)
        let last = try #require(reader.segments.last)
        // Where each section of the last segment is, from its table.
        var damaged: [String] = []
        for section in [IndexLayout.Section.commits, .events, .extras, .state, .postings] {
            let entry = last.start + IndexLayout.SegmentHeader.size + Int(section.rawValue - 1) * IndexLayout.SectionEntry.size
            let kind = sample.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: entry, as: UInt32.self) }
            #expect(kind == section.rawValue)
            let start = sample.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self) }
            let length = sample.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: entry + 16, as: UInt64.self) }
            var bytes = sample
            bytes[last.start + Int(start) + Int(length) / 2] ^= 0x21
            // Opening checks the other sections; these are checked when first read, which a merge does, even in the
            // segments an update trusts (those it checked before it appended its own).
            let opened = try SearchIndexReader(storage: IndexStorage(copying: [bytes]), trustedLength: bytes.count)
            #expect(throws: SearchIndexError.self, "\(section)") {
                var merger = try IndexSegmentMerger(reader: opened, from: 0)
                _ = try merger.merged()
            }
            damaged.append("\(section)")
        }
        #expect(damaged.count == 5)
    }

    @Test("a term's postings joined across segments: each part's first document counted on, the rest copied")
    func postingsConcatenate() throws {
        // Two parts: documents 1 and 3 of a segment of 4, then 0 and 2 of the next (5 documents on): 1, 3, 4, 6.
        func part(_ documents: [UInt32]) -> [UInt8] {
            var writer = ByteWriter()
            writer.varint(UInt32(documents.count))
            var previous: UInt32 = 0
            for document in documents {
                writer.varint(document - previous)
                previous = document
                writer.varint(2)  // weight
                writer.varint(1)  // one occurrence
                writer.varint(1)  // its position takes one byte
                writer.varint(document + 7)
            }
            return writer.bytes
        }
        let parts = [part([1, 3]), part([0, 2])]
        var writer = ByteWriter()
        try parts[0].withUnsafeBytes { first in
            try parts[1].withUnsafeBytes { second in
                try IndexSegmentMerger.concatenate([first, second], offsets: [0, 4], counts: [4, 5], into: &writer)
            }
        }
        #expect(writer.bytes == [4, 1, 2, 1, 1, 8, 2, 2, 1, 1, 10, 1, 2, 1, 1, 7, 2, 2, 1, 1, 9])
        // A part that names a document past its segment's end is malformed.
        var rejected = ByteWriter()
        #expect(throws: SearchIndexError.self) {
            try parts[1].withUnsafeBytes { try IndexSegmentMerger.concatenate([$0], offsets: [0], counts: [2], into: &rejected) }
        }
    }

    // MARK: - The policy

    /// Runs `updates` appends through the policy, with `size(update)` bytes each, of which `snapshot` is the state's
    /// snapshot of the live postmortems: a merged segment keeps one. The most segments seen, the biggest merge (what
    /// it read), and how many merges there were.
    static func simulate(
        updates: Int, base: Int = 5 << 20, snapshot: Int = 12 << 10, size: (Int) -> Int
    ) -> (segments: Int, biggestMerge: Int, merges: Int) {
        var sizes = [base]
        var most = 1
        var biggest = 0
        var merges = 0
        for update in 0..<updates {
            sizes.append(max(size(update), snapshot))
            if let first = IndexMergePolicy.mergeStart(sizes) {
                precondition(first >= 1, "the full build's segment is never merged")
                let merged = sizes[first...].reduce(0, +)
                biggest = max(biggest, merged)
                merges += 1
                sizes.replaceSubrange(first..., with: [merged - (sizes.count - first - 1) * snapshot])
            }
            most = max(most, sizes.count)
        }
        return (most, biggest, merges)
    }

    @Test("10,000 updates: few segments, merges bounded in size, the full build's segment never merged")
    func policyKeepsSegmentsFew() {
        let maximum = IndexMergePolicy.maximumBytes
        let fanOut = IndexMergePolicy.fanOut
        // Single commits: a merge every fanOut - 1 updates at most, and each byte merged a few times.
        let even = Self.simulate(updates: 10_000) { _ in 18 << 10 }
        #expect(even.segments <= 20, "\(even)")
        #expect(even.biggestMerge <= maximum, "\(even)")
        #expect(even.merges <= 10_000 / (fanOut - 1), "\(even)")
        // Mostly a commit or a few, now and then a big fetch.
        var random = SeededRandom(seed: 15)
        let mixed = Self.simulate(updates: 10_000) { _ in
            Int(random.next() % 50 == 0 ? random.next() % (3 << 20) : 8_000 + random.next() % 40_000)
        }
        #expect(mixed.segments <= 40, "\(mixed)")
        #expect(mixed.biggestMerge <= maximum, "\(mixed)")
        // Fewer than fanOut appended segments: nothing to merge.
        #expect(IndexMergePolicy.mergeStart([5 << 20] + Array(repeating: 20_000, count: fanOut - 1)) == nil)
        #expect(IndexMergePolicy.mergeStart([5 << 20] + Array(repeating: 20_000, count: fanOut)) == 1)
        // A segment that holds more than half of a run's bytes is left out: the small ones after it merge.
        let big = [5 << 20, 30_000, 2 << 20] + Array(repeating: 20_000, count: fanOut)
        #expect(IndexMergePolicy.mergeStart(big) == 3)
        // Nothing bigger than the maximum is made.
        #expect(IndexMergePolicy.mergeStart([5 << 20] + Array(repeating: maximum / fanOut + 1, count: fanOut)) == nil)
    }
}
