/// Exhortations: commands and obligations that ask people to try harder ("be more careful", "engineers
/// must pay more attention", "remind the team to double-check").
extension SentenceScan {
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
}
