/// A block of a Markdown body as a reader sees it, for a writer that lays the text out itself (`pm show` on a
/// terminal): headings, paragraphs, lists, code, tables, quotes and rules, their inline text parsed into styled runs.
///
/// Nothing a reader sees is left out: link destinations follow their text, link reference definitions stay where
/// they were written, code keeps every line. HTML comments, which no Markdown viewer shows, are left out. The text is
/// as written: a writer for a terminal still makes it safe to print.
public indirect enum DisplayBlock: Hashable, Sendable {
    /// A heading, `level` 1 to 6.
    case heading(level: Int, text: [DisplayRun])
    case paragraph([DisplayRun])
    /// A bullet or ordered list; loose when a blank line separates its items or the blocks of one.
    case list(items: [DisplayListItem], isLoose: Bool)
    /// A fenced or indented code block's lines, exactly as written, and the first word of a fence's info string.
    case code(language: String, lines: [String])
    case table(DisplayTable)
    case quote([DisplayBlock])
    /// A thematic break (`---`, `***`).
    case rule
}

/// One item of a `DisplayBlock.list`.
public struct DisplayListItem: Hashable, Sendable {
    /// `-`, `*` or `+`, or the item's number followed by `.` or `)`.
    public var marker: String
    /// Whether the task checkbox is ticked; nil when the item has none.
    public var isChecked: Bool?
    public var blocks: [DisplayBlock]
}

/// A pipe table of a `DisplayBlock.table`: every row has as many cells as the header.
public struct DisplayTable: Hashable, Sendable {
    /// How a column's cells align.
    public enum Alignment: Hashable, Sendable { case none, left, center, right }

    public var alignments: [Alignment]
    public var header: [[DisplayRun]]
    public var rows: [[[DisplayRun]]]
}

/// A piece of inline text with its style, or a line break.
public enum DisplayRun: Hashable, Sendable {
    case text(String, DisplayStyle)
    /// A break inside a paragraph: `hard` when the writer forced it (a trailing backslash), else where a source line
    /// ended, which a writer that fills lines may turn into a space.
    case lineBreak(hard: Bool)
}

/// The styles of a `DisplayRun`.
public struct DisplayStyle: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let strong = DisplayStyle(rawValue: 1 << 0)
    public static let emphasis = DisplayStyle(rawValue: 1 << 1)
    public static let strikethrough = DisplayStyle(rawValue: 1 << 2)
    public static let code = DisplayStyle(rawValue: 1 << 3)
    /// The text of a link.
    public static let link = DisplayStyle(rawValue: 1 << 4)
    /// A link's destination and title, written after its text as ` <destination> "title"` (`[runbook](https://…)`).
    public static let destination = DisplayStyle(rawValue: 1 << 5)
}

extension [DisplayRun] {
    /// The text of the runs, line breaks as spaces.
    public var plainText: String {
        map { run in
            switch run {
            case .text(let text, _): return text
            case .lineBreak: return " "
            }
        }.joined()
    }
}
