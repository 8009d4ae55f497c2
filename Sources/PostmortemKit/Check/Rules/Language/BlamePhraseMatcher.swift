/// The blame phrases compiled into a trie of words, so a run of prose is matched in one pass: at
/// each word, the trie is walked as far as the following words allow (a phrase has a few words at
/// most), and the longest phrase found there that counts is reported.
struct BlamePhraseMatcher: Sendable {
    /// One phrase found in the prose.
    struct Match: Hashable {
        /// The index of the phrase in `phrases`.
        var phraseIndex: Int
        /// The words as written, lowercased, separated by single spaces.
        var text: String
        /// From the first byte of the first word to just past the last word.
        var range: SourceRange
    }

    private struct Node: Sendable {
        var children: [String: Int] = [:]
        /// The phrase that ends here, if any.
        var phraseIndex: Int?
    }

    /// Every phrase looked for: the built-in ones not silenced, then the team's.
    private(set) var phrases: [BlamePhrase] = []
    private var nodes: [Node] = [Node()]
    /// For each phrase, its `unlessFollowedBy` patterns as word sequences.
    private var stopSequences: [[[String]]] = []

    /// Compiles `phrases`, leaving out those whose phrase (or one of whose word forms) is in
    /// `allowed`, then `team`, whose phrases replace any of `phrases` with the same words.
    init(phrases: [BlamePhrase], allowed: [String] = [], team: [BlamePhrase] = []) {
        let silenced = Set(allowed.map { BlamelessTokenizer.keys(of: $0).joined(separator: " ") })
        for phrase in phrases where !silenced.contains(BlamelessTokenizer.keys(of: phrase.phrase).joined(separator: " ")) {
            add(phrase, unless: silenced)
        }
        for phrase in team { add(phrase, unless: []) }
    }

    /// Adds the word forms of `phrase` that are not in `silenced`.
    private mutating func add(_ phrase: BlamePhrase, unless silenced: Set<String>) {
        let index = phrases.count
        var inserted = false
        for words in phrase.wordSequences where !silenced.contains(words.joined(separator: " ")) {
            insert(words, phraseIndex: index)
            inserted = true
        }
        guard inserted else { return }
        phrases.append(phrase)
        stopSequences.append(phrase.unlessFollowedBy.flatMap(BlamePhrase.expand))
    }

    /// The built-in phrases, compiled once.
    static let builtIn = BlamePhraseMatcher(phrases: BlamePhraseList.builtIn)

    /// The built-in phrases with the team's additions (`blameless.phrase`, each `phrase` or
    /// `phrase => rewrite`) and without the ones it silenced (`blameless.allow`).
    static func configured(_ configuration: Configuration) -> BlamePhraseMatcher {
        if configuration.extraBlamePhrases.isEmpty && configuration.allowedBlamePhrases.isEmpty { return builtIn }
        let team = configuration.extraBlamePhrases.compactMap(BlamePhraseMatcher.teamPhrase)
        return BlamePhraseMatcher(
            phrases: BlamePhraseList.builtIn, allowed: configuration.allowedBlamePhrases, team: team)
    }

    /// A team phrase from a `blameless.phrase` value, nil when it has no words.
    static func teamPhrase(_ entry: String) -> BlamePhrase? {
        var text = Substring(entry)
        var rewrite: String?
        if let arrow = entry.range(of: "=>") {
            text = entry[..<arrow.lowerBound]
            let suggestion = entry[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
            if !suggestion.isEmpty { rewrite = suggestion }
        }
        let phrase = text.trimmingCharacters(in: .whitespaces)
        let keys = BlamelessTokenizer.keys(of: phrase)
        guard !keys.isEmpty else { return nil }
        return BlamePhrase(
            phrase, .team, rewrite: rewrite ?? BlamePhraseList.teamRewrite, forms: [keys.joined(separator: " ")])
    }

    private mutating func insert(_ words: [String], phraseIndex: Int) {
        var node = 0
        for word in words {
            if let next = nodes[node].children[word] {
                node = next
            } else {
                nodes.append(Node())
                nodes[node].children[word] = nodes.count - 1
                node = nodes.count - 1
            }
        }
        nodes[node].phraseIndex = phraseIndex
    }

    /// The node reached from `node` by `token`: its exact word, or failing that any possessive.
    private func child(of node: Int, for token: BlamelessTokenizer.Token) -> Int? {
        let children = nodes[node].children
        if let next = children[token.key] { return next }
        return token.isPossessive ? children[possessiveWord] : nil
    }

    /// Appends the phrases found in `tokens` (one run of prose in a section of `kind`) to `matches`.
    func matches(in tokens: [BlamelessTokenizer.Token], section kind: SectionKind?, into matches: inout [Match]) {
        var index = 0
        let count = tokens.count
        while index < count {
            guard var node = child(of: 0, for: tokens[index]) else {
                index += 1
                continue
            }
            var candidates: [(phraseIndex: Int, end: Int)] = []
            var end = index + 1
            while true {
                if let phraseIndex = nodes[node].phraseIndex { candidates.append((phraseIndex, end)) }
                guard end < count, !tokens[end].isAfterBreak, let next = child(of: node, for: tokens[end]) else { break }
                node = next
                end += 1
            }
            var matched = false
            for candidate in candidates.reversed()
            where counts(candidate.phraseIndex, in: tokens, from: index, to: candidate.end, section: kind) {
                let words = tokens[index..<candidate.end].map(\.key).joined(separator: " ")
                let range = SourceRange(start: tokens[index].start, end: tokens[candidate.end - 1].end)
                matches.append(Match(phraseIndex: candidate.phraseIndex, text: words, range: range))
                index = candidate.end
                matched = true
                break
            }
            if !matched { index += 1 }
        }
    }

    /// Whether the phrase found at `tokens[start..<end]` counts where it is.
    private func counts(
        _ phraseIndex: Int, in tokens: [BlamelessTokenizer.Token], from start: Int, to end: Int, section: SectionKind?
    ) -> Bool {
        let phrase = phrases[phraseIndex]
        guard phrase.applies(in: section) else { return false }
        let previous = tokens[start].isAfterBreak ? nil : tokens[start - 1]
        if let previous, phrase.unlessPrecededBy.contains(previous.key) { return false }
        for stop in stopSequences[phraseIndex] where BlamePhraseMatcher.words(stop, follow: end, in: tokens) {
            return false
        }
        if phrase.isNegatable && BlamePhraseMatcher.isNegated(at: start, in: tokens) { return false }
        switch phrase.condition {
        case .always:
            return true
        case .imperative:
            guard let previous else { return true }
            return imperativeLeads.contains(previous.key) && tokens[start - 1].isAfterBreak
        case .personSubject(let humanActions):
            if end < tokens.count && !tokens[end].isAfterBreak && humanActions.contains(tokens[end].key) { return true }
            return BlamePhraseMatcher.hasPersonSubject(before: start, in: tokens)
        }
    }

    /// Whether `words` come right after `tokens[..<end]`, with no break (`#` stands for any number).
    private static func words(_ words: [String], follow end: Int, in tokens: [BlamelessTokenizer.Token]) -> Bool {
        guard end + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() {
            let token = tokens[end + offset]
            if token.isAfterBreak { return false }
            if word == numberWord {
                guard let first = token.key.utf8.first, SourceByte.isDigit(first) else { return false }
            } else if token.key != word {
                return false
            }
        }
        return true
    }

    /// Whether one of the three words before `start`, in the same clause, is a negation.
    private static func isNegated(at start: Int, in tokens: [BlamelessTokenizer.Token]) -> Bool {
        var index = start
        var looked = 0
        while looked < negationWindow && index > 0 && !tokens[index].isAfterBreak {
            index -= 1
            looked += 1
            let key = tokens[index].key
            if negations.contains(key) || key.hasSuffix("n't") { return true }
        }
        return false
    }

    /// Whether the word before `start` (past an adverb or two) is a person: a pronoun, a role, `who`
    /// or an `@handle`.
    private static func hasPersonSubject(before start: Int, in tokens: [BlamelessTokenizer.Token]) -> Bool {
        var index = start
        var skipped = 0
        while index > 0 && !tokens[index].isAfterBreak {
            index -= 1
            let key = tokens[index].key
            if personWords.contains(key) || (key.hasPrefix("@") && key.count > 1) { return true }
            let isAdverb = subjectAdverbs.contains(key) || (key.hasSuffix("ly") && key.count > 4)
            guard isAdverb && skipped < 2 else { return false }
            skipped += 1
        }
        return false
    }
}

/// The pattern word that stands for any possessive.
private let possessiveWord = "*'s"

/// The pattern word that stands for any number.
private let numberWord = "#"

/// How many words before a negatable phrase are searched for a negation.
private let negationWindow = 3

private let negations: Set<String> = [
    "no", "not", "nobody", "never", "without", "none", "neither", "nor", "no-one", "noone", "nothing",
]

/// Words that may come before an imperative at the start of a clause ("Always double-check…").
private let imperativeLeads: Set<String> = ["always", "please", "then", "and"]

/// Words between a subject and its verb that the subject check looks past ("we initially failed to").
private let subjectAdverbs: Set<String> = [
    "also", "then", "still", "again", "both", "all", "each", "had", "has", "have", "just", "once", "twice",
]

/// Subjects that are people: pronouns and the roles postmortems name.
private let personWords: Set<String> = [
    "i", "we", "you", "he", "she", "they", "who", "someone", "somebody", "everyone", "everybody", "anyone",
    "engineer", "engineers", "on-call", "oncall", "on-caller", "developer", "developers", "dev", "devs", "sre", "sres",
    "admin", "admins", "administrator", "administrators", "reviewer", "reviewers", "author", "authors", "team", "teams",
    "owner", "owners", "responder", "responders", "lead", "leads", "manager", "managers", "staff", "person", "people",
    "human", "humans", "commander", "contractor", "contractors", "analyst",
    "analysts", "intern", "interns", "employee", "employees", "colleague", "colleagues", "support",
]
