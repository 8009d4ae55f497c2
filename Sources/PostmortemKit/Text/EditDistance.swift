/// The Damerau–Levenshtein distance between words, for "Did you mean …?" suggestions.
public enum EditDistance {
    /// The candidate nearest to `word`, if it is within `max(2, word.count / 3)` edits;
    /// the earlier candidate wins a tie.
    /// Candidates whose length differs by more than the limit are skipped without comparing, so a long
    /// typo against many candidates stays cheap.
    public static func nearest(to word: String, among candidates: [String], limit: Int? = nil) -> String? {
        let limit = limit ?? max(2, word.count / 3)
        let length = word.count
        guard length <= 512 else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where abs(candidate.count - length) <= limit {
            let distance = distance(word, candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Insertions, deletions, substitutions and transpositions of neighbours needed to turn
    /// `a` into `b` (optimal string alignment).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[i - 2][j - 2] + 1)
                }
                table[i][j] = value
            }
        }
        return table[a.count][b.count]
    }
}
