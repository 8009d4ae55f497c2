import Foundation

/// The layout of the search index file, in one place.
///
/// The file is a header followed by segments. A full build writes one segment; bringing the index up to date
/// appends one segment with what is new (commits, versions, events) and a complete snapshot of the state (the
/// refs it covers, which version of each postmortem is live at HEAD). Each segment has a table of sections, each
/// with its own checksum; a segment cut short by a crash is ignored, a damaged one makes pm rebuild.
enum IndexLayout {
    static let fileMagic: [UInt8] = Array("PMSEARCH".utf8)
    /// 3: the action-item count of a document is 32 bits (it was 16, which cut longer lists short).
    /// 4: a document's title is `Postmortem.displayTitle` (it was the `title:` field, else the first heading): an
    /// index written before would go on showing the old titles in `pm actions`, `pm remind` and `pm stats`.
    /// 5: headings, `#` sections and the front matter pm does not read are indexed; a document keeps its front-matter
    /// values for `key:value` filters; the field-range count is 32 bits; `heading` is the fourth weighted field.
    static let version: UInt32 = 5
    /// magic (8 bytes), version (u32), reserved (u32).
    static let fileHeaderSize = 16
    static let segmentMagic: UInt32 = 0x3147_4553  // "SEG1"
    static let none: UInt32 = 0xFFFF_FFFF
    static let noDate = Int32.min
    static let noTime = Int64.min

    // Every multi-byte number is little-endian. The records below are read in place at these offsets (from the
    // record's start) and written at the same offsets, so writer and reader cannot drift apart.

    /// The start of a segment.
    enum SegmentHeader {
        static let magic = 0  // u32: `segmentMagic`
        static let sectionCount = 4  // u32
        static let length = 8  // u64: the whole segment, header included
        static let tableChecksum = 16  // u64: of the table of sections that follows
        static let size = 24
    }

    /// One entry of a segment's table of sections.
    enum SectionEntry {
        static let kind = 0  // u32: `Section`
        static let reserved = 4  // u32: 0
        static let start = 8  // u64: from the start of the segment
        static let length = 16  // u64
        static let checksum = 24  // u64 (the postings': 0, each term's list has its own)
        static let size = 32
    }

    /// One commit in the commits section (after its u32 count).
    enum CommitRecord {
        static let id = 0  // 20 bytes
        static let time = 20  // i64: author time, seconds since 1970
        static let timeZoneOffset = 28  // i32: minutes east of UTC
        static let author = 32  // u32: string
        static let summary = 36  // u32: string
        static let size = 40
    }

    /// One event in the events section (after its u32 count).
    enum EventRecord {
        static let document = 0  // u32: global document number
        static let commit = 4  // u32: global commit number
        static let path = 8  // u32: string
        static let kind = 12  // u8: `IndexedEventKind`
        static let size = 16
    }

    /// One term in the dictionary section (after its u32 count); the terms' bytes follow the entries.
    enum DictionaryEntry {
        static let termOffset = 0  // u32: from the start of the terms' bytes
        static let termLength = 4  // u32
        static let postingsOffset = 8  // u64: from the start of the postings section
        static let postingsLength = 16  // u32
        static let postingsChecksum = 20  // u32: the low half of the list's checksum
        static let size = 24
    }

    /// The documents section: a u32 count and the u64 number of words of all its documents, then the
    /// `DocumentRecord`s.
    static let documentsHeaderSize = 12

    /// A document's field range in the extras (the first of its extras).
    enum FieldRangeEntry {
        static let name = 0  // u32: string
        static let start = 4  // u32: the position of its first word
        static let end = 8  // u32: one past its last word
        static let size = 12
    }
    /// A document's front-matter value in the extras (after its four lists, behind a u32 count).
    enum FieldValueEntry {
        static let key = 0  // u32: string, the key as written
        static let value = 4  // u32: string, or `none` for a key without a value
        static let size = 8
    }
    /// A document's action item in the extras: done flag (u8), identity (u64), number, line (u32), due (i32, days),
    /// then action, owner, ticket, type and priority (u32 strings).
    enum ActionItemEntry {
        static let flags = 0  // u8: bit 0, done
        static let identity = 1  // u64
        static let number = 9  // u32
        /// The five strings: action, owner, ticket, type, priority (after the line and due date).
        static let texts = 21
        static let size = 1 + 8 + 4 + 4 + 4 + 5 * 4
    }
    /// The state section: head (u32 string), whether HEAD has a target (u8) and its id (20 bytes), the directory
    /// (u32 string), then the refs; `refsCount` is where their count is.
    enum StateSection {
        static let refsCount = 4 + 1 + 20 + 4
        /// name (u32 string) and target (20 bytes).
        static let refSize = 24
        /// next lineage, document total, commit total, build milliseconds (u32 each) and creation time (i64).
        static let totalsSize = 4 * 4 + 8
        /// document (u32), path segment and string (u32 each).
        static let liveSize = 12
        /// path (u32 string), lineage (u32).
        static let lineageSize = 8
    }

    /// An instant as whole milliseconds since 1970 (what the index stores of a timestamp).
    static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.down)
        return value.isFinite ? Int64(max(min(value, 9.2e18), -9.2e18)) : noTime
    }
    /// Sections checked when first read rather than when the file is opened.
    static let checkedOnRead: Set<Section> = [.postings, .commits, .events, .extras]
    /// The fields ranked above the rest of the text, with their weights doubled to stay whole (title 3, services and
    /// tags 1.5, summary 2, headings 2). Their names are strings 0 to 3 of every segment, so ranking never decodes a
    /// name.
    static let weightedFields: [(name: String, doubledWeight: UInt32)] = [
        (SearchDocument.titleField, 6), (SearchDocument.tagsField, 3), (SectionKind.summary.rawValue, 4),
        (SearchDocument.headingField, 4),
    ]
    /// The weight of the rest of the text, doubled.
    static let doubledBodyWeight: UInt32 = 2

    enum Section: UInt32, CaseIterable {
        case strings = 1, commits, documents, events, state, dictionary, postings, extras
    }

    /// A file header: magic and version.
    static var fileHeader: [UInt8] {
        var writer = ByteWriter()
        writer.append(fileMagic)
        writer.u32(version)
        writer.u32(0)
        return writer.bytes
    }
}

/// The lifecycle state as one byte.
enum IndexedStatus {
    static func code(_ status: Status?) -> UInt8 {
        switch status {
        case .none: return 0
        case .draft?: return 1
        case .inReview?: return 2
        case .published?: return 3
        }
    }

    static func status(_ code: UInt8) -> Status? {
        switch code {
        case 1: return .draft
        case 2: return .inReview
        case 3: return .published
        default: return nil
        }
    }
}

/// The four lists of strings a document keeps in the extras, in the order they are written: each a u16 count, then
/// that many u32 string numbers.
enum IndexedList: Int, CaseIterable {
    case services, tags, authors, owners

    /// This list of `document`.
    func values(in document: SearchDocument) -> [String] {
        switch self {
        case .services: return document.services
        case .tags: return document.tags
        case .authors: return document.authors
        case .owners: return document.owners
        }
    }
}
