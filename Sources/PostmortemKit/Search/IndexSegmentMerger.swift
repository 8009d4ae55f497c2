import Foundation
import Git

/// Merges the last segments of an index file into one, from the file's own bytes: no history is read again and no
/// text is tokenized again.
///
/// Document and commit numbers are global and consecutive, so the merged segment holds the segments' records one
/// after the other. What changes: string numbers (each segment has its own table; the merged one holds each string
/// once), where each document's extras start, and in each term's postings the first document of each segment's
/// part (postings count documents from the start of their segment, so the rest of each part is copied as it is).
/// Only the last segment's state is kept, since it describes the index after all of them: its live documents'
/// paths are remapped, and the paths each segment saw first are joined, the newest segment's lineage winning as
/// `SearchIndexReader.lineage(of:)` reads them.
///
/// Every section it copies is checked against its checksum first, even in segments this process trusts: a merge must
/// not seal damage under new checksums.
struct IndexSegmentMerger {
    let reader: SearchIndexReader
    /// The first segment merged; every later one is merged too.
    let first: Int
    private var strings: [[UInt8]: UInt32] = [:]
    private var stringList: [[UInt8]] = []
    /// For each merged segment, its string numbers' new numbers (`IndexLayout.none` until one is first used).
    private var remapped: [[UInt32]]

    /// Merges segments `first` to the last of `reader`'s file; `merged()` gives the segment.
    init(reader: SearchIndexReader, from first: Int) throws {
        guard first >= 0, first < reader.segments.count else {
            throw SearchIndexError("the index has no segment \(first) to merge from")
        }
        self.reader = reader
        self.first = first
        remapped = reader.segments[first...].map { [UInt32](repeating: IndexLayout.none, count: $0.strings.count) }
        // The weighted fields are strings 0 to 3 of every segment (see `IndexLayout.weightedFields`).
        for field in IndexLayout.weightedFields { _ = intern(Array(field.name.utf8)) }
    }

    private var merging: ArraySlice<SearchIndexReader.Segment> { reader.segments[first...] }

    /// The merged segment, in pieces to be written one after the other.
    mutating func merged() throws -> [[UInt8]] {
        // Strings, documents and dictionaries were checked when the file was opened; postings are checked term by
        // term as they are read.
        for index in first..<reader.segments.count { try reader.checkSectionsReadLater(of: index) }
        let commits = try mergeCommits()
        let (documents, extras) = try mergeDocuments()
        let events = try mergeEvents()
        let state = try mergeState()
        let (dictionary, postings) = try mergeTerms()
        // Strings last of all: everything above interned its own.
        var stringSection = ByteWriter()
        stringSection.bytes.reserveCapacity(8 + stringList.count * 4 + stringList.reduce(0) { $0 + $1.count })
        stringSection.u32(UInt32(stringList.count))
        var offset: UInt32 = 0
        for string in stringList {
            stringSection.u32(offset)
            let (next, overflow) = offset.addingReportingOverflow(UInt32(clamping: string.count))
            guard !overflow else { throw SearchIndexError("the merged strings would not fit the index's 32-bit offsets") }
            offset = next
        }
        stringSection.u32(offset)
        for string in stringList { stringSection.append(string) }
        return IndexSegmentEncoder.segment(of: [
            (.strings, [stringSection.bytes], nil), (.commits, [commits], nil), (.documents, [documents], nil),
            (.events, [events], nil), (.state, [state], nil), (.dictionary, [dictionary], nil), (.postings, postings, 0),
            (.extras, [extras], nil),
        ])
    }

    // MARK: - Strings

    private mutating func intern(_ bytes: [UInt8]) -> UInt32 {
        if let known = strings[bytes] { return known }
        let number = UInt32(stringList.count)
        strings[bytes] = number
        stringList.append(bytes)
        return number
    }

    /// The merged number of string `number` of segment `segment`.
    private mutating func string(_ number: UInt32, of segment: Int) throws -> UInt32 {
        let local = segment - first
        guard Int(number) < remapped[local].count else {
            throw SearchIndexError("the index names a string it does not hold")
        }
        let known = remapped[local][Int(number)]
        if known != IndexLayout.none { return known }
        let merged = intern(Array(try reader.segments[segment].stringBytes(number)))
        remapped[local][Int(number)] = merged
        return merged
    }

    /// The same for a string that may be absent (`IndexLayout.none`).
    private mutating func optionalString(_ number: UInt32, of segment: Int) throws -> UInt32 {
        number == IndexLayout.none ? number : try string(number, of: segment)
    }

    /// Rewrites the string number at `offset` of `writer`, read from `reader` at `source`.
    private mutating func copyString(
        from reader: ByteReader, at source: Int, of segment: Int, into writer: inout ByteWriter, at offset: Int,
        optional: Bool = false
    ) throws {
        let number = try reader.u32(at: source)
        writer.set(u32: optional ? try optionalString(number, of: segment) : try string(number, of: segment), at: offset)
    }

    // MARK: - Records

    private mutating func mergeCommits() throws -> [UInt8] {
        typealias Record = IndexLayout.CommitRecord
        return try mergeRecords(of: \.commits, size: Record.size, strings: [Record.author, Record.summary])
    }

    private mutating func mergeEvents() throws -> [UInt8] {
        typealias Record = IndexLayout.EventRecord
        return try mergeRecords(of: \.events, size: Record.size, strings: [Record.path])
    }

    /// A section of fixed-size records (a `u32` count, then the records): every merged segment's records in order,
    /// their string numbers (at `strings`, from the start of a record) remapped.
    private mutating func mergeRecords(
        of table: KeyPath<SearchIndexReader.Segment, (count: Int, records: Int)>, size: Int, strings: [Int]
    ) throws -> [UInt8] {
        var writer = ByteWriter()
        writer.u32(0)
        var count: UInt32 = 0
        for (index, segment) in zip(first..., merging) {
            let reader = segment.reader
            let records = segment[keyPath: table]
            for local in 0..<records.count {
                let record = records.records + local * size
                let start = writer.count
                writer.append(Array(try reader.slice(record, size)))
                for field in strings {
                    try copyString(from: reader, at: record + field, of: index, into: &writer, at: start + field)
                }
                count += 1
            }
        }
        writer.set(u32: count, at: 0)
        return writer.bytes
    }

    /// The documents section and the extras: each record copied with its strings remapped and its extras moved.
    private mutating func mergeDocuments() throws -> (documents: [UInt8], extras: [UInt8]) {
        typealias Offset = DocumentRecord.Offset
        var documents = ByteWriter(bytes: [UInt8](repeating: 0, count: IndexLayout.documentsHeaderSize))
        var extras = ByteWriter()
        var count: UInt32 = 0
        var totalLength: UInt64 = 0
        for (index, segment) in zip(first..., merging) {
            let reader = segment.reader
            totalLength &+= segment.totalLength
            for local in 0..<segment.documents.count {
                let record = segment.documents.records + local * DocumentRecord.size
                let start = documents.count
                documents.append(Array(try reader.slice(record, DocumentRecord.size)))
                try copyString(from: reader, at: record + Offset.id, of: index, into: &documents, at: start + Offset.id)
                try copyString(from: reader, at: record + Offset.title, of: index, into: &documents, at: start + Offset.title)
                try copyString(
                    from: reader, at: record + Offset.severity, of: index, into: &documents, at: start + Offset.severity,
                    optional: true)
                guard let moved = UInt32(exactly: extras.count) else {
                    throw SearchIndexError("the merged extras would not fit the index's 32-bit offsets")
                }
                documents.set(u32: moved, at: start + Offset.extras)
                try copyExtras(
                    at: segment.documents.extras + Int(try reader.u32(at: record + Offset.extras)),
                    ranges: Int(try reader.u32(at: record + Offset.fieldRangeCount)), of: index, into: &extras)
                count += 1
            }
        }
        documents.set(u32: count, at: 0)
        documents.set(u64: totalLength, at: 4)
        return (documents.bytes, extras.bytes)
    }

    /// Copies one document's extras (field ranges, the four lists, the front-matter values, the facts) with their
    /// strings remapped: the layout `IndexedDocument` reads.
    private mutating func copyExtras(at start: Int, ranges: Int, of segment: Int, into writer: inout ByteWriter) throws {
        var reader = reader.segments[segment].reader
        reader.offset = start
        /// Copies `count` bytes as they are.
        func copy(_ count: Int, _ reader: inout ByteReader, _ writer: inout ByteWriter) throws {
            writer.append(try reader.bytes(count))
        }
        typealias Range = IndexLayout.FieldRangeEntry
        try reader.require(ranges * Range.size, at: reader.offset)
        for _ in 0..<ranges {
            writer.u32(try string(try reader.u32(), of: segment))
            try copy(Range.size - 4, &reader, &writer)
        }
        for _ in IndexedList.allCases {
            let count = try reader.u16()
            writer.u16(count)
            try reader.require(Int(count) * 4, at: reader.offset)
            for _ in 0..<count { writer.u32(try string(try reader.u32(), of: segment)) }
        }
        let values = try reader.u32()
        writer.u32(values)
        try reader.require(Int(values) * IndexLayout.FieldValueEntry.size, at: reader.offset)
        for _ in 0..<values {
            writer.u32(try string(try reader.u32(), of: segment))
            writer.u32(try optionalString(try reader.u32(), of: segment))
        }
        // The facts: visibility, five timestamps, then the action items.
        writer.u32(try optionalString(try reader.u32(), of: segment))
        try copy(5 * 8, &reader, &writer)
        typealias Item = IndexLayout.ActionItemEntry
        let items = try reader.u32()
        writer.u32(items)
        try reader.require(Int(items) * Item.size, at: reader.offset)
        for _ in 0..<items {
            try copy(Item.texts, &reader, &writer)
            writer.u32(try string(try reader.u32(), of: segment))
            for _ in 0..<4 { writer.u32(try optionalString(try reader.u32(), of: segment)) }
        }
    }

    // MARK: - State

    /// The last segment's state, its live paths in the merged segment, and the lineages of every merged segment.
    private mutating func mergeState() throws -> [UInt8] {
        let last = reader.segments.count - 1
        var state = try reader.state()
        for index in state.live.indices where Int(state.live[index].pathSegment) >= first {
            let segment = Int(state.live[index].pathSegment)
            state.live[index].path = try reader.segments[segment].string(state.live[index].pathString)
            state.live[index].pathSegment = IndexLayout.none
            state.live[index].pathString = IndexLayout.none
        }
        // The head, directory, refs and live paths as the reader decoded them: strings pm wrote, always UTF-8, so
        // their bytes are the file's.
        var writer = IndexSegmentEncoder.stateWithoutLineages(state, segmentIndex: UInt32(first)) {
            intern(Array($0.utf8))
        }
        // A path is in one segment's list, the first that saw it; were it in several, the newest would be read.
        var lineages: [[UInt8]: UInt32] = [:]
        for index in first...last {
            let segment = reader.segments[index]
            let (offset, count) = try reader.lineageList(in: segment)
            for entry in 0..<count {
                let position = offset + entry * IndexLayout.StateSection.lineageSize
                lineages[Array(try segment.stringBytes(try segment.reader.u32(at: position)))] =
                    try segment.reader.u32(at: position + 4)
            }
        }
        let sorted = lineages.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        writer.u32(UInt32(sorted.count))
        for (path, lineage) in sorted {
            writer.u32(intern(path))
            writer.u32(lineage)
        }
        return writer.bytes
    }

    // MARK: - Terms

    /// The dictionary and the postings: the segments' dictionaries (each sorted) merged in order, each term's
    /// postings the segments' parts one after the other.
    private func mergeTerms() throws -> (dictionary: [UInt8], postings: [[UInt8]]) {
        typealias Term = IndexLayout.DictionaryEntry
        let segments = Array(merging)
        let base = segments[0].documentBase
        var next = [Int](repeating: 0, count: segments.count)
        var dictionary = ByteWriter()
        dictionary.u32(0)
        var termBytes = ByteWriter()
        var postingChunks: [[UInt8]] = []
        var chunk = ByteWriter()
        var written = 0
        var termCount: UInt32 = 0
        var holders: [Int] = []
        while true {
            // The smallest term among the segments' next ones, and the segments that hold it.
            var smallest: UnsafeRawBufferPointer?
            holders.removeAll(keepingCapacity: true)
            for (index, segment) in segments.enumerated() where next[index] < segment.dictionary.count {
                let term = try reader.termBytes(next[index], in: segment)
                if let current = smallest, !term.elementsEqual(current) {
                    guard term.lexicographicallyPrecedes(current) else { continue }
                    holders.removeAll(keepingCapacity: true)
                }
                smallest = term
                holders.append(index)
            }
            guard let term = smallest else { break }
            let parts = try holders.map { index in
                try reader.postings(at: next[index], in: segments[index]).bytes
            }
            for index in holders { next[index] += 1 }
            let start = chunk.count
            try IndexSegmentMerger.concatenate(
                parts, offsets: holders.map { segments[$0].documentBase - base },
                counts: holders.map { segments[$0].documents.count }, into: &chunk)
            let checksum = chunk.bytes.withUnsafeBytes { IndexChecksum.of(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            guard let length = UInt32(exactly: chunk.count - start), let termLength = UInt32(exactly: term.count),
                let termOffset = UInt32(exactly: termBytes.count)
            else { throw SearchIndexError("a merged term would not fit the index's 32-bit lengths") }
            let entry = dictionary.count
            dictionary.pad(to: entry + Term.size)
            dictionary.set(u32: termOffset, at: entry + Term.termOffset)
            dictionary.set(u32: termLength, at: entry + Term.termLength)
            dictionary.set(u64: UInt64(written + start), at: entry + Term.postingsOffset)
            dictionary.set(u32: length, at: entry + Term.postingsLength)
            dictionary.set(u32: UInt32(truncatingIfNeeded: checksum), at: entry + Term.postingsChecksum)
            termBytes.append(Array(term))
            termCount += 1
            if chunk.count >= 1 << 20 {
                written += chunk.count
                postingChunks.append(chunk.bytes)
                chunk = ByteWriter()
            }
        }
        postingChunks.append(chunk.bytes)
        dictionary.set(u32: termCount, at: 0)
        dictionary.append(termBytes.bytes)
        return (dictionary.bytes, postingChunks)
    }

    /// Writes one term's postings made of `parts`, one per segment in order: the total count, then each part's
    /// documents with its first document's difference rewritten (a part counts from the start of its segment,
    /// `offsets` from the first merged one) and the rest copied as it is. Each part is walked, as a search reads it,
    /// to find its last document and its end; `counts` are the segments' numbers of documents.
    static func concatenate(
        _ parts: [UnsafeRawBufferPointer], offsets: [UInt32], counts: [Int], into writer: inout ByteWriter
    ) throws {
        typealias Postings = SearchIndexReader.Postings
        func malformed() -> SearchIndexError { SearchIndexError("the index holds malformed postings") }
        // Each part: its first and last document, counted from the first merged segment, and its bytes after the
        // first document's difference.
        var walked: [(first: UInt32, last: UInt32, rest: UnsafeRawBufferPointer)] = []
        var total: UInt32 = 0
        for (index, part) in parts.enumerated() {
            guard let raw = part.baseAddress else { throw malformed() }
            let base = raw.assumingMemoryBound(to: UInt8.self)
            var offset = 0
            let count = try Postings.varint(base, &offset, part.count)
            guard count > 0 else { continue }
            var document: UInt32 = 0
            var firstDocument: UInt32 = 0
            var rest = 0
            for entry in 0..<count {
                let delta = try Postings.varint(base, &offset, part.count)
                if entry > 0, delta == 0 { throw malformed() }
                let (sum, overflow) = document.addingReportingOverflow(delta)
                guard !overflow else { throw malformed() }
                document = sum
                if entry == 0 { (firstDocument, rest) = (document, offset) }
                _ = try Postings.varint(base, &offset, part.count)  // the weight
                let occurrences = try Postings.varint(base, &offset, part.count)
                let length = Int(try Postings.varint(base, &offset, part.count))
                guard occurrences > 0, Int(occurrences) <= length, length <= part.count - offset, Int(document) < counts[index]
                else { throw malformed() }
                offset += length
            }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { throw malformed() }
            total = sum
            walked.append(
                (offsets[index] + firstDocument, offsets[index] + document, UnsafeRawBufferPointer(rebasing: part[rest..<offset]))
            )
        }
        writer.varint(total)
        var previous: UInt32?
        for part in walked {
            // Segments follow each other, so a later part's first document is past the previous part's last.
            if let previous, part.first <= previous { throw malformed() }
            writer.varint(part.first - (previous ?? 0))
            writer.bytes.append(contentsOf: part.rest)
            previous = part.last
        }
    }
}
