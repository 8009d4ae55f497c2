import Foundation

/// Writes realistic, valid postmortems: front matter, the template's sections, a timeline and action items.
struct PostmortemGenerator {
    var random: SeededGenerator

    static let services = [
        "checkout-api", "payments-db", "search", "auth", "billing", "cdn", "queue", "mobile-gateway", "inventory",
        "notifications", "ledger", "recommendations", "dns", "object-store", "kafka", "redis-cache",
    ]
    static let tags = [
        "database", "failover", "network", "deploy", "config", "capacity", "dependency", "certificate", "dns", "latency",
    ]
    static let people = ["dana", "lee", "sam", "ari", "kim", "noor", "jo", "max", "ren", "zoe", "ivo", "mei"]
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

    mutating func sentence() -> String {
        let subject = random.pick(Self.subjects)
        return subject.prefix(1).uppercased() + subject.dropFirst() + " " + random.pick(Self.verbs) + " "
            + random.pick(Self.events) + "."
    }

    mutating func paragraph(_ sentences: ClosedRange<Int>) -> String {
        (0..<random.int(in: sentences)).map { _ in sentence() }.joined(separator: " ")
    }

    /// A postmortem for incident `number` on `date`; returns its id and text.
    mutating func postmortem(number: Int, date: Date) -> (id: String, text: String) {
        let day = Self.day(date)
        let subject = random.pick(Self.subjects)
        let title =
            "\(subject.prefix(1).uppercased() + subject.dropFirst()) \(random.pick(Self.verbs)) \(random.pick(Self.events)) (\(number))"
        let slug = title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { result, character in
            if character != "-" || result.last != "-" { result.append(character) }
        }.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        let id = "\(day)-\(String(slug.prefix(60)).trimmingCharacters(in: CharacterSet(charactersIn: "-")))"
        let start = random.int(in: 0...20)
        let minutes = [0, random.int(in: 2...15), random.int(in: 16...25), random.int(in: 26...90), random.int(in: 91...200)]
        func time(_ offset: Int) -> String { String(format: "%02d:%02d", (start + (offset / 60)) % 24, offset % 60) }
        func stamp(_ offset: Int) -> String { "\(day)T\(time(offset)):00Z" }
        let owners = (0..<3).map { _ in random.pick(Self.people) }
        var text = """
            ---
            title: "\(title)"
            date: \(day)
            severity: SEV\(random.int(in: 1...4))
            status: \(random.pick(["draft", "in-review", "published", "published"]))
            services: [\(random.pick(Self.services)), \(random.pick(Self.services))]
            tags: [\(random.pick(Self.tags)), \(random.pick(Self.tags))]
            authors: [\(owners[0]), \(owners[1])]
            started: \(stamp(minutes[0]))
            detected: \(stamp(minutes[1]))
            acknowledged: \(stamp(minutes[2]))
            mitigated: \(stamp(minutes[3]))
            resolved: \(stamp(minutes[4]))
            ---

            ## Summary
            \(paragraph(1...3))

            ## Impact
            \(paragraph(2...4))

            ## Timeline

            """
        for (offset, event) in zip(
            minutes,
            [
                "Errors begin.", "An alert fires.", "The on-call engineer acknowledges the page.", "Traffic is shifted away.",
                "Service is back to normal.",
            ])
        {
            text += "- \(time(offset)) \(event) \(sentence())\n"
        }
        text += """

            ## Root cause
            \(paragraph(3...6))

            ## What went well
            - \(sentence())

            ## What did not go well
            - \(sentence())

            ## Action items

            """
        for (index, owner) in owners.enumerated() {
            let due = Self.day(date.addingTimeInterval(Double(random.int(in: 7...60)) * 86_400))
            let done = random.int(in: 0...2) == 0 ? "x" : " "
            text +=
                "- [\(done)] Add a check for \(random.pick(Self.subjects)) — owner: @\(owner) — due: \(due) — ticket: OPS-\(number * 3 + index)\n"
        }
        return (id, text)
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
