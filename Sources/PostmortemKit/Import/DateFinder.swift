/// Finds a calendar date written in text: `2026-11-20`, `2026/11/20`, `November 20, 2026`, `20 Nov 2026`.
enum DateFinder {
    /// The first real date in `text`, in the order it is written; nil when there is none.
    static func firstDate(in text: String, isoOnly: Bool = false) -> LocalDate? {
        var found: [(offset: Int, date: LocalDate)] = []
        for match in text.matches(of: /(?:^|[^0-9])([0-9]{4})([-\/])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])/) {
            guard let date = date(match.output.1, match.output.3, match.output.4) else { continue }
            if isoOnly, match.output.2 != "-" { continue }
            found.append((text.distance(from: text.startIndex, to: match.range.lowerBound), date))
        }
        if !isoOnly {
            let monthFirst = /(?i)\b([a-z]{3,9})\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})(?![0-9])/
            for match in text.matches(of: monthFirst) {
                guard let month = month(match.output.1), let date = date(match.output.3, Substring(String(month)), match.output.2)
                else { continue }
                found.append((text.distance(from: text.startIndex, to: match.range.lowerBound), date))
            }
            let dayFirst = /(?i)(?:^|[^0-9])([0-9]{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+([0-9]{4})(?![0-9])/
            for match in text.matches(of: dayFirst) {
                guard let month = month(match.output.2), let date = date(match.output.3, Substring(String(month)), match.output.1)
                else { continue }
                found.append((text.distance(from: text.startIndex, to: match.range.lowerBound), date))
            }
        }
        return found.min { $0.offset < $1.offset }?.date
    }

    private static func date(_ year: Substring, _ month: Substring, _ day: Substring) -> LocalDate? {
        guard let year = Int(year), let month = Int(month), let day = Int(day) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// The month a name or abbreviation names (`Nov`, `november`, `Sept`), 1 to 12.
    private static func month(_ name: Substring) -> Int? {
        let lower = name.lowercased()
        if lower == "sept" { return 9 }
        for (index, full) in LocalDate.monthNames.enumerated() {
            let fullName = full.lowercased()
            if lower == fullName || (lower.count == 3 && fullName.hasPrefix(lower)) { return index + 1 }
        }
        return nil
    }
}
