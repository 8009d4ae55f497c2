import Git

/// One postmortem that matched, with the version that ranked best.
public struct SearchHit: Sendable {
    public var id: String
    public var path: String
    public var title: String
    public var date: LocalDate?
    public var severity: String?
    public var status: Status?
    public var score: Double
    /// False for a postmortem no longer at HEAD (found with `--history` only).
    public var isLive: Bool
    /// The words to show: a line of the best version with the matched words marked.
    public var snippet: SearchSnippet?
    /// With `--history`: every matching version, newest first.
    public var revisions: [SearchRevision]
}

/// A version (blob) of a postmortem that matched, and the commits that brought it in and took it out.
public struct SearchRevision: Sendable {
    public var blob: OID
    public var path: String
    /// True when this is the version at HEAD.
    public var isCurrent: Bool
    /// Newest first (a version can come back: a revert).
    public var introduced: [IndexedCommit]
    public var removed: [IndexedCommit]
}

/// The answer to a query.
public struct SearchResults: Sendable {
    /// The best hits, at most the limit asked for.
    public var hits: [SearchHit]
    /// How many postmortems matched in all.
    public var total: Int
    /// How many versions matched (with `--history`; else the live ones).
    public var matchedRevisions: Int
    /// The `key:value` filters whose key no postmortem searched has (at HEAD, or in the history with `--history`).
    public var absentKeys: [SearchAbsentKey] = []
}

/// A key of a `key:value` filter that no postmortem searched has: not an error (a foreign collection's keys are
/// its own), but most likely a typo, which the nearest key names.
public struct SearchAbsentKey: Sendable, Equatable {
    /// The key as the query gives it, lowercased.
    public var key: String
    /// The filter or front-matter key nearest to it, when one is close enough to be meant.
    public var suggestion: String?
}
