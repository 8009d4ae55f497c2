/// Finds a calendar date written in text: `2026-11-20`, `2026/11/20`, `November 20, 2026`, `20 Nov 2026`.
enum DateFinder {
    /// The first real date in `text`, in the order it is written; nil when there is none.
    static func firstDate(in text: String, isoOnly: Bool = false) -> LocalDate? {
        dates(in: text, isoOnly: isoOnly).min { $0.range.lowerBound < $1.range.lowerBound }?.date
    }

    /// `text` without the places that write `date` (in any form read here), and a word that introduces one
    /// (`on`, `of`) or brackets around it: what a title says besides the date, for a slug that already starts with it.
    static func removing(_ date: LocalDate, from text: String) -> String {
        // As UTF-8 offsets, last first: replacing one leaves the offsets of those before it as they were.
        let ranges = dates(in: text).filter { $0.date == date }.map {
            (
                text.utf8.distance(from: text.startIndex, to: $0.range.lowerBound),
                text.utf8.distance(from: text.startIndex, to: $0.range.upperBound)
            )
        }.sorted { $0.0 > $1.0 }
        var result = text
        var removedFrom = Int.max
        for (lower, upper) in ranges where upper <= removedFrom {
            removedFrom = lower
            let end = result.utf8.index(result.startIndex, offsetBy: upper)
            // The word that introduces the date goes with it.
            var start = result.utf8.index(result.startIndex, offsetBy: lower)
            if let word = result[..<start].firstMatch(of: /(?i)(?:^|\s)((?:on|of|from|dated)\s+)$/) {
                start = word.output.1.startIndex
            }
            result.replaceSubrange(start..<end, with: " ")
        }
        guard !ranges.isEmpty else { return text }
        // Brackets left empty where the date was.
        return result.replacing(/\(\s*\)|\[\s*\]/, with: " ")
    }

    /// Every real date in `text`, with the range that writes it.
    private static func dates(in text: String, isoOnly: Bool = false) -> [(range: Range<String.Index>, date: LocalDate)] {
        var found: [(range: Range<String.Index>, date: LocalDate)] = []
        for match in text.matches(of: /(?:^|[^0-9])([0-9]{4})([-\/])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])/) {
            guard let date = date(match.output.1, match.output.3, match.output.4) else { continue }
            if isoOnly, match.output.2 != "-" { continue }
            found.append((match.output.1.startIndex..<match.range.upperBound, date))
        }
        if !isoOnly {
            let monthFirst = /(?i)\b([a-z]{3,9})\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})(?![0-9])/
            for match in text.matches(of: monthFirst) {
                guard let month = month(match.output.1), let date = date(match.output.3, Substring(String(month)), match.output.2)
                else { continue }
                found.append((match.range, date))
            }
            let dayFirst = /(?i)(?:^|[^0-9])([0-9]{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+([0-9]{4})(?![0-9])/
            for match in text.matches(of: dayFirst) {
                guard let month = month(match.output.2), let date = date(match.output.3, Substring(String(month)), match.output.1)
                else { continue }
                found.append((match.output.1.startIndex..<match.range.upperBound, date))
            }
        }
        return found
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
