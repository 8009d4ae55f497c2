/// The phrases the blameless-language rule knows out of the box, each with a blameless rewrite.
///
/// The list favours precision: a phrase that is also ordinary technical prose ("lazy loading", "git
/// blame", "fault tolerance", "the pool failed to reconnect") is narrowed by its conditions rather
/// than reported, because a rule that cries wolf gets switched off.
public enum BlamePhraseList {
    /// Every built-in phrase, grouped by category.
    public static let builtIn: [BlamePhrase] = blame + counterfactual + judgement + exhortation

    /// The rewrite suggested for a team phrase added without one.
    public static let teamRewrite = "describe what happened and the conditions it happened under"

    static let blame: [BlamePhrase] = [
        BlamePhrase("human error", .blame, rewrite: describeAction, forms: ["human error|errors"]),
        BlamePhrase(
            "operator error", .blame, rewrite: describeAction, forms: ["operator error|errors"],
            unlessFollowedBy: technicalErrorNouns),
        BlamePhrase(
            "user error", .blame, rewrite: describeUserAction, forms: ["user error|errors"],
            unlessFollowedBy: technicalErrorNouns),
        BlamePhrase("pilot error", .blame, rewrite: describeAction, forms: ["pilot error|errors"]),
        BlamePhrase("fault of", .blame, rewrite: describeContributors, forms: ["the fault of"], isNegatable: true),
        BlamePhrase(
            "'s fault", .blame, rewrite: describeContributors, forms: ["*'s|his|her|their|my|our|your fault"],
            unlessFollowedBy: faultTerms, isNegatable: true),
        BlamePhrase("at fault", .blame, rewrite: describeContributors, isNegatable: true),
        BlamePhrase("to blame", .blame, rewrite: describeContributors, isNegatable: true),
        BlamePhrase(
            "blame", .blame, rewrite: describeContributors, forms: ["blame|blamed|blames|blaming"],
            unlessFollowedBy: ["output|view|annotations|annotation|history|log"], unlessPrecededBy: ["git", "svn", "hg"],
            isNegatable: true),
        BlamePhrase(
            "failed to", .blame, rewrite: didNotHappen, forms: ["failed|fails|fail to"],
            condition: .personSubject(humanActions: humanActions)),
        BlamePhrase(
            "forgot to", .blame, rewrite: forgotRewrite, forms: ["forgot|forget|forgets|forgetting|forgotten to", "forgot"],
            isNegatable: true),
        BlamePhrase(
            "neglected to", .blame, rewrite: forgotRewrite, forms: ["neglected|neglect|neglects|neglecting to|the"],
            isNegatable: true),
        BlamePhrase(
            "didn't bother", .blame, rewrite: forgotRewrite,
            forms: ["didn't|never bother|bothered", "did not bother|bothered", "couldn't be bothered", "could not be bothered"]),
        BlamePhrase(
            "ignored the alert", .blame, rewrite: ignoredRewrite,
            forms: ["ignored|ignoring|ignores|ignore the? alert|alerts|alarm|alarms|warning|warnings|page|pages"]),
        BlamePhrase(
            "didn't follow the runbook", .blame, rewrite: runbookRewrite,
            forms: [
                "didn't follow the? runbook|runbooks|playbook|process|procedure|checklist",
                "did not follow the? runbook|runbooks|playbook|process|procedure|checklist",
                "failed to follow the? runbook|runbooks|playbook|process|procedure|checklist",
                "ignored|ignoring the? runbook|runbooks|playbook|process|procedure|checklist",
            ]),
        BlamePhrase(
            "violated the process", .blame, rewrite: runbookRewrite,
            forms: [
                "violated|violate|violates|violating the? process|policy|procedure|runbook|protocol",
                "in violation of the? process|policy|procedure|runbook|protocol",
            ]),
        BlamePhrase(
            "dropped the ball", .blame, rewrite: describeAction, forms: ["dropped|drop|drops|dropping the ball"]),
        BlamePhrase(
            "screwed up", .blame, rewrite: describeAction,
            forms: ["screwed|screw|screws|screwing up", "screw-up|screw-ups|screwup|screwups"]),
        BlamePhrase(
            "messed up", .blame, rewrite: describeAction, forms: ["messed|mess|messes|messing up", "mess-up|mess-ups"]),
        BlamePhrase("botched", .blame, rewrite: describeAction, forms: ["botched|botch|botching"]),
        BlamePhrase(
            "fat-fingered", .blame, rewrite: fatFingerRewrite,
            forms: ["fat-fingered|fat-finger|fat-fingering|fatfingered", "fat fingered|finger|fingering"]),
        BlamePhrase("mistakenly", .blame, rewrite: mistakeRewrite),
    ]

    static let counterfactual: [BlamePhrase] = [
        BlamePhrase(
            "should have", .counterfactual, rewrite: stateWhatHappened,
            forms: ["should have", "should've", "should not have", "shouldn't have", "shoulda"],
            unlessFollowedBy: possessionObjects),
        BlamePhrase(
            "could have", .counterfactual, rewrite: stateWhatHappened, forms: ["could have", "could've"],
            unlessFollowedBy: possessionObjects + luckyOutcomes, exemptSections: [.whereWeGotLucky]),
        BlamePhrase(
            "would have", .counterfactual, rewrite: stateWhatHappened, forms: ["would have", "would've"],
            unlessFollowedBy: possessionObjects + luckyOutcomes, exemptSections: [.whereWeGotLucky]),
        BlamePhrase(
            "ought to have", .counterfactual, rewrite: stateWhatHappened, unlessFollowedBy: possessionObjects),
        BlamePhrase(
            "should have known", .counterfactual, rewrite: knownRewrite,
            forms: [
                "should|shouldn't have known|realized|realised|noticed|seen", "should've known|realized|realised|noticed|seen",
                "ought to have known|realized|realised|noticed|seen",
            ]),
        BlamePhrase("if only", .counterfactual, rewrite: stateWhatHappened),
    ]

    static let judgement: [BlamePhrase] = [
        BlamePhrase("careless", .judgement, rewrite: judgementRewrite, forms: ["careless|carelessly|carelessness"]),
        BlamePhrase("negligent", .judgement, rewrite: judgementRewrite, forms: ["negligent|negligently|negligence"]),
        BlamePhrase(
            "sloppy", .judgement, rewrite: judgementRewrite, forms: ["sloppy|sloppily|sloppiness"],
            unlessFollowedBy: ["quorum|quorums|mode"]),
        BlamePhrase(
            "lazy", .judgement, rewrite: judgementRewrite, forms: ["lazy|laziness"], unlessFollowedBy: lazyTerms),
        BlamePhrase(
            "incompetent", .judgement, rewrite: judgementRewrite, forms: ["incompetent|incompetence|incompetently"]),
        BlamePhrase("reckless", .judgement, rewrite: judgementRewrite, forms: ["reckless|recklessly|recklessness"]),
        BlamePhrase("irresponsible", .judgement, rewrite: judgementRewrite, forms: ["irresponsible|irresponsibly"]),
        BlamePhrase("stupid", .judgement, rewrite: judgementRewrite, forms: ["stupid|stupidly|stupidity"]),
        BlamePhrase("complacent", .judgement, rewrite: judgementRewrite, forms: ["complacent|complacency"]),
        BlamePhrase("blameworthy", .judgement, rewrite: describeContributors),
        BlamePhrase(
            "dumb mistake", .judgement, rewrite: mistakeRewrite, forms: ["dumb mistake|mistakes|error|errors|move"]),
        BlamePhrase(
            "obvious mistake", .judgement, rewrite: mistakeRewrite,
            forms: ["obvious mistake|mistakes|error|errors", "obviously wrong"]),
        BlamePhrase(
            "rookie mistake", .judgement, rewrite: mistakeRewrite, forms: ["rookie mistake|mistakes|error|errors|move"]),
        BlamePhrase(
            "silly mistake", .judgement, rewrite: mistakeRewrite, forms: ["silly mistake|mistakes|error|errors"]),
        BlamePhrase(
            "inexperienced", .judgement, rewrite: experienceRewrite, forms: ["inexperienced|inexperience"]),
        BlamePhrase(
            "not paying attention", .judgement, rewrite: attentionRewrite,
            forms: [
                "not|wasn't|weren't paying attention", "didn't pay attention", "did not pay attention",
                "inattentive|inattention",
            ]),
        BlamePhrase(
            "poor judgement", .judgement, rewrite: judgementRewrite,
            forms: ["poor|bad|questionable judgement|judgment", "lapse|lapses|error|errors in|of judgement|judgment"]),
    ]

    static let exhortation: [BlamePhrase] = [
        BlamePhrase(
            "be more careful", .exhortation, rewrite: guardrail,
            forms: ["be|being|stay more|extra careful", "be careful"], isNegatable: true),
        BlamePhrase(
            "more carefully", .exhortation, rewrite: guardrail, forms: ["more|extra carefully|thoroughly"],
            isNegatable: true),
        BlamePhrase(
            "pay more attention", .exhortation, rewrite: guardrail,
            forms: ["pay|paying more|closer|extra attention", "pay attention"], isNegatable: true),
        BlamePhrase(
            "take more care", .exhortation, rewrite: guardrail, forms: ["take more|extra|greater care", "take care to"],
            isNegatable: true),
        BlamePhrase(
            "double-check", .exhortation, rewrite: guardrail, forms: ["double-check", "double check"],
            condition: .imperative),
        BlamePhrase("remember to", .exhortation, rewrite: guardrail, isNegatable: true),
        BlamePhrase("don't forget", .exhortation, rewrite: guardrail, forms: ["don't forget", "do not forget"]),
        BlamePhrase("remind", .exhortation, rewrite: guardrail, condition: .imperative),
        BlamePhrase(
            "try harder", .exhortation, rewrite: guardrail, forms: ["try|trying|work|working harder"],
            isNegatable: true),
        BlamePhrase(
            "be vigilant", .exhortation, rewrite: guardrail, forms: ["be|stay|remain|being more? vigilant"],
            isNegatable: true),
    ]

    /// Actions only people take, which make "failed to" about a person whatever its subject.
    static let humanActions: Set<String> = [
        "notice", "realize", "realise", "anticipate", "understand", "bother", "recognize", "recognise", "spot", "ask",
        "inform", "tell", "mention", "remember", "plan", "prepare", "review", "document", "heed", "foresee", "think",
        "appreciate", "consider", "double-check", "pay", "follow-up", "care",
    ]

    /// Nouns that make "user error" or "operator error" a kind of error response or metric.
    static let technicalErrorNouns = [
        "rate|rates|count|counts|code|codes|response|responses|message|messages|page|pages|log|logs|budget",
        "class|classes|type|types|handling|handler|metric|metrics|path|paths",
    ]

    /// Nouns that make "*'s fault" a technical term ("the cluster's fault tolerance").
    static let faultTerms = [
        "tolerance|tolerant|domain|domains|injection|line|lines|code|codes|handler|handling|isolation|detection",
        "counter|counters|rate|rates|zone|zones|model|models|tree|trees|log|logs|mode|modes|status|bit|bits",
    ]

    /// Words that make "should have" a present requirement rather than a counterfactual ("every
    /// service should have an owner", "the pool should have 20 connections"); `#` is any number.
    static let possessionObjects = [
        "a|an|the|no|any|some|its|their|our|his|her|your|my|this|that|these|those|every|each|both|all|enough|#",
        "more|less|fewer|at|exactly|only|one|two|three|access|ownership|permission|permissions|priority|precedence",
    ]

    /// Outcomes that make "could have" or "would have" about luck rather than a decision.
    static let luckyOutcomes = ["been worse", "been much|far|even|significantly worse", "been a lot worse"]

    /// Nouns that make "lazy" a technical term ("lazy loading").
    static let lazyTerms = [
        "loading|load|loaded|loads|initialization|initialisation|init|initializer|evaluation|eval|instantiation",
        "import|imports|property|properties|var|val|sequence|sequences|iterator|iterators|mode|fetch|fetching",
        "allocation|binding|bindings|deletion|expiration|expiry|replication|migration|migrations|hydration|rendering",
        "compilation|resolution|connection|connections|singleton|static|collection|collections|stream|streams|list",
        "computation|value|values|attribute|attributes|column|columns|writer|reader|consumer|cache|caching",
    ]
}

private let describeAction = "describe the action and the conditions it happened under"
private let describeUserAction =
    "describe what the user did and what in the product made it easy to do (defaults, wording, missing checks)"
private let describeContributors = "describe what contributed (the conditions, the tooling, the process), not who"
private let didNotHappen = "X did not happen; nothing enforced it"
private let forgotRewrite = "X did not happen; nothing prompted or enforced it (no checklist step, check or automation)"
private let ignoredRewrite =
    "describe how the alert looked at the time: how many others fired, how noisy it was, where it was routed"
private let runbookRewrite =
    "describe how the runbook or process and the situation differed, and why the steps taken made sense at the time"
private let fatFingerRewrite = "describe the input and what in the tool allowed it (no validation, no confirmation, no preview)"
private let mistakeRewrite = "describe the action and what made it look right at the time"
private let stateWhatHappened = "state what happened, or add an action item"
private let knownRewrite = "describe what information was available at the time, and where it was"
private let judgementRewrite = "describe what happened and what made it a reasonable choice at the time"
private let experienceRewrite = "describe the onboarding, documentation and support the responder had"
private let attentionRewrite = "describe what competed for attention at the time (other alerts, other work, noise)"
private let guardrail = "add a guardrail: a check, an alert, automation"
