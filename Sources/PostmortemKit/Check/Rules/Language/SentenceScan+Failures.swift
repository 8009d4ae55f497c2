/// Failures and omissions: a verb that says someone failed ("ignored", "skipped", "did not follow"), "failed
/// to", "caused by", "the wrong …", and what excuses them (a system actor, a condition given by "because").
extension SentenceScan {
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
            // A particle right after the verb is part of the finding ("screwed up"); a later one is not.
            if cursor == end { end += 1 }
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
        word.count > 7 && word.hasPrefix("mis") && word.hasSuffix("ed") && !word.hasPrefix("miss") && word != "misused"
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
