import Foundation
import Git

/// One version of a file, parsed and turned into term numbers by a `VersionTokenizer`, ready for the encoder.
struct TokenizedVersion: Sendable {
    /// The version's metadata; its fields' text is dropped once tokenized.
    var document: SearchDocument
    var blob: OID
    var lineage: UInt32
    /// The version's terms in position order, as numbers in its tokenizer's vocabulary; `VersionTokenizer.gap`
    /// between two fields (a position no word takes, so that no phrase spans two fields).
    var terms: [UInt32]
    /// Each field's name and the positions of its first word and one past its last.
    var ranges: [(field: String, start: Int, end: Int)]
    /// The terms this version added to its tokenizer's vocabulary, in the order of their numbers: a tokenizer's
    /// vocabulary is only ever appended to, so the encoder can map it without sharing it between threads.
    var newTerms: [String]
    /// Which tokenizer made it: numbers mean something only within one tokenizer's vocabulary.
    var tokenizer: Int
}

/// Turns versions into term numbers, reusing the work of earlier versions: the terms of each line of text it has
/// seen are remembered by the line's content (`LineCache`), so a version that changed a paragraph costs the words of
/// that paragraph, not of the whole document, and each distinct word is folded and stemmed once.
///
/// One tokenizer is used by one thread at a time. The index builder gives each version of a postmortem to the same
/// tokenizer (by its lineage), so successive versions find their lines.
struct VersionTokenizer {
    /// The number that marks the gap between two fields.
    static let gap = UInt32.max

    let identity: Int
    /// Term numbers by word (`SearchTokenizer.CacheKey`).
    private var wordNumbers: [String: UInt32] = [:]
    private var termNumbers: [String: UInt32] = [:]
    private var vocabularyCount: UInt32 = 0
    private var added: [String] = []
    private var lines: LineCache

    init(identity: Int, lineBudget: Int = LineCache.defaultBudget) {
        self.identity = identity
        lines = LineCache(budget: lineBudget)
    }

    /// Parses one version and numbers its terms.
    mutating func tokenize(bytes: [UInt8], path: String, blob: OID, lineage: UInt32, timeZone: TimeZone) -> TokenizedVersion {
        tokenize(SearchDocument.make(bytes: bytes, path: path, timeZone: timeZone), blob: blob, lineage: lineage)
    }

    /// Numbers the terms of a parsed version: positions count words across the fields in order, with a gap of one
    /// between fields.
    mutating func tokenize(_ document: SearchDocument, blob: OID, lineage: UInt32) -> TokenizedVersion {
        var terms: [UInt32] = []
        var ranges: [(field: String, start: Int, end: Int)] = []
        ranges.reserveCapacity(document.fields.count)
        for field in document.fields {
            if !terms.isEmpty { terms.append(VersionTokenizer.gap) }
            let start = terms.count
            for line in field.lines { append(line, to: &terms) }
            ranges.append((field.name, start, terms.count))
        }
        var metadata = document
        metadata.fields = []
        defer { added = [] }
        return TokenizedVersion(
            document: metadata, blob: blob, lineage: lineage, terms: terms, ranges: ranges, newTerms: added,
            tokenizer: identity)
    }

    private mutating func append(_ line: String, to terms: inout [UInt32]) {
        var text = line
        text.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            let hash = IndexChecksum.of(bytes)
            if lines.append(bytes, hash: hash, to: &terms) { return }
            let start = terms.count
            SearchTokenizer.forEachWord(in: bytes) { start, end, isASCII in
                let word = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                if let number = number(of: word, isASCII: isASCII) { terms.append(number) }
            }
            terms.withUnsafeBufferPointer {
                lines.remember(bytes, hash: hash, terms: UnsafeBufferPointer(rebasing: $0[start...]))
            }
        }
    }

    /// The number of a word's term, nil for a word that normalizes to nothing.
    private mutating func number(of word: UnsafeRawBufferPointer, isASCII: Bool) -> UInt32? {
        let key = SearchTokenizer.CacheKey(word, isASCII: isASCII)
        if let known = wordNumbers[key.text] { return known == VersionTokenizer.gap ? nil : known }
        let term = key.term(of: word)
        let number: UInt32
        if term.isEmpty {
            number = VersionTokenizer.gap
        } else if let known = termNumbers[term] {
            number = known
        } else {
            number = vocabularyCount
            vocabularyCount += 1
            termNumbers[term] = number
            added.append(term)
        }
        if wordNumbers.count < SearchTokenizer.CacheKey.limit { wordNumbers[key.text] = number }
        return number == VersionTokenizer.gap ? nil : number
    }
}

/// The term numbers of lines seen before, by their bytes: two flat arenas (the lines' bytes and their numbers) and
/// a map from a 64-bit hash of the bytes to the entries with that hash. A hit compares the bytes, so two lines with
/// the same hash never share their terms; a hash that collides more than a few times is not remembered again, so
/// crafted collisions cost time linear in what they add.
///
/// What it keeps is bounded by `budget` bytes (a line's bytes and four per word): when full it starts empty, which
/// costs one more pass over the lines a history keeps editing.
struct LineCache {
    /// What all the tokenizers of one build keep together: about a million words of text, the whole text of a few
    /// hundred RFC-sized documents, within the memory a command may use (docs/performance.md; 24 MiB put a rebuild
    /// of the real-shaped history 20 MiB higher for no measurable gain).
    static let defaultBudget = 12 << 20
    /// Entries with the same hash past which a line is not remembered.
    static let maximumChain = 4

    private struct Entry {
        var textStart: Int
        var textCount: Int
        var termsStart: Int
        var termsCount: Int
        /// The next entry with the same hash, or -1.
        var next: Int32
    }

    let budget: Int
    private var first: [UInt64: Int32] = [:]
    private var entries: [Entry] = []
    private var text: [UInt8] = []
    private var terms: [UInt32] = []

    init(budget: Int) {
        self.budget = budget
    }

    /// Appends the terms of `line` when it was seen before; false when it was not.
    func append(_ line: UnsafeRawBufferPointer, hash: UInt64, to output: inout [UInt32]) -> Bool {
        guard var index = first[hash] else { return false }
        while index >= 0 {
            let entry = entries[Int(index)]
            if holds(entry, line) {
                output.append(contentsOf: terms[entry.termsStart..<entry.termsStart + entry.termsCount])
                return true
            }
            index = entry.next
        }
        return false
    }

    private func holds(_ entry: Entry, _ line: UnsafeRawBufferPointer) -> Bool {
        guard entry.textCount == line.count else { return false }
        guard line.count > 0, let wanted = line.baseAddress else { return true }
        return text.withUnsafeBytes { stored in
            guard let base = stored.baseAddress else { return false }
            return memcmp(base + entry.textStart, wanted, line.count) == 0
        }
    }

    /// Remembers the terms of a line not seen before.
    mutating func remember(_ line: UnsafeRawBufferPointer, hash: UInt64, terms lineTerms: UnsafeBufferPointer<UInt32>) {
        let cost = line.count + 4 * lineTerms.count + 64
        guard cost <= budget / 8 else { return }
        if text.capacity == 0 {
            // Room for what the budget allows (text is about three fifths of it) up front, so the arenas do not
            // double past it as they grow; pages are only resident once written.
            text.reserveCapacity(budget * 3 / 5)
            terms.reserveCapacity(budget / 10)
        }
        if text.count + 4 * terms.count + 64 * entries.count + cost > budget {
            first.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
            terms.removeAll(keepingCapacity: true)
        }
        var chain = 0
        var next = first[hash] ?? -1
        while next >= 0, chain < LineCache.maximumChain {
            chain += 1
            next = entries[Int(next)].next
        }
        guard chain < LineCache.maximumChain else { return }
        entries.append(
            Entry(
                textStart: text.count, textCount: line.count, termsStart: terms.count, termsCount: lineTerms.count,
                next: first[hash] ?? -1))
        first[hash] = Int32(entries.count - 1)
        text.append(contentsOf: line)
        terms.append(contentsOf: lineTerms)
    }
}
