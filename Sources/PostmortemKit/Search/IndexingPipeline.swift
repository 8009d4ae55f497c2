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
    /// One thing the walk added, in order.
    private enum Item {
        case version(bytes: [UInt8], path: String, blob: OID, lineage: UInt32)
        case commit(IndexedCommit)
        case event(IndexedEvent)
    }

    /// The bytes of versions a batch gathers before it is handed on.
    static let batchBytes = 4 << 20
    /// The versions a batch gathers before it is handed on.
    static let batchVersions = 256

    private let parseQueue = DispatchQueue(label: "pm.search-index.parse")
    private let encodeQueue = DispatchQueue(label: "pm.search-index.encode")
    private let inFlight = DispatchSemaphore(value: 3)
    private let timeZone: TimeZone
    /// Touched only by the walk's thread.
    private var batch: [Item] = []
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
        batch.append(.version(bytes: bytes, path: path, blob: blob, lineage: lineage))
        batchSize += bytes.count
        if batchSize >= IndexingPipeline.batchBytes || batch.count >= IndexingPipeline.batchVersions { flush() }
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
        batch = []
        batchSize = 0
        inFlight.wait()
        parseQueue.async {
            let versions = self.tokenize(items)
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

    /// The batch's versions, parsed and tokenized by all the tokenizers at once, in the order they were added.
    private func tokenize(_ items: [Item]) -> [TokenizedVersion] {
        let work = items.compactMap { item -> (bytes: [UInt8], path: String, blob: OID, lineage: UInt32)? in
            guard case .version(let bytes, let path, let blob, let lineage) = item else { return nil }
            return (bytes, path, blob, lineage)
        }
        let tasks = tokenizers.count
        var done = [[TokenizedVersion]](repeating: [], count: tasks)
        let timeZone = self.timeZone
        done.withUnsafeMutableBufferPointer { done in
            tokenizers.withUnsafeMutableBufferPointer { tokenizers in
                // Each task uses its own tokenizer and writes its own list.
                nonisolated(unsafe) let done = done
                nonisolated(unsafe) let tokenizers = tokenizers
                DispatchQueue.concurrentPerform(iterations: tasks) { task in
                    var versions: [TokenizedVersion] = []
                    for version in work where Int(version.lineage) % tasks == task {
                        versions.append(
                            tokenizers[task].tokenize(
                                bytes: version.bytes, path: version.path, blob: version.blob, lineage: version.lineage,
                                timeZone: timeZone))
                    }
                    done[task] = versions
                }
            }
        }
        var next = [Int](repeating: 0, count: tasks)
        return work.map { version in
            let task = Int(version.lineage) % tasks
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
