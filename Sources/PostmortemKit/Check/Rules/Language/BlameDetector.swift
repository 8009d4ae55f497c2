/// Finds blaming language in a run of prose, one sentence at a time, by reading each clause for who
/// the actor is and what is said about them.
///
/// A cue is what is said: a failure verb ("ignored", "skipped"), a blame noun ("mistake", "fault"),
/// a judgement ("careless"), a counterfactual ("should have", "if … had"), an exhortation ("pay more
/// attention"). Most cues count only about a person: "the on-call engineer skipped the check" is
/// blame, "the job skipped the check" is not. See `BlamelessLanguageRule` for the whole model.
struct BlameDetector {
    typealias Token = BlamelessTokenizer.Token

    /// Names the document gives people, lowercased.
    var names: Set<String>

    /// The findings in `tokens` (one run of prose: a paragraph, a list item, a cell) in a section of `kind`.
    func findings(in tokens: [Token], section kind: SectionKind?, into findings: inout [BlameFinding]) {
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count && tokens[end].breakBefore != .sentence { end += 1 }
            var sentence = SentenceScan(
                reader: ClauseReader(tokens: tokens, range: start..<end, names: names), section: kind)
            sentence.scan()
            findings.append(contentsOf: sentence.findings)
            start = end
        }
    }
}

/// The cues of one sentence. The cue families are in the `SentenceScan+…` files; their word lists in
/// BlameWords.swift.
struct SentenceScan {
    typealias Token = BlamelessTokenizer.Token

    let reader: ClauseReader
    let section: SectionKind?
    var findings: [BlameFinding] = []
    /// Where the last finding ended: cues do not overlap.
    var covered: Int

    /// The clauses (by their first word) that have a finding already.
    var reportedClauses: Set<Int> = []

    init(reader: ClauseReader, section: SectionKind?) {
        self.reader = reader
        self.section = section
        self.covered = reader.range.lowerBound
    }

    var tokens: [Token] { reader.tokens }
    var range: Range<Int> { reader.range }
    func key(_ index: Int) -> String { index < range.upperBound && index >= range.lowerBound ? tokens[index].key : "" }

    /// Whether the word at `index` continues the clause (no break before it).
    func continues(_ index: Int) -> Bool { index < range.upperBound && tokens[index].breakBefore == .none }

    mutating func scan() {
        var index = range.lowerBound
        while index < range.upperBound {
            if index >= covered, let end = cue(at: index) {
                covered = end
                index = end
            } else {
                index += 1
            }
        }
    }

    /// Records a finding over `span` and returns its end.
    @discardableResult
    mutating func report(
        _ span: Range<Int>, _ category: BlameCategory, cue: String, actor: BlameActor, predicate: String? = nil,
        rewrite: String, form: Range<Int>? = nil
    ) -> Int {
        // One finding per clause: a second cue in it says the same thing again.
        let clause = reader.clauseStart(before: span.lowerBound).start
        if reportedClauses.contains(clause) { return span.upperBound }
        reportedClauses.insert(clause)
        let words = span.map { tokens[$0].key }.joined(separator: " ")
        let range = SourceRange(start: tokens[span.lowerBound].start, end: tokens[span.upperBound - 1].end)
        findings.append(
            BlameFinding(
                range: range, category: category, cue: cue, words: words,
                form: form.map { $0.map { tokens[$0].key }.joined(separator: " ") }, actor: actor,
                predicate: predicate ?? reader.words(span), rewrite: rewrite))
        return span.upperBound
    }

    /// Whether a negation comes in the three words before `index`, in the same clause.
    func isNegated(_ index: Int) -> Bool {
        var cursor = index
        var looked = 0
        while looked < 3 && cursor > range.lowerBound && tokens[cursor].breakBefore == .none {
            cursor -= 1
            looked += 1
            let word = key(cursor)
            if BlameLexicon.negations.contains(word) || word.hasSuffix("n't") { return true }
        }
        return false
    }

    /// The object after a verb ending at `end`: up to a preposition, a clause word or a break, at
    /// most five words.
    func object(after end: Int) -> Range<Int> {
        var cursor = end
        while continues(cursor) && cursor - end < 5 && !BlameLexicon.endsObject(key(cursor)) { cursor += 1 }
        return end..<cursor
    }

    /// The subject of the clause whose verb (or cue) is at `index`.
    func subject(of index: Int) -> (actor: BlameActor, opener: String?) {
        reader.subject(beforeVerbGroupAt: reader.verbGroupStart(index))
    }

    /// The subject of the clause in which `index` is a predicate word ("Kateryna was far too slow",
    /// "an unfortunate choice"): the subject of the nearest verb before it, or none when no verb comes first.
    func predicateSubject(of index: Int) -> BlameActor {
        let (start, _) = reader.clauseStart(before: index)
        var verb = index - 1
        while verb >= start && !reader.isVerbLike(verb) { verb -= 1 }
        guard verb >= start else { return .none }
        return reader.subject(beforeVerbGroupAt: reader.verbGroupStart(verb)).actor
    }

    /// Whether the clause of `index` is a condition or a purpose ("if an engineer forgets", "so
    /// nobody has to remember"), where a failure is only possible.
    func isHypothetical(_ index: Int) -> Bool {
        let (start, word) = reader.clauseStart(before: reader.verbGroupStart(index))
        if let word, BlameLexicon.conditionals.contains(word) { return true }
        var cursor = start - 1
        while cursor >= range.lowerBound && cursor >= start - 3 {
            if BlameLexicon.conditionals.contains(key(cursor)) { return true }
            cursor -= 1
        }
        return false
    }

    /// Whether the sentence reports what someone said: it ends with ", they said" or the like.
    var isReportedSpeech: Bool {
        let last = range.upperBound - 1
        guard last - 1 > range.lowerBound, reportingVerbs.contains(key(last)) else { return false }
        return reader.isPersonHead(last - 1) && tokens[last - 1].breakBefore != .none
    }

    /// The cue at `index`, if any: reports it and returns where it ends.
    mutating func cue(at index: Int) -> Int? {
        let word = key(index)
        // Most words start no cue: only listed words, verbs the rule knows, and words after a negation do.
        let isVerb = BlameVerbs.table[word] != nil || isMisVerb(word)
        var followsNegation = false
        var back = index - 1
        while back >= range.lowerBound && back >= index - 3 && !followsNegation {
            followsNegation = isNegationWord(back)
            back -= 1
        }
        guard isVerb || followsNegation || cueWords.contains(word) else { return nil }
        if let end = fixedPhrase(at: index) { return end }
        if let end = modalCounterfactual(at: index) { return end }
        if let end = conditionalCounterfactual(at: index) { return end }
        if let end = exhortation(at: index) { return end }
        if let end = failedTo(at: index) { return end }
        if let end = blameWord(at: index) { return end }
        if let end = blameNoun(at: index) { return end }
        if let end = judgement(at: index) { return end }
        if let end = adverb(at: index) { return end }
        if isVerb, let end = verb(at: index) { return end }
        if let end = causedBy(at: index) { return end }
        if let end = negatedDuty(at: index) { return end }
        if let end = wrongObject(at: index) { return end }
        if let end = marker(at: index) { return end }
        return nil
    }

    /// Whether the words from `index` match `pattern` (each element: the words allowed there).
    func match(_ pattern: [Set<String>], at index: Int) -> Int? {
        var cursor = index
        for offset in 0..<pattern.count {
            guard cursor < range.upperBound, offset == 0 || continues(cursor), pattern[offset].contains(key(cursor)) else {
                return nil
            }
            cursor += 1
        }
        return cursor
    }

    /// Phrases that are blame wherever they stand: "human error", "dropped the ball", "if only".
    mutating func fixedPhrase(at index: Int) -> Int? {
        for phraseIndex in fixedPhrasesByFirstWord[key(index)] ?? [] {
            let phrase = fixedPhrases[phraseIndex]
            guard let end = match(phrase.words, at: index) else { continue }
            if let stop = phrase.unlessFollowedBy, stop.contains(key(end)) && continues(end) { continue }
            if index > range.lowerBound && phrase.unlessPrecededBy.contains(key(index - 1)) { continue }
            if phrase.isNegatable && isNegated(index) { continue }
            var actor = phrase.needsActor || phrase.needsPerson ? predicateSubject(of: index) : .none
            if actor == .none && phrase.needsPerson { actor = subject(of: index).actor }
            if phrase.needsActor && actor == .thing { continue }
            if phrase.needsPerson && !(actor.mayBePerson && actor != .implied) { continue }
            // Talk about the label is not the label: "it would be easy to call this human error".
            if (max(range.lowerBound, index - 3)..<index).contains(where: { metaWords.contains(key($0)) }) { continue }
            return report(index..<end, phrase.category, cue: phrase.name, actor: actor, rewrite: phrase.rewrite)
        }
        return nil
    }
}
