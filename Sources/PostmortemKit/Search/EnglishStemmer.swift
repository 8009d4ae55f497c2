/// Light English stemming: step 1 of Porter's algorithm (plurals, `-ed`, `-ing`, final `-y`) and its step 5a (a
/// final silent `e`), so that `cache` meets `cached` and `refuse` meets `refused`.
///
/// Only for matching: both the index and the query go through it, so a stem need not be a word (`retri`).
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
        stem.step5a()
        return String(decoding: stem.letters, as: UTF8.self)
    }

    private struct Stem {
        var letters: [UInt8]

        init(_ letters: [UInt8]) {
            self.letters = letters
        }

        /// Porter's consonant: not a vowel, and `y` only after a vowel (or first). Walks back over a run of `y`s
        /// instead of recursing, so no word is long enough to matter.
        func isConsonant(_ index: Int) -> Bool {
            var index = index
            var consonant = true
            while true {
                switch letters[index] {
                case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
                    return !consonant
                case UInt8(ascii: "y"):
                    // `y` is a consonant exactly when the letter before it is not one.
                    guard index > 0 else { return consonant }
                    consonant.toggle()
                    index -= 1
                default:
                    return consonant
                }
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

        func ends(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard letters.count >= count else { return false }
            let start = suffix.utf8Start
            let base = letters.count - count
            for index in 0..<count where letters[base + index] != start[index] { return false }
            return true
        }

        /// consonant-vowel-consonant at the end of the first `length` letters, the last not w, x or y.
        func endsCVC(_ length: Int) -> Bool {
            guard length >= 3, isConsonant(length - 1), !isConsonant(length - 2), isConsonant(length - 3) else { return false }
            let last = letters[length - 1]
            return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
        }

        mutating func drop(_ count: Int) {
            letters.removeLast(count)
        }

        mutating func step1a() {
            if ends("sses") {
                drop(2)
            } else if ends("ies") {
                drop(2)
            } else if ends("ss") {
                return
            } else if ends("s"), hasVowel(letters.count - 1) {
                // Unlike Porter, an `s` after no vowel stays: `dns` is not the plural of `dn`.
                drop(1)
            }
        }

        mutating func step1b() {
            if ends("eed") {
                if measure(letters.count - 3) > 0 { drop(1) }
                return
            }
            var removed = false
            if ends("ed"), hasVowel(letters.count - 2) {
                drop(2)
                removed = true
            } else if ends("ing"), hasVowel(letters.count - 3) {
                drop(3)
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

        /// Drops a final `e` after a stem of more than one syllable, or of one that does not end consonant-vowel-
        /// consonant (`cache` → `cach`, `time` stays).
        mutating func step5a() {
            guard ends("e") else { return }
            let stem = letters.count - 1
            let measure = measure(stem)
            if measure > 1 || (measure == 1 && !endsCVC(stem)) { letters.removeLast() }
        }

        mutating func step1c() {
            if ends("y"), hasVowel(letters.count - 1) {
                letters[letters.count - 1] = UInt8(ascii: "i")
            }
        }
    }
}
