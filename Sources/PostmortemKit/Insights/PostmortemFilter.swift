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
        matches(
            severity: postmortem.severity, status: postmortem.status, services: postmortem.services, tags: postmortem.tags,
            authors: postmortem.authors, date: postmortem.date)
    }

    /// Whether an incident read from the index passes every criterion.
    public func matches(_ incident: Incident) -> Bool {
        matches(
            severity: incident.severity, status: incident.status, services: incident.services, tags: incident.tags,
            authors: incident.authors, date: incident.date)
    }

    private func matches(
        severity: String?, status: Status?, services: [String], tags: [String], authors: [String], date: LocalDate?
    ) -> Bool {
        func anyOf(_ wanted: [String], in values: [String]) -> Bool {
            wanted.isEmpty
                || values.contains { value in
                    wanted.contains { $0.compare(value, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }
                }
        }
        if !severities.isEmpty, !anyOf(severities, in: severity.map { [$0] } ?? []) { return false }
        if !statuses.isEmpty, !(status.map(statuses.contains) ?? false) { return false }
        if !anyOf(self.services, in: services) || !anyOf(self.tags, in: tags) || !anyOf(self.authors, in: authors) {
            return false
        }
        if let since {
            guard let date, date >= since else { return false }
        }
        if let until {
            guard let date, date <= until else { return false }
        }
        return true
    }
}
