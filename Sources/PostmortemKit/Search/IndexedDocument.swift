import Foundation
import Git

/// One version of a file in the index, read field by field from its `DocumentRecord` on demand.
struct IndexedDocument {
    let segment: SearchIndexReader.Segment
    /// Where its `DocumentRecord` starts in the segment.
    let record: Int

    private var reader: ByteReader { segment.reader }
    private typealias Offset = DocumentRecord.Offset
    private typealias FieldRange = IndexLayout.FieldRangeEntry

    var blob: OID {
        get throws {
            guard let id = OID(rawBytes: Array(try reader.slice(record + Offset.blob, 20))) else {
                throw SearchIndexError("a blob id is damaged")
            }
            return id
        }
    }
    var lineage: UInt32 { get throws { try reader.u32(at: record + Offset.lineage) } }
    var id: String { get throws { try segment.string(try reader.u32(at: record + Offset.id)) } }
    var title: String { get throws { try segment.string(try reader.u32(at: record + Offset.title)) } }
    var date: LocalDate? {
        get throws {
            let days = try reader.i32(at: record + Offset.date)
            return days == IndexLayout.noDate ? nil : LocalDate(daysSinceEpoch: Int(days))
        }
    }
    var severity: String? { get throws { try segment.optionalString(try reader.u32(at: record + Offset.severity)) } }
    var status: Status? { get throws { IndexedStatus.status(try reader.u8(at: record + Offset.status)) } }
    var isPostmortem: Bool { get throws { try reader.u8(at: record + Offset.flags) & 1 == 1 } }
    var length: Int { get throws { Int(try reader.u32(at: record + Offset.length)) } }

    private var extras: Int { get throws { segment.documents.extras + Int(try reader.u32(at: record + Offset.extras)) } }

    /// The number of field ranges.
    private var fieldRangeCount: Int { get throws { Int(try reader.u32(at: record + Offset.fieldRangeCount)) } }

    /// The fields with their names as string numbers of the segment (0 to 3: see `IndexLayout.weightedFields`).
    var fieldRanges: [(name: UInt32, start: UInt32, end: UInt32)] {
        get throws {
            let count = try fieldRangeCount
            var reader = self.reader
            reader.offset = try extras
            try reader.require(count * FieldRange.size, at: reader.offset)
            return try (0..<count).map { _ in (try reader.u32(), try reader.u32(), try reader.u32()) }
        }
    }

    /// The name (a string number of the segment) of the field that holds `position`, without allocating: ranking
    /// asks this for every occurrence of a term. The ranges follow each other in position order, so this is a
    /// binary search (a document of many headings has many ranges).
    func fieldName(at position: UInt32) throws -> UInt32? {
        let count = try fieldRangeCount
        let start = try extras
        try reader.require(count * FieldRange.size, at: start)
        // The first range that ends after `position`.
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if try reader.u32(at: start + middle * FieldRange.size + FieldRange.end) <= position {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low < count else { return nil }
        let entry = start + low * FieldRange.size
        guard position >= (try reader.u32(at: entry + FieldRange.start)) else { return nil }
        return try reader.u32(at: entry + FieldRange.name)
    }

    /// The string number of the id, the severity (`IndexLayout.none` when absent), or a list's values in the
    /// segment: what a filter compares, without decoding the strings.
    var idString: UInt32 { get throws { try reader.u32(at: record + Offset.id) } }
    var severityString: UInt32 { get throws { try reader.u32(at: record + Offset.severity) } }

    /// The timestamps, visibility and action items (after the field ranges, the four lists and the front-matter
    /// values).
    var facts: PostmortemFacts {
        get throws {
            var reader = try factsReader()
            var facts = PostmortemFacts()
            facts.visibility = try segment.optionalString(try reader.u32())
            var dates: [Date?] = []
            for _ in 0..<5 {
                let milliseconds = try reader.i64()
                dates.append(
                    milliseconds == IndexLayout.noTime ? nil : Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
            }
            (facts.started, facts.detected, facts.acknowledged, facts.mitigated, facts.resolved) = (
                dates[0], dates[1], dates[2], dates[3], dates[4]
            )
            let count = Int(try reader.u32())
            try reader.require(count * IndexLayout.ActionItemEntry.size, at: reader.offset)
            facts.actionItems.reserveCapacity(count)
            for _ in 0..<count {
                let done = try reader.u8() & 1 == 1
                let identity = try reader.u64()
                let number = Int(try reader.u32())
                let line = Int(try reader.u32())
                let due = try reader.i32()
                let action = try segment.string(try reader.u32())
                let owner = try segment.optionalString(try reader.u32())
                let ticket = try segment.optionalString(try reader.u32())
                let type = try segment.optionalString(try reader.u32())
                let priority = try segment.optionalString(try reader.u32())
                facts.actionItems.append(
                    ActionItemFacts(
                        number: number, line: line, action: action, owner: owner,
                        due: due == IndexLayout.noDate ? nil : LocalDate(daysSinceEpoch: Int(due)), ticket: ticket,
                        type: type, priority: priority, isDone: done))
                facts.actionItems[facts.actionItems.count - 1].storedIdentityKey = identity
            }
            return facts
        }
    }

    /// The string number of the visibility (`IndexLayout.none` when absent), without decoding the facts.
    var visibilityString: UInt32 {
        get throws {
            var reader = try factsReader()
            return try reader.u32()
        }
    }

    /// One of the five timestamps in milliseconds since 1970 (0 `started` … 4 `resolved`; `IndexLayout.noTime` when
    /// absent), without decoding the facts.
    func timestamp(_ number: Int) throws -> Int64 {
        var reader = try factsReader()
        reader.offset += 4 + 8 * number
        return try reader.i64()
    }

    /// Each action item's identity (a hash of its action), number and checkbox: what finding a completion date
    /// compares version by version, without decoding text.
    var actionStates: [(identity: UInt64, number: Int, isDone: Bool)] {
        get throws {
            var reader = try factsReader()
            reader.offset += 4 + 5 * 8
            let count = Int(try reader.u32())
            typealias Entry = IndexLayout.ActionItemEntry
            try reader.require(count * Entry.size, at: reader.offset)
            return try (0..<count).map { index in
                let item = reader.offset + index * Entry.size
                return (
                    try reader.u64(at: item + Entry.identity), Int(try reader.u32(at: item + Entry.number)),
                    try reader.u8(at: item + Entry.flags) & 1 == 1
                )
            }
        }
    }

    /// A reader at the start of the facts.
    private func factsReader() throws -> ByteReader {
        var reader = try fieldValuesReader()
        let count = Int(try reader.u32())
        reader.offset += count * IndexLayout.FieldValueEntry.size
        return reader
    }

    /// A reader at the start of the front-matter values, after the lists.
    private func fieldValuesReader() throws -> ByteReader {
        var reader = try listsReader()
        for _ in IndexedList.allCases {
            let count = Int(try reader.u16())
            reader.offset += count * 4
        }
        return reader
    }

    /// A reader at the start of the lists, after the field ranges.
    private func listsReader() throws -> ByteReader {
        var reader = self.reader
        reader.offset = try extras + (try fieldRangeCount) * FieldRange.size
        return reader
    }

    /// The front-matter values (see `SearchDocument.frontMatter`) as string numbers of the segment: the key, and the
    /// value or `IndexLayout.none`. What a `key:value` filter compares, without decoding the strings.
    var fieldValues: [(key: UInt32, value: UInt32)] {
        get throws {
            var reader = try fieldValuesReader()
            let count = Int(try reader.u32())
            try reader.require(count * IndexLayout.FieldValueEntry.size, at: reader.offset)
            return try (0..<count).map { _ in (try reader.u32(), try reader.u32()) }
        }
    }

    func listStrings(_ list: IndexedList) throws -> [UInt32] {
        var reader = try listsReader()
        for _ in 0..<list.rawValue {
            let count = Int(try reader.u16())
            reader.offset += count * 4
        }
        let count = Int(try reader.u16())
        try reader.require(count * 4, at: reader.offset)
        return try (0..<count).map { _ in try reader.u32() }
    }
}
