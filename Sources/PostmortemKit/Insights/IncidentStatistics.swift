import Foundation

/// Counts, MTTx and action-item follow-through over a set of incidents, in total and per group.
public struct IncidentStatistics: Sendable {
    /// What incidents are grouped by.
    public enum Grouping: String, Sendable, CaseIterable {
        case month, quarter, severity, service
    }

    /// The figures of one group (or of all incidents).
    public struct Group: Sendable {
        /// `2026-11`, `2026-Q4`, `SEV2`, `checkout-api`; `(none)` for incidents without that value.
        public var key: String
        public var incidents: Int
        /// detected − started.
        public var timeToDetect: DurationSummary
        /// acknowledged − started.
        public var timeToAcknowledge: DurationSummary
        /// mitigated − started.
        public var timeToMitigate: DurationSummary
        /// resolved − started.
        public var timeToResolve: DurationSummary
        public var actionItems: ActionItemSummary
    }

    /// The median and 90th percentile of one duration, over the incidents that have both timestamps.
    public struct DurationSummary: Sendable, Equatable {
        /// How many incidents had the timestamps (and them in order).
        public var count: Int
        public var median: TimeInterval?
        public var p90: TimeInterval?

        /// Rounded to the millisecond: timestamps have no finer meaning, and it keeps floating-point noise (from
        /// subtracting dates, from interpolating) out of the figures.
        init(_ values: [TimeInterval]) {
            func milliseconds(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
            let sorted = values.map(milliseconds).sorted()
            count = sorted.count
            median = Percentile.of(sorted, 0.5).map(milliseconds)
            p90 = Percentile.of(sorted, 0.9).map(milliseconds)
        }
    }

    /// Action items opened, done and overdue, and how long closing them took.
    public struct ActionItemSummary: Sendable, Equatable {
        /// Every action item of the group's incidents.
        public var total: Int
        public var done: Int
        public var open: Int
        /// Open with a due date before the day of the report.
        public var overdue: Int
        /// done / total; nil without action items.
        public var completionRate: Double?
        /// From the commit that added each done item to the commit that ticked it.
        public var timeToClose: DurationSummary
    }

    public var grouping: Grouping?
    /// The day overdue is measured on.
    public var today: LocalDate
    public var total: Group
    /// In order: months and quarters by time (months without incidents included, so a chart has no gaps),
    /// severities as configured, services by name.
    public var groups: [Group]

    /// The statistics of `incidents`, grouped by `grouping` (nil: the total only). `severities` orders the
    /// severity groups; `timeZone` is not needed: incident dates are local dates already.
    public init(incidents: [Incident], grouping: Grouping?, today: LocalDate, severities: [String] = []) {
        self.grouping = grouping
        self.today = today
        total = IncidentStatistics.group("all", incidents, today: today)
        guard let grouping else {
            groups = []
            return
        }
        var members: [String: [Incident]] = [:]
        for incident in incidents {
            for key in IncidentStatistics.keys(of: incident, by: grouping) { members[key, default: []].append(incident) }
        }
        var keys = members.keys.sorted()
        switch grouping {
        case .month, .quarter:
            keys = IncidentStatistics.periods(from: keys, by: grouping)
        case .severity:
            let known = severities.filter { members[$0] != nil }
            keys = known + keys.filter { !known.contains($0) }
        case .service:
            break
        }
        // Incidents without the value last.
        if let none = keys.firstIndex(of: IncidentStatistics.noneKey) { keys.append(keys.remove(at: none)) }
        groups = keys.map { IncidentStatistics.group($0, members[$0] ?? [], today: today) }
    }

    /// The key of incidents that lack the grouped value.
    public static let noneKey = "(none)"

    static func keys(of incident: Incident, by grouping: Grouping) -> [String] {
        switch grouping {
        case .month:
            guard let date = incident.date else { return [noneKey] }
            return [monthKey(date)]
        case .quarter:
            guard let date = incident.date else { return [noneKey] }
            return [quarterKey(date)]
        case .severity:
            return [incident.severity ?? noneKey]
        case .service:
            return incident.services.isEmpty ? [noneKey] : Array(Set(incident.services)).sorted()
        }
    }

    static func monthKey(_ date: LocalDate) -> String { "\(LocalDate.pad(date.year, 4))-\(LocalDate.pad(date.month, 2))" }
    static func quarterKey(_ date: LocalDate) -> String { "\(LocalDate.pad(date.year, 4))-Q\((date.month - 1) / 3 + 1)" }

    /// Every month or quarter from the first key to the last, so that empty periods show as empty.
    static func periods(from keys: [String], by grouping: Grouping) -> [String] {
        let dated = keys.filter { $0 != noneKey }.sorted()
        guard let first = dated.first, let last = dated.last else { return keys }
        func parse(_ key: String) -> (year: Int, step: Int)? {
            let parts = key.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]) else { return nil }
            let step = grouping == .quarter ? Int(parts[1].dropFirst()) : Int(parts[1])
            return step.map { (year, $0) }
        }
        guard let start = parse(first), let end = parse(last) else { return keys }
        let perYear = grouping == .quarter ? 4 : 12
        let startIndex = start.year * perYear + start.step - 1
        let endIndex = end.year * perYear + end.step - 1
        // A pasted year 9999 next to 2026 must not make a list of 95,000 months.
        guard endIndex - startIndex < 1200 else { return keys }
        var result = (startIndex...endIndex).map { index -> String in
            let year = index / perYear
            let step = index % perYear + 1
            return grouping == .quarter
                ? "\(LocalDate.pad(year, 4))-Q\(step)" : "\(LocalDate.pad(year, 4))-\(LocalDate.pad(step, 2))"
        }
        if keys.contains(noneKey) { result.append(noneKey) }
        return result
    }

    static func group(_ key: String, _ incidents: [Incident], today: LocalDate) -> Group {
        func durations(_ value: (Durations) -> TimeInterval?) -> DurationSummary {
            // A negative duration (timestamps out of order) is reported by `pm check`; it is no measurement.
            DurationSummary(incidents.compactMap { value($0.durations) }.filter { $0 >= 0 })
        }
        let items = incidents.flatMap(\.actionItems)
        let done = items.count(where: \.isDone)
        let summary = ActionItemSummary(
            total: items.count, done: done, open: items.count - done,
            overdue: items.count(where: { $0.isOverdue(on: today) }),
            completionRate: items.isEmpty ? nil : Double(done) / Double(items.count),
            timeToClose: DurationSummary(items.compactMap(\.timeToClose)))
        return Group(
            key: key, incidents: incidents.count, timeToDetect: durations(\.timeToDetect),
            timeToAcknowledge: durations(\.timeToAcknowledge), timeToMitigate: durations(\.timeToMitigate),
            timeToResolve: durations(\.timeToResolve), actionItems: summary)
    }
}

/// Percentiles by linear interpolation between the closest ranks (numpy's default, and what spreadsheets call
/// PERCENTILE.INC): the median of an even count is the mean of the middle two.
enum Percentile {
    /// The `fraction` percentile (0…1) of ascending `sorted` values; nil when there are none.
    static func of(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = fraction * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - Double(lower))
    }
}
