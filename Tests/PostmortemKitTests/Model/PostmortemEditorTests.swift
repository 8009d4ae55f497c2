import Foundation
import Testing

@testable import PostmortemKit

/// In-place rewrites: only the targeted bytes change.
@Suite struct PostmortemEditorTests {
    static let document = """
        ---
        title: Checkout outage   # keep this comment
        date: 2026-11-20
        status: draft            # draft | in-review | published
        started:
        detected:   # fill in
        tags:
          - a
          - b
        severity: "SEV2"
        ---

        ## Action items
        - [ ] Add alert — owner: @dana — due: 2026-12-15
        - [x] Roll back — owner: @lee — due: 2026-11-21
        - Plain item — owner: @x

        | Action | Owner | Status |
        |---|---|---|
        | Table item | sam | open |
        | No status | kim | |
        """

    /// The document encoded with CRLF, a byte-order mark and no final newline, or plainly.
    static let variants: [(name: String, encode: @Sendable (String) -> [UInt8])] = [
        ("LF", { Array(($0 + "\n").utf8) }),
        ("CRLF+BOM", { [0xEF, 0xBB, 0xBF] + Array(($0 + "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8) }),
        ("no final newline", { Array($0.utf8) }),
        ("CRLF, no final newline", { Array($0.replacingOccurrences(of: "\n", with: "\r\n").utf8) }),
    ]

    func expectRewrite(_ edit: ([UInt8]) throws -> [UInt8], from: String, to: String) throws {
        for (name, encode) in Self.variants {
            let before = encode(Self.document)
            let after = try edit(before)
            let expected = encode(Self.document.replacingOccurrences(of: from, with: to))
            #expect(after == expected, "\(name): \(String(decoding: after, as: UTF8.self).debugDescription)")
        }
    }

    @Test func replacesAPlainValueKeepingTheComment() throws {
        try expectRewrite(
            { PostmortemEditor.settingFrontMatterValue("status", to: "in-review", in: $0) },
            from: "status: draft            #", to: "status: in-review            #")
    }

    @Test func quotesWhenNeeded() throws {
        try expectRewrite(
            { PostmortemEditor.settingFrontMatterValue("title", to: "Checkout: \"500s\"", in: $0) },
            from: "title: Checkout outage   #", to: "title: \"Checkout: \\\"500s\\\"\"   #")
    }

    @Test func replacesAQuotedValue() throws {
        try expectRewrite(
            { PostmortemEditor.settingFrontMatterValue("severity", to: "SEV1", in: $0) },
            from: "severity: \"SEV2\"", to: "severity: SEV1")
    }

    @Test func fillsAnEmptyValue() throws {
        try expectRewrite(
            { PostmortemEditor.settingFrontMatterValue("started", to: "2026-11-20T14:02:00Z", in: $0) },
            from: "started:\n", to: "started: 2026-11-20T14:02:00Z\n")
        try expectRewrite(
            { PostmortemEditor.settingFrontMatterValue("detected", to: "2026-11-20T14:09:00Z", in: $0) },
            from: "detected:   # fill in", to: "detected: 2026-11-20T14:09:00Z # fill in")
    }

    @Test func replacesABlockList() throws {
        try expectRewrite(
            { PostmortemEditor.settingFrontMatterList("tags", to: ["db", "fail, over"], in: $0) },
            from: "tags:\n  - a\n  - b\n", to: "tags: [db, \"fail, over\"]\n")
    }

    @Test func insertsAMissingKeyBeforeTheClosingLine() throws {
        try expectRewrite(
            { PostmortemEditor.settingFrontMatterValue("visibility", to: "public", in: $0) },
            from: "severity: \"SEV2\"\n---", to: "severity: \"SEV2\"\nvisibility: public\n---")
    }

    @Test func theResultParses() {
        var bytes = Array(Self.document.utf8)
        bytes = PostmortemEditor.settingFrontMatterValue("status", to: "published", in: bytes)
        bytes = PostmortemEditor.settingFrontMatterValue("started", to: "2026-11-20T14:02:00Z", in: bytes)
        bytes = PostmortemEditor.settingFrontMatterList("services", to: ["checkout-api"], in: bytes)
        let postmortem = PostmortemParser.parse(bytes: bytes)
        #expect(postmortem.errors.isEmpty)
        #expect(postmortem.status == .published)
        #expect(postmortem.started != nil)
        #expect(postmortem.services == ["checkout-api"])
    }

    @Test func replacesAValueThatDidNotParse() {
        let bytes = Array("---\nstatus: \"draft\nx: 1\n---\n".utf8)
        let result = PostmortemEditor.settingFrontMatterValue("status", to: "draft", in: bytes)
        #expect(String(decoding: result, as: UTF8.self) == "---\nstatus: draft\nx: 1\n---\n")
    }

    @Test func createsFrontMatterWhenThereIsNone() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("## Summary\r\nText\r\n".utf8)
        let result = PostmortemEditor.settingFrontMatterValue("status", to: "draft", in: bytes)
        #expect(result == [0xEF, 0xBB, 0xBF] + Array("---\r\nstatus: draft\r\n---\r\n## Summary\r\nText\r\n".utf8))
    }

    @Test func insertsIntoUnclosedFrontMatter() {
        let bytes = Array("---\ntitle: x\n\n## Summary\n".utf8)
        let result = PostmortemEditor.settingFrontMatterValue("status", to: "draft", in: bytes)
        #expect(String(decoding: result, as: UTF8.self) == "---\nstatus: draft\ntitle: x\n\n## Summary\n")
    }

    @Test func invalidKeysChangeNothing() {
        let bytes = Array(Self.document.utf8)
        #expect(PostmortemEditor.settingFrontMatterValue("bad key", to: "x", in: bytes) == bytes)
        #expect(PostmortemEditor.settingFrontMatterValue("", to: "x", in: bytes) == bytes)
    }

    @Test func ticksAndClearsACheckbox() throws {
        try expectRewrite(
            { try PostmortemEditor.settingActionItemDone(number: 1, done: true, in: $0) },
            from: "- [ ] Add alert", to: "- [x] Add alert")
        try expectRewrite(
            { try PostmortemEditor.settingActionItemDone(number: 2, done: false, in: $0) },
            from: "- [x] Roll back", to: "- [ ] Roll back")
        try expectRewrite(
            { try PostmortemEditor.settingActionItemDone(number: 2, done: true, in: $0) }, from: "", to: "")
    }

    @Test func setsATableRowStatus() throws {
        try expectRewrite(
            { try PostmortemEditor.settingActionItemDone(number: 4, done: true, in: $0) },
            from: "| Table item | sam | open |", to: "| Table item | sam | done |")
        try expectRewrite(
            { try PostmortemEditor.settingActionItemDone(number: 5, done: true, in: $0) },
            from: "| No status | kim | |", to: "| No status | kim |  done |")
    }

    @Test func refusesWhatItCannotTick() {
        let bytes = Array(Self.document.utf8)
        #expect(throws: DocumentError.self) { try PostmortemEditor.settingActionItemDone(number: 3, done: true, in: bytes) }
        do {
            _ = try PostmortemEditor.settingActionItemDone(number: 9, done: true, in: bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "there is no action item 9: the postmortem has 5 (1–5)")
            #expect(error.position == SourcePosition(line: 13, column: 1))
        }
    }
}
