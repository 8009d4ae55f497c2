import Git

/// Whether git and libgit2 will see a file's move and conversion in one commit as a rename.
///
/// git (`git diff -M`, `git log --follow`) and libgit2 (`pm log`) measure similarity differently; an import needs
/// both to find the rename, or the history of the file stops at the import.
enum RenameSimilarity {
    /// The score from which both report a rename (git's default `-M50%`, libgit2's `rename_threshold`).
    static let threshold = 50

    /// True when both git and libgit2 would report `new` as a rename of `old`.
    static func isRename(from old: [UInt8], to new: [UInt8]) -> Bool {
        gitScore(old, new) >= threshold && Similarity.libgit2Score(old, new) >= threshold
    }

    /// The score (0 to 100, rounded down) git's rename detection gives `new` as a rename of `old`: the bytes of `old`
    /// found again in `new`, over the larger of the two sizes (diffcore-rename's `estimate_similarity`).
    ///
    /// git cuts each file into chunks that end at a line feed or after 64 bytes, hashes them, and counts the bytes of
    /// each chunk hash on both sides (diffcore-delta's `hash_chars`); the bytes copied are, per hash, the smaller count.
    /// A carriage return before a line feed is not counted in text, and a last line without its line feed is not
    /// counted at all, as in git.
    static func gitScore(_ old: [UInt8], _ new: [UInt8]) -> Int {
        let largest = max(old.count, new.count)
        let smallest = min(old.count, new.count)
        guard largest > 0 else { return 100 }
        if old == new { return 100 }
        // git does not compare files whose sizes differ by more than the threshold allows.
        if largest * (100 - threshold) < (largest - smallest) * 100 { return 0 }
        let oldChunks = chunkBytes(old)
        let newChunks = chunkBytes(new)
        var copied = 0
        for (hash, count) in oldChunks {
            copied += min(count, newChunks[hash] ?? 0)
        }
        return copied * 100 / largest
    }

    /// git's `HASHBASE`: the chunk hashes are taken modulo this prime.
    private static let hashBase: UInt32 = 107_927

    /// The bytes counted per chunk hash.
    static func chunkBytes(_ bytes: [UInt8]) -> [UInt32: Int] {
        let isText = !bytes.prefix(8000).contains(0)
        var counts: [UInt32: Int] = [:]
        var accumulator1: UInt32 = 0
        var accumulator2: UInt32 = 0
        var length = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if isText, byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { continue }
            let previous1 = accumulator1
            accumulator1 = (accumulator1 << 7) ^ (accumulator2 >> 25)
            accumulator2 = (accumulator2 << 7) ^ (previous1 >> 25)
            accumulator1 &+= UInt32(byte)
            length += 1
            if length < 64 && byte != 0x0A { continue }
            let hash = (accumulator1 &+ accumulator2 &* 0x61) % hashBase
            counts[hash, default: 0] += length
            length = 0
            accumulator1 = 0
            accumulator2 = 0
        }
        return counts
    }
}
