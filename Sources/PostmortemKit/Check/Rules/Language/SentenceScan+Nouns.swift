/// Blame nouns and the verb blame: "Lee's mistake", "a lapse by the on-call", "the culprit was the new hire",
/// "the team is to blame".
extension SentenceScan {
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
}
