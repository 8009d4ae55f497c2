import Foundation
import Git

extension SearchIndex {
    /// Every postmortem live at HEAD, with its action items' open and close commits taken from the history the
    /// index covers. Files in the folder without front matter are not postmortems and are left out.
    ///
    /// An item's versions are followed along HEAD's history, parents before children, up to the commit that
    /// brought in the version at HEAD; it is matched from version to version by its action text (case and spacing
    /// aside), or by its number when no version item has that text. It was completed by the first commit of the
    /// last run of versions in which it is ticked. Commits on other branches only (the copies a rebase left
    /// behind, say) do not count; each commit is dated by its author date, as `git log` shows it, which a rebase
    /// keeps.
    public func incidents() throws -> [Incident] {
        try reader.checkExtras()
        var incidents: [Incident] = []
        var live: [(lineage: UInt32, document: UInt32)] = []
        for entry in state.live {
            let document = try reader.document(entry.document)
            guard try document.isPostmortem else { continue }
            let facts = try document.facts
            let path = try reader.livePath(entry)
            let id = try document.id
            let title = try document.title
            let segment = document.segment
            func strings(_ list: IndexedList) throws -> [String] {
                try document.listStrings(list).map { try segment.string($0) }
            }
            incidents.append(
                Incident(
                    id: id, path: path, title: title, date: try document.date, severity: try document.severity,
                    status: try document.status, services: try strings(.services), tags: try strings(.tags),
                    authors: try strings(.authors),
                    facts: facts,
                    actionItems: facts.actionItems.map {
                        TrackedActionItem(postmortemID: id, postmortemTitle: title, path: path, facts: $0)
                    }))
            live.append((try document.lineage, entry.document))
        }
        var history = try VersionHistory(
            reader: reader, lineages: Set(live.map(\.lineage)), elsewhere: try commitsOffHead())
        for index in incidents.indices where !incidents[index].actionItems.isEmpty {
            let versions = try history.versions(of: live[index].lineage, through: live[index].document)
            for item in incidents[index].actionItems.indices {
                let marks = try history.marks(of: incidents[index].actionItems[item].facts, in: versions)
                incidents[index].actionItems[item].opened = marks.opened
                incidents[index].actionItems[item].completed = marks.completed
            }
        }
        return incidents
    }

    /// The commits the index covers that HEAD's history does not hold: those only other branches reach.
    private func commitsOffHead() throws -> Set<OID> {
        guard let head = state.headTarget else { return [] }
        let others = Set(state.refs.filter { !$0.isShallowBoundary && $0.target != head }.map(\.target))
        guard !others.isEmpty else { return [] }
        let walk = try RevWalk(repository: store.repository, starts: Array(others), hiding: [head])
        let found = Set(walk)
        if let error = walk.error { throw error }
        return found
    }
}

/// The versions of each postmortem in the index and the commits that brought them in, read once.
private struct VersionHistory {
    let reader: SearchIndexReader
    /// The commits that introduced each version (by global number), for the versions of the lineages asked for.
    private var introductions: [[UInt32]]
    /// By lineage (through `slotOfLineage`); the caches by version and commit number: plain arrays, as every lookup is
    /// by number.
    private var documentsOfLineage: [[UInt32]]
    /// Where each lineage asked for is in `documentsOfLineage`.
    private let slotOfLineage: [UInt32: Int]
    private var commits: [HistoryMark?]
    private var states: [ActionStates?]

    struct Version {
        let document: UInt32
        let commit: UInt32
    }

    /// - Parameter elsewhere: commits off HEAD's history, whose versions are left out.
    init(reader: SearchIndexReader, lineages: Set<UInt32>, elsewhere: Set<OID>) throws {
        self.reader = reader
        // Lineage numbers come from the file: one past the state's count is damage, and the tables below are
        // sized by how many lineages are asked for, not by the largest number (a crafted 0xFFFFFFFF would
        // otherwise ask for tens of gigabytes).
        let known = try reader.state().nextLineage
        guard lineages.allSatisfy({ $0 < known }) else {
            throw SearchIndexError("the index names a postmortem identity it does not hold")
        }
        var slotOfLineage: [UInt32: Int] = [:]
        for (slot, lineage) in lineages.sorted().enumerated() { slotOfLineage[lineage] = slot }
        var wantedDocument = [Bool](repeating: false, count: reader.documentCount)
        var documentsOfLineage = [[UInt32]](repeating: [], count: slotOfLineage.count)
        for segment in reader.segments {
            try segment.reader.require(segment.documents.count * DocumentRecord.size, at: segment.documents.records)
            for local in 0..<segment.documents.count {
                let record = segment.documents.records + local * DocumentRecord.size
                guard let slot = slotOfLineage[try segment.reader.u32(at: record + DocumentRecord.Offset.lineage)] else {
                    continue
                }
                let document = segment.documentBase + UInt32(local)
                documentsOfLineage[slot].append(document)
                wantedDocument[Int(document)] = true
            }
        }
        self.slotOfLineage = slotOfLineage
        var introductions = [[UInt32]](repeating: [], count: reader.documentCount)
        var isElsewhere: [UInt32: Bool] = [:]
        for (document, commit) in try reader.introductions(of: { Int($0) < wantedDocument.count && wantedDocument[Int($0)] }) {
            if !elsewhere.isEmpty {
                if isElsewhere[commit] == nil { isElsewhere[commit] = elsewhere.contains(try reader.commit(commit).id) }
                if isElsewhere[commit] == true { continue }
            }
            introductions[Int(document)].append(commit)
        }
        self.introductions = introductions
        self.documentsOfLineage = documentsOfLineage
        commits = [HistoryMark?](repeating: nil, count: reader.commitCount)
        states = .init(repeating: nil, count: reader.documentCount)
    }

    /// The versions of `lineage` in the order of their commits' numbers, ending with the last introduction of
    /// `current`.
    ///
    /// Commits are numbered as the history walk meets them, parents before children (an update appends commits
    /// no earlier one descends from), so that order follows the history. Commit times do not: a rebase keeps
    /// author dates while it moves commits onto newer ones, or reorders them.
    func versions(of lineage: UInt32, through current: UInt32) throws -> [Version] {
        var versions: [Version] = []
        let documents = slotOfLineage[lineage].map { documentsOfLineage[$0] } ?? []
        for document in documents where Int(document) < introductions.count {
            for number in introductions[Int(document)] {
                versions.append(Version(document: document, commit: number))
            }
        }
        versions.sort { ($0.commit, $0.document) < ($1.commit, $1.document) }
        if let last = versions.lastIndex(where: { $0.document == current }) { versions.removeSubrange((last + 1)...) }
        return versions
    }

    /// The commit that first held `item` and, when it is done, the one that ticked it.
    mutating func marks(of item: ActionItemFacts, in versions: [Version]) throws -> (
        opened: HistoryMark?, completed: HistoryMark?
    ) {
        let identity = item.identityKey
        var opened: Version?
        var doneSince: Version?
        for version in versions {
            guard let isDone = try states(of: version.document).isDone(identity: identity, number: item.number) else {
                doneSince = nil
                continue
            }
            if opened == nil { opened = version }
            if isDone {
                if doneSince == nil { doneSince = version }
            } else {
                doneSince = nil
            }
        }
        let completed = item.isDone ? doneSince ?? versions.last : nil
        return (try opened.map { try mark($0.commit) }, try completed.map { try mark($0.commit) })
    }

    private mutating func mark(_ number: UInt32) throws -> HistoryMark {
        if Int(number) < commits.count, let known = commits[Int(number)] { return known }
        let commit = try reader.commit(number)
        let mark = HistoryMark(
            commit: commit.id, date: Date(timeIntervalSince1970: TimeInterval(commit.time)), author: commit.author)
        if Int(number) < commits.count { commits[Int(number)] = mark }
        return mark
    }

    private mutating func states(of document: UInt32) throws -> ActionStates {
        if Int(document) < states.count, let known = states[Int(document)] { return known }
        let found = ActionStates(try reader.document(document).actionStates)
        if Int(document) < states.count { states[Int(document)] = found }
        return found
    }
}

/// The action items of one version of a postmortem, looked up by identity (else by number).
///
/// Every item of a postmortem is looked up in every version, so a scan per lookup was quadratic: a list of
/// 100,000 items kept `pm actions` busy for minutes. Long lists get dictionaries, built once per version;
/// short ones, nearly all of them, keep the scan, which is cheaper than hashing.
private struct ActionStates {
    private let items: [(identity: UInt64, number: Int, isDone: Bool)]
    private let doneByIdentity: [UInt64: Bool]
    private let doneByNumber: [Int: Bool]
    private static let scanLimit = 32

    init(_ items: [(identity: UInt64, number: Int, isDone: Bool)]) {
        self.items = items
        guard items.count > Self.scanLimit else {
            doneByIdentity = [:]
            doneByNumber = [:]
            return
        }
        // The first item with a key wins, as the scan's `first(where:)` did.
        doneByIdentity = Dictionary(items.map { ($0.identity, $0.isDone) }, uniquingKeysWith: { first, _ in first })
        doneByNumber = Dictionary(items.map { ($0.number, $0.isDone) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the item with `identity` (or, when none has it, the one numbered `number`) is ticked; nil when
    /// this version has neither.
    func isDone(identity: UInt64, number: Int) -> Bool? {
        guard items.count > Self.scanLimit else {
            return (items.first { $0.identity == identity } ?? items.first { $0.number == number })?.isDone
        }
        return doneByIdentity[identity] ?? doneByNumber[number]
    }
}
