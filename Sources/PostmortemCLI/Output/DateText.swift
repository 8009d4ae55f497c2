import Foundation

/// Dates and durations as pm prints them for people.
enum DateText {
    private static let formatters = FormatterCache()

    /// `2026-11-20 14:02` in `timeZone`.
    static func minutes(_ date: Date, in timeZone: TimeZone) -> String {
        formatters.formatter(for: timeZone).string(from: date)
    }

    /// `2026-11-20 14:02 UTC`: the minute and the zone's name.
    static func minutesWithZone(_ date: Date, in timeZone: TimeZone) -> String {
        let zone = timeZone.secondsFromGMT(for: date) == 0 ? "UTC" : (timeZone.abbreviation(for: date) ?? timeZone.identifier)
        return minutes(date, in: timeZone) + " " + zone
    }

    /// `7m`, `1h 03m`, `2d 4h`: how long, at the precision a reader needs.
    static func duration(_ interval: TimeInterval) -> String {
        let negative = interval < 0
        let total = Int(abs(interval)) / 60
        let (days, hours, minutes) = (total / 1440, (total % 1440) / 60, total % 60)
        let text: String
        if days > 0 {
            text = "\(days)d \(hours)h"
        } else if hours > 0 {
            text = "\(hours)h \(minutes < 10 ? "0" : "")\(minutes)m"
        } else if total > 0 {
            text = "\(minutes)m"
        } else {
            text = "\(Int(abs(interval)))s"
        }
        return negative ? "-" + text + " (timestamps out of order)" : text
    }

    /// One `DateFormatter` per zone: they are costly to make and pm prints many dates in one zone.
    private final class FormatterCache: @unchecked Sendable {
        private var cache: [TimeZone: DateFormatter] = [:]
        private let lock = NSLock()

        func formatter(for timeZone: TimeZone) -> DateFormatter {
            lock.lock()
            defer { lock.unlock() }
            if let formatter = cache[timeZone] { return formatter }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            cache[timeZone] = formatter
            return formatter
        }
    }
}
