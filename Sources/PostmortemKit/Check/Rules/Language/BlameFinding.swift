/// What kind of blaming language a finding is; it decides the message.
enum BlameCategory: String, Sendable, Hashable, CaseIterable, Codable {
    /// Points at a person as the cause: an actor who failed, a blame noun, a passive that still
    /// points at someone ("the on-call engineer ignored the alert", "Lee's mistake", "human error").
    case blame
    /// Judges a past decision about a person with hindsight ("Dana should have checked", "if Omar had
    /// followed the checklist").
    case counterfactual
    /// Labels a person instead of describing what happened ("careless", "reckless", "too slow").
    case judgement
    /// Asks people to try harder instead of changing the system ("engineers must pay more
    /// attention", "remind the team to double-check").
    case exhortation
    /// Added by the team in `.pmconfig` (`blameless.phrase`).
    case team
}

/// Who a clause is about, as far as the words tell.
enum BlameActor: Hashable, Sendable {
    /// A person, a role, a team, a pronoun or a name; the words as written.
    case person(String)
    /// A capitalised word the rule cannot place: a person's name it does not know, or a product.
    case unknown(String)
    /// A system, a thing, an event.
    case thing
    /// A passive with no agent, about something only people do ("the warnings were ignored").
    case implied
    /// No subject: an imperative, or a note with the subject left out.
    case none

    /// Whether the actor is, or may well be, a person.
    var mayBePerson: Bool {
        switch self {
        case .person, .unknown, .implied: return true
        case .thing, .none: return false
        }
    }

    var isPerson: Bool {
        if case .person = self { return true }
        return false
    }

    /// How a message names the actor: "a person (the on-call engineer)".
    var description: String? {
        switch self {
        case .person(let words), .unknown(let words): return "a person (\(words))"
        case .implied, .thing, .none: return nil
        }
    }
}

/// One piece of blaming language found in a sentence.
struct BlameFinding: Sendable {
    var range: SourceRange
    var category: BlameCategory
    /// The cue's name, which `blameless.allow` silences ("should have", "ignored", "human error").
    var cue: String
    /// The words matched, lowercased, separated by single spaces: the message quotes them, and
    /// `blameless.allow` may silence this one form.
    var words: String
    /// The words that triggered it, when they are fewer than `words` ("could've" in "could've waited"):
    /// `blameless.allow` may silence this form alone.
    var form: String?
    var actor: BlameActor
    /// What the actor is said to have done, for the message: "ignored repeated warnings".
    var predicate: String
    /// The blameless rewrite to suggest.
    var rewrite: String

    /// The finding's message: what was found, who it is about, and why it is not blameless.
    var message: String {
        let quoted = "\"\(words)\""
        switch category {
        case .blame:
            if let person = actor.description {
                return "\(quoted) is blame: it names \(person) as the one who \(predicate), not the conditions that allowed it"
            }
            if actor == .implied {
                return "\(quoted) is blame: even without a name, it points at whoever \(predicate)"
            }
            return "\(quoted) is blame: it names a person as the cause instead of the conditions that allowed it"
        case .counterfactual:
            if let person = actor.description {
                return "\(quoted) is a counterfactual about \(person): it judges a past decision with hindsight"
            }
            return "\(quoted) is a counterfactual: it judges a past decision with hindsight"
        case .judgement:
            if let person = actor.description {
                return "\(quoted) is a judgement: it labels \(person) instead of describing what happened"
            }
            return "\(quoted) is a judgement: it labels a person instead of describing what happened"
        case .exhortation:
            return "\(quoted) is an exhortation: asking people to try harder does not change the system"
        case .team:
            return "\(quoted) is on this team's list of phrases to avoid (blameless.phrase in .pmconfig)"
        }
    }
}

/// The rewrites the rule suggests, each moving from who to the conditions.
enum BlameRewrite {
    static let describeAction = "describe the action and the conditions it happened under"
    static let describeUserAction =
        "describe what the user did and what in the product made it easy to do (defaults, wording, missing checks)"
    static let describeContributors = "describe what contributed (the conditions, the tooling, the process), not who"
    static let omission = "say what did not happen, and what would have prompted it (a checklist step, a check, automation)"
    static let ignored =
        "ask what made the signal easy to miss: how many others fired, how noisy it was, where it was routed"
    static let skipped = "ask what made skipping it look reasonable at the time (time pressure, tooling, an outdated runbook)"
    static let procedure =
        "describe how the runbook or process and the situation differed, and why the steps taken made sense at the time"
    static let wrongInput =
        "describe the input and what in the tool allowed it (similar names, no validation, no confirmation, no preview)"
    static let accident = "describe the action and what made it easy to do by mistake (no confirmation, similar names)"
    static let change = "describe the change and what let it through unchecked (tests, review, a canary)"
    static let handling = "describe the steps taken and what made them look right at the time"
    static let review = "describe what the review could see (the diff, hidden files) and what it was asked to check"
    static let judgement = "describe what happened and what made it a reasonable choice at the time"
    static let experience = "describe the onboarding, documentation and support the responder had"
    static let attention = "describe what competed for attention at the time (other alerts, other work, noise)"
    static let hindsight = "describe what was known at the time, or add an action item that changes the system"
    static let known = "describe what information was available at the time, and where it was"
    static let guardrail = "add a guardrail: a check, an alert, automation"
    static let reminder = "add a guardrail so nobody has to remember: a check, an alert, automation"
    static let team = "describe what happened and the conditions it happened under"
}
