import Foundation
import Git

/// An up-to-date search index, ready to answer queries.
public final class SearchIndex {
    let reader: SearchIndexReader
    let store: PostmortemStore
    let state: IndexState
    /// What opening it did: nothing, appended the new commits, or built it anew.
    public let refresh: SearchIndexStore.Refresh
    /// True when the repository could not be written and the index lives only in this process.
    public let isInMemory: Bool

    init(reader: SearchIndexReader, store: PostmortemStore, refresh: SearchIndexStore.Refresh, isInMemory: Bool = false) throws {
        self.reader = reader
        self.store = store
        self.refresh = refresh
        self.isInMemory = isInMemory
        state = try reader.state(includingLineages: false)
    }

    /// What `pm index --stats` prints.
    public struct Statistics: Sendable, Encodable {
        public var path: String
        public var inMemory: Bool
        public var bytes: Int
        public var segments: Int
        /// Postmortems live at HEAD.
        public var documents: Int
        /// Distinct versions (blobs) of every postmortem in the history.
        public var revisions: Int
        public var commits: Int
        public var terms: Int
        public var buildMilliseconds: Int
        public var builtAt: Date
        public var head: String
        public var refs: [Ref]

        public struct Ref: Sendable, Encodable {
            public var name: String
            public var target: String
        }
    }

    public var statistics: Statistics {
        Statistics(
            path: isInMemory ? "(in memory)" : SearchIndexStore(store: store).path, inMemory: isInMemory,
            bytes: reader.storage.bytes.count, segments: reader.segments.count, documents: state.live.count,
            revisions: reader.documentCount, commits: reader.commitCount, terms: reader.termCount,
            buildMilliseconds: Int(state.buildMilliseconds), builtAt: Date(timeIntervalSince1970: TimeInterval(state.createdAt)),
            head: state.head, refs: state.refs.map { Statistics.Ref(name: $0.name, target: $0.target.hex) })
    }

    /// Runs a query: the current version of live postmortems, or with `history` every version ever committed.
    /// `snippets` reads the best version of each hit shown from git to pick the line to show.
    public func search(_ query: SearchQuery, history: Bool, limit: Int, snippets: Bool = true) throws -> SearchResults {
        var engine = try SearchEngine(index: self, history: history)
        let matched = try engine.evaluate(query)
        return try engine.results(matched, limit: limit, snippets: snippets)
    }
}

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

/// A line of text with the byte ranges of the matched words.
public struct SearchSnippet: Sendable, Equatable {
    public var text: String
    public var highlights: [Range<Int>]
}

/// The answer to a query.
public struct SearchResults: Sendable {
    /// The best hits, at most the limit asked for.
    public var hits: [SearchHit]
    /// How many postmortems matched in all.
    public var total: Int
    /// How many versions matched (with `--history`; else the live ones).
    public var matchedRevisions: Int
}

extension SearchSnippet {
    /// At most about `width` characters of `text` around its first highlight, with `…` where it was cut.
    static func cut(_ text: String, around highlights: [Range<Int>], width: Int) -> SearchSnippet {
        let bytes = Array(text.utf8)
        guard bytes.count > width * 2 || text.count > width, let first = highlights.first else {
            return SearchSnippet(text: text, highlights: highlights)
        }
        // Start a little before the first match, at a word boundary; stop at about `width` characters.
        var start = max(0, first.lowerBound - width / 4)
        while start > 0, start < bytes.count, bytes[start] != 0x20 { start -= 1 }
        while start < bytes.count, (bytes[start] & 0xC0) == 0x80 { start += 1 }
        var end = start
        var characters = 0
        while end < bytes.count, characters < width {
            end += 1
            while end < bytes.count, (bytes[end] & 0xC0) == 0x80 { end += 1 }
            characters += 1
        }
        let prefix = start > 0 ? "… " : ""
        let suffix = end < bytes.count ? " …" : ""
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        let body = String(decoding: bytes[start..<end], as: UTF8.self)
        let shift = prefix.utf8.count - start
        let kept = highlights.filter { $0.lowerBound >= start && $0.upperBound <= end }.map {
            ($0.lowerBound + shift)..<($0.upperBound + shift)
        }
        return SearchSnippet(text: prefix + body + suffix, highlights: kept)
    }
}
