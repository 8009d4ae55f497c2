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
    let isInMemory: Bool

    init(reader: SearchIndexReader, store: PostmortemStore, refresh: SearchIndexStore.Refresh, isInMemory: Bool = false) throws {
        self.reader = reader
        self.store = store
        self.refresh = refresh
        self.isInMemory = isInMemory
        state = try reader.state()
    }

    /// What `pm index --stats` prints.
    public struct Statistics: Sendable {
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

        public struct Ref: Sendable {
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

    /// Checks the parts of the index that are otherwise checked when first read (commits, events, every term's
    /// postings), so that `pm index` finds any damage at once.
    public func check() throws {
        try reader.checkHistorySections()
        try reader.checkExtras()
        try reader.checkAllPostings()
    }

    /// Runs a query: the current version of live postmortems, or with `history` every version ever committed.
    /// `snippets` reads the best version of each hit shown from git to pick the line to show.
    public func search(_ query: SearchQuery, history: Bool, limit: Int, snippets: Bool = true) throws -> SearchResults {
        var engine = try SearchEngine(index: self, history: history)
        let matched = try engine.evaluate(query)
        var results = try engine.results(matched, limit: limit, snippets: snippets)
        if !engine.absentKeys.isEmpty {
            let known = try engine.keysInUniverse()
            let candidates = SearchQueryParser.fieldNames + SearchQueryParser.aliases.keys.sorted() + known.sorted()
            results.absentKeys = engine.absentKeys.map { key in
                SearchAbsentKey(key: key, suggestion: EditDistance.nearest(to: key, among: candidates, limit: 2))
            }
        }
        return results
    }
}
