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
        state = try reader.state()
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

/// Evaluates a query against the index and ranks what matched (BM25 with field weights).
struct SearchEngine {
    let index: SearchIndex
    let history: Bool
    /// The documents a query can match: the live ones, or all of them with `--history`.
    let universe: [UInt32]
    let universeSet: Set<UInt32>
    /// The live path of each live document.
    let livePaths: [UInt32: [String]]
    /// BM25 contributions of the positive terms, per document.
    var scores: [UInt32: Double] = [:]
    /// The folded terms a snippet should mark.
    var highlightTerms: Set<String> = []
    var averageLength: Double = 1

    static let k1 = 1.2
    static let b = 0.75
    /// Weights of string numbers 0, 1, 2 of every segment (title, tags, summary); the body weighs 1.
    static let fieldWeights: [Double] = [3.0, 1.5, 2.0]

    var reader: SearchIndexReader { index.reader }

    init(index: SearchIndex, history: Bool) throws {
        self.index = index
        self.history = history
        var live: [UInt32: [String]] = [:]
        for document in index.state.live { live[document.document, default: []].append(document.path) }
        livePaths = live
        universe = history ? Array(0..<UInt32(index.reader.documentCount)) : live.keys.sorted()
        universeSet = Set(universe)
        var total = 0
        for number in universe { total += try index.reader.document(number).length }
        averageLength = max(1, Double(total) / Double(max(1, universe.count)))
    }

    mutating func evaluate(_ query: SearchQuery) throws -> Set<UInt32> {
        try evaluate(query, sections: nil, positive: true)
    }

    private mutating func evaluate(_ query: SearchQuery, sections: Set<String>?, positive: Bool) throws -> Set<UInt32> {
        switch query {
        case .phrase(let terms):
            if positive { highlightTerms.formUnion(terms) }
            return try match(phrase: terms, sections: sections, positive: positive)
        case .prefix(let prefix):
            var terms = try reader.terms(withPrefix: prefix, limit: 512)
            let stem = EnglishStemmer.stem(prefix)
            if !terms.contains(stem) { terms.append(stem) }
            var result = Set<UInt32>()
            for term in terms {
                let matched = try match(phrase: [term], sections: sections, positive: positive)
                if positive, !matched.isEmpty { highlightTerms.insert(term) }
                result.formUnion(matched)
            }
            return result
        case .field(let field, let value):
            return try filter { document in try SearchEngine.matches(document, field: field, value: value) }
        case .after(let date):
            return try filter { try $0.date.map { $0 >= date } ?? false }
        case .before(let date):
            return try filter { try $0.date.map { $0 < date } ?? false }
        case .section(let name):
            return try filter { try $0.fields.contains { $0.name == name && $0.end > $0.start + 1 } }
        case .not(let inner):
            return universeSet.subtracting(try evaluate(inner, sections: sections, positive: !positive))
        case .and(let clauses):
            var restricted = sections
            var sectionOnly = Set<UInt32>()
            let named = clauses.compactMap { clause -> String? in
                if case .section(let name) = clause { return name }
                return nil
            }
            if !named.isEmpty {
                restricted = Set(named)
                sectionOnly = try evaluate(.or(named.map { SearchQuery.section($0) }), sections: nil, positive: positive)
            }
            var result: Set<UInt32>? = named.isEmpty ? nil : sectionOnly
            for clause in clauses {
                if case .section = clause { continue }
                let matched = try evaluate(clause, sections: restricted, positive: positive)
                result = result.map { $0.intersection(matched) } ?? matched
                if result?.isEmpty == true { break }
            }
            return result ?? []
        case .or(let clauses):
            var result = Set<UInt32>()
            for clause in clauses { result.formUnion(try evaluate(clause, sections: sections, positive: positive)) }
            return result
        }
    }

    private func filter(_ predicate: (IndexedDocument) throws -> Bool) throws -> Set<UInt32> {
        var result = Set<UInt32>()
        for number in universe where try predicate(try reader.document(number)) { result.insert(number) }
        return result
    }

    static func matches(_ document: IndexedDocument, field: SearchField, value: String) throws -> Bool {
        func same(_ a: String, _ b: String) -> Bool {
            a.compare(b, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
        }
        let wanted = value.hasPrefix("@") && (field == .owner || field == .author) ? String(value.dropFirst()) : value
        switch field {
        case .severity: return try document.severity.map { same($0, wanted) } ?? false
        case .status: return try IndexedStatus.code(document.status) == IndexedStatus.code(Status(rawValue: wanted))
        case .service: return try document.lists[0].contains { same($0, wanted) }
        case .tag: return try document.lists[1].contains { same($0, wanted) }
        case .author: return try document.lists[2].contains { same($0, wanted) }
        case .owner: return try document.lists[3].contains { same($0, wanted) }
        case .id: return try document.id.range(of: wanted, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
    }

    /// The documents of the universe where the terms follow each other (one term: where it occurs), inside the
    /// allowed sections; scores them when `positive`.
    private mutating func match(phrase terms: [String], sections: Set<String>?, positive: Bool) throws -> Set<UInt32> {
        guard let first = terms.first else { return [] }
        // Positions of every term per document, for the documents that have the first term.
        var candidates: [UInt32: [[UInt32]]] = [:]
        for postings in try reader.postings(first) {
            try postings.forEach { document, positions in
                if universeSet.contains(document) { candidates[document] = [positions] }
            }
        }
        for term in terms.dropFirst() where !candidates.isEmpty {
            var next: [UInt32: [[UInt32]]] = [:]
            for postings in try reader.postings(term) {
                try postings.forEach { document, positions in
                    if var lists = candidates[document] {
                        lists.append(positions)
                        next[document] = lists
                    }
                }
            }
            candidates = next
        }
        var matched: [UInt32: Double] = [:]
        for (document, lists) in candidates {
            let record = try reader.document(document)
            let ranges = try record.fieldRanges
            let allowed: Set<UInt32>? = try sections.map { names in
                Set(try names.compactMap { try record.segment.index(of: $0) })
            }
            var weight = 0.0
            for start in lists[0] {
                var follows = true
                for (offset, positions) in lists.enumerated().dropFirst()
                where !SearchEngine.contains(positions, start + UInt32(offset)) {
                    follows = false
                    break
                }
                guard follows, let field = ranges.first(where: { start >= $0.start && start < $0.end }) else { continue }
                if let allowed, !allowed.contains(field.name) { continue }
                weight += field.name < 3 ? SearchEngine.fieldWeights[Int(field.name)] : 1
            }
            if weight > 0 { matched[document] = weight }
        }
        if positive, !matched.isEmpty {
            let count = Double(universe.count)
            let frequency = Double(matched.count)
            let idf = log(1 + (count - frequency + 0.5) / (frequency + 0.5))
            for (document, weight) in matched {
                let length = Double(try reader.document(document).length)
                let normalization = SearchEngine.k1 * (1 - SearchEngine.b + SearchEngine.b * length / averageLength)
                scores[document, default: 0] += idf * weight * (SearchEngine.k1 + 1) / (weight + normalization)
            }
        }
        return Set(matched.keys)
    }

    /// Binary search in sorted positions.
    static func contains(_ positions: [UInt32], _ value: UInt32) -> Bool {
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < positions.count && positions[low] == value
    }

    /// Groups matched versions into postmortems, ranks them and fills in the best `limit`.
    func results(_ matched: Set<UInt32>, limit: Int, snippets: Bool) throws -> SearchResults {
        struct Group {
            var key: String
            var documents: [UInt32] = []
            var best: UInt32
            var score: Double
        }
        var groups: [String: Group] = [:]
        for document in matched {
            let score = scores[document] ?? 0
            // Live: one hit per path at HEAD. History: one hit per postmortem, across its renames.
            let keys = history ? ["lineage:\(try reader.document(document).lineage)"] : (livePaths[document] ?? [])
            for key in keys {
                var group = groups[key] ?? Group(key: key, best: document, score: score)
                group.documents.append(document)
                let isLive = livePaths[document] != nil
                let bestIsLive = livePaths[group.best] != nil
                if score > group.score || (score == group.score && isLive && !bestIsLive) {
                    group.best = document
                    group.score = score
                }
                groups[key] = group
            }
        }
        var ranked: [(group: Group, date: LocalDate?, id: String)] = []
        for group in groups.values {
            let record = try reader.document(group.best)
            ranked.append(
                (group, try record.date, group.key.hasPrefix("lineage:") ? try record.id : PostmortemFile.id(ofPath: group.key)))
        }
        ranked.sort { a, b in
            if a.group.score != b.group.score { return a.group.score > b.group.score }
            if a.date != b.date {
                return (a.date ?? LocalDate(daysSinceEpoch: -1_000_000)) > (b.date ?? LocalDate(daysSinceEpoch: -1_000_000))
            }
            return a.id < b.id
        }
        var hits: [SearchHit] = []
        var eventsByDocument: [UInt32: [IndexedEvent]] = [:]
        // A postmortem is live when any version of it is at HEAD, whether or not that version matched.
        var liveLineages: [UInt32: String] = [:]
        if history {
            for live in index.state.live { liveLineages[try reader.document(live.document).lineage] = live.path }
        }
        let shown = ranked.prefix(max(0, limit))
        if history {
            let wanted = Set(shown.flatMap(\.group.documents))
            for event in try reader.events(of: wanted) { eventsByDocument[event.document, default: []].append(event) }
        }
        for entry in shown {
            let group = entry.group
            let record = try reader.document(group.best)
            let livePath = history ? liveLineages[try record.lineage] : group.key
            var path = history ? livePath : group.key
            var revisions: [SearchRevision] = []
            if history {
                // Newest first: commits are numbered in the order the walk met them, parents before children.
                let documents = group.documents.sorted { a, b in
                    let first = (eventsByDocument[a] ?? []).filter { $0.kind == .introduced }.map(\.commit).max() ?? 0
                    let second = (eventsByDocument[b] ?? []).filter { $0.kind == .introduced }.map(\.commit).max() ?? 0
                    return first != second ? first > second : a > b
                }
                for document in documents {
                    let events = (eventsByDocument[document] ?? []).sorted { $0.commit > $1.commit }
                    let fallback = try reader.document(document).id + ".md"
                    let introduced = try events.filter { $0.kind == .introduced }.map { try reader.commit($0.commit) }
                    let removed = try events.filter { $0.kind == .removed }.map { try reader.commit($0.commit) }
                    revisions.append(
                        SearchRevision(
                            blob: try reader.document(document).blob,
                            path: livePaths[document]?.first ?? events.first?.path ?? fallback,
                            isCurrent: livePaths[document] != nil, introduced: introduced, removed: removed))
                }
                if path == nil { path = revisions.first?.path }
            }
            let recordID = try record.id
            let finalPath = path ?? recordID + ".md"
            hits.append(
                SearchHit(
                    id: PostmortemFile.id(ofPath: finalPath), path: finalPath, title: try record.title, date: try record.date,
                    severity: try record.severity, status: try record.status, score: group.score, isLive: livePath != nil,
                    snippet: snippets ? try snippet(of: record, path: finalPath) : nil, revisions: revisions))
        }
        return SearchResults(hits: hits, total: groups.count, matchedRevisions: matched.count)
    }

    /// The line of a version with the most matched words; the summary's first line when only the title matched.
    private func snippet(of record: IndexedDocument, path: String) throws -> SearchSnippet? {
        guard !highlightTerms.isEmpty, let bytes = try? index.store.repository.blob(try record.blob) else { return nil }
        let document = SearchDocument.make(bytes: bytes, path: path, timeZone: index.store.configuration.timeZone)
        var best: (score: Int, text: String, tokens: [SearchToken])?
        for field in document.fields where field.name != SearchDocument.titleField {
            for line in field.lines {
                let tokens = SearchTokenizer.tokens(in: line).filter { highlightTerms.contains($0.term) }
                let score = Set(tokens.map(\.term)).count * 100 + tokens.count
                if score > 0, score > (best?.score ?? 0) { best = (score, line, tokens) }
            }
        }
        guard let best else {
            // Only the title matched: the summary's first line says what the incident was.
            let summary = document.fields.first { $0.name == SectionKind.summary.rawValue }?.lines.dropFirst().first
            return summary.map { SearchSnippet.cut($0, around: [0..<0], width: 110) }.map {
                SearchSnippet(text: $0.text, highlights: [])
            }
        }
        return SearchSnippet.cut(best.text, around: best.tokens.map { $0.start..<$0.end }, width: 110)
    }
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
