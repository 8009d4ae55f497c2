import Git

/// The fixed-size record of one version of a file in a segment's documents section: the one definition of its
/// layout, which `IndexSegmentEncoder` writes and `IndexedDocument` reads field by field in place.
///
/// Strings are numbers in the segment's string table (`IndexLayout.none` when absent). What has no fixed size (the
/// field ranges, the four lists, the front-matter values and the facts) is in the extras section, at `extras`.
struct DocumentRecord: Equatable {
    var blob: OID
    /// The identity of the postmortem this is a version of, kept across renames.
    var lineage: UInt32
    var id: UInt32
    var title: UInt32
    /// The incident date in days since 1970, or `IndexLayout.noDate`.
    var date: Int32
    var severity: UInt32
    /// `IndexedStatus.code`.
    var status: UInt8
    /// False for a file without front matter, indexed as text only.
    var isPostmortem: Bool
    var fieldRangeCount: UInt32
    /// The number of words, for BM25.
    var length: UInt32
    /// Where its extras start, from the start of the extras section.
    var extras: UInt32

    /// Where each field is, from the start of the record.
    enum Offset {
        static let blob = 0  // 20 bytes
        static let lineage = 20  // u32
        static let id = 24  // u32
        static let title = 28  // u32
        static let date = 32  // i32
        static let severity = 36  // u32
        static let status = 40  // u8
        static let flags = 41  // u8: bit 0, a postmortem
        // 42: two zero bytes (the field-range count was a u16 here up to format version 3).
        static let length = 44  // u32
        static let extras = 48  // u32
        static let fieldRangeCount = 52  // u32
    }

    /// 56 bytes, a multiple of 8.
    static let size = 56

    /// Appends the record to `writer`.
    func encode(into writer: inout ByteWriter) {
        let start = writer.count
        writer.pad(to: start + DocumentRecord.size)
        writer.set(bytes: blob.bytes, at: start + Offset.blob)
        writer.set(u32: lineage, at: start + Offset.lineage)
        writer.set(u32: id, at: start + Offset.id)
        writer.set(u32: title, at: start + Offset.title)
        writer.set(u32: UInt32(bitPattern: date), at: start + Offset.date)
        writer.set(u32: severity, at: start + Offset.severity)
        writer.set(u8: status, at: start + Offset.status)
        writer.set(u8: isPostmortem ? 1 : 0, at: start + Offset.flags)
        writer.set(u32: fieldRangeCount, at: start + Offset.fieldRangeCount)
        writer.set(u32: length, at: start + Offset.length)
        writer.set(u32: extras, at: start + Offset.extras)
    }

    /// Reads the record that starts at `record`.
    init(reading reader: ByteReader, at record: Int) throws {
        try reader.require(DocumentRecord.size, at: record)
        guard let blob = OID(rawBytes: Array(try reader.slice(record + Offset.blob, 20))) else {
            throw SearchIndexError("a blob id is damaged")
        }
        self.blob = blob
        lineage = try reader.u32(at: record + Offset.lineage)
        id = try reader.u32(at: record + Offset.id)
        title = try reader.u32(at: record + Offset.title)
        date = try reader.i32(at: record + Offset.date)
        severity = try reader.u32(at: record + Offset.severity)
        status = try reader.u8(at: record + Offset.status)
        isPostmortem = try reader.u8(at: record + Offset.flags) & 1 == 1
        fieldRangeCount = try reader.u32(at: record + Offset.fieldRangeCount)
        length = try reader.u32(at: record + Offset.length)
        extras = try reader.u32(at: record + Offset.extras)
    }

    init(
        blob: OID, lineage: UInt32, id: UInt32, title: UInt32, date: Int32, severity: UInt32, status: UInt8,
        isPostmortem: Bool, fieldRangeCount: UInt32, length: UInt32, extras: UInt32
    ) {
        self.blob = blob
        self.lineage = lineage
        self.id = id
        self.title = title
        self.date = date
        self.severity = severity
        self.status = status
        self.isPostmortem = isPostmortem
        self.fieldRangeCount = fieldRangeCount
        self.length = length
        self.extras = extras
    }
}
