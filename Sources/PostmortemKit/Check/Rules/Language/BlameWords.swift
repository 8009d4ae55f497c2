// The word lists of the blameless-language cues (`SentenceScan` and its extensions).

/// Verbs whose infinitive is the act itself: "decided to skip", "chose to override".
let infinitiveGovernors: Set<String> = ["decided", "chose", "opted", "elected", "tried", "attempted", "went", "managed"]

let correctingVerbs: Set<String> = [
    "remind", "reminds", "reminded", "reminding", "retrain", "retrains", "retrained", "re-train", "re-trained",
    "re-educate", "reprimand", "reprimanded", "discipline", "disciplined", "admonish", "admonished", "scold", "scolded",
    "coach", "coached", "warn", "warned",
]
let instructingVerbs: Set<String> = ["ask", "instruct", "tell", "talk", "speak", "reinforce", "send", "remind"]
let failForms: Set<String> = ["fail", "fails", "failed", "failing"]
let blameForms: Set<String> = ["blame", "blamed", "blames", "blaming"]

/// The fixed phrases and care patterns by their first words, so a word tries only the ones it can start.
let fixedPhrasesByFirstWord: [String: [Int]] = firstWordIndex(fixedPhrases.map(\.words))
let carePatternsByFirstWord: [String: [Int]] = firstWordIndex(carePatterns)

func firstWordIndex(_ patterns: [[Set<String>]]) -> [String: [Int]] {
    var index: [String: [Int]] = [:]
    for (position, pattern) in patterns.enumerated() {
        for word in pattern.first ?? [] { index[word, default: []].append(position) }
    }
    return index
}

/// Every word that may start a cue, besides the verbs in `BlameVerbs` and words after a negation.
let cueWords: Set<String> = {
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
struct FixedPhrase {
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

let fixedPhrases: [FixedPhrase] = [
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
let metaWords: Set<String> = [
    "call", "calling", "called", "label", "labelling", "labeling", "labelled", "labeled", "attribute", "attributing",
    "blame", "blaming", "dismiss", "dismissing", "dismissed",
]

/// Participles of knowing: "should have known", "should have realised".
let knowingVerbs: Set<String> = [
    "known", "realized", "realised", "noticed", "seen", "anticipated", "foreseen", "recognized", "recognised",
    "understood", "spotted", "caught", "checked", "predicted", "expected",
]

/// Outcomes that make "could have" about luck or exposure: "could have been worse", "could have lasted".
let luckyOutcomes: Set<String> = [
    "liked", "wanted", "hoped", "preferred", "wished", "loved", "thought", "guessed", "imagined", "happened", "occurred",
    "lasted", "spread", "cascaded", "affected", "gone", "ended",
]

let preventableIntensifiers: Set<String> = [
    "entirely", "completely", "totally", "wholly", "easily", "perfectly", "eminently", "fully", "100%", "trivially",
]

/// Adjectives of care: "should have been more careful", "be more vigilant".
let careAdjectives: Set<String> = [
    "careful", "vigilant", "diligent", "thorough", "mindful", "cautious", "attentive", "conscientious", "disciplined",
    "rigorous", "alert", "focused", "responsible", "proactive",
]

let carefulAdverbs: Set<String> = ["carefully", "thoroughly", "closely", "attentively", "diligently", "cautiously"]

/// Patterns of asking people to try harder.
let carePatterns: [[Set<String>]] = [
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
let imperativeLeads: Set<String> = [
    "always", "please", "just", "also", "then", "so", "and", "really", "going", "forward", "from", "now", "on",
    "in", "future", "the", "next", "time", "everyone", "all", "engineers", "lesson", "learned",
]

/// Verbs that open a command: "Review DNS changes more carefully".
let imperativeVerbs: Set<String> = [
    "review", "check", "read", "test", "verify", "inspect", "look", "watch", "monitor", "handle", "approve",
    "examine", "edit", "write", "plan", "configure", "deploy", "roll", "merge", "go", "proceed", "treat", "consider",
    "think", "scrutinize", "scrutinise", "evaluate", "validate", "audit", "double-check", "review",
]

/// Modals that oblige: "engineers must", "the team should", "we will".
let obligationModals: Set<String> = ["must", "should", "shall", "will", "mustn't", "gotta", "needs", "ought"]

/// Actions only people take, which make "failed to" about a person whatever its subject.
let humanActions: Set<String> = [
    "notice", "realize", "realise", "anticipate", "understand", "bother", "recognize", "recognise", "spot", "ask",
    "inform", "tell", "mention", "remember", "plan", "prepare", "review", "document", "heed", "foresee", "think",
    "appreciate", "consider", "double-check", "pay", "follow-up", "care", "communicate", "escalate", "acknowledge",
    "respond", "read", "update", "verify", "consult", "coordinate", "investigate", "test", "page", "notify",
]

/// Blame nouns, which count with a person as their possessor, agent or maker.
let blameNouns: Set<String> = [
    "mistake", "mistakes", "error", "errors", "blunder", "blunders", "oversight", "oversights", "lapse", "lapses",
    "slip", "slip-up", "slipup", "misstep", "missteps", "failure", "failures", "failing", "failings", "omission",
    "miscalculation", "misjudgement", "misjudgment", "gaffe", "goof", "screw-up", "screwup", "mess-up", "fault",
    "faults", "negligence", "carelessness", "fumble", "wrongdoing", "misconduct", "typo", "typos",
    "misconfiguration", "misconfigurations", "fat-finger", "cock-up", "balls-up", "mess",
]

/// Nouns that make "'s fault" a technical term ("the cluster's fault tolerance").
let faultTerms: Set<String> = [
    "tolerance", "tolerant", "domain", "domains", "injection", "line", "lines", "code", "codes", "handler", "handling",
    "isolation", "detection", "counter", "counters", "rate", "rates", "zone", "zones", "model", "models", "tree",
    "trees", "log", "logs", "mode", "modes", "status", "bit", "bits", "condition", "conditions", "path",
]

/// What a person may be said to be responsible for, as a cause.
let outcomeNouns: Set<String> = [
    "outage", "outages", "incident", "incidents", "failure", "downtime", "breakage", "mistake", "error", "errors",
    "problem", "mess", "disruption", "loss", "data", "breach", "degradation", "bug",
]

/// Defects a person may be said to have introduced.
let defectNouns: Set<String> = [
    "bug", "bugs", "regression", "regressions", "error", "errors", "defect", "defects", "typo", "typos", "mistake",
    "issue", "problem", "outage", "vulnerability", "flaw", "breaking",
]

/// Adverbs that say an action was a mistake: strong ones count for a passive and an unknown actor too.
enum AdverbStrength { case strong, weak }

let blameAdverbs: [String: AdverbStrength] = [
    "accidentally": .strong, "mistakenly": .strong, "erroneously": .strong, "wrongly": .strong,
    "wrongfully": .strong, "absent-mindedly": .strong, "absentmindedly": .strong, "blindly": .weak,
    "inadvertently": .weak, "unintentionally": .weak, "unknowingly": .weak, "unwittingly": .weak,
    "incorrectly": .weak, "improperly": .weak,
]

/// Judgement words and their rewrites; the word families are matched whole.
let judgementFamilies: [(String, Set<String>)] = [
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

let strongJudgements: [String: String] = {
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
let judgementExclusions: [String: Set<String>] = {
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
let systemAgents: Set<String> = [
    "client", "clients", "library", "libraries", "service", "services", "server", "servers", "job", "jobs", "process",
    "daemon", "agent", "indexer", "controller", "scheduler", "cache", "proxy", "balancer", "router", "worker",
    "workers", "pool", "driver", "sdk", "api", "system", "cluster", "node", "nodes", "kernel", "firmware", "component",
    "module", "tool", "crawler", "consumer", "consumers", "producer", "queue", "operator", "sentinel", "algorithm",
    "implementation", "code", "parser", "resolver", "retry", "retries", "loop", "backoff", "handler", "check",
]

/// A person's work, which a judgement about still judges the person: "the change was sloppy".
let workProducts: Set<String> = [
    "change", "changes", "migration", "migrations", "script", "deploy", "deployment", "review", "reviews", "rollback",
    "rollout", "handling", "response", "work", "fix", "patch", "commit", "approach", "decision", "decisions", "config",
    "configuration", "testing", "cleanup", "clean-up", "plan", "runbook", "pr", "diff", "merge", "release", "edit",
    "investigation", "communication", "escalation", "behaviour", "behavior", "attitude", "conduct", "job",
]

/// Judgements that count only about a person: "Lee's response was unacceptable", "the on-call was too slow".
let weakJudgements: Set<String> = [
    "unacceptable", "unacceptably", "lax", "sluggish", "slack", "lazy", "laziness", "lazily", "useless", "hopeless",
    "worthless", "panicked", "disappointing", "disappointed", "sloppily",
]

let groupNegations: Set<String> = ["not", "never", "hardly", "barely", "cannot"]

/// What code ignores: "the header was ignored" describes software, not a person.
let technicalNouns: Set<String> = [
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
let undoneExclusions: Set<String> = [
    "know", "have", "expect", "realize", "realise", "anticipate", "see", "think", "believe", "need", "want", "exist",
    "happen", "occur", "receive", "get", "hear", "understand", "mean", "intend", "own", "recall", "seem", "appear",
    "matter", "apply", "work", "find", "detect", "reach", "hit", "affect", "impact", "cause", "feel", "like", "fire",
    "trigger", "succeed", "fail", "return", "change", "include", "contain", "cover", "show", "go", "come", "make",
    "break", "recover", "stop", "start", "respond", "load", "run", "be", "done", "been", "seen", "had", "scale",
    "catch", "use", "want", "try", "wait", "notice", "mind", "care", "ask", "do", "did", "get", "agree",
]

/// Nouns after "without" that name a check skipped: "without a ticket", "without review".
let withoutNouns: Set<String> = [
    "review", "reviews", "ticket", "approval", "approvals", "test", "tests", "testing", "check", "checks", "canary",
    "backup", "backups", "dry", "dry-run", "rollback", "plan", "investigation", "warning", "notice", "telling",
    "glance", "second", "sign-off", "signoff", "peer", "change", "cr", "verification", "confirmation",
]

/// Verbs that report speech at the end of a sentence: ", they said".
let reportingVerbs: Set<String> = [
    "said", "says", "wrote", "writes", "asked", "added", "replied", "noted", "told", "joked",
]
