import Foundation
import Git

/// What the fuzz targets (`pm-fuzz`, `make fuzz`) reach of the search index: the reader over bytes in memory.
///
/// Not API: `@_spi(Fuzzing)` keeps it out of what a plain `import PostmortemKit` sees. The reader itself is internal,
/// and the fuzz targets live in their own module so that the product never carries libFuzzer's hooks.
@_spi(Fuzzing) public enum SearchIndexFuzzing {
    /// Opens the index file `bytes` and reads every part of it, as searches, updates and `pm index --check` do; a
    /// damaged or crafted file throws `SearchIndexError`. Returns how many values it read, so nothing is optimised
    /// away.
    ///
    /// A file of several segments is then merged into one, as an update that merges does, and the merged file is
    /// read in turn: a merge of whatever a file holds must end in an error or in a file that reads.
    @discardableResult
    public static func readEverything(_ bytes: [UInt8]) throws -> Int {
        try readEverything(bytes, merging: true)
    }

    private static func readEverything(_ bytes: [UInt8], merging: Bool) throws -> Int {
        let reader = try SearchIndexReader(storage: IndexStorage(copying: [bytes]))
        // Sums that wrap: a crafted file's values (a commit time near the end of time) add up to anything.
        var count = 0
        let state = try reader.state()
        count &+= state.refs.count + state.head.utf8.count + state.directory.utf8.count
        for live in state.live { count &+= try reader.livePath(live).utf8.count }
        // Unchecked reads first: a search reads documents before any extras check, and every read is bounds-checked.
        var blobs: [OID] = []
        for number in 0..<UInt32(reader.documentCount) {
            let document = try reader.document(number)
            blobs.append(try document.blob)
            count &+= Int(try document.lineage) + (try document.id.utf8.count) + (try document.title.utf8.count)
            count &+= (try document.date?.daysSinceEpoch ?? 0) + (try document.severity?.utf8.count ?? 0)
            count &+= (try document.status == nil ? 0 : 1) + (try document.isPostmortem ? 1 : 0) + (try document.length)
            let ranges = try document.fieldRanges
            for range in ranges {
                count &+= try document.segment.string(range.name).utf8.count
                count &+= Int(try document.fieldName(at: range.start) ?? 0)
            }
            count &+= Int(try document.idString) + Int(try document.severityString)
            for list in IndexedList.allCases {
                for string in try document.listStrings(list) { count &+= try document.segment.string(string).utf8.count }
            }
            for field in try document.fieldValues {
                count &+= try document.segment.string(field.key).utf8.count
                count &+= try document.segment.optionalString(field.value)?.utf8.count ?? 0
            }
            let facts = try document.facts
            count &+= facts.actionItems.count + (facts.visibility?.utf8.count ?? 0)
            count &+= try document.actionStates.count
        }
        for blob in blobs.prefix(4) { count &+= Int(try reader.document(withBlob: blob) ?? 0) }
        for number in 0..<UInt32(reader.commitCount) {
            let commit = try reader.commit(number)
            count &+=
                commit.author.utf8.count &+ commit.summary.utf8.count &+ Int(truncatingIfNeeded: try reader.commitTime(number))
        }
        let events = try reader.events(of: Set(0..<UInt32(reader.documentCount)))
        for event in events.prefix(16) { count &+= Int(try reader.lineage(of: event.path) ?? 0) }
        count &+= events.count + (try reader.introductions { _ in true }.count)
        for term in try reader.terms(withPrefix: "", limit: Int.max) {
            for postings in try reader.postings(term) {
                try postings.forEach { document, positions in count &+= Int(document) + positions.count }
                try postings.forEachWeight { document, weight in count &+= Int(document) + Int(weight) }
            }
        }
        count &+= try reader.terms(withPrefix: "a", limit: 10).count
        _ = reader.averageDocumentLength
        try reader.checkHistorySections()
        try reader.checkExtras()
        try reader.checkAllPostings()
        if merging, reader.segments.count > 1 {
            var merger = try IndexSegmentMerger(reader: reader, from: 0)
            count &+= try readEverything(Array(([IndexLayout.fileHeader] + (try merger.merged())).joined()), merging: false)
        }
        return count
    }

    /// `bytes` with every checksum recomputed where the file's structure says it is, so that the fuzzer's mutations
    /// reach the code behind the checksums: a file crafted to pass them must still give an error, never a crash.
    public static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        func u32(_ at: Int) -> UInt32? {
            guard at >= 0, at <= bytes.count - 4 else { return nil }
            return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian }
        }
        func u64(_ at: Int) -> UInt64? {
            guard at >= 0, at <= bytes.count - 8 else { return nil }
            return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
        }
        func store(_ value: UInt64, at: Int, size: Int) {
            for index in 0..<size { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        }
        func checksum(_ start: Int, _ count: Int) -> UInt64 {
            bytes.withUnsafeBytes { IndexChecksum.of(UnsafeRawBufferPointer(rebasing: $0[start..<start + count])) }
        }
        typealias Header = IndexLayout.SegmentHeader
        typealias Entry = IndexLayout.SectionEntry
        typealias Term = IndexLayout.DictionaryEntry
        var offset = IndexLayout.fileHeaderSize
        while let length = u64(offset + Header.length), let sections = u32(offset + Header.sectionCount) {
            let tableSize = Int(min(sections, 64)) * Entry.size
            guard length <= UInt64(bytes.count - offset), Int(length) >= Header.size + tableSize else { break }
            let table = offset + Header.size
            // Where each section is, within the segment.
            var found: [UInt32: (start: Int, size: Int)] = [:]
            for index in 0..<Int(min(sections, 64)) {
                let entry = table + index * Entry.size
                guard let kind = u32(entry + Entry.kind), let start = u64(entry + Entry.start),
                    let size = u64(entry + Entry.length),
                    start <= length, size <= length - start
                else { continue }
                found[kind] = (offset + Int(start), Int(size))
            }
            // Each term's postings have a checksum in the dictionary, so those come before the dictionary's own.
            if let dictionary = found[IndexLayout.Section.dictionary.rawValue],
                let postings = found[IndexLayout.Section.postings.rawValue], let terms = u32(dictionary.start)
            {
                for index in 0..<Int(terms) {
                    let entry = dictionary.start + 4 + index * Term.size
                    guard entry + Term.size <= dictionary.start + dictionary.size,
                        let start = u64(entry + Term.postingsOffset), let size = u32(entry + Term.postingsLength),
                        start <= UInt64(postings.size), UInt64(size) <= UInt64(postings.size) - start
                    else { break }
                    store(checksum(postings.start + Int(start), Int(size)), at: entry + Term.postingsChecksum, size: 4)
                }
            }
            for index in 0..<Int(min(sections, 64)) {
                let entry = table + index * Entry.size
                guard let kind = u32(entry + Entry.kind), let section = found[kind] else { continue }
                store(checksum(section.start, section.size), at: entry + Entry.checksum, size: 8)
            }
            store(checksum(table, tableSize), at: offset + Header.tableChecksum, size: 8)
            offset += Int(length)
        }
        return bytes
    }

    /// Indexes the postmortem `bytes` as one version of one commit, then reads the index back: what the encoder
    /// writes must always read back, whatever the document holds. Returns the number of values read.
    @discardableResult
    public static func indexRoundTrip(_ bytes: [UInt8], path: String) throws -> Int {
        let document = SearchDocument.make(bytes: bytes, path: path, timeZone: .gmt)
        var encoder = IndexSegmentEncoder(documentBase: 0, commitBase: 0)
        let commit = encoder.add(try sampleCommit(0))
        let number = encoder.add(document, blob: try sampleBlob(0), lineage: 0)
        encoder.add(IndexedEvent(document: number, commit: commit, path: path, kind: .introduced))
        var state = sampleState(head: try sampleCommitID(0))
        state.lineages = [path: 0]
        state.live = [IndexState.LiveDocument(document: number, path: path)]
        state.documentTotal = 1
        state.commitTotal = 1
        return try readEverything(Array(([IndexLayout.fileHeader] + encoder.encode(state: state)).joined()))
    }

    /// A small valid index file of two segments, as a build and then an update write them: a postmortem added, then
    /// changed and another added. The seed of the search-index fuzz target.
    public static func sampleIndex() throws -> [UInt8] {
        let path = "postmortems/2026-11-20-checkout-api-500s.md"
        let otherPath = "postmortems/2026-12-01-dns-outage.md"
        var first = IndexSegmentEncoder(documentBase: 0, commitBase: 0)
        let added = first.add(try sampleCommit(0))
        let original = first.add(
            SearchDocument.make(bytes: sampleText(), path: path, timeZone: .gmt), blob: try sampleBlob(0), lineage: 0)
        first.add(IndexedEvent(document: original, commit: added, path: path, kind: .introduced))
        var state = sampleState(head: try sampleCommitID(0))
        state.lineages = [path: 0]
        state.nextLineage = 1
        state.live = [IndexState.LiveDocument(document: original, path: path)]
        state.documentTotal = 1
        state.commitTotal = 1
        let firstBytes = first.encode(state: state)

        var second = IndexSegmentEncoder(documentBase: 1, commitBase: 1, segmentIndex: 1)
        let changed = second.add(try sampleCommit(1))
        let edited = sampleText() + Array("A replica lagged behind.\n".utf8)
        let revised = second.add(
            SearchDocument.make(bytes: edited, path: path, timeZone: .gmt), blob: try sampleBlob(1), lineage: 0)
        // A foreign file: front-matter keys pm does not read, and RFC-style `#` sections.
        let other = second.add(
            SearchDocument.make(
                bytes: Array(
                    """
                    ---
                    company: Example Corp
                    categories: [dns, resolver]
                    summary: Resolvers timed out for an hour.
                    url: https://example.com/dns
                    ---

                    # Summary
                    Resolvers timed out.

                    # Motivation
                    Caches were too small.

                    ### Resolver pool
                    Four resolvers served every zone.

                    """.utf8),
                path: otherPath, timeZone: .gmt), blob: try sampleBlob(2), lineage: 1)
        second.add(IndexedEvent(document: original, commit: changed, path: path, kind: .removed))
        second.add(IndexedEvent(document: revised, commit: changed, path: path, kind: .introduced))
        second.add(IndexedEvent(document: other, commit: changed, path: otherPath, kind: .introduced))
        state = sampleState(head: try sampleCommitID(1))
        state.lineages = [otherPath: 1]
        state.nextLineage = 2
        state.live = [
            IndexState.LiveDocument(document: revised, path: path),
            IndexState.LiveDocument(document: other, path: otherPath),
        ]
        state.documentTotal = 3
        state.commitTotal = 2
        return Array(([IndexLayout.fileHeader] + firstBytes + second.encode(state: state)).joined())
    }

    private static func sampleText() -> [UInt8] {
        Array(
            """
            ---
            title: Checkout API returned 500s to 12% of requests
            date: 2026-11-20
            severity: SEV2
            status: in-review
            services: [checkout-api, payments-db]
            tags: [database, failover]
            authors: [dana, lee]
            started: 2026-11-20T14:02:00Z
            detected: 2026-11-20T14:09:00Z
            mitigated: 2026-11-20T15:05:00Z
            resolved: 2026-11-20T15:31:00Z
            ---

            ## Summary
            Checkout failed for a fifth of requests after a pool-size change.

            ## Timeline
            - 14:02 First alert: checkout error rate above 5%.
            - 14:11 Acknowledged by the on-call engineer.

            ## Root cause
            The connection pool was too small for the failover.

            ## Action items
            - [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-12-15 — ticket: OPS-142
            - [x] Roll back the pool-size change — owner: @lee — due: 2026-11-21

            """.utf8)
    }

    private static func sampleCommitID(_ number: UInt8) throws -> OID {
        guard let id = OID(rawBytes: [UInt8](repeating: 0xA0 + number, count: 20)) else {
            throw SearchIndexError("cannot make a commit id")
        }
        return id
    }

    private static func sampleBlob(_ number: UInt8) throws -> OID {
        guard let id = OID(rawBytes: [UInt8](repeating: 0x10 + number, count: 20)) else {
            throw SearchIndexError("cannot make a blob id")
        }
        return id
    }

    private static func sampleCommit(_ number: UInt8) throws -> IndexedCommit {
        IndexedCommit(
            id: try sampleCommitID(number),
            time: 1_795_000_000 + Int64(number) * 86_400, timeZoneOffsetMinutes: 60, author: "Dana",
            summary: number == 0 ? "Add the checkout postmortem" : "Revise it; add the DNS outage")
    }

    private static func sampleState(head: OID) -> IndexState {
        var state = IndexState()
        state.head = "refs/heads/main"
        state.headTarget = head
        state.refs = [IndexState.RefTip(name: "refs/heads/main", target: head)]
        state.directory = "postmortems"
        state.buildMilliseconds = 12
        state.createdAt = 1_795_000_000
        return state
    }
}
