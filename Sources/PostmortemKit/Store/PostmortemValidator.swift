/// Decides whether a postmortem may be committed: the seam where the write path asks the checker.
protocol PostmortemValidator {
    /// Every finding for `postmortem`; those of severity `error` block the commit.
    func findings(in postmortem: Postmortem, store: PostmortemStore) throws -> [Finding]
}

/// Runs every registered rule, at the document's own lifecycle level, against the postmortems of the working tree
/// (for `unique-id` and `related-exists`, known by their file names, without reading them).
public struct CheckingValidator: PostmortemValidator {
    public init() {}

    public func findings(in postmortem: Postmortem, store: PostmortemStore) throws -> [Finding] {
        let paths = try store.paths(at: .workingTree) + (postmortem.path.map { [$0] } ?? [])
        let context = CheckContext(
            configuration: store.configuration, pathsByID: CheckContext.pathsByID(paths),
            today: LocalDate.today(in: store.configuration.timeZone))
        return Checker(configuration: store.configuration).check(postmortem, context: context)
    }
}
