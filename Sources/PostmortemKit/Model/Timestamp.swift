import Foundation

/// Parses and formats the ISO 8601 timestamps of front matter and timelines.
public enum Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]]` (or a space instead of `T`) with an optional zone:
    /// `Z`, `±HH:MM`, `±HHMM`, `±HH` or ` UTC`. Without a zone the time is read in `timeZone`.
    static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        try? parseWithReason(text, timeZone: timeZone).get()  // nil is the answer for text that is not a timestamp
    }

    /// Like `parse`, but says what is wrong when the text is not a timestamp.
    static func parseWithReason(_ text: String, timeZone: TimeZone) -> Result<Date, LocalDate.DateProblem> {
        let bytes = Array(text.utf8)
        let expected = LocalDate.DateProblem(reason: "expected YYYY-MM-DDTHH:MM:SS with Z or ±HH:MM", isFormat: true)
        guard bytes.count >= 16 else { return .failure(expected) }
        let date: LocalDate
        switch LocalDate.parse(SourceByte.string(bytes[0..<10])) {
        case .success(let value): date = value
        case .failure(let problem):
            if problem.isFormat { return .failure(expected) }
            return .failure(problem)
        }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == SourceByte.space else {
            return .failure(expected)
        }
        guard let clock = Clock.scan(bytes, from: 11), clock.hourDigits == 2 else { return .failure(expected) }
        if let problem = clock.problem { return .failure(LocalDate.DateProblem(reason: problem)) }
        var index = clock.end
        if index < bytes.count && bytes[index] == SourceByte.dot {
            index += 1
            let start = index
            while index < bytes.count && SourceByte.isDigit(bytes[index]) { index += 1 }
            guard index > start else { return .failure(expected) }
        }
        let fraction = clock.end < index ? Double("0" + SourceByte.string(bytes[clock.end..<index])) ?? 0 : 0
        var offset: Int?
        if index < bytes.count {
            guard let zone = Zone.scan(bytes, from: index, allowSpace: true, allowShortOffset: true),
                zone.end == bytes.count
            else { return .failure(expected) }
            if let problem = zone.problem { return .failure(LocalDate.DateProblem(reason: problem)) }
            offset = zone.offset
        }
        if offset == nil,
            let problem = Timestamp.nonexistentLocalTime(
                date: date, hour: clock.hour, minute: clock.minute, second: clock.second, timeZone: timeZone)
        {
            return .failure(LocalDate.DateProblem(reason: problem))
        }
        let result = Timestamp.date(
            date: date, hour: clock.hour, minute: clock.minute, second: clock.second, offset: offset,
            timeZone: timeZone)
        return .success(result.addingTimeInterval(fraction))
    }

    /// `2026-11-20T14:02:00Z`: the instant in UTC, to the second.
    public static func iso8601(_ date: Date) -> String {
        // Clamped to years 0001–9999 so that no Date (even one from a hostile commit) can overflow `Int`.
        let seconds = Int(min(max(floor(date.timeIntervalSince1970), -62_135_596_800), 253_402_300_799))
        let days = Int(floor(Double(seconds) / 86_400))
        let day = LocalDate(daysSinceEpoch: days)
        let secondOfDay = seconds - days * 86_400
        return day.description + "T" + LocalDate.pad(secondOfDay / 3600, 2) + ":"
            + LocalDate.pad(secondOfDay % 3600 / 60, 2) + ":" + LocalDate.pad(secondOfDay % 60, 2) + "Z"
    }

    /// The instant of a wall-clock time: at `offset` seconds east of UTC, or in `timeZone`.
    ///
    /// A time the clocks pass twice (the hour repeated when summer time ends) is read as its first occurrence,
    /// at the offset before the change, as ISO 8601 tools commonly do (Python's `fold=0`, java.time); write an
    /// offset to mean the second. A time the clocks skip has no instant: the parsers report it with
    /// `nonexistentLocalTime` before asking, and get the instant one gap later here.
    static func date(
        date: LocalDate, hour: Int, minute: Int, second: Int, offset: Int?, timeZone: TimeZone
    ) -> Date {
        let local = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
        if let offset { return Date(timeIntervalSince1970: TimeInterval(local - offset)) }
        if let first = instants(local: local, timeZone: timeZone).first {
            return Date(timeIntervalSince1970: TimeInterval(first))
        }
        let first = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
        let second = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - first)))
        return Date(timeIntervalSince1970: TimeInterval(local - second))
    }

    /// Why a wall-clock time without an offset names no instant in `timeZone` (the clocks skip it when summer time
    /// starts), or nil when it exists.
    static func nonexistentLocalTime(date: LocalDate, hour: Int, minute: Int, second: Int, timeZone: TimeZone)
        -> String?
    {
        let local = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
        guard instants(local: local, timeZone: timeZone).isEmpty else { return nil }
        let before = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - 86_400)))
        let after = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local + 86_400)))
        func clock(_ seconds: Int) -> String {
            let time = ((seconds % 86_400) + 86_400) % 86_400
            return LocalDate.pad(time / 3600, 2) + ":" + LocalDate.pad(time % 3600 / 60, 2)
                + (time % 60 == 0 ? "" : ":" + LocalDate.pad(time % 60, 2))
        }
        let written = clock(local)
        return "the local time \(date) \(written) does not exist in \(timeZone.identifier): the clocks skip it that day, "
            + "going from \(offsetText(before)) to \(offsetText(after)); write the offset (\(written)\(offsetText(before))) "
            + "or the time the clocks showed (\(clock(local + after - before)))"
    }

    /// The UTC instants (seconds since 1970) at which the clocks of `timeZone` read `local` (seconds since 1970 as
    /// if in UTC), earliest first: one, two in a repeated hour, none in a skipped one.
    static func instants(local: Int, timeZone: TimeZone) -> [Int] {
        var offsets: Set<Int> = []
        for probe in [local - 86_400, local, local + 86_400] {
            offsets.insert(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe))))
        }
        return offsets.map { local - $0 }.filter { instant in
            timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) == local - instant
        }.sorted()
    }

    /// `+01:00` for 3600 seconds east of UTC.
    static func offsetText(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        return (seconds < 0 ? "-" : "+") + LocalDate.pad(magnitude / 3600, 2) + ":" + LocalDate.pad(magnitude % 3600 / 60, 2)
    }

    /// A wall-clock time `H:MM` or `HH:MM[:SS]` read from bytes.
    struct Clock {
        var hour: Int
        var minute: Int
        var second: Int
        var hourDigits: Int
        var start: Int
        var end: Int

        /// What makes the time impossible, if anything.
        var problem: String? {
            if hour > 23 { return "hour \(hour) does not exist (hours run 00–23)" }
            if minute > 59 { return "minute \(minute) does not exist (minutes run 00–59)" }
            if second > 59 { return "second \(second) does not exist (seconds run 00–59)" }
            return nil
        }

        static func scan(_ bytes: [UInt8], from start: Int) -> Clock? {
            var index = start
            while index < bytes.count && SourceByte.isDigit(bytes[index]) && index - start < 3 { index += 1 }
            let hourDigits = index - start
            guard hourDigits == 1 || hourDigits == 2, index + 2 < bytes.count, bytes[index] == SourceByte.colon,
                SourceByte.isDigit(bytes[index + 1]), SourceByte.isDigit(bytes[index + 2]),
                let hour = LocalDate.number(bytes[start..<index]),
                let minute = LocalDate.number(bytes[(index + 1)..<(index + 3)])
            else { return nil }
            index += 3
            if index < bytes.count && SourceByte.isDigit(bytes[index]) { return nil }
            var second = 0
            if index + 2 < bytes.count && bytes[index] == SourceByte.colon && SourceByte.isDigit(bytes[index + 1])
                && SourceByte.isDigit(bytes[index + 2])
            {
                second = LocalDate.number(bytes[(index + 1)..<(index + 3)]) ?? 0
                index += 3
                if index < bytes.count && SourceByte.isDigit(bytes[index]) { return nil }
            }
            return Clock(
                hour: hour, minute: minute, second: second, hourDigits: hourDigits, start: start, end: index)
        }
    }

    /// A zone designator read from bytes: `Z`, `UTC`, `GMT` or a numeric offset.
    struct Zone {
        var offset: Int
        var end: Int
        var problem: String?

        /// Reads a zone at `start`. `allowSpace` lets a space come first; `allowShortOffset`
        /// accepts `±HH` (otherwise a spaced offset needs minutes, so `- 5 pods` is not a zone).
        static func scan(_ bytes: [UInt8], from start: Int, allowSpace: Bool, allowShortOffset: Bool) -> Zone? {
            var index = start
            var spaced = false
            if allowSpace && index < bytes.count && bytes[index] == SourceByte.space {
                index += 1
                spaced = true
            }
            guard index < bytes.count else { return nil }
            func endsWord(_ position: Int) -> Bool {
                position >= bytes.count || !SourceByte.isAlphanumeric(bytes[position])
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z"), endsWord(index + 1) {
                return Zone(offset: 0, end: index + 1)
            }
            for name in ["UTC", "GMT"] {
                let utf8 = Array(name.utf8)
                if index + 3 <= bytes.count && Array(bytes[index..<(index + 3)]) == utf8 && endsWord(index + 3) {
                    return Zone(offset: 0, end: index + 3)
                }
            }
            guard byte == SourceByte.plus || byte == SourceByte.dash else { return nil }
            let sign = byte == SourceByte.plus ? 1 : -1
            var cursor = index + 1
            guard cursor + 2 <= bytes.count,
                SourceByte.isDigit(bytes[cursor]), SourceByte.isDigit(bytes[cursor + 1]),
                let hours = LocalDate.number(bytes[cursor..<(cursor + 2)])
            else { return nil }
            cursor += 2
            var minutes = 0
            var hasMinutes = false
            if cursor + 2 < bytes.count && bytes[cursor] == SourceByte.colon && SourceByte.isDigit(bytes[cursor + 1])
                && SourceByte.isDigit(bytes[cursor + 2])
            {
                minutes = LocalDate.number(bytes[(cursor + 1)..<(cursor + 3)]) ?? 0
                cursor += 3
                hasMinutes = true
            } else if cursor + 1 < bytes.count && SourceByte.isDigit(bytes[cursor]) && SourceByte.isDigit(bytes[cursor + 1]) {
                minutes = LocalDate.number(bytes[cursor..<(cursor + 2)]) ?? 0
                cursor += 2
                hasMinutes = true
            }
            if cursor < bytes.count && SourceByte.isDigit(bytes[cursor]) { return nil }
            if !hasMinutes && (spaced || !allowShortOffset) { return nil }
            var problem: String?
            if hours > 14 || minutes > 59 {
                problem = "the zone offset \(SourceByte.string(bytes[index..<cursor])) does not exist"
            }
            return Zone(offset: sign * (hours * 3600 + minutes * 60), end: cursor, problem: problem)
        }
    }
}
