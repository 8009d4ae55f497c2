/// Who a site built by `pm site` is for, which decides what it shows.
public enum SiteAudience: String, Sendable, CaseIterable {
    /// The team: every postmortem at HEAD, every section, every front-matter field, action items with owners, due
    /// dates, tickets and history.
    case `internal`
    /// Everyone: only postmortems that are `status: published` and `visibility: public`, only their public sections
    /// (`pm.publicSections`), only the fields of their own that `pm.publicFields` names (none by default), action
    /// items reduced to what is to be done and whether it is.
    case `public`
}
