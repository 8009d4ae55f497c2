import Foundation

/// The filters shared by `pm list`, `pm actions`, `pm stats` and `pm search`: all given criteria must hold.
public struct PostmortemFilter: Sendable {
    public var severities: [String] = []
    public var statuses: [Status] = []
    public var services: [String] = []
    public var tags: [String] = []
    public var authors: [String] = []
    public var since: LocalDate?
    public var until: LocalDate?

    public init() {}

    /// True when no criterion is set.
    public var isEmpty: Bool {
        severities.isEmpty && statuses.isEmpty && services.isEmpty && tags.isEmpty && authors.isEmpty && since == nil
            && until == nil
    }

    /// Whether `postmortem` passes every criterion (names compare without case or accents: `zoe` finds `Zoë`).
    public func matches(_ postmortem: Postmortem) -> Bool {
        func anyOf(_ wanted: [String], in values: [String]) -> Bool {
            wanted.isEmpty
                || values.contains { value in
                    wanted.contains { $0.compare(value, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }
                }
        }
        if !severities.isEmpty, !anyOf(severities, in: postmortem.severity.map { [$0] } ?? []) { return false }
        if !statuses.isEmpty, !(postmortem.status.map(statuses.contains) ?? false) { return false }
        if !anyOf(services, in: postmortem.services) || !anyOf(tags, in: postmortem.tags)
            || !anyOf(authors, in: postmortem.authors)
        {
            return false
        }
        if let since {
            guard let date = postmortem.date, date >= since else { return false }
        }
        if let until {
            guard let date = postmortem.date, date <= until else { return false }
        }
        return true
    }
}
