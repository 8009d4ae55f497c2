/// Splits prose into words for the blameless-language rule, leaving out code spans, HTML comments
/// and text in double quotes, and remembering where each word is.
///
/// A word is a run of Unicode letters, marks and digits; an apostrophe (`'`, `’`), a hyphen, a dot,
/// a slash or an underscore between two such characters joins them into one word (`should've`,
/// `blame-free`, `blame.go`), and a leading `@` stays with a handle. Spaces, tabs, line breaks and
/// emphasis markers (`*`, `_`, `~`) separate words of one phrase; anything else (punctuation,
/// brackets, dashes, skipped text) is a break that no phrase spans. A break is a sentence break
/// after `.`, `!`, `?`, `;` and `:`, and a clause break otherwise.
struct BlamelessTokenizer {
    /// What separates a word from the one before it.
    enum Break: UInt8, Comparable {
        /// Only spaces or emphasis markers: the same run of words.
        case none
        /// A comma, a dash, a bracket, skipped text: the same sentence, another clause.
        case clause
        /// The end of a sentence, or the start of the run.
        case sentence

        static func < (left: Break, right: Break) -> Bool { left.rawValue < right.rawValue }
    }

    /// One word.
    struct Token {
        /// Lowercased, with typographic apostrophes made plain.
        var key: String
        /// As written.
        var text: String
        var start: SourcePosition
        /// Just past the last byte.
        var end: SourcePosition
        /// What separates it from the word before (a sentence break for the first word).
        var breakBefore: Break
        /// Whether it ends in `'s` or `s'` (a possessive, or a contraction of "is").
        var isPossessive: Bool
        /// Whether its first letter is a capital, as written.
        var isCapitalized: Bool

        /// Whether a break separates it from the word before (true for the first word).
        var isAfterBreak: Bool { breakBefore != .none }
    }

    /// The words so far.
    private(set) var tokens: [Token] = []
    private var pendingBreak = Break.sentence
    /// Whether an HTML comment opened on an earlier line of the paragraph is still open.
    private var inComment = false
    private var keyBuffer: [UInt8] = []

    /// Starts a new run of prose: no phrase spans what came before.
    mutating func reset() {
        tokens.removeAll(keepingCapacity: true)
        pendingBreak = .sentence
        inComment = false
    }

    /// Adds one line of prose (a paragraph line, a heading, a table cell); lines added one after the
    /// other continue the same run, so a phrase may wrap.
    mutating func append(_ line: TextLine) {
        let bytes = line.utf8
        let skipped = skippedRanges(bytes, line: line.position.line, column: line.position.column)
        scan(bytes, skipped: skipped, position: line.position)
    }

    /// The ranges of `bytes` that are not prose: code spans, HTML comments (also ones spanning
    /// lines) and double-quoted text, in order.
    private mutating func skippedRanges(_ bytes: [UInt8], line: Int, column: Int) -> [Range<Int>] {
        var skipped: [Range<Int>] = []
        var start = 0
        if inComment {
            guard let close = SourceByte.find(commentClose, in: bytes, from: 0) else {
                return [0..<bytes.count]
            }
            inComment = false
            start = close + commentClose.count
            skipped.append(0..<start)
        }
        guard start < bytes.count else { return skipped }
        var textRanges: [Range<Int>] = []
        // Most lines have no inline syntax at all: no need to split them.
        if !bytes[start...].contains(where: { $0 == SourceByte.backtick || $0 == SourceByte.lessThan }) {
            textRanges.append(start..<bytes.count)
            skipped.append(contentsOf: BlamelessTokenizer.quotedRanges(bytes, in: textRanges))
            return skipped
        }
        let segments = InlineSegment.split(bytes: Array(bytes[start...]), line: line, column: start + 1)
        for segment in segments {
            let range = (segment.range.start.column - 1)..<(segment.range.end.column - 1)
            if segment.kind != .text {
                skipped.append(range)
                // An HTML comment that does not close on this line: the paragraph is comment up to its `-->`.
                if segment.kind == .comment && !segment.isClosed { inComment = true }
            } else if let open = SourceByte.find(commentOpen, in: bytes, from: range.lowerBound), open < range.upperBound {
                // An HTML comment that does not close on this line: the rest of the line, and of the
                // paragraph up to its `-->`, is not prose.
                textRanges.append(range.lowerBound..<open)
                skipped.append(open..<bytes.count)
                inComment = true
                break
            } else {
                textRanges.append(range)
            }
        }
        skipped.append(contentsOf: BlamelessTokenizer.quotedRanges(bytes, in: textRanges))
        return skipped.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The double-quoted runs of text, quotes included: `"…"` paired in order, and `“…”`. An
    /// unpaired quote quotes nothing.
    static func quotedRanges(_ bytes: [UInt8], in textRanges: [Range<Int>]) -> [Range<Int>] {
        var quoted: [Range<Int>] = []
        var straightOpen: Int?
        var curlyOpen: Int?
        for range in textRanges {
            var index = range.lowerBound
            while index < range.upperBound {
                let byte = bytes[index]
                if byte == SourceByte.doubleQuote {
                    if let open = straightOpen {
                        quoted.append(open..<(index + 1))
                        straightOpen = nil
                    } else {
                        straightOpen = index
                    }
                } else if byte == 0xE2 && index + 2 < range.upperBound && bytes[index + 1] == 0x80 {
                    if bytes[index + 2] == 0x9C {
                        if curlyOpen == nil { curlyOpen = index }
                    } else if bytes[index + 2] == 0x9D, let open = curlyOpen {
                        quoted.append(open..<(index + 3))
                        curlyOpen = nil
                    }
                }
                index += 1
            }
        }
        return quoted
    }

    /// Splits `bytes` into tokens, leaving out `skipped` (sorted ranges).
    private mutating func scan(_ bytes: [UInt8], skipped: [Range<Int>], position: SourcePosition) {
        let count = bytes.count
        var skipIndex = 0
        var index = 0
        func nextSkip(after offset: Int) -> Int {
            while skipIndex < skipped.count && skipped[skipIndex].upperBound <= offset { skipIndex += 1 }
            return skipIndex < skipped.count ? skipped[skipIndex].lowerBound : count
        }
        while index < count {
            let limit = nextSkip(after: index)
            if index >= limit {
                pendingBreak = max(pendingBreak, .clause)
                index = max(index + 1, skipped[skipIndex].upperBound)
                continue
            }
            let (scalar, width) = BlamelessTokenizer.decode(bytes, at: index)
            if BlamelessTokenizer.isWordCharacter(scalar)
                || (scalar == "@" && index + 1 < limit && startsWord(bytes, at: index + 1))
            {
                index = readWord(bytes, from: index, limit: limit, position: position)
                continue
            }
            switch scalar {
            case " ", "\t", "*", "_", "~":
                break
            case ".", "!", "?", ";", ":":
                pendingBreak = .sentence
            default:
                pendingBreak = max(pendingBreak, .clause)
            }
            index += width
        }
    }

    private func startsWord(_ bytes: [UInt8], at index: Int) -> Bool {
        BlamelessTokenizer.isWordCharacter(BlamelessTokenizer.decode(bytes, at: index).scalar)
    }

    /// Reads the word starting at `start` and returns the offset just past it.
    private mutating func readWord(_ bytes: [UInt8], from start: Int, limit: Int, position: SourcePosition) -> Int {
        keyBuffer.removeAll(keepingCapacity: true)
        var isASCII = true
        var index = start
        if bytes[index] == SourceByte.at {
            keyBuffer.append(SourceByte.at)
            index += 1
        }
        while index < limit {
            let byte = bytes[index]
            if byte < 0x80 {
                if SourceByte.isAlphanumeric(byte) {
                    keyBuffer.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                    index += 1
                    continue
                }
                if (byte == SourceByte.singleQuote || byte == SourceByte.dash || byte == SourceByte.dot
                    || byte == SourceByte.slash || byte == SourceByte.underscore) && index + 1 < limit
                    && startsWord(bytes, at: index + 1)
                {
                    keyBuffer.append(byte)
                    index += 1
                    continue
                }
                break
            }
            let (scalar, width) = BlamelessTokenizer.decode(bytes, at: index)
            if BlamelessTokenizer.isApostrophe(scalar) {
                guard index + width < limit && startsWord(bytes, at: index + width) else { break }
                keyBuffer.append(SourceByte.singleQuote)
                index += width
                continue
            }
            guard BlamelessTokenizer.isWordCharacter(scalar) else { break }
            isASCII = false
            keyBuffer.append(contentsOf: bytes[index..<(index + width)])
            index += width
        }
        var key = SourceByte.string(keyBuffer)
        if !isASCII { key = key.lowercased() }
        let keyCount = keyBuffer.count
        var isPossessive =
            keyCount > 2 && keyBuffer[keyCount - 2] == SourceByte.singleQuote
            && (keyBuffer[keyCount - 1] == 0x73 || keyBuffer[keyCount - 1] == 0x53)
        // A plural possessive: the apostrophe after the s ("the engineers' review", "users’ errors").
        if index < limit, keyCount > 1, keyBuffer[keyCount - 1] == 0x73 {
            let (next, width) = BlamelessTokenizer.decode(bytes, at: index)
            if next == "'" || BlamelessTokenizer.isApostrophe(next) {
                key += "'"
                index += width
                isPossessive = true
            }
        }
        let first = BlamelessTokenizer.decode(bytes, at: bytes[start] == SourceByte.at ? start + 1 : start).scalar
        tokens.append(
            Token(
                key: key, text: SourceByte.string(bytes[start..<index]),
                start: SourcePosition(line: position.line, column: position.column + start),
                end: SourcePosition(line: position.line, column: position.column + index), breakBefore: pendingBreak,
                isPossessive: isPossessive, isCapitalized: first.properties.isUppercase))
        pendingBreak = .none
        return index
    }

    /// The scalar at `index` and its width in bytes; invalid UTF-8 reads as U+FFFD, one byte wide.
    static func decode(_ bytes: [UInt8], at index: Int) -> (scalar: Unicode.Scalar, width: Int) {
        let (scalar, length) = UTF8Scalar.decode(bytes, at: index)
        return (scalar ?? replacement, length)
    }

    /// Whether `scalar` is part of a word: a letter, a combining mark or a digit, in any script
    /// (apostrophes, U+02BC included, only join letters).
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if isApostrophe(scalar) { return false }
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Whether `scalar` is a typographic apostrophe (`’`, `‘`, `ʼ`).
    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}"
    }

    /// The words of `text` as keys, the way phrases from `.pmconfig` are read.
    static func keys(of text: String) -> [String] {
        var tokenizer = BlamelessTokenizer()
        tokenizer.scan(Array(text.utf8), skipped: [], position: SourcePosition(line: 1, column: 1))
        return tokenizer.tokens.map(\.key)
    }
}

private let replacement: Unicode.Scalar = "\u{FFFD}"
private let commentOpen: [UInt8] = Array("<!--".utf8)
private let commentClose: [UInt8] = Array("-->".utf8)
