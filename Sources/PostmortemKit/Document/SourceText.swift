/// The raw text of a document: lines, plus how it was encoded so a rewrite can preserve it.
public struct SourceText: Sendable {
    /// How one line ended in the original bytes.
    enum LineTerminator: Sendable, Hashable {
        case none
        case lineFeed
        case carriageReturnLineFeed

        var bytes: [UInt8] {
            switch self {
            case .none: return []
            case .lineFeed: return [SourceByte.lineFeed]
            case .carriageReturnLineFeed: return [SourceByte.carriageReturn, SourceByte.lineFeed]
            }
        }
    }

    /// The most invalid-UTF-8 lines reported one by one before they are summed up.
    static let maximumReportedEncodingErrors = 10

    /// Whether the text starts with a UTF-8 byte-order mark.
    var hasBOM: Bool
    /// Whether lines end with CR LF (decided by the first line ending).
    var usesCRLF: Bool
    /// Whether the last line ends with a line terminator.
    var endsWithNewline: Bool
    /// The lines without their terminators. Invalid UTF-8 is decoded leniently (U+FFFD);
    /// positions everywhere still count the original bytes.
    var lines: [String]
    /// Invalid UTF-8 (the first bad byte of each line) and NUL bytes (binary files).
    var encodingErrors: [DocumentError]
    /// Whether the text contains a NUL byte, which makes it a binary file.
    private(set) var isBinary: Bool

    /// The original bytes, byte-order mark included.
    let bytes: [UInt8]
    /// For each line, the range of its content (no terminator) in `bytes`.
    let lineRanges: [Range<Int>]
    /// For each line, how it ended.
    let lineTerminators: [LineTerminator]
    /// Whether some lines end with LF and others with CR LF.
    let hasMixedLineEndings: Bool

    /// Reads `bytes`; never fails, whatever they hold.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var start = 0
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if bom { start = 3 }
        hasBOM = bom

        var ranges: [Range<Int>] = []
        var terminators: [LineTerminator] = []
        var lineStart = start
        var index = start
        let count = bytes.count
        while index < count {
            if bytes[index] == SourceByte.lineFeed {
                if index > lineStart && bytes[index - 1] == SourceByte.carriageReturn {
                    ranges.append(lineStart..<(index - 1))
                    terminators.append(.carriageReturnLineFeed)
                } else {
                    ranges.append(lineStart..<index)
                    terminators.append(.lineFeed)
                }
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < count {
            ranges.append(lineStart..<count)
            terminators.append(.none)
            endsWithNewline = false
        } else {
            endsWithNewline = !ranges.isEmpty
        }
        lineRanges = ranges
        lineTerminators = terminators
        let firstTerminator = terminators.first { $0 != .none }
        usesCRLF = firstTerminator == .carriageReturnLineFeed
        hasMixedLineEndings =
            terminators.contains(.lineFeed) && terminators.contains(.carriageReturnLineFeed)

        var decoded: [String] = []
        decoded.reserveCapacity(ranges.count)
        var errors: [DocumentError] = []
        var invalidLines = 0
        var binary = false
        // Most files are ASCII without a NUL: one pass over their words says so, and spares two per line.
        let isPlainASCII = SourceText.isPlainASCII(bytes)
        for (offset, range) in ranges.enumerated() {
            let lineNumber = offset + 1
            let slice = bytes[range]
            decoded.append(SourceByte.string(slice))
            if isPlainASCII { continue }
            if !binary, let nul = slice.firstIndex(of: 0) {
                binary = true
                errors.append(
                    DocumentError(
                        "binary file: NUL byte found; pm reads UTF-8 text files only",
                        line: lineNumber, column: nul - range.lowerBound + 1))
            }
            if let bad = SourceText.firstInvalidUTF8Byte(in: bytes, range: range) {
                invalidLines += 1
                if invalidLines <= SourceText.maximumReportedEncodingErrors {
                    let value = String(bytes[bad], radix: 16, uppercase: true)
                    errors.append(
                        DocumentError(
                            "invalid UTF-8 (byte 0x\(value.count < 2 ? "0" + value : value)); save the file as UTF-8",
                            line: lineNumber, column: bad - range.lowerBound + 1))
                } else if invalidLines == SourceText.maximumReportedEncodingErrors + 1 {
                    errors.append(
                        DocumentError(
                            "more lines with invalid UTF-8 from here on; save the file as UTF-8",
                            line: lineNumber, column: bad - range.lowerBound + 1))
                }
            }
        }
        lines = decoded
        encodingErrors = errors
        isBinary = binary
    }

    /// Reads a Swift string (always valid UTF-8).
    init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// The number of lines.
    var lineCount: Int { lineRanges.count }

    /// The bytes of line `lineNumber` (1-based), without its terminator; empty when out of range.
    func lineBytes(_ lineNumber: Int) -> ArraySlice<UInt8> {
        guard lineNumber >= 1 && lineNumber <= lineRanges.count else { return [] }
        return bytes[lineRanges[lineNumber - 1]]
    }

    /// The offset in `bytes` of `position`, when it lies on a line (the column may be one past
    /// the end of the line).
    func byteOffset(of position: SourcePosition) -> Int? {
        guard position.line >= 1 && position.line <= lineRanges.count else { return nil }
        let range = lineRanges[position.line - 1]
        let offset = range.lowerBound + position.column - 1
        guard position.column >= 1 && offset <= range.upperBound else { return nil }
        return offset
    }

    /// The line ending used for lines that had none of their own.
    var defaultTerminator: LineTerminator {
        usesCRLF ? .carriageReturnLineFeed : .lineFeed
    }

    /// The terminator written after line `index` (0-based) in a rewrite of `count` lines.
    func terminator(forLine index: Int, of count: Int) -> LineTerminator {
        if index == count - 1 && !endsWithNewline && !lineRanges.isEmpty { return .none }
        if hasMixedLineEndings && index < lineTerminators.count && lineTerminators[index] != .none {
            return lineTerminators[index]
        }
        return defaultTerminator
    }

    /// Encodes `replacingLines` with the same byte-order mark, line endings and final-newline
    /// choice as this text.
    func bytes(replacingLines newLines: [String]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        if hasBOM { result.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        for (index, line) in newLines.enumerated() {
            result.append(contentsOf: line.utf8)
            result.append(contentsOf: terminator(forLine: index, of: newLines.count).bytes)
        }
        return result
    }

    /// The offset of the first byte in `range` that is not part of a valid UTF-8 sequence.
    /// True when every byte is ASCII and none is NUL, checked eight at a time.
    static func isPlainASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            var index = 0
            while index + 8 <= buffer.count {
                let word = buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // A high bit set, or a zero byte (the classic test: a byte that borrows when one is subtracted).
                if word & highs != 0 || (word &- ones) & ~word & highs != 0 { return false }
                index += 8
            }
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0 || byte >= 0x80 { return false }
                index += 1
            }
            return true
        }
    }

    static func firstInvalidUTF8Byte(in bytes: [UInt8], range: Range<Int>) -> Int? {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= end else { return index }
            let second = bytes[index + 1]
            guard second >= lower && second <= upper else { return index }
            var continuation = 2
            while continuation < length {
                let byte = bytes[index + continuation]
                guard byte >= 0x80 && byte <= 0xBF else { return index }
                continuation += 1
            }
            index += length
        }
        return nil
    }
}
