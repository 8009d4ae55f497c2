import Foundation

/// Reads timeline entries from the blocks of the Timeline section.
struct TimelineParser {
    let frontMatterDate: LocalDate?
    let timeZone: TimeZone
    var entries: [TimelineEntry] = []
    var errors: [DocumentError] = []
    private var currentDate: LocalDate?

    init(frontMatterDate: LocalDate?, timeZone: TimeZone) {
        self.frontMatterDate = frontMatterDate
        self.timeZone = timeZone
    }

    mutating func read(_ blocks: [Block]) {
        for block in blocks {
            switch block.kind {
            case .list:
                for item in block.children {
                    let lines = item.children.first?.paragraphLines ?? []
                    let text =
                        lines.isEmpty
                        ? PositionedText(text: "", position: item.range.end)
                        : PositionedText(lines: lines)
                    add(text, position: item.range.start, range: item.range)
                }
            case .table(let table):
                for row in table.rows {
                    var lines: [TextLine] = []
                    if let first = row.cells.first, !first.text.isEmpty {
                        lines.append(TextLine(text: first.text, position: first.range.start))
                    }
                    let rest = row.cells.dropFirst().filter { !$0.text.isEmpty }
                    if let head = rest.first {
                        lines.append(
                            TextLine(text: rest.map(\.text).joined(separator: " | "), position: head.range.start))
                    }
                    let text =
                        lines.isEmpty
                        ? PositionedText(text: "", position: row.range.start)
                        : PositionedText(lines: lines)
                    add(text, position: row.range.start, range: row.range)
                }
            default:
                continue
            }
        }
    }

    /// A time found at the start of an entry.
    struct TimeMatch {
        var timeStart: Int
        var timeEnd: Int
        var textStart: Int
        var dateText: String?
        var clock: Timestamp.Clock
        var offset: Int?
        var zoneProblem: String?
    }

    /// Finds `[**|`]` `[YYYY-MM-DD[ T]]H:MM[:SS][ zone]` `[**|`]` at the start of `bytes`.
    static func timeAtStart(_ bytes: [UInt8]) -> TimeMatch? {
        var index = 0
        while index < bytes.count && SourceByte.isSpaceOrTab(bytes[index]) { index += 1 }
        var wrapper: [UInt8] = []
        if index + 1 < bytes.count && bytes[index] == SourceByte.asterisk && bytes[index + 1] == SourceByte.asterisk {
            wrapper = [SourceByte.asterisk, SourceByte.asterisk]
        } else if index < bytes.count && bytes[index] == SourceByte.backtick {
            wrapper = [SourceByte.backtick]
        }
        index += wrapper.count
        let timeStart = index
        var dateText: String?
        if index + 11 < bytes.count, bytes[index + 4] == SourceByte.dash, bytes[index + 7] == SourceByte.dash,
            bytes[index + 10] == SourceByte.space || bytes[index + 10] == UInt8(ascii: "T"),
            LocalDate.number(bytes[index..<(index + 4)]) != nil,
            LocalDate.number(bytes[(index + 5)..<(index + 7)]) != nil,
            LocalDate.number(bytes[(index + 8)..<(index + 10)]) != nil
        {
            dateText = SourceByte.string(bytes[index..<(index + 10)])
            index += 11
        }
        guard let clock = Timestamp.Clock.scan(bytes, from: index) else { return nil }
        index = clock.end
        var offset: Int?
        var zoneProblem: String?
        if let zone = Timestamp.Zone.scan(bytes, from: index, allowSpace: true, allowShortOffset: false) {
            offset = zone.offset
            zoneProblem = zone.problem
            index = zone.end
        }
        let timeEnd = index
        if !wrapper.isEmpty && index + wrapper.count <= bytes.count
            && Array(bytes[index..<(index + wrapper.count)]) == wrapper
        {
            index += wrapper.count
        }
        if index < bytes.count && (SourceByte.isAlphanumeric(bytes[index]) || bytes[index] == SourceByte.colon) {
            if !(bytes[index] == SourceByte.colon && (index + 1 == bytes.count || SourceByte.isSpaceOrTab(bytes[index + 1]))) {
                return nil
            }
        }
        // An optional separator: —, –, -, :, | followed by a space.
        var textStart = index
        while textStart < bytes.count && SourceByte.isSpaceOrTab(bytes[textStart]) { textStart += 1 }
        let separators: [[UInt8]] = [
            [0xE2, 0x80, 0x94], [0xE2, 0x80, 0x93], [SourceByte.dash], [SourceByte.colon], [SourceByte.pipe],
        ]
        for separator in separators {
            let end = textStart + separator.count
            if end <= bytes.count && Array(bytes[textStart..<end]) == separator
                && (end == bytes.count || SourceByte.isSpaceOrTab(bytes[end]))
            {
                textStart = end
                while textStart < bytes.count && SourceByte.isSpaceOrTab(bytes[textStart]) { textStart += 1 }
                break
            }
        }
        return TimeMatch(
            timeStart: timeStart, timeEnd: timeEnd, textStart: textStart, dateText: dateText, clock: clock,
            offset: offset, zoneProblem: zoneProblem)
    }

    mutating func add(_ text: PositionedText, position: SourcePosition, range: SourceRange) {
        let bytes = text.bytes
        guard let match = TimelineParser.timeAtStart(bytes) else {
            let trimmed = text.trimmed(0..<bytes.count)
            entries.append(
                TimelineEntry(
                    position: position, range: range, beginsWithTime: false, timeText: "", timeRange: nil,
                    hasExplicitDate: false, date: currentDate ?? frontMatterDate, timestamp: nil,
                    text: text.string(trimmed), textPosition: text.position(at: trimmed.lowerBound)))
            return
        }
        let timeText = text.string(match.timeStart..<match.timeEnd)
        let timePosition = text.position(at: match.timeStart)
        var valid = true
        var entryDate: LocalDate?
        if let dateText = match.dateText {
            switch LocalDate.parse(dateText) {
            case .success(let date):
                entryDate = date
                currentDate = date
            case .failure(let problem):
                valid = false
                errors.append(
                    DocumentError(
                        problem.message("invalid date '\(dateText)' in the timeline", advice: "write it as YYYY-MM-DD"),
                        at: timePosition))
            }
        } else {
            entryDate = currentDate ?? frontMatterDate
        }
        if valid, let problem = match.clock.problem ?? match.zoneProblem {
            valid = false
            errors.append(
                DocumentError(
                    "impossible time '\(timeText)' in the timeline: \(problem)", at: timePosition))
        }
        if valid, let entryDate, match.offset == nil,
            let problem = Timestamp.nonexistentLocalTime(
                date: entryDate, hour: match.clock.hour, minute: match.clock.minute, second: match.clock.second,
                timeZone: timeZone)
        {
            valid = false
            errors.append(DocumentError("impossible time '\(timeText)' in the timeline: \(problem)", at: timePosition))
        }
        var timestamp: Date?
        if valid, let entryDate {
            timestamp = Timestamp.date(
                date: entryDate, hour: match.clock.hour, minute: match.clock.minute, second: match.clock.second,
                offset: match.offset, timeZone: timeZone)
        }
        let rest = text.trimmed(match.textStart..<bytes.count)
        entries.append(
            TimelineEntry(
                position: position, range: range, beginsWithTime: true, timeText: timeText,
                timeRange: text.sourceRange(match.timeStart..<match.timeEnd), hasExplicitDate: match.dateText != nil,
                date: entryDate, timestamp: timestamp, text: text.string(rest),
                textPosition: text.position(at: rest.lowerBound)))
    }
}
