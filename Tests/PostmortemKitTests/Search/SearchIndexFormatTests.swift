import Foundation
import Git
import Testing

@testable import PostmortemKit

/// The index file: what is written reads back, and a damaged file is an error, never a crash or a wrong answer.
@Suite struct SearchIndexFormatTests {
    let blob: OID
    let commitID: OID

    init() throws {
        blob = try #require(OID(rawBytes: Array(repeating: 0x12, count: 20)))
        commitID = try #require(OID(rawBytes: Array(repeating: 0xAB, count: 20)))
    }

    func document(_ title: String, body: String, severity: String = "SEV2") -> SearchDocument {
        SearchDocument.make(
            bytes: Array(
                "---\ntitle: \(title)\ndate: 2026-11-20\nseverity: \(severity)\nstatus: draft\nservices: [checkout-api]\n---\n\n## Summary\n\(body)\n\n## Root cause\nThe connection pool.\n"
                    .utf8), path: "postmortems/2026-11-20-x.md", timeZone: .gmt)
    }

    func file() -> [UInt8] {
        var encoder = IndexSegmentEncoder(documentBase: 0, commitBase: 0)
        let commit = encoder.add(
            IndexedCommit(id: commitID, time: 1_700_000_000, timeZoneOffsetMinutes: 60, author: "Dana", summary: "Add it"))
        let first = encoder.add(document("Checkout failed", body: "Retries failed twice."), blob: blob, lineage: 0)
        encoder.add(IndexedEvent(document: first, commit: commit, path: "postmortems/2026-11-20-x.md", kind: .introduced))
        var state = IndexState()
        state.head = "refs/heads/main"
        state.headTarget = commitID
        state.refs = [IndexState.RefTip(name: "refs/heads/main", target: commitID)]
        state.directory = "postmortems"
        state.lineages = ["postmortems/2026-11-20-x.md": 0]
        state.nextLineage = 1
        state.live = [IndexState.LiveDocument(document: first, path: "postmortems/2026-11-20-x.md")]
        state.documentTotal = 1
        state.commitTotal = 1
        return Array(([IndexLayout.fileHeader] + encoder.encode(state: state)).joined())
    }

    func reader(_ bytes: [UInt8]) throws -> SearchIndexReader {
        try SearchIndexReader(storage: IndexStorage(copying: [bytes]))
    }

    @Test func whatIsWrittenReadsBack() throws {
        let reader = try reader(file())
        #expect(reader.documentCount == 1)
        let document = try reader.document(0)
        #expect(try document.blob == blob)
        #expect(try document.title == "Checkout failed")
        #expect(try document.severity == "SEV2")
        #expect(try document.status == .draft)
        #expect(try document.date == LocalDate(year: 2026, month: 11, day: 20))
        #expect(try document.listStrings(.services).map { try document.segment.string($0) } == ["checkout-api"])
        #expect(
            try document.fieldRanges.map { try document.segment.string($0.name) } == ["title", "tags", "summary", "root-cause"])
        let postings = try reader.postings("retri")
        #expect(postings.count == 1)
        var found: [(UInt32, [UInt32])] = []
        try postings.first?.forEach { found.append(($0, $1)) }
        #expect(found.count == 1)
        #expect(found.first?.0 == 0)
        #expect(try reader.postings("absent").isEmpty)
        #expect(try reader.terms(withPrefix: "fail", limit: 10) == ["fail"])
        let state = try reader.state()
        #expect(state.refs.first?.target == commitID)
        #expect(try state.live.first.map(reader.livePath) == "postmortems/2026-11-20-x.md")
        #expect(try reader.lineage(of: "postmortems/2026-11-20-x.md") == 0)
        #expect(try reader.lineage(of: "postmortems/other.md") == nil)
        let commit = try reader.commit(0)
        #expect(commit.author == "Dana")
        #expect(commit.timeZoneOffsetMinutes == 60)
        #expect(try reader.events(of: [0]).first?.kind == .introduced)
    }

    @Test("a document record reads back from the bytes it is written to, at the offsets the format documents")
    func documentRecordRoundTrips() throws {
        let record = DocumentRecord(
            blob: blob, lineage: 0x0102_0304, id: 5, title: 6, date: -7, severity: IndexLayout.none, status: 2,
            isPostmortem: true, fieldRangeCount: 0x0007_0809, length: 10, extras: 0x0B0C_0D0E)
        var writer = ByteWriter(bytes: [0xEE, 0xEE, 0xEE])
        record.encode(into: &writer)
        #expect(writer.count == 3 + DocumentRecord.size)
        let written = Array(writer.bytes.dropFirst(3))
        // The layout, byte by byte: a change here is a new index format version.
        let expected: [UInt8] =
            Array(repeating: 0x12, count: 20) + [0x04, 0x03, 0x02, 0x01] + [5, 0, 0, 0] + [6, 0, 0, 0]
            + [0xF9, 0xFF, 0xFF, 0xFF] + [0xFF, 0xFF, 0xFF, 0xFF] + [2] + [1] + [0, 0] + [10, 0, 0, 0]
            + [0x0E, 0x0D, 0x0C, 0x0B] + [0x09, 0x08, 0x07, 0x00]
        #expect(written == expected)
        try writer.bytes.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws -> Void in
            let read = try DocumentRecord(reading: ByteReader(bytes), at: 3)
            #expect(read == record)
            // One byte short: an error, not a read past the end.
            #expect(throws: SearchIndexError.self) { _ = try DocumentRecord(reading: ByteReader(bytes), at: 4) }
        }
    }

    @Test("the record the encoder writes for a document is the one IndexedDocument reads")
    func encodedDocumentRecordMatchesTheDocument() throws {
        let reader = try reader(file())
        let document = try reader.document(0)
        let record = try DocumentRecord(reading: document.segment.reader, at: document.record)
        #expect(record.blob == blob)
        #expect(record.lineage == 0)
        #expect(try document.segment.string(record.id) == document.id)
        #expect(try document.segment.string(record.title) == "Checkout failed")
        #expect(try document.segment.string(record.severity) == "SEV2")
        #expect(record.date == Int32(try #require(try document.date).daysSinceEpoch))
        #expect(IndexedStatus.status(record.status) == .draft)
        #expect(record.isPostmortem)
        #expect(Int(record.fieldRangeCount) == (try document.fieldRanges.count))
        #expect(Int(record.length) == (try document.length))
        #expect(record.extras == 0)
        for list in IndexedList.allCases {
            let expected = list == .services ? ["checkout-api"] : []
            #expect(try document.listStrings(list).map { try document.segment.string($0) } == expected, "\(list)")
        }
    }

    @Test func aSegmentCutShortIsIgnoredAndNamedAsTheValidLength() throws {
        let whole = file()
        let doubled = whole + Array(whole.dropFirst(IndexLayout.fileHeaderSize).prefix(100))
        let reader = try reader(doubled)
        #expect(reader.segments.count == 1)
        #expect(reader.validLength == whole.count)
    }

    @Test func everyFlippedByteOfTheCheckedSectionsIsDetected() throws {
        let whole = file()
        var detected = 0
        var total = 0
        // Flip one byte at a time across the file: each either fails to read or reads differently: never a crash.
        for offset in stride(from: 0, to: whole.count, by: 7) {
            var damaged = whole
            damaged[offset] ^= 0x5A
            total += 1
            do {
                let reader = try reader(damaged)
                _ = try reader.state()
                _ = try reader.postings("retri").first?.forEach { _, _ in }
                _ = try reader.postings("connection").first?.forEach { _, _ in }
            } catch is SearchIndexError {
                detected += 1
            }
        }
        // The only bytes that can change unnoticed are postings of terms this loop does not read.
        #expect(detected >= total * 8 / 10, "\(detected) of \(total) damaged copies detected")
    }

    @Test func foreignAndEmptyFilesAreRefused() {
        #expect(throws: SearchIndexError.self) { try reader([]) }
        #expect(throws: SearchIndexError.self) { try reader(Array("# Not an index\n".utf8)) }
        var newer = file()
        newer[8] = 99
        #expect(throws: SearchIndexError.self) { try reader(newer) }
        #expect(throws: SearchIndexError.self) { try reader(IndexLayout.fileHeader) }
    }

    @Test func theChecksumSeesReorderedBytes() {
        #expect(IndexChecksum.of(Array("abcdefgh12345678".utf8)) != IndexChecksum.of(Array("12345678abcdefgh".utf8)))
        #expect(IndexChecksum.of([1, 2, 3]) != IndexChecksum.of([1, 2, 3, 0]))
    }
}
