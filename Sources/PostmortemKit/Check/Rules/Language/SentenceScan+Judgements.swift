/// Judgements of people: "careless", "sloppy", "too slow", "clearly didn't understand".
extension SentenceScan {
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
        guard let verb = subjectEnd(of: index) else { return false }
        let span = start..<verb
        if span.contains(where: { tokens[$0].isPossessive && (reader.isPersonHead($0) || reader.isPossibleName($0)) }) {
            return true
        }
        if key(start).hasSuffix("ing") && key(start).count > 5 { return true }  // a gerund subject after the verb group's start
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
        let (start, _) = reader.clauseStart(before: reader.verbGroupStart(index))
        guard let verb = subjectEnd(of: index) else { return nil }
        var head = verb - 1
        while head > start && BlameLexicon.isAdverb(key(head)) { head -= 1 }
        return key(head)
    }

    /// Where the subject of the clause holding `index` ends: at the clause's first verb (or `index`), when a
    /// subject comes before it.
    func subjectEnd(of index: Int) -> Int? {
        let (start, _) = reader.clauseStart(before: reader.verbGroupStart(index))
        // With no verb before `index`, the subject runs up to it ("The behaviour of the on-call fell short").
        let verb = reader.firstVerb(in: start..<index) ?? index
        return verb > start ? verb : nil
    }

    func judgementCue(_ word: String) -> String {
        for (stem, forms) in judgementFamilies where forms.contains(word) { return stem }
        return word
    }
}
