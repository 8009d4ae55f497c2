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

/// The cues of one sentence.
private struct SentenceScan {
    typealias Token = BlamelessTokenizer.Token

    let reader: ClauseReader
    let section: SectionKind?
    var findings: [BlameFinding] = []
    /// Where the last finding ended: cues do not overlap.
    private var covered: Int
    /// The clauses (by their first word) that have a finding already.
    private var reportedClauses: Set<Int> = []

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

    // MARK: - Reporting

    /// Records a finding over `span` and returns its end.
    @discardableResult
    private mutating func report(
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

    // MARK: - Cues

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

    // MARK: Counterfactuals

    /// "should have checked", "could've caught", "ought to have known", about a person.
    mutating func modalCounterfactual(at index: Int) -> Int? {
        let word = key(index)
        var cursor = index + 1
        let modal: String
        switch word {
        case "should've", "could've", "would've", "might've", "must've":
            modal = String(word.dropLast(3))
        case "should", "could", "would", "might", "must", "shouldn't", "couldn't", "wouldn't", "ought":
            modal = word.hasSuffix("n't") ? String(word.dropLast(3)) : word
            if word == "ought" {
                guard key(cursor) == "to" && continues(cursor) else { return nil }
                cursor += 1
            }
            while continues(cursor)
                && ["not", "never", "really", "definitely", "probably", "also", "easily"].contains(key(cursor))
            {
                cursor += 1
            }
            guard continues(cursor) && key(cursor) == "have" else { return nil }
            cursor += 1
        default:
            return nil
        }
        guard continues(cursor) else { return nil }
        let participle = key(cursor)
        let isNormative = modal == "should" || modal == "ought" || modal == "must"
        if modal == "must" { return nil }  // "must have been" is a guess about the past, not a judgement
        let (actor, _) = subject(of: index)
        if participle == "been" {
            return beenCounterfactual(index: index, after: cursor + 1, modal: modal, isNormative: isNormative, actor: actor)
        }
        if participle == "had" || BlameLexicon.determiners.contains(participle) || participle.first?.isNumber == true
            || BlameLexicon.quantifiers.contains(participle)
        {
            return nil
        }
        if ["couldn't", "wouldn't"].contains(word) || (word == "could" || word == "would") && isNegationWord(index + 1) {
            return nil  // "we couldn't have known": it excuses, it does not judge
        }
        if case .person(let words) = actor,
            ["nobody", "no one", "no-one", "none"].contains(where: { words.lowercased().hasPrefix($0) })
        {
            return nil  // "nobody could have known"
        }
        if knowingVerbs.contains(participle) {
            guard actor.mayBePerson || (actor == .none && isNormative) else { return nil }
            var end = cursor + 1
            if key(end) == "better" && continues(end) { end += 1 }
            return report(
                index..<end, .counterfactual, cue: "should have known", actor: actor, rewrite: BlameRewrite.known,
                form: index..<cursor)
        }
        if section == .whereWeGotLucky && !isNormative { return nil }
        if luckyOutcomes.contains(participle) { return nil }
        switch actor {
        case .person: break
        case .unknown, .none: guard isNormative else { return nil }
        case .thing, .implied: return nil
        }
        return report(
            index..<(cursor + 1), .counterfactual, cue: "\(modal) have", actor: actor,
            predicate: reader.words(index..<object(after: cursor + 1).upperBound), rewrite: BlameRewrite.hindsight,
            form: index..<cursor)
    }

    /// "should have been more careful", "should have been caught in review", "could have been
    /// caught by the reviewer"; not "could have been worse" or "users could have been exposed".
    mutating func beenCounterfactual(
        index: Int, after cursor: Int, modal: String, isNormative: Bool, actor: BlameActor
    ) -> Int? {
        guard continues(cursor) else { return nil }
        var next = cursor
        while continues(next) && ["more", "much", "far", "a", "lot", "bit", "little", "even", "extra"].contains(key(next)) {
            next += 1
        }
        let word = key(next)
        guard continues(next) else { return nil }
        if careAdjectives.contains(word) {
            guard actor.mayBePerson || actor == .none else { return nil }
            return report(
                index..<(next + 1), .counterfactual, cue: "should have been more careful", actor: actor,
                rewrite: BlameRewrite.hindsight)
        }
        if word.hasSuffix("ing") && word.count > 4 && actor.isPerson {
            // "The intern shouldn't have been poking around in the console"
            return report(
                index..<(next + 1), .counterfactual, cue: "\(modal) have", actor: actor, rewrite: BlameRewrite.hindsight)
        }
        if ["obvious", "clear", "apparent", "evident"].contains(word) && isNormative {
            return report(
                index..<(next + 1), .counterfactual, cue: "should have known", actor: actor, rewrite: BlameRewrite.known)
        }
        // A passive: who would have done it? An agent that is a person, or a duty only people have.
        var agent: BlameActor = .none
        var scan = next + 1
        while continues(scan) && scan - next < 6 {
            if key(scan) == "by" && continues(scan + 1) {
                agent = reader.actor(startingAt: scan + 1).actor
                break
            }
            scan += 1
        }
        if agent.isPerson {
            return report(
                index..<(next + 1), .counterfactual, cue: "\(modal) have", actor: agent, rewrite: BlameRewrite.hindsight)
        }
        guard isNormative, agent == .none, let entry = BlameVerbs.table[word], entry.kind == .duty || entry.kind == .humanFailure,
            entry.form.isPastOrParticiple, !actor.isPerson
        else { return nil }
        return report(
            index..<(next + 1), .counterfactual, cue: "\(modal) have", actor: .implied, rewrite: BlameRewrite.hindsight)
    }

    /// "if Omar had followed the checklist", "had the team run the migration", "if only",
    /// "were it not for Lee", "entirely preventable".
    mutating func conditionalCounterfactual(at index: Int) -> Int? {
        let word = key(index)
        if word == "if" {
            var cursor = index + 1
            if key(cursor) == "only" { return nil }  // a fixed phrase
            // if <subject> had <participle>, or if we'd <participle>
            let subjectStart = cursor
            while cursor < range.upperBound && continues(cursor) && cursor - subjectStart < 6 {
                let current = key(cursor)
                if current == "had" || current.hasSuffix("'d") || current == "hadn't" { break }
                if reader.isVerbLike(cursor) { return nil }
                cursor += 1
            }
            guard continues(cursor) || cursor == subjectStart else { return nil }
            let auxiliary = key(cursor)
            let isContraction = auxiliary.hasSuffix("'d") && auxiliary != "had"
            guard auxiliary == "had" || auxiliary == "hadn't" || isContraction else { return nil }
            let actor: BlameActor =
                isContraction
                ? (BlameLexicon.personPronouns.contains(String(auxiliary.dropLast(2))) ? .person(tokens[cursor].text) : .thing)
                : reader.actor(of: subjectStart..<cursor)
            var participle = cursor + 1
            while continues(participle) && (["not", "never", "only", "just", "also"].contains(key(participle))) {
                participle += 1
            }
            guard continues(participle), key(participle) != "been", !BlameLexicon.determiners.contains(key(participle)) else {
                return nil
            }
            guard actor.isPerson || { if case .unknown = actor { return true } else { return false } }() else { return nil }
            return report(
                index..<(participle + 1), .counterfactual, cue: "if … had", actor: actor,
                predicate: reader.words(index..<object(after: participle + 1).upperBound), rewrite: BlameRewrite.hindsight)
        }
        if word == "had" && reader.isBreak(at: index) || word == "had" && index > range.lowerBound && key(index - 1) == "and" {
            // Inversion: "Had the team run the migration in staging, …"
            var (actor, end) = reader.actor(startingAt: index + 1)
            if isNegationWord(end - 1) { end -= 1 }
            actor = end > index + 1 ? reader.actor(of: (index + 1)..<end) : .none
            guard actor.isPerson || { if case .unknown = actor { return true } else { return false } }(), continues(end),
                key(end) != "been"
            else { return nil }
            return report(
                index..<(end + 1), .counterfactual, cue: "if … had", actor: actor, rewrite: BlameRewrite.hindsight)
        }
        if word == "were", key(index + 1) == "it", key(index + 2) == "not", key(index + 3) == "for" {
            let (actor, _) = reader.actor(startingAt: index + 4)
            guard actor.isPerson else { return nil }
            return report(index..<(index + 4), .counterfactual, cue: "if … had", actor: actor, rewrite: BlameRewrite.hindsight)
        }
        if word == "more", ["care", "attention", "diligence", "caution", "effort", "thought"].contains(key(index + 1)),
            key(index + 2) == "from" || key(index + 2) == "by", continues(index + 2)
        {
            // "With a bit more care from the developer, this would never have happened"
            let (actor, end) = reader.actor(startingAt: index + 3)
            guard actor.isPerson else { return nil }
            return report(index..<end, .counterfactual, cue: "more care from", actor: actor, rewrite: BlameRewrite.hindsight)
        }
        if preventableIntensifiers.contains(word), continues(index + 1),
            ["preventable", "avoidable", "avoided", "prevented"].contains(key(index + 1))
        {
            if key(index + 1) == "avoided" || key(index + 1) == "prevented" {
                guard index > range.lowerBound, ["been", "be"].contains(key(index - 1)) else { return nil }
            }
            return report(
                index..<(index + 2), .counterfactual, cue: "entirely preventable", actor: .none,
                rewrite: BlameRewrite.hindsight)
        }
        return nil
    }

    // MARK: Exhortations

    /// "engineers must pay more attention", "be more careful", "remind the team to double-check",
    /// "need to remember to": asking people to try harder.
    mutating func exhortation(at index: Int) -> Int? {
        let word = key(index)
        if correctingVerbs.contains(word) {
            guard !isNegated(index) else { return nil }
            var cursor = index + 1
            while continues(cursor) && cursor - index <= 4 {
                if reader.isPersonHead(cursor) && !tokens[cursor].isPossessive && key(cursor) != "who" {
                    if word.hasPrefix("warn") && key(cursor + 1) != "to" && key(cursor + 1) != "not" { return nil }
                    if word.hasPrefix("coach") && !(key(cursor + 1) == "to" || key(cursor + 1) == "on") { return nil }
                    return report(
                        index..<(cursor + 1), .exhortation, cue: word.hasPrefix("remind") ? "remind" : "retrain",
                        actor: .person(reader.words((index + 1)..<(cursor + 1))), rewrite: BlameRewrite.reminder)
                }
                if BlameLexicon.endsObject(key(cursor)) { break }
                cursor += 1
            }
            return nil
        }
        if word == "hold" || word == "holding" {
            // "Hold the database team accountable for testing restores"
            var cursor = index + 1
            var person: Int?
            while continues(cursor) && cursor <= index + 6 {
                if reader.isPersonHead(cursor) { person = cursor }
                if ["accountable", "responsible"].contains(key(cursor)), let person {
                    return report(
                        index..<(cursor + 1), .exhortation, cue: "hold accountable",
                        actor: .person(reader.words((index + 1)..<(person + 1))), rewrite: BlameRewrite.guardrail)
                }
                cursor += 1
            }
            return nil
        }
        if instructingVerbs.contains(word), isCommand(at: index) {
            // "Ask the reviewer to pay closer attention", "Talk to Sipho about following the runbook",
            // "Send a reminder to all engineers to check", "Reinforce with the SRE team that…"
            var cursor = index + 1
            while continues(cursor) && cursor <= index + 7 {
                if reader.isPersonHead(cursor) && !tokens[cursor].isPossessive {
                    let next = key(cursor + 1)
                    let fits: Bool
                    switch word {
                    case "talk", "speak": fits = next == "about" || key(index + 1) == "to"
                    case "reinforce": fits = true
                    case "send": fits = (index + 1..<cursor).contains { key($0) == "reminder" || key($0) == "reminders" }
                    default:
                        fits =
                            next == "to"
                            && (carePredicate(at: cursor + 2) != nil || BlameVerbs.table[key(cursor + 2)]?.kind == .duty
                                || key(cursor + 2) == "actually")
                    }
                    guard fits else { return nil }
                    return report(
                        index..<(cursor + 1), .exhortation, cue: word, actor: .person(reader.words((index + 1)..<(cursor + 1))),
                        rewrite: BlameRewrite.reminder)
                }
                cursor += 1
            }
            return nil
        }
        if word == "actually" || word == "really", continues(index + 1),
            reader.isVerbLike(index + 1) || BlameVerbs.table[key(index + 1)] != nil,
            section == .actionItems || isModalExhortation(at: index)
        {
            // "Reviewers to actually open the files", "Make sure Chinedu actually reads alerts"
            let (actor, _) = subject(of: index)
            let governor =
                index > range.lowerBound && key(index - 1) == "to" && index - 1 > range.lowerBound
                && reader.isPersonHead(index - 2)
            guard actor.mayBePerson && actor != .implied || governor else { return nil }
            return report(index..<(index + 2), .exhortation, cue: "actually", actor: actor, rewrite: BlameRewrite.guardrail)
        }
        guard let end = carePredicate(at: index) else { return nil }
        if key(index).hasPrefix("take") && key(end - 1) == "seriously" && isNegated(index) {
            // "They just didn't take the alert seriously"
            let (actor, _) = subject(of: index)
            guard actor.mayBePerson && actor != .implied else { return nil }
            return report(index..<end, .judgement, cue: "didn't take it seriously", actor: actor, rewrite: BlameRewrite.attention)
        }
        guard !isNegated(index) && !isHypothetical(index) else { return nil }
        if isNegativeSubject(before: reader.verbGroupStart(index)) { return nil }  // "nobody should have to remember to"
        if isImperative(at: index, predicateEnd: end) || isModalExhortation(at: index) {
            return report(
                index..<end, .exhortation, cue: reader.words(index..<end).lowercased(), actor: .none,
                rewrite: BlameRewrite.guardrail)
        }
        return nil
    }

    /// The end of a care predicate at `index` ("pay closer attention", "be more careful",
    /// "double-check", "remember to", "more carefully", "take pages more seriously"), if one starts there.
    func carePredicate(at index: Int) -> Int? {
        for patternIndex in carePatternsByFirstWord[key(index)] ?? [] {
            if let end = match(carePatterns[patternIndex], at: index) { return end }
        }
        if ["take", "takes", "taking", "took"].contains(key(index)) {
            var cursor = index + 1
            while continues(cursor) && cursor <= index + 5 {
                if key(cursor) == "seriously" { return cursor + 1 }
                cursor += 1
            }
        }
        if ["stop", "stops"].contains(key(index)), continues(index + 1), key(index + 1).hasSuffix("ing"),
            isModalExhortation(at: index)
        {
            return index + 2
        }
        return nil
    }

    /// Whether the word at `index` opens a command: first in its clause, or after "please", "and".
    func isCommand(at index: Int) -> Bool {
        let (start, opener) = reader.clauseStart(before: index)
        if let opener, !["and", "then", "so", "also"].contains(opener) { return false }
        var cursor = start
        while cursor < index && imperativeLeads.contains(key(cursor)) { cursor += 1 }
        return cursor == index
    }

    /// Whether the care predicate at `index` is a command: first in its clause, past "always",
    /// "please" and the like, or after an imperative verb ("Review DNS changes more carefully").
    func isImperative(at index: Int, predicateEnd: Int) -> Bool {
        guard !isReportedSpeech else { return false }
        let (start, opener) = reader.clauseStart(before: index)
        if let opener, !["and", "then", "so", "but"].contains(opener) { return false }
        var cursor = start
        while cursor < index && imperativeLeads.contains(key(cursor)) { cursor += 1 }
        if cursor == index { return true }
        // "Review DNS changes more carefully": the clause opens with a verb, and the predicate is an adverb.
        if carefulAdverbs.contains(key(predicateEnd - 1)), let entry = BlameVerbs.table[key(cursor)], entry.form == .base {
            return cursor == start || imperativeLeads.contains(key(start))
        }
        if carefulAdverbs.contains(key(predicateEnd - 1)), imperativeVerbs.contains(key(cursor)) {
            return true
        }
        return false
    }

    /// Whether the care predicate at `index` follows a modal of obligation about people ("engineers
    /// must", "we need to", "the team should").
    func isModalExhortation(at index: Int) -> Bool {
        let (start, _) = reader.clauseStart(before: index)
        var cursor = index - 1
        var foundModal = false
        var modalIndex = index
        while cursor >= start {
            let word = key(cursor)
            if obligationModals.contains(word) {
                foundModal = true
                modalIndex = cursor
                break
            }
            if word == "to" && cursor > start && (reader.isPersonHead(cursor - 1) || reader.isPossibleName(cursor - 1))
                && !tokens[cursor - 1].isPossessive && !(start..<(cursor - 1)).contains(where: { reader.isVerbLike($0) })
            {
                // "Team to pay closer attention", "Aleksander to be more diligent"
                return true
            }
            if word == "to" && cursor > start
                && ["need", "needs", "have", "has", "ought", "expected", "required", "going", "want", "got"].contains(
                    key(cursor - 1))
            {
                if ["expected", "required"].contains(key(cursor - 1)) {
                    guard cursor - 2 >= start, ["are", "is", "be", "will"].contains(key(cursor - 2)) else { return false }
                }
                foundModal = true
                modalIndex = cursor - 1
                break
            }
            cursor -= 1
        }
        guard foundModal else { return false }
        let actor = reader.subject(beforeVerbGroupAt: reader.verbGroupStart(modalIndex)).actor
        switch actor {
        case .person, .none, .unknown: return true
        case .thing, .implied: return false
        }
    }

    // MARK: Failure

    /// "failed to notice", "fails to follow", "the on-call engineer failed to escalate": about a
    /// person, or about an action only people take.
    mutating func failedTo(at index: Int) -> Int? {
        guard failForms.contains(key(index)), key(index + 1) == "to", continues(index + 1),
            continues(index + 2)
        else { return nil }
        let action = key(index + 2)
        let isHumanAction = humanActions.contains(action)
        let (actor, _) = subject(of: index)
        if isHypothetical(index) && key(index) != "failed" { return nil }
        switch actor {
        case .person: break
        case .unknown: guard isHumanAction || BlameVerbs.table[action]?.kind == .duty else { return nil }
        case .none, .implied: guard isHumanAction else { return nil }
        case .thing: return nil
        }
        let objectEnd = object(after: index + 3).upperBound
        return report(
            index..<(index + 3), .blame, cue: "failed to", actor: actor, predicate: reader.words(index..<objectEnd),
            rewrite: BlameRewrite.omission)
    }

    /// "blamed the on-call engineer", "the SRE team is to blame", "the blame lies with Lee".
    mutating func blameWord(at index: Int) -> Int? {
        let word = key(index)
        guard blameForms.contains(word) else { return nil }
        if index > range.lowerBound && ["git", "svn", "hg"].contains(key(index - 1)) { return nil }
        if ["output", "view", "annotations", "annotation", "history", "log", "-l"].contains(key(index + 1)) { return nil }
        if isNegated(index) { return nil }
        if word == "blaming" && reader.isBreak(at: index) { return nil }  // "Blaming the operator would not have helped"
        if word == "blame" && index > range.lowerBound && key(index - 1) == "to" {
            let (actor, _) = reader.subject(beforeVerbGroupAt: reader.verbGroupStart(index - 1))
            guard actor != .thing else { return nil }
            return report(
                (index - 1)..<(index + 1), .blame, cue: "to blame", actor: actor, predicate: "is to blame",
                rewrite: BlameRewrite.describeContributors)
        }
        // The target: "blamed the on-call", "blame on Lee", "the blame lies with the team".
        var cursor = index + 1
        while continues(cursor)
            && ["lies", "lay", "falls", "fell", "rests", "rested", "squarely", "entirely", "solely", "is", "was"].contains(
                key(cursor))
        {
            cursor += 1
        }
        if ["on", "with", "to"].contains(key(cursor)) && continues(cursor) { cursor += 1 }
        let (target, targetEnd) = continues(cursor) ? reader.actor(startingAt: cursor) : (BlameActor.none, cursor)
        if target.mayBePerson {
            return report(
                index..<targetEnd, .blame, cue: "blame", actor: target, predicate: "is blamed",
                rewrite: BlameRewrite.describeContributors)
        }
        if word == "blamed", index > range.lowerBound, BlameLexicon.passiveAuxiliaries.contains(key(index - 1)) {
            let (actor, _) = subject(of: index)
            guard actor.mayBePerson else { return nil }
            return report(
                index..<(index + 1), .blame, cue: "blame", actor: actor, predicate: "is blamed",
                rewrite: BlameRewrite.describeContributors)
        }
        return nil
    }

    /// "Lee's mistake", "a lapse by the on-call", "the engineer made an error", "it was Dana's
    /// fault", "the culprit was the new hire", "the team is at fault".
    mutating func blameNoun(at index: Int) -> Int? {
        let word = key(index)
        if word == "culprit" || word == "culprits" {
            if let (actor, end) = Optional(reader.actor(startingAt: index + 2)),
                ["is", "was", "were", "are"].contains(key(index + 1)),
                actor.isPerson
            {
                return report(
                    index..<end, .blame, cue: "culprit", actor: actor, predicate: "caused it",
                    rewrite: BlameRewrite.describeContributors)
            }
            let (actor, _) = reader.subject(beforeVerbGroupAt: reader.verbGroupStart(max(index - 1, range.lowerBound)))
            if actor.isPerson && !isNegated(index) {
                return report(
                    index..<(index + 1), .blame, cue: "culprit", actor: actor, predicate: "caused it",
                    rewrite: BlameRewrite.describeContributors)
            }
            return nil
        }
        if word == "at" && key(index + 1) == "fault" && continues(index + 1) {
            guard !isNegated(index) else { return nil }
            let (actor, _) = reader.subject(beforeVerbGroupAt: reader.verbGroupStart(index))
            guard actor != .thing else { return nil }
            return report(
                index..<(index + 2), .blame, cue: "at fault", actor: actor, predicate: "is at fault",
                rewrite: BlameRewrite.describeContributors)
        }
        if word == "responsible", key(index + 1) == "for", continues(index + 1),
            outcomeNouns.contains(key(index + 3)) || outcomeNouns.contains(key(index + 2))
        {
            guard !isNegated(index) else { return nil }
            let (actor, _) = reader.subject(beforeVerbGroupAt: reader.verbGroupStart(index))
            guard actor.mayBePerson && actor != .implied else { return nil }
            let end = outcomeNouns.contains(key(index + 2)) ? index + 3 : index + 4
            return report(
                index..<end, .blame, cue: "responsible for", actor: actor, predicate: "caused it",
                rewrite: BlameRewrite.describeContributors)
        }
        if ["bears", "bear", "bore", "shoulders", "carries"].contains(word), continues(index + 1),
            (index + 1...min(index + 3, range.upperBound - 1)).contains(where: {
                key($0) == "responsibility" || key($0) == "blame"
            })
        {
            let (actor, _) = subject(of: index)
            guard actor.mayBePerson && actor != .implied else { return nil }
            return report(
                index..<(index + 2), .blame, cue: "bears responsibility", actor: actor, predicate: "is responsible",
                rewrite: BlameRewrite.describeContributors)
        }
        if word == "finger" || word == "fingers", ["points", "pointed", "point"].contains(key(index + 1)),
            ["to", "at"].contains(key(index + 2))
        {
            let (actor, end) = reader.actor(startingAt: index + 3)
            guard actor.isPerson else { return nil }
            return report(
                index..<end, .blame, cue: "finger points at", actor: actor, predicate: "caused it",
                rewrite: BlameRewrite.describeContributors)
        }
        guard blameNouns.contains(word) || (word == "fault" || word == "faults") else { return nil }
        // "decision" and "call" are blame only as someone's: "Rahul's decision to disable the tests".
        let isWeakNoun = word == "mess"
        if isWeakNoun && !(index > range.lowerBound + 1 && (key(index - 2) == "made" || key(index - 3) == "made")) { return nil }
        if word == "fault" || word == "faults" {
            if faultTerms.contains(key(index + 1)) && continues(index + 1) { return nil }
        }
        if isNegated(index) { return nil }
        // A possessor: "Lee's mistake", "the intern's careless error", "our fault".
        var cursor = index - 1
        var skipped = 0
        while cursor >= range.lowerBound && skipped <= 2 && tokens[cursor + 1].breakBefore == .none {
            let previous = tokens[cursor]
            if previous.key == "our" || previous.key == "its" { break }  // the organisation's voice: "this was our error"
            if previous.isPossessive || BlameLexicon.personPossessives.contains(previous.key) {
                let isPerson = BlameLexicon.personPossessives.contains(previous.key) || reader.isPersonHead(cursor)
                let isUnknown = previous.isCapitalized && !BlameLexicon.systemNames.contains(ClauseReader.owner(of: previous.key))
                guard isPerson || (isUnknown && word != "failure" && word != "error" && word != "errors") else { return nil }
                let owner = ownerText(cursor)
                return report(
                    cursor..<(index + 1), .blame, cue: nounCue(word), actor: .person(owner), predicate: nounPredicate(word),
                    rewrite: BlameRewrite.describeContributors)
            }
            if BlameLexicon.determiners.contains(previous.key) || BlameLexicon.prepositions.contains(previous.key) { break }
            cursor -= 1
            skipped += 1
        }
        if isWeakNoun {
            let made = key(index - 2) == "made" ? index - 2 : index - 3
            let (actor, _) = subject(of: made)
            guard actor.mayBePerson && actor != .implied else { return nil }
            return report(
                index..<(index + 1), .blame, cue: "made a mess", actor: actor, predicate: "made a mess of it",
                rewrite: BlameRewrite.handling)
        }
        // "The error was Dmitri's"
        if ["was", "is"].contains(key(index + 1)), continues(index + 2), tokens[index + 2].isPossessive,
            reader.isPersonHead(index + 2)
        {
            return report(
                index..<(index + 3), .blame, cue: nounCue(word), actor: .person(ownerText(index + 2)),
                predicate: nounPredicate(word), rewrite: BlameRewrite.describeContributors)
        }
        // An agent: "a mistake by the on-call", "an error on the part of the reviewer", "the fault of the team".
        var next = index + 1
        if key(next) == "made" && key(next + 1) == "by" { next += 1 }
        if key(next) == "on" && key(next + 1) == "the" && key(next + 2) == "part" && key(next + 3) == "of" { next += 3 }
        if continues(next), ["by", "of", "from"].contains(key(next)) {
            let (actor, end) = reader.actor(startingAt: next + 1)
            if actor.isPerson || (actor.mayBePerson && (word == "fault" || word == "faults")) {
                return report(
                    index..<end, .blame, cue: nounCue(word), actor: actor, predicate: nounPredicate(word),
                    rewrite: BlameRewrite.describeContributors)
            }
        }
        // "the engineer made a mistake"
        var verb = index - 1
        var steps = 0
        while verb >= range.lowerBound && steps < 4 && tokens[verb + 1].breakBefore == .none {
            if ["made", "make", "makes", "making", "committed"].contains(key(verb)) {
                let (actor, _) = subject(of: verb)
                guard actor.mayBePerson && actor != .implied else { return nil }
                return report(
                    verb..<(index + 1), .blame, cue: nounCue(word), actor: actor, predicate: nounPredicate(word),
                    rewrite: BlameRewrite.describeContributors)
            }
            verb -= 1
            steps += 1
        }
        if ["blunder", "blunders", "screw-up", "screwup", "mess-up", "cock-up", "balls-up"].contains(word) {
            return report(index..<(index + 1), .blame, cue: "blunder", actor: .none, rewrite: BlameRewrite.describeAction)
        }
        return nil
    }

    /// A possessive as its owner, for a message: "Lee's" → "Lee", "the engineers’" → "engineers".
    func ownerText(_ index: Int) -> String {
        var text = tokens[index].text
        for suffix in ["'s", "’s", "'S", "’S", "'", "’"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            break
        }
        return text
    }

    func nounCue(_ word: String) -> String {
        switch word {
        case "fault", "faults": return "'s fault"
        case "failure", "failures", "failing", "failings": return "failure to"
        default: return "mistake"
        }
    }

    func nounPredicate(_ word: String) -> String {
        switch word {
        case "fault", "faults": return "is at fault"
        case "failure", "failures", "failing", "failings": return "failed"
        case "oversight", "oversights", "omission": return "overlooked something"
        case "lapse", "lapses": return "had a lapse"
        default: return "made a mistake"
        }
    }

    /// "careless", "sloppy", "reckless", "incompetent"; "unacceptable" and "too slow" only about a person.
    mutating func judgement(at index: Int) -> Int? {
        let word = key(index)
        if let rewrite = strongJudgements[word] {
            if let exclusions = judgementExclusions[word], exclusions.contains(key(index + 1)) && continues(index + 1) {
                return nil
            }
            if isNegated(index) { return nil }
            let actor = predicateSubject(of: index)
            let isPredicative =
                !word.hasSuffix("ly") && index > range.lowerBound
                && ["is", "was", "are", "were", "be", "been", "seems", "seemed", "looks", "looked"].contains(key(index - 1))
            if actor == .thing, let head = subjectHead(of: index), systemAgents.contains(head),
                !subjectNamesPersonOrWork(of: index, workCounts: false)
            {
                return nil
            }
            let isPronounSubject = subjectHead(of: index).map { ["it", "this", "that"].contains($0) } ?? false
            if actor == .thing, isPredicative,
                isPronounSubject
                    ? ["about", "with", "in", "towards", "toward"].contains(key(index + 1))
                    : !subjectNamesPersonOrWork(of: index),
                !(key(index + 1) == "of" && reader.isPersonHead(index + 2))
            {
                // "the client library is careless about topology": software, not a person or their work.
                return nil
            }
            report(
                index..<(index + 1), .judgement, cue: judgementCue(word), actor: actor.isPerson ? actor : .none, rewrite: rewrite)
            // "carelessly skipped the drain step" is one finding: the adverb's verb is covered by it.
            if word.hasSuffix("ly") && continues(index + 1) && reader.isVerbLike(index + 1) { return index + 2 }
            return index + 1
        }
        if (word == "clearly" || word == "obviously") && hasNoAhead(index) {
            let (actor, _) = subject(of: index)
            guard actor.mayBePerson, actor != .implied else { return nil }
            var end = index + 1
            while end < range.upperBound && continues(end) && end < index + 4 && !reader.isVerbLike(end) || isNegationWord(end) {
                end += 1
            }
            return report(
                index..<min(end + 1, range.upperBound), .judgement, cue: word, actor: actor, rewrite: BlameRewrite.judgement)
        }
        if word == "out", key(index + 1) == "of", ["their", "his", "her", "my", "your"].contains(key(index + 2)),
            key(index + 3) == "depth"
        {
            return report(
                index..<(index + 4), .judgement, cue: "out of their depth", actor: subject(of: index).actor,
                rewrite: BlameRewrite.experience)
        }
        var end = index + 1
        var isWeak = weakJudgements.contains(word)
        let notBefore =
            index > range.lowerBound && ["not", "wasn't", "weren't", "isn't", "aren't"].contains(key(index - 1))
            || index > range.lowerBound + 1 && ["not", "wasn't", "weren't"].contains(key(index - 2))
                && ["as", "very", "particularly", "sufficiently", "so"].contains(key(index - 1))
        if careAdjectives.contains(word), notBefore {
            // "was not careful enough", "were not as thorough as"
            let (actor, _) = subject(of: index - 1)
            guard actor.mayBePerson && actor != .implied else { return nil }
            var end = index + 1
            if key(end) == "enough" && continues(end) { end += 1 }
            return report(
                (index - (key(index - 1) == "not" || key(index - 1).hasSuffix("n't") ? 1 : 2))..<end, .judgement,
                cue: "not careful", actor: actor, rewrite: BlameRewrite.attention)
        }
        if word == "too" && ["slow", "slowly", "late", "long", "busy", "lazy", "distracted"].contains(key(index + 1))
            && continues(index + 1)
        {
            isWeak = true
            end = index + 2
        } else if ["fell", "falls", "fall"].contains(word) {
            var cursor = index + 1
            if ["well", "far", "way"].contains(key(cursor)) { cursor += 1 }
            guard key(cursor) == "short" && continues(cursor) else { return nil }
            isWeak = true
            end = cursor + 1
        } else if [
            "slow", "late", "poor", "sluggish", "delayed", "inadequate", "lacklustre", "lackluster", "half-hearted", "bad",
            "botched", "rushed", "hasty", "shoddy", "half-baked", "careless", "sloppy", "lazy", "reckless",
        ].contains(word),
            index > range.lowerBound, tokens[index - 1].isPossessive,
            reader.isPersonHead(index - 1) || reader.isPossibleName(index - 1),
            continues(index + 1), !BlameLexicon.endsObject(key(index + 1))
        {
            return report(
                (index - 1)..<(index + 2), .judgement, cue: "slow response", actor: .person(ownerText(index - 1)),
                rewrite: BlameRewrite.attention)
        }
        guard isWeak, !isNegated(index) else { return nil }
        let predicateActor = predicateSubject(of: index)
        if continues(index + 1) && workProducts.contains(key(index + 1)) && !word.hasSuffix("ly") {
            // "a lazy review", "an unacceptable change": a person's work, judged
            return report(index..<end, .judgement, cue: word, actor: .none, rewrite: BlameRewrite.judgement)
        }
        let actor = predicateActor
        let (_, opener) = reader.clauseStart(before: reader.verbGroupStart(index))
        let isAboutPerson =
            actor.mayBePerson && actor != .implied || subjectNamesPersonOrWork(of: index, workCounts: false)
            || (opener == "which"
                && clauseSubject(before: reader.clauseStart(before: reader.verbGroupStart(index)).start - 1).isPerson)
        guard isAboutPerson else { return nil }
        return report(
            index..<end, .judgement, cue: reader.words(index..<end).lowercased(), actor: actor == .implied ? .none : actor,
            rewrite: BlameRewrite.judgement)
    }

    func isNegationWord(_ index: Int) -> Bool {
        guard index < range.upperBound else { return false }
        let word = key(index)
        return word == "not" || word == "never" || word.hasSuffix("n't")
    }

    /// Whether a clear "no" follows `index` closely: "clearly have no idea".
    func hasNoAhead(_ index: Int) -> Bool {
        (index + 1..<min(index + 4, range.upperBound)).contains {
            ["no", "not", "never"].contains(key($0)) || key($0).hasSuffix("n't")
        }
    }

    /// Whether the subject of the clause holding `index` names a person (a possessive, a gerund
    /// that is someone's action: "Leaving a shell open") or, when `workCounts`, a person's work
    /// ("the change", "the handling of the situation").
    func subjectNamesPersonOrWork(of index: Int, workCounts: Bool = true) -> Bool {
        let groupStart = reader.verbGroupStart(index)
        let (start, _) = reader.clauseStart(before: groupStart)
        // "Running a migration at peak was reckless"
        if key(start).hasSuffix("ing") && key(start).count > 5 && start < groupStart { return true }
        var verb = start
        while verb < index && !reader.isVerbLike(verb) { verb += 1 }
        guard verb > start else { return false }
        let span = start..<verb
        if span.contains(where: { tokens[$0].isPossessive && (reader.isPersonHead($0) || reader.isPossibleName($0)) }) {
            return true
        }
        if key(start).hasSuffix("ing") && key(start).count > 5 { return true }
        var high = verb
        for cursor in (start + 1)..<verb where BlameLexicon.prepositions.contains(key(cursor)) {
            high = cursor
            break
        }
        let personInside = span.contains { (reader.isStrongPerson($0) || reader.isPossibleName($0)) && !tokens[$0].isPossessive }
        guard workCounts else {
            // "The response from the on-call was too slow": someone's work, with them named in it.
            return reader.isStrongPerson(high - 1) || (workProducts.contains(key(high - 1)) && personInside)
        }
        return workProducts.contains(key(high - 1)) || personInside
    }

    /// The head word of the subject of the clause holding `index`, when it has one.
    func subjectHead(of index: Int) -> String? {
        let groupStart = reader.verbGroupStart(index)
        let (start, _) = reader.clauseStart(before: groupStart)
        var verb = start
        while verb < index && !reader.isVerbLike(verb) { verb += 1 }
        guard verb > start else { return nil }
        var head = verb - 1
        while head > start && BlameLexicon.isAdverb(key(head)) { head -= 1 }
        return key(head)
    }

    func judgementCue(_ word: String) -> String {
        for (stem, forms) in judgementFamilies where forms.contains(word) { return stem }
        return word
    }

    /// "accidentally deleted", "mistakenly labeled", "inadvertently ran": about a person, or a passive.
    mutating func adverb(at index: Int) -> Int? {
        let word = key(index)
        guard let strength = blameAdverbs[word] else { return nil }
        // The verb it modifies: the next word (past another adverb), or the word before.
        var verb = index + 1
        if continues(verb) && BlameLexicon.isAdverb(key(verb)) { verb += 1 }
        let modifiesNext = continues(verb) && !BlameLexicon.endsObject(key(verb)) && !BlameLexicon.determiners.contains(key(verb))
        let verbIndex = modifiesNext ? verb : index
        let groupStart = reader.verbGroupStart(modifiesNext ? index : index)
        let isPassive =
            (groupStart..<index).contains { BlameLexicon.passiveAuxiliaries.contains(key($0)) }
            || (modifiesNext && BlameVerbs.table[key(verbIndex)] == nil && index > range.lowerBound
                && BlameLexicon.passiveAuxiliaries.contains(key(index - 1)))
        let span = index..<(modifiesNext ? verb + 1 : index + 1)
        let predicate = reader.words(span.lowerBound..<object(after: span.upperBound).upperBound)
        if isPassive {
            guard strength == .strong else { return nil }
            var agent: BlameActor = .implied
            var scan = span.upperBound
            while continues(scan) && scan - span.upperBound < 6 {
                if key(scan) == "by" {
                    agent = reader.actor(startingAt: scan + 1).actor
                    break
                }
                scan += 1
            }
            guard agent.mayBePerson else { return nil }
            return report(span, .blame, cue: word, actor: agent, predicate: predicate, rewrite: BlameRewrite.accident)
        }
        let (actor, _) = reader.subject(beforeVerbGroupAt: groupStart)
        switch actor {
        case .person: break
        case .unknown, .none: guard strength == .strong else { return nil }
        case .thing, .implied: return nil
        }
        return report(span, .blame, cue: word, actor: actor, predicate: predicate, rewrite: BlameRewrite.accident)
    }

    /// A failure verb: "ignored the disk-space alert", "skipped the canary", "broke the build".
    mutating func verb(at index: Int) -> Int? {
        let word = key(index)
        let known =
            BlameVerbs.table[word]
            ?? (isMisVerb(word) ? BlameVerbs.Entry(lemma: word, kind: .failure, form: .pastOrParticiple) : nil)
        guard let entry = known, entry.kind != .duty else { return nil }
        var end = index + 1
        if let particles = BlameVerbs.particles[entry.lemma] {
            // "took the whole region down": a particle may follow the object.
            let reach = ["take", "bring", "knock"].contains(entry.lemma) ? 5 : 1
            var cursor = end
            while cursor < end + reach && continues(cursor) && !particles.contains(key(cursor))
                && !BlameLexicon.endsObject(key(cursor))
            {
                cursor += 1
            }
            guard continues(cursor), particles.contains(key(cursor)) else { return nil }
            end = cursor == end ? end + 1 : end
            if cursor > end { end = index + 1 }
        }
        let groupStart = reader.verbGroupStart(index)
        let group = groupStart..<index
        let isNegatedGroup = group.contains { groupNegations.contains(key($0)) || key($0).hasSuffix("n't") }
        if isNegatedGroup { return nil }
        let isPassive =
            entry.form.isPastOrParticiple
            && (group.contains { BlameLexicon.passiveAuxiliaries.contains(key($0)) }
                && !group.contains { ["have", "has", "had"].contains(key($0)) && !group.contains { key($0) == "been" } }
                || (key(end) == "by" && continues(end) && !["mistake", "accident", "hand"].contains(key(end + 1))))
        let followsPerson =
            index > range.lowerBound && tokens[index].breakBefore == .none && reader.isStrongPerson(index - 1)
            && !tokens[index - 1].isPossessive
        // A gerund or infinitive belongs to another verb ("easy to forget", "avoid skipping").
        if entry.form == .presentParticiple && !group.contains(where: { BlameLexicon.auxiliaries.contains(key($0)) })
            && !(index > range.lowerBound && ["kept", "keeps", "keep", "started", "stopped"].contains(key(index - 1)))
            && !(followsPerson && entry.kind == .humanFailure)
        {
            return nil
        }
        if index > range.lowerBound && key(index - 1) == "to" && !group.contains(where: { key($0) == "to" })
            && !(index > range.lowerBound + 1 && infinitiveGovernors.contains(key(index - 2)))
        {
            // "forgot to", "neglected to" carry their own infinitive; any other "to" governs this verb.
            return nil
        }
        if index > range.lowerBound && tokens[index].breakBefore == .none && BlameLexicon.determiners.contains(key(index - 1)) {
            return nil  // a noun or adjective: "a missed page", "the broken build"
        }
        if !entry.form.isPastOrParticiple && isHypothetical(index) { return nil }
        let objectRange = object(after: end)
        let objectWords = objectRange.map { key($0) }
        let auxiliaryStart = group.first { BlameLexicon.auxiliaries.contains(key($0)) } ?? index
        let predicate = reader.words((isPassiveGroup(group) ? index : auxiliaryStart)..<objectRange.upperBound)
        if entry.lemma == "miss" && objectWords.contains(where: { BlameLexicon.missedOutcomes.contains($0) }) { return nil }
        if entry.lemma == "introduce" && !objectWords.contains(where: { defectNouns.contains($0) }) { return nil }
        if entry.lemma == "break" && objectWords.first.map({ ["down", "into", "up", "out", "apart"].contains($0) }) == true {
            return nil
        }
        if entry.lemma == "drop" || entry.lemma == "mess" && end == index + 1 { return nil }
        let rewrite = verbRewrite(entry.lemma)
        let cue = entry.lemma
        if isPassive {
            var agent: BlameActor = .implied
            var scan = end
            while continues(scan) && scan - end < 6 {
                if key(scan) == "by" {
                    agent = reader.actor(startingAt: scan + 1).actor
                    break
                }
                scan += 1
            }
            switch agent {
            case .person: break
            case .unknown: guard entry.kind == .humanFailure else { return nil }
            case .implied:
                let (clause, _) = reader.clauseStart(before: groupStart)
                let subjectWords = (clause..<groupStart).map { key($0) }
                if entry.kind == .failure {
                    // "Step 6 of the runbook was skipped": a procedure only people carry out.
                    guard entry.lemma == "skip" || entry.lemma == "bypass" || entry.lemma == "violate",
                        subjectWords.contains(where: {
                            BlameLexicon.procedureNouns.contains($0) || BlameLexicon.alertNouns.contains($0) || $0 == "freeze"
                        })
                    else { return nil }
                }
                if ["mistype", "misread", "misspell", "mistake", "misclick"].contains(entry.lemma)
                    || isMisVerb(key(index)) && BlameVerbs.table[key(index)] == nil
                {
                    return nil  // "the command was mistyped": an input slip, no one named
                }
                if ["ignore", "disregard", "overlook", "dismiss"].contains(entry.lemma) {
                    // People ignore warnings; code ignores headers: "the header was ignored" is not blame.
                    guard !subjectWords.contains(where: { technicalNouns.contains($0) }) else { return nil }
                }
            case .thing, .none: return nil
            }
            return report(index..<end, .blame, cue: cue, actor: agent, predicate: predicate, rewrite: rewrite)
        }
        let governed = index > range.lowerBound + 1 && key(index - 1) == "to" && infinitiveGovernors.contains(key(index - 2))
        // "the release manager chose to override the gate": the subject is the governing verb's.
        var (actor, _) = reader.subject(beforeVerbGroupAt: governed ? reader.verbGroupStart(index - 2) : groupStart)
        if actor == .thing, let owner = possessivePerson(before: groupStart),
            !BlameLexicon.organisationNouns.contains(owner.lowercased())
        {
            actor = .person(owner)  // "Kiran's quick fix took the whole region down", "your deploy broke checkout"
        }
        if entry.kind == .failure, isOrganisation(actor) { return nil }  // "the provider introduced a regression"
        if entry.kind != .humanFailure, isExcusedByCondition(after: index) { return nil }
        if !entry.form.isPastOrParticiple, case .person(let words) = actor,
            ["everyone", "everybody", "anyone", "anybody", "people", "humans", "we all", "all of us"].contains(words.lowercased())
        {
            return nil  // "everybody mistypes hostnames occasionally": the human condition, not blame
        }
        if actor == .thing, ["violate", "bypass", "circumvent", "flout"].contains(entry.lemma) {
            // "Pushing directly to main violated the process": someone's action broke the rule.
            let (clause, _) = reader.clauseStart(before: groupStart)
            if key(clause).hasSuffix("ing") && key(clause).count > 5 { actor = .implied }
        }
        switch actor {
        case .person, .implied: break
        case .unknown: guard entry.kind == .humanFailure else { return nil }
        case .none:
            // A note with its subject left out: "Ignored the disk alert again."
            guard entry.kind == .humanFailure && entry.form.isPastOrParticiple && groupStart == range.lowerBound else {
                return nil
            }
        case .thing: return nil
        }
        if isNegativeSubject(before: groupStart) { return nil }  // "nobody ignored it", "nothing you did caused it"
        return report(index..<end, .blame, cue: cue, actor: actor, predicate: predicate, rewrite: rewrite)
    }

    func verbRewrite(_ lemma: String) -> String {
        switch lemma {
        case "ignore", "disregard", "overlook", "miss": return BlameRewrite.ignored
        case "skip", "bypass", "circumvent", "violate", "flout", "disobey", "rush", "skimp", "shirk": return BlameRewrite.skipped
        case "forget", "neglect", "slack": return BlameRewrite.omission
        case "break", "cause", "introduce": return BlameRewrite.change
        case "misread", "mistype", "fat-finger", "misconfigure", "mislabel", "misname", "misspell", "misroute",
            "misapply", "misclick", "mistake":
            return BlameRewrite.wrongInput
        case "rubber-stamp": return BlameRewrite.review
        default: return BlameRewrite.handling
        }
    }

    /// "did not follow the change process", "never checked the replica", "nobody noticed the
    /// alert", "approved it without reading": a duty left undone by a person.
    mutating func negatedDuty(at index: Int) -> Int? {
        let word = key(index)
        let tableEntry = BlameVerbs.table[word]
        let isDuty = tableEntry?.kind == .duty
        let groupStart = reader.verbGroupStart(index)
        let group = groupStart..<index
        let negation = group.first { groupNegations.contains(key($0)) || key($0).hasSuffix("n't") }
        let nobodyStart = reader.clauseStart(before: groupStart).start
        let subjectIsNobody =
            nobodyStart < groupStart
            && (BlameLexicon.negativePersons.contains(key(nobodyStart)) || key(nobodyStart) == "none"
                || (key(nobodyStart) == "no" && key(nobodyStart + 1) == "one"))
        guard negation != nil || (subjectIsNobody && isDuty) else { return nil }
        if negation != nil && subjectIsNobody { return nil }
        if subjectIsNobody && (nobodyStart..<groupStart).contains(where: { reader.isVerbLike($0) }) { return nil }
        // "nobody had performed one since": experience
        if subjectIsNobody && group.contains(where: { key($0) == "had" }) && tableEntry?.lemma != "bother" { return nil }
        if index > range.lowerBound && BlameLexicon.determiners.contains(key(index - 1)) { return nil }  // "the page"
        // A present tense states a policy ("we do not ask who"), not a duty left undone.
        if let negation,
            ["do", "does", "don't", "doesn't"].contains(key(negation))
                || (negation > range.lowerBound && ["do", "does"].contains(key(negation - 1)))
        {
            return nil
        }
        if group.contains(where: { BlameLexicon.modals.contains(key($0)) }) { return nil }  // "we could not check"
        if isHypothetical(index) { return nil }
        let objectRange = object(after: index + 1)
        let hasProcedure = objectRange.contains { BlameLexicon.procedureNouns.contains(key($0)) }
        let isPassive = group.contains(where: { BlameLexicon.passiveAuxiliaries.contains(key($0)) })
        if isPassive {
            // "The pre-flight checklist was not followed": only a duty, and only about what people follow or read.
            guard isDuty, tableEntry?.form.isPastOrParticiple == true, negation != nil else { return nil }
            let (clause, _) = reader.clauseStart(before: groupStart)
            guard
                (clause..<groupStart).contains(where: {
                    BlameLexicon.procedureNouns.contains(key($0)) || BlameLexicon.alertNouns.contains(key($0))
                })
            else { return nil }
            return report(
                (negation ?? groupStart)..<(index + 1), .blame, cue: "didn't follow the runbook", actor: .implied,
                predicate: "did not " + (tableEntry?.lemma ?? word) + " it", rewrite: BlameRewrite.procedure)
        }
        // Any verb after "did not" or "never" says what a person left undone, except verbs of knowing,
        // having and receiving, which describe the conditions ("we did not know", "she never got the page").
        let afterDo =
            negation.map {
                key($0) == "didn't" || key($0) == "never"
                    || (key($0) == "not" && $0 > range.lowerBound && ["did", "has", "have"].contains(key($0 - 1)))
                    || (["hasn't", "haven't"].contains(key($0)) && word.hasSuffix("ed"))
            } ?? false
        guard
            isDuty
                || (afterDo && !undoneExclusions.contains(word) && !BlameLexicon.determiners.contains(word)
                    && tableEntry == nil && !reader.tokens[index].isCapitalized)
        else { return nil }
        if !isDuty && (word.hasSuffix("ing") || BlameLexicon.isAdverb(word)) { return nil }
        let (actor, _) = reader.subject(beforeVerbGroupAt: groupStart)
        let effectiveActor: BlameActor = subjectIsNobody ? .person("nobody") : actor
        if isOrganisation(effectiveActor) && !hasProcedure { return nil }
        if isExcusedByCondition(after: index) { return nil }
        if !isDuty {
            // Any other verb needs a clear person ("they" may be the pods) and, after "never", a past tense.
            guard case .person(let words) = effectiveActor, !["they", "it", "what we"].contains(words.lowercased()) else {
                return nil
            }
            if let negation, key(negation) == "never" && !word.hasSuffix("ed") { return nil }
        }
        switch effectiveActor {
        case .person: break
        case .unknown: guard hasProcedure || isDuty else { return nil }
        case .none: guard hasProcedure && groupStart == range.lowerBound else { return nil }
        case .thing, .implied: return nil
        }
        let start = subjectIsNobody ? nobodyStart : (negation ?? groupStart)
        let lemma = tableEntry?.lemma ?? word
        return report(
            start..<(index + 1), .blame, cue: hasProcedure ? "didn't follow the runbook" : "did not " + lemma,
            actor: effectiveActor,
            predicate: subjectIsNobody
                ? "did not " + lemma + (objectRange.isEmpty ? "" : " " + reader.words(objectRange))
                : reader.words(start..<objectRange.upperBound),
            rewrite: hasProcedure ? BlameRewrite.procedure : BlameRewrite.omission)
    }

    /// Whether the subject of the clause whose verb group starts at `groupStart` is a negative:
    /// "nobody on the team", "no one", "nothing you did".
    func isNegativeSubject(before groupStart: Int) -> Bool {
        let (start, _) = reader.clauseStart(before: groupStart)
        guard start < groupStart else { return false }
        let first = key(start)
        return BlameLexicon.negativePersons.contains(first) || first == "nothing" || first == "none" || first == "neither"
            || (first == "no" && start + 1 < groupStart)
    }

    /// The person whose possessive opens the subject of the clause whose verb group starts at
    /// `groupStart` ("Kiran's quick fix", "your deploy"), if any.
    func possessivePerson(before groupStart: Int) -> String? {
        let (start, _) = reader.clauseStart(before: groupStart)
        for index in start..<groupStart {
            let token = tokens[index]
            if ["your", "his", "her", "my"].contains(token.key) { return token.text }
            if token.isPossessive && (reader.isPersonHead(index) || reader.isPossibleName(index)) { return ownerText(index) }
        }
        return nil
    }

    /// Whether a verb group is a passive's: a form of be or get.
    func isPassiveGroup(_ group: Range<Int>) -> Bool {
        group.contains { BlameLexicon.passiveAuxiliaries.contains(key($0)) }
    }

    /// Whether the actor is an organisation rather than a person ("the vendor", "marketing").
    func isOrganisation(_ actor: BlameActor) -> Bool {
        guard case .person(let words) = actor, let last = words.split(separator: " ").last else { return false }
        return BlameLexicon.organisationNouns.contains(ClauseReader.owner(of: last.lowercased()))
    }

    /// Whether a "because" clause after `index` gives a condition with a thing as its subject: "the
    /// on-call engineer missed the page because the paging app had logged them out" describes the
    /// conditions, as a blameless review should.
    func isExcusedByCondition(after index: Int) -> Bool {
        var cursor = index + 1
        while cursor < range.upperBound {
            if ["because", "since", "as"].contains(key(cursor)) && cursor + 1 < range.upperBound {
                let reason = cursor + 1
                var verb = reason
                while verb < range.upperBound && verb < reason + 8 && !reader.isVerbLike(verb) { verb += 1 }
                guard verb > reason && verb < range.upperBound else { return false }
                return reader.actor(of: reason..<verb) == .thing
            }
            cursor += 1
        }
        return false
    }

    /// Whether `word` is a verb of getting something wrong: "misclassified", "misjudged".
    func isMisVerb(_ word: String) -> Bool {
        word.count > 7 && word.hasPrefix("mis") && word.hasSuffix("ed") && !["missed", "misused"].contains(word) == true
            && !word.hasPrefix("miss")
    }

    /// "was caused by an engineer", "was triggered by a junior developer": a person as the cause.
    mutating func causedBy(at index: Int) -> Int? {
        guard ["caused", "triggered", "introduced", "started", "initiated"].contains(key(index)), key(index + 1) == "by",
            continues(index + 1), index > range.lowerBound,
            BlameLexicon.passiveAuxiliaries.contains(key(index - 1)) || BlameLexicon.isAdverb(key(index - 1))
        else { return nil }
        let (actor, end) = reader.actor(startingAt: index + 2)
        // "caused by Lee's mistake": the noun reports it
        guard actor.isPerson, !((index + 2)..<end).contains(where: { tokens[$0].isPossessive }) else { return nil }
        return report(
            index..<end, .blame, cue: "caused by", actor: actor, predicate: "caused it",
            rewrite: BlameRewrite.describeContributors)
    }

    /// The actor of the clause holding `index`: the subject of its first verb, a passive's agent
    /// (or `.implied` without one), or the clause before's when this one has no verb of its own.
    func clauseActor(at index: Int, markerEnd: Int? = nil) -> BlameActor {
        let actor = clauseActorWithoutAppositive(at: index, markerEnd: markerEnd ?? index + 2)
        guard actor == .none else { return actor }
        // "Ifeoma, true to form, merged…": a bare name opening the sentence before a comma is the subject.
        var end = range.lowerBound + 1
        while end < range.upperBound && tokens[end].breakBefore == .none { end += 1 }
        guard end < index, end - range.lowerBound <= 3, !(range.lowerBound..<end).contains(where: { reader.isVerbLike($0) })
        else { return .none }
        let opening = reader.actor(of: range.lowerBound..<end)
        if case .person = opening { return opening }
        if case .unknown = opening { return opening }
        return .none
    }

    private func clauseActorWithoutAppositive(at index: Int, markerEnd: Int) -> BlameActor {
        var (start, _) = reader.clauseStart(before: index)
        if start == index && index > range.lowerBound && tokens[index].breakBefore != .none {
            // ", despite repeated reminders": the marker's clause trails the one it is about.
            return clauseActorWithoutAppositive(at: index - 1, markerEnd: index)
        }
        var limit = index
        // A marker that opens its clause ("Once again the team shipped…") looks ahead for the verb.
        if start == index
            || (start..<index).allSatisfy({ ["once", "yet", "again", "instead", "rather", "of", "than"].contains(key($0)) })
        {
            limit = index + 1
            while limit < range.upperBound && tokens[limit].breakBefore == .none { limit += 1 }
        }
        for _ in 0..<3 {
            var verb = start
            while verb < limit && (!reader.isVerbLike(verb) || (verb >= index && verb < markerEnd)) { verb += 1 }
            if verb < limit {
                // The verb group: auxiliaries and adverbs up to its main verb ("was then deployed").
                var main = verb
                while main + 1 < range.upperBound && continues(main + 1)
                    && (BlameLexicon.auxiliaries.contains(key(main)) || BlameLexicon.modals.contains(key(main))
                        || isNegationWord(main) || BlameLexicon.isAdverb(key(main)))
                    && (reader.isVerbLike(main + 1) || BlameLexicon.isAdverb(key(main + 1)) || isNegationWord(main + 1)
                        || key(main + 1).hasSuffix("ed"))
                {
                    main += 1
                }
                let isParticiple =
                    key(main).hasSuffix("ed") || key(main).hasSuffix("en")
                    || BlameVerbs.table[key(main)]?.form.isPastOrParticiple == true
                    || BlameLexicon.irregularPasts.contains(key(main))
                if main > verb && (verb...main).contains(where: { BlameLexicon.passiveAuxiliaries.contains(key($0)) })
                    && isParticiple
                {
                    var scan = main + 1
                    while scan < range.upperBound && scan < main + 10 {
                        if key(scan) == "by" && continues(scan) && !["mistake", "accident", "hand"].contains(key(scan + 1)) {
                            return reader.actor(startingAt: scan + 1).actor
                        }
                        scan += 1
                    }
                    return .implied
                }
                return reader.subject(beforeVerbGroupAt: reader.verbGroupStart(verb)).actor
            }
            guard start > range.lowerBound else { break }
            let previous = reader.clauseStart(before: start - 1).start
            if previous == start { break }
            // "Ifeoma, true to form, merged…": a bare name opening the sentence is the subject.
            if previous == range.lowerBound, start - previous <= 3, case .person = reader.actor(of: previous..<(start)) {
                return reader.actor(of: previous..<start)
            }
            if previous == range.lowerBound, start - previous <= 2, reader.isPossibleName(previous) {
                return .unknown(tokens[previous].text)
            }
            limit = start
            start = previous
        }
        // A marker before its clause: "Once again, the mobile team shipped…", "Instead of following the
        // procedure, the engineer improvised".
        var next = index + 1
        while next < range.upperBound && tokens[next].breakBefore == .none { next += 1 }
        guard next < range.upperBound else { return .none }
        var verb = next
        while verb < range.upperBound && (verb == next || tokens[verb].breakBefore == .none) && !reader.isVerbLike(verb) {
            verb += 1
        }
        guard verb < range.upperBound, verb > next else { return .none }
        return reader.actor(of: next..<verb)
    }

    /// Words that make an action blame by how it was done: "without checking", "instead of
    /// canarying it", "by mistake", "anyway", "yet again", about a person or a passive.
    mutating func marker(at index: Int) -> Int? {
        let word = key(index)
        var end = index + 1
        switch word {
        case "without", "w/o":
            guard continues(end), section != .whatWentWell else { return nil }
            let next = key(end)
            var cursor = end
            while continues(cursor)
                && [
                    "even", "so", "much", "as", "a", "an", "any", "anyone", "anybody", "ever", "first", "actually", "properly",
                    "really",
                ].contains(key(cursor))
            {
                cursor += 1
            }
            var head = key(cursor)
            // "without a load test": the skipped check may come a word or two on.
            var reach = cursor
            while !(head.hasSuffix("ing") && head.count > 4) && !withoutNouns.contains(head) && reach < cursor + 2
                && continues(reach + 1)
            {
                reach += 1
                head = key(reach)
            }
            cursor = reach
            let isAction = head.hasSuffix("ing") && head.count > 4 || withoutNouns.contains(head)
            guard continues(cursor), isAction || next == "anyone" || next == "anybody" else { return nil }
            end = cursor + 1
        case "instead", "rather":
            guard key(end) == (word == "instead" ? "of" : "than"), continues(end), continues(end + 1),
                key(end + 1).hasSuffix("ing") || (word == "instead" && ["the", "a", "an"].contains(key(end + 1)))
            else { return nil }
            end += 2
        case "despite", "regardless":
            var cursor = end
            if word == "regardless" {
                guard key(cursor) == "of" else { return nil }
                cursor += 1
            }
            let scope = cursor..<min(cursor + 5, range.upperBound)
            guard
                scope.contains(where: {
                    BlameLexicon.alertNouns.contains(key($0))
                        || ["clash", "objection", "objections", "concerns", "freeze", "advice", "instructions", "policy"]
                            .contains(key($0))
                })
            else { return nil }
            end = cursor
        case "anyway", "anyways":
            guard index > range.lowerBound else { return nil }
        case "prematurely", "hastily", "recklessly":
            break
        case "by", "in", "on":
            let next = key(end)
            guard continues(end),
                (word == "by" && ["mistake", "accident"].contains(next)) || (word == "in" && next == "error")
                    || (word == "on" && ["reflex", "autopilot", "impulse", "a", "auto-pilot"].contains(next)
                        && (next != "a" || key(end + 1) == "whim"))
            else { return nil }
            end += next == "a" ? 2 : 1
        case "yet", "once":
            guard key(end) == "again", continues(end) else { return nil }
            end += 1
        case "again":
            guard tokens[index].text == "AGAIN" else { return nil }
        case "rogue":
            guard index > range.lowerBound, ["went", "gone", "go", "going"].contains(key(index - 1)) else { return nil }
            return markerReport((index - 1)..<end, at: index)
        case "cowboy", "cowboy-deployed", "cowboyed", "yolo'd", "yoloed", "yolo", "went":
            if word == "went" {
                // "went back to sleep", "went home"
                guard ["back", "home", "to", "off"].contains(key(end)), continues(end) else { return nil }
                end += 1
                if ["to", "sleep", "bed"].contains(key(end)) && continues(end) { end += 1 }
                if ["sleep", "bed", "dinner", "lunch"].contains(key(end)) && continues(end) { end += 1 }
                guard ["sleep", "bed", "home", "dinner", "lunch"].contains(key(end - 1)) else { return nil }
            }
            let (actor, _) = subject(of: index)
            guard actor.mayBePerson && actor != .implied else { return nil }
            return report(
                index..<end, .blame, cue: word, actor: actor, predicate: "acted " + reader.words(index..<end),
                rewrite: BlameRewrite.skipped)
        case "untested", "unreviewed", "unapproved", "unvetted", "unannounced", "unauthorised", "unauthorized":
            guard index > range.lowerBound else { return nil }
            if tokens[index - 1].isPossessive && (reader.isPersonHead(index - 1) || reader.isPossibleName(index - 1)) {
                // "Haruto's untested hotfix"
                return report(
                    (index - 1)..<end, .blame, cue: word, actor: .person(ownerText(index - 1)),
                    predicate: "shipped something " + word, rewrite: BlameRewrite.skipped)
            }
            guard
                ["an", "a", "the", "some", "his", "her", "their", "out", "through"].contains(key(index - 1))
                    || reader.isVerbLike(index - 1)
            else {
                return nil
            }
            let actor = clauseActor(at: index)
            guard actor.isPerson else { return nil }
            return report(
                index..<end, .blame, cue: word, actor: actor, predicate: "shipped something " + word,
                rewrite: BlameRewrite.skipped)
        case "straight", "directly":
            guard key(end) == "to" || key(end) == "into",
                ["prod", "production", "main", "master", "live"].contains(key(end + 1)), continues(end + 1)
            else {
                return nil
            }
            end += 2
        case "second", "third", "fourth", "fifth", "sixth", "nth", "umpteenth", "another":
            // "This is the third time this quarter the payments team has taken down checkout"
            guard key(end) == "time" || key(end) == "incident", continues(end) else { return nil }
            var cursor = end + 1
            while cursor < min(end + 8, range.upperBound) {
                if (reader.isStrongPerson(cursor) || reader.isPossibleName(cursor)) && !tokens[cursor].isPossessive {
                    return report(
                        index..<(end + 1), .blame, cue: "repeat offender", actor: .person(tokens[cursor].text),
                        predicate: "did it again", rewrite: BlameRewrite.describeContributors)
                }
                cursor += 1
            }
            return nil
        case "against":
            var cursor = end
            while continues(cursor)
                && ["the", "explicit", "clear", "repeated", "our", "their", "all", "written", "expert"].contains(key(cursor))
            { cursor += 1 }
            guard
                [
                    "advice", "recommendation", "recommendations", "instructions", "policy", "runbook", "process", "guidance",
                    "warnings",
                ].contains(key(cursor))
            else {
                return nil
            }
            return markerReport(index..<(cursor + 1), at: index)
        case "refused", "declined":
            guard key(end) == "to", continues(end) else { return nil }
            let (actor, _) = subject(of: index)
            guard actor.isPerson || (actor.mayBePerson && actor != .implied) else { return nil }
            return report(index..<(end + 2), .blame, cue: "refused to", actor: actor, rewrite: BlameRewrite.describeContributors)
        case "disappointed":
            var cursor = end
            while continues(cursor) && cursor < end + 4 {
                if reader.isStrongPerson(cursor) || reader.isPossibleName(cursor) {
                    return report(
                        index..<(cursor + 1), .judgement, cue: "disappointed in", actor: .person(tokens[cursor].text),
                        rewrite: BlameRewrite.judgement)
                }
                cursor += 1
            }
            return nil
        case "hurry", "rush":
            guard index > range.lowerBound + 1, key(index - 1) == "a", key(index - 2) == "in" else { return nil }
            let actor = clauseActor(at: index)
            guard actor.mayBePerson && actor != .implied else { return nil }
            return report(
                (index - 2)..<end, .judgement, cue: "in a hurry", actor: actor, predicate: "rushed", rewrite: BlameRewrite.skipped
            )
        case "part":
            // "a communication gap on Aoife's part"
            guard index > range.lowerBound + 1, tokens[index - 1].isPossessive, key(index - 2) == "on",
                reader.isPersonHead(index - 1) || reader.isPossibleName(index - 1)
            else { return nil }
            return report(
                (index - 2)..<end, .blame, cue: "on their part", actor: .person(ownerText(index - 1)), predicate: "fell short",
                rewrite: BlameRewrite.describeContributors)
        case "this", "that", "it":
            // "this is on @tbone"
            guard ["is", "was", "'s"].contains(key(end)) || key(index).hasSuffix("'s"), key(end + 1) == "on", continues(end + 1)
            else { return nil }
            let (actor, actorEnd) = reader.actor(startingAt: end + 2)
            guard actor.isPerson || actor.mayBePerson && actor != .implied else { return nil }
            return report(
                index..<actorEnd, .blame, cue: "this is on", actor: actor, predicate: "is to blame",
                rewrite: BlameRewrite.describeContributors)
        case "history", "track":
            // "Jun has a history of skipping code review"
            let ofIndex = word == "track" ? end + 1 : end
            guard word == "history" || key(end) == "record", key(ofIndex) == "of", key(ofIndex + 1).hasSuffix("ing") else {
                return nil
            }
            let actor = clauseActor(at: index)
            guard actor.mayBePerson && actor != .implied else { return nil }
            return report(
                index..<(ofIndex + 2), .blame, cue: "repeat offender", actor: actor, predicate: "did it again",
                rewrite: BlameRewrite.describeContributors)
        case "busiest", "worst":
            guard index > range.lowerBound, key(index - 1) == "the",
                ["time", "moment", "hour", "day", "week", "possible", "night"].contains(key(end))
            else { return nil }
            let actor = clauseActor(at: index)
            guard actor.isPerson || (actor.mayBePerson && actor != .implied) else { return nil }
            return report(
                (index - 1)..<(end + 1), .blame, cue: "the worst time", actor: actor, predicate: "chose the moment",
                rewrite: BlameRewrite.skipped)
        case "revoke", "revoked":
            var cursor = end
            while continues(cursor) && cursor < end + 4 && !BlameLexicon.endsObject(key(cursor)) {
                if (reader.isPersonHead(cursor) || reader.isPossibleName(cursor))
                    && !BlameLexicon.personPossessives.contains(key(cursor))
                {
                    return report(
                        index..<(cursor + 1), .judgement, cue: "revoke access", actor: .person(ownerText(cursor)),
                        predicate: "lost access", rewrite: BlameRewrite.guardrail)
                }
                cursor += 1
            }
            return nil
        case "spoke", "spoken", "talked":
            guard ["to", "with"].contains(key(end)) else { return nil }
            let (actor, actorEnd) = reader.actor(startingAt: end + 1)
            guard actor.isPerson || actor.mayBePerson && actor != .implied, key(actorEnd) == "about" || key(actorEnd) == "and"
            else { return nil }
            return report(index..<actorEnd, .exhortation, cue: "spoke to", actor: actor, rewrite: BlameRewrite.reminder)
        case "supposed":
            guard index > range.lowerBound, ["was", "were", "is", "are"].contains(key(index - 1)), key(end) == "to",
                key(end + 1) != "be"
            else { return nil }
            let (actor, _) = subject(of: index - 1)
            guard actor.isPerson || (actor.mayBePerson && actor != .implied) else { return nil }
            return report(
                (index - 1)..<(end + 2), .counterfactual, cue: "was supposed to", actor: actor, rewrite: BlameRewrite.hindsight)
        case "middle":
            guard index > range.lowerBound + 1, key(index - 1) == "the", key(index - 2) == "in", key(end) == "of",
                (end + 1..<min(end + 5, range.upperBound)).contains(where: {
                    ["business", "working", "peak", "rush", "launch", "sale", "day"].contains(key($0))
                })
            else { return nil }
            let actor = clauseActor(at: index)
            guard actor.isPerson else { return nil }
            return report(
                (index - 2)..<(end + 1), .blame, cue: "in the middle of the day", actor: actor, predicate: "chose that moment",
                rewrite: BlameRewrite.skipped)
        default:
            return nil
        }
        return markerReport(index..<end, at: index)
    }

    private mutating func markerReport(_ span: Range<Int>, at index: Int) -> Int? {
        let actor = clauseActor(at: index, markerEnd: span.upperBound)
        guard actor.mayBePerson else { return nil }
        // "anyway" and "again" say something about a person only when one is named.
        if ["anyway", "anyways", "again", "yet", "once"].contains(key(index)) && actor == .implied { return nil }
        // The organisation's own voice ("we shipped it without a tested rollback") owns the decision.
        if case .person(let words) = actor, ["we", "us"].contains(words.lowercased()) { return nil }
        if case .person(let words) = actor, BlameLexicon.negativePersons.contains(words.lowercased()) { return nil }
        return report(
            span, .blame, cue: key(index), actor: actor,
            predicate: "acted " + reader.words(span).lowercased(), rewrite: BlameRewrite.skipped)
    }

    /// The subject of the clause holding `index`, found from its first verb.
    func clauseSubject(before index: Int) -> BlameActor {
        let (start, _) = reader.clauseStart(before: index)
        var verb = start
        while verb < index && !reader.isVerbLike(verb) { verb += 1 }
        guard verb < index else { return .none }
        return reader.subject(beforeVerbGroupAt: reader.verbGroupStart(verb)).actor
    }

    /// "ran the script against the wrong database", "typed the wrong host": a person and the wrong thing.
    mutating func wrongObject(at index: Int) -> Int? {
        guard key(index) == "wrong" || key(index) == "incorrect", index > range.lowerBound,
            ["the", "a", "an"].contains(key(index - 1)), continues(index), continues(index + 1)
        else { return nil }
        let article = index - 1
        if article == range.lowerBound || tokens[article].breakBefore != .none {
            // "The wrong flag was passed to the migration by the on-call engineer": the clause's verb comes later.
            var clauseEnd = index + 1
            while clauseEnd + 1 < range.upperBound && tokens[clauseEnd + 1].breakBefore == .none { clauseEnd += 1 }
            let actor = clauseActor(at: clauseEnd)
            guard actor.isPerson else { return nil }
            return report(
                article..<(index + 2), .blame, cue: "the wrong", actor: actor,
                predicate: "chose " + reader.words(article..<(index + 2)), rewrite: BlameRewrite.wrongInput)
        }
        let actor = clauseSubject(before: article)
        guard actor.isPerson else { return nil }
        let wrongPrepositions: Set<String> = ["against", "on", "to", "into", "from", "onto", "in"]
        if BlameLexicon.prepositions.contains(key(article - 1)) && !wrongPrepositions.contains(key(article - 1)) { return nil }
        if !wrongPrepositions.contains(key(article - 1)) && reader.isVerbLike(article - 1) == false
            && ![
                "ran", "typed", "picked", "chose", "selected", "used", "entered", "edited", "changed", "deployed",
                "pushed", "restarted", "rebooted", "deleted", "dropped", "killed", "updated", "merged", "applied",
                "targeted", "opened", "closed", "removed", "drained", "copied", "pasted", "ssh'd", "promoted",
                "rolled", "stopped", "started", "configured", "modified", "terminated", "shut", "wiped", "hit",
            ].contains(key(article - 1))
        {
            return nil
        }
        let verbStart = reader.isVerbLike(article - 1) ? article - 1 : article
        return report(
            verbStart..<(index + 2), .blame, cue: "the wrong", actor: actor, predicate: reader.words(verbStart..<(index + 2)),
            rewrite: BlameRewrite.wrongInput)
    }
}

// MARK: - Word lists

/// Verbs whose infinitive is the act itself: "decided to skip", "chose to override".
private let infinitiveGovernors: Set<String> = ["decided", "chose", "opted", "elected", "tried", "attempted", "went", "managed"]

private let correctingVerbs: Set<String> = [
    "remind", "reminds", "reminded", "reminding", "retrain", "retrains", "retrained", "re-train", "re-trained",
    "re-educate", "reprimand", "reprimanded", "discipline", "disciplined", "admonish", "admonished", "scold", "scolded",
    "coach", "coached", "warn", "warned",
]
private let instructingVerbs: Set<String> = ["ask", "instruct", "tell", "talk", "speak", "reinforce", "send", "remind"]
private let failForms: Set<String> = ["fail", "fails", "failed", "failing"]
private let blameForms: Set<String> = ["blame", "blamed", "blames", "blaming"]

/// The fixed phrases and care patterns by their first words, so a word tries only the ones it can start.
private let fixedPhrasesByFirstWord: [String: [Int]] = firstWordIndex(fixedPhrases.map(\.words))
private let carePatternsByFirstWord: [String: [Int]] = firstWordIndex(carePatterns)

private func firstWordIndex(_ patterns: [[Set<String>]]) -> [String: [Int]] {
    var index: [String: [Int]] = [:]
    for (position, pattern) in patterns.enumerated() {
        for word in pattern.first ?? [] { index[word, default: []].append(position) }
    }
    return index
}

/// Every word that may start a cue, besides the verbs in `BlameVerbs` and words after a negation.
private let cueWords: Set<String> = {
    var words: Set<String> = [
        "should", "could", "would", "might", "must", "ought", "shouldn't", "couldn't", "wouldn't", "should've",
        "could've", "would've", "might've", "must've", "if", "had", "were", "more", "remind", "reminds", "reminded",
        "reminding", "retrain", "retrains", "retrained", "re-train", "re-trained", "re-educate", "reprimand",
        "reprimanded", "discipline", "disciplined", "admonish", "admonished", "scold", "scolded", "coach", "coached",
        "warn", "warned", "hold", "holding", "ask", "instruct", "tell", "talk", "speak", "reinforce", "send",
        "actually", "really", "fail", "fails", "failed", "failing", "blame", "blamed", "blames", "blaming", "culprit",
        "culprits", "at", "responsible", "bears", "bear", "bore", "shoulders", "carries", "finger", "fingers",
        "clearly", "obviously", "out", "too", "fell", "falls", "fall", "slow", "late", "poor", "sluggish", "delayed",
        "inadequate", "lacklustre", "lackluster", "half-hearted", "caused", "triggered", "introduced", "started",
        "careful", "vigilant", "diligent", "thorough", "mindful", "cautious", "attentive", "w/o", "history", "track",
        "busiest", "worst", "this", "that", "it", "revoke", "revoked", "spoke", "spoken", "talked", "supposed", "hurry",
        "rush", "part", "rather", "refused", "declined", "disappointed", "against",
        "initiated", "wrong", "incorrect", "without", "instead", "despite", "regardless", "anyway", "anyways",
        "prematurely", "hastily", "recklessly", "by", "in", "on", "yet", "once", "again", "rogue", "cowboy",
        "cowboy-deployed", "cowboyed", "yolo'd", "yoloed", "yolo", "went", "untested", "unreviewed", "unapproved",
        "unvetted", "unannounced", "unauthorised", "unauthorized", "straight", "directly", "middle", "second", "third",
        "fourth", "fifth", "sixth", "nth", "umpteenth", "another", "stop", "stops", "take", "takes", "taking", "took",
    ]
    words.formUnion(preventableIntensifiers)
    words.formUnion(blameNouns)
    words.formUnion(strongJudgements.keys)
    words.formUnion(weakJudgements)
    words.formUnion(blameAdverbs.keys)
    for phrase in fixedPhrases { words.formUnion(phrase.words[0]) }
    for pattern in carePatterns { words.formUnion(pattern[0]) }
    return words
}()

/// A phrase that is blame wherever it stands.
private struct FixedPhrase {
    var name: String
    var words: [Set<String>]
    var category: BlameCategory
    var rewrite: String
    var unlessFollowedBy: Set<String>?
    /// Words that, right before the phrase, make it about designing against it ("a defence against human error").
    var unlessPrecededBy: Set<String> = []
    var isNegatable = true
    /// Whether it counts only when the clause's subject may be a person ("cut corners").
    var needsActor = false
    /// Whether it counts only when the clause's subject is known to be a person ("made things worse").
    var needsPerson = false
}

private let fixedPhrases: [FixedPhrase] = [
    FixedPhrase(
        name: "human error", words: [["human"], ["error", "errors"]], category: .blame, rewrite: BlameRewrite.describeAction,
        unlessPrecededBy: [
            "against", "of", "to", "reduce", "reduces", "prevent", "prevents", "minimise", "minimize",
            "eliminate", "eliminates", "from", "for", "beyond", "about",
        ]),
    FixedPhrase(
        name: "operator error", words: [["operator"], ["error", "errors"]], category: .blame,
        rewrite: BlameRewrite.describeAction, unlessFollowedBy: BlameLexicon.technicalErrorFollowers),
    FixedPhrase(
        name: "user error", words: [["user"], ["error"]], category: .blame, rewrite: BlameRewrite.describeUserAction,
        unlessFollowedBy: BlameLexicon.technicalErrorFollowers),
    FixedPhrase(
        name: "pilot error", words: [["pilot"], ["error", "errors"]], category: .blame, rewrite: BlameRewrite.describeAction),
    FixedPhrase(
        name: "pebkac", words: [["pebkac", "pebcak", "id10t"]], category: .blame, rewrite: BlameRewrite.describeUserAction),
    FixedPhrase(
        name: "dropped the ball", words: [["dropped", "drop", "drops", "dropping"], ["the"], ["ball"]], category: .blame,
        rewrite: BlameRewrite.describeAction),
    FixedPhrase(
        name: "cut corners", words: [["cut", "cuts", "cutting"], ["corners"]], category: .blame, rewrite: BlameRewrite.skipped,
        needsActor: true),
    FixedPhrase(
        name: "asleep at the wheel", words: [["asleep"], ["at"], ["the"], ["wheel", "switch"]], category: .judgement,
        rewrite: BlameRewrite.attention),
    FixedPhrase(
        name: "repeat offender", words: [["repeat", "serial"], ["offender", "offenders"]], category: .judgement,
        rewrite: BlameRewrite.describeContributors),
    FixedPhrase(
        name: "if only", words: [["if"], ["only"]], category: .counterfactual, rewrite: BlameRewrite.hindsight, isNegatable: false
    ),
    FixedPhrase(
        name: "should have known", words: [["known"], ["better"]], category: .counterfactual, rewrite: BlameRewrite.known),
    FixedPhrase(
        name: "no excuse", words: [["no"], ["excuse", "excuses"]], category: .judgement, rewrite: BlameRewrite.judgement,
        isNegatable: false),
    FixedPhrase(
        name: "careless mistake",
        words: [
            [
                "dumb", "rookie", "silly", "obvious", "stupid", "amateur", "amateurish", "basic", "elementary", "schoolboy",
                "newbie", "beginner", "beginner's", "bonehead", "boneheaded", "avoidable", "unforced", "inexcusable",
            ],
            ["mistake", "mistakes", "error", "errors", "move", "moves", "blunder"],
        ],
        category: .judgement, rewrite: BlameRewrite.accident),
    FixedPhrase(
        name: "obviously wrong", words: [["obviously", "clearly"], ["wrong"]], category: .judgement,
        rewrite: BlameRewrite.judgement),
    FixedPhrase(
        name: "not paying attention",
        words: [["not", "wasn't", "weren't", "isn't", "aren't"], ["paying"], ["attention"]], category: .judgement,
        rewrite: BlameRewrite.attention, isNegatable: false),
    FixedPhrase(
        name: "not paying attention", words: [["didn't", "don't", "doesn't", "never"], ["pay"], ["attention"]],
        category: .judgement, rewrite: BlameRewrite.attention, isNegatable: false),
    FixedPhrase(
        name: "poor judgement",
        words: [["poor", "bad", "questionable", "faulty", "flawed"], ["judgement", "judgment", "judgements", "judgments"]],
        category: .judgement, rewrite: BlameRewrite.judgement),
    FixedPhrase(
        name: "lapse in judgement",
        words: [
            ["lapse", "lapses", "error", "errors"], ["in", "of"],
            ["judgement", "judgment", "attention", "concentration", "focus"],
        ],
        category: .judgement, rewrite: BlameRewrite.attention),
    FixedPhrase(
        name: "bad call", words: [["bad", "poor", "wrong", "questionable", "terrible", "lousy"], ["call", "calls"]],
        category: .judgement, rewrite: BlameRewrite.judgement),
    FixedPhrase(
        name: "didn't bother",
        words: [["didn't", "never", "couldn't", "wouldn't"], ["bother", "bothered"]], category: .blame,
        rewrite: BlameRewrite.omission, isNegatable: false),
    FixedPhrase(
        name: "didn't bother", words: [["did", "had"], ["not"], ["bother", "bothered"]], category: .blame,
        rewrite: BlameRewrite.omission, isNegatable: false),
    FixedPhrase(
        name: "didn't bother", words: [["couldn't", "wouldn't"], ["be"], ["bothered", "arsed", "fussed"]], category: .blame,
        rewrite: BlameRewrite.omission, isNegatable: false),
    FixedPhrase(
        name: "didn't bother", words: [["could", "would"], ["not"], ["be"], ["bothered", "arsed", "fussed"]],
        category: .blame, rewrite: BlameRewrite.omission, isNegatable: false),
    FixedPhrase(
        name: "thought it was a good idea",
        words: [["thought"], ["it"], ["was", "would"], ["a", "be"], ["good", "great", "a"], ["idea", "good"]],
        category: .judgement, rewrite: BlameRewrite.judgement, needsActor: true),
    FixedPhrase(
        name: "made things worse",
        words: [["made", "make", "makes", "making"], ["things", "it", "matters", "everything", "this"], ["worse"]],
        category: .blame, rewrite: BlameRewrite.handling, needsPerson: true),
    FixedPhrase(
        name: "knew better", words: [["knew", "know", "knows"], ["better"]], category: .judgement,
        rewrite: BlameRewrite.judgement, needsPerson: true),
    FixedPhrase(
        name: "took it upon themselves",
        words: [["took", "take", "takes"], ["it"], ["upon", "on"], ["himself", "herself", "themselves", "themself"]],
        category: .blame, rewrite: BlameRewrite.skipped),
    FixedPhrase(
        name: "lack of care",
        words: [
            ["lack", "lacks", "lacked", "absence"], ["of"],
            [
                "attention", "care", "diligence", "rigour", "rigor", "discipline", "judgement", "judgment", "ownership",
                "urgency",
                "accountability", "professionalism", "competence", "effort", "focus", "thoroughness", "leadership",
            ],
        ],
        category: .judgement, rewrite: BlameRewrite.attention),
    FixedPhrase(
        name: "lack of care",
        words: [
            ["failure", "failures"], ["of"],
            ["discipline", "leadership", "judgement", "judgment", "attention", "professionalism", "ownership"],
        ],
        category: .judgement, rewrite: BlameRewrite.judgement),
    FixedPhrase(
        name: "bad call",
        words: [
            [
                "unfortunate", "poor", "bad", "questionable", "regrettable", "ill-advised", "ill-judged", "less-than-ideal",
                "careless", "foolish", "wrong",
            ],
            ["choice", "choices", "decision", "decisions", "judgement", "judgment", "move"],
        ],
        category: .judgement, rewrite: BlameRewrite.judgement, needsActor: true),
    FixedPhrase(
        name: "cannot be trusted", words: [["cannot", "can't", "couldn't"], ["be"], ["trusted"]], category: .judgement,
        rewrite: BlameRewrite.judgement, needsPerson: true),
    FixedPhrase(
        name: "strikes again", words: [["strikes", "struck"], ["again"]], category: .blame,
        rewrite: BlameRewrite.describeContributors),
    FixedPhrase(
        name: "usual suspects", words: [["usual"], ["suspects", "suspect", "culprits", "culprit"]], category: .judgement,
        rewrite: BlameRewrite.describeContributors),
    FixedPhrase(
        name: "says it all", words: [["says", "said"], ["it"], ["all"]], category: .judgement, rewrite: BlameRewrite.judgement),
    FixedPhrase(
        name: "own up", words: [["own"], ["up"]], category: .blame, rewrite: BlameRewrite.describeContributors, isNegatable: false
    ),
    FixedPhrase(
        name: "consequences", words: [["will", "would", "must", "should"], ["have", "face", "bear"], ["consequences"]],
        category: .judgement, rewrite: BlameRewrite.describeContributors),
    FixedPhrase(
        name: "performance improvement plan", words: [["performance"], ["improvement"], ["plan"]], category: .judgement,
        rewrite: BlameRewrite.describeContributors, isNegatable: false),
    FixedPhrase(
        name: "disciplinary action", words: [["disciplinary"], ["action", "actions", "measures", "process", "hearing"]],
        category: .judgement, rewrite: BlameRewrite.describeContributors),
    FixedPhrase(
        name: "didn't do their job",
        words: [
            ["didn't", "not", "never", "wasn't", "weren't"], ["do", "doing", "done"],
            ["his", "her", "their", "your", "my", "our"], ["job", "jobs", "homework", "diligence"],
        ],
        category: .blame, rewrite: BlameRewrite.omission, isNegatable: false),
    FixedPhrase(
        name: "fat-fingered", words: [["fat"], ["fingered", "finger", "fingering"]], category: .blame,
        rewrite: BlameRewrite.wrongInput),
    FixedPhrase(
        name: "human factor", words: [["people"], ["problem", "problems", "issue"]], category: .blame,
        rewrite: BlameRewrite.describeContributors,
        isNegatable: false),
]

/// Words that make the next phrase a label under discussion: "call this human error".
private let metaWords: Set<String> = [
    "call", "calling", "called", "label", "labelling", "labeling", "labelled", "labeled", "attribute", "attributing",
    "blame", "blaming", "dismiss", "dismissing", "dismissed",
]

/// Participles of knowing: "should have known", "should have realised".
private let knowingVerbs: Set<String> = [
    "known", "realized", "realised", "noticed", "seen", "anticipated", "foreseen", "recognized", "recognised",
    "understood", "spotted", "caught", "checked", "predicted", "expected",
]

/// Outcomes that make "could have" about luck or exposure: "could have been worse", "could have lasted".
private let luckyOutcomes: Set<String> = [
    "liked", "wanted", "hoped", "preferred", "wished", "loved", "thought", "guessed", "imagined", "happened", "occurred",
    "lasted", "spread", "cascaded", "affected", "gone", "ended",
]

private let preventableIntensifiers: Set<String> = [
    "entirely", "completely", "totally", "wholly", "easily", "perfectly", "eminently", "fully", "100%", "trivially",
]

/// Adjectives of care: "should have been more careful", "be more vigilant".
private let careAdjectives: Set<String> = [
    "careful", "vigilant", "diligent", "thorough", "mindful", "cautious", "attentive", "conscientious", "disciplined",
    "rigorous", "alert", "focused", "responsible", "proactive",
]

private let carefulAdverbs: Set<String> = ["carefully", "thoroughly", "closely", "attentively", "diligently", "cautiously"]

/// Patterns of asking people to try harder.
private let carePatterns: [[Set<String>]] = [
    [["pay", "paying", "pays"], ["attention"]],
    [
        ["pay", "paying", "pays"],
        ["more", "closer", "extra", "better", "greater", "careful", "proper", "special", "close", "full", "particular"],
        ["attention"],
    ],
    [["be", "being", "stay", "remain", "become", "get"], careAdjectives],
    [
        ["be", "being", "stay", "remain", "become", "get"],
        ["more", "extra", "very", "especially", "super", "doubly", "even", "particularly"], careAdjectives,
    ],
    [
        ["be", "being", "stay", "remain", "become", "get"], ["much", "a", "even"], ["more", "lot", "bit", "little"],
        careAdjectives,
    ],
    [["be", "being", "stay", "remain", "become", "get"], ["a"], ["lot", "bit", "little"], ["more"], careAdjectives],
    [["take", "taking", "takes"], ["care"]],
    [["take", "taking", "takes"], ["more", "extra", "greater", "better", "special", "great"], ["care"]],
    [["remember", "remembering", "remembers"], ["to"]],
    [["don't", "never"], ["forget"]],
    [["do", "not"], ["not", "forget"], ["forget", "to"]],
    [
        [
            "double-check", "double-checks", "double-checking", "triple-check", "triple-checking", "doublecheck", "recheck",
            "re-check",
        ]
    ],
    [["double", "triple"], ["check", "checks", "checking"]],
    [["check", "think", "look"], ["twice"]],
    [["think"], ["before"]],
    [["try", "trying", "tries", "work", "working"], ["harder"]],
    [["do", "be"], ["better"]],
    [["slow"], ["down"]],
    [["more", "extra", "much", "especially"], carefulAdverbs],
    [["make", "be"], ["sure"], ["to"]],
    [
        ["follow", "following", "follows", "adhere", "stick"], ["the", "our", "their", "all", "every", "to"],
        BlameLexicon.procedureNouns,
    ],
    [
        ["follow", "following", "follows", "adhere", "stick"], ["the", "our", "their", "to"],
        [
            "change", "deploy", "deployment", "release", "incident", "on-call", "standard", "existing", "documented", "agreed",
            "correct", "proper", "established", "review", "escalation", "approval", "rollback", "migration",
        ], BlameLexicon.procedureNouns,
    ],
    [["be", "stay", "remain", "being"], ["on"], ["guard", "alert"]],
    [["keep"], ["a"], ["closer", "close", "better"], ["eye"]],
    [
        ["read", "review", "check", "verify", "inspect", "examine", "watch", "monitor", "test"], ["more", "things"],
        ["carefully", "thoroughly", "closely"],
    ],
    [["learn", "learns"], ["to"]],
    [
        ["exercise", "exercises", "use", "show"], ["better", "more", "greater", "good", "sound", "proper"],
        ["judgement", "judgment", "care", "caution", "discipline"],
    ],
    [
        ["familiarise", "familiarize", "familiarises", "familiarizes", "acquaint"],
        ["themselves", "yourself", "ourselves", "himself", "herself"],
    ],
    [["take", "takes", "taking"], ["personal", "full", "more", "greater"], ["responsibility", "ownership"]],
    [["take", "takes", "taking"], ["responsibility", "ownership"], ["for"]],
    [["respect", "respects"], ["the"]],
    [["think", "thinks"], ["harder", "first"]],
    [["to"], ["the"], ["letter"]],
]

/// Words that may come before an imperative at the start of a clause ("Always double-check…").
private let imperativeLeads: Set<String> = [
    "always", "please", "just", "also", "then", "so", "and", "really", "going", "forward", "from", "now", "on",
    "in", "future", "the", "next", "time", "everyone", "all", "engineers", "lesson", "learned",
]

/// Verbs that open a command: "Review DNS changes more carefully".
private let imperativeVerbs: Set<String> = [
    "review", "check", "read", "test", "verify", "inspect", "look", "watch", "monitor", "handle", "approve",
    "examine", "edit", "write", "plan", "configure", "deploy", "roll", "merge", "go", "proceed", "treat", "consider",
    "think", "scrutinize", "scrutinise", "evaluate", "validate", "audit", "double-check", "review",
]

/// Modals that oblige: "engineers must", "the team should", "we will".
private let obligationModals: Set<String> = ["must", "should", "shall", "will", "mustn't", "gotta", "needs", "ought"]

/// Actions only people take, which make "failed to" about a person whatever its subject.
private let humanActions: Set<String> = [
    "notice", "realize", "realise", "anticipate", "understand", "bother", "recognize", "recognise", "spot", "ask",
    "inform", "tell", "mention", "remember", "plan", "prepare", "review", "document", "heed", "foresee", "think",
    "appreciate", "consider", "double-check", "pay", "follow-up", "care", "communicate", "escalate", "acknowledge",
    "respond", "read", "update", "verify", "consult", "coordinate", "investigate", "test", "page", "notify",
]

/// Blame nouns, which count with a person as their possessor, agent or maker.
private let blameNouns: Set<String> = [
    "mistake", "mistakes", "error", "errors", "blunder", "blunders", "oversight", "oversights", "lapse", "lapses",
    "slip", "slip-up", "slipup", "misstep", "missteps", "failure", "failures", "failing", "failings", "omission",
    "miscalculation", "misjudgement", "misjudgment", "gaffe", "goof", "screw-up", "screwup", "mess-up", "fault",
    "faults", "negligence", "carelessness", "fumble", "wrongdoing", "misconduct", "typo", "typos",
    "misconfiguration", "misconfigurations", "fat-finger", "cock-up", "balls-up", "mess",
]

/// Nouns that make "'s fault" a technical term ("the cluster's fault tolerance").
private let faultTerms: Set<String> = [
    "tolerance", "tolerant", "domain", "domains", "injection", "line", "lines", "code", "codes", "handler", "handling",
    "isolation", "detection", "counter", "counters", "rate", "rates", "zone", "zones", "model", "models", "tree",
    "trees", "log", "logs", "mode", "modes", "status", "bit", "bits", "condition", "conditions", "path",
]

/// What a person may be said to be responsible for, as a cause.
private let outcomeNouns: Set<String> = [
    "outage", "outages", "incident", "incidents", "failure", "downtime", "breakage", "mistake", "error", "errors",
    "problem", "mess", "disruption", "loss", "data", "breach", "degradation", "bug",
]

/// Defects a person may be said to have introduced.
private let defectNouns: Set<String> = [
    "bug", "bugs", "regression", "regressions", "error", "errors", "defect", "defects", "typo", "typos", "mistake",
    "issue", "problem", "outage", "vulnerability", "flaw", "breaking",
]

/// Adverbs that say an action was a mistake: strong ones count for a passive and an unknown actor too.
private enum AdverbStrength { case strong, weak }

private let blameAdverbs: [String: AdverbStrength] = [
    "accidentally": .strong, "mistakenly": .strong, "erroneously": .strong, "wrongly": .strong,
    "wrongfully": .strong, "absent-mindedly": .strong, "absentmindedly": .strong, "blindly": .weak,
    "inadvertently": .weak, "unintentionally": .weak, "unknowingly": .weak, "unwittingly": .weak,
    "incorrectly": .weak, "improperly": .weak,
]

/// Judgement words and their rewrites; the word families are matched whole.
private let judgementFamilies: [(String, Set<String>)] = [
    ("careless", ["careless", "carelessly", "carelessness"]),
    ("negligent", ["negligent", "negligently", "negligence"]),
    ("reckless", ["reckless", "recklessly", "recklessness"]),
    ("incompetent", ["incompetent", "incompetence", "incompetently", "inept", "ineptitude", "ineptly"]),
    ("irresponsible", ["irresponsible", "irresponsibly", "irresponsibility"]),
    (
        "stupid",
        [
            "stupid", "stupidly", "stupidity", "idiotic", "idiot", "idiots", "moron", "moronic", "dumb", "foolish", "foolishly",
            "foolishness", "boneheaded", "brainless",
        ]
    ),
    ("sloppy", ["sloppy", "sloppily", "sloppiness", "slapdash", "shoddy", "shoddily"]),
    ("complacent", ["complacent", "complacency", "complacently"]),
    ("amateurish", ["amateurish", "amateurishly", "cack-handed", "ham-fisted", "bungling"]),
    (
        "inexcusable",
        [
            "inexcusable", "inexcusably", "unforgivable", "unprofessional", "unprofessionally", "blameworthy", "culpable",
            "culpability",
        ]
    ),
    (
        "thoughtless",
        ["thoughtless", "thoughtlessly", "heedless", "heedlessly", "clueless", "cavalier", "hasty", "hastily", "rash", "rashly"]
    ),
    ("inattentive", ["inattentive", "inattention", "inattentively", "distractedly"]),
    ("inexperienced", ["inexperienced", "inexperience"]),
]

private let strongJudgements: [String: String] = {
    var rewrites: [String: String] = [:]
    for (stem, forms) in judgementFamilies {
        let rewrite: String
        switch stem {
        case "inexperienced": rewrite = BlameRewrite.experience
        case "inattentive": rewrite = BlameRewrite.attention
        default: rewrite = BlameRewrite.judgement
        }
        for form in forms { rewrites[form] = rewrite }
    }
    return rewrites
}()

/// Words after a judgement word that make it a technical term ("lazy loading", "a sloppy quorum").
private let judgementExclusions: [String: Set<String>] = {
    let lazy: Set<String> = [
        "loading", "load", "loaded", "loads", "initialization", "initialisation", "init", "initializer", "evaluation",
        "eval", "instantiation", "import", "imports", "property", "properties", "var", "val", "sequence", "sequences",
        "iterator", "iterators", "mode", "fetch", "fetching", "allocation", "binding", "bindings", "deletion",
        "expiration", "expiry", "replication", "migration", "migrations", "hydration", "rendering", "compilation",
        "resolution", "connection", "connections", "singleton", "static", "collection", "collections", "stream",
        "streams", "list", "computation", "value", "values", "attribute", "attributes", "column", "columns", "writer",
        "reader", "consumer", "cache", "caching", "loaded", "evaluated", "initialized", "initialised", "created",
        "computed", "-loaded",
    ]
    let dumb: Set<String> = [
        "terminal", "terminals", "pipe", "pipes", "client", "clients", "proxy", "switch", "device", "devices", "mode", "luck",
    ]
    return [
        "lazy": lazy, "lazily": lazy, "sloppy": ["quorum", "quorums", "mode", "consistency"],
        "dumb": dumb, "rash": ["of"], "hasty": [], "cavalier": [],
    ]
}()

/// Subjects that are software doing the work: "the client library is careless about topology".
private let systemAgents: Set<String> = [
    "client", "clients", "library", "libraries", "service", "services", "server", "servers", "job", "jobs", "process",
    "daemon", "agent", "indexer", "controller", "scheduler", "cache", "proxy", "balancer", "router", "worker",
    "workers", "pool", "driver", "sdk", "api", "system", "cluster", "node", "nodes", "kernel", "firmware", "component",
    "module", "tool", "crawler", "consumer", "consumers", "producer", "queue", "operator", "sentinel", "algorithm",
    "implementation", "code", "parser", "resolver", "retry", "retries", "loop", "backoff", "handler", "check",
]

/// A person's work, which a judgement about still judges the person: "the change was sloppy".
private let workProducts: Set<String> = [
    "change", "changes", "migration", "migrations", "script", "deploy", "deployment", "review", "reviews", "rollback",
    "rollout", "handling", "response", "work", "fix", "patch", "commit", "approach", "decision", "decisions", "config",
    "configuration", "testing", "cleanup", "clean-up", "plan", "runbook", "pr", "diff", "merge", "release", "edit",
    "investigation", "communication", "escalation", "behaviour", "behavior", "attitude", "conduct", "job",
]

/// Judgements that count only about a person: "Lee's response was unacceptable", "the on-call was too slow".
private let weakJudgements: Set<String> = [
    "unacceptable", "unacceptably", "lax", "sluggish", "slack", "lazy", "laziness", "lazily", "useless", "hopeless",
    "worthless", "panicked", "disappointing", "disappointed", "sloppily",
]

private let groupNegations: Set<String> = ["not", "never", "hardly", "barely", "cannot"]

/// What code ignores: "the header was ignored" describes software, not a person.
private let technicalNouns: Set<String> = [
    "header", "headers", "field", "fields", "flag", "flags", "setting", "settings", "value", "values", "parameter",
    "parameters", "param", "params", "option", "options", "exception", "exceptions", "return", "code", "codes",
    "exit", "status", "signal", "signals", "config", "configuration", "key", "keys", "entry", "entries", "row", "rows",
    "column", "columns", "property", "properties", "attribute", "attributes", "argument", "arguments", "input",
    "inputs", "directive", "directives", "hint", "hints", "timeout", "timeouts", "packet", "packets", "frame",
    "frames", "record", "records", "line", "lines", "file", "files", "bytes", "payload", "payloads", "variable",
    "variables", "annotation", "annotations", "label", "labels", "tag", "tags", "ttl", "limit", "limits", "quota",
    "request", "requests", "response", "responses", "event", "events", "message", "messages", "error", "errors",
    "update", "updates", "write", "writes", "heartbeat", "heartbeats", "lock", "locks", "cache", "flag",
]

/// Verbs after "did not" that describe what was known, had or received, not a duty left undone.
private let undoneExclusions: Set<String> = [
    "know", "have", "expect", "realize", "realise", "anticipate", "see", "think", "believe", "need", "want", "exist",
    "happen", "occur", "receive", "get", "hear", "understand", "mean", "intend", "own", "recall", "seem", "appear",
    "matter", "apply", "work", "find", "detect", "reach", "hit", "affect", "impact", "cause", "feel", "like", "fire",
    "trigger", "succeed", "fail", "return", "change", "include", "contain", "cover", "show", "go", "come", "make",
    "break", "recover", "stop", "start", "respond", "load", "run", "be", "done", "been", "seen", "had", "scale",
    "catch", "use", "want", "try", "wait", "notice", "mind", "care", "ask", "do", "did", "get", "agree",
]

/// Nouns after "without" that name a check skipped: "without a ticket", "without review".
private let withoutNouns: Set<String> = [
    "review", "reviews", "ticket", "approval", "approvals", "test", "tests", "testing", "check", "checks", "canary",
    "backup", "backups", "dry", "dry-run", "rollback", "plan", "investigation", "warning", "notice", "telling",
    "glance", "second", "sign-off", "signoff", "peer", "change", "cr", "verification", "confirmation",
]

/// Verbs that report speech at the end of a sentence: ", they said".
private let reportingVerbs: Set<String> = [
    "said", "says", "wrote", "writes", "asked", "added", "replied", "noted", "told", "joked",
]
