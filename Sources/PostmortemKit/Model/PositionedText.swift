/// Text lines joined by spaces, remembering where each byte came from.
struct PositionedText {
    var bytes: [UInt8] = []
    /// The offset in `bytes` where each line starts, with that line's position.
    private var starts: [(offset: Int, position: SourcePosition)] = []
    /// Offsets inside code spans, where separators do not count, in order.
    private(set) var codeRanges: [Range<Int>] = []

    init(lines: [TextLine]) {
        for line in lines {
            if !bytes.isEmpty { bytes.append(SourceByte.space) }
            let offset = bytes.count
            starts.append((offset, line.position))
            for segment in line.segments where segment.kind == .code {
                let low = offset + segment.range.start.column - line.position.column
                let high = offset + segment.range.end.column - line.position.column
                codeRanges.append(low..<high)
            }
            bytes.append(contentsOf: line.utf8)
        }
    }

    init(text: String, position: SourcePosition) {
        self.init(lines: [TextLine(text: text, position: position)])
    }

    /// The source position of byte `offset` (the end of the text maps past its last byte).
    func position(at offset: Int) -> SourcePosition {
        guard var best = starts.first else { return SourcePosition(line: 1, column: 1) }
        var low = 0
        var high = starts.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if starts[middle].offset <= offset {
                best = starts[middle]
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return SourcePosition(line: best.position.line, column: best.position.column + offset - best.offset)
    }

    /// The range covering `range` of the text (which may span lines).
    func sourceRange(_ range: Range<Int>) -> SourceRange {
        let start = position(at: range.lowerBound)
        let end = range.isEmpty ? start : position(at: range.upperBound - 1)
        return SourceRange(start: start, end: range.isEmpty ? end : SourcePosition(line: end.line, column: end.column + 1))
    }

    func string(_ range: Range<Int>) -> String {
        SourceByte.string(bytes[range])
    }

    /// `range` without leading and trailing spaces and tabs.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high && SourceByte.isSpaceOrTab(bytes[low]) { low += 1 }
        while high > low && SourceByte.isSpaceOrTab(bytes[high - 1]) { high -= 1 }
        return low..<high
    }
}
