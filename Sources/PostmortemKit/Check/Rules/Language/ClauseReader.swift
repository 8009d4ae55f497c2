/// Reads one sentence for its clauses: where each starts, what its subject is, and whether the
/// subject is a person, a thing or cannot be told.
///
/// It is a shallow reader, not a parser: a clause starts after a break (a comma, a dash) or a clause
/// word ("and", "because", "who"), its subject is the noun phrase before its verb group, and the
/// head of that phrase decides who the actor is ("the on-call engineer's laptop" is a laptop; "the
/// owner of the service" is a person). A clause with no subject of its own after "and" or a comma
/// shares the subject of the clause before ("the engineer acknowledged the page and ignored it").
struct ClauseReader {
    typealias Token = BlamelessTokenizer.Token

    let tokens: [Token]
    /// The sentence: `tokens[range]`.
    let range: Range<Int>
    /// Names the document gives people (authors, owners, @mentions), lowercased.
    let names: Set<String>

    func key(_ index: Int) -> String { tokens[index].key }

    /// Whether `tokens[index]` starts a new clause by a break (not the sentence's first word).
    func isBreak(at index: Int) -> Bool {
        index == range.lowerBound || tokens[index].breakBefore != .none
    }

    // MARK: - Word classes

    /// Whether the word is a person's name: one the document gives, a known given name written
    /// with a capital, or an `@handle`.
    func isName(_ index: Int) -> Bool {
        let token = tokens[index]
        let key = token.isPossessive ? ClauseReader.owner(of: token.key) : token.key
        if key.hasPrefix("@") && key.count > 1 { return true }
        if BlameLexicon.systemNames.contains(key) { return false }
        if names.contains(key) { return true }
        return token.isCapitalized && BlameLexicon.givenNames.contains(key)
    }

    /// The owner of a possessive: `lee's` → `lee`, `engineers'` → `engineers`.
    static func owner(of key: String) -> String {
        if key.hasSuffix("'s") { return String(key.dropLast(2)) }
        if key.hasSuffix("'") { return String(key.dropLast()) }
        return key
    }

    /// Whether the word, as the head of a noun phrase, is a person.
    func isPersonHead(_ index: Int) -> Bool {
        let key = tokens[index].isPossessive ? ClauseReader.owner(of: key(index)) : key(index)
        return BlameLexicon.personPronouns.contains(key) || BlameLexicon.personNouns.contains(key) || isName(index)
    }

    /// Whether the word may be a name the rule does not know: capitalised, not a system, and either
    /// inside a sentence or, at its start, not shaped like a common noun ("Replication", "Users").
    func isPossibleName(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isCapitalized, token.key.first?.isLetter == true else { return false }
        let key = token.isPossessive ? ClauseReader.owner(of: token.key) : token.key
        if BlameLexicon.systemNames.contains(key) || BlameLexicon.commonSubjects.contains(key) { return false }
        if BlameLexicon.determiners.contains(key) || BlameLexicon.prepositions.contains(key)
            || BlameLexicon.clauseWords.contains(key)
        {
            return false
        }
        if index != range.lowerBound { return true }
        if key.count < 3 || BlameLexicon.isAdverb(key) { return false }
        for suffix in nounSuffixes where key.hasSuffix(suffix) { return false }
        if key.hasSuffix("s") && !key.hasSuffix("ss") && !key.hasSuffix("us") && !key.hasSuffix("is") && !key.hasSuffix("os") {
            return false
        }
        return !isVerbLike(index)
    }

    /// Whether the word is a person as a modifier too ("the on-call engineer", "SRE team").
    func isStrongPerson(_ index: Int) -> Bool {
        let key = tokens[index].isPossessive ? ClauseReader.owner(of: key(index)) : key(index)
        return isPersonHead(index) && !BlameLexicon.weakPersonNouns.contains(key)
    }

    /// Whether the word starts or continues a verb group: an auxiliary, a modal, a known verb, or a
    /// word that looks like a past tense.
    func isVerbLike(_ index: Int) -> Bool {
        let key = key(index)
        if BlameLexicon.auxiliaries.contains(key) || BlameLexicon.modals.contains(key) { return true }
        if BlameVerbs.table[key] != nil || BlameLexicon.irregularPasts.contains(key) { return true }
        if tokens[index].isCapitalized && index != range.lowerBound { return false }
        return key.count > 4 && key.hasSuffix("ed") && !BlameLexicon.personNouns.contains(key)
    }

    // MARK: - Clauses

    /// Where the clause holding `index` starts, and the clause word that opened it, if any.
    func clauseStart(before index: Int) -> (start: Int, word: String?) {
        var cursor = index
        // A clause longer than this is read from here: it bounds the work on a sentence without punctuation.
        let limit = max(range.lowerBound, index - 60)
        while cursor > limit {
            if tokens[cursor].breakBefore != .none { return (cursor, nil) }
            let previous = cursor - 1
            let word = key(previous)
            if BlameLexicon.clauseWords.contains(word) && !isDeterminerUse(previous) && !isPrepositionalAs(previous) {
                return (cursor, word)
            }
            cursor = previous
        }
        return (cursor, nil)
    }

    /// Whether `as` is a preposition here ("closed the tickets as resolved", "dismissed as noise") rather
    /// than the start of a clause ("as the on-call engineer restarted the pool").
    private func isPrepositionalAs(_ index: Int) -> Bool {
        guard key(index) == "as", index + 1 < range.upperBound else { return false }
        let next = key(index + 1)
        return
            !(BlameLexicon.determiners.contains(next) || BlameLexicon.personPronouns.contains(next) || isPersonHead(index + 1)
            || ["it", "there", "this", "that"].contains(next))
    }

    /// Whether `that` (or `which`) is a determiner here ("that engineer") rather than a clause word.
    private func isDeterminerUse(_ index: Int) -> Bool {
        guard key(index) == "that", index + 1 < range.upperBound else { return false }
        // A determiner comes before a noun ("that engineer", "that cron entry"); a clause starts with a verb ("the
        // job that skipped"), a pronoun or a determiner ("that nobody reviewed", "said that the pool failed").
        let next = index + 1
        if isVerbLike(next) || BlameLexicon.personPronouns.contains(key(next)) || BlameLexicon.determiners.contains(key(next))
            || ["it", "there", "this", "these", "those", "he", "she"].contains(key(next)) || isName(next)
        {
            return false
        }
        return true
    }

    /// Where the verb group ending at the verb `index` starts: back past adverbs, negations,
    /// auxiliaries and modals ("should not have", "was then", "had already").
    func verbGroupStart(_ index: Int) -> Int {
        var start = index
        while start > range.lowerBound && tokens[start].breakBefore == .none {
            let word = key(start - 1)
            let isGroupWord =
                BlameLexicon.auxiliaries.contains(word) || BlameLexicon.modals.contains(word)
                || groupNegations.contains(word) || word.hasSuffix("n't")
                || (BlameLexicon.isAdverb(word) && !isPersonHead(start - 1))
                || (word == "to" && start - 2 >= range.lowerBound && toGovernors.contains(key(start - 2)))
                || (toGovernors.contains(word) && key(start) == "to")
                || (["keep", "keeps", "kept", "keeping", "continue", "continues", "continued"].contains(word)
                    && key(start).hasSuffix("ing"))
            guard isGroupWord else { break }
            start -= 1
        }
        return start
    }

    /// The subject of the clause whose verb group starts at `start`: who the clause is about.
    func subject(beforeVerbGroupAt start: Int, depth: Int = 0) -> (actor: BlameActor, opener: String?) {
        let (clause, word) = clauseStart(before: start)
        if let word, ["who", "whom", "which", "that"].contains(word), clause == start || word != "that" {
            // A relative clause: its subject is the phrase before the relative word ("the engineer who
            // ignored the alert", "the job that skipped the check"); "who" stands for a person.
            let relative = clause - 1
            // "ask who made the mistake": an indirect question, not a relative clause.
            if (word == "who" || word == "whom"), relative > range.lowerBound,
                isVerbLike(relative - 1)
                    || [
                        "ask", "asks", "asking", "know", "matter", "matters", "wonder", "about", "care", "decide", "determine",
                        "find", "blame",
                    ].contains(key(relative - 1))
            {
                return (.none, word)
            }
            guard relative > range.lowerBound else { return (word == "who" || word == "whom" ? .person(word) : .none, word) }
            let (phraseStart, _) = clauseStart(before: relative - 1)
            let antecedent = actor(of: phraseStart..<relative)
            if word == "who" || word == "whom" {
                if nonActors.contains(key(relative - 1)) { return (.thing, word) }
                if case .person = antecedent { return (antecedent, word) }
                return (.person(words(phraseStart..<relative)), word)
            }
            return (antecedent, word)
        }
        if clause < start {
            return (actor(of: clause..<start), word)
        }
        // No subject of its own: after "and" or a comma, share the previous clause's.
        let sharesSubject = word.map { BlameLexicon.coordinators.contains($0) } ?? (clause > range.lowerBound)
        guard sharesSubject, depth < 3, clause > range.lowerBound else { return (.none, word) }
        let previousEnd = word == nil ? clause : clause - 1
        let (previousStart, _) = clauseStart(before: previousEnd - 1)
        guard let verb = firstVerb(in: previousStart..<previousEnd), verb > previousStart else { return (.none, word) }
        return (subject(beforeVerbGroupAt: verbGroupStart(verb), depth: depth + 1).actor, word)
    }

    /// Who the noun phrase in `span` is: its head decides. A phrase that starts with a preposition
    /// ("At 14:02 the on-call engineer") is read from after it; one that has a preposition later
    /// ("the owner of the service") is read up to it.
    func actor(of span: Range<Int>) -> BlameActor {
        var low = span.lowerBound
        var high = span.upperBound
        guard low < high else { return .none }
        if BlameLexicon.prepositions.contains(key(low)) && !isPersonHead(low) {
            // A fronted phrase: the subject is after the last preposition's own noun phrase.
            var cursor = high - 1
            while cursor > low && !BlameLexicon.prepositions.contains(key(cursor)) { cursor -= 1 }
            low = cursor + 1
            if let determiner = (low..<high).first(where: { isNounPhraseStart($0) && $0 > low }) { low = determiner }
            guard low < high else { return .none }
        } else {
            var cursor = low + 1
            while cursor < high {
                let word = key(cursor)
                if BlameLexicon.prepositions.contains(word)
                    && !(word == "of" && BlameLexicon.quantifiers.contains(key(cursor - 1)))
                {
                    high = cursor
                    break
                }
                cursor += 1
            }
        }
        while high > low + 1 && BlameLexicon.isAdverb(key(high - 1)) && !isPersonHead(high - 1) { high -= 1 }
        let head = high - 1
        // For messages, the noun phrase itself: "the payments team", not the clause around it.
        var textStart = head
        while textStart > low {
            let previous = textStart - 1
            if isVerbLike(previous) || BlameLexicon.prepositions.contains(key(previous))
                || BlameLexicon.clauseWords.contains(key(previous))
                || BlameLexicon.isAdverb(key(previous)) || key(previous) == "once"
            {
                break
            }
            textStart = previous
            if BlameLexicon.determiners.contains(key(previous)) { break }
        }
        let text = words(textStart..<high)
        let headKey = key(head)
        // "Anyone paying attention", "Someone on the team": a person pronoun leads the phrase.
        if ["anyone", "anybody", "someone", "somebody", "everyone", "everybody", "whoever", "nobody", "no-one"].contains(key(low))
        {
            return .person(words(low..<high))
        }
        // A product's name makes its operator, agent or sentinel software: "the Postgres operator".
        if (low..<high).contains(where: { BlameLexicon.systemNames.contains(key($0)) })
            && !BlameLexicon.personNouns.contains(headKey)
        {
            return .thing  // "the Postgres operator"; but "AWS support" are people
        }
        if ["rotation", "rotations", "shift", "shifts"].contains(headKey)
            && (head == low
                || ![
                    "on-call", "oncall", "night", "day", "support", "pager", "weekend", "morning", "evening", "late", "early",
                    "primary", "secondary",
                ].contains(key(head - 1)))
        {
            return .thing
        }
        if ["operator", "operators", "controller", "sentinel"].contains(headKey), head > low,
            tokens[head - 1].isCapitalized || BlameLexicon.systemNames.contains(key(head - 1))
                || !humanOperatorModifiers.contains(key(head - 1))
        {
            return .thing
        }
        if ["agent", "agents"].contains(headKey),
            head == low
                || ![
                    "support", "customer", "service", "human", "desk", "helpdesk", "sales", "field", "contact", "call-centre",
                    "call-center",
                ].contains(key(head - 1))
        {
            return .thing
        }
        if ["group", "groups", "line"].contains(headKey), head > low,
            [
                "engineering", "sre", "ops", "operations", "support", "platform", "infrastructure", "infra", "security",
                "network", "networking", "dba", "product", "qa", "release", "front",
            ].contains(key(head - 1))
        {
            return .person(text)
        }
        if ["it", "this", "that", "which", "there", "these", "those", "what"].contains(headKey) { return .thing }
        if isPersonHead(head) { return .person(text) }
        if BlameLexicon.systemNames.contains(headKey) { return .thing }
        // A capitalised word the rule cannot place: perhaps a name.
        if isPossibleName(head) && !(low..<high).contains(where: { BlameLexicon.determiners.contains(key($0)) }) {
            return .unknown(text)
        }
        return .thing
    }

    /// Whether a noun phrase starts at `index`: a determiner, a pronoun, a name.
    private func isNounPhraseStart(_ index: Int) -> Bool {
        BlameLexicon.determiners.contains(key(index)) || isPersonHead(index)
    }

    /// The first verb-like word in `span`, if any: where a clause's subject ends.
    func firstVerb(in span: Range<Int>) -> Int? {
        span.first { isVerbLike($0) }
    }

    /// The words of `span` as written, separated by single spaces.
    func words(_ span: Range<Int>) -> String {
        span.map { tokens[$0].text }.joined(separator: " ")
    }

    /// The actor of the noun phrase that starts at `start` and runs to the end of its clause or its
    /// first preposition or verb ("by the on-call engineer", "the culprit was the new hire").
    func actor(startingAt start: Int) -> (actor: BlameActor, end: Int) {
        var end = start
        while end < range.upperBound && (end == start || tokens[end].breakBefore == .none) {
            let word = key(end)
            // After a possessive or a determiner comes a noun, even one spelled like a verb ("Lee's mistake").
            let isNounPosition = tokens[end - 1].isPossessive || BlameLexicon.determiners.contains(key(end - 1))
            let isCounting = word == "of" && BlameLexicon.quantifiers.contains(key(end - 1))
            if end > start && !isCounting
                && (BlameLexicon.prepositions.contains(word) || BlameLexicon.clauseWords.contains(word)
                    || (isVerbLike(end) && !isNounPosition))
            {
                break
            }
            end += 1
        }
        return (actor(of: start..<end), end)
    }
}

/// Words before "operator" that keep it a person: "the operator", "a tired operator", "the night operator";
/// anything else ("the cert-manager operator", "the Kafka operator") names software.
private let humanOperatorModifiers: Set<String> = [
    "the", "a", "an", "our", "their", "any", "every", "each", "one", "human", "experienced", "careful", "reasonable",
    "more", "senior", "junior", "night", "shift", "on-call", "console", "system", "network", "database", "careless",
    "new", "tired", "that", "this", "his", "her", "my", "your", "other", "second", "first", "only", "same",
]

/// Endings of common nouns, which a capital at the start of a sentence does not make a name.
private let nounSuffixes = [
    "tion", "sion", "ment", "ing", "ity", "ness", "ance", "ence", "ics", "age", "ure", "ism", "ogy", "ery", "ory",
    "ism", "ship", "hood", "ware", "log", "ers",
]

/// Antecedents of "who" that are not actors the rule judges: the people a service serves.
private let nonActors: Set<String> = [
    "user", "users", "customer", "customers", "client", "clients", "visitor", "visitors", "subscriber", "subscribers",
    "player", "players", "merchant", "merchants", "buyer", "buyers", "patient", "patients",
]

/// Words that make a following `to` part of the verb group ("ought to have", "need to remember").
private let toGovernors: Set<String> = ["ought", "have", "has", "had", "need", "needs", "got", "used", "going"]
