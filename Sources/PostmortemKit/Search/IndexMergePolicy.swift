import Foundation

/// Which of the segments that updates appended to merge into one, so that their number stays small and no single
/// update pays for much more than its own commits.
///
/// A log-structured merge in the manner of Lucene's and tantivy's log merge policies, kept to the newest segments
/// (a merge replaces the last segments of the file, so that no other segment's numbers change): the longest run of
/// the newest segments that holds at least `fanOut` of them, in which no segment holds more than half the bytes, is
/// merged into one. Updates of similar size make segments of `fanOut` updates, which merge with their like into
/// bigger ones, and so on: the segments stay few (about `fanOut` for each doubling of what updates added), and a
/// byte is merged again only once the segment that holds it has at least doubled, so the bytes merged per update
/// grow with the logarithm of the updates, not with their number.
///
/// What one merge costs is bounded: the first segment (the full build's, about as big as the whole file; `pm index
/// --rebuild` writes it anew) is never merged, and no merge makes a segment bigger than `maximumBytes` (segments of
/// about that size stay as they are, one for every `maximumBytes` that updates added). Every merge also writes the
/// file anew, the first segment included, as a full build does.
enum IndexMergePolicy {
    static let fanOut = 8
    /// No merge makes a segment bigger than this.
    static let maximumBytes = 32 << 20

    /// The first of the segments to merge into one with every later segment, or nil to merge none. `lengths` are the
    /// segments' sizes in bytes, in file order (the full build's first).
    ///
    /// One merge is enough: a longer run that did not qualify before it does not after (it holds the same bytes, and
    /// its biggest segment is the merged one, bigger than any it replaced).
    static func mergeStart(_ lengths: [Int]) -> Int? {
        var start: Int?
        var total = 0
        var biggest = 0
        for index in lengths.indices.dropFirst().reversed() {
            total += lengths[index]
            biggest = max(biggest, lengths[index])
            guard total <= maximumBytes else { break }
            if lengths.count - index >= fanOut, biggest * 2 <= total { start = index }
        }
        return start
    }
}
