import Foundation
import Git

/// Reads a search index file: checks its header and every segment, then answers lookups without copying.
///
/// Every section but the postings is checked against its checksum when the file is opened; each term's postings
/// are checked when they are read. Anything that does not check out is a `SearchIndexError`.
final class SearchIndexReader {
    let storage: IndexStorage
    let segments: [Segment]
    /// Where the last complete segment ends: a writer cuts a torn tail (a crash mid-append) back to here.
    let validLength: Int

    struct Segment {
        let reader: ByteReader
        /// Where the segment starts in the file; `reader` covers its bytes.
        let start: Int
        var length: Int { reader.bytes.count }
        let strings: (count: Int, offsets: Int, bytes: Int)
        let commits: (count: Int, records: Int)
        let documents: (count: Int, records: Int, extras: Int)
        let events: (count: Int, records: Int)
        let state: Int
        let dictionary: (count: Int, entries: Int, terms: Int)
        let postings: (offset: Int, length: Int)
        /// The words of all the segment's documents.
        let totalLength: UInt64
        let documentBase: UInt32
        let commitBase: UInt32
        /// Sections whose checksum is checked on first use, with where they are and their checksum.
        /// Where the commits and the events are and their checksums (plain values: a segment is copied often).
        let history: (commits: (start: Int, size: Int, checksum: UInt64), events: (start: Int, size: Int, checksum: UInt64))
        /// The same for the extras (field ranges, services, tags, names): a search for one word reads none.
        let extrasCheck: (start: Int, size: Int, checksum: UInt64?)
        /// The same for the state: a search reads the last segment's only, an update older ones' lineages.
        /// (nil: trusted, this process checked it before appending).
        let stateCheck: (start: Int, size: Int, checksum: UInt64?)
        /// The checksums the table gives the extras and the state, trusted or not (a merge checks them all).
        let written: (extras: UInt64, state: UInt64)

        func string(_ index: UInt32) throws -> String {
            String(decoding: try stringBytes(index), as: UTF8.self)
        }

        func stringBytes(_ index: UInt32) throws -> UnsafeRawBufferPointer {
            guard Int(index) < strings.count else { throw SearchIndexError("the index names a string it does not hold") }
            let start = Int(try reader.u32(at: strings.offsets + Int(index) * 4))
            let end = Int(try reader.u32(at: strings.offsets + Int(index) * 4 + 4))
            guard start <= end else { throw SearchIndexError("the index holds a malformed string") }
            return try reader.slice(strings.bytes + start, end - start)
        }

        /// The number of `string` in this segment's table, by a linear scan; nil when it has none.
        func index(of string: String) throws -> UInt32? {
            let wanted = Array(string.utf8)
            for index in 0..<strings.count {
                let start = Int(try reader.u32(at: strings.offsets + index * 4))
                let end = Int(try reader.u32(at: strings.offsets + index * 4 + 4))
                guard start <= end else { throw SearchIndexError("the index holds a malformed string") }
                if end - start == wanted.count, try reader.slice(strings.bytes + start, end - start).elementsEqual(wanted) {
                    return UInt32(index)
                }
            }
            return nil
        }

        func optionalString(_ index: UInt32) throws -> String? {
            index == IndexLayout.none ? nil : try string(index)
        }
    }

    /// Reads `storage`; the segments that end within `trustedLength` were checked by this process before it
    /// appended to the file (under the lock), so they are not checked again.
    init(storage: IndexStorage, trustedLength: Int = 0) throws {
        self.storage = storage
        let reader = ByteReader(storage.bytes)
        guard storage.bytes.count >= IndexLayout.fileHeaderSize else {
            throw SearchIndexError("the index file is too short to be an index")
        }
        guard Array(try reader.slice(0, 8)) == IndexLayout.fileMagic else {
            throw SearchIndexError("the file is not a pm search index")
        }
        let version = try reader.u32(at: 8)
        guard version == IndexLayout.version else {
            throw SearchIndexError(
                "the index has format version \(version), and this pm reads version \(IndexLayout.version)", isOtherVersion: true)
        }
        var segments: [Segment] = []
        var offset = IndexLayout.fileHeaderSize
        var documentBase: UInt32 = 0
        var commitBase: UInt32 = 0
        while offset < storage.bytes.count {
            guard storage.bytes.count - offset >= IndexLayout.SegmentHeader.size else { break }
            let length = try reader.u64(at: offset + IndexLayout.SegmentHeader.length)
            // A segment that runs past the end was cut short while it was appended: not there yet.
            guard length <= UInt64(storage.bytes.count - offset) else { break }
            let segment = try SearchIndexReader.segment(
                in: storage.bytes, at: offset, length: Int(length), documentBase: documentBase, commitBase: commitBase,
                checked: offset + Int(length) > trustedLength)
            // The counts come from the file: their sums must fit the 32-bit numbers that name documents and
            // commits (an overflow would trap, and wrap numbers onto other segments' records).
            let documents = documentBase.addingReportingOverflow(UInt32(segment.documents.count))
            let commits = commitBase.addingReportingOverflow(UInt32(segment.commits.count))
            guard !documents.overflow, !commits.overflow else {
                throw SearchIndexError("the index holds more documents or commits than it can number")
            }
            documentBase = documents.partialValue
            commitBase = commits.partialValue
            segments.append(segment)
            offset += Int(length)
        }
        guard !segments.isEmpty else { throw SearchIndexError("the index holds no complete segment") }
        self.segments = segments
        validLength = offset
        // Every search reads the last segment's state; the others' only when an update looks up a lineage.
        try checkState(of: segments.count - 1)
    }

    private static func segment(
        in bytes: UnsafeRawBufferPointer, at offset: Int, length: Int, documentBase: UInt32, commitBase: UInt32,
        checked: Bool
    ) throws -> Segment {
        typealias Header = IndexLayout.SegmentHeader
        typealias Entry = IndexLayout.SectionEntry
        let whole = ByteReader(bytes)
        guard try whole.u32(at: offset + Header.magic) == IndexLayout.segmentMagic else {
            throw SearchIndexError("a segment of the index is damaged (bad magic number at byte \(offset))")
        }
        let sectionCount = Int(try whole.u32(at: offset + Header.sectionCount))
        guard sectionCount == IndexLayout.Section.allCases.count, Header.size + sectionCount * Entry.size <= length
        else { throw SearchIndexError("a segment of the index has a damaged table of sections") }
        let table = try whole.slice(offset + Header.size, sectionCount * Entry.size)
        guard try IndexChecksum.of(table) == whole.u64(at: offset + Header.tableChecksum) else {
            throw SearchIndexError("a segment of the index has a damaged table of sections (checksum)")
        }
        let segmentBytes = try whole.slice(offset, length)
        let reader = ByteReader(segmentBytes)
        var ranges: [IndexLayout.Section: (Int, Int)] = [:]
        var checksums: [IndexLayout.Section: UInt64] = [:]
        for index in 0..<sectionCount {
            let entry = ByteReader(table, offset: index * Entry.size)
            let kind = try entry.u32(at: entry.offset + Entry.kind)
            let start = try entry.u64(at: entry.offset + Entry.start)
            let size = try entry.u64(at: entry.offset + Entry.length)
            let checksum = try entry.u64(at: entry.offset + Entry.checksum)
            guard let section = IndexLayout.Section(rawValue: kind), start <= UInt64(length), size <= UInt64(length) - start
            else { throw SearchIndexError("a segment of the index names a section it does not hold") }
            let slice = try reader.slice(Int(start), Int(size))
            // Postings are checked term by term as they are read (a search reads a few, not all); commits and
            // events when --history first reads them.
            if checked, !IndexLayout.checkedOnRead.contains(section), section != .state, IndexChecksum.of(slice) != checksum {
                throw SearchIndexError("the \(section) of the index are damaged (checksum mismatch)")
            }
            ranges[section] = (Int(start), Int(size))
            checksums[section] = checksum
        }
        func range(_ section: IndexLayout.Section) throws -> (Int, Int) {
            guard let range = ranges[section] else { throw SearchIndexError("a segment of the index lacks its \(section)") }
            return range
        }
        let strings = try range(.strings).0
        let stringCount = Int(try reader.u32(at: strings))
        let commits = try range(.commits).0
        let commitCount = Int(try reader.u32(at: commits))
        let documents = try range(.documents).0
        let documentCount = Int(try reader.u32(at: documents))
        let events = try range(.events).0
        let dictionary = try range(.dictionary).0
        let termCount = Int(try reader.u32(at: dictionary))
        let postings = try range(.postings)
        try reader.require(stringCount * 4 + 4, at: strings + 4)
        try reader.require(commitCount * IndexLayout.CommitRecord.size, at: commits + 4)
        try reader.require(
            IndexLayout.documentsHeaderSize - 4 + documentCount * DocumentRecord.size, at: documents + 4)
        let totalLength = try reader.u64(at: documents + 4)
        try reader.require(termCount * IndexLayout.DictionaryEntry.size, at: dictionary + 4)
        let eventCount = Int(try reader.u32(at: events))
        try reader.require(eventCount * IndexLayout.EventRecord.size, at: events + 4)
        return Segment(
            reader: reader, start: offset,
            strings: (stringCount, strings + 4, strings + 4 + (stringCount + 1) * 4),
            commits: (commitCount, commits + 4),
            documents: (documentCount, documents + IndexLayout.documentsHeaderSize, try range(.extras).0),
            events: (eventCount, events + 4),
            state: try range(.state).0,
            dictionary: (termCount, dictionary + 4, dictionary + 4 + termCount * IndexLayout.DictionaryEntry.size),
            postings: postings, totalLength: totalLength, documentBase: documentBase, commitBase: commitBase,
            history: (
                (try range(.commits).0, try range(.commits).1, checksums[.commits] ?? 0),
                (try range(.events).0, try range(.events).1, checksums[.events] ?? 0)
            ),
            extrasCheck: (try range(.extras).0, try range(.extras).1, checked ? checksums[.extras] ?? 0 : nil),
            stateCheck: (try range(.state).0, try range(.state).1, checked ? checksums[.state] ?? 0 : nil),
            written: (checksums[.extras] ?? 0, checksums[.state] ?? 0))
    }

    /// Checks the sections left unchecked at open (commits and events) the first time they are needed.
    func checkHistorySections() throws {
        guard !historyChecked else { return }
        for segment in segments {
            for (name, part) in [("commits", segment.history.commits), ("events", segment.history.events)]
            where IndexChecksum.of(try segment.reader.slice(part.start, part.size)) != part.checksum {
                throw SearchIndexError("the \(name) of the index are damaged (checksum mismatch)")
            }
        }
        historyChecked = true
    }

    /// Checks the extras the first time a query needs them (phrases, sections, list fields).
    func checkExtras() throws {
        guard !extrasChecked else { return }
        for segment in segments {
            if let checksum = segment.extrasCheck.checksum,
                IndexChecksum.of(try segment.reader.slice(segment.extrasCheck.start, segment.extrasCheck.size)) != checksum
            {
                throw SearchIndexError("the extras of the index are damaged (checksum mismatch)")
            }
        }
        extrasChecked = true
    }

    /// Checks the sections of segment `index` that are otherwise checked when first read (commits, events, extras,
    /// state) against the checksums written with them, even in a segment this process checked before: a merge copies
    /// them under new checksums, so what it copies must be what was written.
    func checkSectionsReadLater(of index: Int) throws {
        let segment = segments[index]
        let parts = [
            ("commits", segment.history.commits.start, segment.history.commits.size, segment.history.commits.checksum),
            ("events", segment.history.events.start, segment.history.events.size, segment.history.events.checksum),
            ("extras", segment.extrasCheck.start, segment.extrasCheck.size, segment.written.extras),
            ("state", segment.stateCheck.start, segment.stateCheck.size, segment.written.state),
        ]
        for (name, start, size, checksum) in parts where IndexChecksum.of(try segment.reader.slice(start, size)) != checksum {
            throw SearchIndexError("the \(name) of the index \(name == "state" ? "is" : "are") damaged (checksum mismatch)")
        }
    }

    private var extrasChecked = false
    private var historyChecked = false
    private var checkedStates: Set<Int> = []

    /// Checks the state section of segment `index` the first time it is read.
    private func checkState(of index: Int) throws {
        guard !checkedStates.contains(index) else { return }
        let segment = segments[index]
        if let checksum = segment.stateCheck.checksum,
            IndexChecksum.of(try segment.reader.slice(segment.stateCheck.start, segment.stateCheck.size)) != checksum
        {
            throw SearchIndexError("the state of the index is damaged (checksum mismatch)")
        }
        checkedStates.insert(index)
    }
    /// The state without lineages, read once: every search asks for it several times.
    private var summary: IndexState?

    // MARK: - Documents and commits

    var documentCount: Int { segments.reduce(0) { $0 + $1.documents.count } }

    /// The average number of words of a version, over every version.
    var averageDocumentLength: Double {
        Double(segments.reduce(UInt64(0)) { $0 &+ $1.totalLength }) / Double(max(1, documentCount))
    }
    var commitCount: Int { segments.reduce(0) { $0 + $1.commits.count } }

    private func locate(document number: UInt32) throws -> (Segment, Int) {
        for segment in segments.reversed() where number >= segment.documentBase {
            let local = Int(number - segment.documentBase)
            guard local < segment.documents.count else { break }
            return (segment, local)
        }
        throw SearchIndexError("the index names a document it does not hold")
    }

    /// The record of a document by its global number.
    func document(_ number: UInt32) throws -> IndexedDocument {
        let (segment, local) = try locate(document: number)
        return IndexedDocument(
            segment: segment, record: segment.documents.records + local * DocumentRecord.size)
    }

    func commit(_ number: UInt32) throws -> IndexedCommit {
        try checkHistorySections()
        for segment in segments.reversed() where number >= segment.commitBase {
            let local = Int(number - segment.commitBase)
            guard local < segment.commits.count else { break }
            typealias Record = IndexLayout.CommitRecord
            let reader = segment.reader
            let record = segment.commits.records + local * Record.size
            guard let id = OID(rawBytes: Array(try reader.slice(record + Record.id, 20))) else { break }
            let time = try reader.i64(at: record + Record.time)
            let offset = try reader.i32(at: record + Record.timeZoneOffset)
            let author = try segment.string(try reader.u32(at: record + Record.author))
            let summary = try segment.string(try reader.u32(at: record + Record.summary))
            return IndexedCommit(id: id, time: time, timeZoneOffsetMinutes: offset, author: author, summary: summary)
        }
        throw SearchIndexError("the index names a commit it does not hold")
    }

    /// Every event (introduced, removed) of the given documents, in index order.
    func events(of documents: Set<UInt32>) throws -> [IndexedEvent] {
        try checkHistorySections()
        typealias Record = IndexLayout.EventRecord
        var result: [IndexedEvent] = []
        for segment in segments {
            for index in 0..<segment.events.count {
                let record = segment.events.records + index * Record.size
                let document = try segment.reader.u32(at: record + Record.document)
                guard documents.contains(document) else { continue }
                let commit = try segment.reader.u32(at: record + Record.commit)
                let path = try segment.string(try segment.reader.u32(at: record + Record.path))
                guard let kind = IndexedEventKind(rawValue: try segment.reader.u8(at: record + Record.kind)) else {
                    throw SearchIndexError("the index holds an event of an unknown kind")
                }
                result.append(IndexedEvent(document: document, commit: commit, path: path, kind: kind))
            }
        }
        return result
    }

    /// The (version, commit) of every "introduced" event of the versions `wanted` accepts (by global number),
    /// without decoding paths: what following action items through history needs.
    func introductions(of wanted: (UInt32) -> Bool) throws -> [(document: UInt32, commit: UInt32)] {
        try checkHistorySections()
        typealias Record = IndexLayout.EventRecord
        var result: [(document: UInt32, commit: UInt32)] = []
        for segment in segments {
            try segment.reader.require(segment.events.count * Record.size, at: segment.events.records)
            for index in 0..<segment.events.count {
                let record = segment.events.records + index * Record.size
                let document = try segment.reader.u32(at: record + Record.document)
                guard wanted(document),
                    try segment.reader.u8(at: record + Record.kind) == IndexedEventKind.introduced.rawValue
                else { continue }
                result.append((document, try segment.reader.u32(at: record + Record.commit)))
            }
        }
        return result
    }

    /// A commit's author time alone, without decoding its strings.
    func commitTime(_ number: UInt32) throws -> Int64 {
        try checkHistorySections()
        for segment in segments.reversed() where number >= segment.commitBase {
            let local = Int(number - segment.commitBase)
            guard local < segment.commits.count else { break }
            typealias Record = IndexLayout.CommitRecord
            return try segment.reader.i64(at: segment.commits.records + local * Record.size + Record.time)
        }
        throw SearchIndexError("the index names a commit it does not hold")
    }

    // MARK: - State

    /// The state after the last segment, read once. `lineages` is left empty (an update asks `lineage(of:)` for the
    /// few paths it meets) and live paths are read when shown (`livePath`).
    func state() throws -> IndexState {
        if let summary { return summary }
        guard let segment = segments.last else { throw SearchIndexError("the index holds no segment") }
        var reader = segment.reader
        reader.offset = segment.state
        var state = IndexState()
        state.head = try segment.string(try reader.u32())
        let hasHead = try reader.u8()
        let headBytes = try reader.bytes(20)
        state.headTarget = hasHead == 1 ? OID(rawBytes: headBytes) : nil
        state.directory = try segment.string(try reader.u32())
        let refCount = try reader.u32()
        try reader.require(Int(refCount) * IndexLayout.StateSection.refSize, at: reader.offset)
        for _ in 0..<refCount {
            let name = try segment.string(try reader.u32())
            guard let target = OID(rawBytes: try reader.bytes(20)) else {
                throw SearchIndexError("a ref of the index is damaged")
            }
            state.refs.append(IndexState.RefTip(name: name, target: target))
        }
        state.nextLineage = try reader.u32()
        state.documentTotal = try reader.u32()
        state.commitTotal = try reader.u32()
        state.buildMilliseconds = try reader.u32()
        state.createdAt = try reader.i64()
        guard state.documentTotal == UInt32(documentCount), state.commitTotal == UInt32(commitCount) else {
            throw SearchIndexError("the index's counts do not add up")
        }
        let liveCount = try reader.u32()
        try reader.require(Int(liveCount) * IndexLayout.StateSection.liveSize, at: reader.offset)
        state.live.reserveCapacity(Int(liveCount))
        for _ in 0..<liveCount {
            let document = try reader.u32()
            guard document < state.documentTotal else {
                throw SearchIndexError("the index names a live document it does not hold")
            }
            let pathSegment = try reader.u32()
            let pathString = try reader.u32()
            guard Int(pathSegment) < segments.count, pathString < segments[Int(pathSegment)].strings.count else {
                throw SearchIndexError("the index names a string it does not hold")
            }
            // A search shows a few paths of thousands: it decodes those alone.
            state.live.append(
                IndexState.LiveDocument(document: document, path: "", pathSegment: pathSegment, pathString: pathString))
        }
        summary = state
        return state
    }

    /// Where a segment's lineage list starts (after its live list) and how long it is.
    func lineageList(in segment: Segment) throws -> (offset: Int, count: Int) {
        typealias State = IndexLayout.StateSection
        var reader = segment.reader
        reader.offset = segment.state + State.refsCount
        let refCount = Int(try reader.u32())
        reader.offset += refCount * State.refSize + State.totalsSize
        let liveCount = Int(try reader.u32())
        reader.offset += liveCount * State.liveSize
        let count = Int(try reader.u32())
        try reader.require(count * State.lineageSize, at: reader.offset)
        return (reader.offset, count)
    }

    /// The identity of the postmortem that lived at `path`, from the newest segment that knows the path.
    func lineage(of path: String) throws -> UInt32? {
        let wanted = Array(path.utf8)
        for (index, segment) in segments.enumerated().reversed() {
            try checkState(of: index)
            let (offset, count) = try lineageList(in: segment)
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                let entry = offset + middle * IndexLayout.StateSection.lineageSize
                let bytes = try segment.stringBytes(try segment.reader.u32(at: entry))
                if bytes.elementsEqual(wanted) { return try segment.reader.u32(at: entry + 4) }
                if bytes.lexicographicallyPrecedes(wanted) { low = middle + 1 } else { high = middle }
            }
        }
        return nil
    }

    /// The number of the version with this blob id, by a scan of the records (for the few an update needs).
    func document(withBlob blob: OID) throws -> UInt32? {
        for segment in segments {
            let records = try segment.reader.slice(segment.documents.records, segment.documents.count * DocumentRecord.size)
            guard let base = records.baseAddress else { continue }
            let found: Int? = blob.bytes.withUnsafeBytes { wanted in
                guard let wantedBase = wanted.baseAddress else { return nil }
                for index in 0..<segment.documents.count
                where memcmp(base + index * DocumentRecord.size + DocumentRecord.Offset.blob, wantedBase, 20) == 0 {
                    return index
                }
                return nil
            }
            if let found { return segment.documentBase + UInt32(found) }
        }
        return nil
    }

    /// The path of a live document (decoded now: a search reads a few of thousands).
    func livePath(_ live: IndexState.LiveDocument) throws -> String {
        guard live.path.isEmpty, Int(live.pathSegment) < segments.count else { return live.path }
        return try segments[Int(live.pathSegment)].string(live.pathString)
    }

    // MARK: - Terms

    /// One segment's postings for a term: the documents (global numbers) and the positions in each.
    struct Postings {
        let segment: Segment
        let bytes: UnsafeRawBufferPointer

        /// Calls `body` with each document `wanted` accepts and its positions, in document order; the positions
        /// of the others are skipped, not decoded.
        func forEach(where wanted: (UInt32) -> Bool = { _ in true }, _ body: (UInt32, [UInt32]) throws -> Void) throws {
            var positions: [UInt32] = []
            try walk { document, _, occurrences, base, start, end in
                guard wanted(document) else { return }
                positions.removeAll(keepingCapacity: true)
                var offset = start
                var position: UInt32 = 0
                for _ in 0..<occurrences {
                    position &+= try Postings.varint(base, &offset, end)
                    positions.append(position)
                }
                guard offset == end else { throw SearchIndexError("the index holds malformed postings") }
                try body(document, positions)
            }
        }

        /// Calls `body` with each document and the weight of its occurrences (each counting its field's weight,
        /// doubled), without decoding positions: what ranking a single word needs.
        func forEachWeight(_ body: (UInt32, UInt32) throws -> Void) throws {
            try walk { document, weight, _, _, _, _ in try body(document, weight) }
        }

        /// Reads the postings: for each document, its number, weight and occurrence count, and where its
        /// positions are (`visit` decodes them or not). Every read is checked against the end of the list.
        private func walk(
            _ visit: (UInt32, UInt32, UInt32, UnsafePointer<UInt8>, Int, Int) throws -> Void
        ) throws {
            guard let raw = bytes.baseAddress else { throw SearchIndexError("the index holds empty postings") }
            let base = raw.assumingMemoryBound(to: UInt8.self)
            let end = bytes.count
            var offset = 0
            let count = try Postings.varint(base, &offset, end)
            var document: UInt32 = 0
            for index in 0..<count {
                let delta = try Postings.varint(base, &offset, end)
                if index > 0, delta == 0 { throw SearchIndexError("the index holds malformed postings") }
                document &+= delta
                let weight = try Postings.varint(base, &offset, end)
                let occurrences = try Postings.varint(base, &offset, end)
                let length = Int(try Postings.varint(base, &offset, end))
                guard occurrences > 0, Int(occurrences) <= length, length <= end - offset,
                    Int(document) < segment.documents.count
                else { throw SearchIndexError("the index holds malformed postings") }
                try visit(segment.documentBase + document, weight, occurrences, base, offset, offset + length)
                offset += length
            }
        }

        /// An unsigned LEB128 number at `offset`, which it moves past; an error at `end` or past five bytes.
        @inline(__always)
        static func varint(_ base: UnsafePointer<UInt8>, _ offset: inout Int, _ end: Int) throws -> UInt32 {
            var result: UInt32 = 0
            var shift: UInt32 = 0
            while offset < end, shift <= 28 {
                let byte = base[offset]
                offset += 1
                result |= UInt32(byte & 0x7F) << shift
                if byte < 0x80 { return result }
                shift += 7
            }
            throw SearchIndexError("the index holds a malformed number in its postings")
        }
    }

    /// The postings of `term` in every segment that has it.
    func postings(_ term: String) throws -> [Postings] {
        var result: [Postings] = []
        var term = term
        let wanted = Array(term.withUTF8 { Array($0) })
        for segment in segments {
            if let entry = try find(wanted, in: segment) { result.append(try postings(at: entry, in: segment)) }
        }
        return result
    }

    /// The terms that start with `prefix`, across segments, sorted, at most `limit`.
    func terms(withPrefix prefix: String, limit: Int) throws -> [String] {
        let wanted = Array(prefix.utf8)
        var found = Set<String>()
        for segment in segments {
            var index = try lowerBound(wanted, in: segment)
            while index < segment.dictionary.count, found.count < limit {
                let term = try termBytes(index, in: segment)
                guard term.starts(with: wanted) else { break }
                found.insert(String(decoding: term, as: UTF8.self))
                index += 1
            }
        }
        return found.sorted()
    }

    /// Checks every term's postings against its checksum.
    func checkAllPostings() throws {
        for segment in segments {
            for index in 0..<segment.dictionary.count { _ = try postings(at: index, in: segment) }
        }
    }

    /// The number of distinct terms (summed over segments; a term in two segments counts twice).
    var termCount: Int { segments.reduce(0) { $0 + $1.dictionary.count } }

    func termBytes(_ index: Int, in segment: Segment) throws -> UnsafeRawBufferPointer {
        typealias Entry = IndexLayout.DictionaryEntry
        let entry = segment.dictionary.entries + index * Entry.size
        let offset = Int(try segment.reader.u32(at: entry + Entry.termOffset))
        let length = Int(try segment.reader.u32(at: entry + Entry.termLength))
        return try segment.reader.slice(segment.dictionary.terms + offset, length)
    }

    private func lowerBound(_ wanted: [UInt8], in segment: Segment) throws -> Int {
        var low = 0
        var high = segment.dictionary.count
        while low < high {
            let middle = (low + high) / 2
            if try termBytes(middle, in: segment).lexicographicallyPrecedes(wanted) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func find(_ wanted: [UInt8], in segment: Segment) throws -> Int? {
        let index = try lowerBound(wanted, in: segment)
        guard index < segment.dictionary.count, try termBytes(index, in: segment).elementsEqual(wanted) else { return nil }
        return index
    }

    func postings(at index: Int, in segment: Segment) throws -> Postings {
        typealias Entry = IndexLayout.DictionaryEntry
        let entry = segment.dictionary.entries + index * Entry.size
        let offset = try segment.reader.u64(at: entry + Entry.postingsOffset)
        let length = try segment.reader.u32(at: entry + Entry.postingsLength)
        let checksum = try segment.reader.u32(at: entry + Entry.postingsChecksum)
        guard offset <= UInt64(segment.postings.length), UInt64(length) <= UInt64(segment.postings.length) - offset else {
            throw SearchIndexError("the index names postings it does not hold")
        }
        let bytes = try segment.reader.slice(segment.postings.offset + Int(offset), Int(length))
        guard UInt32(truncatingIfNeeded: IndexChecksum.of(bytes)) == checksum else {
            throw SearchIndexError("the postings of the index are damaged (checksum mismatch)")
        }
        return Postings(segment: segment, bytes: bytes)
    }
}
