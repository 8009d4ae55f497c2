/// The team's own phrases to avoid (`blameless.phrase` in `.pmconfig`, each `phrase` or `phrase =>
/// rewrite`), matched on whole words, case-insensitively, with `’` read as `'`, wherever they stand.
struct TeamPhraseMatcher: Sendable {
    /// The rewrite suggested for a team phrase added without one.
    static let defaultRewrite = BlameRewrite.team

    struct Phrase: Sendable {
        var words: [String]
        var rewrite: String
    }

    /// The phrases by their first word.
    private var byFirstWord: [String: [Phrase]] = [:]

    var isEmpty: Bool { byFirstWord.isEmpty }

    init(entries: [String]) {
        for entry in entries {
            guard let phrase = TeamPhraseMatcher.phrase(entry) else { continue }
            byFirstWord[phrase.words[0], default: []].append(phrase)
        }
        // Longest first, so "hero culture" wins over "hero".
        for key in byFirstWord.keys { byFirstWord[key]?.sort { $0.words.count > $1.words.count } }
    }

    /// A phrase from a `blameless.phrase` value, nil when it has no words.
    static func phrase(_ entry: String) -> Phrase? {
        var text = Substring(entry)
        var rewrite: String?
        if let arrow = entry.range(of: "=>") {
            text = entry[..<arrow.lowerBound]
            let suggestion = entry[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
            if !suggestion.isEmpty { rewrite = suggestion }
        }
        let words = BlamelessTokenizer.keys(of: String(text))
        guard !words.isEmpty else { return nil }
        return Phrase(words: words, rewrite: rewrite ?? defaultRewrite)
    }

    /// Appends the team phrases found in `tokens` (one run of prose) to `findings`.
    func findings(in tokens: [BlamelessTokenizer.Token], into findings: inout [BlameFinding]) {
        guard !isEmpty else { return }
        var index = 0
        while index < tokens.count {
            guard let candidates = byFirstWord[tokens[index].key],
                let phrase = candidates.first(where: { matches($0.words, in: tokens, at: index) })
            else {
                index += 1
                continue
            }
            let end = index + phrase.words.count
            let words = phrase.words.joined(separator: " ")
            findings.append(
                BlameFinding(
                    range: SourceRange(start: tokens[index].start, end: tokens[end - 1].end), category: .team,
                    cue: words, words: tokens[index..<end].map(\.key).joined(separator: " "), form: nil, actor: .none,
                    predicate: words, rewrite: phrase.rewrite))
            index = end
        }
    }

    private func matches(_ words: [String], in tokens: [BlamelessTokenizer.Token], at index: Int) -> Bool {
        guard index + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() {
            let token = tokens[index + offset]
            if token.key != word || (offset > 0 && token.isAfterBreak) { return false }
        }
        return true
    }
}
