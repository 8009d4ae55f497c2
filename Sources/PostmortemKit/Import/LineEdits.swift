/// Changes to a file's lines, applied in one pass so that every line pm does not change keeps its bytes and its line
/// ending.
struct LineEdits {
    /// Lines that take the place of an original line (none: the line is removed), by 1-based line number.
    private(set) var replacements: [Int: [String]] = [:]
    /// Lines inserted before an original line (`lineCount + 1`: at the end), in the order they were added.
    private var insertions: [Int: [String]] = [:]
    /// Lines inserted at the very start, before any other insertion (a new front-matter block).
    var prefix: [String] = []

    mutating func replace(_ line: Int, with lines: [String]) {
        replacements[line] = lines
    }

    mutating func remove(_ lines: ClosedRange<Int>) {
        for line in lines { replacements[line] = [] }
    }

    mutating func insert(_ lines: [String], before line: Int) {
        insertions[line, default: []] += lines
    }

    /// The lines that are removed or replaced.
    var changedLines: Set<Int> { Set(replacements.keys) }

    /// The file with the edits made: the byte-order mark kept, new lines ending as the file's first line does, and
    /// the last line ending (or not) as the original's did.
    func apply(to source: SourceText) -> [UInt8] {
        let newline: SourceText.LineTerminator = source.usesCRLF ? .carriageReturnLineFeed : .lineFeed
        var lines: [(text: String, terminator: SourceText.LineTerminator)] = prefix.map { ($0, newline) }
        for number in 1...(source.lineCount + 1) {
            for line in insertions[number] ?? [] { lines.append((line, newline)) }
            guard number <= source.lineCount else { break }
            let terminator = source.lineTerminators[number - 1]
            if let replacement = replacements[number] {
                for (offset, line) in replacement.enumerated() { lines.append((line, offset == 0 ? terminator : newline)) }
            } else {
                lines.append((source.lines[number - 1], terminator))
            }
        }
        var bytes: [UInt8] = source.hasBOM ? [0xEF, 0xBB, 0xBF] : []
        for (index, line) in lines.enumerated() {
            bytes += line.text.utf8
            if index < lines.count - 1 {
                bytes += (line.terminator == .none ? newline : line.terminator).bytes
            } else if source.endsWithNewline || source.lineCount == 0 {
                bytes += (line.terminator == .none ? newline : line.terminator).bytes
            }
        }
        return bytes
    }
}
