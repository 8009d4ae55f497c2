import Dispatch
import Foundation
import Git

/// Parses and tokenizes versions on every core while the history walk reads the next ones from git, and encodes
/// them in the order they were added, so the index's bytes do not depend on the number of threads.
///
/// What the walk adds (versions, commits, events) is gathered in batches. Each batch is parsed and tokenized by
/// `tokenizers.count` tasks at once, each task taking the versions whose lineage falls to its tokenizer (so the
/// versions of one postmortem meet the lines they share), then encoded on one serial queue in the order added: the
/// numbers the walk hands out (documents and commits, counted on its side) are the ones the encoder gives. A
/// semaphore bounds the batches in flight, so memory stays flat however far the walk runs ahead.
final class IndexingPipeline: @unchecked Sendable {
    /// One thing the walk added, in order; a version's bytes wait in `versions`, so that they are freed once parsed.
    private enum Item {
        case version
        case commit(IndexedCommit)
        case event(IndexedEvent)
    }

    /// The versions of a batch, handed from the walk to the parsing queue without a second reference to them (their
    /// bytes are freed as each is parsed).
    private final class Batch: @unchecked Sendable {
        var versions: [Version]
        init(_ versions: [Version]) { self.versions = versions }
    }

    /// A version read from git, waiting to be parsed.
    private struct Version: Sendable {
        var bytes: [UInt8]
        var path: String
        var blob: OID
        var lineage: UInt32
    }

    /// The bytes of versions a batch gathers before it is handed on.
    static let batchBytes = 1 << 20
    /// The versions a batch gathers before it is handed on.
    static let batchVersions = 256

    private let parseQueue = DispatchQueue(label: "pm.search-index.parse")
    private let encodeQueue = DispatchQueue(label: "pm.search-index.encode")
    private let inFlight = DispatchSemaphore(value: 2)
    private let timeZone: TimeZone
    /// Touched only by the walk's thread.
    private var batch: [Item] = []
    private var versions: [Version] = []
    private var batchSize = 0
    /// Touched only on `parseQueue` (each tokenizer by one task at a time).
    private var tokenizers: [VersionTokenizer]
    /// Touched only on `encodeQueue`.
    private var encoder: IndexSegmentEncoder

    init(encoder: IndexSegmentEncoder, timeZone: TimeZone, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.encoder = encoder
        self.timeZone = timeZone
        let count = max(1, min(threads, 16))
        tokenizers = (0..<count).map { VersionTokenizer(identity: $0, lineBudget: LineCache.defaultBudget / count) }
    }

    func add(_ bytes: [UInt8], path: String, blob: OID, lineage: UInt32) {
        batch.append(.version)
        versions.append(Version(bytes: bytes, path: path, blob: blob, lineage: lineage))
        batchSize += bytes.count
        if batchSize >= IndexingPipeline.batchBytes || versions.count >= IndexingPipeline.batchVersions { flush() }
    }

    func add(_ commit: IndexedCommit) {
        batch.append(.commit(commit))
    }

    func add(_ event: IndexedEvent) {
        batch.append(.event(event))
        if batch.count >= 4 * IndexingPipeline.batchVersions { flush() }
    }

    /// Hands the batch gathered so far on to be parsed, then encoded.
    private func flush() {
        guard !batch.isEmpty else { return }
        let items = batch
        let work = Batch(versions)
        batch = []
        versions = []
        batchSize = 0
        inFlight.wait()
        parseQueue.async {
            let versions = self.tokenize(work)
            self.encodeQueue.async {
                var next = 0
                for item in items {
                    switch item {
                    case .version:
                        _ = self.encoder.add(versions[next])
                        next += 1
                    case .commit(let commit): _ = self.encoder.add(commit)
                    case .event(let event): self.encoder.add(event)
                    }
                }
                self.inFlight.signal()
            }
        }
    }

    /// The batch's versions, parsed and tokenized by all the tokenizers at once, in the order they were added; their
    /// bytes are freed as they go.
    private func tokenize(_ batch: Batch) -> [TokenizedVersion] {
        var work = batch.versions
        batch.versions = []
        let lineages = work.map(\.lineage)
        let tasks = tokenizers.count
        var done = [[TokenizedVersion]](repeating: [], count: tasks)
        let timeZone = self.timeZone
        done.withUnsafeMutableBufferPointer { done in
            tokenizers.withUnsafeMutableBufferPointer { tokenizers in
                work.withUnsafeMutableBufferPointer { work in
                    // Each task uses its own tokenizer, reads and empties its own versions and writes its own list.
                    nonisolated(unsafe) let done = done
                    nonisolated(unsafe) let tokenizers = tokenizers
                    nonisolated(unsafe) let work = work
                    DispatchQueue.concurrentPerform(iterations: tasks) { task in
                        var versions: [TokenizedVersion] = []
                        // Whose a version is comes from `lineages`: reading another task's element could race with
                        // the task freeing its bytes.
                        for index in lineages.indices where Int(lineages[index]) % tasks == task {
                            let version = work[index]
                            work[index].bytes = []
                            versions.append(
                                tokenizers[task].tokenize(
                                    bytes: version.bytes, path: version.path, blob: version.blob,
                                    lineage: version.lineage, timeZone: timeZone))
                        }
                        done[task] = versions
                    }
                }
            }
        }
        work = []
        var next = [Int](repeating: 0, count: tasks)
        return lineages.map { lineage in
            let task = Int(lineage) % tasks
            defer { next[task] += 1 }
            return done[task][next[task]]
        }
    }

    /// Waits for what is queued and encodes the segment; `complete` fills in the state once all is parsed.
    func finish(state: IndexState, complete: @escaping @Sendable (inout IndexState) -> Void) -> [[UInt8]] {
        flush()
        return parseQueue.sync {
            encodeQueue.sync {
                var state = state
                complete(&state)
                return encoder.encode(state: state)
            }
        }
    }
}
