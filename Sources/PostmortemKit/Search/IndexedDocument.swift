import Foundation
import Git

/// One version of a file in the index, read from its record on demand.
struct IndexedDocument {
    let segment: SearchIndexReader.Segment
    let record: Int

    private var reader: ByteReader { segment.reader }

    var blob: OID {
        get throws {
            guard let id = OID(rawBytes: Array(try reader.slice(record, 20))) else {
                throw SearchIndexError("a blob id is damaged")
            }
            return id
        }
    }
    var lineage: UInt32 { get throws { try reader.u32(at: record + 20) } }
    var id: String { get throws { try segment.string(try reader.u32(at: record + 24)) } }
    var title: String { get throws { try segment.string(try reader.u32(at: record + 28)) } }
    var date: LocalDate? {
        get throws {
            let days = try reader.i32(at: record + 32)
            return days == IndexLayout.noDate ? nil : LocalDate(daysSinceEpoch: Int(days))
        }
    }
    var severity: String? { get throws { try segment.optionalString(try reader.u32(at: record + 36)) } }
    var status: Status? { get throws { IndexedStatus.status(try reader.u8(at: record + 40)) } }
    var isPostmortem: Bool { get throws { try reader.u8(at: record + 41) & 1 == 1 } }
    var length: Int { get throws { Int(try reader.u32(at: record + 44)) } }

    private var extras: Int { get throws { segment.documents.extras + Int(try reader.u32(at: record + 48)) } }

    /// The fields with their names as string numbers of the segment (0, 1, 2: see `IndexLayout.weightedFields`).
    var fieldRanges: [(name: UInt32, start: UInt32, end: UInt32)] {
        get throws {
            let count = Int(try reader.u16(at: record + 42))
            var reader = self.reader
            reader.offset = try extras
            try reader.require(count * 12, at: reader.offset)
            return try (0..<count).map { _ in (try reader.u32(), try reader.u32(), try reader.u32()) }
        }
    }

    /// The name (a string number of the segment) of the field that holds `position`, without allocating: ranking
    /// asks this for every occurrence of a term.
    func fieldName(at position: UInt32) throws -> UInt32? {
        let count = Int(try reader.u16(at: record + 42))
        let start = try extras
        try reader.require(count * 12, at: start)
        for index in 0..<count {
            let entry = start + index * 12
            if position >= (try reader.u32(at: entry + 4)), position < (try reader.u32(at: entry + 8)) {
                return try reader.u32(at: entry)
            }
        }
        return nil
    }

    /// The string number of the id, the severity (`IndexLayout.none` when absent), or a list's values (0 services,
    /// 1 tags, 2 authors, 3 owners) in the segment: what a filter compares, without decoding the strings.
    var idString: UInt32 { get throws { try reader.u32(at: record + 24) } }
    var severityString: UInt32 { get throws { try reader.u32(at: record + 36) } }

    /// The timestamps, visibility and action items (after the field ranges and the four lists).
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
            try reader.require(count * IndexedDocument.actionItemSize, at: reader.offset)
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

    /// Each action item's identity (a hash of its action), number and checkbox: what finding a completion date
    /// compares version by version, without decoding text.
    var actionStates: [(identity: UInt64, number: Int, isDone: Bool)] {
        get throws {
            var reader = try factsReader()
            reader.offset += 4 + 5 * 8
            let count = Int(try reader.u32())
            try reader.require(count * IndexedDocument.actionItemSize, at: reader.offset)
            return try (0..<count).map { index in
                let record = reader.offset + index * IndexedDocument.actionItemSize
                return (
                    try reader.u64(at: record + 1), Int(try reader.u32(at: record + 9)), try reader.u8(at: record) & 1 == 1
                )
            }
        }
    }

    /// done flag, identity, number, line, due, then five strings.
    private static let actionItemSize = 1 + 8 + 4 + 4 + 4 + 5 * 4

    /// A reader at the start of the facts.
    private func factsReader() throws -> ByteReader {
        var reader = self.reader
        reader.offset = try extras + Int(try self.reader.u16(at: record + 42)) * 12
        for _ in 0..<4 {
            let count = Int(try reader.u16())
            reader.offset += count * 4
        }
        return reader
    }

    func listStrings(_ list: Int) throws -> [UInt32] {
        var reader = self.reader
        reader.offset = try extras + Int(try self.reader.u16(at: record + 42)) * 12
        for _ in 0..<list {
            let count = Int(try reader.u16())
            reader.offset += count * 4
        }
        let count = Int(try reader.u16())
        try reader.require(count * 4, at: reader.offset)
        return try (0..<count).map { _ in try reader.u32() }
    }
}
