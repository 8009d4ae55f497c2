/// A run of one line's text that is plain text, a code span or an inline HTML comment.
public struct InlineSegment: Hashable, Sendable {
    /// What the run is.
    public enum Kind: String, Hashable, Sendable {
        case text
        case code
        case comment
    }

    public var kind: Kind
    /// For `.text`, the text; for `.code`, the span's content without the backticks (one
    /// leading and trailing space stripped when both are there, as in CommonMark); for
    /// `.comment`, the text between `<!--` and `-->`.
    public var text: String
    /// The whole run, delimiters included.
    public var range: SourceRange

    public init(kind: Kind, text: String, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    /// Splits `line` into runs. A backtick run opens a code span only when a run of the same
    /// length closes it on the line; otherwise the backticks are plain text.
    public static func split(_ line: TextLine) -> [InlineSegment] {
        split(bytes: line.utf8, line: line.position.line, column: line.position.column)
    }

    /// Splits `text`, which starts at `column` of `line`.
    public static func split(_ text: String, line: Int, column: Int) -> [InlineSegment] {
        split(bytes: Array(text.utf8), line: line, column: column)
    }

    static func split(bytes: [UInt8], line: Int, column: Int) -> [InlineSegment] {
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

        let commentOpen: [UInt8] = Array("<!--".utf8)
        let commentClose: [UInt8] = Array("-->".utf8)
        var nextComment = SourceByte.find(commentOpen, in: bytes, from: 0)

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
                nextComment = nil
                continue
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
