import Foundation
import Testing

@testable import PostmortemKit

/// The raw-text layer: lines, encodings, line endings and byte-exact rewrites.
@Suite struct DocumentSourceTextTests {
    static let lines = ["---", "title: Café outage", "---", "", "## Summary", "Text"]

    /// The same lines encoded every way pm must accept.
    static func variants() -> [(name: String, bytes: [UInt8])] {
        let lf = lines.joined(separator: "\n")
        let crlf = lines.joined(separator: "\r\n")
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        return [
            ("LF", Array((lf + "\n").utf8)),
            ("CRLF", Array((crlf + "\r\n").utf8)),
            ("BOM+LF", bom + Array((lf + "\n").utf8)),
            ("BOM+CRLF", bom + Array((crlf + "\r\n").utf8)),
            ("LF, no final newline", Array(lf.utf8)),
            ("BOM+CRLF, no final newline", bom + Array(crlf.utf8)),
        ]
    }

    @Test func linesAreTheSameForEveryEncoding() {
        for (name, bytes) in Self.variants() {
            let source = SourceText(bytes: bytes)
            #expect(source.lines == Self.lines, "\(name)")
            #expect(source.encodingErrors.isEmpty, "\(name)")
            #expect(source.hasBOM == name.hasPrefix("BOM"), "\(name)")
            #expect(source.usesCRLF == name.contains("CRLF"), "\(name)")
            #expect(source.endsWithNewline == !name.contains("no final newline"), "\(name)")
        }
    }

    @Test func rewritingTheSameLinesGivesTheSameBytes() {
        for (name, bytes) in Self.variants() {
            let source = SourceText(bytes: bytes)
            #expect(source.bytes(replacingLines: source.lines) == bytes, "\(name)")
        }
    }

    @Test func rewriteKeepsBOMLineEndingAndFinalNewlineChoice() {
        let source = SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array("a\r\nb".utf8))
        let rewritten = source.bytes(replacingLines: ["a", "B", "c"])
        #expect(rewritten == [0xEF, 0xBB, 0xBF] + Array("a\r\nB\r\nc".utf8))
    }

    @Test func mixedLineEndingsRoundTrip() {
        let bytes = Array("one\r\ntwo\nthree\r\n".utf8)
        let source = SourceText(bytes: bytes)
        #expect(source.lines == ["one", "two", "three"])
        #expect(source.usesCRLF)
        #expect(source.bytes(replacingLines: source.lines) == bytes)
        #expect(source.bytes(replacingLines: ["ONE", "two", "three"]) == Array("ONE\r\ntwo\nthree\r\n".utf8))
    }

    @Test func emptyInput() {
        let source = SourceText(bytes: [])
        #expect(source.lines.isEmpty)
        #expect(!source.endsWithNewline)
        #expect(source.bytes(replacingLines: ["x"]) == Array("x\n".utf8))
        let onlyBOM = SourceText(bytes: [0xEF, 0xBB, 0xBF])
        #expect(onlyBOM.hasBOM)
        #expect(onlyBOM.lines.isEmpty)
    }

    @Test func blankLastLineIsKept() {
        let source = SourceText("a\n\n")
        #expect(source.lines == ["a", ""])
        #expect(source.endsWithNewline)
    }

    @Test func bomIsNotCountedInColumns() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("## Summary\n".utf8)
        let document = MarkdownParser.parse(SourceText(bytes: bytes))
        #expect(document.blocks.first?.range == SourceRange(line: 1, column: 1, length: 10))
        #expect(document.blocks.first?.heading?.textRange.start == SourcePosition(line: 1, column: 4))
    }

    @Test func invalidUTF8IsReportedAtItsFirstByteAndDecodedLeniently() {
        let bytes = Array("ok\nab".utf8) + [0xFF] + Array("cd\né".utf8) + [0xC3] + Array("\n".utf8)
        let source = SourceText(bytes: bytes)
        #expect(source.lines[1] == "ab\u{FFFD}cd")
        #expect(source.lines[2] == "é\u{FFFD}")
        #expect(source.encodingErrors.count == 2)
        #expect(source.encodingErrors[0].position == SourcePosition(line: 2, column: 3))
        #expect(source.encodingErrors[0].message.contains("invalid UTF-8 (byte 0xFF)"))
        #expect(source.encodingErrors[1].position == SourcePosition(line: 3, column: 3))
    }

    @Test func columnsAfterInvalidBytesCountOriginalBytes() {
        // "x" + 0xFF (1 byte, decoded as 3) + " `code`": the code span starts at byte column 4.
        let bytes = Array("x".utf8) + [0xFF] + Array(" `code`\n".utf8)
        let document = MarkdownParser.parse(SourceText(bytes: bytes))
        let line = document.blocks.first?.paragraphLines?.first
        let code = line?.segments.first { $0.kind == .code }
        #expect(code?.range == SourceRange(line: 1, column: 4, length: 6))
        #expect(line?.range.end.column == 10)
    }

    @Test func overlongAndSurrogateEncodingsAreInvalid() {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F]] {
            let source = SourceText(bytes: Array("a".utf8) + bad)
            #expect(source.encodingErrors.first?.position == SourcePosition(line: 1, column: 2), "\(bad)")
        }
        let valid = SourceText("😀 ok ß 中")
        #expect(valid.encodingErrors.isEmpty)
    }

    @Test func nulMakesABinaryFile() {
        let source = SourceText(bytes: Array("abc\nde".utf8) + [0] + Array("f".utf8))
        #expect(source.isBinary)
        #expect(source.encodingErrors.first?.position == SourcePosition(line: 2, column: 3))
        #expect(source.encodingErrors.first?.message.contains("binary file") == true)
    }

    @Test func manyInvalidLinesAreSummed() {
        let bytes = (0..<50).flatMap { _ in [0xFF, 0x0A] as [UInt8] }
        let source = SourceText(bytes: bytes)
        #expect(source.encodingErrors.count == SourceText.maximumReportedEncodingErrors + 1)
        #expect(source.encodingErrors.last?.message.contains("more lines") == true)
    }

    @Test func byteOffsets() {
        let source = SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array("ab\r\ncd".utf8))
        #expect(source.byteOffset(of: SourcePosition(line: 1, column: 1)) == 3)
        #expect(source.byteOffset(of: SourcePosition(line: 2, column: 2)) == 8)
        #expect(source.byteOffset(of: SourcePosition(line: 2, column: 3)) == 9)
        #expect(source.byteOffset(of: SourcePosition(line: 2, column: 4)) == nil)
        #expect(source.byteOffset(of: SourcePosition(line: 3, column: 1)) == nil)
    }

    @Test func positionsAndErrorsDescribeThemselves() {
        #expect(SourcePosition(line: 12, column: 5).description == "12:5")
        #expect(SourcePosition(line: 2, column: 9) < SourcePosition(line: 3, column: 1))
        #expect(SourceRange(line: 3, column: 1, length: 5).description == "3:1-3:6")
        let error = DocumentError("bad", line: 3, column: 4)
        #expect(error.description == "3:4: bad")
        #expect(error.inFile("p.md").description == "p.md:3:4: bad")
    }

    @Test("a NUL or a non-ASCII byte anywhere, on either side of an 8-byte word, is found")
    func plainASCIICheckSeesEveryByte() {
        let text = Array("## Summary\nThe pool kept stale addresses for an hour.\n".utf8)
        #expect(SourceText.isPlainASCII(text))
        #expect(SourceText.isPlainASCII([]))
        for index in text.indices {
            for bad: UInt8 in [0x00, 0x80, 0xFF, 0xC3] {
                var changed = text
                changed[index] = bad
                #expect(!SourceText.isPlainASCII(changed), "byte \(bad) at \(index)")
            }
        }
        var nul = text
        nul[37] = 0
        let source = SourceText(bytes: nul)
        #expect(source.isBinary)
        #expect(source.encodingErrors.first?.position == SourcePosition(line: 2, column: 27))
    }
}
