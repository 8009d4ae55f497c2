/// One phrase the blameless-language rule looks for: the words, what kind of language it is, and a
/// blameless rewrite to suggest instead.
///
/// A phrase is matched on whole words, case-insensitively, with `’` read as `'`. Its `forms` spell
/// out the inflections and variants as word patterns: words separated by spaces, `a|b` for
/// alternative single words at one place (a multi-word variant is a form of its own), a trailing
/// `?` for an optional word, and `*'s` for any possessive
/// (`Dana's`, `the on-call's`). Words joined by a hyphen or an apostrophe are one word, so
/// `blame` never matches `blameless` or `blame-free`.
public struct BlamePhrase: Sendable, Hashable {
    /// What kind of language the phrase is; it decides the message.
    public enum Category: String, Sendable, Hashable, CaseIterable, Codable {
        /// Points at a person as the cause ("human error", "forgot to", "Dana's fault").
        case blame
        /// Judges a past decision by what is known now ("should have", "could have").
        case counterfactual
        /// Labels a person instead of describing what happened ("careless", "reckless").
        case judgement
        /// Asks people to try harder instead of changing the system ("be more careful"); looked for
        /// in the Action items section only.
        case exhortation
        /// Added by the team in `.pmconfig` (`blameless.phrase`).
        case team
    }

    /// When a match counts, beyond the words themselves.
    public enum Condition: Sendable, Hashable {
        /// Every match counts.
        case always
        /// The match counts when a person is the subject just before it (a pronoun, a role such as
        /// `engineer` or `on-call`, `who`, or an `@handle`), or when one of `humanActions` follows it.
        /// So "the on-call engineer failed to notice" counts and "the pool failed to reconnect" does not.
        case personSubject(humanActions: Set<String>)
        /// The match counts at the start of a sentence, clause or list item, as a command
        /// ("Double-check the replica"), not inside a description ("a job to double-check the schema").
        case imperative
    }

    /// The phrase as people know it, e.g. `should have`; the name `blameless.allow` uses.
    public var phrase: String
    public var category: Category
    /// The blameless rewrite to suggest.
    public var rewrite: String
    /// The word patterns that match (see the type's documentation).
    public var forms: [String]
    /// Word patterns that, right after a match, make it something else ("lazy loading", "the
    /// cluster's fault tolerance", "could have been worse").
    public var unlessFollowedBy: [String]
    /// Words that, right before a match, make it something else ("git blame").
    public var unlessPrecededBy: Set<String>
    /// Whether a negation in the three words before the match cancels it ("nobody is to blame",
    /// "so nobody has to remember to").
    public var isNegatable: Bool
    public var condition: Condition
    /// Sections where the phrase is expected and fine ("it could have been worse" in Where we got lucky).
    public var exemptSections: Set<SectionKind>

    public init(
        _ phrase: String, _ category: Category, rewrite: String, forms: [String]? = nil, unlessFollowedBy: [String] = [],
        unlessPrecededBy: Set<String> = [], isNegatable: Bool = false, condition: Condition = .always,
        exemptSections: Set<SectionKind> = []
    ) {
        self.phrase = phrase
        self.category = category
        self.rewrite = rewrite
        self.forms = forms ?? [phrase]
        self.unlessFollowedBy = unlessFollowedBy
        self.unlessPrecededBy = unlessPrecededBy
        self.isNegatable = isNegatable
        self.condition = condition
        self.exemptSections = exemptSections
    }

    /// Whether the phrase is looked for in a section of `kind` (nil for the preamble or an unknown section).
    public func applies(in kind: SectionKind?) -> Bool {
        if category == .exhortation && kind != .actionItems { return false }
        if let kind, exemptSections.contains(kind) { return false }
        return true
    }

    /// Every word sequence the forms spell, each word lowercased as the tokenizer produces it.
    var wordSequences: [[String]] {
        forms.flatMap(BlamePhrase.expand)
    }

    /// The word sequences of one pattern: alternatives multiplied out, optional words both ways.
    static func expand(_ pattern: String) -> [[String]] {
        var sequences: [[String]] = [[]]
        for part in pattern.split(separator: " ") {
            var choices = part.split(separator: "|").map { BlamePhrase.normalize(String($0)) }
            let isOptional = choices.last?.hasSuffix("?") ?? false
            if isOptional, let last = choices.popLast() {
                choices.append(String(last.dropLast()))
            }
            var next: [[String]] = isOptional ? sequences : []
            for sequence in sequences {
                for choice in choices where !choice.isEmpty {
                    next.append(sequence + [choice])
                }
            }
            sequences = next
        }
        return sequences.filter { !$0.isEmpty }
    }

    /// A pattern word as the tokenizer would produce it: lowercased, with typographic apostrophes made plain.
    static func normalize(_ word: String) -> String {
        var result = ""
        for character in word.lowercased() {
            switch character {
            case "\u{2019}", "\u{2018}", "\u{02BC}": result.append("'")
            default: result.append(character)
            }
        }
        return result
    }
}
