import Foundation

/// One word of a text as the index sees it: its normalized term and where it was in the UTF-8 bytes.
struct SearchToken: Hashable, Sendable {
    /// The folded, stemmed form that is indexed and matched.
    var term: String
    /// The byte range of the word in the text it came from.
    var start: Int
    var end: Int
}

/// Turns text into terms like `SearchTokenizer`, remembering each word it has normalized: the vocabulary of a
/// history is small and every version repeats it, so indexing folds and stems each distinct word once.
struct SearchTermNormalizer {
    private var cache: [String: String] = [:]

    /// The terms of `text`, in order.
    mutating func terms(in text: String, into terms: inout [String]) {
        forEachToken(in: text) { term, _, _ in terms.append(term) }
    }

    /// The tokens of `text` with their byte ranges, as `SearchTokenizer.tokens` gives them.
    mutating func tokens(in text: String) -> [SearchToken] {
        var tokens: [SearchToken] = []
        forEachToken(in: text) { term, start, end in tokens.append(SearchToken(term: term, start: start, end: end)) }
        return tokens
    }

    private mutating func forEachToken(in text: String, _ body: (String, Int, Int) -> Void) {
        var text = text
        text.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            SearchTokenizer.forEachWord(in: bytes) { start, end, isASCII in
                let word = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                let key = SearchTokenizer.CacheKey(word, isASCII: isASCII)
                let term: String
                if let known = cache[key.text] {
                    term = known
                } else {
                    term = key.term(of: word)
                    if cache.count < SearchTokenizer.CacheKey.limit { cache[key.text] = term }
                }
                if !term.isEmpty { body(term, start, end) }
            }
        }
    }
}

/// Splits text into words and normalizes each one: case and diacritics folded, light English stemming.
///
/// The index and the query go through the same function, so `Conditions`, `condition` and `CONDITION` meet.
/// Words are runs of letters, digits and combining marks; an apostrophe inside a word joins it (`didn't` is
/// `didnt`); every other character separates words, so `checkout-api` is two words and `"checkout api"` finds it.
enum SearchTokenizer {
    /// Words longer than this many bytes are cut: nobody searches for them, and hostile input stays bounded.
    static let maximumTermBytes = 64

    /// The tokens of `text`, in order.
    static func tokens(in text: String) -> [SearchToken] {
        var text = text
        return text.withUTF8 { tokens(in: UnsafeRawBufferPointer($0)) }
    }

    /// The tokens of UTF-8 bytes (invalid sequences separate words).
    static func tokens(in bytes: UnsafeRawBufferPointer) -> [SearchToken] {
        var result: [SearchToken] = []
        forEachWord(in: bytes) { start, end, isASCII in
            let term = normalize(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), isASCII: isASCII)
            if !term.isEmpty { result.append(SearchToken(term: term, start: start, end: end)) }
        }
        return result
    }

    /// Only the terms of `text`, in order.
    static func terms(in text: String) -> [String] {
        tokens(in: text).map(\.term)
    }

    /// The words of `text` folded but not stemmed (what a prefix query matches against).
    static func foldedWords(in text: String) -> [String] {
        var text = text
        return text.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            var words: [String] = []
            forEachWord(in: bytes) { start, end, isASCII in
                let word = fold(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), isASCII: isASCII)
                if !word.isEmpty { words.append(word) }
            }
            return words
        }
    }

    /// Calls `body` with the byte range of each word and whether it is all ASCII.
    static func forEachWord(in bytes: UnsafeRawBufferPointer, _ body: (Int, Int, Bool) -> Void) {
        var index = 0
        let count = bytes.count
        var wordStart = -1
        var wordIsASCII = true
        var lastWordEnd = 0
        while index < count {
            let byte = bytes[index]
            if byte == 0x1B {
                // A terminal escape sequence (`ESC[31m`) is not text: its letters must not join the next word.
                if wordStart >= 0 {
                    body(wordStart, lastWordEnd, wordIsASCII)
                    wordStart = -1
                }
                index = endOfEscapeSequence(bytes, at: index)
                continue
            }
            if byte < 0x80 {
                if isASCIIWordByte(byte) {
                    if wordStart < 0 {
                        wordStart = index
                        wordIsASCII = true
                    }
                    index += 1
                    lastWordEnd = index
                    continue
                }
                // An apostrophe between two word characters stays inside the word.
                if byte == 0x27, wordStart >= 0, index + 1 < count, isASCIIWordByte(bytes[index + 1]) {
                    index += 1
                    continue
                }
                if wordStart >= 0 {
                    body(wordStart, lastWordEnd, wordIsASCII)
                    wordStart = -1
                }
                index += 1
                continue
            }
            let (scalar, length) = UTF8Scalar.decode(bytes, at: index)
            if let scalar, isWordScalar(scalar) {
                if wordStart < 0 {
                    wordStart = index
                }
                wordIsASCII = false
                index += length
                lastWordEnd = index
            } else if let scalar, scalar == "\u{2019}", wordStart >= 0, index + length < count,
                isASCIIWordByte(bytes[index + length]) || bytes[index + length] >= 0x80
            {
                wordIsASCII = false
                index += length
            } else {
                if wordStart >= 0 {
                    body(wordStart, lastWordEnd, wordIsASCII)
                    wordStart = -1
                }
                index += length
            }
        }
        if wordStart >= 0 { body(wordStart, lastWordEnd, wordIsASCII) }
    }

    /// What a tokenizer that remembers words keys a word by: a short ASCII word, nearly every word, by its folded form
    /// (so `Pool` and `pool` are looked up once), any other by its bytes.
    struct CacheKey {
        /// The words a tokenizer remembers at most: hostile input stays bounded.
        static let limit = 1_000_000

        let text: String
        let isShortASCII: Bool
        let isASCII: Bool

        init(_ word: UnsafeRawBufferPointer, isASCII: Bool) {
            self.isASCII = isASCII
            isShortASCII = isASCII && word.count <= SearchTokenizer.maximumTermBytes
            text = isShortASCII ? SearchTokenizer.fold(word, isASCII: true) : String(decoding: word, as: UTF8.self)
        }

        /// The word's term (`normalize`), from the folding the key already did when it could.
        func term(of word: UnsafeRawBufferPointer) -> String {
            isShortASCII ? EnglishStemmer.stem(text) : SearchTokenizer.normalize(word, isASCII: isASCII)
        }
    }

    /// Folds and stems one word.
    static func normalize(_ word: UnsafeRawBufferPointer, isASCII: Bool) -> String {
        let folded = fold(word, isASCII: isASCII)
        return EnglishStemmer.stem(folded)
    }

    /// Lowercases, drops diacritics and apostrophes, and cuts to `maximumTermBytes`.
    static func fold(_ word: UnsafeRawBufferPointer, isASCII: Bool) -> String {
        if isASCII {
            var bytes = [UInt8]()
            bytes.reserveCapacity(min(word.count, maximumTermBytes))
            for byte in word.prefix(maximumTermBytes) where byte != 0x27 {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let text = String(decoding: word, as: UTF8.self)
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars
        where scalar != "'" && scalar != "\u{2019}" && scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        var result = String(scalars)
        if result.utf8.count > maximumTermBytes {
            var cut = ""
            for character in result {
                if cut.utf8.count + character.utf8.count > maximumTermBytes { break }
                cut.append(character)
            }
            result = cut
        }
        return result
    }

    /// Where the escape sequence that starts at `index` (an ESC byte) ends: a control sequence (`ESC [` … a final
    /// byte), an operating-system command (`ESC ]` … BEL or `ESC \`), or ESC and one byte.
    static func endOfEscapeSequence(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        var next = index + 1
        guard next < bytes.count else { return next }
        switch bytes[next] {
        case 0x5B:  // [
            next += 1
            while next < bytes.count, !(0x40...0x7E).contains(bytes[next]) { next += 1 }
            return min(next + 1, bytes.count)
        case 0x5D:  // ]
            next += 1
            while next < bytes.count, bytes[next] != 0x07,
                !(bytes[next] == 0x1B && next + 1 < bytes.count && bytes[next + 1] == 0x5C)
            {
                next += 1
            }
            return min(next + (next < bytes.count && bytes[next] == 0x1B ? 2 : 1), bytes.count)
        default:
            return next + 1
        }
    }

    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }
}
