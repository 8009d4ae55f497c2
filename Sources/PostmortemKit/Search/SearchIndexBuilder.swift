import Foundation
import Git

/// Reads the history of the postmortem folder and writes what the search index holds.
///
/// Every commit reachable from the branches (and HEAD) is compared with its first parent, folder tree against
/// folder tree; each version (blob) of a postmortem is parsed and indexed once, with the commits that introduced
/// and removed it at each path. A postmortem keeps its identity (lineage) across renames.
struct SearchIndexBuilder {
    let repository: Repository
    let directory: String
    let timeZone: TimeZone
    /// Told the path (bad bytes escaped) of each postmortem whose name is not UTF-8: it is not indexed.
    var reportNonUTF8Name: (String) -> Void = { _ in }
    /// How many versions are parsed and tokenized at once; the index's bytes are the same for any number.
    var threads = ProcessInfo.processInfo.activeProcessorCount

    /// Where the branches and HEAD point now, and in a shallow clone the commits where its history stops (as
    /// entries named `IndexState.shallowBoundaryName`): fetching more history changes what the boundary commits
    /// introduced, so an index built before is not current any more.
    static func currentTips(of repository: Repository) throws -> (head: String, target: OID?, refs: [IndexState.RefTip]) {
        var tips = try repository.references(matching: "refs/heads/*").map { IndexState.RefTip(name: $0.name, target: $0.target) }
        let head: String
        let target: OID?
        switch try repository.head() {
        case .branch(let name, let commit):
            head = name
            target = commit
        case .detached(let commit):
            head = "HEAD"
            target = commit
            tips.append(IndexState.RefTip(name: "HEAD", target: commit))
        }
        tips += repository.shallowBoundary.map { IndexState.RefTip(name: IndexState.shallowBoundaryName, target: $0) }
        return (head, target, tips.sorted { ($0.name, $0.target.hex) < ($1.name, $1.target.hex) })
    }

    /// True when `state` was built from exactly the branches and HEAD the repository has now.
    static func isCurrent(_ state: IndexState, repository: Repository, directory: String) throws -> Bool {
        let tips = try currentTips(of: repository)
        return state.directory == directory && state.head == tips.head && state.headTarget == tips.target
            && state.refs == tips.refs
    }

    /// Told how many of the commits to read a full build has read, and how many there are: progress to show.
    var reportProgress: ((_ done: Int, _ total: Int) -> Void)?

    /// A complete index file: the header and one segment, in pieces.
    func build() throws -> [[UInt8]] {
        var run = Run(builder: self, previous: nil)
        return [IndexLayout.fileHeader] + (try run.segment(hiding: []))
    }

    /// What bringing an index up to date takes.
    enum Update {
        /// The segment to append.
        case append([[UInt8]])
        /// Appending cannot do it, for this reason (a phrase for a one-line notice).
        case rebuild(because: String)
    }

    /// The segment that brings the index read by `reader` up to date, or why that cannot be done by appending:
    /// history was rewritten (a commit it covers is no longer reachable), or the folder changed.
    func update(from reader: SearchIndexReader) throws -> Update {
        let previous = try reader.state()
        guard previous.directory == directory else {
            return .rebuild(because: "pm.directory changed from '\(previous.directory)' to '\(directory)'")
        }
        let tips = try SearchIndexBuilder.currentTips(of: repository)
        // A deepened (or unshallowed) clone: the old boundary commits have parents now, and what they introduced
        // was recorded as if they had none.
        let (oldBoundary, boundary) = (previous.refs.filter(\.isShallowBoundary), tips.refs.filter(\.isShallowBoundary))
        guard oldBoundary == boundary else {
            return .rebuild(
                because: oldBoundary.isEmpty
                    ? "the repository became a shallow clone"
                    : boundary.isEmpty ? "the shallow clone was made complete" : "the shallow clone was deepened")
        }
        let oldTargets = Array(Set(previous.refs.map(\.target)))
        if let gone = previous.refs.first(where: { !repository.hasObject($0.target) }) {
            return .rebuild(because: "history was rewritten (\(gone.name) was at \(gone.target.short), which is gone)")
        }
        // Anything reachable from the old tips but not from the new ones was dropped: amend, reset, force-push,
        // a deleted branch. Its events would stay in the index, so start again.
        let newTargets = Array(Set(tips.refs.map(\.target)))
        let dropped = try RevWalk(repository: repository, starts: oldTargets, hiding: newTargets)
        if dropped.next() != nil { return .rebuild(because: try whatWasDropped(previous.refs, tips: tips.refs)) }
        if let error = dropped.error { throw error }
        var run = Run(builder: self, previous: (reader, previous))
        return .append(try run.segment(hiding: oldTargets))
    }

    /// Which ref lost commits that the index covers, for the notice of a rebuild.
    private func whatWasDropped(_ old: [IndexState.RefTip], tips: [IndexState.RefTip]) throws -> String {
        let newTargets = Array(Set(tips.map(\.target)))
        for ref in old where !ref.isShallowBoundary {
            let walk = try RevWalk(repository: repository, starts: [ref.target], hiding: newTargets)
            guard walk.next() != nil else { continue }
            if tips.contains(where: { $0.name == ref.name }) {
                return "history was rewritten (\(ref.name) no longer contains \(ref.target.short))"
            }
            return "\(ref.name) was deleted, and \(ref.target.short) is on no other branch"
        }
        return "history was rewritten (commits the index covers are on no branch now)"
    }

    /// One pass over the commits not yet indexed.
    private struct Run {
        let builder: SearchIndexBuilder
        let previous: (reader: SearchIndexReader, state: IndexState)?
        let pipeline: IndexingPipeline
        var nextDocument: UInt32
        var nextCommit: UInt32
        var state: IndexState
        /// Versions already numbered, by blob id: this run's, and the earlier segments' as they are looked up.
        var documents: [OID: UInt32] = [:]
        /// Lookups of earlier segments' versions so far: a few are scans of their records, many load them all.
        var previousLookups = 0
        var previousDocumentsLoaded = false
        var commitNumbers: [OID: UInt32] = [:]
        var folderOfCommit: [OID: OID?] = [:]
        let trees: TreeCache
        let started = DispatchTime.now()

        var repository: Repository { builder.repository }

        init(builder: SearchIndexBuilder, previous: (reader: SearchIndexReader, state: IndexState)?) {
            self.builder = builder
            self.previous = previous
            let state = previous?.state ?? IndexState()
            pipeline = IndexingPipeline(
                encoder: IndexSegmentEncoder(
                    documentBase: state.documentTotal, commitBase: state.commitTotal,
                    segmentIndex: UInt32(previous?.reader.segments.count ?? 0)),
                timeZone: builder.timeZone, threads: builder.threads)
            nextDocument = state.documentTotal
            nextCommit = state.commitTotal
            trees = TreeCache(repository: builder.repository, capacity: 16)
            self.state = state
        }

        mutating func segment(hiding hidden: [OID]) throws -> [[UInt8]] {
            let tips = try SearchIndexBuilder.currentTips(of: repository)
            let starts = Array(Set(tips.refs.filter { !$0.isShallowBoundary }.map(\.target)))
            if !starts.isEmpty {
                let walk = try RevWalk(repository: repository, starts: starts, hiding: hidden, order: .topologicalReverse)
                if let report = builder.reportProgress {
                    // libgit2 sorts the whole walk before it gives the first commit: counting it first costs a list
                    // of ids, nothing more.
                    let ids = Array(walk)
                    if let error = walk.error { throw error }
                    for (done, id) in ids.enumerated() {
                        try visit(id)
                        report(done + 1, ids.count)
                    }
                } else {
                    for id in walk { try visit(id) }
                }
                if let error = walk.error { throw error }
            }
            state.head = tips.head
            state.headTarget = tips.target
            state.refs = tips.refs
            state.directory = builder.directory
            state.live = try liveDocuments(at: tips.target)
            state.documentTotal = nextDocument
            state.commitTotal = nextCommit
            state.createdAt = Int64(Date().timeIntervalSince1970)
            let started = self.started
            return pipeline.finish(state: state) { state in
                let elapsed = (DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
                state.buildMilliseconds = UInt32(clamping: elapsed)
            }
        }

        func tree(_ id: OID) throws -> RawTree {
            try trees.tree(id)
        }

        /// The version at each postmortem path of `head`'s folder, sorted by path: the previous state with the
        /// changes between the two HEADs applied (an update), or the whole folder listed (a build).
        mutating func liveDocuments(at head: OID?) throws -> [IndexState.LiveDocument] {
            guard let head else { return [] }
            let prefix = builder.directory + "/"
            let folder = try self.folder(of: head)
            guard let previous, let oldHead = previous.state.headTarget, repository.hasObject(oldHead) else {
                var live: [IndexState.LiveDocument] = []
                for change in try repository.changes(from: nil, to: folder, prefix: prefix, load: tree)
                where isIndexed(change) {
                    guard let blob = change.new else { continue }
                    live.append(IndexState.LiveDocument(document: try number(of: blob, path: change.path), path: change.path))
                }
                return live.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            }
            let changes = try repository.changes(from: try self.folder(of: oldHead), to: folder, prefix: prefix, load: tree)
                .filter { isIndexed($0) }
                .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            var live: [IndexState.LiveDocument] = []
            live.reserveCapacity(previous.state.live.count + changes.count)
            var next = 0
            for var entry in previous.state.live {
                entry.path = try previous.reader.livePath(entry)
                while next < changes.count, changes[next].path.utf8.lexicographicallyPrecedes(entry.path.utf8) {
                    if let blob = changes[next].new {
                        live.append(
                            IndexState.LiveDocument(
                                document: try number(of: blob, path: changes[next].path), path: changes[next].path))
                    }
                    next += 1
                }
                if next < changes.count, changes[next].path == entry.path {
                    if let blob = changes[next].new {
                        live.append(IndexState.LiveDocument(document: try number(of: blob, path: entry.path), path: entry.path))
                    }
                    next += 1
                } else {
                    live.append(entry)
                }
            }
            for change in changes[next...] {
                if let blob = change.new {
                    live.append(IndexState.LiveDocument(document: try number(of: blob, path: change.path), path: change.path))
                }
            }
            return live
        }

        /// The identity of the postmortem at `path`: assigned in this run, or in an earlier segment.
        func lineage(of path: String) throws -> UInt32? {
            if let assigned = state.lineages[path] { return assigned }
            return try previous?.reader.lineage(of: path)
        }

        /// The postmortem folder's tree in a commit, or nil when the commit has none.
        /// `tree`: the commit's root tree when the caller has read the commit already.
        mutating func folder(of commit: OID, tree root: OID? = nil) throws -> OID? {
            if let known = folderOfCommit[commit] { return known }
            var current: OID? = try root ?? repository.commit(commit).treeID
            for component in builder.directory.split(separator: "/") {
                guard let id = current else { break }
                let tree = try tree(id)
                current = tree.entry(named: String(component)).flatMap { $0.isTree ? tree.id($0) : nil }
            }
            folderOfCommit[commit] = current
            return current
        }

        /// True for a change to a postmortem whose path can be read: one whose name is not UTF-8 is reported instead.
        func isIndexed(_ change: TreeChange) -> Bool {
            guard PostmortemFile.isPostmortemPath(change.path, inFolder: builder.directory) else { return false }
            if !change.isUTF8 { builder.reportNonUTF8Name(change.path) }
            return change.isUTF8
        }

        mutating func visit(_ id: OID) throws {
            let commit = try repository.commit(id)
            let new = try folder(of: id, tree: commit.treeID)
            let parents = commit.parentIDs
            let old = try parents.first.flatMap { try folder(of: $0) }
            defer {
                if folderOfCommit.count > 4096 {
                    folderOfCommit = [:]
                    // What reading and parsing freed goes back to the system now and then, not at the end.
                    IndexSegmentEncoder.returnFreedMemory()
                }
            }
            guard new != old else { return }
            let prefix = builder.directory + "/"
            let changes = try repository.changes(from: old, to: new, prefix: prefix, load: tree).filter(isIndexed)
            guard !changes.isEmpty else { return }
            let added = changes.filter { $0.old == nil }
            let deleted = changes.filter { $0.new == nil }
            // Renames (and copies) are found by git's similarity detection once per commit, and only when a
            // postmortem was added next to one that was deleted.
            var renamedFrom: [String: String] = [:]
            var detected: [String: String]?
            for addition in added where try lineage(of: addition.path) == nil {
                if let exact = deleted.first(where: { $0.old == addition.new }) {
                    renamedFrom[addition.path] = exact.path
                } else if !deleted.isEmpty, let parent = parents.first {
                    if detected == nil {
                        detected = try repository.renames(from: try repository.commit(parent).treeID, to: commit.treeID)
                    }
                    renamedFrom[addition.path] = detected?[addition.path]
                }
            }
            for change in changes {
                if let newBlob = change.new {
                    if try lineage(of: change.path) == nil {
                        if let source = renamedFrom[change.path], let lineage = try lineage(of: source) {
                            state.lineages[change.path] = lineage
                        } else {
                            state.lineages[change.path] = state.nextLineage
                            state.nextLineage &+= 1
                        }
                    }
                    // A merge introduces only what none of its other parents already had at that path (its removal of
                    // the first parent's version below is recorded all the same).
                    if try !parents.dropFirst().contains(where: { try blob(at: change.path, in: $0) == newBlob }) {
                        let document = try number(of: newBlob, path: change.path)
                        pipeline.add(
                            IndexedEvent(
                                document: document, commit: try number(of: commit), path: change.path, kind: .introduced))
                    }
                }
                if let blob = change.old {
                    let document = try number(of: blob, path: change.path)
                    pipeline.add(
                        IndexedEvent(document: document, commit: try number(of: commit), path: change.path, kind: .removed))
                }
            }
        }

        mutating func blob(at path: String, in commit: OID) throws -> OID? {
            guard var current = try folder(of: commit) else { return nil }
            let components = path.dropFirst(builder.directory.count + 1).split(separator: "/")
            for (index, component) in components.enumerated() {
                let tree = try tree(current)
                guard let entry = tree.entry(named: String(component)) else { return nil }
                if index == components.count - 1 { return entry.isRegularFile ? tree.id(entry) : nil }
                guard entry.isTree else { return nil }
                current = tree.id(entry)
            }
            return nil
        }

        mutating func number(of commit: Commit) throws -> UInt32 {
            if let known = commitNumbers[commit.id] { return known }
            pipeline.add(
                IndexedCommit(
                    id: commit.id, time: Int64(commit.author.date.timeIntervalSince1970),
                    timeZoneOffsetMinutes: Int32(clamping: commit.author.timeZoneOffsetMinutes), author: commit.author.name,
                    summary: commit.summary))
            let number = nextCommit
            nextCommit += 1
            commitNumbers[commit.id] = number
            return number
        }

        /// The number of a version: known already, or parsed and indexed now.
        mutating func number(of blob: OID, path: String) throws -> UInt32 {
            if let known = documents[blob] { return known }
            if let previous, !previousDocumentsLoaded {
                previousLookups += 1
                if previousLookups <= 64 {
                    // An update after a commit or two looks up a handful: a scan of the records beats a map of all.
                    if let known = try previous.reader.document(withBlob: blob) {
                        documents[blob] = known
                        return known
                    }
                } else {
                    previousDocumentsLoaded = true
                    for number in 0..<UInt32(previous.state.documentTotal) {
                        documents[try previous.reader.document(number).blob] = number
                    }
                    if let known = documents[blob] { return known }
                }
            }
            let bytes = try repository.blob(blob)
            let lineage: UInt32
            if let known = try self.lineage(of: path) {
                lineage = known
            } else {
                lineage = state.nextLineage
                state.lineages[path] = lineage
                state.nextLineage &+= 1
            }
            pipeline.add(bytes, path: path, blob: blob, lineage: lineage)
            let number = nextDocument
            nextDocument += 1
            documents[blob] = number
            return number
        }
    }
}
