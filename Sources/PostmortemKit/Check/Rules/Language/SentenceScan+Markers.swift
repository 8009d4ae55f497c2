/// Markers of how an act was done ("without checking", "instead of canarying it", "anyway", "by
/// mistake", "straight to prod"), and the actor of the clause they qualify.
extension SentenceScan {
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

    func clauseActorWithoutAppositive(at index: Int, markerEnd: Int) -> BlameActor {
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

    mutating func markerReport(_ span: Range<Int>, at index: Int) -> Int? {
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
        guard let verb = reader.firstVerb(in: start..<index) else { return .none }
        return reader.subject(beforeVerbGroupAt: reader.verbGroupStart(verb)).actor
    }
}
