/// Writes the text of realistic, valid postmortems and of the edits made to them later.
struct PostmortemGenerator {
    var random: SeededGenerator
    /// The number of the next ticket an action item gets (`OPS-<n>`).
    private var nextTicket = 100

    init(random: SeededGenerator) {
        self.random = random
    }

    static let services = [
        "checkout-api", "payments-db", "search", "auth", "billing", "cdn", "queue", "mobile-gateway", "inventory",
        "notifications", "ledger", "recommendations", "dns", "object-store", "kafka", "redis-cache",
    ]
    static let tags = [
        "database", "failover", "network", "deploy", "config", "capacity", "dependency", "certificate", "dns", "latency",
    ]
    static let subjects = [
        "the connection pool", "the primary database", "a config push", "the load balancer", "the cache cluster",
        "a certificate rotation", "the deploy pipeline", "the message queue", "a schema migration", "the DNS resolver",
        "the autoscaler", "a feature flag", "the rate limiter", "a dependency upgrade", "the replication link",
    ]
    static let verbs = [
        "kept stale addresses after", "ran out of file descriptors during", "returned errors for", "slowed down under",
        "dropped connections after", "exhausted its memory during", "timed out on", "rejected requests after",
        "retried aggressively during", "lost quorum during",
    ]
    static let events = [
        "a failover", "the nightly batch", "a traffic spike", "the regional outage", "a rolling restart",
        "the marketing campaign", "a partial network partition", "the certificate expiry", "a bad deploy", "peak checkout",
    ]
    static let limits = [
        "retries", "open connections", "queue depth", "heap size", "concurrent deploys", "cache entries",
        "in-flight requests", "replica lag",
    ]
    static let actions = [
        "Add a check for", "Alert on saturation of", "Load-test", "Write a runbook for", "Add a circuit breaker in front of",
        "Automate the failover of", "Add capacity headroom to", "Add a canary stage for", "Document the limits of",
    ]
    static let actionTypes = ["prevent", "mitigate", "detect", "process", "other"]
    static let milestoneEvents = [
        "Errors begin.", "An alert fires.", "The on-call engineer acknowledges the page.", "Traffic is shifted away.",
        "Service is back to normal.",
    ]
    static let followUps = [
        "The fix is deployed to every region.", "A regression test for the failure mode is merged.",
        "The review agrees on the action items.", "Monitoring shows no recurrence.",
        "The temporary mitigation is removed.", "The dashboards gain a panel for the failing signal.",
        "The vendor confirms the defect on their side.", "The runbook is updated with the recovery steps.",
    ]

    /// A new postmortem (usually a draft), written by `authors`, for an incident that started at `start`.
    mutating func postmortem(startingAt start: UTCMinute, authors: [Person]) -> GeneratedPostmortem {
        let services = random.pick(random.int(in: 1...3), of: Self.services)
        let title = self.title(service: services[0])
        let offsets = [0, random.int(in: 2...15), random.int(in: 16...25), random.int(in: 26...90), random.int(in: 91...200)]
        let milestones = offsets.map { start.adding(minutes: $0) }
        var timeline: [GeneratedPostmortem.TimelineEntry] = []
        for (time, event) in zip(milestones, Self.milestoneEvents) {
            timeline.append(GeneratedPostmortem.TimelineEntry(time: time, text: "\(event) \(sentence())"))
        }
        let status: GeneratedPostmortem.Status = random.pick([.draft, .draft, .draft, .inReview, .published])
        let owners = authors.map(\.handle) + random.pick(2, of: Person.team.map(\.handle))
        return GeneratedPostmortem(
            slug: Self.slug(title), title: title, severity: random.pick([1, 2, 2, 3, 3, 3, 4, 4, 4, 4]), status: status,
            services: services, tags: random.pick(2, of: Self.tags),
            authors: authors, milestones: milestones, summary: paragraph(1...3),
            impact: impactParagraph(service: services[0]), timeline: timeline,
            rootCause: (0..<random.int(in: 3...6)).map { _ in cause() },
            wentWell: (0..<random.int(in: 1...3)).map { _ in sentence() },
            wentBadly: (0..<random.int(in: 1...3)).map { _ in sentence() },
            actionItems: (0..<random.int(in: 2...4)).map { _ in
                actionItem(owner: random.pick(owners), incident: start, isDone: status == .published && random.chance(30))
            })
    }

    /// A title such as "The connection pool timed out on a failover in checkout-api".
    mutating func title(service: String) -> String {
        "\(Self.capitalized(random.pick(Self.subjects))) \(random.pick(Self.verbs)) \(random.pick(Self.events)) in \(service)"
    }

    /// A sentence of incident prose from the shared vocabulary.
    mutating func sentence() -> String {
        "\(Self.capitalized(random.pick(Self.subjects))) \(random.pick(Self.verbs)) \(random.pick(Self.events))."
    }

    /// A Root cause sentence: either prose or a missing limit.
    mutating func cause() -> String {
        random.chance(60)
            ? sentence() : "\(Self.capitalized(random.pick(Self.subjects))) had no limit on \(random.pick(Self.limits))."
    }

    /// What a timeline entry added after the incident says.
    mutating func followUp() -> String {
        random.chance(70) ? random.pick(Self.followUps) : sentence()
    }

    /// A follow-up for an incident that started at `incident`, due one to eight weeks later.
    mutating func actionItem(owner: String, incident: UTCMinute, isDone: Bool = false) -> GeneratedPostmortem.ActionItem {
        defer { nextTicket += 1 }
        return GeneratedPostmortem.ActionItem(
            isDone: isDone, action: "\(random.pick(Self.actions)) \(random.pick(Self.subjects))", owner: owner,
            due: incident.adding(minutes: random.int(in: 7...60) * UTCMinute.minutesPerDay), ticket: "OPS-\(nextTicket)",
            type: random.chance(40) ? random.pick(Self.actionTypes) : nil)
    }

    /// A paragraph of a number of sentences drawn from `sentences`.
    private mutating func paragraph(_ sentences: ClosedRange<Int>) -> String {
        (0..<random.int(in: sentences)).map { _ in sentence() }.joined(separator: " ")
    }

    /// Numbers, hosts and durations: the words that make every real postmortem's vocabulary different.
    private mutating func impactParagraph(service: String) -> String {
        "About \(random.int(in: 1...60))% of requests to \(service) failed for \(random.int(in: 4...180)) minutes. "
            + "The p99 latency rose from \(random.int(in: 20...200)) ms to \(random.int(in: 900...9_000)) ms on "
            + "\(service)-\(random.int(in: 1...40)). \(sentence())"
    }

    /// The slug pm makes from an ASCII title: lowercase letters and digits, single hyphens, at most 60 characters
    /// cut at a hyphen.
    static func slug(_ title: String) -> String {
        var slug = ""
        for character in title.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
        }
        if slug.count > 60 {
            let cut = slug.prefix(61).lastIndex(of: "-") ?? slug.index(slug.startIndex, offsetBy: 60)
            slug = String(slug[..<cut])
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }

    /// The phrase with its first letter in upper case, to begin a sentence.
    private static func capitalized(_ phrase: String) -> String {
        phrase.prefix(1).uppercased() + phrase.dropFirst()
    }
}
