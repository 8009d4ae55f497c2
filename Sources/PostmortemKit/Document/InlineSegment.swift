/// A run of one line's text that is plain text, a code span or an inline HTML comment.
///
/// An HTML comment may span the lines of a paragraph: `<!--` with no `-->` after it on its line makes the rest of
/// the line comment, and the lines after it are comment up to the `-->` (`TextLine.startsInComment`). A comment
/// that never closes runs to the end of the paragraph: text that was meant to be hidden stays hidden.
struct InlineSegment: Hashable, Sendable {
    /// What the run is.
    enum Kind: String, Hashable, Sendable {
        case text
        case code
        case comment
    }

    var kind: Kind
    /// For `.text`, the text; for `.code`, the span's content without the backticks (one
    /// leading and trailing space stripped when both are there, as in CommonMark); for
    /// `.comment`, the text between `<!--` and `-->`.
    var text: String
    /// The whole run, delimiters included.
    var range: SourceRange
    /// For `.comment`, whether `-->` ends it on this line (false: it goes on to the next line of the paragraph).
    var isClosed: Bool

    init(kind: Kind, text: String, range: SourceRange, isClosed: Bool = true) {
        self.kind = kind
        self.text = text
        self.range = range
        self.isClosed = isClosed
    }

    /// Splits `line` into runs. A backtick run opens a code span only when a run of the same
    /// length closes it on the line; otherwise the backticks are plain text.
    static func split(_ line: TextLine) -> [InlineSegment] {
        split(bytes: line.utf8, line: line.position.line, column: line.position.column, startsInComment: line.startsInComment)
    }

    /// `lines`, the lines of one paragraph, each marked with whether an HTML comment of an earlier line is still
    /// open where it starts.
    static func markingComments(_ lines: [TextLine]) -> [TextLine] {
        var result = lines
        var open = false
        for index in result.indices {
            result[index].startsInComment = open
            let bytes = result[index].utf8
            // Most lines hold no comment: only those that do are split.
            guard open || SourceByte.find(commentOpen, in: bytes, from: 0) != nil else { continue }
            let segments = split(
                bytes: bytes, line: result[index].position.line, column: result[index].position.column, startsInComment: open)
            if let last = segments.last {
                open = last.kind == .comment && !last.isClosed
            }
        }
        return result
    }

    static let commentOpen: [UInt8] = Array("<!--".utf8)
    static let commentClose: [UInt8] = Array("-->".utf8)

    /// Splits `text`, which starts at `column` of `line`.
    static func split(_ text: String, line: Int, column: Int) -> [InlineSegment] {
        split(bytes: Array(text.utf8), line: line, column: column)
    }

    static func split(bytes: [UInt8], line: Int, column: Int, startsInComment: Bool = false) -> [InlineSegment] {
        // Backtick runs, found once, so matching a closer is linear overall.
        var runs: [(start: Int, length: Int)] = []
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] == SourceByte.backslash && index + 1 < count && bytes[index + 1] == SourceByte.backtick {
                index += 2
                continue
            }
            if bytes[index] == SourceByte.backtick {
                let start = index
                while index < count && bytes[index] == SourceByte.backtick { index += 1 }
                runs.append((start, index - start))
                continue
            }
            index += 1
        }
        var runsByLength: [Int: [Int]] = [:]
        for (number, run) in runs.enumerated() {
            runsByLength[run.length, default: []].append(number)
        }
        var cursor: [Int: Int] = [:]

        var segments: [InlineSegment] = []
        var textStart = 0
        var position = 0
        var runIndex = 0

        func appendText(upTo end: Int) {
            guard end > textStart else { return }
            segments.append(
                InlineSegment(
                    kind: .text, text: SourceByte.string(bytes[textStart..<end]),
                    range: SourceRange(line: line, column: column + textStart, length: end - textStart)))
        }

        if startsInComment {
            // The end of a comment an earlier line opened: up to `-->`, or the whole line.
            let close = SourceByte.find(commentClose, in: bytes, from: 0)
            let end = close.map { $0 + 3 } ?? count
            if end > 0 {
                segments.append(
                    InlineSegment(
                        kind: .comment, text: SourceByte.string(bytes[0..<(close ?? count)]),
                        range: SourceRange(line: line, column: column, length: end), isClosed: close != nil))
            }
            guard close != nil else { return segments }
            textStart = end
            position = end
        }
        var nextComment = SourceByte.find(commentOpen, in: bytes, from: position)

        while position < count {
            while runIndex < runs.count && runs[runIndex].start < position { runIndex += 1 }
            let nextRun: (start: Int, length: Int)? = runIndex < runs.count ? runs[runIndex] : nil
            if let comment = nextComment, comment < position {
                nextComment = SourceByte.find(commentOpen, in: bytes, from: position)
                continue
            }
            if let comment = nextComment, nextRun.map({ comment < $0.start }) ?? true {
                if let close = SourceByte.find(commentClose, in: bytes, from: comment + 4) {
                    appendText(upTo: comment)
                    let end = close + 3
                    segments.append(
                        InlineSegment(
                            kind: .comment, text: SourceByte.string(bytes[(comment + 4)..<close]),
                            range: SourceRange(line: line, column: column + comment, length: end - comment)))
                    textStart = end
                    position = end
                    nextComment = SourceByte.find(commentOpen, in: bytes, from: end)
                    continue
                }
                // No `-->` on this line: the rest of it is comment, which a later line may close.
                appendText(upTo: comment)
                segments.append(
                    InlineSegment(
                        kind: .comment, text: SourceByte.string(bytes[(comment + 4)...]),
                        range: SourceRange(line: line, column: column + comment, length: count - comment), isClosed: false))
                return segments
            }
            guard let run = nextRun else { break }
            // Find the next run of the same length after this one.
            let candidates = runsByLength[run.length] ?? []
            var pointer = cursor[run.length] ?? 0
            while pointer < candidates.count && candidates[pointer] <= runIndex { pointer += 1 }
            cursor[run.length] = pointer
            guard pointer < candidates.count else {
                position = run.start + run.length
                runIndex += 1
                continue
            }
            let closer = runs[candidates[pointer]]
            appendText(upTo: run.start)
            var contentStart = run.start + run.length
            var contentEnd = closer.start
            if contentEnd - contentStart >= 2 && bytes[contentStart] == SourceByte.space
                && bytes[contentEnd - 1] == SourceByte.space
                && bytes[contentStart..<contentEnd].contains(where: { $0 != SourceByte.space })
            {
                contentStart += 1
                contentEnd -= 1
            }
            let end = closer.start + closer.length
            segments.append(
                InlineSegment(
                    kind: .code, text: SourceByte.string(bytes[contentStart..<contentEnd]),
                    range: SourceRange(line: line, column: column + run.start, length: end - run.start)))
            textStart = end
            position = end
        }
        appendText(upTo: count)
        return segments
    }
}
