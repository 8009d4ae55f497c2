import CLibgit2
import Foundation

/// A person and a moment, as recorded in a commit's author or committer line.
public struct Signature: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var email: String
    /// The moment, to the second.
    public var date: Date
    /// The offset from UTC in minutes at that moment, as recorded.
    public var timeZoneOffsetMinutes: Int

    public init(name: String, email: String, date: Date, timeZoneOffsetMinutes: Int) {
        self.name = name
        self.email = email
        self.date = date
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }

    init(_ raw: UnsafePointer<git_signature>) {
        name = lenientString(raw.pointee.name)
        email = lenientString(raw.pointee.email)
        date = Date(timeIntervalSince1970: TimeInterval(raw.pointee.when.time))
        timeZoneOffsetMinutes = Int(raw.pointee.when.offset)
    }

    /// "Name <email>", as git prints it.
    public var description: String { "\(name) <\(email)>" }

    /// Calls `body` with a libgit2 signature made from this value.
    func withRaw<T>(_ body: (UnsafePointer<git_signature>) throws -> T) throws -> T {
        // A date or offset from the environment can be anything; converting it unchecked would trap.
        guard let seconds = git_time_t(exactly: date.timeIntervalSince1970.rounded(.down)),
            let offset = Int32(exactly: timeZoneOffsetMinutes)
        else {
            throw GitError(
                message:
                    "the date \(date.timeIntervalSince1970) (offset \(timeZoneOffsetMinutes) minutes) cannot be recorded in a commit",
                function: "git_signature_new")
        }
        var raw: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&raw, name, email, seconds, offset), "git_signature_new")
        guard let raw else { throw GitError(message: "could not create a signature", function: "git_signature_new") }
        defer { git_signature_free(raw) }
        return try body(raw)
    }
}

/// Which identity a commit line is for; selects the `GIT_AUTHOR_*` or `GIT_COMMITTER_*` variables.
public enum SignatureRole: String, Sendable {
    case author = "AUTHOR"
    case committer = "COMMITTER"
}

extension Signature {
    /// Parses a date the way git accepts it in `GIT_AUTHOR_DATE`: `@<seconds> [±hhmm]`, `<seconds> ±hhmm`,
    /// ISO 8601 (`2026-11-20T14:02:00Z`, `2026-11-20 14:02:00 +0200`) or RFC 2822.
    public static func parseGitDate(_ text: String) -> (date: Date, offsetMinutes: Int)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ")
        func offset(_ zone: Substring) -> Int? {
            let digits = zone.dropFirst()
            guard zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
                digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits), value % 100 < 60
            else { return nil }
            let minutes = (value / 100) * 60 + value % 100
            return sign == "-" ? -minutes : minutes
        }
        if let first = parts.first {
            let digits = first.hasPrefix("@") ? first.dropFirst() : first
            if let seconds = Int(digits), (-maximumSeconds...maximumSeconds).contains(seconds),
                first.hasPrefix("@") || parts.count == 2
            {
                let zone = parts.count > 1 ? offset(parts[1]) : 0
                if let zone { return (Date(timeIntervalSince1970: TimeInterval(seconds)), zone) }
            }
        }
        let formats = [
            "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ssZ", "yyyy-MM-dd HH:mm:ss Z", "yyyy-MM-dd HH:mm:ssXXXXX",
            "EEE, d MMM yyyy HH:mm:ss Z", "EEE MMM d HH:mm:ss yyyy Z",
        ]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) {
                let zoneText = trimmed.hasSuffix("Z") ? "+0000" : zoneSuffix(trimmed)
                return (date, zoneText.flatMap { offset(Substring($0)) } ?? 0)
            }
        }
        return nil
    }

    /// The last second of year 9999: later (or earlier than -9999) dates are refused rather than overflowing.
    static let maximumSeconds = 253_402_300_799

    private static func zoneSuffix(_ text: String) -> String? {
        guard let signIndex = text.lastIndex(where: { $0 == "+" || $0 == "-" }) else { return nil }
        let zone = text[signIndex...].replacingOccurrences(of: ":", with: "")
        return zone.count == 5 ? zone : nil
    }
}
