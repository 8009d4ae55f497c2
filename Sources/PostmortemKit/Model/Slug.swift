import Foundation

/// Makes the slug part of a postmortem id from a title.
enum Slug {
    /// The longest slug `make` returns.
    static let maximumLength = 60

    /// Lowercase ASCII letters and digits separated by single hyphens, diacritics folded
    /// (é→e, ß→ss, ø→o, æ→ae, ł→l), other scripts transliterated as ICU's Any-Latin does, like the common
    /// slugifiers (Ошибка→oshibka, 東京→dong-jing), at most 60 characters cut at a hyphen when possible;
    /// `untitled` when nothing is left.
    static func make(_ title: String) -> String {
        var title = title
        if title.unicodeScalars.contains(where: needsTransliteration) {
            title = title.applyingTransform(.toLatin, reverse: false) ?? title
        }
        var output: [UInt8] = []
        var pendingHyphen = false
        func append<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes {
                if pendingHyphen && !output.isEmpty { output.append(SourceByte.dash) }
                pendingHyphen = false
                output.append(byte)
            }
        }
        for scalar in title.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if SourceByte.isDigit(byte) || (byte >= 0x61 && byte <= 0x7A) {
                    append(CollectionOfOne(byte))
                } else if byte >= 0x41 && byte <= 0x5A {
                    append(CollectionOfOne(byte + 0x20))
                } else if byte != SourceByte.singleQuote {
                    pendingHyphen = true
                }
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            if scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}" { continue }
            if let folded = folding[scalar] {
                append(folded.utf8)
            } else {
                pendingHyphen = true
            }
        }
        var slug = output
        if slug.count > maximumLength {
            let cut =
                slug[maximumLength] == SourceByte.dash
                ? maximumLength
                : (slug[0..<maximumLength].lastIndex(of: SourceByte.dash) ?? maximumLength)
            slug = Array(slug[0..<(cut > 0 ? cut : maximumLength)])
        }
        while slug.last == SourceByte.dash { slug.removeLast() }
        return slug.isEmpty ? "untitled" : SourceByte.string(slug)
    }

    /// A letter that neither canonical decomposition nor `folding` makes ASCII: one of another script.
    private static func needsTransliteration(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII, scalar.properties.isAlphabetic, folding[scalar] == nil else { return false }
        return !(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first?.isASCII ?? false)
    }

    /// Letters that canonical decomposition does not reduce to ASCII.
    private static let folding: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "n", "Ŋ": "n", "ĸ": "k", "ŀ": "l", "Ŀ": "l",
        "ſ": "s", "ŧ": "t", "Ŧ": "t", "ƒ": "f", "ɐ": "a", "ə": "e", "Ə": "e",
        "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
    ]
}
