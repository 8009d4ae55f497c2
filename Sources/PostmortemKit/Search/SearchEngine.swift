import Foundation
import Git

/// Whether strings of the index equal a text (case and accents folded), each distinct string decided once: thousands
/// of versions share a few severities, services, names and front-matter keys.
struct StoredStringMatcher {
    let wanted: String
    /// True to accept a string that holds `wanted` anywhere (`id:` matches a part of the id).
    var isPart = false
    private var verdicts: [UInt64: Bool] = [:]

    init(wanted: String, isPart: Bool = false) {
        self.wanted = wanted
        self.isPart = isPart
    }

    /// Whether string `string` of `segment` matches; `IndexLayout.none` never does.
    mutating func matches(_ string: UInt32, in segment: SearchIndexReader.Segment) throws -> Bool {
        guard string != IndexLayout.none else { return false }
        let key = UInt64(segment.documentBase) << 32 | UInt64(string)
        if let known = verdicts[key] { return known }
        let text = try segment.string(string)
        let verdict =
            isPart
            ? text.range(of: wanted, options: [.caseInsensitive, .diacriticInsensitive]) != nil
            : text.compare(wanted, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
        verdicts[key] = verdict
        return verdict
    }
}

/// Evaluates a query against the index and ranks what matched (BM25 with field weights).
///
/// Per-document state lives in arrays indexed by document number (the index numbers its documents densely), so
/// a word that half the history contains costs a pass over its postings, not a hash per document.
struct SearchEngine {
    let index: SearchIndex
    let history: Bool
    /// The documents a query can match: the live ones, or all of them with `--history`.
    let universe: DocumentSet
    let inUniverse: [Bool]
    /// For each document, the entry of `state.live` that holds it (its first path at HEAD), or -1.
    let liveEntry: [Int32]
    /// The other entries of a document that HEAD holds at several paths (a copied file): each is a hit of its own.
    let extraLiveEntries: [UInt32: [Int32]]
    /// BM25 contributions of the positive terms, per document.
    var scores: [Double]
    /// The folded terms a snippet should mark.
    var highlightTerms: Set<String> = []
    /// The phrases of two words or more: a snippet marks their words only where they follow each other.
    var highlightPhrases: [[String]] = []
    var averageLength: Double = 1
    /// The keys of `key:value` filters that no document of the universe has, in the order the query names them.
    var absentKeys: [String] = []

    static let k1 = 1.2
    static let b = 0.75

    var reader: SearchIndexReader { index.reader }

    init(index: SearchIndex, history: Bool) throws {
        self.index = index
        self.history = history
        let count = index.reader.documentCount
        var live = [Int32](repeating: -1, count: count)
        var extra: [UInt32: [Int32]] = [:]
        for (entry, document) in index.state.live.enumerated() {
            if live[Int(document.document)] < 0 {
                live[Int(document.document)] = Int32(entry)
            } else {
                extra[document.document, default: []].append(Int32(entry))
            }
        }
        liveEntry = live
        extraLiveEntries = extra
        universe =
            history ? DocumentSet(sorted: Array(0..<UInt32(count))) : DocumentSet(unsorted: index.state.live.map(\.document))
        var inUniverse = [Bool](repeating: history, count: count)
        if !history { for document in universe.numbers { inUniverse[Int(document)] = true } }
        self.inUniverse = inUniverse
        scores = [Double](repeating: 0, count: count)
        // The average length of every version stands for the live ones too: near enough for BM25's
        // normalization, and it is stored, so no search reads every record.
        averageLength = max(1, index.reader.averageDocumentLength)
    }

    mutating func evaluate(_ query: SearchQuery) throws -> DocumentSet {
        try evaluate(query, sections: nil, positive: true)
    }

    private mutating func evaluate(_ query: SearchQuery, sections: Set<String>?, positive: Bool) throws -> DocumentSet {
        switch query {
        case .phrase(let terms):
            if positive {
                if terms.count == 1 { highlightTerms.formUnion(terms) } else { highlightPhrases.append(terms) }
            }
            return try match(phrase: terms, sections: sections, positive: positive)
        case .prefix(let prefix):
            var terms = try reader.terms(withPrefix: prefix, limit: 512)
            let stem = EnglishStemmer.stem(prefix)
            if !terms.contains(stem) { terms.append(stem) }
            var result = DocumentSet.empty
            for term in terms {
                let matched = try match(phrase: [term], sections: sections, positive: positive)
                if positive, !matched.isEmpty { highlightTerms.insert(term) }
                result = result.union(matched)
            }
            return result
        case .field(let field, let value):
            // A foreign front matter may have a key of the same name (`owner: platform-team`): it counts too.
            guard [.service, .tag, .author, .owner, .id].contains(field) else { return try filter(field, value) }
            return try filter(field, value).union(try filter(key: field.rawValue, value, reportingAbsence: false))
        case .frontMatter(let key, let value):
            return try filter(key: key, value, reportingAbsence: true)
        case .after(let date):
            return try filter { try $0.date.map { $0 >= date } ?? false }
        case .before(let date):
            return try filter { try $0.date.map { $0 < date } ?? false }
        case .section(let name):
            try reader.checkExtras()
            var numbers = SectionNumbers(names: [name])
            return try filter { document in
                let wanted = try numbers.numbers(in: document.segment)
                return try document.fieldRanges.contains { wanted.contains($0.name) && $0.end > $0.start }
            }
        case .not(let inner):
            return universe.subtracting(try evaluate(inner, sections: sections, positive: !positive))
        case .and(let clauses):
            var restricted = sections
            let named = clauses.compactMap { clause -> String? in
                if case .section(let name) = clause { return name }
                return nil
            }
            var result: DocumentSet?
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
            return result ?? .empty
        case .or(let clauses):
            var result = DocumentSet.empty
            for clause in clauses { result = result.union(try evaluate(clause, sections: sections, positive: positive)) }
            return result
        }
    }

    private func filter(_ predicate: (IndexedDocument) throws -> Bool) throws -> DocumentSet {
        DocumentSet(sorted: try universe.numbers.filter { try predicate(try reader.document($0)) })
    }

    /// The documents whose front-matter `field` is `value` (case and accents folded; `id` matches a part). Each
    /// distinct stored string is compared once: thousands of versions share a few severities, services and names.
    private func filter(_ field: SearchField, _ value: String) throws -> DocumentSet {
        if [.service, .tag, .author, .owner].contains(field) { try reader.checkExtras() }
        let owner = field == .owner || field == .author
        let wanted = owner && value.hasPrefix("@") ? String(value.dropFirst()) : value
        if field == .status {
            let code = IndexedStatus.code(Status(rawValue: wanted))
            return try filter { try IndexedStatus.code($0.status) == code }
        }
        if field == .date {
            guard let day = LocalDate(iso: value) else { return .empty }
            return try filter { try $0.date == day }
        }
        if let number = SearchField.timestamps.firstIndex(of: field) {
            try reader.checkExtras()
            // A date is that day in pm.timezone; a timestamp is that instant (without a zone: in pm.timezone).
            let zone = index.store.configuration.timeZone
            let range: Range<Int64>
            if let day = LocalDate(iso: value) {
                range =
                    IndexLayout.milliseconds(
                        day.startOfDay(in: zone))..<IndexLayout.milliseconds(
                        day.adding(days: 1).startOfDay(in: zone))
            } else if let instant = Timestamp.parse(value, timeZone: zone) {
                let milliseconds = IndexLayout.milliseconds(instant)
                range = milliseconds..<milliseconds + 1
            } else {
                return .empty  // a local time the clocks skip in this zone
            }
            return try filter { document in
                let time = try document.timestamp(number)
                return time != IndexLayout.noTime && range.contains(time)
            }
        }
        if field == .visibility { try reader.checkExtras() }
        var matcher = StoredStringMatcher(wanted: wanted, isPart: field == .id)
        return try filter { document in
            switch field {
            case .severity: return try matcher.matches(try document.severityString, in: document.segment)
            case .id: return try matcher.matches(try document.idString, in: document.segment)
            case .service: return try document.listStrings(.services).contains { try matcher.matches($0, in: document.segment) }
            case .tag: return try document.listStrings(.tags).contains { try matcher.matches($0, in: document.segment) }
            case .author: return try document.listStrings(.authors).contains { try matcher.matches($0, in: document.segment) }
            case .owner: return try document.listStrings(.owners).contains { try matcher.matches($0, in: document.segment) }
            case .visibility: return try matcher.matches(try document.visibilityString, in: document.segment)
            case .status, .date, .started, .detected, .acknowledged, .mitigated, .resolved: return false
            }
        }
    }

    /// The documents with a front-matter field `key` (in any case) whose value, or an item of whose list, is `value`
    /// (case and accents folded: the whole value, as `service:` and `tag:` compare). When `reportingAbsence`, a key
    /// that no document of the universe has is noted in `absentKeys`: most likely a typo.
    private mutating func filter(key: String, _ value: String, reportingAbsence: Bool) throws -> DocumentSet {
        try reader.checkExtras()
        var keys = StoredStringMatcher(wanted: key)
        var values = StoredStringMatcher(wanted: value)
        var present = false
        let matched = try filter { document in
            for field in try document.fieldValues where try keys.matches(field.key, in: document.segment) {
                present = true
                if try values.matches(field.value, in: document.segment) { return true }
            }
            return false
        }
        if reportingAbsence, !present, !absentKeys.contains(key) { absentKeys.append(key) }
        return matched
    }

    /// The front-matter keys of the documents of the universe, lowercased: what a misspelt key may have meant.
    func keysInUniverse() throws -> Set<String> {
        var numbers = Set<UInt64>()
        var keys = Set<String>()
        for number in universe.numbers {
            let document = try reader.document(number)
            for field in try document.fieldValues
            where numbers.insert(UInt64(document.segment.documentBase) << 32 | UInt64(field.key)).inserted {
                keys.insert(try document.segment.string(field.key).lowercased())
            }
        }
        return keys
    }

    /// The documents of the universe where the terms follow each other (one term: where it occurs), inside the
    /// allowed sections; scores them when `positive`.
    private mutating func match(phrase terms: [String], sections: Set<String>?, positive: Bool) throws -> DocumentSet {
        guard let first = terms.first else { return .empty }
        var matched: [(document: UInt32, weight: Double)] = []
        if terms.count == 1, sections == nil {
            for postings in try reader.postings(first) {
                try postings.forEachWeight { document, doubled in
                    if inUniverse[Int(document)] { matched.append((document, Double(doubled) / 2)) }
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
        // Postings come in document order, segment after segment: already sorted.
        return DocumentSet(sorted: matched.map(\.document))
    }

    /// The weight of an occurrence in the field with this string number (see `IndexLayout.weightedFields`).
    static func weight(_ field: UInt32?) -> Double {
        guard let field else { return 0 }
        let weighted = IndexLayout.weightedFields
        return Double(Int(field) < weighted.count ? weighted[Int(field)].doubledWeight : IndexLayout.doubledBodyWeight) / 2
    }

    /// Phrases and section-bound words: the start positions of the first term, narrowed term by term to those that
    /// the next term follows, in flat arrays (a phrase of common words touches most documents).
    private func matchPositions(_ terms: [String], sections: Set<String>?) throws -> [(document: UInt32, weight: Double)] {
        try reader.checkExtras()
        var documents: [UInt32] = []
        var starts: [UInt32] = []
        var bounds: [Int] = [0]
        for postings in try reader.postings(terms[0]) {
            try postings.forEach(where: { inUniverse[Int($0)] }) { document, positions in
                documents.append(document)
                starts.append(contentsOf: positions)
                bounds.append(starts.count)
            }
        }
        var slot = [Int32](repeating: -1, count: reader.documentCount)
        for (offset, term) in terms.enumerated().dropFirst() where !documents.isEmpty {
            for (index, document) in documents.enumerated() { slot[Int(document)] = Int32(index) }
            var nextDocuments: [UInt32] = []
            var nextStarts: [UInt32] = []
            var nextBounds: [Int] = [0]
            for postings in try reader.postings(term) {
                try postings.forEach(where: { slot[Int($0)] >= 0 }) { document, positions in
                    let index = Int(slot[Int(document)])
                    let before = nextStarts.count
                    for start in starts[bounds[index]..<bounds[index + 1]]
                    where SearchEngine.contains(positions, start &+ UInt32(offset)) {
                        nextStarts.append(start)
                    }
                    if nextStarts.count > before {
                        nextDocuments.append(document)
                        nextBounds.append(nextStarts.count)
                    }
                }
            }
            for document in documents { slot[Int(document)] = -1 }
            documents = nextDocuments
            starts = nextStarts
            bounds = nextBounds
        }
        var allowedSections = sections.map { SectionNumbers(names: $0) }
        var matched: [(document: UInt32, weight: Double)] = []
        for (index, document) in documents.enumerated() {
            let record = try reader.document(document)
            let allowed = try allowedSections?.numbers(in: record.segment)
            var weight = 0.0
            for start in starts[bounds[index]..<bounds[index + 1]] {
                guard let field = try record.fieldName(at: start) else { continue }
                if let allowed, !allowed.contains(field) { continue }
                weight += SearchEngine.weight(field)
            }
            if weight > 0 { matched.append((document, weight)) }
        }
        return matched
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

    /// A postmortem that matched, as plain values so that thousands sort without reference counting.
    private struct Group {
        /// The entry of `state.live` (without --history) or the lineage (with it).
        var key: UInt32
        var best: UInt32
        var score: Double
    }

    /// Groups matched versions into postmortems, ranks them and fills in the best `limit`.
    func results(_ matched: DocumentSet, limit: Int, snippets: Bool) throws -> SearchResults {
        var groups: [Group] = []
        var groupOfDocument: [Int32] = []
        // Live: one hit per path at HEAD, found by the live entry. History: one per postmortem, by lineage.
        var groupOfEntry = [Int32](repeating: -1, count: history ? 0 : index.state.live.count)
        var groupOfLineage: [UInt32: Int32] = [:]
        groupOfDocument.reserveCapacity(matched.count)
        for document in matched.numbers {
            let score = scores[Int(document)]
            let entry = liveEntry[Int(document)]
            let key: UInt32
            let existing: Int32?
            if history {
                key = try reader.document(document).lineage
                existing = groupOfLineage[key]
            } else {
                guard entry >= 0 else {
                    groupOfDocument.append(-1)
                    continue
                }
                key = UInt32(entry)
                existing = groupOfEntry[Int(entry)] >= 0 ? groupOfEntry[Int(entry)] : nil
            }
            if let existing {
                groupOfDocument.append(existing)
                let group = groups[Int(existing)]
                if score > group.score || (score == group.score && entry >= 0 && liveEntry[Int(group.best)] < 0) {
                    groups[Int(existing)].best = document
                    groups[Int(existing)].score = score
                }
            } else {
                let number = Int32(groups.count)
                if history { groupOfLineage[key] = number } else { groupOfEntry[Int(entry)] = number }
                groupOfDocument.append(number)
                groups.append(Group(key: key, best: document, score: score))
            }
            if !history, let copies = extraLiveEntries[document] {
                for copy in copies where groupOfEntry[Int(copy)] < 0 {
                    groupOfEntry[Int(copy)] = Int32(groups.count)
                    groups.append(Group(key: UInt32(copy), best: document, score: score))
                }
            }
        }
        // Best score first; ties: the newest incident, then path order (live) or the order of first appearance.
        // Dates are read only for ties, which are few. A document that cannot be read fails the search when its hit
        // is read, so treating it as undated here changes no answer.
        func date(_ group: Group) -> Int32 {
            ((try? reader.document(group.best).date) ?? nil).map { Int32(clamping: $0.daysSinceEpoch) } ?? .min
        }
        func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (groups[a], groups[b])
            if x.score != y.score { return x.score > y.score }
            let (first, second) = (date(x), date(y))
            if first != second { return first > second }
            return x.key < y.key
        }
        // Only the shown ones need an order: the best `limit`, kept sorted as the groups go by.
        let wanted = max(0, min(limit, groups.count))
        var shown: [Int] = []
        shown.reserveCapacity(wanted + 1)
        if wanted > 256 {
            shown = Array(groups.indices.sorted(by: before).prefix(wanted))
        }
        for index in groups.indices where wanted <= 256 {
            if shown.count == wanted, let last = shown.last, !before(index, last) { continue }
            var low = 0
            var high = shown.count
            while low < high {
                let middle = (low + high) / 2
                if before(shown[middle], index) { low = middle + 1 } else { high = middle }
            }
            shown.insert(index, at: low)
            if shown.count > wanted { shown.removeLast() }
        }
        var documentsOfGroup: [Int: [UInt32]] = [:]
        for position in shown { documentsOfGroup[position] = [] }
        for (position, document) in matched.numbers.enumerated() {
            let group = Int(groupOfDocument[position])
            if group >= 0, documentsOfGroup[group] != nil { documentsOfGroup[group]?.append(document) }
        }
        var eventsByDocument: [UInt32: [IndexedEvent]] = [:]
        // A postmortem is live when any version of it is at HEAD, whether or not that version matched.
        var liveLineages: [UInt32: String] = [:]
        if history {
            for event in try reader.events(of: Set(documentsOfGroup.values.joined())) {
                eventsByDocument[event.document, default: []].append(event)
            }
            let lineages = Set(shown.map { groups[$0].key })
            for live in index.state.live {
                let lineage = try reader.document(live.document).lineage
                if lineages.contains(lineage), liveLineages[lineage] == nil { liveLineages[lineage] = try reader.livePath(live) }
            }
        }
        var hits: [SearchHit] = []
        var files = WorkingTreeFiles(repository: index.store.repository)
        defer { files.save() }
        for position in shown {
            let group = groups[position]
            let record = try reader.document(group.best)
            let livePath = try history ? liveLineages[group.key] : reader.livePath(index.state.live[Int(group.key)])
            var revisions: [SearchRevision] = []
            if history { revisions = try self.revisions(of: documentsOfGroup[position] ?? [], events: eventsByDocument) }
            let path = try livePath ?? revisions.first?.path ?? (record.id + ".md")
            hits.append(
                SearchHit(
                    id: PostmortemFile.id(ofPath: path), path: path, title: try record.title, date: try record.date,
                    severity: try record.severity, status: try record.status, score: group.score, isLive: livePath != nil,
                    snippet: snippets ? try snippet(of: record, path: path, files: &files) : nil, revisions: revisions))
        }
        let versions = groupOfDocument.count(where: { $0 >= 0 })
        return SearchResults(hits: hits, total: groups.count, matchedRevisions: versions)
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
            let livePath =
                try liveEntry[Int(document)] >= 0 ? reader.livePath(index.state.live[Int(liveEntry[Int(document)])]) : nil
            return SearchRevision(
                blob: try record.blob, path: try livePath ?? own.first?.path ?? (record.id + ".md"), isCurrent: livePath != nil,
                introduced: try own.filter { $0.kind == .introduced }.map { try reader.commit($0.commit) },
                removed: try own.filter { $0.kind == .removed }.map { try reader.commit($0.commit) })
        }
    }

    /// The line of a version to show: read from the working tree when the file there holds that very version
    /// (`WorkingTreeFiles` proves it, by stat data once it has hashed the file), else from git, which inflates the
    /// object and every delta it is stored as.
    private func snippet(of record: IndexedDocument, path: String, files: inout WorkingTreeFiles) throws -> SearchSnippet? {
        guard !highlightTerms.isEmpty || !highlightPhrases.isEmpty else { return nil }
        let blob = try record.blob
        // A snippet is an excerpt beside the hit: a blob that cannot be read gives the hit without one.
        guard let bytes = files.bytes(atPath: path, ifBlob: blob) ?? (try? index.store.repository.blob(blob)) else {
            return nil
        }
        return SearchSnippet.best(in: bytes, terms: highlightTerms, phrases: highlightPhrases)
    }
}
