/// A moment in UTC to the minute, with the text forms a postmortem writes it in.
struct UTCMinute: Comparable {
    /// Minutes since 1970-01-01T00:00Z.
    var minutes: Int

    static let minutesPerDay = 1_440

    /// 2020-01-01T00:00Z, where generated histories begin.
    static let historyStart = UTCMinute(minutes: 26_297_280)

    static func < (left: UTCMinute, right: UTCMinute) -> Bool { left.minutes < right.minutes }

    /// This moment moved by `minutes` (negative moves it earlier).
    func adding(minutes offset: Int) -> UTCMinute { UTCMinute(minutes: minutes + offset) }

    /// Seconds since 1970-01-01T00:00Z, as git's raw date format wants.
    var secondsSinceEpoch: Int { minutes * 60 }

    /// Days since 1970-01-01: equal for two moments on the same UTC day.
    var day: Int { minutes / Self.minutesPerDay }

    /// The year, as in `postmortems/<year>/`.
    var year: Int { civilDate.year }

    /// `YYYY-MM-DD`.
    var dateText: String {
        let date = civilDate
        return "\(date.year)-\(Self.twoDigits(date.month))-\(Self.twoDigits(date.day))"
    }

    /// `HH:MM`.
    var clockText: String {
        let minuteOfDay = minutes % Self.minutesPerDay
        return "\(Self.twoDigits(minuteOfDay / 60)):\(Self.twoDigits(minuteOfDay % 60))"
    }

    /// `YYYY-MM-DDTHH:MM:00Z`, the front matter's timestamps.
    var timestampText: String { "\(dateText)T\(clockText):00Z" }

    /// The proleptic Gregorian date of this moment (Howard Hinnant's civil-from-days algorithm, for days ≥ 0).
    private var civilDate: (year: Int, month: Int, day: Int) {
        let shifted = day + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
