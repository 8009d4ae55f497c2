/// Decides whether a postmortem may be committed: the seam where the write path asks "is this document good enough?".
///
/// Today's validator accepts any document that parses; the checker plugs in here with the lifecycle rules.
public protocol PostmortemValidator {
    /// Every error that must block a commit of `postmortem`.
    func errors(in postmortem: Postmortem, store: PostmortemStore) -> [DocumentError]
}

/// Accepts a document when it parses: encoding, front matter, field types, structure.
public struct ParseValidator: PostmortemValidator {
    public init() {}

    public func errors(in postmortem: Postmortem, store: PostmortemStore) -> [DocumentError] {
        var errors = postmortem.errors
        if let severity = postmortem.severity, !store.configuration.severities.contains(severity),
            let position = postmortem.frontMatter?["severity"]?.valuePosition
        {
            errors.append(
                DocumentError(
                    "unknown severity '\(severity)'; use one of \(store.configuration.severities.joined(separator: ", ")) (pm.severities in .pmconfig)",
                    at: position, path: postmortem.path))
        }
        return errors.sorted { $0.position < $1.position }
    }
}
