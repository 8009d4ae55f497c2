/// One file of a static site: where it goes below the site's folder, and its text.
public struct SiteFile: Sendable, Equatable {
    /// What the file is, for listings (`pm site --json`).
    public enum Kind: String, Sendable {
        case page
        case stylesheet
        case script
        case data
    }

    /// The path below the site's folder, `/`-separated, never absolute and never with `..` (`postmortems/x.html`).
    public var path: String
    public var kind: Kind
    var contents: String

    init(path: String, kind: Kind, contents: String) {
        self.path = path
        self.kind = kind
        self.contents = contents
    }
}
