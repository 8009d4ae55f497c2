/// Light English stemming: step 1 of Porter's algorithm (plurals, `-ed`, `-ing`, final `-y`).
///
/// Enough to make `conditions` find `condition` and `retried` find `retry`, without the surprises of a full
/// stemmer. Only words of ASCII letters are stemmed; anything else is returned as it is.
enum EnglishStemmer {
    /// The stem of a folded (lowercase) word.
    static func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        var stem = Stem(bytes)
        stem.step1a()
        stem.step1b()
        stem.step1c()
        return String(decoding: stem.letters, as: UTF8.self)
    }

    private struct Stem {
        var letters: [UInt8]

        init(_ letters: [UInt8]) {
            self.letters = letters
        }

        func isConsonant(_ index: Int) -> Bool {
            switch letters[index] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return false
            case UInt8(ascii: "y"): return index == 0 || !isConsonant(index - 1)
            default: return true
            }
        }

        /// Porter's m: the number of vowel-consonant sequences in the first `length` letters.
        func measure(_ length: Int) -> Int {
            var count = 0
            var index = 0
            while index < length && isConsonant(index) { index += 1 }
            while index < length {
                while index < length && !isConsonant(index) { index += 1 }
                guard index < length else { break }
                count += 1
                while index < length && isConsonant(index) { index += 1 }
            }
            return count
        }

        func hasVowel(_ length: Int) -> Bool {
            (0..<length).contains { !isConsonant($0) }
        }

        func ends(_ suffix: String) -> Bool {
            let suffix = Array(suffix.utf8)
            return letters.count >= suffix.count && Array(letters.suffix(suffix.count)) == suffix
        }

        /// consonant-vowel-consonant at the end of the first `length` letters, the last not w, x or y.
        func endsCVC(_ length: Int) -> Bool {
            guard length >= 3, isConsonant(length - 1), !isConsonant(length - 2), isConsonant(length - 3) else { return false }
            let last = letters[length - 1]
            return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
        }

        mutating func replace(_ count: Int, with replacement: String) {
            letters.removeLast(count)
            letters.append(contentsOf: replacement.utf8)
        }

        mutating func step1a() {
            if ends("sses") {
                replace(2, with: "")
            } else if ends("ies") {
                replace(2, with: "")
            } else if ends("ss") {
                return
            } else if ends("s") {
                replace(1, with: "")
            }
        }

        mutating func step1b() {
            if ends("eed") {
                if measure(letters.count - 3) > 0 { replace(1, with: "") }
                return
            }
            var removed = false
            if ends("ed"), hasVowel(letters.count - 2) {
                replace(2, with: "")
                removed = true
            } else if ends("ing"), hasVowel(letters.count - 3) {
                replace(3, with: "")
                removed = true
            }
            guard removed else { return }
            if ends("at") || ends("bl") || ends("iz") {
                letters.append(UInt8(ascii: "e"))
            } else if letters.count >= 2, letters[letters.count - 1] == letters[letters.count - 2],
                isConsonant(letters.count - 1),
                ![UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "z")].contains(letters[letters.count - 1])
            {
                letters.removeLast()
            } else if measure(letters.count) == 1, endsCVC(letters.count) {
                letters.append(UInt8(ascii: "e"))
            }
        }

        mutating func step1c() {
            if ends("y"), hasVowel(letters.count - 1) {
                letters[letters.count - 1] = UInt8(ascii: "i")
            }
        }
    }
}
