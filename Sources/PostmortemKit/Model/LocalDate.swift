import Foundation

/// A calendar date without a time or zone, written `YYYY-MM-DD`.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    let year: Int
    let month: Int
    let day: Int

    /// A valid date, or nil (for example for February 30).
    init?(year: Int, month: Int, day: Int) {
        guard year >= 1 && year <= 9999, month >= 1 && month <= 12,
            day >= 1 && day <= LocalDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else or an impossible date.
    init?(iso text: String) {
        guard case .success(let date) = LocalDate.parse(text) else { return nil }
        self = date
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else or an impossible date.
    init?(_ text: String) {
        self.init(iso: text)
    }

    /// The calendar date of `date` in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        // Clamped to years 0001–9999 so that no Date (even one from a hostile commit) can overflow `Int`.
        let instant = Int(min(max(floor(date.timeIntervalSince1970), -62_135_596_800), 253_402_300_799))
        let seconds = instant + timeZone.secondsFromGMT(for: date)
        let days = Int(floor(Double(seconds) / 86_400))
        self.init(daysSinceEpoch: days)
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Today in `timeZone`.
    public static func today(in timeZone: TimeZone) -> LocalDate {
        LocalDate(Date(), in: timeZone)
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Midnight at the start of this date in `timeZone`.
    func startOfDay(in timeZone: TimeZone) -> Date {
        Timestamp.date(date: self, hour: 0, minute: 0, second: 0, offset: nil, timeZone: timeZone)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        // Digit by digit: pm prints tens of thousands of dates in one table.
        guard (0...9999).contains(year) else {
            return LocalDate.pad(year, 4) + "-" + LocalDate.pad(month, 2) + "-" + LocalDate.pad(day, 2)
        }
        func digit(_ value: Int) -> UInt8 { UInt8(truncatingIfNeeded: 0x30 + value % 10) }
        let bytes: [UInt8] = [
            digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), 0x2D, digit(month / 10), digit(month), 0x2D,
            digit(day / 10), digit(day),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Parses `YYYY-MM-DD`, or says what is wrong (for example "February 2026 has 28 days").
    public static func parse(_ text: String) -> Result<LocalDate, DateProblem> {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == SourceByte.dash, bytes[7] == SourceByte.dash,
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10])
        else { return .failure(DateProblem(reason: "expected YYYY-MM-DD", isFormat: true)) }
        guard month >= 1 && month <= 12 else {
            return .failure(DateProblem(reason: "there is no month \(month)"))
        }
        let days = daysInMonth(year: year, month: month)
        guard day >= 1 && day <= days else {
            if day == 0 { return .failure(DateProblem(reason: "there is no day 0")) }
            return .failure(DateProblem(reason: "\(monthNames[month - 1]) \(year) has \(days) days"))
        }
        guard year >= 1, let date = LocalDate(year: year, month: month, day: day) else {
            return .failure(DateProblem(reason: "there is no year \(year)"))
        }
        return .success(date)
    }

    /// Why a text is not a valid date.
    public struct DateProblem: Error, Hashable, Sendable {
        /// For example "February 2026 has 28 days" or "expected YYYY-MM-DD".
        public var reason: String
        /// Whether the text is not shaped like the expected format at all.
        public var isFormat: Bool = false

        /// `prefix: reason; advice`, leaving out the reason when it only repeats the advice.
        public func message(_ prefix: String, advice: String) -> String {
            isFormat ? "\(prefix): \(advice)" : "\(prefix): \(reason); \(advice)"
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The value of an all-digit byte run.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard SourceByte.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid date '\(text)'; expected YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
