/// A line of text with the byte ranges of the matched words.
public struct SearchSnippet: Sendable, Equatable {
    public var text: String
    public var highlights: [Range<Int>]

    init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    /// The first line of a Markdown document that holds all of `terms`, else the one with the most (distinct ones
    /// first), as a reader sees it: HTML comments and the front matter left out, but for the prose values of the
    /// fields pm does not read (what the index reads of it: `FrontMatterText`); headings without their `#`s, below
    /// a line of text that matches as well, and not those that name a section pm knows; list markers and
    /// checkboxes dropped. When no line has one, the first line of the summary (only the title matched): the
    /// Summary section's, or a `summary:` field's. Works on the raw bytes, without parsing the document: a search
    /// shows twenty of these. Only the first `scanLimit` bytes are read: a line worth showing is near the top of
    /// any document a person wrote, and a 50 MB log pasted into one must not slow every search.
    /// A phrase counts (and is marked) only where its words follow each other in the line, and a line with a
    /// phrase ranks above lines with loose words.
    static func best(
        in bytes: [UInt8], terms: Set<String>, phrases: [[String]] = [], width: Int = 110, scanLimit: Int = 256 << 10
    ) -> SearchSnippet? {
        var best: (score: Int, isHeading: Bool, text: String, tokens: [SearchToken])?
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
        var frontMatterKey: Substring?
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start <= min(bytes.count, scanLimit) {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer { start = end + 1 }
            lineNumber += 1
            // Most lines of a hit are prose that holds no wanted word: those are passed over on their bytes, before
            // a string is made of them. (A heading, a comment, the front matter and the summary's first line are
            // read below whatever they hold.)
            if let needles, lineNumber > 1, !inFrontMatter, !inComment, !(inSummary && summaryLine == nil) {
                let first = bytes[start..<end].first { $0 != 0x20 && $0 != 0x09 }
                if first != UInt8(ascii: "#"), first != UInt8(ascii: "<"),
                    !bytes.withUnsafeBufferPointer({
                        SearchSnippet.mayContain(UnsafeBufferPointer(rebasing: $0[start..<end]), needles)
                    })
                {
                    continue
                }
            }
            var line = Substring(String(decoding: bytes[start..<end], as: UTF8.self))
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if lineNumber == 1, trimmed == "---" {
                inFrontMatter = true
                continue
            }
            var candidate: Substring
            var isHeading = false
            if inFrontMatter {
                if trimmed == "---" || trimmed == "..." {
                    inFrontMatter = false
                    continue
                }
                // A line without a wanted word shows nothing: only the key it sets matters, and a summary field's
                // first line while there is none yet.
                if let needles,
                    !bytes.withUnsafeBufferPointer({
                        SearchSnippet.mayContain(UnsafeBufferPointer(rebasing: $0[start..<end]), needles)
                    })
                {
                    let value = frontMatterValue(line, key: &frontMatterKey)
                    let isSummary = frontMatterKey.map { FrontMatterText.summaryKeys.contains($0.lowercased()) } ?? false
                    guard value != nil, summaryLine == nil, isSummary else { continue }
                }
                guard let text = frontMatterText(line, key: &frontMatterKey) else { continue }
                if summaryLine == nil, let key = frontMatterKey, FrontMatterText.summaryKeys.contains(key.lowercased()) {
                    summaryLine = String(text)
                }
                candidate = text
            } else if inComment {
                if trimmed.contains("-->") { inComment = false }
                continue
            } else if trimmed.hasPrefix("<!--") {
                if !trimmed.contains("-->") { inComment = true }
                continue
            } else if trimmed.hasPrefix("#") {
                var heading = trimmed.drop { $0 == "#" || $0 == " " || $0 == "\t" }
                while let last = heading.last, last == "#" || last == " " || last == "\t" { heading = heading.dropLast() }
                let kind = SectionKind(heading: String(heading))
                inSummary = kind == .summary
                // The index leaves out the headings of the sections it knows; so does the snippet.
                guard kind == nil, !heading.isEmpty else { continue }
                candidate = heading
                isHeading = true
            } else {
                candidate = trimmed
            }
            let wanted = needles.map { SearchSnippet.mayContain(String(candidate), $0) } ?? true
            let opensSummary = inSummary && summaryLine == nil && !isHeading
            guard wanted || opensSummary else { continue }
            let text = String(readable(candidate))
            guard !text.isEmpty else { continue }
            if opensSummary { summaryLine = text }
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
            // A line of text ranks above a heading that matches as much: it says more.
            if score > 0, score > (best?.score ?? 0) || (score == best?.score && best?.isHeading == true && !isHeading) {
                best = (score, isHeading, text, tokens)
            }
            // The first line that holds every word and phrase of the query is the one to show; no need to read on.
            if !isHeading, phrasesFound == phrases.count, terms.isSubset(of: distinct), score > 0 { break }
        }
        guard let best else {
            return summaryLine.map { SearchSnippet(text: cut($0, around: [0..<0], width: width).text, highlights: []) }
        }
        return cut(best.text, around: best.tokens.map { $0.start..<$0.end }, width: width)
    }

    /// The value of a front-matter line: after `key:` (which becomes `key`; a line that is no `key:` forgets it), or
    /// after the `- ` of an item; nil for any other line.
    static func frontMatterValue(_ line: Substring, key: inout Substring?) -> Substring? {
        let value: Substring
        if let first = line.first, first != " ", first != "\t", first != "-", first != "#" {
            guard let colon = line.firstIndex(of: ":") else {
                key = nil
                return nil
            }
            let name = line[..<colon]
            let isKey = name.utf8.allSatisfy { byte in
                (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
            }
            guard !name.isEmpty, isKey else {
                key = nil
                return nil
            }
            key = name
            value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        } else {
            let item = line.drop { $0 == " " || $0 == "\t" }
            guard item.hasPrefix("- ") else { return nil }
            value = item.dropFirst(2)
        }
        return value
    }

    /// The prose of a front-matter line, when the line holds a value of a field pm does not read (`summary: …`,
    /// `company: …`, or an item below such a key), as `SearchDocument` indexes it; `key` follows the last key seen.
    /// A light reading of the raw line (the parser is not run for a snippet): quotes, brackets and comments
    /// dropped.
    static func frontMatterText(_ line: Substring, key: inout Substring?) -> Substring? {
        guard let value = frontMatterValue(line, key: &key), let key, !Postmortem.knownFields.contains(String(key)),
            !value.isEmpty
        else { return nil }
        var items: [Substring]
        if value.hasPrefix("[") {
            items = value.dropFirst().prefix { $0 != "]" }.split(separator: ",")
        } else {
            items = [value]
        }
        items = items.map { item in
            var item = item.drop { $0 == " " }
            if let quote = item.first, quote == "\"" || quote == "'" {
                item = item.dropFirst().prefix { $0 != quote }
            } else if let comment = item.range(of: " #") {
                item = item[..<comment.lowerBound]
            }
            while item.last == " " { item = item.dropLast() }
            return item
        }
        let prose = items.filter { FrontMatterText.isProse(String($0)) }
        guard !prose.isEmpty else { return nil }
        return Substring(prose.joined(separator: ", "))
    }

    /// True when the ASCII-lowercased text contains one of the needles.
    private static func mayContain(_ text: String, _ needles: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { mayContain($0, needles) }
    }

    /// True when the ASCII-lowercased bytes contain one of the needles.
    private static func mayContain(_ bytes: UnsafeBufferPointer<UInt8>, _ needles: [[UInt8]]) -> Bool {
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
