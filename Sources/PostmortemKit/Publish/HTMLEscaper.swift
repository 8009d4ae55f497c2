/// Makes text from a document safe inside HTML and XML: control characters removed, markup characters escaped.
///
/// The escapes are the five that HTML and XML share (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`), so the output
/// is also well-formed XML, and no character XML 1.0 forbids ever reaches it.
public enum HTMLEscaper {
    /// `text` for an element's content.
    static func text(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// `value` for an attribute value in double or single quotes.
    static func attribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    /// `text` without the characters pm never publishes: C0 controls other than tab and newline (carriage returns
    /// too), DEL, C1 controls, U+FFFE/U+FFFF, which XML forbids, and the bidirectional embeddings, overrides and
    /// isolates (U+202A–U+202E, U+2066–U+2069): a title with U+202E displayed reversed on the site, in the feed
    /// and in `pm export` on a terminal, as a Trojan Source spoof does; the terminal output already drops them.
    public static func removingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isPublishable($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(isPublishable))
        return String(scalars)
    }

    /// Whether `scalar` may appear in published output.
    static func isPublishable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return true
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF, 0x202A...0x202E, 0x2066...0x2069: return false
        default: return true
        }
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&#39;"
            default:
                if isPublishable(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
