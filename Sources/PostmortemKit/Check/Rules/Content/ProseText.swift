/// The prose of one paragraph, heading or table cell: its bytes with where each came from, code
/// spans marked, HTML comments left out. Lines are joined by a space.
struct ProseText {
    private(set) var bytes: [UInt8] = []
    private(set) var positions: [SourcePosition] = []
    /// Whether each byte is inside a code span (backticks included).
    private(set) var isCode: [Bool] = []

    init(lines: [TextLine]) {
        for line in lines { append(line) }
    }

    /// Raw bytes that start at `position`, with no inline syntax (front-matter values).
    init(bytes: ArraySlice<UInt8>, position: SourcePosition) {
        for (offset, byte) in bytes.enumerated() {
            self.bytes.append(byte)
            positions.append(SourcePosition(line: position.line, column: position.column + offset))
            isCode.append(false)
        }
    }

    private mutating func append(_ line: TextLine) {
        let utf8 = line.utf8
        if let last = positions.last {
            bytes.append(SourceByte.space)
            positions.append(SourcePosition(line: last.line, column: last.column + 1))
            isCode.append(false)
        }
        for segment in line.segments where segment.kind != .comment {
            let low = max(0, segment.range.start.column - line.position.column)
            let high = min(utf8.count, segment.range.end.column - line.position.column)
            guard low < high else { continue }
            for offset in low..<high {
                bytes.append(utf8[offset])
                positions.append(SourcePosition(line: line.position.line, column: line.position.column + offset))
                isCode.append(segment.kind == .code)
            }
        }
    }

    /// The prose of `block` itself (not its children): a paragraph, a heading, or each cell of a table.
    static func of(_ block: Block) -> [ProseText] {
        switch block.kind {
        case .paragraph(let lines):
            return [ProseText(lines: lines)]
        case .heading(let heading):
            return [ProseText(lines: [TextLine(text: heading.text, position: heading.textRange.start)])]
        case .table(let table):
            return ([table.header] + table.rows).flatMap(\.cells).filter { !$0.text.isEmpty }.map {
                ProseText(lines: [TextLine(text: $0.text, position: $0.range.start)])
            }
        default:
            return []
        }
    }
}
