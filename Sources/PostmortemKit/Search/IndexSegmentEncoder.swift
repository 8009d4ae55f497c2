import Foundation
import Git

/// Collects what one segment adds and encodes it; postings are built as documents arrive, so a full build holds
/// their compact form only, never every document's words.
struct IndexSegmentEncoder {
    let documentBase: UInt32
    let commitBase: UInt32
    /// This segment's place in the file (0 for the first).
    let segmentIndex: UInt32
    private var strings: [String: UInt32] = [:]
    private var stringList: [String] = []
    /// Each section is written in place as things arrive, its count filled in at the end: a build of a long
    /// history holds one copy of the index, not one per step.
    private var commits = ByteWriter(bytes: [0, 0, 0, 0])
    private var commitCount: UInt32 = 0
    private var documents = ByteWriter(bytes: [UInt8](repeating: 0, count: IndexLayout.documentsHeaderSize))
    private var extras = ByteWriter()
    private var documentCount: UInt32 = 0
    /// The words of every document added, for BM25's average length.
    private var totalLength: UInt64 = 0
    private var events = ByteWriter(bytes: [0, 0, 0, 0])
    private var eventCount: UInt32 = 0
    private var termIDs: [String: Int] = [:]
    private var postings: [TermPostings] = []
    /// Each tokenizer's term numbers mapped to this segment's (`termIDs`).
    private var termMaps: [Int: [UInt32]] = [:]
    /// The tokenizer of versions added as parsed documents (`add(_:blob:lineage:)`), not tokenized elsewhere.
    private var ownTokenizer = VersionTokenizer(identity: -1)
    /// Scratch arrays of `addPostings`, kept between versions: by term, how many positions a version has and
    /// where the next goes in `positions`; the terms it has; its positions grouped by term.
    private var counts: [UInt32] = []
    private var cursors: [UInt32] = []
    private var touched: [UInt32] = []
    private var positions: [UInt32] = []

    private struct TermPostings {
        var term: String
        var bytes = ByteWriter()
        var documentCount: UInt32 = 0
        var lastDocument: UInt32 = 0

        /// Appends a document's entry: its number's difference from the last, its weight, the number of its
        /// positions, their bytes' length (`length`), and the positions as differences. The entry's size is known,
        /// so it is written in place in one step rather than a byte at a time (each append checks the array).
        mutating func append(document: UInt32, weight: UInt32, positions: ArraySlice<UInt32>, length: UInt32) {
            let delta = document - lastDocument
            lastDocument = document
            documentCount += 1
            let count = UInt32(positions.count)
            let size =
                Int(ByteWriter.varintSize(delta) + ByteWriter.varintSize(weight) + ByteWriter.varintSize(count))
                + Int(ByteWriter.varintSize(length)) + Int(length)
            let start = bytes.bytes.count
            bytes.bytes.append(contentsOf: repeatElement(0, count: size))
            bytes.bytes.withUnsafeMutableBufferPointer { buffer in
                var at = start
                func put(_ value: UInt32) {
                    var value = value
                    while value >= 0x80 {
                        buffer[at] = UInt8(truncatingIfNeeded: value) | 0x80
                        value >>= 7
                        at += 1
                    }
                    buffer[at] = UInt8(value)
                    at += 1
                }
                put(delta)
                put(weight)
                put(count)
                put(length)
                var previous: UInt32 = 0
                for position in positions {
                    put(position - previous)
                    previous = position
                }
            }
        }
    }

    init(documentBase: UInt32, commitBase: UInt32, segmentIndex: UInt32 = 0) {
        self.documentBase = documentBase
        self.commitBase = commitBase
        self.segmentIndex = segmentIndex
        // The weighted fields get the first string numbers in every segment, so ranking never decodes a name.
        for field in IndexLayout.weightedFields { _ = intern(field.name) }
    }

    /// The global number the next document added will get.
    var nextDocument: UInt32 { documentBase + documentCount }
    var nextCommit: UInt32 { commitBase + commitCount }

    mutating func intern(_ string: String) -> UInt32 {
        if let index = strings[string] { return index }
        let index = UInt32(stringList.count)
        strings[string] = index
        stringList.append(string)
        return index
    }

    /// Adds a commit and returns its global number.
    mutating func add(_ commit: IndexedCommit) -> UInt32 {
        typealias Record = IndexLayout.CommitRecord
        let start = commits.count
        commits.pad(to: start + Record.size)
        commits.set(bytes: commit.id.bytes, at: start + Record.id)
        commits.set(u64: UInt64(bitPattern: commit.time), at: start + Record.time)
        commits.set(u32: UInt32(bitPattern: commit.timeZoneOffsetMinutes), at: start + Record.timeZoneOffset)
        commits.set(u32: intern(commit.author), at: start + Record.author)
        commits.set(u32: intern(commit.summary), at: start + Record.summary)
        defer { commitCount += 1 }
        return commitBase + commitCount
    }

    /// Adds a version of a file and returns its global number.
    mutating func add(_ document: SearchDocument, blob: OID, lineage: UInt32) -> UInt32 {
        add(ownTokenizer.tokenize(document, blob: blob, lineage: lineage))
    }

    /// Adds a version tokenized on another thread and returns its global number. Versions are added in the order
    /// their tokenizer made them, so that its new terms arrive in the order of their numbers.
    mutating func add(_ version: TokenizedVersion) -> UInt32 {
        let document = version.document
        let ranges = version.ranges
        let local = documentCount
        let length = version.terms.count(where: { $0 != VersionTokenizer.gap })
        totalLength += UInt64(length)
        DocumentRecord(
            blob: version.blob, lineage: version.lineage, id: intern(document.id), title: intern(document.title),
            date: document.date.map { Int32(clamping: $0.daysSinceEpoch) } ?? IndexLayout.noDate,
            severity: document.severity.map { intern($0) } ?? IndexLayout.none,
            status: IndexedStatus.code(document.status), isPostmortem: document.isPostmortem,
            fieldRangeCount: UInt32(clamping: ranges.count), length: UInt32(clamping: length),
            extras: UInt32(extras.count)
        ).encode(into: &documents)
        for range in ranges.prefix(Int(UInt32.max)) {
            extras.u32(intern(range.field))
            extras.u32(UInt32(clamping: range.start))
            extras.u32(UInt32(clamping: range.end))
        }
        for list in IndexedList.allCases {
            let kept = list.values(in: document).prefix(Int(UInt16.max))
            extras.u16(UInt16(kept.count))
            for value in kept { extras.u32(intern(value)) }
        }
        let values = document.frontMatter.prefix(Int(UInt32.max))
        extras.u32(UInt32(values.count))
        for value in values {
            extras.u32(intern(value.key))
            extras.u32(value.value.map { intern($0) } ?? IndexLayout.none)
        }
        encode(document.facts)
        addPostings(of: version, document: local)
        documentCount += 1
        return documentBase + local
    }

    /// Appends the document to the postings of each of its terms. Its term numbers are mapped to this segment's
    /// through its tokenizer's map; the positions are grouped by term with a counting sort over flat arrays, since
    /// this runs once per word of every version.
    private mutating func addPostings(of version: TokenizedVersion, document local: UInt32) {
        var map = termMaps.removeValue(forKey: version.tokenizer) ?? []
        for term in version.newTerms {
            if let known = termIDs[term] {
                map.append(UInt32(known))
            } else {
                map.append(UInt32(postings.count))
                termIDs[term] = postings.count
                postings.append(TermPostings(term: term))
            }
        }
        defer { termMaps[version.tokenizer] = map }
        // The scratch arrays are taken out of `self` for the loops, which run once per word: through `self`, every
        // write checked that the array was not shared.
        var counts = self.counts
        var cursors = self.cursors
        var touched = self.touched
        var positions = self.positions
        (self.counts, self.cursors, self.touched, self.positions) = ([], [], [], [])
        defer { (self.counts, self.cursors, self.touched, self.positions) = (counts, cursors, touched, positions) }
        if counts.count < postings.count {
            counts += repeatElement(0, count: postings.count - counts.count)
            cursors += repeatElement(0, count: postings.count - cursors.count)
        }
        touched.removeAll(keepingCapacity: true)
        let terms = version.terms.count(where: { $0 != VersionTokenizer.gap })
        if positions.count < terms { positions += repeatElement(0, count: terms - positions.count) }
        map.withUnsafeBufferPointer { map in
            counts.withUnsafeMutableBufferPointer { counts in
                for number in version.terms where number != VersionTokenizer.gap {
                    let id = Int(map[Int(number)])
                    if counts[id] == 0 { touched.append(UInt32(id)) }
                    counts[id] += 1
                }
                cursors.withUnsafeMutableBufferPointer { cursors in
                    var next: UInt32 = 0
                    for id in touched {
                        cursors[Int(id)] = next
                        next += counts[Int(id)]
                    }
                    positions.withUnsafeMutableBufferPointer { positions in
                        for (position, number) in version.terms.enumerated() where number != VersionTokenizer.gap {
                            let id = Int(map[Int(number)])
                            positions[Int(cursors[id])] = UInt32(clamping: position)
                            cursors[id] += 1
                        }
                    }
                }
            }
        }
        // The weight of each field, doubled to stay whole: what ranking sums per occurrence, done once here.
        let ranges = version.ranges
        let fieldWeights = ranges.map { range in
            IndexLayout.weightedFields.first { $0.name == range.field }?.doubledWeight ?? IndexLayout.doubledBodyWeight
        }
        for term in touched {
            let id = Int(term)
            let end = Int(cursors[id])
            let start = end - Int(counts[id])
            counts[id] = 0
            var weight: UInt32 = 0
            var length: UInt32 = 0
            var field = 0
            var previous: UInt32 = 0
            for position in positions[start..<end] {
                while field < ranges.count, Int(position) >= ranges[field].end { field += 1 }
                if field < ranges.count, Int(position) >= ranges[field].start { weight &+= fieldWeights[field] }
                length += ByteWriter.varintSize(position - previous)
                previous = position
            }
            postings[id].append(document: local, weight: weight, positions: positions[start..<end], length: length)
        }
    }

    /// The facts go last in a document's extras: flags, the five timestamps, then the action items.
    private mutating func encode(_ facts: PostmortemFacts) {
        extras.u32(facts.visibility.map { intern($0) } ?? IndexLayout.none)
        for date in [facts.started, facts.detected, facts.acknowledged, facts.mitigated, facts.resolved] {
            extras.i64(date.map { IndexLayout.milliseconds($0) } ?? IndexLayout.noTime)
        }
        // A 32-bit count: with 16 bits a postmortem of 100,000 action items lost all but the first 65,535 from
        // `pm actions` and `pm stats`, without a word (format version 3).
        let items = facts.actionItems.prefix(Int(UInt32.max))
        extras.u32(UInt32(items.count))
        for item in items {
            extras.u8(item.isDone ? 1 : 0)
            extras.u64(item.identityKey)
            extras.u32(UInt32(clamping: item.number))
            extras.u32(UInt32(clamping: item.line))
            extras.i32(item.due.map { Int32(clamping: $0.daysSinceEpoch) } ?? IndexLayout.noDate)
            extras.u32(intern(item.action))
            for text in [item.owner, item.ticket, item.type, item.priority] {
                extras.u32(text.map { intern($0) } ?? IndexLayout.none)
            }
        }
    }

    mutating func add(_ event: IndexedEvent) {
        typealias Record = IndexLayout.EventRecord
        let start = events.count
        events.pad(to: start + Record.size)
        events.set(u32: event.document, at: start + Record.document)
        events.set(u32: event.commit, at: start + Record.commit)
        events.set(u32: intern(event.path), at: start + Record.path)
        events.set(u8: event.kind.rawValue, at: start + Record.kind)
        eventCount += 1
    }

    /// The encoded segment, ending with `state`, in pieces to be written one after the other (so that a build of a
    /// long history never holds more than one copy of its postings).
    mutating func encode(state: IndexState) -> [[UInt8]] {
        events.set(u32: eventCount, at: 0)
        var stateWriter = IndexSegmentEncoder.stateWithoutLineages(state, segmentIndex: segmentIndex) { intern($0) }
        // Sorted by their bytes, so that a lookup is a binary search with memcmp.
        let lineages = state.lineages.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        stateWriter.u32(UInt32(lineages.count))
        for (path, lineage) in lineages {
            stateWriter.u32(intern(path))
            stateWriter.u32(lineage)
        }

        // Terms sorted by their UTF-8 bytes, so that a reader can binary-search them with memcmp.
        let sorted = postings.indices.sorted { postings[$0].term.utf8.lexicographicallyPrecedes(postings[$1].term.utf8) }
        var dictionary = ByteWriter()
        var termBytes = ByteWriter()
        // The postings go out in pieces of about a mebibyte, each term's memory given back as it is copied, so
        // that encoding a long history does not hold its postings twice. The section has no checksum of its own:
        // every term's list has one, in the (checked) dictionary.
        var postingChunks: [[UInt8]] = []
        var chunk = ByteWriter()
        var written = 0
        var released = 0
        dictionary.u32(UInt32(sorted.count))
        typealias Term = IndexLayout.DictionaryEntry
        for id in sorted {
            let start = chunk.count
            chunk.varint(postings[id].documentCount)
            chunk.append(postings[id].bytes.bytes)
            released += postings[id].bytes.count
            postings[id].bytes = ByteWriter()
            let checksum = chunk.bytes.withUnsafeBytes { IndexChecksum.of(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            let entry = dictionary.count
            dictionary.pad(to: entry + Term.size)
            dictionary.set(u32: UInt32(termBytes.count), at: entry + Term.termOffset)
            dictionary.set(u32: UInt32(postings[id].term.utf8.count), at: entry + Term.termLength)
            dictionary.set(u64: UInt64(written + start), at: entry + Term.postingsOffset)
            dictionary.set(u32: UInt32(chunk.count - start), at: entry + Term.postingsLength)
            dictionary.set(u32: UInt32(truncatingIfNeeded: checksum), at: entry + Term.postingsChecksum)
            termBytes.append(Array(postings[id].term.utf8))
            if chunk.count >= 1 << 20 {
                written += chunk.count
                postingChunks.append(chunk.bytes)
                chunk = ByteWriter()
            }
            if released >= 4 << 20 {
                released = 0
                IndexSegmentEncoder.returnFreedMemory()
            }
        }
        written += chunk.count
        postingChunks.append(chunk.bytes)
        dictionary.append(termBytes.bytes)

        documents.set(u32: documentCount, at: 0)
        documents.set(u64: totalLength, at: 4)
        commits.set(u32: commitCount, at: 0)

        // Strings last of all: everything above interned its own.
        strings = [:]
        var stringSection = ByteWriter()
        stringSection.bytes.reserveCapacity(8 + stringList.count * 4 + stringList.reduce(0) { $0 + $1.utf8.count })
        stringSection.u32(UInt32(stringList.count))
        var offset: UInt32 = 0
        for string in stringList {
            stringSection.u32(offset)
            offset += UInt32(string.utf8.count)
        }
        stringSection.u32(offset)
        for string in stringList { stringSection.append(Array(string.utf8)) }

        let sections: [(IndexLayout.Section, [[UInt8]], UInt64?)] = [
            (.strings, [stringSection.bytes], nil), (.commits, [commits.bytes], nil), (.documents, [documents.bytes], nil),
            (.events, [events.bytes], nil), (.state, [stateWriter.bytes], nil), (.dictionary, [dictionary.bytes], nil),
            (.postings, postingChunks, 0), (.extras, [extras.bytes], nil),
        ]
        return IndexSegmentEncoder.segment(of: sections)
    }

    /// The state section up to its list of lineages, which the caller appends: where the index stands, then the live
    /// documents. A live path stored by an earlier segment (`pathSegment` below `segmentIndex`) is referred to
    /// there, so an update does not copy every path; the others are interned with `intern`.
    static func stateWithoutLineages(_ state: IndexState, segmentIndex: UInt32, intern: (String) -> UInt32) -> ByteWriter {
        var stateWriter = ByteWriter()
        stateWriter.u32(intern(state.head))
        stateWriter.u8(state.headTarget == nil ? 0 : 1)
        stateWriter.append(state.headTarget?.bytes ?? [UInt8](repeating: 0, count: 20))
        stateWriter.u32(intern(state.directory))
        stateWriter.u32(UInt32(state.refs.count))
        for ref in state.refs {
            stateWriter.u32(intern(ref.name))
            stateWriter.append(ref.target.bytes)
        }
        // What every search reads comes first; the lineages, which only an update needs, last.
        stateWriter.u32(state.nextLineage)
        stateWriter.u32(state.documentTotal)
        stateWriter.u32(state.commitTotal)
        stateWriter.u32(state.buildMilliseconds)
        stateWriter.i64(state.createdAt)
        stateWriter.u32(UInt32(state.live.count))
        for live in state.live {
            stateWriter.u32(live.document)
            if live.pathSegment != IndexLayout.none, live.pathSegment < segmentIndex {
                stateWriter.u32(live.pathSegment)
                stateWriter.u32(live.pathString)
            } else {
                stateWriter.u32(segmentIndex)
                stateWriter.u32(intern(live.path))
            }
        }
        return stateWriter
    }

    /// A whole segment: its header and table of sections, then the sections, in the order given. A section's
    /// checksum is that of its one piece unless given (the postings': 0).
    static func segment(of sections: [(IndexLayout.Section, [[UInt8]], UInt64?)]) -> [[UInt8]] {
        typealias Entry = IndexLayout.SectionEntry
        typealias Header = IndexLayout.SegmentHeader
        let tableSize = Header.size + sections.count * Entry.size
        var table = ByteWriter()
        var position = tableSize
        for (kind, chunks, checksum) in sections {
            let size = chunks.reduce(0) { $0 + $1.count }
            let entry = table.count
            table.pad(to: entry + Entry.size)
            table.set(u32: kind.rawValue, at: entry + Entry.kind)
            table.set(u64: UInt64(position), at: entry + Entry.start)
            table.set(u64: UInt64(size), at: entry + Entry.length)
            table.set(u64: checksum ?? IndexChecksum.of(chunks.first ?? []), at: entry + Entry.checksum)
            position += size
        }
        var header = ByteWriter()
        header.pad(to: Header.size)
        header.set(u32: IndexLayout.segmentMagic, at: Header.magic)
        header.set(u32: UInt32(sections.count), at: Header.sectionCount)
        header.set(u64: UInt64(position), at: Header.length)
        header.set(u64: IndexChecksum.of(table.bytes), at: Header.tableChecksum)
        header.append(table.bytes)
        return [header.bytes] + sections.flatMap(\.1)
    }
}

extension IndexSegmentEncoder {
    /// Hands memory freed by the allocator back to the system (glibc keeps it otherwise), so that copying the
    /// postings into pieces does not count twice in the peak.
    static func returnFreedMemory() {
        // glibc's malloc_trim is not in Swift's Glibc module; looked up once, absent elsewhere.
        guard let trim = mallocTrim else { return }
        _ = trim(0)
    }

    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
}
