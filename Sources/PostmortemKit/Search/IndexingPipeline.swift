import Foundation
import Git

/// Parses and indexes versions on a second thread while the history walk reads the next ones from git.
///
/// Everything the encoder gets goes through one serial queue, in the order it was added, so the numbers the walk
/// hands out (documents and commits, counted on its side) are the ones the encoder gives. A semaphore bounds the
/// versions waiting, so memory stays flat however far the walk runs ahead.
final class IndexingPipeline: @unchecked Sendable {
    private let queue = DispatchQueue(label: "pm.search-index.parse")
    private let waiting = DispatchSemaphore(value: 64)
    private let timeZone: TimeZone
    /// Touched only on `queue`.
    private var encoder: IndexSegmentEncoder

    init(encoder: IndexSegmentEncoder, timeZone: TimeZone) {
        self.encoder = encoder
        self.timeZone = timeZone
    }

    func add(_ bytes: [UInt8], path: String, blob: OID, lineage: UInt32) {
        waiting.wait()
        queue.async {
            let document = SearchDocument.make(bytes: bytes, path: path, timeZone: self.timeZone)
            _ = self.encoder.add(document, blob: blob, lineage: lineage)
            self.waiting.signal()
        }
    }

    func add(_ commit: IndexedCommit) {
        queue.async { _ = self.encoder.add(commit) }
    }

    func add(_ event: IndexedEvent) {
        queue.async { self.encoder.add(event) }
    }

    /// Waits for what is queued and encodes the segment; `complete` fills in the state once all is parsed.
    func finish(state: IndexState, complete: @escaping @Sendable (inout IndexState) -> Void) -> [[UInt8]] {
        queue.sync {
            var state = state
            complete(&state)
            return encoder.encode(state: state)
        }
    }
}
