/// Who may read a postmortem outside the repository: `internal` (the default) or `public`.
///
/// Only a `public` postmortem is exported (`pm export`) or listed in the feed (`pm feed`); everything else stays
/// internal. The value is matched exactly, so a typo never publishes anything by accident.
public enum Visibility: String, CaseIterable, Hashable, Sendable, Codable {
    case `internal`
    case `public`

    /// The visibility a front-matter value means: `internal` when the field is absent, nil for any other value than
    /// the two spellings pm knows.
    init?(frontMatterValue value: String?) {
        guard let value else {
            self = .internal
            return
        }
        guard let visibility = Visibility(rawValue: value) else { return nil }
        self = visibility
    }
}

extension Postmortem {
    /// The postmortem's visibility: `internal` when the field is absent, nil when its value is not one pm knows.
    public var effectiveVisibility: Visibility? {
        Visibility(frontMatterValue: visibility)
    }
}
