/// What an action item is for: preventing a recurrence, limiting impact, detecting sooner,
/// improving a process, or something else.
enum ActionItemType: String, CaseIterable, Hashable, Sendable, Codable {
    case prevent
    case mitigate
    case detect
    case process
    case other
}
