/// Counterfactuals about people: "Dana should have checked", "if Omar had followed the checklist",
/// "had the team run the migration", "entirely preventable".
extension SentenceScan {
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
}
