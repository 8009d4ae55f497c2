import Foundation
import Git

/// Evaluates a query against the index and ranks what matched (BM25 with field weights).
///
/// Per-document state lives in arrays indexed by document number (the index numbers its documents densely), so
/// a word that half the history contains costs a pass over its postings, not a hash per document.
struct SearchEngine {
    let index: SearchIndex
    let history: Bool
    /// The documents a query can match: the live ones, or all of them with `--history`.
    let universe: [UInt32]
    let inUniverse: [Bool]
    /// For each document, the entry of `state.live` that holds it (its first path at HEAD), or -1.
    let liveEntry: [Int32]
    /// BM25 contributions of the positive terms, per document.
    var scores: [Double]
    /// The folded terms a snippet should mark.
    var highlightTerms: Set<String> = []
    var averageLength: Double = 1

    static let k1 = 1.2
    static let b = 0.75
    /// Weights of string numbers 0, 1, 2 of every segment (title, tags, summary); the rest of the text weighs 1.
    static let fieldWeights: [Double] = [3.0, 1.5, 2.0]

    var reader: SearchIndexReader { index.reader }

    init(index: SearchIndex, history: Bool) throws {
        self.index = index
        self.history = history
        let count = index.reader.documentCount
        var live = [Int32](repeating: -1, count: count)
        for (entry, document) in index.state.live.enumerated() where live[Int(document.document)] < 0 {
            live[Int(document.document)] = Int32(entry)
        }
        liveEntry = live
        universe = history ? Array(0..<UInt32(count)) : index.state.live.map(\.document)
        var inUniverse = [Bool](repeating: history, count: count)
        if !history { for document in universe { inUniverse[Int(document)] = true } }
        self.inUniverse = inUniverse
        scores = [Double](repeating: 0, count: count)
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
            return Set(universe).subtracting(try evaluate(inner, sections: sections, positive: !positive))
        case .and(let clauses):
            var restricted = sections
            let named = clauses.compactMap { clause -> String? in
                if case .section(let name) = clause { return name }
                return nil
            }
            var result: Set<UInt32>?
            if !named.isEmpty {
                restricted = Set(named)
                result = try evaluate(.or(named.map { SearchQuery.section($0) }), sections: nil, positive: positive)
            }
            // The narrowest clauses first would be faster; document order keeps the scores' sums the same.
            for clause in clauses {
                if case .section = clause { continue }
                let matched = try evaluate(clause, sections: restricted, positive: positive)
                result = result.map { $0.intersection(matched) } ?? matched
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
        var matched: [(document: UInt32, weight: Double)] = []
        if terms.count == 1, sections == nil {
            for postings in try reader.postings(first) {
                try postings.forEach { document, positions in
                    guard inUniverse[Int(document)] else { return }
                    let record = try reader.document(document)
                    var weight = 0.0
                    for position in positions { weight += SearchEngine.weight(try record.fieldName(at: position)) }
                    matched.append((document, weight))
                }
            }
        } else {
            matched = try matchPositions(terms, sections: sections)
        }
        if positive, !matched.isEmpty {
            let count = Double(universe.count)
            let frequency = Double(matched.count)
            let idf = log(1 + (count - frequency + 0.5) / (frequency + 0.5))
            for (document, weight) in matched {
                let length = Double(try reader.document(document).length)
                let normalization = SearchEngine.k1 * (1 - SearchEngine.b + SearchEngine.b * length / averageLength)
                scores[Int(document)] += idf * weight * (SearchEngine.k1 + 1) / (weight + normalization)
            }
        }
        return Set(matched.map(\.document))
    }

    static func weight(_ field: UInt32?) -> Double {
        guard let field else { return 0 }
        return field < 3 ? fieldWeights[Int(field)] : 1
    }

    /// Phrases and section-bound words: the positions of every term per document, then the starts that line up.
    private func matchPositions(_ terms: [String], sections: Set<String>?) throws -> [(document: UInt32, weight: Double)] {
        var candidates: [UInt32: [[UInt32]]] = [:]
        for postings in try reader.postings(terms[0]) {
            try postings.forEach { document, positions in
                if inUniverse[Int(document)] { candidates[document] = [positions] }
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
        var matched: [(document: UInt32, weight: Double)] = []
        for (document, lists) in candidates {
            let record = try reader.document(document)
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
                guard follows, let field = try record.fieldName(at: start) else { continue }
                if let allowed, !allowed.contains(field) { continue }
                weight += SearchEngine.weight(field)
            }
            if weight > 0 { matched.append((document, weight)) }
        }
        return matched.sorted { $0.document < $1.document }
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

    /// A postmortem that matched: the versions of it that did, and the best of them.
    private struct Group {
        /// The entry of `state.live` (without --history) or the lineage (with it).
        var key: UInt32
        var documents: [UInt32]
        var best: UInt32
        var score: Double
        var date: Int32
    }

    /// Groups matched versions into postmortems, ranks them and fills in the best `limit`.
    func results(_ matched: Set<UInt32>, limit: Int, snippets: Bool) throws -> SearchResults {
        var groups: [Group] = []
        var groupOfKey: [UInt32: Int] = [:]
        for document in matched.sorted() {
            let score = scores[Int(document)]
            // Live: one hit per path at HEAD. History: one hit per postmortem, across its renames.
            let key: UInt32
            if history {
                key = try reader.document(document).lineage
            } else {
                guard liveEntry[Int(document)] >= 0 else { continue }
                key = UInt32(liveEntry[Int(document)])
            }
            if let existing = groupOfKey[key] {
                groups[existing].documents.append(document)
                let best = groups[existing].best
                if score > groups[existing].score
                    || (score == groups[existing].score && liveEntry[Int(document)] >= 0 && liveEntry[Int(best)] < 0)
                {
                    groups[existing].best = document
                    groups[existing].score = score
                }
            } else {
                groupOfKey[key] = groups.count
                groups.append(Group(key: key, documents: [document], best: document, score: score, date: 0))
            }
        }
        for index in groups.indices {
            groups[index].date =
                try reader.document(groups[index].best).date.map { Int32(clamping: $0.daysSinceEpoch) } ?? Int32.min
        }
        // Best score first; ties: the newest incident, then path order (live) or the order of first appearance.
        groups.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.date != b.date { return a.date > b.date }
            return a.key < b.key
        }
        let shown = groups.prefix(max(0, limit))
        var eventsByDocument: [UInt32: [IndexedEvent]] = [:]
        // A postmortem is live when any version of it is at HEAD, whether or not that version matched.
        var liveLineages: [UInt32: String] = [:]
        if history {
            for event in try reader.events(of: Set(shown.flatMap(\.documents))) {
                eventsByDocument[event.document, default: []].append(event)
            }
            let lineages = Set(shown.map(\.key))
            for live in index.state.live {
                let lineage = try reader.document(live.document).lineage
                if lineages.contains(lineage), liveLineages[lineage] == nil { liveLineages[lineage] = live.path }
            }
        }
        var hits: [SearchHit] = []
        for group in shown {
            let record = try reader.document(group.best)
            let livePath = history ? liveLineages[group.key] : index.state.live[Int(group.key)].path
            var revisions: [SearchRevision] = []
            if history { revisions = try self.revisions(of: group.documents, events: eventsByDocument) }
            let path = try livePath ?? revisions.first?.path ?? (record.id + ".md")
            hits.append(
                SearchHit(
                    id: PostmortemFile.id(ofPath: path), path: path, title: try record.title, date: try record.date,
                    severity: try record.severity, status: try record.status, score: group.score, isLive: livePath != nil,
                    snippet: snippets ? try snippet(of: record, path: path) : nil, revisions: revisions))
        }
        return SearchResults(hits: hits, total: groups.count, matchedRevisions: groups.reduce(0) { $0 + $1.documents.count })
    }

    /// The matched versions of one postmortem, newest first: commits are numbered in the order the walk met them,
    /// parents before children.
    private func revisions(of documents: [UInt32], events: [UInt32: [IndexedEvent]]) throws -> [SearchRevision] {
        func newest(_ document: UInt32) -> UInt32 {
            (events[document] ?? []).filter { $0.kind == .introduced }.map(\.commit).max() ?? 0
        }
        let ordered = documents.sorted { a, b in newest(a) != newest(b) ? newest(a) > newest(b) : a > b }
        return try ordered.map { document in
            let own = (events[document] ?? []).sorted { $0.commit > $1.commit }
            let record = try reader.document(document)
            let livePath = liveEntry[Int(document)] >= 0 ? index.state.live[Int(liveEntry[Int(document)])].path : nil
            return SearchRevision(
                blob: try record.blob, path: try livePath ?? own.first?.path ?? (record.id + ".md"), isCurrent: livePath != nil,
                introduced: try own.filter { $0.kind == .introduced }.map { try reader.commit($0.commit) },
                removed: try own.filter { $0.kind == .removed }.map { try reader.commit($0.commit) })
        }
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
            let summary = document.fields.first { $0.name == SectionKind.summary.rawValue }?.lines.dropFirst().first
            return summary.map { SearchSnippet(text: SearchSnippet.cut($0, around: [0..<0], width: 110).text, highlights: []) }
        }
        return SearchSnippet.cut(best.text, around: best.tokens.map { $0.start..<$0.end }, width: 110)
    }
}
