import Foundation

/// How long an incident took to detect, acknowledge, mitigate and resolve, from `started`.
public struct Durations: Hashable, Sendable {
    /// detected − started, in seconds; nil when either is missing.
    public var timeToDetect: TimeInterval?
    /// acknowledged − started.
    public var timeToAcknowledge: TimeInterval?
    /// mitigated − started.
    public var timeToMitigate: TimeInterval?
    /// resolved − started.
    public var timeToResolve: TimeInterval?

    init(
        timeToDetect: TimeInterval? = nil, timeToAcknowledge: TimeInterval? = nil,
        timeToMitigate: TimeInterval? = nil, timeToResolve: TimeInterval? = nil
    ) {
        self.timeToDetect = timeToDetect
        self.timeToAcknowledge = timeToAcknowledge
        self.timeToMitigate = timeToMitigate
        self.timeToResolve = timeToResolve
    }

    /// The durations computed from the incident's timestamps.
    init(started: Date?, detected: Date?, acknowledged: Date?, mitigated: Date?, resolved: Date?) {
        func since(_ end: Date?) -> TimeInterval? {
            guard let started, let end else { return nil }
            return end.timeIntervalSince(started)
        }
        self.init(
            timeToDetect: since(detected), timeToAcknowledge: since(acknowledged),
            timeToMitigate: since(mitigated), timeToResolve: since(resolved))
    }
}

/// Seconds, or null when either timestamp is missing.
extension Durations: JSONRepresentable {
    public var jsonObject: [(String, JSONValue)] {
        [
            ("timeToDetect", .double(timeToDetect)), ("timeToAcknowledge", .double(timeToAcknowledge)),
            ("timeToMitigate", .double(timeToMitigate)), ("timeToResolve", .double(timeToResolve)),
        ]
    }
}
