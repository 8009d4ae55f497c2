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
    static let version: UInt32 = 3
    static let fileHeaderSize = 16
    static let segmentMagic: UInt32 = 0x3147_4553  // "SEG1"
    /// magic, section count, total length, checksum of the section table.
    static let segmentHeaderSize = 24
    /// kind, reserved, offset, length, checksum.
    static let sectionEntrySize = 32
    static let commitRecordSize = 40
    static let documentRecordSize = 56
    static let eventRecordSize = 16
    static let dictionaryEntrySize = 24
    static let none: UInt32 = 0xFFFF_FFFF
    static let noDate = Int32.min
    static let noTime = Int64.min

    /// An instant as whole milliseconds since 1970 (what the index stores of a timestamp).
    static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.down)
        return value.isFinite ? Int64(max(min(value, 9.2e18), -9.2e18)) : noTime
    }
    /// Sections checked when first read rather than when the file is opened.
    static let checkedOnRead: Set<Section> = [.postings, .commits, .events, .extras]
    /// The fields ranked above the rest of the text, with their weights doubled to stay whole (title 3, services and
    /// tags 1.5, summary 2). Their names are strings 0, 1 and 2 of every segment, so ranking never decodes a name.
    static let weightedFields: [(name: String, doubledWeight: UInt32)] = [
        (SearchDocument.titleField, 6), (SearchDocument.tagsField, 3), (SectionKind.summary.rawValue, 4),
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
