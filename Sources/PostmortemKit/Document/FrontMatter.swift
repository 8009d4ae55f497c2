/// The parsed YAML front-matter block at the top of a document.
public struct FrontMatter: Hashable, Sendable {
    /// The fields, in document order (a duplicated key keeps its first occurrence).
    public var entries: [FrontMatterEntry]
    /// The line of the opening `---` (always 1).
    var openingLine: Int
    /// The line of the closing `---` or `...`, or nil when the block is never closed.
    var closingLine: Int?
    /// The first line of the Markdown body after the block.
    var bodyStartLine: Int
    /// Everything in the block that is outside the supported YAML subset.
    public var errors: [DocumentError]

    init(
        entries: [FrontMatterEntry], openingLine: Int, closingLine: Int?, bodyStartLine: Int,
        errors: [DocumentError]
    ) {
        self.entries = entries
        self.openingLine = openingLine
        self.closingLine = closingLine
        self.bodyStartLine = bodyStartLine
        self.errors = errors
    }

    /// The entry for `key` (keys are case-sensitive, as in YAML).
    subscript(key: String) -> FrontMatterEntry? {
        entries.first { $0.key == key }
    }

    /// The entry for `key`, if present.
    func entry(for key: String) -> FrontMatterEntry? {
        self[key]
    }

    /// The keys, in document order.
    var keys: [String] { entries.map(\.key) }

    /// The value of `key` when it is a string.
    public func string(_ key: String) -> String? {
        self[key]?.value.stringValue
    }

    /// The value of `key` when it is a list.
    public func list(_ key: String) -> [String]? {
        self[key]?.value.listValue
    }
}
