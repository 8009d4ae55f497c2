/// One check over one postmortem. Each rule is one type in its own file under `Rules/<Kind>/`, registered in
/// `RuleRegistry`, and describes itself (with examples) in `description`.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// Every violation in `postmortem`; the checker applies severities, lifecycle levels and suppressions.
    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation]
}

/// What rules may know beyond the one document: the configuration and the other postmortems.
public struct CheckContext: Sendable {
    var configuration: Configuration
    /// Every postmortem id in the set being checked, and the paths holding each (for `unique-id`, `related-exists`).
    var pathsByID: [String: [String]]
    /// Today's date in `pm.timezone` (rules never read the clock themselves, so tests are stable).
    var today: LocalDate

    public init(configuration: Configuration, pathsByID: [String: [String]] = [:], today: LocalDate) {
        self.configuration = configuration
        self.pathsByID = pathsByID
        self.today = today
    }

    /// Groups file paths by the id their name gives, each group sorted and without repeats. Runs over every file of
    /// large repositories, so it appends (no per-id sets) and sorts only the rare groups of more than one path.
    public static func pathsByID(_ paths: [String]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        result.reserveCapacity(paths.count)
        for path in paths { result[PostmortemFile.id(ofPath: path), default: []].append(path) }
        for (id, group) in result where group.count > 1 { result[id] = Array(Set(group)).sorted() }
        return result
    }
}
