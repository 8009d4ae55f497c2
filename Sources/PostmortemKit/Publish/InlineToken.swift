/// One piece of inline Markdown, parsed for publishing: a flat stream in which every `open` has its `close` and every
/// `linkOpen` its `linkClose`, properly nested, so writers need no recursion and always emit well-formed output.
enum InlineToken: Hashable, Sendable {
    /// A style that spans the tokens up to its `close`.
    enum Style: String, Hashable, Sendable {
        case emphasis
        case strong
        case strikethrough
    }

    /// Literal text, escapes resolved (`\*` is `*`).
    case text(String)
    /// The content of a code span.
    case code(String)
    case open(Style)
    case close(Style)
    /// A link (or an image, which public output shows as a link to it) to `destination` as written; writers check it
    /// with `LinkPolicy` and show only the text when it is not safe.
    case linkOpen(destination: String, title: String?)
    case linkClose
    /// A line break inside a paragraph that is not forced.
    case softBreak
    /// A forced line break (a backslash at the end of the line).
    case hardBreak
}

extension [InlineToken] {
    /// The plain text of the tokens: text and code content, line breaks as spaces.
    var plainText: String {
        var result = ""
        for token in self {
            switch token {
            case .text(let text), .code(let text): result += text
            case .softBreak, .hardBreak: result += " "
            case .open, .close, .linkOpen, .linkClose: break
            }
        }
        return result
    }
}
