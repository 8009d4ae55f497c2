import Foundation

/// Times and durations as public output writes them for people.
enum ReadableTime {
    /// `7m`, `1h 03m`, `2d 4h`: how long, at the precision a reader needs.
    static func duration(_ interval: TimeInterval) -> String {
        let total = Int(abs(interval)) / 60
        let (days, hours, minutes) = (total / 1440, (total % 1440) / 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes < 10 ? "0" : "")\(minutes)m" }
        if total > 0 { return "\(minutes)m" }
        return "\(Int(abs(interval)))s"
    }

    /// `2026-11-20 14:02 UTC`, or `2026-11-20 16:02 UTC+02:00`: the minute in `timeZone`, and its offset.
    static func minute(_ date: Date, in timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        // The wall-clock time is the instant moved by the offset, written as if it were UTC.
        let local = Timestamp.iso8601(date.addingTimeInterval(TimeInterval(offset)))
        let text = local.prefix(10) + " " + local.dropFirst(11).prefix(5)
        guard offset != 0 else { return text + " UTC" }
        let minutes = abs(offset) / 60
        return text + " UTC" + (offset < 0 ? "-" : "+") + LocalDate.pad(minutes / 60, 2) + ":" + LocalDate.pad(minutes % 60, 2)
    }

    /// RFC 3339 in UTC with seconds (`2026-11-20T14:02:00Z`), as Atom and HTML `datetime` attributes want it.
    static func rfc3339(_ date: Date) -> String {
        Timestamp.iso8601(date)
    }
}
