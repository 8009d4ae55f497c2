import Foundation
import Git
import TestSupport
import Testing

@testable import PostmortemKit

/// Index files crafted to pass every checksum (the checksum is not a defence against that: every read is
/// bounds-checked instead) with hostile counts, offsets and numbers: each read is a value or a `SearchIndexError`,
/// never a crash, a read outside the file or a huge allocation; and `pm` rebuilds such a file with a notice.
@Suite("CraftedSearchIndex")
struct CraftedSearchIndexTests {
    /// A real index of a small repository, built by the real `pm`.
    static func builtIndex() throws -> (TemporaryRepository, [UInt8]) {
        let repo = try TemporaryRepository()
        repo.extraEnvironment["PATH"] = URL(fileURLWithPath: PMBinary.path).deletingLastPathComponent().path + ":/usr/bin:/bin"
        try repo.write(
            "postmortems/2026-11-20-checkout.md",
            """
            ---
            title: Checkout failed
            date: 2026-11-20
            severity: SEV2
            status: draft
            services: [checkout-api]
            tags: [database]
            ---

            ## Summary
            Retries failed twice after the connection pool kept stale addresses.

            ## Action items
            - [ ] Alert on replication lag — owner: @dana — due: 2026-12-15

            """)
        try repo.commitAll("Add the checkout postmortem")
        let index = try repo.pm(["index"])
        guard index.status == 0 else { throw TestFailure("pm index failed: \(index)") }
        let bytes = try #require(FileManager.default.contents(atPath: repo.root + "/.git/pm/search-index"))
        return (repo, Array(bytes))
    }

    /// Recomputes every checksum of every segment (postings, sections, section table) so that a reader accepts
    /// whatever was changed and meets it in the reads themselves. Tolerant of nonsense: what does not fit is skipped.
    static func reseal(_ bytes: inout [UInt8]) {
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        func u64(_ at: Int) -> UInt64? {
            guard at >= 0, at + 8 <= bytes.count else { return nil }
            return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
        }
        func put(_ value: UInt64, at: Int, size: Int) {
            guard at >= 0, at + size <= bytes.count else { return }
            for index in 0..<size { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        }
        func checksum(_ start: Int, _ count: Int) -> UInt64? {
            guard start >= 0, count >= 0, start <= bytes.count, count <= bytes.count - start else { return nil }
            return IndexChecksum.of(Array(bytes[start..<start + count]))
        }
        typealias Header = IndexLayout.SegmentHeader
        typealias Entry = IndexLayout.SectionEntry
        typealias Term = IndexLayout.DictionaryEntry
        var offset = IndexLayout.fileHeaderSize
        while offset + Header.size <= bytes.count {
            guard let length = u64(offset + Header.length), length > 0, length <= UInt64(bytes.count - offset),
                u32(offset + Header.sectionCount) == IndexLayout.Section.allCases.count
            else { return }
            let table = offset + Header.size
            var sections: [UInt32: (entry: Int, start: Int, size: Int)] = [:]
            for index in 0..<IndexLayout.Section.allCases.count {
                let entry = table + index * Entry.size
                guard let kind = u32(entry + Entry.kind), let start = u64(entry + Entry.start),
                    let size = u64(entry + Entry.length),
                    start < UInt64(Int.max / 2), size < UInt64(Int.max / 2)
                else { continue }
                sections[UInt32(kind)] = (entry, offset + Int(start), Int(size))
            }
            if let dictionary = sections[IndexLayout.Section.dictionary.rawValue],
                let postings = sections[IndexLayout.Section.postings.rawValue], let terms = u32(dictionary.start)
            {
                for term in 0..<min(terms, 100_000) {
                    let entry = dictionary.start + 4 + term * Term.size
                    guard let start = u64(entry + Term.postingsOffset), let count = u32(entry + Term.postingsLength),
                        start < UInt64(Int.max / 2), let sum = checksum(postings.start + Int(start), count)
                    else { continue }
                    put(sum, at: entry + Term.postingsChecksum, size: 4)
                }
            }
            for (_, section) in sections {
                if let sum = checksum(section.start, section.size) { put(sum, at: section.entry + Entry.checksum, size: 8) }
            }
            if let sum = checksum(table, IndexLayout.Section.allCases.count * Entry.size) {
                put(sum, at: offset + Header.tableChecksum, size: 8)
            }
            offset += Int(length)
        }
    }

    /// Every read a search, an update, `pm stats` or `pm index --stats` makes, over everything the file names; then
    /// the same over the file with its segments merged into one, as an update that merges writes it.
    static func readEverything(_ bytes: [UInt8]) throws {
        let reader = try SearchIndexReader(storage: IndexStorage(copying: [bytes]))
        try read(reader)
        var merger = try IndexSegmentMerger(reader: reader, from: 0)
        let merged = Array(([IndexLayout.fileHeader] + (try merger.merged())).joined())
        try read(try SearchIndexReader(storage: IndexStorage(copying: [merged])))
    }

    private static func read(_ reader: SearchIndexReader) throws {
        let state = try reader.state()
        _ = reader.averageDocumentLength
        for live in state.live { _ = try reader.livePath(live) }
        _ = try reader.lineage(of: "postmortems/2026-11-20-checkout.md")
        _ = try reader.lineage(of: "postmortems/zzz.md")
        try reader.checkHistorySections()
        try reader.checkExtras()
        try reader.checkAllPostings()
        for number in 0..<min(reader.documentCount, 1_000) {
            let document = try reader.document(UInt32(number))
            _ = try (document.blob, document.lineage, document.id, document.title, document.date, document.severity)
            _ = try (document.status, document.isPostmortem, document.length, document.fieldRanges)
            _ = try (document.facts, document.actionStates, document.fieldName(at: 3))
            for list in IndexedList.allCases { _ = try document.listStrings(list).map { try document.segment.string($0) } }
            _ = try reader.document(withBlob: try document.blob)
        }
        for number in 0..<min(reader.commitCount, 1_000) {
            _ = try reader.commit(UInt32(number))
            _ = try reader.commitTime(UInt32(number))
        }
        _ = try reader.events(of: Set((0..<UInt32(min(reader.documentCount, 1_000)))))
        _ = try reader.introductions { _ in true }
        for term in try reader.terms(withPrefix: "", limit: 1_000) {
            for postings in try reader.postings(term) {
                try postings.forEach { _, _ in }
                try postings.forEachWeight { _, _ in }
            }
        }
    }

    @Test("every byte set to 0x00, 0x7F, 0x80 or 0xFF, resealed: a value or a SearchIndexError, never a crash")
    func everyByteResealed() throws {
        let (_, original) = try Self.builtIndex()
        var rejected = 0
        var total = 0
        for offset in IndexLayout.fileHeaderSize..<original.count {
            for value: UInt8 in [0x00, 0x7F, 0x80, 0xFF] where original[offset] != value {
                var crafted = original
                crafted[offset] = value
                Self.reseal(&crafted)
                total += 1
                do { try Self.readEverything(crafted) } catch is SearchIndexError { rejected += 1 }
            }
        }
        #expect(rejected > 0 && total > 0, "\(rejected) of \(total) crafted files rejected")
    }

    @Test("every 32-bit word set to a huge count or offset, resealed: a value or a SearchIndexError, never a crash")
    func everyWordHuge() throws {
        let (_, original) = try Self.builtIndex()
        for offset in IndexLayout.fileHeaderSize..<(original.count - 4) {
            for value: UInt32 in [0xFFFF_FFFF, 0x8000_0000, 0x7FFF_FFFF, 0x0FFF_FFFF] {
                var crafted = original
                withUnsafeBytes(of: value.littleEndian) { crafted.replaceSubrange(offset..<offset + 4, with: $0) }
                Self.reseal(&crafted)
                do { try Self.readEverything(crafted) } catch is SearchIndexError {}
            }
        }
    }

    @Test("a segment's length pointing anywhere, and a second segment whose counts overflow the numbering")
    func segmentLengthsAndOverflowingCounts() throws {
        let (_, original) = try Self.builtIndex()
        let segment = Array(original[IndexLayout.fileHeaderSize...])
        for length: UInt64 in [0, 1, 23, 24, 25, 280, UInt64(segment.count) - 1, UInt64(Int64.max), UInt64.max] {
            var crafted = original
            withUnsafeBytes(of: length.littleEndian) { crafted.replaceSubrange(24..<32, with: $0) }
            Self.reseal(&crafted)
            do { try Self.readEverything(crafted) } catch is SearchIndexError {}
        }
        // Many copies of the segment: each adds its counts to the numbering; nothing wraps or traps.
        let many = original + Array(repeating: segment, count: 40).joined()
        do { try Self.readEverything(many) } catch is SearchIndexError {}
    }

    @Test("pm search and pm actions rebuild a crafted index with a notice and answer from the repository")
    func endToEndRebuild() throws {
        let (repo, original) = try Self.builtIndex()
        let reader = try SearchIndexReader(storage: IndexStorage(copying: [original]))
        let segment = try #require(reader.segments.first)
        let base = IndexLayout.fileHeaderSize
        func crafted(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var bytes = original
            change(&bytes)
            Self.reseal(&bytes)
            return bytes
        }
        func put(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<offset + 4, with: $0) }
        }
        let record = base + segment.documents.records
        // What each command reads of the record decides which commands meet the damage; all of them answer.
        let cases: [(name: String, bytes: [UInt8], meetIt: Set<String>)] = [
            // The live postmortem's identity: one that no state knows (a dense table of it would be ~36 GB).
            ("a huge lineage", crafted { put(0xFFFF_FFFF, at: record + DocumentRecord.Offset.lineage, in: &$0) }, ["actions"]),
            // The string table's count: 4 billion strings in a file of a few kilobytes.
            (
                "a huge string count", crafted { put(0xFFFF_FFFF, at: base + segment.strings.offsets - 4, in: &$0) },
                ["search", "actions"]
            ),
            // The title's string number, past the table.
            (
                "a string out of range", crafted { put(0x7FFF_FFFF, at: record + DocumentRecord.Offset.title, in: &$0) },
                ["search", "actions"]
            ),
            // The offset of the document's extras (field ranges, lists, action items), past the end.
            (
                "a huge extras offset", crafted { put(0xFFFF_FFF0, at: record + DocumentRecord.Offset.extras, in: &$0) },
                ["actions"]
            ),
        ]
        for (name, bytes, meetIt) in cases {
            if name != "a huge lineage" {
                #expect(throws: SearchIndexError.self, "\(name)") { try Self.readEverything(bytes) }
            }
            for command in [["search", "stale", "--json"], ["actions", "--json"]] {
                try Data(bytes).write(to: URL(fileURLWithPath: repo.root + "/.git/pm/search-index"))
                let result = try repo.pm(command)
                #expect(result.status == 0, "\(name), pm \(command[0]): \(result)")
                #expect(result.stdout.contains("2026-11-20-checkout"), "\(name), pm \(command[0]): \(result)")
                if meetIt.contains(command[0]) {
                    #expect(result.stderr.contains("rebuilding it"), "\(name), pm \(command[0]): \(result)")
                    #expect(try repo.pm(command).stderr.isEmpty, "\(name): the rebuilt index is trusted")
                }
            }
        }
    }
}
