/// The verbs the blameless-language rule reads, by what they say about whoever did them, with every
/// inflection: "ignore", "ignores", "ignored", "ignoring".
enum BlameVerbs {
    /// What a verb says about its actor.
    enum Kind: Sendable {
        /// Only people do it, and it is a failure whoever did it: forgot, neglected, overlooked,
        /// ignored, botched. A clause counts unless its subject is known to be a thing.
        case humanFailure
        /// A failure when a person did it, ordinary when a system did: skipped, missed, broke,
        /// bypassed, caused. A clause counts only when its subject is known to be a person.
        case failure
        /// A duty a person may leave undone: followed, checked, tested, read, escalated. It counts
        /// when negated ("did not follow"), after "failed to", or in "without checking".
        case duty
    }

    /// How a form relates to its verb.
    enum Form: Sendable {
        case base, third, past, participle, pastOrParticiple, presentParticiple

        /// Whether the form is finite in the past or a participle, the forms that report what happened.
        var isPastOrParticiple: Bool {
            switch self {
            case .past, .participle, .pastOrParticiple: return true
            case .base, .third, .presentParticiple: return false
            }
        }
    }

    struct Entry: Sendable {
        var lemma: String
        var kind: Kind
        var form: Form
    }

    /// Every form of every verb.
    static let table: [String: Entry] = {
        var table: [String: Entry] = [:]
        func add(_ specs: [String], _ kind: Kind) {
            for spec in specs {
                // Built at the first check of every pm run (a pre-commit hook's too): the lemma once per verb, on bytes.
                let lemma = String(
                    decoding: spec.utf8.prefix { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: "+") }, as: UTF8.self)
                for (word, form) in inflections(spec) {
                    // A form that is both a base and a past ("read", "put") reads as the past: what happened.
                    if let existing = table[word], !(existing.form == .base && form.isPastOrParticiple) { continue }
                    table[word] = Entry(lemma: lemma, kind: kind, form: form)
                }
            }
        }
        add(humanFailures, .humanFailure)
        add(failures, .failure)
        add(duties, .duty)
        return table
    }()

    static let humanFailures = [
        "forget:forgot:forgotten:forgetting", "neglect", "overlook", "disregard", "ignore", "botch", "bungle",
        "mishandle", "mismanage", "misread:misread:misread:misreading", "mistype", "misjudge",
        "misunderstand:misunderstood:misunderstood:misunderstanding", "rubber-stamp", "fat-finger", "flout",
        "disobey", "fumble", "goof", "blunder", "slack", "shirk", "screw", "mess", "nuke", "gloss", "wave",
        "sit:sat:sat:sitting", "lose:lost:lost:losing", "dismiss", "brush", "shrug+",
    ]

    static let failures = [
        "skip+", "miss", "break:broke:broken:breaking", "bypass", "circumvent", "violate", "rush", "skimp",
        "misconfigure", "mislabel", "misname", "misspell", "mistake:mistook:mistaken:mistaking", "cause",
        "introduce", "misroute", "misapply", "misclick", "overwrite:overwrote:overwritten:overwriting",
        "override:overrode:overridden:overriding", "wipe", "force-push", "hard-code", "hardcode", "misclassify",
        "misinterpret", "misdiagnose", "misremember", "mislabel:mislabelled:mislabelled:mislabelling",
        "misconfigure", "mistype", "clobber", "take:took:taken:taking", "bring:brought:brought:bringing", "knock",
    ]

    static let duties = [
        "follow", "check", "test", "verify", "review", "read:read:read:reading", "notice", "acknowledge", "respond",
        "answer", "escalate", "update", "drain", "confirm", "validate", "monitor", "heed", "consult", "notify",
        "inform", "communicate", "tell:told:told:telling", "ask", "wait", "run:ran:run:running", "look", "bother",
        "complete", "perform", "investigate", "double-check", "triple-check", "document", "inspect", "examine",
        "watch", "reply", "report", "raise", "coordinate", "care", "listen", "page", "call", "spot",
        "catch:caught:caught:catching", "ack+", "obey", "adhere", "comply", "announce", "warn", "plan+", "prepare", "ensure",
    ]

    /// Words a failure verb takes as its particle: "screwed up", "messed up", "slacked off".
    static let particles: [String: Set<String>] = [
        "screw": ["up"], "mess": ["up"], "slack": ["off"], "goof": ["up", "off"], "gloss": ["over"],
        "wave": ["through", "off", "away"], "sit": ["on"], "lose": ["track"], "wipe": ["out"], "brush": ["off", "aside"],
        "shrug": ["off"], "take": ["down", "out"], "bring": ["down"], "knock": ["over", "out"],
    ]

    /// Every form of the verb `spec`: `lemma`, `lemma+` when its last consonant doubles (skip,
    /// skipped), or `lemma:past:participle:ing` for an irregular verb.
    static func inflections(_ spec: String) -> [(String, Form)] {
        let parts = spec.split(separator: ":").map(String.init)
        var lemma = parts[0]
        let doubles = lemma.hasSuffix("+")
        if doubles { lemma.removeLast() }
        let third: String
        if lemma.hasSuffix("s") || lemma.hasSuffix("sh") || lemma.hasSuffix("ch") || lemma.hasSuffix("x") {
            third = lemma + "es"
        } else if lemma.hasSuffix("y"), let before = lemma.dropLast().last, !"aeiou".contains(before) {
            third = lemma.dropLast() + "ies"
        } else {
            third = lemma + "s"
        }
        if parts.count >= 2 {
            let past = parts[1]
            let participle = parts.count > 2 ? parts[2] : past
            let ing = parts.count > 3 ? parts[3] : lemma + "ing"
            if past == participle {
                return [(lemma, .base), (third, .third), (past, .pastOrParticiple), (ing, .presentParticiple)]
            }
            return [(lemma, .base), (third, .third), (past, .past), (participle, .participle), (ing, .presentParticiple)]
        }
        let stem: String
        if doubles, let last = lemma.last {
            stem = lemma + String(last)
        } else if lemma.hasSuffix("e") {
            stem = String(lemma.dropLast())
        } else {
            stem = lemma
        }
        let past: String
        if lemma.hasSuffix("y"), let before = lemma.dropLast().last, !"aeiou".contains(before) {
            past = lemma.dropLast() + "ied"
        } else {
            past = stem + "ed"
        }
        return [(lemma, .base), (third, .third), (past, .pastOrParticiple), (stem + "ing", .presentParticiple)]
    }
}
