/// A line of text with the byte ranges of the matched words.
public struct SearchSnippet: Sendable, Equatable {
    public var text: String
    public var highlights: [Range<Int>]

    init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    /// The first line of a Markdown document that holds all of `terms`, else the one with the most (distinct ones
    /// first), as a reader sees it: front
    /// matter, headings and HTML comments left out, list markers and checkboxes dropped. When no line has one,
    /// the first line of the summary (only the title matched). Works on the raw bytes, without parsing the
    /// document: a search shows twenty of these. Only the first `scanLimit` bytes are read: a line worth showing is
    /// near the top of any document a person wrote, and a 50 MB log pasted into one must not slow every search.
    /// A phrase counts (and is marked) only where its words follow each other in the line, and a line with a
    /// phrase ranks above lines with loose words.
    static func best(
        in bytes: [UInt8], terms: Set<String>, phrases: [[String]] = [], width: Int = 110, scanLimit: Int = 256 << 10
    ) -> SearchSnippet? {
        var best: (score: Int, text: String, tokens: [SearchToken])?
        var normalizer = SearchTermNormalizer()
        // A line is tokenized only when its lowercased bytes hold the start of a wanted term (a stem's first letters
        // begin every word it stems from): most lines of a hit hold none.
        let words = Array(terms) + phrases.flatMap { $0 }
        let needles: [[UInt8]]? =
            words.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } })
            ? words.map { Array($0.utf8.prefix(max(1, min(3, $0.utf8.count - 1)))) } : nil
        var summaryLine: String?
        var inSummary = false
        var inComment = false
        var lineNumber = 0
        var inFrontMatter = false
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start <= min(bytes.count, scanLimit) {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer { start = end + 1 }
            lineNumber += 1
            var line = Substring(String(decoding: bytes[start..<end], as: UTF8.self))
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if lineNumber == 1, trimmed == "---" {
                inFrontMatter = true
                continue
            }
            if inFrontMatter {
                if trimmed == "---" || trimmed == "..." { inFrontMatter = false }
                continue
            }
            if inComment {
                if trimmed.contains("-->") { inComment = false }
                continue
            }
            if trimmed.hasPrefix("<!--") {
                if !trimmed.contains("-->") { inComment = true }
                continue
            }
            if trimmed.hasPrefix("#") {
                inSummary = SectionKind(heading: String(trimmed.drop { $0 == "#" || $0 == " " })) == .summary
                continue
            }
            let wanted = needles.map { SearchSnippet.mayContain(String(trimmed), $0) } ?? true
            guard wanted || (inSummary && summaryLine == nil) else { continue }
            let text = String(readable(trimmed))
            guard !text.isEmpty else { continue }
            if inSummary, summaryLine == nil { summaryLine = text }
            guard wanted else { continue }
            let all = normalizer.tokens(in: text)
            var marked = Set(all.indices.filter { terms.contains(all[$0].term) })
            var phrasesFound = 0
            for phrase in phrases where phrase.count <= all.count {
                var found = false
                for start in 0...(all.count - phrase.count)
                where phrase.indices.allSatisfy({ all[start + $0].term == phrase[$0] }) {
                    marked.formUnion(start..<(start + phrase.count))
                    found = true
                }
                if found { phrasesFound += 1 }
            }
            let tokens = marked.sorted().map { all[$0] }
            let distinct = Set(tokens.map(\.term))
            let score = phrasesFound * 10_000 + distinct.count * 100 + tokens.count
            if score > 0, score > (best?.score ?? 0) { best = (score, text, tokens) }
            // The first line that holds every word and phrase of the query is the one to show; no need to read on.
            if phrasesFound == phrases.count, terms.isSubset(of: distinct), score > 0 { break }
        }
        guard let best else {
            return summaryLine.map { SearchSnippet(text: cut($0, around: [0..<0], width: width).text, highlights: []) }
        }
        return cut(best.text, around: best.tokens.map { $0.start..<$0.end }, width: width)
    }

    /// True when the ASCII-lowercased text contains one of the needles.
    private static func mayContain(_ text: String, _ needles: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            for needle in needles where !needle.isEmpty && needle.count <= bytes.count {
                let first = needle[0]
                for start in 0...(bytes.count - needle.count) {
                    let byte = bytes[start]
                    guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == first else { continue }
                    var matches = true
                    for offset in 1..<needle.count {
                        let other = bytes[start + offset]
                        if (other >= 0x41 && other <= 0x5A ? other | 0x20 : other) != needle[offset] {
                            matches = false
                            break
                        }
                    }
                    if matches { return true }
                }
            }
            return false
        }
    }

    /// A line without its list marker (`-`, `*`, `+`, `1.`), task checkbox or quote marker.
    private static func readable(_ line: Substring) -> Substring {
        var rest = line
        while true {
            let before = rest
            if let first = rest.first, "-*+>".contains(first), rest.dropFirst().first == " " {
                rest = rest.dropFirst(2)
            } else if let dot = rest.firstIndex(where: { !$0.isNumber }), dot != rest.startIndex,
                rest[dot] == "." || rest[dot] == ")", rest[rest.index(after: dot)...].first == " "
            {
                rest = rest[rest.index(dot, offsetBy: 2)...]
            } else if rest.hasPrefix("[ ] ") || rest.hasPrefix("[x] ") || rest.hasPrefix("[X] ") {
                rest = rest.dropFirst(4)
            }
            rest = rest.drop { $0 == " " }
            if rest == before { return rest }
        }
    }

    /// At most about `width` characters of `text` around its first highlight, with `…` where it was cut.
    static func cut(_ text: String, around highlights: [Range<Int>], width: Int) -> SearchSnippet {
        let bytes = Array(text.utf8)
        guard bytes.count > width * 2 || text.count > width, let first = highlights.first else {
            return SearchSnippet(text: text, highlights: highlights)
        }
        // Start a little before the first match, at a word boundary; stop at about `width` characters.
        var start = max(0, first.lowerBound - width / 4)
        while start > 0, start < bytes.count, bytes[start] != 0x20 { start -= 1 }
        while start < bytes.count, (bytes[start] & 0xC0) == 0x80 { start += 1 }
        var end = start
        var characters = 0
        while end < bytes.count, characters < width {
            end += 1
            while end < bytes.count, (bytes[end] & 0xC0) == 0x80 { end += 1 }
            characters += 1
        }
        let prefix = start > 0 ? "… " : ""
        let suffix = end < bytes.count ? " …" : ""
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        let body = String(decoding: bytes[start..<end], as: UTF8.self)
        let shift = prefix.utf8.count - start
        let kept = highlights.filter { $0.lowerBound >= start && $0.upperBound <= end }.map {
            ($0.lowerBound + shift)..<($0.upperBound + shift)
        }
        return SearchSnippet(text: prefix + body + suffix, highlights: kept)
    }
}
