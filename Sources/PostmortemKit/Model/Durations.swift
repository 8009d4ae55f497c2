import Foundation

/// How long an incident took to detect, acknowledge, mitigate and resolve, from `started`.
public struct Durations: Hashable, Sendable, Codable {
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

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeToDetect, forKey: .timeToDetect)
        try container.encode(timeToAcknowledge, forKey: .timeToAcknowledge)
        try container.encode(timeToMitigate, forKey: .timeToMitigate)
        try container.encode(timeToResolve, forKey: .timeToResolve)
    }
}
