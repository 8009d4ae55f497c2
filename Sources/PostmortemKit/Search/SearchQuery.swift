/// A parsed `pm search` query.
///
/// Words next to each other must all match (`AND` may be written, and is the same); `OR` binds tighter than that
/// (`timeout db OR cache` is `timeout (db OR cache)`); `-word` or `NOT word` excludes; parentheses group. A word with punctuation inside (`checkout-api`) is the phrase
/// of its parts.
public indirect enum SearchQuery: Sendable, Equatable {
    /// One term, or several that must follow each other (a phrase).
    case phrase([String])
    /// Every term that starts with this folded text.
    case prefix(String)
    /// A value pm reads itself (`SearchField`), compared as pm reads it.
    case field(SearchField, String)
    /// A front-matter field by its key (lowercased; keys match whatever their case), matched against its value as
    /// written or any item of its list, case and accents folded: `company:Cloudflare`, `categories:cloud`.
    case frontMatter(String, String)
    /// The incident date is on or after this date.
    case after(LocalDate)
    /// The incident date is before this date.
    case before(LocalDate)
    /// The words of the same group match only inside this section (a field name, see `SearchDocument`).
    case section(String)
    case not(SearchQuery)
    case and([SearchQuery])
    case or([SearchQuery])
}

/// The fields pm reads that a query can filter on: what it compares is what pm reads, not the text as written (the
/// date and the timestamps as dates and instants, the owners of the action items, a part of the id).
public enum SearchField: String, Sendable, CaseIterable {
    case severity, status, service, tag, author, owner, id, date, visibility
    case started, detected, acknowledged, mitigated, resolved

    /// The five timestamps, in lifecycle order (the order the index keeps them in).
    static let timestamps: [SearchField] = [.started, .detected, .acknowledged, .mitigated, .resolved]
}

/// A query that cannot be parsed: what is wrong and the column (1-based, in characters) where it is.
public struct SearchQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public var description: String { "column \(column): \(message)" }
}

extension SearchQuery {
    /// The values the query gives a field, wherever it does (`severity:SEV9`, to check them).
    public func values(of field: SearchField) -> [String] {
        switch self {
        case .field(let name, let value): return name == field ? [value] : []
        case .phrase, .prefix, .frontMatter, .after, .before, .section: return []
        case .not(let inner): return inner.values(of: field)
        case .and(let clauses), .or(let clauses): return clauses.flatMap { $0.values(of: field) }
        }
    }

    /// True when the query can match something: at least one clause besides empty phrases.
    var hasContent: Bool {
        switch self {
        case .phrase(let terms): return !terms.isEmpty
        case .prefix, .field, .frontMatter, .after, .before, .section: return true
        case .not(let inner): return inner.hasContent
        case .and(let clauses), .or(let clauses): return clauses.contains(where: \.hasContent)
        }
    }
}
